"""The one VTIMEZONE of the site's zone that every client reads alike, built from zoneinfo.

The lines are assembled here, from offset changes found once per year (icalendar's
serialiser is slow per VTIMEZONE; a test holds the bytes to what it writes). The definition
is made once per build and is the same in every file.
"""

from __future__ import annotations

import calendar
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


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


FIRST_YEAR, LAST_YEAR = 1900, 2100  # the data's years (core.dates); the rules run on after


def _rule(local: datetime) -> tuple[int, int, int]:
    """Return (month, weekday, week) of a wall-clock moment: week -1 is the month's last
    such weekday (the last Sunday of March), else its count from the start (2: the second)."""
    days = calendar.monthrange(local.year, local.month)[1]
    week = -1 if local.day + 7 > days else (local.day + 6) // 7
    return local.month, local.weekday(), week


Era = tuple[timedelta, timedelta, tuple[int, int, int], str, list[tuple[datetime, datetime]]]


def _eras(zone: ZoneInfo) -> list[Era]:
    """Return the zone's changes grouped into eras: runs of consecutive years in which a
    change keeps its offsets, its rule (month, weekday, week) and its wall-clock time. Only
    changes to and from whole-minute offsets count (Amsterdam before 1937: +00:19:32, a time
    the data refuses)."""
    eras: list[Era] = []
    open_eras: dict[tuple[timedelta, timedelta], Era] = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for instant, before, after in _changes_in(year, zone):
            if before.seconds % 60 or after.seconds % 60:
                continue
            local = (instant + before).replace(tzinfo=None)  # the wall clock before the change
            key = (before, after)
            rule, clock = _rule(local), f"{local:%H%M%S}"
            era = open_eras.get(key)
            last = era[4][-1][1].year if era else None
            if era and era[2] == rule and era[3] == clock and last == year - 1:
                era[4].append((instant, local))
                continue
            era = (before, after, rule, clock, [(instant, local)])
            eras.append(era)
            open_eras[key] = era
    return eras


_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@cache
def vtimezone(zone: ZoneInfo) -> bytes:
    """Return the one VTIMEZONE of the zone (by default Europe/Amsterdam): the same bytes in
    every calendar file, right for every year the data can hold and every year after.

    vobject, and Radicale built on it, keep the first definition they see for a TZID: files
    that each carried a definition trimmed to their own years put events an hour off once a
    client had seen two of them. So: rules, not dates. A run of years with one rule is a
    yearly RRULE (the last run without an end: the rule that holds from then on); a change
    that stands alone is one RDATE line (ical.js reads only the first date of a
    multi-valued RDATE), with its DTSTART repeated as the RDATE (ical.js skips DTSTART once a
    component has an RDATE).
    """
    eras = _eras(zone)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone.key}"]
    for index, (before, after, rule, _, changes) in enumerate(eras):
        kind = "DAYLIGHT" if after > before else "STANDARD"
        first_instant, first_local = changes[0]
        name = first_instant.astimezone(zone).tzname() or zone.key
        lines += [f"BEGIN:{kind}", f"DTSTART:{first_local:%Y%m%dT%H%M%S}"]
        month, weekday, week = rule
        final = all(e[0:2] != (before, after) for e in eras[index + 1 :])
        if len(changes) > 1 or final and changes[-1][1].year >= LAST_YEAR - 1:
            until = "" if final else f";UNTIL={changes[-1][0]:%Y%m%dT%H%M%SZ}"
            # In the order icalendar writes the parts (a test holds the bytes to it).
            lines.append(f"RRULE:FREQ=YEARLY{until};BYDAY={week}{_DAYS[weekday]};BYMONTH={month}")
        else:
            lines.append(f"RDATE:{first_local:%Y%m%dT%H%M%S}")
        lines += [
            f"TZNAME:{name}",
            f"TZOFFSETFROM:{_offset(before)}",
            f"TZOFFSETTO:{_offset(after)}",
            f"END:{kind}",
        ]
    if len(lines) == 2:  # a zone without changes (UTC, or one that stopped long ago)
        offset = _offset(datetime(LAST_YEAR, 1, 1, tzinfo=zone).utcoffset() or timedelta(0))
        lines += ["BEGIN:STANDARD", "DTSTART:19700101T000000", f"TZOFFSETFROM:{offset}",
                  f"TZOFFSETTO:{offset}", "END:STANDARD"]  # fmt: skip
    lines.append("END:VTIMEZONE")
    return ("\r\n".join(lines) + "\r\n").encode("ascii")
