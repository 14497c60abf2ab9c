"""The spreadsheet columns of the data: one table read by the CSV export and the CSV import.

A column is named after its key in the data files, a nested key with a dot (`location.city`),
so the export's header row, the import and the data contract say the same. Lists are written
as their items joined by ", " (as the issue forms take them), an item that holds a comma or a
quote in double quotes (`Zorg, "Zorg, welzijn en sport"`), so any value comes back whole; yes/no
as "ja" or "nee"; a day as `2027-03-30` and a time as the site's local `2027-03-30 19:30`: the
forms LibreOffice (in any language setting) and Excel read as dates and times, where a time with
its UTC offset (`...T19:30:00+02:00`, the JSON's form) stays text and cannot be sorted. The site's
own columns (the page, the calendar, the UID, all_day) are written by the export and skipped by
the import.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Literal

from ..core.dates import iso
from .model import Association, Event

Kind = Literal["text", "list", "yesno", "number", "date", "dates", "when", "records"]
YES, NO = "ja", "nee"
YES_WORDS = {"ja", "yes", "true", "waar", "1", "x"}
NO_WORDS = {"nee", "no", "false", "onwaar", "0"}
LIST_SEPARATOR = ", "
# A cell that starts with one of these is a formula to Excel and LibreOffice: a text that
# starts so is written with an apostrophe before it (which both show as text and hide), and
# the import takes it off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One column: its header (the data key, nested keys joined by a dot), how its cells
    are written, and whether the site makes it (the import skips those)."""

    header: str
    kind: Kind = "text"
    site: bool = False
    dutch: str = ""  # what it holds, for /open-data/

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.header.split("."))


SOCIALS = ("linkedin", "instagram", "facebook", "x", "youtube", "tiktok", "mastodon")

ASSOCIATION_COLUMNS = (
    Column("id"),
    Column("name"),
    Column("institution"),
    Column("city"),
    Column("province"),
    Column("website"),
    Column("email"),
    Column("founded", "number"),
    Column("description"),
    Column("sectors", "list"),
    *(Column(f"socials.{name}") for name in SOCIALS),
    Column("contact.name"),
    Column("contact.role"),
    Column("contact.email"),
    Column("contact.consent", "yesno"),
    Column("checked", "date"),
    Column("page", site=True),
    Column("calendar", site=True),
)

EVENT_COLUMNS = (
    Column("id"),
    Column("title"),
    Column("start", "when"),
    Column("end", "when"),
    Column("all_day", "yesno", site=True),
    Column("status"),
    Column("organizer", "list"),
    Column("host"),
    Column("location.name"),
    Column("location.address"),
    Column("location.city"),
    Column("location.online", "yesno"),
    Column("location.url"),
    Column("url"),
    Column("description"),
    Column("tags", "list"),
    Column("announced", "date"),
    Column("repeat.every"),
    Column("repeat.interval", "number"),
    Column("repeat.weekday"),
    Column("repeat.week", "number"),
    Column("repeat.until", "date"),
    Column("repeat.count", "number"),
    Column("except", "dates"),
    Column("cancelled", "dates"),
    Column("moved", "records"),  # a series' moved times and changes from a date, as JSON
    Column("changes", "records"),
    Column("uid", site=True),
    Column("page", site=True),
    Column("calendar", site=True),
)

# Fields of the data that have no column: who may change an entry is the repository's matter.
NO_COLUMN = {"editors", "sequence"}  # matters to the repository and its calendars only
# An association's own calendar and what `mbo-alumni sync` took from it: the sync's matter
# (the open data's `calendar` column is the site's own feed of the association).
NO_COLUMN |= {"calendar", "calendar_words", "imported"}
NO_COLUMN |= {"image"}  # a file beside the data: a spreadsheet cannot carry it


def columns_for(model: type[Association] | type[Event]) -> tuple[Column, ...]:
    return ASSOCIATION_COLUMNS if model is Association else EVENT_COLUMNS


def entry_values(entry: Association | Event) -> dict[str, Any]:
    """Return the entry as the data files hold it, by key (aliases: `except`), with a
    person's contact only with their consent."""
    values = entry.model_dump(by_alias=True, exclude=NO_COLUMN)
    if isinstance(entry, Association) and not (entry.contact and entry.contact.consent):
        values["contact"] = None
    return values


def cell(value: Any, column: Column) -> str:
    """Return one value as its cell's text."""
    if value is None or value == []:
        return ""
    if column.kind == "records":  # a list of small records: JSON, as the data writes them
        return json.dumps([record(item) for item in value], ensure_ascii=False)
    if column.kind == "yesno":  # 'nee' said, not left empty: an empty cell is "not known"
        return YES if value else NO
    if isinstance(value, list):
        text = LIST_SEPARATOR.join(_item(_plain(item)) for item in value)
    elif column.kind == "when" and isinstance(value, datetime):
        text = value.strftime("%Y-%m-%d %H:%M")  # the site's local time, as the data has it
    else:
        text = _plain(value)
    if column.kind in ("text", "list") and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def record(values: Mapping[str, Any]) -> dict[str, Any]:
    """A moved time or a change as the data file writes it: local times, '19:30', no blanks."""
    found: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, Mapping):
            value = {k: v for k, v in value.items() if v not in (None, False)} or None
        if value is None:
            continue
        if isinstance(value, time):
            value = value.strftime("%H:%M")
        elif isinstance(value, str) and "T" in value[10:11]:  # a serialised moment
            value = datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
        elif isinstance(value, (date, datetime)):
            value = _plain(value)
        found[key] = value
    return found


def _item(text: str) -> str:
    """One item of a list cell, quoted (as in CSV) when it holds a comma or a quote."""
    if any(mark in text for mark in ',"') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def list_items(text: str) -> list[str]:
    """Return the items of a list cell: split at commas outside double quotes, so both a
    coordinator's `Zorg, Techniek` and the export's `Zorg, "Zorg, welzijn en sport"` read."""
    rows = list(csv.reader([text.replace("\n", " ")], skipinitialspace=True))
    return [item.strip() for item in (rows[0] if rows else []) if item.strip()]


def _plain(value: Any) -> str:
    return iso(value) if isinstance(value, (date, datetime)) else str(value)


def row(values: Mapping[str, Any], columns: tuple[Column, ...]) -> list[str]:
    """Return the cells of one entry (`values` by key, nested mappings for nested keys)."""
    cells = []
    for column in columns:
        value: Any = values
        for key in column.path:
            value = value.get(key) if isinstance(value, Mapping) else None
        cells.append(cell(value, column))
    return cells


def unformula(text: str) -> str:
    """Return a text cell as written before the export guarded it against formulas."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
