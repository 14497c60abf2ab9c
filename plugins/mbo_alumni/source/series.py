"""A series as the lists show it: each occurrence an event of its own, at its own date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .model import Event


def held(events: Iterable[Event]) -> list[tuple[Event, date | None]]:
    """Return each event with None, and in place of every series its occurrences (not the
    excepted ones), each an Event with that occurrence's start, end and status and no rule,
    with its day. Calendars, news feeds and the event pages keep the series itself."""
    found: list[tuple[Event, date | None]] = []
    for event in events:
        if event.repeat is None:
            found.append((event, None))
            continue
        for occurrence in event.occurrences():
            single = event.model_copy(
                update={
                    "start": occurrence.start,
                    "end": occurrence.end,
                    "status": occurrence.status,
                    "repeat": None,
                    "except_": [],
                    "cancelled": [],
                }
            )
            found.append((single, occurrence.day))
    return found
