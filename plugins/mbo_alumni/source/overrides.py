"""A series kept right after it was written: one occurrence moved (`moved`), and every occurrence
from a date on at another time or place (`changes`).

Both leave the rule and the occurrences before them as they were: a calendar writes each
occurrence they touch as an override of the series' one UID (its RECURRENCE-ID is the day the
rule gives, its DTSTART the new time), so a subscriber's past evenings never change. A change
of the rule itself (another weekday, another interval) is a new series: intake ends the old one
with `until` the day before, so nothing is held twice.

    moved:
      - {date: 2027-01-05, start: 2027-01-06 20:00, end: 2027-01-06 22:00}
    changes:
      - {from: 2027-01-05, start: "19:30", end: "21:30", location: {name: Het Anker}}
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from ..core.dates import When, instant, is_all_day
from .fields import WhenField
from .parts import Location, Strict
from .recurrence import Occurrence, dates_problem

CLOCK = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")


def _clock(value: Any) -> Any:
    """Read '19:30' or '19.30' as a time of day (YAML reads an unquoted 19:30 as a number)."""
    if isinstance(value, str):
        match = CLOCK.fullmatch(value.strip().removesuffix(" uur").strip())
        if not match:
            raise ValueError(f"'{value}' is geen tijd; schrijf bijvoorbeeld \"19:30\"")
        return time(int(match[1]), int(match[2]))
    if isinstance(value, int) and not isinstance(value, bool):  # YAML 1.1: 19:30 is 1170
        return time(value // 60, value % 60) if 0 <= value < 24 * 60 else value
    return value


Clock = Annotated[
    time,
    BeforeValidator(_clock),
    WithJsonSchema({"type": "string", "pattern": r"^([01]?\d|2[0-3])[:.][0-5]\d$"}),
]


class Move(Strict):
    """One occurrence held at another time or place: the day the rule gives, and where to."""

    day: date = Field(alias="date", description="de dag van de keer zoals de reeks hem geeft")
    start: WhenField
    end: WhenField | None = None
    location: Location | None = None

    @model_validator(mode="after")
    def _end_after_start(self) -> Move:
        if self.end is not None:
            if is_all_day(self.end) != is_all_day(self.start):
                raise ValueError("'start' en 'end' van een verplaatste keer zijn van één soort")
            if self.end < self.start:
                raise ValueError("het einde van de verplaatste keer ligt vóór haar begin")
        return self


class Change(Strict):
    """From one occurrence on, every later one at another time or place."""

    since: date = Field(alias="from", description="de eerste keer met de nieuwe tijd of plaats")
    start: Clock | None = Field(default=None, description="de nieuwe begintijd, zoals 19:30")
    end: Clock | None = Field(default=None, description="de nieuwe eindtijd, zoals 21:30")
    location: Location | None = None

    @model_validator(mode="after")
    def _something_changes(self) -> Change:
        if self.start is None and self.end is None and self.location is None:
            raise ValueError("zeg wat er verandert: 'start', 'end' of 'location'")
        if self.end is not None and self.start is None:
            raise ValueError("een nieuwe eindtijd hoort bij een nieuwe begintijd ('start')")
        return self


def problem(
    start: When,
    days: list[date],
    moved: list[Move],
    changes: list[Change],
    not_held: set[date],
) -> str | None:
    """Return what is wrong with the moves and changes of a series whose rule gives `days`, of
    which `not_held` are skipped or cancelled; None when they fit."""
    for key, wanted in (("moved", [m.day for m in moved]), ("changes", [c.since for c in changes])):
        found = dates_problem(wanted, days, key)  # each an occurrence, as for except
        if found:
            return found
        twice = next((day for index, day in enumerate(wanted) if day in wanted[:index]), None)
        if twice is not None:
            return f"{twice} staat twee keer bij '{key}'; laat er één staan"
    for move in moved:
        if move.day in not_held:
            return f"{move.day} staat bij 'moved' en bij 'except' of 'cancelled'; kies er één"
        if is_all_day(move.start) != is_all_day(start):
            kind = "een datum (hele dag)" if is_all_day(start) else "een datum met tijd"
            return f"de verplaatste keer van {move.day} begint net als de reeks: met {kind}"
    if is_all_day(start) and any(c.start is not None for c in changes):
        return "een reeks van hele dagen heeft geen begintijd; verander alleen de 'location'"
    return None


def apply(
    occurrences: list[Occurrence],
    moved: list[Move],
    changes: list[Change],
    start: When,
    zone: ZoneInfo,
) -> list[Occurrence]:
    """Return the occurrences with the changes and moves made, in the order they are held."""
    if not moved and not changes:
        return occurrences
    moves = {m.day: m for m in moved}
    ordered = sorted(changes, key=lambda c: c.since)
    found = []
    for o in occurrences:
        change = next((c for c in reversed(ordered) if c.since <= o.day), None)
        if change is not None:
            o = _changed(o, change, start)
        move = moves.get(o.day)
        if move is not None:
            location = move.location or o.location
            o = replace(o, start=move.start, end=move.end, location=location, moved=True)
        found.append(o)
    return sorted(found, key=lambda o: (instant(o.start, zone), o.day))


def _changed(o: Occurrence, change: Change, first: When) -> Occurrence:
    location = change.location or o.location
    if change.start is None or not isinstance(first, datetime):
        return replace(o, location=location, overridden=True)
    begin = datetime.combine(o.day, change.start, first.tzinfo)
    end = o.end
    if change.end is not None:
        end = datetime.combine(o.day, change.end, first.tzinfo)
        if end <= begin:  # past midnight
            end += timedelta(days=1)
    elif isinstance(o.end, datetime) and isinstance(o.start, datetime):
        length = o.end.astimezone(UTC) - o.start.astimezone(UTC)  # as long as before
        end = (begin.astimezone(UTC) + length).astimezone(first.tzinfo)
    return replace(o, start=begin, end=end, location=location, overridden=True)
