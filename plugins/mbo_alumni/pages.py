"""Models -> generated pages: where each page lives, its template and its template context."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache
from itertools import groupby
from typing import Any

from markupsafe import Markup, escape

from . import dutch, feeds, urls
from .articles import Article
from .calendar import AddLinks, Site, add_links, subscribe_links
from .checks import months_between
from .facets import Facet
from .load import Data
from .model import PROVINCES, Association, Event, Theme, chronological
from .structured import event_data, organization, script
from .text import markdown_to_html, summary

DIRECTORY = "verenigingen/index.md"
AGENDA = "agenda/index.md"
THEMES = "themas/index.md"
HOME = "index.md"


def association_src(ident: str) -> str:
    """Return the source path of an association page."""
    return urls.page_source(urls.association_page(ident))


def theme_src(ident: str) -> str:
    """Return the source path of a theme page."""
    return urls.page_source(urls.theme_page(ident))


def event_src(ident: str) -> str:
    """Return the source path of an event page."""
    return urls.page_source(urls.event_page(ident))


@dataclass(frozen=True)
class Alternate:
    """A feed announced in a page's <head> with <link rel="alternate">."""

    type: str
    title: str
    path: str  # relative to the site root; kept at the root (Material fetches a sitemap beside it)


SITE_ALTERNATES = (
    Alternate("text/calendar", "Agenda (iCalendar)", urls.SITE_CALENDAR),
    Alternate("application/rss+xml", "Agenda (RSS)", feeds.AGENDA.rss_path),
    Alternate("application/atom+xml", "Agenda (Atom)", feeds.AGENDA.atom_path),
    Alternate("application/rss+xml", "Artikelen (RSS)", feeds.ARTICLES.rss_path),
    Alternate("application/atom+xml", "Artikelen (Atom)", feeds.ARTICLES.atom_path),
)


@lru_cache(maxsize=4096)  # the same few links for every page at the same depth
def alternate_links(alternates: tuple[Alternate, ...], prefix: str) -> str:
    """Return the <link rel="alternate"> tags, with hrefs relative to a page via `prefix`."""
    return "".join(
        str(
            Markup('<link rel="alternate" type="{}" title="{}" href="{}">\n').format(
                alternate.type, alternate.title, prefix + alternate.path
            )
        )
        for alternate in alternates
    )


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


@dataclass
class EventView:
    """An event with what its pages show, worded in Dutch.

    What only the event's own page shows is computed when first asked for: lists of
    thousands of events then cost no Markdown rendering and no link building.
    """

    event: Event
    when: str
    status_label: str
    url: str
    organizers: list[Association]
    last_day: date
    ics: str
    site: Site

    @cached_property
    def description_html(self) -> Markup | None:
        return _html(self.event.description)

    @cached_property
    def add(self) -> AddLinks:
        return add_links(self.event, self.site, self.organizers)


@dataclass(frozen=True)
class AssociationView:
    """An association with what its pages show."""

    association: Association
    url: str
    description_html: Markup | None
    checked: str | None
    outdated: bool  # never confirmed, or not for OUTDATED_AFTER_MONTHS


def _html(markdown: str | None) -> Markup | None:
    # markdown_to_html sanitises with nh3, so the result may be marked safe.
    return Markup(markdown_to_html(markdown)) if markdown else None


def event_view(event: Event, associations: dict[str, Association], site: Site) -> EventView:
    """Return the display form of an event."""
    return EventView(
        event=event,
        when=dutch.when(event.start, event.end),
        status_label=dutch.status_label(event.status),
        url=urls.event_page(event.id),
        organizers=[associations[ident] for ident in event.organizer],
        last_day=dutch.last_day(event.start, event.end),
        ics=urls.event_download(event.id),
        site=site,
    )


OUTDATED_AFTER_MONTHS = 24  # the page says so; the maintainers' patrol starts at 18


def association_view(association: Association, today: date) -> AssociationView:
    """Return the display form of an association."""
    checked = association.checked
    return AssociationView(
        association=association,
        url=urls.association_page(association.id),
        description_html=_html(association.description),
        checked=dutch.day(checked) if checked else None,
        outdated=checked is None or months_between(checked, today) >= OUTDATED_AFTER_MONTHS,
    )


def _start_key(view: EventView) -> tuple[datetime, str]:
    return chronological(view.event)


def agenda_sections(
    views: list[EventView], today: date
) -> tuple[list[EventView], list[tuple[int, list[EventView]]]]:
    """Return upcoming events (soonest first) and the archive by year (newest first)."""
    upcoming = sorted((v for v in views if v.last_day >= today), key=_start_key)
    past = sorted((v for v in views if v.last_day < today), key=_start_key, reverse=True)
    archive = [
        (year, list(group)) for year, group in groupby(past, key=lambda v: v.event.start.year)
    ]
    return upcoming, archive


def directory_groups(views: list[AssociationView]) -> list[tuple[str, list[AssociationView]]]:
    """Return the associations grouped by province (in the provinces' order), by name inside."""
    groups = []
    for province in PROVINCES:
        members = [v for v in views if v.association.province == province]
        if members:
            members.sort(key=lambda v: (v.association.name.casefold(), v.association.id))
            groups.append((province, members))
    return groups


@dataclass(frozen=True)
class ThemeView:
    """A theme with its page URL."""

    theme: Theme
    url: str


def theme_views(data: Data) -> list[ThemeView]:
    """Return the themes in name order, with their page URLs."""
    themes = sorted(data.themes, key=lambda t: t.name.casefold())
    return [ThemeView(t, urls.theme_page(t.id)) for t in themes]


def tags_listing(theme: Theme) -> str:
    """Return Material's tags-plugin directive that lists the pages tagged with a theme."""
    return f"\n<!-- material/tags {json.dumps({'include': [theme.name]})} -->\n"


def newest_articles(articles: list[Article], count: int) -> list[Article]:
    """Return the newest dated articles, newest first."""
    dated = [a for a in articles if a.date is not None]
    return sorted(dated, key=lambda a: (a.date, a.src), reverse=True)[:count]


def home_context(data: Data, articles: list[Article], today: date, site: Site) -> dict[str, Any]:
    """Return what the home page shows from the data: next events, new articles, counts."""
    by_id = {a.id: a for a in data.associations}
    coming = [e for e in data.events if dutch.last_day(e.start, e.end) >= today]
    upcoming, _ = agenda_sections([event_view(e, by_id, site) for e in coming], today)
    return {
        "next_events": upcoming[:3],
        "new_articles": newest_articles(articles, 3),
        "association_count": len(data.associations),
        "has_themes": bool(data.themes),
        "subscribe": subscribe_links(site, urls.SITE_CALENDAR),
    }


def embed_snippet(association: Association, site: Site) -> str:
    """Return the <iframe> an association pastes into its own website."""
    return str(
        Markup(
            '<iframe src="{}" title="Bijeenkomsten van {}" width="100%" height="420" '
            'style="border:0;max-width:40rem" loading="lazy"></iframe>'
        ).format(site.absolute(urls.embed_page(association.id)), association.name)
    )


def facet_alternates(facet: Facet) -> tuple[Alternate, ...]:
    """Return the feeds a province's or theme's page announces."""
    return (
        Alternate("text/calendar", f"{facet.title} (iCalendar)", facet.calendar),
        Alternate("application/rss+xml", f"{facet.title} (RSS)", facet.rss),
        Alternate("application/atom+xml", f"{facet.title} (Atom)", facet.atom),
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
    events = [event_view(e, by_id, site) for e in data.events]
    view_of = {view.event.id: view for view in events}
    theme_facet = {f.key: f for f in facets if f.kind == "thema"}
    themes = theme_views(data)
    theme_of = {view.theme.id: view for view in themes}

    associations = [association_view(a, today) for a in data.associations]
    upcoming, archive = agenda_sections(events, today)

    yield PageSpec(
        DIRECTORY,
        "Verenigingen",
        "mbo-alumni/directory.html",
        {
            "groups": directory_groups(associations),
            "province_pages": {f.name: f.page for f in facets if f.kind == "provincie"},
            "total": len(associations),
            "institutions": sorted({a.institution for a in data.associations}, key=str.casefold),
        },
        search_text="Alle alumniverenigingen van mbo-scholen, per provincie.",
        in_nav=True,
        description="Alle alumniverenigingen van mbo-scholen in Nederland, per provincie.",
    )
    yield PageSpec(
        AGENDA,
        "Agenda",
        "mbo-alumni/agenda.html",
        {
            "upcoming": upcoming,
            "archive": archive,
            "subscribe": subscribe_links(site, urls.SITE_CALENDAR),
            "calendar_name": f"Agenda {site.name}",
        },
        search_text="Bijeenkomsten over alumnibeleid in het mbo.",
        in_nav=True,
        description="Bijeenkomsten over alumnibeleid in het mbo: wat er komt en wat er was.",
    )
    events_of: dict[str, list[EventView]] = {a.id: [] for a in data.associations}
    for view in sorted(events, key=_start_key):
        for organizer in view.event.organizer:
            events_of[organizer].append(view)
    for item in associations:
        a = item.association
        mine = events_of[a.id]
        feed = urls.association_calendar(a.id)
        yield PageSpec(
            association_src(a.id),
            a.name,
            "mbo-alumni/association.html",
            {
                "item": item,
                "upcoming": [e for e in mine if e.last_day >= today],
                "past": [e for e in reversed(mine) if e.last_day < today],
                "subscribe": subscribe_links(site, feed),
                "calendar_name": f"Agenda {a.name}",
                "jsonld": script(organization(a, site)),
                "articles": [x for x in articles if a.id in x.associations],
                "embed": site.absolute(urls.embed_page(a.id)),
                "embed_code": embed_snippet(a, site),
                "events_api": site.absolute(urls.association_events_api(a.id)),
            },
            search_text=" ".join(
                filter(None, [a.name, a.institution, a.city, a.province, a.description])
            ),
            alternates=(Alternate("text/calendar", f"Agenda {a.name} (iCalendar)", feed),),
            description=summary(a.description)
            or f"Alumnivereniging van {a.institution} in {a.city}.",
        )
    for facet in (f for f in facets if f.kind == "provincie"):
        members = [v for v in associations if v.association.province == facet.name]
        members.sort(key=lambda v: (v.association.name.casefold(), v.association.id))
        views = [view_of[e.id] for e in facet.events]
        yield PageSpec(
            urls.page_source(facet.page),
            facet.name,
            "mbo-alumni/province.html",
            {
                "province": facet.name,
                "members": members,
                "upcoming": [v for v in views if v.last_day >= today],
                "past": [v for v in reversed(views) if v.last_day < today],
                "subscribe": subscribe_links(site, facet.calendar),
                "calendar_name": facet.title,
                "facet": facet,
            },
            search_text=f"Alumniverenigingen in {facet.name}.",
            alternates=facet_alternates(facet),
            description=f"Alumniverenigingen van mbo-scholen in {facet.name} en hun bijeenkomsten.",
        )
    for view in events:
        e = view.event
        yield PageSpec(
            event_src(e.id),
            e.title,
            "mbo-alumni/event.html",
            {
                "item": view,
                "past": view.last_day < today,
                "jsonld": script(event_data(e, view.organizers, site)),
                "reports": [x for x in articles if x.event == e.id],
                "themes": [theme_of[tag] for tag in e.tags if tag in theme_of],
            },
            search_text=" ".join(filter(None, [e.title, view.when, e.description])),
            description=" ".join(
                filter(None, [view.status_label, view.when + ".", summary(e.description)])
            ),
        )

    if not themes:
        return
    yield PageSpec(
        THEMES,
        "Thema's",
        "mbo-alumni/themes.html",
        {
            "themes": themes,
            "counts": {
                view.theme.id: sum(view.theme.name in x.tags for x in articles) for view in themes
            },
        },
        search_text="Alle thema's van de kennisbank over alumnibeleid in het mbo.",
        in_nav=True,
        description="Tips over alumnibeleid in het mbo, per thema.",
    )
    for theme_view in themes:
        theme = theme_view.theme
        tagged = sorted(
            (e for e in events if theme.id in e.event.tags), key=_start_key, reverse=True
        )
        followed = theme_facet.get(theme.id)
        yield PageSpec(
            theme_src(theme.id),
            theme.name,
            "mbo-alumni/theme.html",
            {
                "theme": theme,
                "upcoming": [e for e in reversed(tagged) if e.last_day >= today],
                "past": [e for e in tagged if e.last_day < today],
                "has_articles": any(theme.name in x.tags for x in articles),
                "facet": followed,
                "subscribe": subscribe_links(site, followed.calendar) if followed else None,
                "calendar_name": followed.title if followed else "",
            },
            alternates=facet_alternates(followed) if followed else (),
            search_text=" ".join(filter(None, [theme.name, theme.description])),
            description=theme.description or f"Artikelen en bijeenkomsten over {theme.name}.",
            body=tags_listing(theme),
        )


def article_links(article: Article, data: Data, relative: Any) -> str:
    """Return the HTML block an article page gets: its event and associations, linked.

    `relative(url)` turns a site-relative URL into one relative to the article page.
    """
    parts: list[Markup] = []
    event = next((e for e in data.events if e.id == article.event), None)
    if event is not None:
        parts.append(
            Markup('<p>Dit artikel gaat over de bijeenkomst <a href="{}">{}</a> ({}).</p>').format(
                relative(urls.event_page(event.id)),
                event.title,
                dutch.when(event.start, event.end),
            )
        )
    named = [a for a in data.associations if a.id in article.associations]
    if named:
        links = Markup(", ").join(
            Markup('<a href="{}">{}</a>').format(relative(urls.association_page(a.id)), a.name)
            for a in named
        )
        parts.append(Markup("<p>Verenigingen in dit artikel: {}.</p>").format(links))
    if not parts:
        return ""
    return str(
        Markup('<aside class="mbo-related" aria-label="Bij dit artikel">{}</aside>').format(
            Markup("").join(parts)
        )
    )
