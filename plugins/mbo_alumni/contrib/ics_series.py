"""A calendar's RRULE in the words of our `repeat`, where it can say it: weekly, monthly on
a date or on the first to fourth or last weekday, yearly on a date; an interval; an end by
UNTIL or COUNT. None for every other rule (daily, several days a week, a set of months...),
which the reader then takes apart into single times."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ..core.dates import When, instant, local_day
from ..source.recurrence import RRULE_DAYS, WEEKDAYS
from .ics_text import moment

_SAYABLE = {"FREQ", "INTERVAL", "UNTIL", "COUNT", "WKST", "BYDAY", "BYSETPOS", "BYMONTHDAY",
            "BYMONTH"}  # fmt: skip
_BYDAY = re.compile(r"([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)")


def _numbers(rule: Any, key: str) -> list[int]:
    return [int(v) for v in rule.get(key, [])]


def _by_day(rule: Any, first: date) -> dict[str, Any] | None:
    """Return `weekday` and `week` of a monthly rule on a weekday, None if ours cannot say it."""
    days = [str(v) for v in rule.get("BYDAY", [])]
    match = _BYDAY.fullmatch(days[0]) if len(days) == 1 else None
    if match is None or match[2] != RRULE_DAYS[first.weekday()] or rule.get("BYMONTHDAY"):
        return None
    positions = _numbers(rule, "BYSETPOS")
    week = int(match[1]) if match[1] else (positions[0] if len(positions) == 1 else None)
    if week not in (1, 2, 3, 4, -1) or (match[1] and positions):
        return None
    return {"weekday": WEEKDAYS[first.weekday()], "week": week}


def repeat_of(rule: Any, start: When, zone: ZoneInfo) -> dict[str, Any] | None:
    """Return our `repeat` for an RRULE starting at `start`, or None."""
    if rule is None or set(rule) - _SAYABLE:
        return None
    first = local_day(start)
    frequency = str(rule.get("FREQ", [""])[0]).upper()
    result: dict[str, Any]
    if frequency == "WEEKLY":
        days = [str(v) for v in rule.get("BYDAY", [])]
        if any(rule.get(k) for k in ("BYSETPOS", "BYMONTHDAY", "BYMONTH")):
            return None
        if days and days != [RRULE_DAYS[first.weekday()]]:
            return None
        result = {"every": "week"}
    elif frequency == "MONTHLY":
        if rule.get("BYMONTH"):
            return None
        if rule.get("BYDAY"):
            weekday = _by_day(rule, first)
            if weekday is None:
                return None
            result = {"every": "month", **weekday}
        elif rule.get("BYSETPOS") or _numbers(rule, "BYMONTHDAY") not in ([], [first.day]):
            return None
        else:
            result = {"every": "month"}
    elif frequency == "YEARLY":
        if rule.get("BYDAY") or rule.get("BYSETPOS"):
            return None
        if _numbers(rule, "BYMONTH") not in ([], [first.month]):
            return None
        if _numbers(rule, "BYMONTHDAY") not in ([], [first.day]):
            return None
        result = {"every": "year"}
    else:
        return None
    interval = _numbers(rule, "INTERVAL") or [1]
    if interval[0] != 1:
        result["interval"] = interval[0]
    if rule.get("COUNT"):
        result["count"] = _numbers(rule, "COUNT")[0]
    elif rule.get("UNTIL"):
        until = rule["UNTIL"][0]
        if isinstance(until, datetime):
            until = until.astimezone(zone).date() if until.tzinfo else until.date()
        result["until"] = until
    return result


def values(prop: Any) -> Iterator[Any]:
    for item in prop if isinstance(prop, list) else [prop] if prop is not None else []:
        for value in getattr(item, "dts", []):
            yield value.dt[0] if isinstance(value.dt, tuple) else value.dt


def for_dateutil(value: Any, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return datetime(value.year, value.month, value.day)  # a day: naive, as dateutil counts days


def as_when(value: datetime, all_day: bool, zone: ZoneInfo) -> When:
    return value.date() if all_day else moment(value, zone)


def length(start: When, end: When, zone: ZoneInfo) -> timedelta:
    if isinstance(start, datetime) and isinstance(end, datetime):
        return instant(end, zone) - instant(start, zone)
    return end - start  # type: ignore[operator]


def plus(start: When, length: timedelta | None, zone: ZoneInfo) -> When | None:
    if length is None:
        return None
    if isinstance(start, datetime):
        return (instant(start, zone) + length).astimezone(zone)
    return start + length
