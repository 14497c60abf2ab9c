"""`mbo-alumni import`: new entries from a coordinator's spreadsheet, saved as CSV.

The file has the columns of the CSV export (source/columns.py), in any order, separated by
semicolons or commas, in UTF-8 with or without a byte order mark (as Excel's "CSV UTF-8" and
LibreOffice save it). Every problem is named as FILE.csv:row:column (the row as a spreadsheet
counts it, the header being row 1) with the validator's Dutch message. Nothing is written
unless every row of every file is right; then the new entries go into the data files in id
order, and the data as a whole is checked once more before the files are replaced.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from ..core.atomic import write_all_atomic
from ..core.dates import from_dutch
from ..core.problems import DataError, Problem, did_you_mean
from ..core.settings import Settings
from ..source.columns import (
    NO_WORDS,
    YES_WORDS,
    Column,
    columns_for,
    list_items,
    unformula,
)
from ..source.load import Data, load
from ..source.messages import explain
from ..source.model import Association, Event
from .answers import date_or_text, dates_in
from .issue_form import append_entries
from .sheet_text import delimiter, row_problem, sheet_text

HEADERS = {
    Association: "# yaml-language-server: $schema=../schemas/associations.schema.json\n"
    "# Alumniverenigingen van mbo-scholen. Uitleg per veld: zie CONTRIBUTING.md.\n"
    "# Houd de lijst op volgorde van id.\n",
    Event: "# yaml-language-server: $schema=../schemas/events.schema.json\n"
    "# Bijeenkomsten over alumnibeleid in het mbo. Uitleg per veld: zie CONTRIBUTING.md.\n"
    "# Houd de lijst op volgorde van id.\n",
}


@dataclass
class Sheet:
    """One CSV file read: its entries (with their row numbers) and its problems."""

    path: Path
    model: type[Association] | type[Event]
    entries: list[tuple[int, dict[str, Any]]]
    problems: list[Problem]
    columns: dict[str, int]  # header -> column number (1-based)

    def at(self, row: int, header: str, message: str) -> Problem:
        return Problem(str(self.path), row, self.columns.get(header, 1), message)


def _value(column: Column, text: str, zone: ZoneInfo) -> Any:
    """Return a cell as the data files hold it (a date as a date, so YAML writes it bare)."""
    text = text.strip()
    if column.kind in ("text", "list"):
        text = unformula(text)
    if column.kind == "list":
        return list_items(text)
    if column.kind == "records":  # JSON, as the export writes it; else the model says why
        try:
            return json.loads(text) if text else []
        except json.JSONDecodeError:
            return text
    if column.kind == "yesno":
        word = text.casefold()
        return True if word in YES_WORDS else False if word in NO_WORDS else text
    if column.kind == "number":
        # isdigit() is true for '²' and '①', which int() refuses: ASCII digits only
        return int(text) if re.fullmatch(r"-?[0-9]+", text) else text
    if column.kind == "dates":
        return dates_in(text)
    if column.kind in ("date", "when"):
        if len(text) == 10:  # a day
            return date_or_text(text)
        return _when(from_dutch(text), zone) if column.kind == "when" else text
    return text


def _when(text: str, zone: ZoneInfo) -> str:
    """A time as the export writes it ('2027-03-30 19:30', or before: ISO 8601 with its offset)
    becomes the data's local '2027-03-30 19:30' where the offset is the site's zone's; anything
    else goes to the model."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.second or moment.microsecond:
        return text
    if moment.tzinfo is None:  # the export's local time; LibreOffice saves it with ':00'
        return moment.strftime("%Y-%m-%d %H:%M")
    local = moment.astimezone(zone)
    if local.utcoffset() != moment.utcoffset():
        return text
    return local.strftime("%Y-%m-%d %H:%M")


def read_sheet(path: Path, model: type[Association] | type[Event], zone: ZoneInfo) -> Sheet:
    """Return the entries of a CSV file and the problems of its header and cells."""
    text = sheet_text(path)
    lines = text.splitlines()
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter(lines[0] if lines else "")
    )
    sheet = Sheet(path, model, [], [], {})
    try:
        rows = list(reader)
    except csv.Error as error:  # a cell past the reader's limit, a NUL byte
        sheet.problems.append(
            Problem(
                str(path), reader.line_num or 1, 1, f"deze rij kan niet gelezen worden ({error})"
            )
        )
        return sheet
    if not rows:
        sheet.problems.append(
            Problem(str(path), 1, 1, "het bestand is leeg; de eerste rij noemt de kolommen")
        )
        return sheet
    known = {column.header: column for column in columns_for(model)}
    used: list[Column | None] = []
    for number, header in enumerate(rows[0], start=1):
        name = header.strip()
        column = known.get(name)
        if column is None and name:
            hint = did_you_mean(name, known, "gebruik de kolommen van de export")
            sheet.problems.append(
                Problem(str(path), 1, number, f"onbekende kolom '{name}'; {hint}")
            )
        elif name in sheet.columns:
            sheet.problems.append(
                Problem(str(path), 1, number, f"de kolom '{name}' staat er twee keer")
            )
            column = None
        if column is not None:
            sheet.columns[name] = number
        used.append(None if column is None or column.site else column)
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue  # an empty row, as spreadsheets leave them
        wrong = row_problem(path, number, cells, len(used))
        if wrong is not None:
            sheet.problems.append(wrong)
            continue
        filled = {c.header: raw for c, raw in zip(used, cells, strict=False) if c and raw.strip()}
        entry: dict[str, Any] = {}
        for column in columns_for(model):  # keys in the data's order, as the files have them
            raw = filled.get(column.header)
            if raw is None:
                continue
            target = entry
            for key in column.path[:-1]:
                target = target.setdefault(key, {})
            target[column.path[-1]] = _value(column, raw, zone)
        sheet.entries.append((number, entry))
    return sheet


def _column_of(sheet: Sheet, entry: dict[str, Any], loc: Sequence[int | str]) -> str:
    """Return the header a pydantic error location points at: the key itself, or for a rule
    on a group of keys (repeat, location, contact) the first of its columns that is filled."""
    keys = [str(part) for part in loc if isinstance(part, str)]
    header = ".".join(keys[:2])
    if header in sheet.columns:
        return header
    group = keys[0] if keys else "id"
    filled = [h for h in sheet.columns if h.split(".")[0] == group and h.count(".")]
    inner = entry.get(group)
    present = [h for h in filled if isinstance(inner, dict) and h.split(".")[1] in inner]
    return (present or filled or [group])[0]


def check_sheet(sheet: Sheet, data: Data, taken: set[str], known: set[str], zone: ZoneInfo) -> None:
    """Add to the sheet's problems: each row against the model (the validator's messages),
    ids in use (in the data or higher in the file), unknown organisers and themes."""
    context = {"regions": data.regions, "zone": zone}
    themes = {t.id for t in data.themes}
    for number, entry in sheet.entries:
        try:
            sheet.model.model_validate(entry, context=context)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                header = _column_of(sheet, entry, detail["loc"])
                sheet.problems.append(sheet.at(number, header, f"'{header}': {explain(detail)}"))
        ident = entry.get("id")
        if isinstance(ident, str):
            if ident in taken:
                sheet.problems.append(
                    sheet.at(
                        number,
                        "id",
                        f"de id '{ident}' is al in gebruik; kies een andere "
                        "(een bestaande vereniging of bijeenkomst wijzig je in het "
                        "gegevensbestand zelf)",
                    )
                )
            taken.add(ident)
        if sheet.model is Event:
            for other in entry.get("organizer", []):
                if isinstance(other, str) and other not in known:
                    sheet.problems.append(
                        sheet.at(
                            number,
                            "organizer",
                            f"onbekende vereniging "
                            f"'{other}'; voeg haar eerst toe (of in hetzelfde import)",
                        )
                    )
            for tag in entry.get("tags", []):
                if isinstance(tag, str) and tag not in themes:
                    hint = (
                        f"kies uit: {', '.join(sorted(themes))}"
                        if themes
                        else "er zijn nog geen thema's"
                    )
                    sheet.problems.append(
                        sheet.at(number, "tags", f"onbekend thema '{tag}'; {hint}")
                    )


@dataclass
class Imported:
    """What an import did: the problems (nothing written when there are any), or the number
    of entries added to each data file."""

    problems: list[Problem]
    added: dict[str, int]


def _working_copy(settings: Settings, work: Path) -> None:
    """Copy the data folder into `work`; a data file that is not there yet starts empty."""
    work.mkdir(parents=True, exist_ok=True)
    if settings.data_path.is_dir():
        shutil.copytree(settings.data_path, work, dirs_exist_ok=True)
    for model, name in ((Association, settings.files.associations), (Event, settings.files.events)):
        if not (work / name).exists():
            (work / name).write_text(HEADERS[model] + "[]\n", encoding="utf-8")


def _moved(problems: Sequence[Problem], work: Path, real: Path) -> list[Problem]:
    """Problems found in the working copy, named by the real data folder's files."""
    return [
        Problem(p.file.replace(str(work), str(real), 1), p.line, p.column, p.message, p.severity)
        for p in problems
    ]


def import_sheets(
    settings: Settings, today: date, associations: Path | None, events: Path | None
) -> Imported:
    """Check the CSV files against the data and each other; when all is right, add their
    entries to the data files. Raises UnreadableInput for a file that cannot be read."""
    zone = settings.zone
    with tempfile.TemporaryDirectory(prefix="mbo-import-") as folder:
        work = Path(folder) / "data"
        _working_copy(settings, work)
        try:
            data = load(work, today, settings.files, zone)
        except DataError as error:
            return Imported(_moved(error.problems, work, settings.data_path), {})
        sheets = [
            read_sheet(path, model, zone)
            for model, path in ((Association, associations), (Event, events))
            if path is not None
        ]
        known = {a.id for a in data.associations}
        taken = known | {r.id for r in data.removed}
        for sheet in sheets:  # associations first: the events may name them
            if sheet.model is Association:
                known |= {e["id"] for _, e in sheet.entries if isinstance(e.get("id"), str)}
        for sheet in sheets:
            if not sheet.problems:
                in_use = taken if sheet.model is Association else {e.id for e in data.events}
                check_sheet(sheet, data, in_use, known, zone)
        problems = sorted(p for sheet in sheets for p in sheet.problems)
        if problems:
            return Imported(problems, {})
        added: dict[str, int] = {}
        for sheet in sheets:
            name = (
                settings.files.associations if sheet.model is Association else settings.files.events
            )
            append_entries(work / name, [entry for _, entry in sheet.entries])
            added[name] = len(sheet.entries)
        try:
            load(work, today, settings.files, zone)
        except DataError as error:  # a rule across files the rows did not show
            return Imported(_moved(error.problems, work, settings.data_path), {})
        # Both files whole or neither: a full disk or a kill leaves the data as it was.
        texts = {settings.data_path / n: (work / n).read_bytes().decode("utf-8") for n in added}
        write_all_atomic(texts)
        return Imported([], added)
