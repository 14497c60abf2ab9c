"""The data files in `id` order: the warning when they are not (`validate`), and putting
whole entries in order with their comments (`mbo-alumni sort`)."""

from __future__ import annotations

import yaml

from ..core.problems import DataError, Problem
from .checks import raw_items
from .yaml_positions import Document, compose_document


def _entries(text: str, file: str) -> list[tuple[int, str]]:
    """Return (start line, id) of every top-level entry, or raise DataError."""
    document = compose_document(text, file)
    if document.problems:
        raise DataError(document.problems)
    node = yaml.compose(text, Loader=yaml.SafeLoader) if text.strip() else None
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode) or not isinstance(document.value, list):
        raise DataError([Problem(file, 1, 1, "het bestand moet een lijst zijn")])
    result = []
    for item, value in zip(node.value, document.value, strict=True):
        ident = value.get("id") if isinstance(value, dict) else None
        if not isinstance(ident, str) or item.start_mark.column != 2:
            line = item.start_mark.line + 1
            raise DataError([Problem(file, line, 1, "elk item begint met '- id: ...'")])
        result.append((item.start_mark.line, ident))
    return result


def sort_entries(text: str, file: str) -> str:
    """Return the file's text with its entries in `id` order.

    Comment lines directly above an entry travel with it; the header stays on top; the
    values are untouched, so the data before and after is the same.
    """
    entries = _entries(text, file)
    if len(entries) < 2:
        return text
    lines = text.splitlines(keepends=True)
    if not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    leads = []
    previous_start = -1
    for start, _ in entries:
        lead = start
        while lead - 1 > previous_start and lines[lead - 1].lstrip().startswith("#"):
            lead -= 1
        leads.append(lead)
        previous_start = start
    blocks = []
    for index, (lead, (_, ident)) in enumerate(zip(leads, entries, strict=True)):
        end = leads[index + 1] if index + 1 < len(leads) else len(lines)
        block = lines[lead:end]
        while block and not block[-1].strip():
            block.pop()
        blocks.append((ident, block))
    spaced = any(not line.strip() for line in lines[leads[1] - 1 : leads[1]])
    ordered = sorted(blocks, key=lambda pair: pair[0])
    separator = ["\n"] if spaced else []
    body: list[str] = []
    for index, (_, block) in enumerate(ordered):
        body += block + (separator if index + 1 < len(ordered) else [])
    result = "".join(lines[: leads[0]] + body)
    # A guard, not a test: sorting must never change what the file says.
    before = sorted(yaml.safe_load(text), key=lambda entry: entry["id"])
    after = yaml.safe_load(result)
    assert after == before, "sorting changed the data"
    return result


def order_warnings(document: Document, kind: str) -> list[Problem]:
    """Warn where an entry's id sorts before the one above it (merge conflicts grow)."""
    warnings = []
    previous: str | None = None
    for index, item in raw_items(document):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if previous is not None and ident < previous:
            line, column = document.at((index, "id"))
            warnings.append(
                Problem(
                    document.file,
                    line,
                    column,
                    f"{kind} '{ident}' staat na '{previous}'; houd de lijst op volgorde van id "
                    "(dat voorkomt conflicten); 'mbo-alumni sort' zet hem op volgorde",
                    "warning",
                )
            )
        previous = ident if previous is None or ident > previous else previous
    return warnings
