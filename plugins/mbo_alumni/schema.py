"""JSON Schemas for the data files, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from .model import Association, Event, Theme

SCHEMAS: dict[str, type[BaseModel]] = {
    "associations.schema.json": Association,
    "events.schema.json": Event,
    "themes.schema.json": Theme,
}


def schema_for(model: type[BaseModel]) -> dict[str, Any]:
    """Return the JSON Schema of a data file holding a list of `model`."""
    schema = TypeAdapter(list[model]).json_schema()  # type: ignore[valid-type]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{model.__name__} entries of the mbo alumni site",
        **schema,
    }


def render(model: type[BaseModel]) -> str:
    """Return the schema as stable, pretty JSON text."""
    return json.dumps(schema_for(model), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema into `directory`; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = directory / name
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written
