"""Where everything lives on the site: every path in one place (site-relative, no leading /).

Calendar feeds that pages announce stay at the site root: Material's JavaScript fetches
`sitemap.xml` beside every announced alternate link (PRODUCT.md, known traps).
"""

from __future__ import annotations

SITE_CALENDAR = "agenda.ics"


def association_page(ident: str) -> str:
    return f"verenigingen/{ident}/"


def event_page(ident: str) -> str:
    return f"agenda/{ident}/"


def theme_page(ident: str) -> str:
    return f"themas/{ident}/"


def page_source(page: str) -> str:
    """Return the Markdown source path MkDocs turns into the page URL `page`."""
    return f"{page}index.md"


def association_calendar(ident: str) -> str:
    return f"agenda-{ident}.ics"


def event_download(ident: str) -> str:
    return f"agenda/{ident}.ics"
