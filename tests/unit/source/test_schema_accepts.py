"""The JSON Schemas the data files point editors at accept what `validate` accepts (issue #43,
point 2): a single organiser id, `weekday: dinsdag`, `every: maand` were red in a volunteer's
editor though the guide's own examples use them. Every example in CONTRIBUTING, every test
fixture and this repository's data are checked with a real JSON Schema validator."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from conftest import ASSOCIATIONS, EVENTS, ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def schema(name: str) -> jsonschema.Validator:
    text = (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    checker = jsonschema.validators.validator_for(json.loads(text))
    return checker(json.loads(text), format_checker=checker.FORMAT_CHECKER)  # type: ignore[no-any-return]


def entries() -> list[tuple[str, str, dict]]:  # type: ignore[type-arg]
    found = []
    examples = re.findall(r"```yaml\n(.*?)```", GUIDE, flags=re.S)
    texts = [("CONTRIBUTING", e) for e in examples if e.startswith("- id:")]
    texts += [("conftest", ASSOCIATIONS), ("conftest", EVENTS)]
    texts += [(p.name, p.read_text(encoding="utf-8")) for p in (ROOT / "data").glob("*.yaml")]
    for where, text in texts:
        for entry in yaml.safe_load(text) or []:
            kind = (
                "events" if "start" in entry else "associations" if "institution" in entry else ""
            )
            if kind:
                found.append((where, kind, entry))
    return found


@pytest.mark.parametrize(("where", "kind", "entry"), entries(),
                         ids=lambda value: value if isinstance(value, str) else "")  # fmt: skip
def test_every_example_is_valid_for_the_editors_schema(where: str, kind: str, entry: dict) -> None:  # type: ignore[type-arg]
    problems = [
        e.message for e in schema(kind).iter_errors([json.loads(json.dumps(entry, default=str))])
    ]
    assert problems == [], (where, entry.get("id"), problems)


@pytest.mark.parametrize(
    "extra",
    [
        {"organizer": "a-academy"},
        {"organizer": ["a-academy", "noorderlicht"]},
        {"repeat": {"every": "maand", "weekday": "dinsdag", "week": 1, "count": 6}},
        {"repeat": {"every": "week", "weekday": "Dinsdag", "count": 6}},
    ],
)
def test_what_validate_accepts_the_schema_accepts(extra: dict) -> None:  # type: ignore[type-arg]
    entry = {"id": "borrel", "title": "Borrel", "start": "2027-01-05 20:00", **extra}
    assert list(schema("events").iter_errors([entry])) == []
