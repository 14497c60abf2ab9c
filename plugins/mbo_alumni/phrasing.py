"""Dates, times and statuses in words: the catalogue's words, Babel's CLDR data for its locale."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_time

from .when import When, occurs_twice, summer_time
from .wording import Wording


def status_label(status: str, words: Wording) -> str:
    """Return the label a page or feed shows beside an event: none for a confirmed one."""
    return "" if status == "confirmed" else words(f"status.{status}")


def day(value: date, words: Wording) -> str:
    """Return e.g. 'dinsdag 22 september 2020'."""
    return format_date(value, "EEEE d MMMM y", locale=words.locale)


def month(year: int, number: int, words: Wording) -> str:
    """Return e.g. 'maart 2027'."""
    return format_date(date(year, number, 1), "MMMM y", locale=words.locale)


def clock(value: datetime, words: Wording) -> str:
    """Return e.g. '09.00' (Dutch writes hours and minutes with a dot)."""
    return format_time(value, "HH.mm", locale=words.locale)  # in its (the site's) zone


def _which(value: datetime, words: Wording) -> str:
    """Return ' (zomertijd)' or ' (wintertijd)' for a wall time that occurs twice, else ''."""
    if not occurs_twice(value):
        return ""
    return f" ({words('when.summer_time' if summer_time(value) else 'when.winter_time')})"


def when(start: When, end: When | None, words: Wording) -> str:
    """Return the wording of an event's date or date range.

    'dinsdag 22 september 2020', 'dinsdag 22 september 2020, 09.00–13.00 uur',
    'vrijdag 5 maart 2027 t/m zondag 7 maart 2027'. A time that occurs twice (the night
    the clock goes back) says which of the two it is: '02.30 uur (zomertijd)'.
    """
    until, hour = words("when.until"), words("when.hour")
    if not isinstance(start, datetime):
        if end is None or end == start:
            return day(start, words)
        return f"{day(start, words)} {until} {day(end, words)}"
    first = start  # moments carry the site's zone
    opening = f"{day(first.date(), words)}, {clock(first, words)}"
    if not isinstance(end, datetime):  # the model gives a moment an end of the same kind
        return f"{opening} {hour}{_which(start, words)}"
    last = end
    if last.date() == first.date():
        return f"{opening}{_which(start, words)}–{clock(last, words)} {hour}{_which(end, words)}"
    return (
        f"{day(first.date(), words)} {clock(first, words)} {hour}{_which(start, words)} "
        f"{until} {day(last.date(), words)} {clock(last, words)} {hour}{_which(end, words)}"
    )
