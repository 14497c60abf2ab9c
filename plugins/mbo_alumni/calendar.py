"""Models -> iCalendar feeds (RFC 5545 and RFC 7986) that every calendar app reads alike.

Each VEVENT is serialised once and reused by every feed that holds it, so the cost grows
with the number of events, not with the number of feeds. UIDs, stamps and time zones are
always ours: the library is never left to invent them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from icalendar import vDDDTypes, vText

from . import dutch, urls
from .facets import Facet
from .model import Association, Event, chronological
from .text import markdown_to_text
from .vtimezone import TZID, vtimezone
from .when import AMSTERDAM, occurs_twice

PRODID = "-//mbo-alumni//Alumni in het mbo//NL"
REFRESH = "PT12H"
CRLF = b"\r\n"
STATUS = {"confirmed": "CONFIRMED", "tentative": "TENTATIVE", "cancelled": "CANCELLED"}
# What a client that ignores STATUS (calcurse, several others) still shows.
STATUS_NOTES = {
    "tentative": "Onder voorbehoud: datum of tijd kan nog veranderen.",
    "cancelled": "Afgelast: deze bijeenkomst gaat niet door.",
}


@dataclass(frozen=True)
class Site:
    """What a feed needs to know about the site: its absolute base URL and name."""

    url: str  # absolute, ends with "/"
    name: str

    @property
    def origin(self) -> str:
        """Return scheme://host[:port] of the site."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "localhost"

    def absolute(self, path: str) -> str:
        """Return the absolute URL of a site-relative path."""
        return self.url + path.lstrip("/")


def uid(event: Event, site: Site) -> str:
    """Return the event's calendar UID: derived from its id only, so it never changes."""
    return f"{event.id}@{site.host}"


def end_exclusive(event: Event) -> date | datetime | None:
    if event.all_day:
        last = event.end or event.start
        assert isinstance(last, date)
        return last + timedelta(days=1)  # DTEND of an all-day event is the day after
    return event.end


def location_text(event: Event) -> str | None:
    """Return the LOCATION text: name, address and city, or the online link."""
    place = event.location
    if place is None:
        return None
    if place.online:
        return f"Online: {place.url}"
    return ", ".join(part for part in (place.name, place.address, place.city) if part)


def summary_text(event: Event) -> str:
    """Return the SUMMARY: the title, 'Afgelast: ' before it when the event is cancelled."""
    if event.status == "cancelled":
        return f"{dutch.STATUS['cancelled']}: {event.title}"
    return event.title


def organizers_text(event: Event, organizers: Sequence[Association]) -> str | None:
    """Return who organises, in words: the associations (with their school), or the host."""
    names = [f"{a.name} ({a.institution})" for a in organizers]
    if event.host:
        names.append(event.host)
    return f"Georganiseerd door: {', '.join(names)}." if names else None


def description_text(event: Event, site: Site, organizers: Sequence[Association] = ()) -> str:
    """Return the plain-text DESCRIPTION: status, organisers, the text, then the event page."""
    parts = [STATUS_NOTES[event.status]] if event.status in STATUS_NOTES else []
    who = organizers_text(event, organizers)
    if who:
        parts.append(who)
    if event.description:
        parts.append(markdown_to_text(event.description))
    if event.url:
        parts.append(f"Meer informatie en aanmelden: {event.url}")
    parts.append(f"Op de site: {site.absolute(urls.event_page(event.id))}")
    return "\n\n".join(parts)


def _written(value: date | datetime | None, utc: bool) -> date | datetime | None:
    """Return the value as it goes into the file: Amsterdam wall time, or UTC where needed.

    A wall time that occurs twice cannot say which one it is (clients disagree: ical.js takes
    the second), so those are written in UTC.
    """
    if isinstance(value, datetime) and (utc or occurs_twice(value)):
        return value.astimezone(UTC)
    return value


def fold(line: bytes) -> bytes:
    """Return one content line folded at 75 octets (RFC 5545 3.1), ending in CRLF.

    A fold never splits a UTF-8 character; continuation lines start with one space.
    """
    if len(line) <= 75:
        return line + CRLF
    parts = []
    start, limit = 0, 75
    while start < len(line):
        end = min(start + limit, len(line))
        while end < len(line) and line[end] & 0xC0 == 0x80:  # inside a multi-byte character
            end -= 1
        parts.append(line[start:end])
        start, limit = end, 74
    return b"\r\n ".join(parts) + CRLF


def _moment(name: str, value: date | datetime) -> bytes:
    if isinstance(value, datetime):
        if value.utcoffset() == timedelta(0) and value.tzinfo is UTC:
            return name.encode() + b":" + vDDDTypes(value).to_ical()
        local = value.astimezone(AMSTERDAM).replace(tzinfo=None)
        return f"{name};TZID={TZID}:".encode() + vDDDTypes(local).to_ical()
    return f"{name};VALUE=DATE:".encode() + vDDDTypes(value).to_ical()


def _text(name: str, value: str) -> bytes:
    return name.encode() + b":" + vText(value).to_ical()


def organizer_line(organizers: Sequence[Association]) -> bytes | None:
    """Return the ORGANIZER line: the first organising association with a published address.

    ORGANIZER is a mailbox (RFC 5545 CAL-ADDRESS) and occurs at most once; only an
    association's own functional address is used, never a contact person's.
    """
    for association in organizers:
        if association.email:
            name = association.name.replace('"', "'")  # a quoted parameter cannot hold '"'
            return f'ORGANIZER;CN="{name}":mailto:{association.email}'.encode()
    return None


def vevent(
    event: Event,
    site: Site,
    stamp: datetime,
    organizers: Sequence[Association] = (),
    *,
    utc: bool = False,
) -> bytes:
    """Return the serialised VEVENT of one event; `organizers` are its associations.

    With `utc`, times are written in UTC, which needs no VTIMEZONE (one-off downloads).
    Values are encoded by icalendar's property types; the lines are assembled here, because
    icalendar's generic serialiser (about 0.5 ms an event) dominated the build.
    """
    start, end = _written(event.start, utc), _written(end_exclusive(event), utc)
    assert start is not None
    lines = [
        b"BEGIN:VEVENT",
        _text("UID", uid(event, site)),
        b"DTSTAMP:" + vDDDTypes(stamp.astimezone(UTC)).to_ical(),
        _moment("DTSTART", start),
    ]
    if end is not None:
        lines.append(_moment("DTEND", end))
    lines += [_text("SUMMARY", summary_text(event)), b"STATUS:" + STATUS[event.status].encode()]
    if event.status == "cancelled":
        lines.append(b"TRANSP:TRANSPARENT")
    location = location_text(event)
    if location:
        lines.append(_text("LOCATION", location))
    if event.location and event.location.online and event.location.url:
        lines.append(b"CONFERENCE;VALUE=URI:" + event.location.url.encode())
    organizer = organizer_line(organizers)
    if organizer:
        lines.append(organizer)
    lines.append(b"URL:" + (event.url or site.absolute(urls.event_page(event.id))).encode())
    lines.append(_text("DESCRIPTION", description_text(event, site, organizers)))
    if event.tags:
        lines.append(b"CATEGORIES:" + b",".join(vText(tag).to_ical() for tag in event.tags))
    lines.append(b"END:VEVENT")
    return b"".join(fold(line) for line in lines)


# No METHOD: it belongs to iTIP messages (RFC 5546 wants an ORGANIZER on every event then,
# which only associations with a published address have), and RFC 5545 3.7.2 ties it to a
# Content-Type `method` parameter that a static host does not send.
_OPENING = [
    b"BEGIN:VCALENDAR",
    b"VERSION:2.0",
    b"PRODID:" + vText(PRODID).to_ical(),
    b"CALSCALE:GREGORIAN",
]


@lru_cache(maxsize=4096)
def _header(name: str | None, description: str | None) -> bytes:
    """Return the calendar's opening lines, up to its first component.

    A subscribed feed has a name and a refresh interval. A one-off download (no name) is an
    appointment: Outlook files X-WR-CALNAME as a new calendar folder (MS-OXCICAL), so it
    carries none of those. No X-WR-TIMEZONE anywhere: every time has a TZID or is UTC,
    and recurring-ical-events reads a UTC time as local time of X-WR-TIMEZONE.
    """
    lines = list(_OPENING)
    if name is not None and description is not None:
        lines += [
            _text("NAME", name),
            _text("X-WR-CALNAME", name),
            _text("DESCRIPTION", description),
            _text("X-WR-CALDESC", description),
            # RFC 7986 requires VALUE=DURATION here; X-PUBLISHED-TTL is its older spelling.
            b"REFRESH-INTERVAL;VALUE=DURATION:" + REFRESH.encode(),
            b"X-PUBLISHED-TTL:" + REFRESH.encode(),
        ]
    return b"".join(fold(line) for line in lines)


def _years(events: Sequence[Event]) -> tuple[int, int] | None:
    timed = [e for e in events if not e.all_day]
    if not timed:
        return None
    years = [e.start.year for e in timed] + [e.end.year for e in timed if e.end is not None]
    return min(years), max(years)


def calendar(
    name: str | None,
    description: str | None,
    events: Sequence[Event],
    serialised: dict[str, bytes],
    *,
    timezone: bool = True,
) -> bytes:
    """Return a whole calendar from already serialised VEVENTs (in `events` order).

    Without a name it is a one-off download: an appointment rather than a calendar.
    """
    parts = [_header(name, description)]
    years = _years(events) if timezone else None
    if years is not None:
        parts.append(vtimezone(*years))
    parts.extend(serialised[e.id] for e in events)
    parts.append(b"END:VCALENDAR" + CRLF)
    return b"".join(parts)


@dataclass(frozen=True)
class Feed:
    """One calendar file of the site."""

    path: str
    content: bytes


def feeds(
    associations: Iterable[Association],
    events: Sequence[Event],
    site: Site,
    stamp: datetime,
    facets: Sequence[Facet] = (),
) -> list[Feed]:
    """Return every calendar file: the site-wide feed, one per association, one per facet
    (province, theme) and one per event. Each VEVENT is serialised once for all of them."""
    ordered = sorted(events, key=chronological)
    by_id = {a.id: a for a in associations}
    organizers = {e.id: [by_id[i] for i in e.organizer if i in by_id] for e in ordered}
    serialised = {e.id: vevent(e, site, stamp, organizers[e.id]) for e in ordered}
    by_organizer: dict[str, list[Event]] = {}
    for event in ordered:  # an index, so the per-association feeds cost O(events) in all
        for ident in event.organizer:
            by_organizer.setdefault(ident, []).append(event)
    named = [
        (
            urls.SITE_CALENDAR,
            f"Agenda {site.name}",
            "Alle bijeenkomsten van alumniverenigingen in het mbo, ook de voorbije.",
            ordered,
        ),
        *(
            (
                urls.association_calendar(a.id),
                f"Agenda {a.name}",
                f"Bijeenkomsten van {a.name} ({site.name}).",
                by_organizer.get(a.id, []),
            )
            for a in by_id.values()
        ),
        *(
            (
                f.calendar,
                f"{f.title} ({site.name})",
                f"Bijeenkomsten over alumnibeleid in het mbo: {f.name}.",
                f.events,
            )
            for f in facets
        ),
    ]
    result = [Feed(path, calendar(n, d, chosen, serialised)) for path, n, d, chosen in named]
    for event in ordered:  # one-off downloads: an appointment in UTC, no calendar name
        single = {event.id: vevent(event, site, stamp, organizers[event.id], utc=True)}
        result.append(
            Feed(
                urls.event_download(event.id), calendar(None, None, [event], single, timezone=False)
            )
        )
    return result
