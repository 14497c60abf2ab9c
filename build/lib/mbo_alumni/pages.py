"""Models -> generated pages: where each page lives, its template and its template context."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial
from typing import Any

from markupsafe import Markup, escape

from . import urls
from .alternates import Alternate, calendar_alternate, facet_alternates
from .articles import Article
from .calendar_links import subscribe_links
from .facets import Facet
from .load import Data
from .model import Theme, ended
from .site import Site
from .structured import Deferred, event_script, organization_script
from .text import summary
from .views import (
    AssociationView,
    EventView,
    Month,
    ThemeView,
    agenda_sections,
    association_view,
    by_month,
    directory_groups,
    embed_snippet,
    event_view,
    newest_articles,
    split,
    start_key,
    theme_views,
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
        # JSON is valid YAML, and json.dumps quotes every character YAML could misread.
        front = "\n".join(f"{key}: {json.dumps(value)}" for key, value in meta.items())
        return f"---\n{front}\n---\n{self.body}"

    def search_html(self) -> str:
        """Return escaped HTML of the page's text, for the site search index."""
        return str(Markup("<p>{}</p>").format(self.search_text))


def tags_listing(theme: Theme) -> str:
    """Return Material's tags-plugin directive that lists the pages tagged with a theme."""
    return f"\n<!-- material/tags {json.dumps({'include': [theme.name]})} -->\n"


def home_context(data: Data, articles: list[Article], today: date, site: Site) -> dict[str, Any]:
    """Return what the home page shows from the data: next events, new articles, counts."""
    by_id = {a.id: a for a in data.associations}
    coming = [event_view(e, by_id, site) for e in data.events if not ended(e, today)]
    upcoming, _ = split(coming, today)
    return {
        "next_events": upcoming[:3],
        "new_articles": newest_articles(articles, 3),
        "association_count": len(data.associations),
        "has_themes": bool(data.themes),
        "subscribe": subscribe_links(site, site.paths.site_calendar),
    }


@dataclass
class _Shared:
    """What every page kind reads: the data, its display forms, and the day of the build."""

    data: Data
    articles: list[Article]
    today: date
    site: Site
    facets: Sequence[Facet]
    events: list[EventView]
    associations: list[AssociationView]
    themes: list[ThemeView]

    @cached_property
    def months(self) -> list[Month]:
        return by_month(self.events, self.site, MONTH_PAGE_EVENTS)

    @cached_property
    def view_of(self) -> dict[str, EventView]:
        return {view.event.id: view for view in self.events}

    @cached_property
    def events_of(self) -> dict[str, list[EventView]]:
        """Each association's events in order of start (an index: O(events) in all)."""
        found: dict[str, list[EventView]] = {a.id: [] for a in self.data.associations}
        for view in sorted(self.events, key=start_key):
            for organizer in view.event.organizer:
                found[organizer].append(view)
        return found


def _bounded(upcoming: list[EventView], past: list[EventView]) -> dict[str, Any]:
    """Return a page's event lists cut to size, with how many were left out."""
    return {
        "upcoming": upcoming[:SHOWN_UPCOMING],
        "past": past[: SHOWN_PAST // 2],
        "left_out": max(0, len(upcoming) - SHOWN_UPCOMING) + max(0, len(past) - SHOWN_PAST // 2),
    }


def directory_page(shared: _Shared) -> PageSpec:
    """Return the directory: every association, grouped by province."""
    words = shared.site.words
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


def agenda_page(shared: _Shared) -> PageSpec:
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
            "months": shared.months,
            "subscribe": subscribe_links(site, site.paths.site_calendar),
            "calendar_name": words("calendar.name", name=site.name),
        },
        search_text=words("agenda.search"),
        in_nav=True,
        description=words("agenda.description"),
    )


def month_pages(shared: _Shared) -> Iterator[PageSpec]:
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


def association_pages(shared: _Shared) -> Iterator[PageSpec]:
    """Yield one page per association: details, its events, articles, its feed, the embed."""
    site, today, words, paths = shared.site, shared.today, shared.site.words, shared.site.paths
    for item in shared.associations:
        a = item.association
        mine = shared.events_of[a.id]
        feed = paths.association_calendar(a.id)
        calendar_name = words("calendar.name", name=a.name)
        upcoming, past = split(mine, today)
        yield PageSpec(
            urls.page_source(item.url),
            a.name,
            "mbo-alumni/association.html",
            {
                "item": item,
                "upcoming": upcoming,
                "past": past,
                "subscribe": subscribe_links(site, feed),
                "calendar_name": calendar_name,
                "jsonld": Deferred(partial(organization_script, a, site)),
                "articles": [x for x in shared.articles if a.id in x.associations],
                "embed": site.absolute(paths.embed_page(a.id)),
                "embed_code": embed_snippet(a, site),
                "events_api": site.absolute(paths.association_events_api(a.id)),
            },
            search_text=" ".join(
                filter(None, [a.name, a.institution, a.city, a.province, a.description])
            ),
            alternates=(calendar_alternate(site, calendar_name, feed),),
            description=summary(a.description)
            or words("association.description", institution=a.institution, city=a.city),
        )


def region_parts(page: str, count: int) -> list[str]:
    """Return the pages of a province with `count` associations: its own page, then
    'provincies/<slug>/2/' and so on, REGION_PAGE_ASSOCIATIONS on each."""
    parts = max(1, -(-count // REGION_PAGE_ASSOCIATIONS))
    return [page, *(f"{page}{part}/" for part in range(2, parts + 1))]


def province_pages(shared: _Shared) -> Iterator[PageSpec]:
    """Yield the pages of each province with associations: them, their events, its feeds.

    The first page has the events and the feeds; a province with more associations than
    fit on one page lists the rest on further pages."""
    words = shared.site.words
    for facet in (f for f in shared.facets if f.kind == "provincie"):
        members = [v for v in shared.associations if v.association.province == facet.name]
        members.sort(key=lambda v: (v.association.name.casefold(), v.association.id))
        views = [shared.view_of[e.id] for e in facet.events]
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
                    **(_bounded(*split(views, shared.today)) if first else {}),
                    "subscribe": subscribe_links(shared.site, facet.calendar),
                    "calendar_name": facet.title,
                    "facet": facet,
                },
                search_text=words("region.search", region=facet.name),
                alternates=facet_alternates(facet, shared.site),
                description=words("region.description", region=facet.name),
            )


def event_pages(shared: _Shared) -> Iterator[PageSpec]:
    """Yield one page per event: when, where, who, its reports and its themes."""
    theme_of = {view.theme.id: view for view in shared.themes}
    for view in shared.events:
        e = view.event
        yield PageSpec(
            urls.page_source(view.url),
            e.title,
            "mbo-alumni/event.html",
            {
                "item": view,
                "past": ended(e, shared.today),
                "jsonld": Deferred(partial(event_script, e, view.organizers, shared.site)),
                "reports": [x for x in shared.articles if x.event == e.id],
                "themes": [theme_of[tag] for tag in e.tags if tag in theme_of],
            },
            search_text=" ".join(filter(None, [e.title, view.when, e.description])),
            description=" ".join(
                filter(None, [view.status_label, view.when + ".", summary(e.description)])
            ),
        )


def theme_pages(shared: _Shared) -> Iterator[PageSpec]:
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
                **_bounded(*split(tagged, shared.today)),
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


def build_pages(
    data: Data,
    articles: list[Article],
    today: date,
    site: Site,
    facets: Sequence[Facet] = (),
) -> Iterator[PageSpec]:
    """Yield every page the plugin generates, detail pages out of the navigation."""
    by_id = {a.id: a for a in data.associations}
    shared = _Shared(
        data=data,
        articles=articles,
        today=today,
        site=site,
        facets=facets,
        events=[event_view(e, by_id, site) for e in data.events],
        associations=[association_view(a, today, site) for a in data.associations],
        themes=theme_views(data, site),
    )
    yield directory_page(shared)
    yield agenda_page(shared)
    yield from association_pages(shared)
    yield from province_pages(shared)
    yield from month_pages(shared)
    yield from event_pages(shared)
    yield from theme_pages(shared)
