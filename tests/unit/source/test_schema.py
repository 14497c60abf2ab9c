"""The committed JSON Schemas match the models, and the data files point editors at them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT
from mbo_alumni.outputs.open_data import API_SCHEMAS, api_schema
from mbo_alumni.outputs.open_data import schema_text as api_schema_text
from mbo_alumni.source.schema import SCHEMAS, schema_text


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_current(name: str) -> None:
    committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert committed == schema_text(SCHEMAS[name]), (
        f"schemas/{name} is stale: run `make schema` and commit the result"
    )


@pytest.mark.parametrize("name", sorted(API_SCHEMAS))
def test_committed_api_schema_is_current(name: str) -> None:
    committed = (ROOT / "schemas" / "api" / name).read_text(encoding="utf-8")
    assert committed == api_schema_text(api_schema(API_SCHEMAS[name])), (
        f"schemas/api/{name} is stale: run `make schema` and commit the result"
    )


@pytest.mark.parametrize(
    ("data", "schema"),
    [("associations.yaml", "associations.schema.json"), ("events.yaml", "events.schema.json")],
)
def test_data_file_names_its_schema(data: str, schema: str) -> None:
    first = (ROOT / "data" / data).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{schema}"
    assert (ROOT / "data" / Path(f"../schemas/{schema}")).resolve().is_file()


def contract_keys(table: str) -> tuple[set[str], set[str]]:
    """Return (every key, the required keys) of one data-contract table (handbook/data.md)."""
    text = (ROOT / "handbook" / "data.md").read_text(encoding="utf-8")
    rows = text.split(f"| {table} | required | rule |", 1)[1].split("\n\n", 1)[0]
    keys, required = set(), set()
    for row in rows.splitlines()[2:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        names = set(re.findall(r"`([a-z_]+)`", cells[0]))
        keys |= names
        required |= names if cells[1] == "yes" else set()
    return keys, required


def test_schema_knows_every_contract_key() -> None:
    # The handbook's data contract is the documentation a field is added to; the schema
    # generated from the model must say the same.
    schema = json.loads(schema_text(SCHEMAS["associations.schema.json"]))
    keys, required = contract_keys("associations.yaml")
    assert set(schema["$defs"]["Association"]["properties"]) == keys
    assert set(schema["$defs"]["Association"]["required"]) == required
    assert "province" in required  # the parser reads the table
    events = json.loads(schema_text(SCHEMAS["events.schema.json"]))
    keys, required = contract_keys("events.yaml")
    assert set(events["$defs"]["Event"]["properties"]) == keys
    assert set(events["$defs"]["Event"].get("required", [])) == required
