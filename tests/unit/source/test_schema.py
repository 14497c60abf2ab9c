"""The committed JSON Schemas match the models, and the data files point editors at them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from mbo_alumni.source.schema import SCHEMAS, render


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_current(name: str) -> None:
    committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert committed == render(SCHEMAS[name]), (
        f"schemas/{name} is stale: run `make schema` and commit the result"
    )


@pytest.mark.parametrize(
    ("data", "schema"),
    [("associations.yaml", "associations.schema.json"), ("events.yaml", "events.schema.json")],
)
def test_data_file_names_its_schema(data: str, schema: str) -> None:
    first = (ROOT / "data" / data).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{schema}"
    assert (ROOT / "data" / Path(f"../schemas/{schema}")).resolve().is_file()


def test_schema_knows_every_contract_key() -> None:
    schema = json.loads(render(SCHEMAS["associations.schema.json"]))
    keys = set(schema["$defs"]["Association"]["properties"])
    assert keys == {
        "id", "name", "institution", "city", "province", "website", "email", "founded",
        "description", "socials", "sectors", "contact", "checked",
    }  # fmt: skip
    events = json.loads(render(SCHEMAS["events.schema.json"]))
    assert set(events["$defs"]["Event"]["properties"]) == {
        "id", "title", "start", "end", "organizer", "host", "location", "url",
        "description",
        "status", "tags", "announced",
    }  # fmt: skip
    assert set(schema["$defs"]["Association"]["required"]) == {
        "id", "name", "institution", "city", "province",
    }  # fmt: skip
