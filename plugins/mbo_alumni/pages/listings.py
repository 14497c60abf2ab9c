"""The section pages: the directory, the agenda and its month pages, and what home shows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..core import urls
from ..outputs.calendar_links import subscribe_links
from ..outputs.record import Records
from ..source.articles import Article
from ..source.load import Data
from ..source.model import ended
from .charts import per_year, region_map, relative, year_chart
from .groups import region_parts

# No page grows with the data: lists longer than these go to the month pages and the feeds.
from .specs import (
    LISTED_ASSOCIATIONS,
    SHOWN_PAST,
    SHOWN_UPCOMING,
    PageSpec,
    Shared,
)
from .views import (
    agenda_sections,
    directory_groups,
    held_views,
    newest_articles,
    split,
)


def home_context(
    data: Data, articles: list[Article], today: date, records: Records
) -> dict[str, Any]:
    """Return what the home page shows from the data: next events, new articles, counts."""
    site = records.site
    # Views only of what has not ended (a series: of its occurrences from today on).
    live = [e for e in data.events if not ended(e, today)]
    coming = [v for v in held_views(live, records) if not ended(v.event, today)]
    upcoming, _ = split(coming, today)
    return {
        "next_events": upcoming[:3],
        "new_articles": newest_articles(articles, 3),
        "association_count": len(data.associations),
        "has_themes": bool(data.themes),
        "subscribe": subscribe_links(site, site.paths.site_calendar),
    }


def directory_page(shared: Shared) -> PageSpec:
    """Return the directory: every association, grouped by province."""
    words, paths = shared.site.words, shared.site.paths
    counts = Counter(a.province for a in shared.data.associations)
    return PageSpec(
        urls.page_source(shared.site.paths.directory),
        words("directory.title"),
        "mbo-alumni/directory.html",
        {
            "groups": directory_groups(shared.associations, shared.data.regions.names),
            "listed": len(shared.associations) <= LISTED_ASSOCIATIONS,
            "province_pages": {
                f.name: region_parts(f.page, counts[f.name])
                for f in shared.facets
                if f.kind == "provincie"
            },
            "total": len(shared.associations),
            # Every region, also those without associations (their page points to the nearest).
            "regions": [
                (name, counts[name], shared.site.paths.region_page(name))
                for name in shared.data.regions.names
            ],
            "region_map": region_map(
                [
                    (name, counts[name], relative(paths.region_page(name), paths.directory))
                    for name in shared.data.regions.names
                ],
                words,
            ),
            "institutions": sorted(
                {a.institution for a in shared.data.associations}, key=str.casefold
            ),
        },
        search_text=words("directory.search", region=words("region")),
        in_nav=True,
        description=words(
            "directory.description", region=words("region"), country=words("country")
        ),
    )


def agenda_page(shared: Shared) -> PageSpec:
    """Return the agenda: what is coming, the recent past by year, and every month's page."""
    upcoming, archive = agenda_sections(shared.events, shared.today)
    past_count = sum(len(views) for _, views in archive)
    site, words = shared.site, shared.site.words
    return PageSpec(
        urls.page_source(site.paths.agenda_page),
        words("agenda.title"),
        "mbo-alumni/agenda.html",
        {
            "upcoming": upcoming[:SHOWN_UPCOMING],
            "later": len(upcoming) - min(len(upcoming), SHOWN_UPCOMING),
            "archive": archive if past_count <= SHOWN_PAST else [],
            "past_count": past_count,
            "year_chart": year_chart(per_year([(year, len(v)) for year, v in archive]), words),
            "months": shared.months,
            "subscribe": subscribe_links(site, site.paths.site_calendar),
            "calendar_name": words("calendar.name", name=site.name),
        },
        search_text=words("agenda.search"),
        in_nav=True,
        description=words("agenda.description"),
    )


def month_pages(shared: Shared) -> Iterator[PageSpec]:
    """Yield one page per month with events: every event of that month, in order."""
    months, words = shared.months, shared.site.words
    for index, month in enumerate(months):
        yield PageSpec(
            urls.page_source(month.url),
            words("month.title", month=month.label),
            "mbo-alumni/month.html",
            {
                "month": month,
                "previous": months[index - 1] if index else None,
                "next": months[index + 1] if index + 1 < len(months) else None,
                "today": shared.today,
            },
            search_text=words("month.search", month=month.label),
            description=words("month.description", month=month.label),
        )


def change_page(shared: Shared) -> PageSpec:
    """Return the page whose forms start from an entry's current values (the entry is named
    in the query: ?bijeenkomst=<id> or ?vereniging=<id>)."""
    words = shared.site.words
    return PageSpec(
        urls.page_source(shared.site.paths.change_page),
        words("change.title"),
        "mbo-alumni/change.html",
        search_text=words("change.description"),
        description=words("change.description"),
    )
