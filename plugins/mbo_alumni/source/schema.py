"""JSON Schemas for the data files, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from ..core.atomic import write_atomic
from ..core.problems import DataError
from .model import Association, Event, Removed, Theme
from .regions import Regions, dutch_provinces, read_regions

SCHEMAS: dict[str, type[BaseModel]] = {
    "associations.schema.json": Association,
    "events.schema.json": Event,
    "themes.schema.json": Theme,
    "removed.schema.json": Removed,
}


def schema_for(model: type[BaseModel], regions: Regions | None = None) -> dict[str, Any]:
    """Return the JSON Schema of a data file holding a list of `model`; a province is one
    of `regions` (by default the twelve Dutch provinces)."""
    schema = TypeAdapter(list[model]).json_schema()  # type: ignore[valid-type]
    if model is Association:
        province = schema["$defs"]["Association"]["properties"]["province"]
        province["enum"] = (regions or dutch_provinces()).accepted()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{model.__name__} entries of the mbo alumni site",
        **schema,
    }


def schema_text(model: type[BaseModel], regions: Regions | None = None) -> str:
    """Return the schema as stable, pretty JSON text."""
    schema = schema_for(model, regions)
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def site_regions(path: Path) -> Regions | None:
    """Return the region list in a site's regions file, None when it has none.

    Raises DataError when the file cannot be used."""
    regions, document = read_regions(path)
    if document is None:
        return None
    if document.problems:
        raise DataError(document.problems)
    return regions


def write_schemas(directory: Path, regions: Regions | None = None) -> list[Path]:
    """Write every schema into `directory`; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = directory / name
        write_atomic(path, schema_text(model, regions))
        written.append(path)
    return written
