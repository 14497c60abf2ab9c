"""Where everything lives on the site: every path in one place (site-relative, no leading /).

The folder names are the site's to choose (the plugin's `paths` option); `Paths()` holds
today's. Calendar feeds that pages announce stay at the site root: Material's JavaScript
fetches `sitemap.xml` beside every announced alternate link, and a feed in a sub-folder
would cost a 404 and a console error on every page view.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date


def slug(text: str) -> str:
    """Return a URL slug of a name: 'Fryslân' -> 'fryslan', 'Noord-Brabant' -> 'noord-brabant'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def occurrence_anchor(day: date) -> str:
    """Return the id of an occurrence in its series' page: 'keer-2027-03-02'."""
    return f"keer-{day.isoformat()}"


def page_source(page: str) -> str:
    """Return the Markdown source path MkDocs turns into the page URL `page`."""
    return f"{page}index.md"


class Forms:
    """The issue forms in .github/ISSUE_TEMPLATE/, by what they are for: the one place their
    file names are written (intake, the forms on the site, the patrol and the pages use them)."""

    join_association = "vereniging-aanmelden.yml"
    join_event = "evenement-aanmelden.yml"
    change_association = "vereniging-wijzigen.yml"
    change_event = "bijeenkomst-wijzigen.yml"
    confirm = "gegevens-bevestigen.yml"
    remove = "van-de-site-halen.yml"
    report = "verslag-insturen.yml"


@dataclass(frozen=True)
class Paths:
    """The site's folder names, and every path the plugin builds from them."""

    associations: str = "verenigingen"
    agenda: str = "agenda"
    themes: str = "themas"
    regions: str = "provincies"
    articles: str = "artikelen"
    join: str = "meedoen"

    def checked(self) -> Paths:
        """Return these paths, or raise ValueError when a folder name cannot be used."""
        folders = [self.associations, self.agenda, self.themes, self.regions, self.articles]
        for name in [*folders, self.join]:
            if not re.fullmatch(r"[a-z0-9]+([-_][a-z0-9]+)*", name):
                raise ValueError(
                    f"'{name}' kan geen mapnaam zijn in 'paths'; "
                    "gebruik kleine letters, cijfers en streepjes"
                )
        if len(set(folders)) < len(folders):
            raise ValueError(f"twee mappen in 'paths' heten hetzelfde: {', '.join(folders)}")
        return self

    # Section pages (the templates link to these).
    @property
    def directory(self) -> str:
        return f"{self.associations}/"

    @property
    def agenda_page(self) -> str:
        return f"{self.agenda}/"

    @property
    def themes_page(self) -> str:
        return f"{self.themes}/"

    @property
    def articles_page(self) -> str:
        return f"{self.articles}/"

    @property
    def join_page(self) -> str:
        return f"{self.join}/"

    @property
    def join_source(self) -> str:
        """The Markdown page that shows the join forms ('meedoen.md')."""
        return f"{self.join}.md"

    @property
    def change_page(self) -> str:
        """The page whose forms start from an entry's current values ('meedoen/wijzigen/')."""
        return f"{self.join}/wijzigen/"

    def section(self) -> dict[str, str]:
        """Return the section pages by name, for templates."""
        return {
            "change": self.change_page,
            "directory": self.directory,
            "agenda": self.agenda_page,
            "themes": self.themes_page,
            "articles": self.articles_page,
            "join": self.join_page,
        }

    # Generated pages.
    def association_page(self, ident: str) -> str:
        return f"{self.associations}/{ident}/"

    def event_page(self, ident: str) -> str:
        return f"{self.agenda}/{ident}/"

    def theme_page(self, ident: str) -> str:
        return f"{self.themes}/{ident}/"

    def region_page(self, region: str) -> str:
        return f"{self.regions}/{slug(region)}/"

    def month_page(self, year: int, month: int) -> str:
        """Return the page of one month of the agenda: 'agenda/maand/2027-03/'."""
        return f"{self.agenda}/maand/{year:04d}-{month:02d}/"

    # Feeds and downloads.
    @property
    def site_calendar(self) -> str:
        return f"{self.agenda}.ics"

    @property
    def site_feed(self) -> str:
        """The base of the site-wide news feeds: '<base>.rss.xml', '<base>.atom.xml'."""
        return self.agenda

    def association_calendar(self, ident: str) -> str:
        return f"{self.agenda}-{ident}.ics"

    def event_download(self, ident: str) -> str:
        return f"{self.agenda}/{ident}.ics"

    def facet_feed(self, kind: str, key: str) -> str:
        """Return the base path of a region's or theme's feeds: 'agenda.provincie-utrecht'.

        At the site root, like every announced feed; the dot never occurs in an association
        id, so these can never collide with an association's 'agenda-<id>.ics'.
        """
        return f"{self.agenda}.{kind}-{key}"

    # For other websites.
    def embed_page(self, ident: str) -> str:
        return f"embed/{ident}/"

    def association_events_api(self, ident: str) -> str:
        return f"api/associations/{ident}/events.json"

    # The open data, at fixed paths (the catalogue and other sites link them).
    associations_json = "api/associations.json"
    events_json = "api/events.json"
    ids_json = "api/ids.json"  # the ids in use, which the forms fetch when first submitted
    associations_csv = "api/associations.csv"
    events_csv = "api/events.csv"
    catalogue = "api/catalogus.jsonld"
    open_data_page = "open-data/"  # the site's own page about them (docs/open-data.md)

    @staticmethod
    def schema_of(path: str) -> str:
        """The JSON Schema beside a JSON document: 'api/events.schema.json'."""
        return path.removesuffix(".json") + ".schema.json"

    @staticmethod
    def news_feeds(base: str) -> tuple[str, str]:
        """The RSS and Atom feeds of a base: ('agenda.rss.xml', 'agenda.atom.xml')."""
        return f"{base}.rss.xml", f"{base}.atom.xml"
