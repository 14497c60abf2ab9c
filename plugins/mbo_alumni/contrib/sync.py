"""`mbo-alumni sync`: the agenda follows an association's own calendar.

For each association with `calendar:`, the calendar is fetched (contrib/fetch.py), read
(contrib/ics_read.py) and compared with the entries it gave before, found again by their
`imported` UID: a new event is added, a changed one is changed in place (its id, and so its
UID in our feeds, stays), one that is gone from the calendar is cancelled if it was still to
come. What is past is never touched. A calendar that suddenly lost most of its coming events
(a broken export) cancels nothing: the maintainer is told instead. Every edit is the
round-trip edit intake makes (comments, order and quoting kept), the data is checked as a
whole before anything is written, and then every file is written at once or none.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from ..core.atomic import write_all_atomic
from ..core.dates import is_past, local_day
from ..core.problems import DataError
from ..core.settings import Settings
from ..source.load import Data, load
from ..source.model import Association, Event, ended
from . import ics_read
from .ics_text import slug, when_text
from .issue_form import append_entries
from .series_changes import touches_past
from .yaml_edit import ChangeError, apply

# What the calendar decides, and the keys whose change moves the event in a calendar (its
# SEQUENCE rises with them, so every client takes the update).
COMPARED = ("title", "start", "end", "location", "url", "description", "status", "tags",
            "repeat", "except", "cancelled", "moved", "changes")  # fmt: skip
MOVING = {"start", "end", "location", "status", "repeat", "except", "cancelled", "moved",
          "changes"}  # fmt: skip
BROKEN_AT = 3  # at least this many coming events gone at once, and more than half: held back


@dataclass
class Plan:
    """What one run changes for one association, and what it tells."""

    association: Association
    added: list[dict[str, Any]] = field(default_factory=list)
    changed: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> new values
    told: list[tuple[str, str]] = field(default_factory=list)  # (heading, line) for the PR
    skipped: list[str] = field(default_factory=list)
    held_back: str = ""  # why nothing was cancelled
    past: bool = False  # a change alters what a time already held shows

    @property
    def empty(self) -> bool:
        return not self.added and not self.changed


def _data_value(value: Any) -> Any:
    """Return a value as the data files write it: times quoted, dates bare."""
    if isinstance(value, dict):
        return {k: _data_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_data_value(v) for v in value]
    if isinstance(value, str) and len(value) >= 16 and value[4] == "-" and value[10] in " T":
        return SingleQuotedScalarString(value)
    return value


def _model(entry: dict[str, Any], settings: Settings) -> Event:
    return Event.model_validate({"id": "x", **entry}, context={"zone": settings.zone})


def _differs(old: Event, new: Event) -> list[str]:
    keys = []
    for key in COMPARED:
        name = "except_" if key == "except" else key
        if getattr(old, name) != getattr(new, name):
            keys.append(key)
    return keys


def _new_id(found: ics_read.Found, taken: set[str]) -> str:
    day = found.key[1] or _when_of(found.entry["start"])
    base = f"{slug(found.entry['title'])}-{day.isoformat()}"
    ident, number = base, 2
    while ident in taken:
        ident, number = f"{base}-{number}", number + 1
    taken.add(ident)
    return ident


def _when_of(value: Any) -> Any:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _entry(
    ident: str, association: Association, found: ics_read.Found, today: date
) -> dict[str, Any]:
    values = dict(found.entry)
    head = {"id": ident, "title": values.pop("title"), "start": values.pop("start")}
    if "end" in values:
        head["end"] = values.pop("end")
    imported = values.pop("imported")
    return {**head, "organizer": association.id, **values, "announced": today,
            "imported": imported}  # fmt: skip


def plan(association: Association, reading: ics_read.Reading, data: Data, settings: Settings,
         today: date) -> Plan:  # fmt: skip
    """Return what the calendar's entries change in the data for this association."""
    result = Plan(association, skipped=list(reading.skipped))
    mine = {
        (e.imported.uid, e.imported.day): e
        for e in data.events
        if e.imported is not None and association.id in e.organizer
    }
    taken = {e.id for e in data.events}
    seen: set[tuple[str, date | None]] = set()
    for found in reading.found:
        seen.add(found.key)
        try:
            candidate = _model(found.entry, settings)
        except ValidationError as error:
            result.skipped.append(f"{found.label}: {ics_read._reason(error)}")
            continue
        old = mine.get(found.key)
        if old is None:
            entry = _entry(_new_id(found, taken), association, found, today)
            result.added.append(entry)
            result.told.append(("Nieuw", found.label))
            continue
        if ended(old, today):
            continue  # the past stays as it was
        keys = _differs(old, candidate)
        if keys:
            _change(result, old, {k: found.entry.get(k) for k in keys}, today, found.label)
    _gone(result, mine, seen, reading, today)
    return result


def _change(result: Plan, old: Event, values: dict[str, Any], today: date, label: str) -> None:
    changes = {k: _data_value(v) for k, v in values.items()}
    if MOVING & set(changes):
        changes["sequence"] = old.sequence + 1
    changes["announced"] = today
    result.changed[old.id] = changes
    result.past = result.past or touches_past(old, changes, today)
    what = "Afgelast" if changes.get("status") == "cancelled" else "Gewijzigd"
    parts = ", ".join(_WHAT.get(k, k) for k in values)
    result.told.append((what, f"{label}: {parts}" if what == "Gewijzigd" else label))


_WHAT = {"title": "titel", "start": "begin", "end": "einde", "location": "plaats",
         "url": "link", "description": "beschrijving", "status": "status", "tags": "thema's",
         "repeat": "herhaling", "except": "overgeslagen keren", "cancelled": "afgelaste keren",
         "moved": "verplaatste keren", "changes": "wijzigingen van de reeks"}  # fmt: skip


def _gone(result: Plan, mine: dict[Any, Event], seen: set[Any], reading: ics_read.Reading,
          today: date) -> None:  # fmt: skip
    """Cancel what is gone from the calendar and still to come; hold back when most is gone."""
    horizon = today + timedelta(days=ics_read.SERIES_AHEAD_DAYS)
    coming = {k: e for k, e in mine.items() if not ended(e, today) and e.status != "cancelled"}
    gone = {k: e for k, e in coming.items() if k not in seen
            and local_day(e.start) <= horizon}  # fmt: skip
    if not gone:
        return
    if (len(gone) >= BROKEN_AT and len(gone) * 2 > len(coming)) or not reading.events:
        result.held_back = (
            f"{len(gone)} van de {len(coming)} komende bijeenkomsten staan niet meer in de "
            "agenda. Dat lijkt op een agenda die niet goed is uitgevoerd, dus is niets "
            "afgelast. Kijk of de agenda klopt; klopt ze, haal de bijeenkomsten dan met de hand "
            "weg of zet er status: cancelled bij."
        )
        return
    for event in gone.values():
        label = f"{event.title} ({local_day(event.start)})"
        times = event.occurrences()
        coming_days = {o.day for o in times if not is_past(o.start, o.end, today)}
        if event.repeat is not None and len(coming_days) < len(times):  # it began: the rest
            values: dict[str, Any] = {"cancelled": sorted({*event.cancelled, *coming_days})}
            if any(m.day in coming_days for m in event.moved):  # a moved time is cancelled
                kept = [_move(m) for m in event.moved if m.day not in coming_days]
                values["moved"] = kept or None
            _change(result, event, values, today, label)
        else:
            _change(result, event, {"status": "cancelled"}, today, label)
        result.told[-1] = ("Afgelast", f"{label}: staat niet meer in jullie agenda")


def _move(move: Any) -> dict[str, Any]:
    """Return a kept `moved` item as the data file writes it."""
    item: dict[str, Any] = {"date": move.day, "start": when_text(move.start)}
    if move.end is not None:
        item["end"] = when_text(move.end)
    if move.location is not None:
        item["location"] = move.location.model_dump(exclude_defaults=True)
    return item


def write(plan_: Plan, settings: Settings, today: date) -> list[str]:
    """Make the plan's changes in the data files, all or nothing; return the problems (in
    Dutch, by file and line) when the data would not be valid, and then write nothing."""
    events = settings.files.events
    with tempfile.TemporaryDirectory(prefix="mbo-sync-") as folder:
        work = Path(folder) / "data"
        shutil.copytree(settings.data_path, work)
        path = work / events
        text = path.read_text(encoding="utf-8")
        for ident, changes in plan_.changed.items():
            removed = [k for k, v in changes.items() if v is None]
            kept = {k: v for k, v in changes.items() if v is not None}
            try:
                text, _ = apply(text, ident, kept, settings.zone, remove=removed)
            except ChangeError:
                return [f"{events}: {ident} staat niet meer in de gegevens"]
        path.write_text(text, encoding="utf-8")
        if plan_.added:
            append_entries(path, plan_.added)
        try:
            load(work, today, settings.files, settings.zone)
        except DataError as error:
            return [str(p).replace(str(work), settings.data_dir, 1) for p in error.problems]
        write_all_atomic({settings.data_path / events: path.read_text(encoding="utf-8")})
    return []
