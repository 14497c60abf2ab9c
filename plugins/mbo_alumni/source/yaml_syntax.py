"""YAML syntax errors in Dutch, named on the line where the mistake is."""

from __future__ import annotations

import re
from typing import Any

import yaml

_APOSTROPHE = re.compile(r"^\s*(?:-\s+)?[\w.-]+:\s+(')[A-Za-z][- ][^']*$")


def dutch_apostrophe(text: str, upto: int) -> tuple[int, int] | None:
    """Return (line, column), 0-based, of the first value up to line `upto` that starts with
    a Dutch apostrophe ('s-Hertogenbosch, 't Harde) and has no closing quote on its line."""
    for number, line in enumerate(text.splitlines()[: upto + 1]):
        match = _APOSTROPHE.match(line)
        if match:
            return number, match.start(1)
    return None


def unclosed_quote(error: yaml.MarkedYAMLError) -> bool:
    return bool(
        error.context_mark is not None
        and error.context
        and "quoted scalar" in error.context
        and error.problem
        and "end of stream" in error.problem
    )


def quote_message(text: str, line_index: int, column: int) -> str:
    """Return the message for a quote that is never closed, read from the line it opens on."""
    line = text.splitlines()[line_index]
    value = line[column:].rstrip()
    key = line[:column].strip().removeprefix("- ").rstrip(":").strip()
    if value.startswith("'") and value[1:2].isalpha() and value[2:3] in ("-", " "):
        # 's-Hertogenbosch, 't Harde: a Dutch apostrophe opens a YAML quote.
        return (
            f"deze waarde begint met een apostrof ({value}); YAML leest dat als het begin van "
            "een tekst tussen aanhalingstekens. Zet de hele waarde tussen dubbele "
            f'aanhalingstekens: {key}: "{value}"'
        )
    quote = value[:1] or '"'
    return (
        f"hier begint een tekst tussen aanhalingstekens ({quote}) die nergens wordt "
        f"afgesloten; zet aan het eind van de waarde ook een {quote}"
    )


# PyYAML's problems in Dutch; whatever is not listed gets the general hint without English.
_PROBLEMS = {
    "found unexpected end of stream": "het bestand houdt midden in een waarde op",
    "could not find expected ':'": "er ontbreekt een dubbele punt (:) na de naam van een veld",
    "did not find expected key": "het inspringen klopt niet: een veld staat niet recht onder "
    "de andere velden",
    "did not find expected '-' indicator": "het inspringen klopt niet: een item staat niet "
    "recht onder de andere items",
    "found character that cannot start any token": "hier staat een teken waarmee een waarde "
    "niet kan beginnen (zoals @ of `); zet de waarde tussen aanhalingstekens",
    "found undefined alias": "een * aan het begin van een waarde is in YAML een verwijzing; "
    "zet de waarde tussen aanhalingstekens",
}


def syntax_message(error: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    problem = error.problem or "onbekende fout"
    if unclosed_quote(error):
        return quote_message(text, mark.line, mark.column)
    lines = text.splitlines()
    current = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "\t" in current[: mark.column + 1] or "found character '\\t'" in problem:
        return "hier staat een tab; YAML werkt alleen met spaties: vervang de tab door spaties"
    if "mapping values are not allowed" in problem:
        return (
            "YAML snapt deze regel niet; staat er een dubbele punt in de tekst? Zet de hele "
            'waarde dan tussen aanhalingstekens, bijvoorbeeld title: "Alumni: zo doe je dat"'
        )
    known = next((dutch for english, dutch in _PROBLEMS.items() if english in problem), None)
    return (
        f"YAML snapt deze regel niet{f' ({known})' if known else ''}; controleer het "
        "inspringen (spaties) en de aanhalingstekens"
    )
