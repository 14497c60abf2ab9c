"""Recurring events: the `repeat` rule of a series, its occurrences, and the rules on both.

A series is one event with a `repeat` rule; its first occurrence is the event's `start`. The
occurrences are counted in local wall time (19:30 in March and in April, across the change to
summer time), as RFC 5545 expands an RRULE with a TZID. A date the rule does not have (the 31st
in April, 29 February in 2027) is skipped and not counted, as RFC 5545 does.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from ..core.dates import When

MAX_OCCURRENCES = 260  # five years of weekly meetings
MAX_YEARS = 5  # from the first occurrence to `until`

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DUTCH_WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# What a volunteer writes for `every` in Dutch, and the value the data uses.
EVERY_WORDS = {
    "wekelijks": "week", "maand": "month", "maandelijks": "month", "jaar": "year",
    "jaarlijks": "year", "weekly": "week", "monthly": "month", "yearly": "year",
}  # fmt: skip
FORTNIGHT = {"fortnight", "tweewekelijks", "twee weken", "2 weken", "biweekly"}


def _words(words: list[str]) -> list[str]:
    """Return the words as a schema's enum lists them: lower case and capitalised."""
    return sorted({w for word in words for w in (word, word.capitalize())})


def _every(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    word = value.strip().casefold()
    if word in FORTNIGHT:
        raise ValueError("om de twee weken schrijf je als 'every: week' met 'interval: 2'")
    return EVERY_WORDS.get(word, word)


def _weekday(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    word = value.strip().casefold()
    for names in (WEEKDAYS, DUTCH_WEEKDAYS):
        if word in names:
            return WEEKDAYS[names.index(word)]
    raise ValueError(
        f"'{value}' is geen dag van de week; schrijf bijvoorbeeld 'tuesday' of 'dinsdag'"
    )


class Repeat(BaseModel):
    """How a series repeats: every (interval) weeks, months or years, until a day or a count."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # The schemas name the Dutch words too, as the model reads them (editors check against them).
    every: Annotated[
        Literal["week", "month", "year"], BeforeValidator(_every),
        WithJsonSchema({"type": "string", "enum": _words(["week", "month", "year", *EVERY_WORDS])}),
    ]  # fmt: skip
    interval: int = Field(default=1, ge=1, le=52, description="om de hoeveel weken/maanden/jaren")
    weekday: Annotated[
        Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        | None,
        BeforeValidator(_weekday),
        WithJsonSchema({"anyOf": [{"type": "string", "enum": _words(WEEKDAYS + DUTCH_WEEKDAYS)},
                                  {"type": "null"}]}),
    ] = Field(default=None, description="monday ... sunday (of maandag ... zondag)")  # fmt: skip
    week: Literal[1, 2, 3, 4, -1] | None = Field(
        default=None, description="de hoeveelste van de maand: 1 tot 4, of -1 voor de laatste"
    )
    until: date | None = Field(default=None, description="de laatste dag van de reeks")
    count: int | None = Field(default=None, ge=1, le=MAX_OCCURRENCES, description="hoe vaak")

    @model_validator(mode="after")
    def _one_end_and_sensible_days(self) -> Repeat:
        if self.until is not None and self.count is not None:
            raise ValueError("'until' en 'count' samen kan niet: kies er één")
        if self.until is None and self.count is None:
            raise ValueError(
                "een reeks heeft een einde nodig: 'until' (de laatste dag) of 'count' (hoe vaak)"
            )
        if self.every == "year" and (self.weekday is not None or self.week is not None):
            raise ValueError(
                "'weekday' en 'week' horen niet bij 'every: year': een jaarlijkse bijeenkomst "
                "komt terug op de datum van 'start'"
            )
        if self.week is not None and (self.every != "month" or self.weekday is None):
            raise ValueError("'week' hoort bij 'every: month', samen met 'weekday'")
        if self.every == "month" and self.weekday is not None and self.week is None:
            raise ValueError(
                "bij 'every: month' met 'weekday' hoort 'week': 1 tot 4, of -1 voor de laatste "
                "van de maand"
            )
        return self

    @property
    def day_number(self) -> int | None:
        """The weekday as Python counts it: 0 is Monday."""
        return None if self.weekday is None else WEEKDAYS.index(self.weekday)

    def rrule(self, start: When) -> str:
        """Return the RFC 5545 RRULE value, e.g. FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270630T235959."""
        parts = [f"FREQ={ {'week': 'WEEKLY', 'month': 'MONTHLY', 'year': 'YEARLY'}[self.every] }"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.weekday is not None:
            prefix = str(self.week) if self.week is not None else ""
            parts.append(f"BYDAY={prefix}{RRULE_DAYS[WEEKDAYS.index(self.weekday)]}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        elif self.until is not None:
            # UNTIL must have DTSTART's value type; with a TZID it is given in UTC (RFC 5545
            # 3.3.10). The last local moment of the day, so every start on that day is in.
            parts.append(f"UNTIL={_until(self.until, start)}")
        return ";".join(parts)


def _until(until: date, start: When) -> str:
    if not isinstance(start, datetime):
        return until.strftime("%Y%m%d")
    last = datetime.combine(until, datetime.max.time().replace(microsecond=0), start.tzinfo)
    return last.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def nth_weekday(year: int, month: int, weekday: int, week: int) -> date | None:
    """Return the `week`-th `weekday` of a month (-1: the last), or None when it has none."""
    days = calendar.monthrange(year, month)[1]
    matching = [d for d in range(1, days + 1) if date(year, month, d).weekday() == weekday]
    index = week - 1 if week > 0 else week
    return date(year, month, matching[index]) if -len(matching) <= index < len(matching) else None


def _candidate(first: date, repeat: Repeat, step: int) -> date | None:
    if repeat.every == "week":
        return first + timedelta(weeks=repeat.interval * step)
    if repeat.every == "month":
        months = first.month - 1 + repeat.interval * step
        year, month = first.year + months // 12, months % 12 + 1
        if repeat.day_number is not None and repeat.week is not None:
            return nth_weekday(year, month, repeat.day_number, repeat.week)
        days = calendar.monthrange(year, month)[1]
        return date(year, month, first.day) if first.day <= days else None
    year = first.year + repeat.interval * step
    return date(year, first.month, first.day) if calendar.isleap(year) or (
        first.month, first.day) != (2, 29) else None  # fmt: skip


def occurrence_days(start: When, repeat: Repeat) -> list[date]:
    """Return the local days the series takes place, the first being `start`'s, at most
    MAX_OCCURRENCES + 1 of them (one more than allowed, so a caller can tell it is too long)."""
    first = start.date() if isinstance(start, datetime) else start
    limit = _years_later(first, MAX_YEARS)
    found: list[date] = []
    step = 0
    # Every step moves on by at least a week; skipped dates (no 5th week, no 29 February) are
    # at most three in a row, so this ends. A day past the five years ends it too (returned,
    # so the caller can tell), whether the series ends by `until` or by `count`.
    while len(found) <= MAX_OCCURRENCES:
        try:
            day = _candidate(first, repeat, step)
        except (ValueError, OverflowError):  # past the year 9999: far past the limit
            found.append(date.max)
            break
        step += 1
        if day is None:
            continue
        if repeat.until is not None and day > repeat.until:
            break
        found.append(day)
        if day > limit or repeat.count is not None and len(found) == repeat.count:
            break
    return found


def at_day(start: When, day: date) -> When:
    """Return the start moved to `day`, at the same local wall time (a date stays a date)."""
    if isinstance(start, datetime):
        return datetime.combine(day, start.timetz().replace(tzinfo=None), start.tzinfo)
    return day


def rule_problem(start: When, end: When | None, repeat: Repeat) -> str | None:
    """Return what is wrong with a series as a whole, or None."""
    first = start.date() if isinstance(start, datetime) else start
    number = repeat.day_number
    if number is not None and first.weekday() != number:
        return (
            f"'start' ({first}) valt niet op een {DUTCH_WEEKDAYS[number]}; zet 'start' op "
            "de eerste keer van de reeks"
        )
    if repeat.week is not None and number is not None:
        wanted = nth_weekday(first.year, first.month, number, repeat.week)
        if wanted != first:
            return (
                f"'start' ({first}) is niet de {week_words(repeat.week)} "
                f"{DUTCH_WEEKDAYS[number]} van de maand; die is op {wanted}: zet 'start' "
                "op de eerste keer van de reeks"
            )
    if repeat.until is not None:
        if repeat.until < first:
            return f"'until' ({repeat.until}) ligt vóór 'start' ({first})"
        if repeat.until > _years_later(first, MAX_YEARS):
            return (
                f"een reeks duurt hoogstens {MAX_YEARS} jaar; kies een 'until' tot en met "
                f"{_years_later(first, MAX_YEARS)} en zet daarna een nieuwe reeks"
            )
    days = occurrence_days(start, repeat)
    if len(days) > MAX_OCCURRENCES:
        return f"een reeks heeft hoogstens {MAX_OCCURRENCES} keer; kies een eerdere 'until'"
    if days and days[-1] > _years_later(first, MAX_YEARS):
        return (
            f"een reeks duurt hoogstens {MAX_YEARS} jaar, tot en met "
            f"{_years_later(first, MAX_YEARS)}; met 'count' {repeat.count} duurt ze langer: "
            "kies een kleinere 'count' en zet daarna een nieuwe reeks"
        )
    clock = _clock_problem(start, days[:MAX_OCCURRENCES])
    if clock:
        return clock
    if (
        end is not None
        and repeat.every == "week"
        and end - start >= timedelta(weeks=repeat.interval)
    ):
        return "een keer duurt langer dan de tijd tot de volgende keer; controleer 'end'"
    return None


def _clock_problem(start: When, days: list[date]) -> str | None:
    """Return the message for the first occurrence whose wall-clock time the zone skips (the
    spring change) or has twice (the autumn change), or None. Calendars repeat a series in
    local time: such an evening has no one instant, and clients disagree on it."""
    if not isinstance(start, datetime) or not isinstance(start.tzinfo, ZoneInfo):
        return None
    zone, wall = start.tzinfo, start.replace(tzinfo=None)
    for day in days:
        naive = datetime.combine(day, wall.time())
        first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
        if first.utcoffset() == second.utcoffset():
            continue
        skipped = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive
        what = "bestaat die nacht niet" if skipped else "bestaat die nacht twee keer"
        return (
            f"de keer van {day} om {wall:%H:%M} {what} (de klok wordt verzet); kies voor de "
            "reeks een tijd buiten de nacht van de klokwissel, zoals 20:00 of 10:00"
        )
    return None


def dates_problem(days: list[date], occurrences: list[date], key: str) -> str | None:
    """Return the message for the first of `days` that is not an occurrence, or None."""
    held = set(occurrences)
    if key == "except" and held <= set(days):
        return (
            "alle keren van de reeks staan bij 'except': er blijft geen keer over; laat een "
            "keer doorgaan, of haal de bijeenkomst weg"
        )
    for day in days:
        if day not in held:
            near = sorted(occurrences, key=lambda o: (abs((o - day).days), o))[:2]
            listed = " of ".join(str(o) for o in sorted(near))
            return (
                f"{day} bij '{key}' is geen keer van deze reeks; de dichtstbijzijnde zijn {listed}"
            )
    return None


def week_words(week: int) -> str:
    return {1: "eerste", 2: "tweede", 3: "derde", 4: "vierde", -1: "laatste"}[week]


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Occurrence:
    """One time an event takes place: its start, end and status, and the local day the rule
    gives it (its anchor and RECURRENCE-ID, also when moved); its own location when it differs
    from the event's; whether `moved` or `changes` (source/overrides.py) made it differ."""

    start: When
    end: When | None
    status: str
    day: date
    location: Any = None
    moved: bool = False
    overridden: bool = False

    @property
    def apart(self) -> bool:
        """Whether it differs from its rule, so calendars and JSON-LD write it on its own."""
        return self.moved or self.overridden


def series(
    start: When,
    end: When | None,
    status: str,
    repeat: Repeat,
    skipped: list[date],
    cancelled: list[date],
) -> list[Occurrence]:
    """Return the occurrences of a series but the skipped ones, in order; each exactly as long
    as the first (RFC 5545 3.8.5.3: a length given by DTEND is an exact duration for every
    occurrence, as calendar clients and CalDAV servers expand it): an evening across the
    night the clocks change ends an hour earlier or later on the clock, as in every calendar."""
    found = []
    for day in occurrence_days(start, repeat):
        if day in skipped:
            continue
        moved = at_day(start, day)
        until = None if end is None else _shifted(moved, _exact(end, start))
        found.append(Occurrence(moved, until, "cancelled" if day in cancelled else status, day))
    return found


def _exact(end: When, start: When) -> timedelta:
    """Return the exact time between two moments (Python subtracts two times of one zone on
    the wall clock), or the days between two dates."""
    if isinstance(end, datetime) and isinstance(start, datetime):
        return end.astimezone(UTC) - start.astimezone(UTC)
    assert not isinstance(end, datetime) and not isinstance(start, datetime)  # the model's rule
    return end - start


def _shifted(start: When, length: timedelta) -> When:
    if isinstance(start, datetime):
        return (start.astimezone(UTC) + length).astimezone(start.tzinfo)
    return start + length
