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

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import clock
from .checks import check_references, check_unique_ids, order_warnings, stale_warnings
from .gcpause import paused_gc
from .messages import report_error
from .model import Association, Event, Theme
from .problems import DataError, Problem
from .yaml_source import Document, compose_document, read_text

ASSOCIATIONS_FILE = "associations.yaml"

EVENTS_FILE = "events.yaml"

THEMES_FILE = "themes.yaml"  # optional: a site without themes has none


@dataclass
class Data:
    """Validated data of the site."""

    associations: list[Association]
    events: list[Event]
    themes: list[Theme] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


_ADAPTERS: dict[type[BaseModel], TypeAdapter[Any]] = {}


def _adapter(model: type[BaseModel]) -> TypeAdapter[Any]:
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return _ADAPTERS[model]


def _validate(document: Document, model: type[BaseModel]) -> list[Any]:
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
        return list(_adapter(model).validate_python(document.value))
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            report_error(document, model, detail)
        return []


def load(data_dir: Path, today: date | None = None) -> Data:
    """Return the validated data in `data_dir`, or raise DataError with every problem found.

    All files are always checked, so one run reports every problem of all of them.
    Raises UnreadableInput when a required file is missing or unreadable.
    """
    with paused_gc():
        return _load(data_dir, today)


def _load(data_dir: Path, today: date | None) -> Data:
    documents: list[Document] = []
    for name in (ASSOCIATIONS_FILE, EVENTS_FILE, THEMES_FILE):
        path = data_dir / name
        if name == THEMES_FILE and not path.exists():
            documents.append(Document(str(path), value=[]))
            continue
        try:
            documents.append(compose_document(read_text(path), str(path)))
        except DataError as error:
            documents.append(Document(str(path), problems=list(error.problems)))
    association_doc, event_doc, theme_doc = documents
    associations: list[Association] = _validate(association_doc, Association)
    events: list[Event] = _validate(event_doc, Event)
    themes: list[Theme] = _validate(theme_doc, Theme)
    known = check_unique_ids(association_doc, "vereniging")
    check_unique_ids(event_doc, "evenement")
    theme_ids = check_unique_ids(theme_doc, "thema")
    check_references(
        event_doc,
        "organizer",
        known,
        "vereniging",
        f"voeg de vereniging eerst toe aan {ASSOCIATIONS_FILE}",
    )
    themes_hint = (
        f"kies uit: {', '.join(sorted(theme_ids))}"
        if theme_ids
        else f"er zijn nog geen thema's ({THEMES_FILE})"
    )
    check_references(event_doc, "tags", theme_ids, "thema", themes_hint)
    problems = [p for document in documents for p in document.problems]
    if problems:
        raise DataError(problems)
    warnings = order_warnings(association_doc, "vereniging") + order_warnings(
        event_doc, "evenement"
    )
    warnings += stale_warnings(association_doc, associations, today or clock.today())
    return Data(associations=associations, events=events, themes=themes, warnings=warnings)
