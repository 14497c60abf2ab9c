"""Dutch wording of dates and times, from Babel's CLDR data."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_time

from .when import AMSTERDAM, When, local_day

LOCALE = "nl_NL"


def day(value: date) -> str:
    """Return e.g. 'dinsdag 22 september 2020'."""
    return format_date(value, "EEEE d MMMM y", locale=LOCALE)


def clock(value: datetime) -> str:
    """Return e.g. '09.00' (Dutch writes hours and minutes with a dot)."""
    return format_time(value.astimezone(AMSTERDAM), "HH.mm", locale=LOCALE)


def when(start: When, end: When | None = None) -> str:
    """Return the Dutch wording of an event's date or date range.

    'dinsdag 22 september 2020', 'dinsdag 22 september 2020, 09.00–13.00 uur',
    'vrijdag 5 maart 2027 t/m zondag 7 maart 2027'.
    """
    if not isinstance(start, datetime):
        if end is None or end == start:
            return day(start)
        return f"{day(start)} t/m {day(end)}"
    assert end is None or isinstance(end, datetime)
    local_start = start.astimezone(AMSTERDAM)
    if end is None:
        return f"{day(local_start.date())}, {clock(local_start)} uur"
    local_end = end.astimezone(AMSTERDAM)
    if local_end.date() == local_start.date():
        return f"{day(local_start.date())}, {clock(local_start)}–{clock(local_end)} uur"
    return (
        f"{day(local_start.date())} {clock(local_start)} uur t/m "
        f"{day(local_end.date())} {clock(local_end)} uur"
    )


def last_day(start: When, end: When | None) -> date:
    """Return the local calendar day on which an event ends."""
    return local_day(end if end is not None else start)
