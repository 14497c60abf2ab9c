"""YAML files -> validated models, with file:line:col for every problem, all at once.

The recipe: read and compose each file (yaml_source), validate it against its model
(messages turns pydantic's errors into Dutch at the right line), check across entries
(checks), and return the data with its warnings, or every problem of every file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..core import dates
from ..core.gcpause import paused_gc
from ..core.problems import DataError, Problem
from .checks import check_references, check_unique_ids, order_warnings, stale_warnings
from .messages import report_error
from .model import Association, Event, Theme
from .regions import REGIONS_FILE, Regions, dutch_provinces, read_regions
from .yaml_positions import Document, read_document


@dataclass(frozen=True)
class DataFiles:
    """The names of the data files in the data folder (the plugin's `files` option)."""

    associations: str = "associations.yaml"
    events: str = "events.yaml"
    themes: str = "themes.yaml"  # optional: a site without themes has none
    regions: str = REGIONS_FILE  # optional: without it, the twelve Dutch provinces


@dataclass
class Data:
    """Validated data of the site."""

    associations: list[Association]
    events: list[Event]
    themes: list[Theme] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    regions: Regions = field(default_factory=dutch_provinces)


_ADAPTERS: dict[type[BaseModel], TypeAdapter[Any]] = {}


def _adapter(model: type[BaseModel]) -> TypeAdapter[Any]:
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return _ADAPTERS[model]


def _validate(document: Document, model: type[BaseModel], context: dict[str, Any]) -> list[Any]:
    if document.value is None and document.problems:  # unreadable or not YAML at all
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
        return _load(data_dir, today, files or DataFiles(), zone)


def _load(data_dir: Path, today: date | None, files: DataFiles, zone: ZoneInfo | None) -> Data:
    association_doc = read_document(data_dir / files.associations)
    event_doc = read_document(data_dir / files.events)
    themes_path, regions_path = data_dir / files.themes, data_dir / files.regions
    theme_doc = (
        read_document(themes_path) if themes_path.exists() else Document(str(themes_path), [])
    )
    documents = [association_doc, event_doc, theme_doc]
    regions, region_doc = read_regions(regions_path)
    if region_doc is not None:
        documents.append(region_doc)
    context = {"regions": regions, "zone": zone}  # what the model's validators read
    associations: list[Association] = _validate(association_doc, Association, context)
    events: list[Event] = _validate(event_doc, Event, context)
    themes: list[Theme] = _validate(theme_doc, Theme, context)
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
    problems = [p for document in documents for p in document.problems]
    if problems:
        raise DataError(problems)
    warnings = order_warnings(association_doc, "vereniging") + order_warnings(
        event_doc, "evenement"
    )
    warnings += stale_warnings(association_doc, associations, today or dates.today())
    return Data(associations, events, themes, warnings, regions)
