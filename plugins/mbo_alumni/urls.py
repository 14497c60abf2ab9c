"""Where everything lives on the site: every path in one place (site-relative, no leading /).

Calendar feeds that pages announce stay at the site root: Material's JavaScript fetches
`sitemap.xml` beside every announced alternate link, and a feed in a sub-folder would cost a
404 and a console error on every page view.
"""

from __future__ import annotations

import re
import unicodedata

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


def slug(text: str) -> str:
    """Return a URL slug of a name: 'Fryslân' -> 'fryslan', 'Noord-Brabant' -> 'noord-brabant'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def province_page(province: str) -> str:
    return f"provincies/{slug(province)}/"


def facet_feed(kind: str, key: str) -> str:
    """Return the base path of a province's or theme's feeds: 'agenda.provincie-utrecht'.

    At the site root, like every announced feed; the dot never occurs in an association id,
    so these can never collide with an association's 'agenda-<id>.ics'.
    """
    return f"agenda.{kind}-{key}"


def embed_page(ident: str) -> str:
    return f"embed/{ident}/"


def association_events_api(ident: str) -> str:
    return f"api/associations/{ident}/events.json"


def month_page(year: int, month: int) -> str:
    """Return the page of one month of the agenda: 'agenda/maand/2027-03/'."""
    return f"agenda/maand/{year:04d}-{month:02d}/"
