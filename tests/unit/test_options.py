"""The plugin's options are declared once (issue #40): `core.settings.OPTIONS` names each with
what it does; its type and default are the settings' fields. MkDocs' schema (config.py), the
check of the options and the handbook's table are made from, or held to, that one list."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from conftest import ROOT
from mbo_alumni.config import MboAlumniConfig
from mbo_alumni.core.settings import (
    OPTIONS,
    Catalogue,
    DataFiles,
    Settings,
    SettingsError,
    option_default,
)
from mbo_alumni.core.urls import Paths


def test_the_declaration_is_the_settings_fields() -> None:
    top = {name for name in OPTIONS if "." not in name}
    assert top == {f.name for f in fields(Settings)} - {"root", "docs_dir"} | {"articles_dir"}
    for group, kind in (("files", DataFiles), ("catalogue", Catalogue), ("paths", Paths)):
        declared = {name.split(".", 1)[1] for name in OPTIONS if name.startswith(group + ".")}
        assert declared == {f.name for f in fields(kind)} - {"articles"}, group


def test_mkdocs_reads_every_option_with_the_settings_default() -> None:
    config = MboAlumniConfig()
    config.load_dict({})
    failed, warnings = config.validate()
    assert not failed and not warnings
    assert Settings.from_options(dict(config)) == Settings()
    assert dict(config)["files"]["events"] == option_default("files.events") == "events.yaml"
    assert dict(config)["articles_dir"] == Paths().articles


def test_an_option_not_declared_is_refused_by_name() -> None:
    with pytest.raises(SettingsError, match="kent de optie 'date_dir' niet"):
        Settings.from_options({"date_dir": "gegevens"})
    with pytest.raises(SettingsError, match="'files' kent alleen associations, events"):
        Settings.from_options({"files": {"evenementen": "x.yaml"}})


def test_the_handbook_documents_every_option() -> None:
    text = (ROOT / "handbook" / "options.md").read_text(encoding="utf-8")
    table = "\n".join(line for line in text.splitlines() if line.startswith("| `"))
    named = set(re.findall(r"`([a-z_]+(?:\.[a-z_]+)?)`", table))
    for name in OPTIONS:
        if name in ("files", "paths", "catalogue"):  # a group: its options are the rows
            continue
        assert name in named, name
    example = text.split("```yaml", 1)[1].split("```", 1)[0]
    for name in OPTIONS:
        assert re.search(rf"^\s+{re.escape(name.rsplit('.', 1)[-1])}:", example, re.M), name


def test_the_site_builds_with_an_option_from_the_declaration(tmp_path: Path) -> None:
    # The same schema MkDocs validates a real mkdocs.yml with: a wrong kind is MkDocs' error.
    config = MboAlumniConfig()
    config.load_dict({"timezone": 3})
    failed, _ = config.validate()
    assert [name for name, _ in failed] == ["timezone"]
