"""Dates and times of events: parsing the contract's notations, the site's zone, DST traps."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

When = date | datetime
"""A date (all-day) or an aware datetime in the site's zone (`timezone`, Europe/Amsterdam by
default)."""

_PATTERN = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?P<offset>Z|[+-]\d{2}:?\d{2})?)?$"
)

NOTATION_HINT = (
    "schrijf een datum als 2027-03-30 of een datum met tijd als '2027-03-30 19:30' "
    "(tijd in Nederlandse tijd)"
)


# The usual Dutch ways of writing a date and time: 9-11-2027, 09-11-2027 19:30, 9/11/2027
# 19.30 uur. Day first, as in the Netherlands.
_DUTCH = re.compile(
    r"(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})"
    r"(?:,?\s+(?:om\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*uur)?)?"
)


def from_dutch(text: str) -> str:
    """Return a date or time written the Dutch way ('9-11-2027 19:30') in the data's
    notation ('2027-11-09 19:30'); any other text unchanged (the checks name its mistake)."""
    match = _DUTCH.fullmatch(text.strip())
    if not match:
        return text.strip()
    day = f"{match['year']}-{int(match['month']):02d}-{int(match['day']):02d}"
    if match["hour"] is None:
        return day
    return f"{day} {int(match['hour']):02d}:{match['minute']}"


class WhenError(ValueError):
    """A date or time that cannot be used; the message says how to write it."""


FIRST_YEAR, LAST_YEAR = 1900, 2100  # the data's dates; beyond them outputs overflow


def _in_range(value: When) -> When:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise WhenError(
            f"het jaar {value.year} ligt buiten {FIRST_YEAR} tot en met {LAST_YEAR}; "
            "controleer het jaartal"
        )
    return value


def parse_when(value: object, zone: ZoneInfo) -> When:
    """Return a date, or a datetime in the site's zone (Europe/Amsterdam unless the site
    chose another), from the contract's notations. Every moment carries that zone.

    Naive local times are checked against the DST changes: a time that does not exist
    (the clock jumps forward) or exists twice (the clock goes back) is refused. So is a time
    when the zone's offset had seconds (Amsterdam before 1 July 1937: +00:19:32), which
    calendars, feeds and open data cannot write.
    """
    moment = _parse_when(value, zone)
    if isinstance(moment, datetime) and (moment.utcoffset() or timedelta(0)).seconds % 60:
        raise WhenError(
            f"op {moment:%Y-%m-%d} had de tijd {_where(zone)} nog een verschil met UTC in "
            f"seconden ({moment:%z}), dat agenda's en feeds niet kunnen schrijven; geef alleen "
            "de datum (een hele dag)"
        )
    return moment


def _where(zone: ZoneInfo) -> str:
    return "in Nederland" if zone.key == "Europe/Amsterdam" else f"in de tijdzone {zone.key}"


def _parse_when(value: object, zone: ZoneInfo) -> When:
    if isinstance(value, datetime):
        return _localise(_in_range(value), zone)  # type: ignore[arg-type]
    if isinstance(value, date):
        return _in_range(value)
    if not isinstance(value, str):
        raise WhenError(f"geen geldige datum: {value!r}; {NOTATION_HINT}")
    match = _PATTERN.match(value.strip())
    if not match:
        raise WhenError(f"geen geldige datum of tijd: '{value}'; {NOTATION_HINT}")
    try:
        day = date.fromisoformat(match["date"])
    except ValueError:
        raise WhenError(f"deze datum bestaat niet: '{match['date']}'") from None
    _in_range(day)
    if match["hour"] is None:
        return day
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise WhenError(f"deze tijd bestaat niet: '{value}'; {NOTATION_HINT}")
    naive = datetime(day.year, day.month, day.day, hour, minute, second)
    offset = match["offset"]
    if offset is None:
        return _localise(naive, zone)
    if offset == "Z":
        tz = UTC
    else:
        digits = offset.replace(":", "")
        sign = -1 if digits[0] == "-" else 1
        delta = timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5]))
        if delta >= timedelta(hours=24) or int(digits[3:5]) > 59:
            raise WhenError(
                f"'{offset}' is geen geldige tijdsverschuiving; schrijf bijvoorbeeld +01:00"
            )
        tz = timezone(sign * delta)
    return naive.replace(tzinfo=tz).astimezone(zone)


def _localise(value: datetime, zone: ZoneInfo) -> datetime:
    """Attach the zone to a naive wall-clock time, refusing DST gaps and overlaps."""
    if value.tzinfo is not None:
        return value.astimezone(zone)
    first = value.replace(tzinfo=zone, fold=0)
    second = value.replace(tzinfo=zone, fold=1)
    stamp = value.strftime("%Y-%m-%d %H:%M")
    where = _where(zone)
    offsets = (first.utcoffset() or timedelta(0), second.utcoffset() or timedelta(0))
    if offsets[0] != offsets[1]:
        shift = abs(offsets[1] - offsets[0])  # the clock changes by this much, on the hour
        # In a gap, fold=0 uses the offset before the jump; a round trip through UTC moves it.
        moved = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        if moved != value:
            to = moved.replace(minute=0, second=0)
            raise WhenError(
                f"'{stamp}' bestaat niet {where}: de klok springt die nacht van "
                f"{to - shift:%H:%M} naar {to:%H:%M} (zomertijd); kies een tijd vanaf {to:%H:%M}"
            )
        back_to = value.replace(minute=0, second=0)
        raise WhenError(
            f"'{stamp}' bestaat twee keer {where}: de klok gaat die nacht van "
            f"{back_to + shift:%H:%M} terug naar {back_to:%H:%M}; schrijf "
            f"'{stamp}{_offset_text(offsets[0])}' voor de eerste keer (zomertijd) "
            f"of '{stamp}{_offset_text(offsets[1])}' voor de tweede (wintertijd)"
        )
    return first


def _offset_text(offset: timedelta) -> str:
    """Return '+02:00' for an offset of two hours."""
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def local_day(value: When) -> date:
    """Return the local calendar day of a date or moment (a moment carries the site's zone)."""
    return value.date() if isinstance(value, datetime) else value


def instant(value: When, zone: ZoneInfo) -> datetime:
    """Return the UTC instant a date or moment begins (a date: midnight in the site's `zone`).

    Events are ordered by this instant, never by their text: '02:30+01:00' comes after
    '02:30+02:00' although it sorts before it as a string.
    """
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime(value.year, value.month, value.day, tzinfo=zone).astimezone(UTC)


def _zone(moment: datetime) -> ZoneInfo:
    # Moments carry the site's zone; a bare offset has no daylight-saving changes.
    return moment.tzinfo if isinstance(moment.tzinfo, ZoneInfo) else ZoneInfo("UTC")


def occurs_twice(moment: datetime) -> bool:
    """Return whether the moment's wall-clock time occurs twice in its zone (autumn change)."""
    zone = _zone(moment)
    wall = moment.astimezone(zone).replace(tzinfo=None)
    return (
        wall.replace(tzinfo=zone, fold=0).utcoffset()
        != wall.replace(tzinfo=zone, fold=1).utcoffset()
    )


def summer_time(moment: datetime) -> bool:
    """Return whether the moment's zone keeps summer time at the moment."""
    return moment.astimezone(_zone(moment)).dst() != timedelta(0)


def is_all_day(value: When) -> bool:
    """Return whether a value is an all-day date rather than a moment."""
    return not isinstance(value, datetime)


def iso(value: When) -> str:
    """Return ISO 8601: a date as is, a moment in its (the site's) zone with its offset."""
    return value.isoformat()


def iso_utc(value: When) -> str:
    """Return ISO 8601 in UTC ('2027-03-30T17:30:00Z'); a date as is."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def now() -> datetime:
    """Return the moment in UTC, to the second: SOURCE_DATE_EPOCH when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0)


def today(zone: ZoneInfo) -> date:
    """Return the calendar day of now() in the site's zone."""
    return now().astimezone(zone).date()


def is_past(start: When, end: When | None, today: date) -> bool:
    """Return whether a time is over: the one rule for coming and past everywhere. It is
    coming until the end of its last day in the site's zone, so an event under way today,
    or ended this morning, still shows as coming."""
    return local_day(end if end is not None else start) < today
