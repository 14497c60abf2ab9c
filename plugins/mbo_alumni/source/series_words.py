"""A series' rule in words, as the pages and the feeds say it."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_date

from ..core.dates import When
from ..core.wording import Wording, day, time_of_day, when
from .model import Event
from .overrides import Change
from .parts import Location
from .recurrence import DUTCH_WEEKDAYS, Repeat, week_words


def describe(repeat: Repeat, start: When, end: When | None, words: Wording) -> str:
    """Return the rule in Dutch: 'elke eerste dinsdag van de maand, 19.30–21.30 uur, tot en met
    30 juni 2027'; 'om de 2 weken op dinsdag, 6 keer'."""
    first = start.date() if isinstance(start, datetime) else start
    n = repeat.interval
    if repeat.every == "week":
        day = DUTCH_WEEKDAYS[first.weekday()]
        rule = f"elke week op {day}" if n == 1 else f"om de {n} weken op {day}"
    elif repeat.every == "month" and repeat.day_number is not None and repeat.week is not None:
        which = f"{week_words(repeat.week)} {DUTCH_WEEKDAYS[repeat.day_number]}"
        rule = f"elke {which} van de maand" if n == 1 else f"om de {n} maanden op de {which}"
    elif repeat.every == "month":
        rule = (
            f"elke maand op de {first.day}e" if n == 1 else f"om de {n} maanden op de {first.day}e"
        )
    else:
        on = format_date(first, "d MMMM", locale=words.locale)
        rule = f"elk jaar op {on}" if n == 1 else f"om de {n} jaar op {on}"
    parts = [rule]
    if isinstance(start, datetime):
        hours = time_of_day(start, words)
        if isinstance(end, datetime) and end.date() == start.date():
            hours += f"–{time_of_day(end, words)}"
        parts.append(f"{hours} {words('when.hour')}")
    if repeat.until is not None:
        parts.append(f"tot en met {format_date(repeat.until, 'd MMMM y', locale=words.locale)}")
    else:
        parts.append(f"{repeat.count} keer")
    return ", ".join(parts)


def place_words(location: Location) -> str:
    """'Het Anker, Kade 1, Breda'; an online place: its link."""
    return ", ".join(p for p in (location.name, location.address, location.city) if p) or (
        location.url or ""
    )


def change_words(change: Change, words: Wording) -> str:
    """'vanaf dinsdag 5 januari 2027: 19.30–21.30 uur, Het Anker, Breda'."""
    parts = []
    if change.start is not None:
        clock = f"{change.start:%H.%M}" + (f"–{change.end:%H.%M}" if change.end else "")
        parts.append(f"{clock} {words('when.hour')}")
    if change.location is not None:
        parts.append(place_words(change.location))
    return words("series.changed", day=day(change.since, words), what=", ".join(parts))


def moved_words(event: Event, words: Wording) -> list[str]:
    """One line per moved time: 'woensdag 6 januari 2027, 20.00–22.00 uur: verplaatst; volgens
    de reeks was het dinsdag 5 januari 2027'."""
    return [
        f"{when(o.start, o.end, words)}: {words('series.was', day=day(o.day, words))}"
        for o in event.occurrences()
        if o.moved
    ]
