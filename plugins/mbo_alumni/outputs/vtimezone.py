"""A VTIMEZONE for the site's zone that every client reads alike, built from zoneinfo.

The lines are assembled here, from offset changes found once per year: icalendar's
serialiser is slow per VTIMEZONE, and a site with events over many years has hundreds of
year ranges (one per association's feed); the figures are in BENCHMARKS.md.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

Change = tuple[datetime, timedelta, timedelta]  # UTC instant, offset before, offset after


@cache
def _changes_in(year: int, zone: ZoneInfo) -> tuple[Change, ...]:
    """Return the zone's offset changes in one year: found per day, narrowed to the hour."""
    found = []
    moment = datetime(year, 1, 1, 12, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, 12, tzinfo=UTC)
    day, hour = timedelta(days=1), timedelta(hours=1)
    while moment < end:
        before = moment.astimezone(zone).utcoffset()
        after = (moment + day).astimezone(zone).utcoffset()
        if before != after and before is not None and after is not None:
            instant = moment
            while (instant + hour).astimezone(zone).utcoffset() == before:
                instant += hour
            found.append((instant + hour, before, after))
        moment += day
    return tuple(found)


def _transitions(first_year: int, last_year: int, zone: ZoneInfo) -> list[Change]:
    """Return the changes from the last one before `first_year` (so the whole first year is
    covered) to the end of `last_year`."""
    earlier: list[Change] = []
    year = first_year - 1
    while not earlier and year > first_year - 50:  # Amsterdam has changed since 1977
        earlier = list(_changes_in(year, zone))[-1:]
        year -= 1
    years = range(first_year, last_year + 1)
    return earlier + [c for y in years for c in _changes_in(y, zone)]


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


@cache
def vtimezone(first_year: int, last_year: int, zone: ZoneInfo) -> bytes:
    """Return a VTIMEZONE for the zone (by default Europe/Amsterdam) covering only the years.

    One date per RDATE line: ical.js (Thunderbird) reads only the first date of a
    multi-valued RDATE, and would put every later summer-time event an hour off. It also
    skips DTSTART when RDATEs exist, so DTSTART is repeated as an RDATE (RFC 5545 allows it).
    """
    groups: dict[tuple[timedelta, timedelta], list[datetime]] = {}
    names: dict[tuple[timedelta, timedelta], str] = {}
    for instant, before, after in _transitions(first_year, last_year, zone):
        local_before = (instant + before).replace(tzinfo=None)  # wall clock before the change
        groups.setdefault((before, after), []).append(local_before)
        names.setdefault((before, after), instant.astimezone(zone).tzname() or zone.key)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone.key}"]
    for (before, after), starts in sorted(groups.items(), key=lambda item: item[1][0]):
        kind = "DAYLIGHT" if after > before else "STANDARD"
        name = names[(before, after)]  # CEST, CET
        lines += [f"BEGIN:{kind}", f"DTSTART:{starts[0]:%Y%m%dT%H%M%S}"]
        # Every onset, the first too: ical.js ignores DTSTART once a component has an RDATE.
        lines += [f"RDATE:{start:%Y%m%dT%H%M%S}" for start in starts]
        lines += [
            f"TZNAME:{name}",
            f"TZOFFSETFROM:{_offset(before)}",
            f"TZOFFSETTO:{_offset(after)}",
            f"END:{kind}",
        ]
    lines.append("END:VTIMEZONE")
    return ("\r\n".join(lines) + "\r\n").encode("ascii")
