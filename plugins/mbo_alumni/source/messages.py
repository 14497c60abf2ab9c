"""Pydantic's validation errors -> Dutch messages at the right line, with a hint to fix them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic_core import ErrorDetails

from ..core.problems import Path_, did_you_mean
from .yaml_positions import Document
from .yaml_scalars import BOOL_WORDS, SEXAGESIMAL, construct


def _model_at(model: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel] | None:
    """Return the model class that owns the mapping at `loc` (below the list index)."""
    current: Any = model
    for part in loc[1:]:
        if isinstance(part, int):
            continue
        field_info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field_info is None:
            return None
        current = _inner_model(field_info.annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _path(loc: Iterable[int | str]) -> Path_:
    # pydantic adds union member names ("list[str]", "function-before[...]") to locations.
    return tuple(p for p in loc if isinstance(p, int) or not re.search(r"[\[\]()]", str(p)))


def report_error(document: Document, model: type[BaseModel], detail: ErrorDetails) -> None:
    loc = _path(detail["loc"])
    kind = detail["type"]
    name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        known = [i.alias or n for n, i in owner.model_fields.items()] if owner else []
        hint = did_you_mean(name, known, f"toegestaan zijn: {', '.join(known)}")
        document.problem(loc, f"onbekende sleutel '{name}'; {hint}", key=True)
        return
    if kind == "missing":
        document.problem(loc[:-1], f"'{name}' ontbreekt; dit veld is verplicht")
        return
    document.problem(loc, _message(document, loc, detail))


def _message(document: Document, loc: Path_, detail: ErrorDetails) -> str:
    kind = detail["type"]
    field_name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    prefix = f"'{field_name}': " if field_name else ""
    node = document.scalars.get(loc)
    trap = _yaml_trap(node, kind) if node is not None else None
    return prefix + (trap or explain(detail))


# What a volunteer writes for an event's status in Dutch, and the value the data uses.
STATUS_WORDS = {
    "bevestigd": "confirmed", "gaat door": "confirmed", "zeker": "confirmed",
    "onder voorbehoud": "tentative", "voorlopig": "tentative", "onzeker": "tentative",
    "afgelast": "cancelled", "geannuleerd": "cancelled", "gaat niet door": "cancelled",
    "vervallen": "cancelled", "afgezegd": "cancelled", "canceled": "cancelled",
}  # fmt: skip


def explain(detail: ErrorDetails) -> str:
    """Return one pydantic error in Dutch, for a volunteer: the one mapping, used for the
    data files and for the issue forms alike."""
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", detail["msg"]))
    if kind == "missing":
        return "dit veld is verplicht"
    if kind in ("string_type", "int_type", "bool_type", "list_type", "model_type", "dict_type"):
        wanted = {
            "string_type": "tekst",
            "int_type": "een getal",
            "bool_type": "true of false",
            "list_type": "een lijst (regels die beginnen met '- ')",
            "model_type": "een groep sleutels (ingesprongen regels 'sleutel: waarde')",
            "dict_type": "een groep sleutels (ingesprongen regels 'sleutel: waarde')",
        }[kind]
        return f"hier hoort {wanted}, maar er staat {_describe(detail['input'])}"
    if kind == "string_too_short":
        return f"te kort: minstens {ctx.get('min_length')} tekens"
    if kind == "string_too_long" or kind == "too_long" and ctx.get("field_type") != "List":
        now = f" (nu {ctx['actual_length']})" if "actual_length" in ctx else ""
        return f"te lang: hoogstens {ctx.get('max_length')} tekens{now}"
    if kind == "too_long":
        return f"te veel: hoogstens {ctx.get('max_length')}"
    if kind == "literal_error":
        choices = f"kies uit {str(ctx.get('expected')).replace(' or ', ' of ')}"
        meant = STATUS_WORDS.get(str(detail.get("input", "")).strip().casefold())
        return f"bedoel je '{meant}'? ({choices})" if meant else choices
    if kind in ("int_parsing", "int_from_float"):
        return "hier hoort een heel getal, zoals 2015"
    if kind == "bool_parsing":
        return "hier hoort true of false"
    if kind.startswith("date"):
        return "hier hoort een datum als 2026-11-23"
    return str(detail["msg"])


def _describe(value: Any) -> str:
    if value is None:
        return "niets"
    if isinstance(value, bool):
        return "ja/nee (true/false)"
    if isinstance(value, int | float):
        return f"het getal {value}"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep sleutels"
    return repr(value)


def _yaml_trap(node: yaml.ScalarNode, kind: str) -> str | None:
    """Return a hint when an unquoted scalar was read as something its writer did not mean."""
    if node.style:  # quoted or block scalar: meant as written (the C loader uses "" for plain)
        return None
    text = node.value
    if node.tag.endswith(":int") and SEXAGESIMAL.match(text):
        value = construct(node)
        return (
            f"YAML leest {text} zonder aanhalingstekens als het getal {value}; "
            f"zet het tussen aanhalingstekens: '{text}'"
        )
    if node.tag.endswith(":bool") and text.lower() in BOOL_WORDS:
        value = "true" if construct(node) else "false"
        return (
            f"YAML leest {text} zonder aanhalingstekens als {value}; "
            f"zet het tussen aanhalingstekens: '{text}'"
        )
    if node.tag.endswith(":int") and re.match(r"^0[0-9]+$", text):
        return (
            f"YAML leest {text} met een voorloopnul als getal; zet het tussen "
            f"aanhalingstekens: '{text}'"
        )
    if kind == "string_type" and (node.tag.endswith(":float") or node.tag.endswith(":int")):
        return f"YAML leest {text} als getal; zet tekst tussen aanhalingstekens: '{text}'"
    if node.tag.endswith(":null"):
        return "hier staat niets; vul een waarde in of haal de regel weg"
    return None
