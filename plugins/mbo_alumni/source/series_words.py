"""A series' rule in words, as the pages and the feeds say it."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date

from ..core.dates import When
from ..core.wording import Wording, day, time_of_day, when
from .model import Event
from .overrides import Change
from .parts import Location
from .recurrence import Repeat


def describe(repeat: Repeat, start: When, end: When | None, words: Wording) -> str:
    """Return the rule in words (the catalogue's repeat.*): 'elke eerste dinsdag van de maand,
    19.30–21.30 uur, tot en met 30 juni 2027'; 'om de 2 weken op dinsdag, 6 keer'."""
    first = start.date() if isinstance(start, datetime) else start
    n = repeat.interval
    many = "" if n == 1 else "s"  # repeat.week or repeat.weeks, ...
    if repeat.every == "week":
        rule = words(f"repeat.week{many}", n=n, day=_weekday(first, words))
    elif repeat.every == "month" and repeat.day_number is not None and repeat.week is not None:
        which = f"{words(f'repeat.week.{repeat.week}')} {_weekday(first, words)}"
        rule = words(f"repeat.month{many}_weekday", n=n, which=which)
    elif repeat.every == "month":
        rule = words(f"repeat.month{many}_day", n=n, day=first.day)
    else:
        on = format_date(first, "d MMMM", locale=words.locale)
        rule = words(f"repeat.year{many}", n=n, date=on)
    parts = [rule]
    if isinstance(start, datetime):
        hours = time_of_day(start, words)
        if isinstance(end, datetime) and end.date() == start.date():
            hours += f"–{time_of_day(end, words)}"
        parts.append(f"{hours} {words('when.hour')}")
    if repeat.until is not None:
        until = format_date(repeat.until, "d MMMM y", locale=words.locale)
        parts.append(words("repeat.until", date=until))
    else:
        parts.append(words("repeat.count", count=repeat.count))
    return ", ".join(parts)


def _weekday(first: date, words: Wording) -> str:
    """The day's name in the site's language ('dinsdag'), from Babel's CLDR data."""
    return format_date(first, "EEEE", locale=words.locale)


def place_words(location: Location) -> str:
    """'Het Anker, Kade 1, Breda'; an online place: its link."""
    return location.venue or location.url or ""


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
