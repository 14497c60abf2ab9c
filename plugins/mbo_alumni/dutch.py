"""Dutch wording of dates and times, from Babel's CLDR data."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_time

from .when import AMSTERDAM, When, local_day, occurs_twice, summer_time

LOCALE = "nl_NL"

STATUS = {"confirmed": "Bevestigd", "tentative": "Onder voorbehoud", "cancelled": "Afgelast"}
"""The Dutch word for each event status (pages, feeds and calendars say the same)."""


def status_label(status: str) -> str:
    """Return the label a page or feed shows beside an event: none for a confirmed one."""
    return "" if status == "confirmed" else STATUS[status]


def day(value: date) -> str:
    """Return e.g. 'dinsdag 22 september 2020'."""
    return format_date(value, "EEEE d MMMM y", locale=LOCALE)


def month(year: int, number: int) -> str:
    """Return e.g. 'maart 2027'."""
    return format_date(date(year, number, 1), "MMMM y", locale=LOCALE)


def clock(value: datetime) -> str:
    """Return e.g. '09.00' (Dutch writes hours and minutes with a dot)."""
    return format_time(value.astimezone(AMSTERDAM), "HH.mm", locale=LOCALE)


def _which(value: datetime) -> str:
    """Return ' (zomertijd)' or ' (wintertijd)' for a wall time that occurs twice, else ''."""
    if not occurs_twice(value):
        return ""
    return " (zomertijd)" if summer_time(value) else " (wintertijd)"


def when(start: When, end: When | None = None) -> str:
    """Return the Dutch wording of an event's date or date range.

    'dinsdag 22 september 2020', 'dinsdag 22 september 2020, 09.00–13.00 uur',
    'vrijdag 5 maart 2027 t/m zondag 7 maart 2027'. A time that occurs twice (the night
    the clock goes back) says which of the two it is: '02.30 uur (zomertijd)'.
    """
    if not isinstance(start, datetime):
        if end is None or end == start:
            return day(start)
        return f"{day(start)} t/m {day(end)}"
    assert end is None or isinstance(end, datetime)
    local_start = start.astimezone(AMSTERDAM)
    if end is None:
        return f"{day(local_start.date())}, {clock(local_start)} uur{_which(start)}"
    local_end = end.astimezone(AMSTERDAM)
    if local_end.date() == local_start.date():
        return (
            f"{day(local_start.date())}, {clock(local_start)}{_which(start)}"
            f"–{clock(local_end)} uur{_which(end)}"
        )
    return (
        f"{day(local_start.date())} {clock(local_start)} uur{_which(start)} t/m "
        f"{day(local_end.date())} {clock(local_end)} uur{_which(end)}"
    )


def last_day(start: When, end: When | None) -> date:
    """Return the local calendar day on which an event ends."""
    return local_day(end if end is not None else start)
