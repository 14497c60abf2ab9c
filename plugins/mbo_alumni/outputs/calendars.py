"""Models -> iCalendar feeds (RFC 5545 and RFC 7986) that every calendar app reads alike.

Each VEVENT is serialised once and reused by every feed that holds it, so the cost grows
with the number of events, not with the number of feeds. UIDs, stamps and time zones are
always ours: the library is never left to invent them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cache, lru_cache, partial
from zoneinfo import ZoneInfo

from icalendar import vText

from ..core.dates import occurs_twice
from ..core.website import Site
from ..source.model import Association, Event, chronological
from ..source.recurrence import Occurrence, at_day
from .agenda_slices import Facet
from .ical_lines import CRLF, category, date_line, date_value, fold, text_line
from .planned import Output
from .record import EventRecord, Records
from .vtimezone import vtimezone

REFRESH = "PT12H"
STATUS = {"confirmed": "CONFIRMED", "tentative": "TENTATIVE", "cancelled": "CANCELLED"}


def end_exclusive(event: Event) -> date | datetime | None:
    if event.all_day:
        last = event.end or event.start
        assert isinstance(last, date)
        return last + timedelta(days=1)  # DTEND of an all-day event is the day after
    return event.end


def _written(value: date | datetime | None, utc: bool) -> date | datetime | None:
    """Return the value as it goes into the file: the site's wall time, or UTC where needed.

    A wall time that occurs twice cannot say which one it is (clients disagree: ical.js takes
    the second), so those are written in UTC.
    """
    if isinstance(value, datetime) and (utc or occurs_twice(value)):
        return value.astimezone(UTC)
    return value


# Without METHOD, DTSTAMP is when the event's information was last revised (RFC 5545
# 3.8.7.2), as LAST-MODIFIED: never the build moment, so unchanged data gives the same
# VEVENT on every (daily) build. `announced` is the day of the last change (intake sets it).
UNKNOWN_REVISION = datetime(2000, 1, 1, tzinfo=UTC)


def revised(event: Event, site: Site) -> datetime:
    """Return when the event was last revised: the start of its `announced` day."""
    if event.announced is None:
        return UNKNOWN_REVISION
    day = event.announced
    return datetime(day.year, day.month, day.day, tzinfo=site.zone).astimezone(UTC)


def organizer_line(organizers: Sequence[Association]) -> bytes | None:
    """Return the ORGANIZER line: the first organising association with a published address.

    ORGANIZER is a mailbox (RFC 5545 CAL-ADDRESS) and occurs at most once; only an
    association's own functional address is used, never a contact person's.
    """
    for association in organizers:
        if association.email:
            # A quoted parameter cannot hold '"': RFC 6868 writes it as ^' (and ^ as ^^).
            name = association.name.replace("^", "^^").replace('"', "^'")
            return f'ORGANIZER;CN="{name}":mailto:{association.email}'.encode()
    return None


def vevent(record: EventRecord) -> bytes:
    """Return the serialised VEVENT of one event, from its record (outputs/record.py).

    Times are in the site's zone (`in_utc` turns them into UTC for a one-off download).
    Values are encoded by icalendar's property types; the lines are assembled here, because
    icalendar's generic serialiser dominated the build (figures in BENCHMARKS.md).
    """
    event, site, organizers = record.event, record.site, record.associations
    start, end = _written(event.start, False), _written(end_exclusive(event), False)
    assert start is not None
    lines = [
        b"BEGIN:VEVENT",
        text_line("UID", record.uid),
        b"DTSTAMP:" + date_value(revised(event, site)),
        date_line("DTSTART", start),
    ]
    if end is not None:
        lines.append(date_line("DTEND", end))
    if event.repeat is not None:
        lines.append(b"RRULE:" + event.repeat.rrule(event.start).encode())
        # One date per line: ical.js reads only the first of a multi-valued line (as it does
        # RDATE's), and nothing is lost by writing them apart.
        lines += [date_line("EXDATE", at_day(event.start, day)) for day in event.except_]
    lines += [
        text_line("SUMMARY", record.summary),
        b"STATUS:" + STATUS[event.status].encode(),
    ]
    if event.status == "cancelled":
        lines.append(b"TRANSP:TRANSPARENT")
    lines += [
        b"LAST-MODIFIED:" + date_value(revised(event, site)),
        # Raised by intake with every change of time, place or status: clients that take an
        # update only when SEQUENCE rises need it.
        f"SEQUENCE:{event.sequence}".encode(),
    ]
    if record.where:
        lines.append(text_line("LOCATION", record.where))
    if event.location and event.location.online and event.location.url:
        lines.append(b"CONFERENCE;VALUE=URI:" + event.location.url.encode())
    organizer = organizer_line(organizers)
    if organizer:
        lines.append(organizer)
    lines.append(b"URL:" + record.link.encode())
    lines.append(text_line("DESCRIPTION", record.details))
    if event.tags:
        lines.append(b"CATEGORIES:" + b",".join(category(tag) for tag in event.tags))
    lines.append(b"END:VEVENT")
    serialised = b"".join(fold(line) for line in lines)
    return serialised + b"".join(_override(record, o) for o in _overridden(event))


def _overridden(event: Event) -> list[Occurrence]:
    """Return the occurrences of a series a calendar writes on their own: the cancelled ones,
    and those `moved` or `changes` hold at another time or place."""
    if event.repeat is None:
        return []
    cancelled = set(event.cancelled)
    return [o for o in event.occurrences() if o.day in cancelled or o.apart]


def in_utc(event: Event, feed_vevent: bytes) -> bytes:
    """Return the VEVENT of a one-off download from the feed's VEVENT of the same event: its
    times in UTC, which needs no VTIMEZONE. Only the start and end lines differ (a series
    repeats in local time and keeps its TZID; a day has no time to convert), so those are
    swapped rather than the whole event serialised again."""
    if event.repeat is not None:
        return feed_vevent
    for name, value in (("DTSTART", event.start), ("DTEND", end_exclusive(event))):
        if isinstance(value, datetime):
            zoned, utc = _written(value, False), _written(value, True)
            assert zoned is not None and utc is not None
            # The first such line is the event's own: DTSTART and DTEND precede every text.
            feed_vevent = feed_vevent.replace(
                fold(date_line(name, zoned)), fold(date_line(name, utc)), 1
            )
    return feed_vevent


def _override(record: EventRecord, held: Occurrence) -> bytes:
    """Return the VEVENT of one occurrence of a series that differs from its rule: its UID,
    RECURRENCE-ID (the start the rule gives it, in the series' zone, also when it was moved:
    RFC 5545 3.8.4.4) and the occurrence itself (its time, place and status)."""
    text = vevent(record.occurrence(held))
    stamp_end = text.index(b"\r\n", text.index(b"DTSTAMP:")) + 2
    was = _written(at_day(record.event.start, held.day), False)
    assert was is not None
    return text[:stamp_end] + fold(date_line("RECURRENCE-ID", was)) + text[stamp_end:]


# No METHOD: it belongs to iTIP messages (RFC 5546 wants an ORGANIZER on every event then,
# which only associations with a published address have), and RFC 5545 3.7.2 ties it to a
# Content-Type `method` parameter that a static host does not send.
@lru_cache(maxsize=4096)
def _header(prodid: str, name: str | None, description: str | None) -> bytes:
    """Return the calendar's opening lines, up to its first component.

    A subscribed feed has a name and a refresh interval. A one-off download (no name) is an
    appointment: Outlook files X-WR-CALNAME as a new calendar folder (MS-OXCICAL), so it
    carries none of those. No X-WR-TIMEZONE anywhere: every time has a TZID or is UTC,
    and recurring-ical-events reads a UTC time as local time of X-WR-TIMEZONE.
    """
    lines = [
        b"BEGIN:VCALENDAR",
        b"VERSION:2.0",
        b"PRODID:" + vText(prodid).to_ical(),
        b"CALSCALE:GREGORIAN",
    ]
    if name is not None and description is not None:
        lines += [
            text_line("NAME", name),
            text_line("X-WR-CALNAME", name),
            text_line("DESCRIPTION", description),
            text_line("X-WR-CALDESC", description),
            # RFC 7986 requires VALUE=DURATION here; X-PUBLISHED-TTL is its older spelling.
            b"REFRESH-INTERVAL;VALUE=DURATION:" + REFRESH.encode(),
            b"X-PUBLISHED-TTL:" + REFRESH.encode(),
        ]
    return b"".join(fold(line) for line in lines)


def calendar(
    prodid: str,
    name: str | None,
    description: str | None,
    events: Sequence[Event],
    serialised: dict[str, bytes],
    *,
    timezone: bool = True,
    zone: ZoneInfo,
) -> bytes:
    """Return a whole calendar from already serialised VEVENTs (in `events` order).

    Without a name it is a one-off download: an appointment rather than a calendar.
    """
    parts = [_header(prodid, name, description)]
    if timezone and any(not e.all_day for e in events):  # times need their zone's rules
        parts.append(vtimezone(zone))
    parts.extend(serialised[e.id] for e in events)
    parts.append(b"END:VCALENDAR" + CRLF)
    return b"".join(parts)


def calendar_files(
    records: Records,
    events: Sequence[Event],
    facets: Sequence[Facet] = (),
) -> Iterator[Output]:
    """Yield every calendar file: the site-wide feed, one per association, one per facet
    (province, theme) and one per event. Each is planned at once and made when asked for
    (so a caller can write it out before the next); the VEVENTs are serialised once for all
    of them, when the first file is made."""
    site = records.site
    ordered = sorted(events, key=chronological)
    by_id = records.associations

    @cache
    def serialised() -> dict[str, bytes]:
        return {e.id: vevent(records(e)) for e in ordered}

    of = records.by_organizer
    words, paths = site.words, site.paths
    named = [
        (
            paths.site_calendar,
            words("calendar.name", name=site.name),
            words("calendar.site"),
            ordered,
        ),
        *(
            (r.calendar, r.calendar_name, r.calendar_description, of.get(r.association.id, []))
            for r in map(records.association, by_id.values())
        ),
        *(
            (
                f.calendar,
                words("calendar.facet_name", name=f.title, site=site.name),
                words("calendar.facet", name=f.name),
                f.events,
            )
            for f in facets
        ),
    ]
    for path, name, description, chosen in named:
        yield Output(path, partial(_feed, site, name, description, chosen, serialised))
    for event in ordered:  # one-off downloads: an appointment in UTC, no calendar name
        yield Output(paths.event_download(event.id), partial(_one_off, event, site, serialised))


def _feed(
    site: Site,
    name: str,
    description: str,
    chosen: Sequence[Event],
    serialised: Callable[[], dict[str, bytes]],
) -> bytes:
    return calendar(site.prodid, name, description, chosen, serialised(), zone=site.zone)


def _one_off(event: Event, site: Site, serialised: Callable[[], dict[str, bytes]]) -> bytes:
    single = {event.id: in_utc(event, serialised()[event.id])}
    zoned = event.repeat is not None  # a series is the series, in its time zone
    return calendar(site.prodid, None, None, [event], single, zone=site.zone, timezone=zoned)
