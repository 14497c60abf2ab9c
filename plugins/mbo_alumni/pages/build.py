"""Every generated page, in the order the site lists them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from ..core.gcpause import paused_gc
from ..outputs.agenda_slices import Facet, province_facets, theme_facets
from ..outputs.record import Records
from ..source.articles import Article
from ..source.load import Data
from .entries import association_pages, event_pages, removed_pages
from .groups import empty_region_pages, province_pages, theme_pages
from .listings import agenda_page, change_page, directory_page, month_pages

# No page grows with the data: lists longer than these go to the month pages and the feeds.
from .specs import (
    PageSpec,
    Shared,
)
from .views import (
    association_view,
    event_view,
    held_views,
    theme_views,
)


def build_pages(
    data: Data,
    articles: list[Article],
    today: date,
    records: Records,
    facets: Sequence[Facet] = (),
) -> Iterator[PageSpec]:
    """Yield every page the plugin generates, detail pages out of the navigation; `records`
    are the events' records the outputs read too (outputs/record.py)."""
    site = records.site
    shared = Shared(
        data=data,
        articles=articles,
        today=today,
        site=site,
        facets=facets,
        events=held_views(data.events, records),
        series=[event_view(e, records) for e in data.events if e.repeat is not None],
        associations=[association_view(a, today, records) for a in data.associations],
        themes=theme_views(data, site),
    )
    yield directory_page(shared)
    yield agenda_page(shared)
    yield change_page(shared)
    yield from association_pages(shared)
    yield from removed_pages(shared)
    yield from province_pages(shared)
    yield from empty_region_pages(shared)
    yield from month_pages(shared)
    yield from event_pages(shared)
    yield from theme_pages(shared)


def site_pages(
    data: Data, articles: list[Article], today: date, records: Records
) -> tuple[list[PageSpec], list[Facet]]:
    """Return every generated page and the agenda's slices (by region, by theme), which the
    pages and the outputs share."""
    site = records.site
    facets = province_facets(data.associations, data.events, site, data.regions.names)
    facets += theme_facets(data.themes, data.events, site)
    with paused_gc():
        return list(build_pages(data, articles, today, records, facets)), facets
