"""A VTIMEZONE for Europe/Amsterdam that every client reads alike, built from zoneinfo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from .when import AMSTERDAM

TZID = "Europe/Amsterdam"


def _transitions(first_year: int, last_year: int) -> list[tuple[datetime, timedelta, timedelta]]:
    """Return (UTC instant, offset before, offset after) of each Amsterdam offset change.

    Starts with the last change before `first_year`, so the whole first year is covered.
    Read from zoneinfo: found per day, then narrowed to the hour.
    """
    found = []
    moment = datetime(first_year - 1, 1, 1, 12, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    day = timedelta(days=1)
    while moment < end:
        before = moment.astimezone(AMSTERDAM).utcoffset()
        after = (moment + day).astimezone(AMSTERDAM).utcoffset()
        if before != after:
            instant = moment
            while (instant + timedelta(hours=1)).astimezone(AMSTERDAM).utcoffset() == before:
                instant += timedelta(hours=1)
            instant += timedelta(hours=1)
            assert before is not None and after is not None
            found.append((instant, before, after))
        moment += day
    first = datetime(first_year, 1, 1, tzinfo=UTC)
    earlier = [t for t in found if t[0] < first]
    return earlier[-1:] + [t for t in found if t[0] >= first]


@lru_cache(maxsize=64)
def vtimezone(first_year: int, last_year: int) -> bytes:
    """Return a VTIMEZONE for Europe/Amsterdam covering only the given years.

    One date per RDATE line: ical.js (Thunderbird) reads only the first date of a
    multi-valued RDATE, and would put every later summer-time event an hour off. It also
    skips DTSTART when RDATEs exist, so DTSTART is repeated as an RDATE (RFC 5545 allows it).
    """
    timezone = Timezone()
    timezone.add("tzid", TZID)
    groups: dict[tuple[timedelta, timedelta], list[datetime]] = {}
    for instant, before, after in _transitions(first_year, last_year):
        local_before = (instant + before).replace(tzinfo=None)  # wall clock before the change
        groups.setdefault((before, after), []).append(local_before)
    for (before, after), starts in sorted(groups.items(), key=lambda item: item[1][0]):
        kind = TimezoneDaylight if after > before else TimezoneStandard
        observance = kind()
        observance.add("dtstart", starts[0])
        # Every onset, the first too: ical.js ignores DTSTART once a component has an RDATE.
        for start in starts:
            observance.add("rdate", start)
        observance.add("tzoffsetfrom", before)
        observance.add("tzoffsetto", after)
        observance.add("tzname", "CEST" if after > before else "CET")
        timezone.add_component(observance)
    return bytes(timezone.to_ical())
