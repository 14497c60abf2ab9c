"""The agenda cut by province and by theme: which events each facet holds and its feed paths."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import urls
from .model import PROVINCES, Association, Event, Theme, chronological


@dataclass(frozen=True)
class Facet:
    """A part of the agenda someone can follow: one province, or one theme."""

    kind: str  # "provincie" or "thema": part of the feed paths
    key: str  # the slug in the paths
    name: str  # "Noord-Brabant", or the theme's name
    page: str  # site-relative URL of the page that announces the feeds
    events: tuple[Event, ...]  # in order of start

    @property
    def base(self) -> str:
        return urls.facet_feed(self.kind, self.key)

    @property
    def calendar(self) -> str:
        return f"{self.base}.ics"

    @property
    def rss(self) -> str:
        return f"{self.base}.rss.xml"

    @property
    def atom(self) -> str:
        return f"{self.base}.atom.xml"

    @property
    def title(self) -> str:
        return f"Agenda {self.name}"


def province_facets(associations: Sequence[Association], events: Sequence[Event]) -> list[Facet]:
    """Return a facet per province that has associations: the events they organise."""
    province_of = {a.id: a.province for a in associations}
    by_province: dict[str, list[Event]] = {p: [] for p in set(province_of.values())}
    for event in sorted(events, key=chronological):
        for province in dict.fromkeys(province_of[i] for i in event.organizer if i in province_of):
            by_province[province].append(event)
    return [
        Facet("provincie", urls.slug(p), p, urls.province_page(p), tuple(by_province[p]))
        for p in PROVINCES
        if p in by_province
    ]


def theme_facets(themes: Sequence[Theme], events: Sequence[Event]) -> list[Facet]:
    """Return a facet per theme that has events."""
    by_theme: dict[str, list[Event]] = {t.id: [] for t in themes}
    for event in sorted(events, key=chronological):
        for tag in event.tags:
            if tag in by_theme:
                by_theme[tag].append(event)
    return [
        Facet("thema", t.id, t.name, urls.theme_page(t.id), tuple(by_theme[t.id]))
        for t in themes
        if by_theme[t.id]
    ]
