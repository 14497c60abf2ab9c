"""Dates and times of events: parsing the contract's notations, Amsterdam time, DST traps."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

When = date | datetime
"""A date (all-day) or an aware datetime in Europe/Amsterdam."""

_PATTERN = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?P<offset>Z|[+-]\d{2}:?\d{2})?)?$"
)

NOTATION_HINT = (
    "schrijf een datum als 2027-03-30 of een datum met tijd als '2027-03-30 19:30' "
    "(tijd in Nederlandse tijd)"
)


class WhenError(ValueError):
    """A date or time that cannot be used; the message says how to write it."""


def parse_when(value: object) -> When:
    """Return a date, or a datetime in Europe/Amsterdam, from the contract's notations.

    Naive local times are checked against the DST changes: a time that does not exist
    (the clock jumps forward) or exists twice (the clock goes back) is refused.
    """
    if isinstance(value, datetime):
        return _localise(value)
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise WhenError(f"geen geldige datum: {value!r}; {NOTATION_HINT}")
    match = _PATTERN.match(value.strip())
    if not match:
        raise WhenError(f"geen geldige datum of tijd: '{value}'; {NOTATION_HINT}")
    try:
        day = date.fromisoformat(match["date"])
    except ValueError:
        raise WhenError(f"deze datum bestaat niet: '{match['date']}'") from None
    if match["hour"] is None:
        return day
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise WhenError(f"deze tijd bestaat niet: '{value}'; {NOTATION_HINT}")
    naive = datetime(day.year, day.month, day.day, hour, minute, second)
    offset = match["offset"]
    if offset is None:
        return _localise(naive)
    if offset == "Z":
        tz = UTC
    else:
        digits = offset.replace(":", "")
        sign = -1 if digits[0] == "-" else 1
        delta = timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5]))
        tz = timezone(sign * delta)
    return naive.replace(tzinfo=tz).astimezone(AMSTERDAM)


def _localise(value: datetime) -> datetime:
    """Attach Europe/Amsterdam to a naive wall-clock time, refusing DST gaps and overlaps."""
    if value.tzinfo is not None:
        return value.astimezone(AMSTERDAM)
    first = value.replace(tzinfo=AMSTERDAM, fold=0)
    second = value.replace(tzinfo=AMSTERDAM, fold=1)
    stamp = value.strftime("%Y-%m-%d %H:%M")
    if first.utcoffset() != second.utcoffset():
        # In a gap, fold=0 uses the offset before the jump; a round trip through UTC moves it.
        if first.astimezone(UTC).astimezone(AMSTERDAM).replace(tzinfo=None) != value:
            raise WhenError(
                f"'{stamp}' bestaat niet in Nederland: de klok springt die nacht van 02:00 "
                "naar 03:00 (zomertijd); kies een tijd vanaf 03:00"
            )
        raise WhenError(
            f"'{stamp}' bestaat twee keer in Nederland: de klok gaat die nacht van 03:00 "
            f"terug naar 02:00; schrijf '{stamp}+02:00' voor de eerste keer (zomertijd) "
            f"of '{stamp}+01:00' voor de tweede (wintertijd)"
        )
    return first


def local_day(value: When) -> date:
    """Return the Amsterdam calendar day of a date or moment."""
    return value.astimezone(AMSTERDAM).date() if isinstance(value, datetime) else value


def instant(value: When) -> datetime:
    """Return the UTC instant a date or moment begins (a date: midnight in Amsterdam).

    Events are ordered by this instant, never by their text: '02:30+01:00' comes after
    '02:30+02:00' although it sorts before it as a string.
    """
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime(value.year, value.month, value.day, tzinfo=AMSTERDAM).astimezone(UTC)


def occurs_twice(moment: datetime) -> bool:
    """Return whether the moment's Amsterdam wall-clock time occurs twice (autumn change)."""
    wall = moment.astimezone(AMSTERDAM).replace(tzinfo=None)
    return (
        wall.replace(tzinfo=AMSTERDAM, fold=0).utcoffset()
        != wall.replace(tzinfo=AMSTERDAM, fold=1).utcoffset()
    )


def summer_time(moment: datetime) -> bool:
    """Return whether Amsterdam keeps summer time (CEST) at the moment."""
    return moment.astimezone(AMSTERDAM).dst() != timedelta(0)


def is_all_day(value: When) -> bool:
    """Return whether a value is an all-day date rather than a moment."""
    return not isinstance(value, datetime)


def iso(value: When) -> str:
    """Return ISO 8601: a date as is, a moment in Amsterdam time with its offset."""
    return (
        value.astimezone(AMSTERDAM).isoformat()
        if isinstance(value, datetime)
        else value.isoformat()
    )


def iso_utc(value: When) -> str:
    """Return ISO 8601 in UTC ('2027-03-30T17:30:00Z'); a date as is."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()
