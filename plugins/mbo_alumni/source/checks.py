"""Checks across entries: unique ids, references between files, order and staleness."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from ..core.problems import Path_, Problem, did_you_mean
from .model import Association
from .yaml_positions import Document


def raw_items(document: Document) -> list[tuple[int, dict[str, Any]]]:
    if not isinstance(document.value, list):
        return []
    return [(i, item) for i, item in enumerate(document.value) if isinstance(item, dict)]


def check_unique_ids(document: Document, kind: str) -> set[str]:
    """Report repeated ids; return the set of ids that look usable."""
    seen: dict[str, int] = {}
    for index, item in raw_items(document):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen:
            first = document.at((seen[ident], "id"))[0]
            document.problem(
                (index, "id"),
                f"de id '{ident}' komt al voor op regel {first}; elke {kind} heeft een eigen id",
            )
        else:
            seen[ident] = index
    return set(seen)


def check_references(document: Document, key: str, known: set[str], what: str, fix: str) -> None:
    """Report every id under `key` (a text or a list) that is not in `known`."""
    for index, item in raw_items(document):
        value = item.get(key)
        entries: list[tuple[Path_, Any]] = [((index, key), value)] if isinstance(value, str) else []
        if isinstance(value, list):
            entries = [((index, key, i), v) for i, v in enumerate(value)]
        for path, ident in entries:
            if not isinstance(ident, str) or ident in known:
                continue
            hint = did_you_mean(ident, known, fix)
            document.problem(path, f"'{key}': onbekende {what} '{ident}'; {hint}")


STALE_AFTER_MONTHS = 18


def months_between(earlier: date, later: date) -> int:
    """Return the whole months from `earlier` to `later`."""
    return (
        (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
    )


def stale(associations: Sequence[Association], today: date) -> list[Association]:
    """Return the associations whose `checked` date is missing or over 18 months old."""
    return [
        a
        for a in associations
        if a.checked is None or months_between(a.checked, today) > STALE_AFTER_MONTHS
    ]


def stale_warnings(
    document: Document, associations: list[Association], today: date
) -> list[Problem]:
    warnings = []
    for index, association in enumerate(associations):
        if association.checked is None or association not in stale([association], today):
            continue
        line, column = document.at((index, "checked"))
        warnings.append(
            Problem(
                document.file,
                line,
                column,
                f"'{association.id}' is sinds {association.checked} niet gecontroleerd (langer dan "
                f"{STALE_AFTER_MONTHS} maanden); kloppen de gegevens nog? Zet dan de datum van "
                "vandaag bij 'checked'",
                "warning",
            )
        )
    return warnings
