"""The pages of a group of entries: a region's associations and events, a theme's."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..core import urls
from ..outputs.calendar_links import subscribe_links
from ..source.model import Theme
from .head import facet_alternates

# No page grows with the data: lists longer than these go to the month pages and the feeds.
from .specs import (
    REGION_PAGE_ASSOCIATIONS,
    PageSpec,
    Shared,
    bounded,
)
from .views import (
    split,
)


def region_parts(page: str, count: int) -> list[str]:
    """Return the pages of a province with `count` associations: its own page, then
    'provincies/<slug>/2/' and so on, REGION_PAGE_ASSOCIATIONS on each."""
    parts = max(1, -(-count // REGION_PAGE_ASSOCIATIONS))
    return [page, *(f"{page}{part}/" for part in range(2, parts + 1))]


def province_pages(shared: Shared) -> Iterator[PageSpec]:
    """Yield the pages of each province with associations: them, their events, its feeds.

    The first page has the events and the feeds; a province with more associations than
    fit on one page lists the rest on further pages."""
    words = shared.site.words
    for facet in (f for f in shared.facets if f.kind == "provincie"):
        members = [v for v in shared.associations if v.association.province == facet.name]
        members.sort(key=lambda v: (v.association.name.casefold(), v.association.id))
        views = [view for e in facet.events for view in shared.views_of[e.id]]
        parts = region_parts(facet.page, len(members))
        for index, page in enumerate(parts):
            first = index == 0
            per = REGION_PAGE_ASSOCIATIONS
            title = facet.name
            if len(parts) > 1:
                title = words("part", name=facet.name, part=index + 1, parts=len(parts))
            yield PageSpec(
                urls.page_source(page),
                title,
                "mbo-alumni/province.html",
                {
                    "province": facet.name,
                    "members": members[index * per : (index + 1) * per],
                    "total": len(members),
                    "parts": parts,
                    "part": index + 1,
                    **(bounded(*split(views, shared.today)) if first else {}),
                    "subscribe": subscribe_links(shared.site, facet.calendar),
                    "calendar_name": facet.title,
                    "facet": facet,
                },
                search_text=words("region.search", region=facet.name),
                alternates=facet_alternates(facet, shared.site),
                description=words("region.description", region=facet.name),
            )


def empty_region_pages(shared: Shared) -> Iterator[PageSpec]:
    """Yield a page for each region without associations: it says so, names the associations
    in the nearest regions (its neighbours, or theirs), and points to the join form."""
    words, regions = shared.site.words, shared.data.regions
    filled = {f.name for f in shared.facets if f.kind == "provincie"}
    for region in regions.names:
        if region in filled:
            continue
        nearest = regions.nearest(region, filled)
        near = [v for v in shared.associations if v.association.province in nearest]
        near.sort(key=lambda v: (v.association.province, v.association.name.casefold()))
        yield PageSpec(
            urls.page_source(shared.site.paths.region_page(region)),
            region,
            "mbo-alumni/region-empty.html",
            {
                "province": region,
                "nearest": nearest,
                "beside": dict(regions.neighbours).get(region, ()),
                "near": near[:REGION_PAGE_ASSOCIATIONS],
            },
            search_text=words("region.search", region=region),
            description=words("region.empty", region=region),
        )


def tags_listing(theme: Theme) -> str:
    """Return Material's tags-plugin directive that lists the pages tagged with a theme."""
    return f"\n<!-- material/tags {json.dumps({'include': [theme.name]})} -->\n"


def theme_pages(shared: Shared) -> Iterator[PageSpec]:
    """Yield the themes overview and one page per theme: its articles, events and feeds."""
    if not shared.themes:
        return
    articles, words = shared.articles, shared.site.words
    yield PageSpec(
        urls.page_source(shared.site.paths.themes_page),
        words("themes.title"),
        "mbo-alumni/themes.html",
        {
            "themes": shared.themes,
            "counts": {
                view.theme.id: sum(view.theme.name in x.tags for x in articles)
                for view in shared.themes
            },
        },
        search_text=words("themes.search"),
        in_nav=True,
        description=words("themes.description"),
    )
    theme_facet = {f.key: f for f in shared.facets if f.kind == "thema"}
    for theme_view in shared.themes:
        theme = theme_view.theme
        tagged = [e for e in shared.events if theme.id in e.event.tags]
        followed = theme_facet.get(theme.id)
        yield PageSpec(
            urls.page_source(theme_view.url),
            theme.name,
            "mbo-alumni/theme.html",
            {
                "theme": theme,
                **bounded(*split(tagged, shared.today)),
                "has_articles": any(theme.name in x.tags for x in articles),
                "facet": followed,
                "subscribe": subscribe_links(shared.site, followed.calendar) if followed else None,
                "calendar_name": followed.title if followed else "",
            },
            alternates=facet_alternates(followed, shared.site) if followed else (),
            search_text=" ".join(filter(None, [theme.name, theme.description])),
            description=theme.description or words("theme.description", theme=theme.name),
            body=tags_listing(theme),
        )
