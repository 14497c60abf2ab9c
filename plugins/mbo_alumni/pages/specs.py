"""One page the plugin adds (`PageSpec`), what every page kind reads (`Shared`), and the
limits that keep every page small."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from markupsafe import escape

from ..core.website import Site
from ..outputs.agenda_slices import Facet
from ..source.articles import Article
from ..source.load import Data
from .head import Alternate
from .views import (
    AssociationView,
    EventView,
    Month,
    ThemeView,
    by_month,
    start_key,
)

# No page grows with the data: lists longer than these go to the month pages and the feeds.

SHOWN_UPCOMING = 50
SHOWN_PAST = 100
LISTED_ASSOCIATIONS = 300  # above this, the directory lists provinces, each on its own page
MONTH_PAGE_EVENTS = 200  # a month with more events has more than one page
REGION_PAGE_ASSOCIATIONS = 300  # a province with more associations has more than one page

HOME = "index.md"


@dataclass(frozen=True)
class PageSpec:
    """One page the plugin adds to the site."""

    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    search_text: str = ""
    in_nav: bool = False
    alternates: tuple[Alternate, ...] = ()
    description: str = ""  # for link previews (OpenGraph)
    body: str = ""  # Markdown the theme renders itself (e.g. a tags listing); kept as content

    def markdown(self) -> str:
        """Return the Markdown source: front matter and `body`; the template renders the rest.

        The title is HTML-escaped because themes print `page.title` without escaping.
        """
        meta = {"title": str(escape(self.title)), "template": self.template}
        if self.description:  # the theme's <meta name="description"> reads it from here
            meta["description"] = str(escape(self.description))
        # JSON is valid YAML, and json.dumps quotes every character YAML could misread.
        front = "\n".join(f"{key}: {json.dumps(value)}" for key, value in meta.items())
        return f"---\n{front}\n---\n{self.body}"

    def clash(self) -> str:
        """Return the message for a docs page at this page's path."""
        return (
            f"docs/{self.src_uri} bestaat al, maar deze pagina wordt gemaakt uit de gegevens; "
            "verwijder het bestand"
        )

    def search_html(self) -> str:
        """Return the page's text for the site search index: escaped, without a wrapping
        element (the search shows it as it is; a <p> would cost 7 bytes per entry)."""
        return str(escape(self.search_text))


@dataclass
class Shared:
    """What every page kind reads: the data, its display forms, and the day of the build."""

    data: Data
    articles: list[Article]
    today: date
    site: Site
    facets: Sequence[Facet]
    events: list[EventView]  # every single event and every occurrence of a series
    associations: list[AssociationView]
    themes: list[ThemeView]
    series: list[EventView] = field(default_factory=list)  # the series themselves

    @cached_property
    def months(self) -> list[Month]:
        return by_month(self.events, self.site, MONTH_PAGE_EVENTS)

    @cached_property
    def views_of(self) -> dict[str, list[EventView]]:
        """Each event's view, or each occurrence's of a series, by the event's id."""
        found: dict[str, list[EventView]] = {}
        for view in self.events:
            found.setdefault(view.event.id, []).append(view)
        return found

    @property
    def pages(self) -> list[EventView]:
        """The events with a page: every single event and every series."""
        return [v for v in self.events if v.event.repeat is None and v.occurrence is None] + (
            self.series
        )

    @cached_property
    def events_of(self) -> dict[str, list[EventView]]:
        """Each association's events in order of start (an index: O(events) in all)."""
        found: dict[str, list[EventView]] = {a.id: [] for a in self.data.associations}
        for view in sorted(self.events, key=start_key):
            for organizer in view.event.organizer:
                found[organizer].append(view)
        return found


def bounded(upcoming: list[EventView], past: list[EventView]) -> dict[str, Any]:
    """Return a page's event lists cut to size, with how many were left out."""
    return {
        "upcoming": upcoming[:SHOWN_UPCOMING],
        "past": past[: SHOWN_PAST // 2],
        "left_out": max(0, len(upcoming) - SHOWN_UPCOMING) + max(0, len(past) - SHOWN_PAST // 2),
    }
