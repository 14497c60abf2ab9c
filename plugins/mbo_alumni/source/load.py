"""YAML files -> validated models, with file:line:col for every problem, all at once.

The recipe: read and compose each file (reading, yaml_positions), validate it against its model
(messages turns pydantic's errors into Dutch at the right line), check across entries
(checks), and return the data with its warnings, or every problem of every file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..core import dates
from ..core.gcpause import paused_gc
from ..core.problems import DataError, Problem
from ..core.settings import DataFiles, Settings
from .budget import check_budget
from .checks import check_references, check_unique_ids, stale_warnings
from .images import Picture, check_pictures
from .messages import report_error
from .model import Association, Event, Removed, Theme
from .order import order_warnings
from .regions import Regions, dutch_provinces, read_regions
from .yaml_positions import Document, read_document


@dataclass
class Data:
    """Validated data of the site."""

    associations: list[Association]
    events: list[Event]
    themes: list[Theme] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    regions: Regions = field(default_factory=dutch_provinces)
    removed: list[Removed] = field(default_factory=list)  # associations taken off the site
    pictures: dict[str, Picture] = field(default_factory=dict)  # each event's image, checked


_ADAPTERS: dict[type[BaseModel], TypeAdapter[Any]] = {}


def _adapter(model: type[BaseModel]) -> TypeAdapter[Any]:
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return _ADAPTERS[model]


# The most entries a site may have: a site of that size is about 600 MB, within what static
# hosts take (GitHub Pages: 1 GB), and builds in minutes. Checked before any page is made.
MAX_ENTRIES = {Association: 5_000, Event: 20_000, Theme: 200}


def _validate(document: Document, model: type[BaseModel], context: dict[str, Any]) -> list[Any]:
    if document.value is None and document.problems:  # unreadable or not YAML at all
        return []
    most = MAX_ENTRIES.get(model)
    if most is not None and isinstance(document.value, list) and len(document.value) > most:
        document.problem(
            (most,),
            f"dit bestand heeft {len(document.value):,} items; de site kan er hoogstens "
            f"{most:,} aan (groter wordt te groot om te publiceren): haal oude items weg of "
            "splits de site".replace(",", "."),
        )
        return []
    if not isinstance(document.value, list):
        kind = type(document.value).__name__
        document.problem(
            (),
            f"het bestand moet een lijst zijn (elk item begint met '- '), maar het is een {kind}",
        )
        return []
    try:
        return list(_adapter(model).validate_python(document.value, context=context))
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            report_error(document, model, detail)
        return []


def load(
    data_dir: Path,
    today: date | None = None,
    files: DataFiles | None = None,
    zone: ZoneInfo | None = None,
) -> Data:
    """Return the validated data in `data_dir`, or raise DataError with every problem found.

    All files are always checked, so one run reports every problem of all of them.
    Raises UnreadableInput when a required file is missing or unreadable.
    """
    with paused_gc():
        return _load(data_dir, today, files or Settings().files, zone or Settings().zone)


def _load(data_dir: Path, today: date | None, files: DataFiles, zone: ZoneInfo) -> Data:
    association_doc = read_document(data_dir / files.associations)
    event_doc = read_document(data_dir / files.events)
    themes_path, regions_path = data_dir / files.themes, data_dir / files.regions
    theme_doc = _optional(themes_path)
    removed_doc = _optional(data_dir / files.removed)
    documents = [association_doc, event_doc, theme_doc, removed_doc]
    regions, region_doc = read_regions(regions_path)
    if region_doc is not None:
        documents.append(region_doc)
    context = {"regions": regions, "zone": zone}  # what the model's validators read
    associations: list[Association] = _validate(association_doc, Association, context)
    events: list[Event] = _validate(event_doc, Event, context)
    themes: list[Theme] = _validate(theme_doc, Theme, context)
    removed: list[Removed] = _validate(removed_doc, Removed, context)
    known = check_unique_ids(association_doc, "vereniging")
    check_unique_ids(event_doc, "evenement")
    theme_ids = check_unique_ids(theme_doc, "thema")
    check_references(
        event_doc,
        "organizer",
        known,
        "vereniging",
        f"voeg de vereniging eerst toe aan {files.associations}",
    )
    themes_hint = (
        f"kies uit: {', '.join(sorted(theme_ids))}"
        if theme_ids
        else f"er zijn nog geen thema's ({files.themes})"
    )
    check_references(event_doc, "tags", theme_ids, "thema", themes_hint)
    _check_removed(removed_doc, known)
    pictures = check_pictures(event_doc, data_dir)
    if not any(document.problems for document in documents):
        check_budget(event_doc, associations, events)  # only of data that is otherwise right
    problems = [p for document in documents for p in document.problems]
    if problems:
        raise DataError(problems)
    warnings = order_warnings(association_doc, "vereniging") + order_warnings(
        event_doc, "evenement"
    )
    warnings += stale_warnings(association_doc, associations, today or dates.today(zone))
    return Data(associations, events, themes, warnings, regions, removed, pictures)


def _optional(path: Path) -> Document:
    """Return an optional data file, or an empty list when the folder has none."""
    return read_document(path) if path.exists() else Document(str(path), [])


def _check_removed(document: Document, listed: set[str]) -> None:
    """An association is on the site or taken off it, never both."""
    for index, item in enumerate(document.value if isinstance(document.value, list) else []):
        ident = item.get("id") if isinstance(item, dict) else None
        if ident in listed:
            document.problem(
                (index, "id"),
                f"'{ident}' staat ook nog in de verenigingen; haal haar daar weg, of hier",
            )


class DataCache:
    """The data of earlier builds, by folder and fingerprint: `mkdocs serve` rebuilds on every
    edit, and unchanged data need not be read and checked again."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[str, Data]] = {}
        self.hit = False  # whether the last load came from the cache

    def load(self, settings: Settings) -> Data:
        """Return the data the settings point to, read again only when a file, an option
        that decides the data, or the day (staleness depends on it) changed."""
        folder = settings.data_path.resolve()
        digest = hashlib.sha256()
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):  # pictures too
            name = path.relative_to(folder).as_posix()
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
        digest.update(dates.today(settings.zone).isoformat().encode())
        key = digest.hexdigest() + repr((settings.files, settings.zone))
        cached = self._entries.get(folder)
        self.hit = cached is not None and cached[0] == key
        if cached is not None and self.hit:
            return cached[1]
        data = load(settings.data_path, files=settings.files, zone=settings.zone)
        self._entries[folder] = (key, data)
        return data
