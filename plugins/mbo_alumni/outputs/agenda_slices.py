"""The agenda cut by province and by theme: which events each facet holds and its feed paths."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..core.urls import Paths, slug
from ..core.website import Site
from ..source.model import Association, Event, Theme, chronological


@dataclass(frozen=True)
class Facet:
    """A part of the agenda someone can follow: one province, or one theme."""

    kind: str  # "provincie" or "thema": part of the feed paths
    key: str  # the slug in the paths
    name: str  # "Noord-Brabant", or the theme's name
    page: str  # site-relative URL of the page that announces the feeds
    events: tuple[Event, ...]  # in order of start
    base: str  # the feeds' path without extension: 'agenda.provincie-utrecht'
    title: str  # the feeds' name: 'Agenda Utrecht'

    @property
    def calendar(self) -> str:
        return f"{self.base}.ics"

    @property
    def rss(self) -> str:
        return Paths.news_feeds(self.base)[0]

    @property
    def atom(self) -> str:
        return Paths.news_feeds(self.base)[1]


def _facet(site: Site, kind: str, key: str, name: str, page: str, events: list[Event]) -> Facet:
    base = site.paths.facet_feed(kind, key)
    title = site.words("calendar.name", name=name)
    return Facet(kind, key, name, page, tuple(events), base, title)


def province_facets(
    associations: Sequence[Association],
    events: Sequence[Event],
    site: Site,
    regions: Sequence[str],
) -> list[Facet]:
    """Return a facet per province that has associations (in the order of the region list):
    the events they organise."""
    province_of = {a.id: a.province for a in associations}
    by_province: dict[str, list[Event]] = {p: [] for p in set(province_of.values())}
    for event in sorted(events, key=chronological):
        for province in dict.fromkeys(province_of[i] for i in event.organizer if i in province_of):
            by_province[province].append(event)
    return [
        _facet(site, "provincie", slug(p), p, site.paths.region_page(p), by_province[p])
        for p in regions
        if p in by_province
    ]


def theme_facets(themes: Sequence[Theme], events: Sequence[Event], site: Site) -> list[Facet]:
    """Return a facet per theme that has events."""
    by_theme: dict[str, list[Event]] = {t.id: [] for t in themes}
    for event in sorted(events, key=chronological):
        for tag in event.tags:
            if tag in by_theme:
                by_theme[tag].append(event)
    return [
        _facet(site, "thema", t.id, t.name, site.paths.theme_page(t.id), by_theme[t.id])
        for t in themes
        if by_theme[t.id]
    ]
