"""The display form of the data: events, associations and themes as the pages show them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from markupsafe import Markup

from ..core import wording
from ..core.dates import local_day, today
from ..core.urls import occurrence_anchor
from ..core.website import Site
from ..outputs.calendar_links import AddLinks, add_links
from ..outputs.record import AssociationRecord, EventRecord, Records
from ..source.articles import Article
from ..source.checks import months_between
from ..source.load import Data
from ..source.model import Association, Event, Theme, chronological, ended
from ..source.series import held


@dataclass
class EventView:
    """An event as a page lists or shows it: its record (what every output shows of it,
    outputs/record.py) and what only a page adds: the link to it in a list (to an occurrence's
    anchor in its series' page), and the label beside it (a moved occurrence says so).

    What only the event's own page shows is computed when first asked for: lists of
    thousands of events then cost no Markdown rendering and no link building.
    """

    record: EventRecord
    url: str  # a site path, with the occurrence's anchor for one time of a series
    status_label: str
    occurrence: date | None = None  # one occurrence of a series: its day (the page's anchor)

    @property
    def event(self) -> Event:
        return self.record.event

    @property
    def site(self) -> Site:
        return self.record.site

    @property
    def when(self) -> str:
        return self.record.when

    @property
    def organizers(self) -> tuple[Association, ...]:
        return self.record.associations

    @property
    def ics(self) -> str:
        """The one-event .ics download, as a site path."""
        return self.record.download

    @property
    def description_html(self) -> Markup | None:
        return self.record.html

    @property
    def organizer_pages(self) -> list[tuple[str, Association]]:
        """Return (page URL, association) of each organiser, for the event's page."""
        return [(r.page, r.association) for r in self.record.organizers]

    @property
    def add(self) -> AddLinks:
        """Not kept: the event's own page asks once, and 10,000 of them add up."""
        return add_links(self.record, today(self.site.zone))


@dataclass(frozen=True)
class AssociationView:
    """An association with what its pages show: its record (outputs/record.py), and whether
    its data was confirmed lately, which only its page says."""

    record: AssociationRecord
    checked: str | None
    outdated: bool  # never confirmed, or not for OUTDATED_AFTER_MONTHS

    @property
    def association(self) -> Association:
        return self.record.association

    @property
    def url(self) -> str:
        return self.record.page

    @property
    def description_html(self) -> Markup | None:
        return self.record.html


def event_view(
    event: Event, records: Records, occurrence: date | None = None, moved: bool = False
) -> EventView:
    """Return the display form of an event, or of one occurrence of a series (its link lands
    on that occurrence in the series' page)."""
    record = records(event)
    page = record.page
    return EventView(
        record=record,
        url=page if occurrence is None else f"{page}#{occurrence_anchor(occurrence)}",
        status_label=wording.status_label(event.status, records.site.words, moved),
        occurrence=occurrence,
    )


def held_views(events: Iterable[Event], records: Records) -> list[EventView]:
    """Return the views of every event and of every occurrence of each series."""
    return [
        event_view(e, records, o.day if o else None, o is not None and o.moved)
        for e, o in held(events)
    ]


OUTDATED_AFTER_MONTHS = 24  # the page says so; the maintainers' patrol starts at 18


def association_view(association: Association, today: date, records: Records) -> AssociationView:
    """Return the display form of an association."""
    checked = association.checked
    return AssociationView(
        record=records.association(association),
        checked=wording.day(checked, records.site.words) if checked else None,
        outdated=checked is None or months_between(checked, today) >= OUTDATED_AFTER_MONTHS,
    )


def start_key(view: EventView) -> tuple[datetime, str]:
    return chronological(view.event)


def split(views: Iterable[EventView], today: date) -> tuple[list[EventView], list[EventView]]:
    """Return the coming events (soonest first) and the past ones (latest first)."""
    coming: list[EventView] = []
    past: list[EventView] = []
    for view in views:
        (past if ended(view.event, today) else coming).append(view)
    return sorted(coming, key=start_key), sorted(past, key=start_key, reverse=True)


def agenda_sections(
    views: list[EventView], today: date
) -> tuple[list[EventView], list[tuple[int, list[EventView]]]]:
    """Return upcoming events (soonest first) and the archive by year (newest first)."""
    upcoming, past = split(views, today)
    archive = [
        (year, list(group)) for year, group in groupby(past, key=lambda v: v.event.start.year)
    ]
    return upcoming, archive


@dataclass(frozen=True)
class Month:
    """One month of the agenda, with its page."""

    year: int
    month: int
    events: list[EventView]  # in order of start
    url: str
    name: str  # 'maart 2027'
    label: str  # the name, with the part when the month has several: 'maart 2027 (2/3)'
    part: int = 1  # a month with more events than fit on a page has several parts
    parts: int = 1


def by_month(views: list[EventView], site: Site, per_page: int) -> list[Month]:
    """Return every month that has events, in order, each with its events (by start); a
    month with more than `per_page` events comes in parts of at most that many, each with a
    page of its own ('agenda/maand/2027-03/', 'agenda/maand/2027-03/2/').

    An event belongs to the month it starts in (in the site's zone)."""
    ordered = sorted(views, key=start_key)
    found: dict[tuple[int, int], list[EventView]] = {}
    for view in ordered:
        day = local_day(view.event.start)
        found.setdefault((day.year, day.month), []).append(view)
    months = []
    for (y, m), events in sorted(found.items()):
        url, name = site.paths.month_page(y, m), wording.month(y, m, site.words)
        chunks = [events[i : i + per_page] for i in range(0, len(events), per_page)]
        for part, chunk in enumerate(chunks, start=1):
            where = url if part == 1 else f"{url}{part}/"
            label = name
            if len(chunks) > 1:
                label = site.words("part", name=name, part=part, parts=len(chunks))
            months.append(Month(y, m, chunk, where, name, label, part, len(chunks)))
    return months


def directory_groups(
    views: list[AssociationView], regions: Sequence[str]
) -> list[tuple[str, list[AssociationView]]]:
    """Return the associations grouped by region (in the list's order), by name inside."""
    groups = []
    for province in regions:
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


def theme_views(data: Data, site: Site) -> list[ThemeView]:
    """Return the themes in name order, with their page URLs."""
    themes = sorted(data.themes, key=lambda t: t.name.casefold())
    return [ThemeView(t, site.paths.theme_page(t.id)) for t in themes]


def newest_articles(articles: list[Article], count: int) -> list[Article]:
    """Return the newest dated articles, newest first."""
    dated = [a for a in articles if a.date is not None]
    return sorted(dated, key=lambda a: (a.date, a.src), reverse=True)[:count]


def embed_snippet(record: AssociationRecord) -> str:
    """Return the <iframe> an association pastes into its own website."""
    return str(
        Markup(
            '<iframe src="{}" title="{}" width="100%" height="420" '
            'style="border:0;max-width:40rem" loading="lazy"></iframe>'
        ).format(
            record.embed_url,
            record.embed_title,
        )
    )
