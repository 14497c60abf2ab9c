"""A series as the lists show it: each occurrence an event of its own, at its own date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .model import Event
from .recurrence import Occurrence


def single(event: Event, occurrence: Occurrence, status: str | None = None) -> Event:
    """Return one occurrence of a series as an event of its own: its start, end, status (or
    `status`) and place, without the rule."""
    return event.model_copy(
        update={
            "start": occurrence.start,
            "end": occurrence.end,
            "status": status or occurrence.status,
            "location": occurrence.location or event.location,
            "repeat": None,
            "except_": [],
            "cancelled": [],
            "moved": [],
            "changes": [],
        }
    )


def next_held(event: Event, today: date) -> Occurrence:
    """Return the occurrence a link to 'the next time' carries: the first one held (not
    cancelled) from `today`, else the last one held; of a wholly cancelled series, its last."""
    occurrences = event.occurrences()
    held = [o for o in occurrences if o.status != "cancelled"] or occurrences
    return next((o for o in held if o.day >= today), held[-1])


def held(events: Iterable[Event]) -> list[tuple[Event, Occurrence | None]]:
    """Return each event with None, and in place of every series its occurrences (not the
    excepted ones), each an Event with that occurrence's start, end, status and place and no
    rule, with the occurrence (its day the rule's, also when it was moved). Calendars, news
    feeds and the event pages keep the series itself."""
    found: list[tuple[Event, Occurrence | None]] = []
    for event in events:
        if event.repeat is None:
            found.append((event, None))
            continue
        for occurrence in event.occurrences():
            found.append((single(event, occurrence), occurrence))
    return found
