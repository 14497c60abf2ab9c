"""The site's size is estimated before any page is made (issue #39, point 2): data within
every per-field limit can still multiply past what a host publishes (one event in every
theme's feeds). The estimate is held against a real build, and a bomb is refused on its line."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import mini_project, mkdocs_build, validate, write_tree
from mbo_alumni.source.budget import SITE_BUDGET, association_bytes, event_bytes
from mbo_alumni.source.load import load

pytestmark = pytest.mark.slow
PROVINCES = ["Utrecht", "Noord-Brabant", "Fryslân", "Limburg", "Zeeland"]


def _associations(count: int) -> str:
    return "".join(
        f"- id: v{i:03d}\n  name: Vereniging {i}\n  institution: College {i}\n"
        f"  city: Plaats\n  province: {PROVINCES[i % len(PROVINCES)]}\n"
        f"  description: Oud-studenten van College {i} houden contact.\n"
        for i in range(count)
    )


def _themes(count: int) -> str:
    return "".join(f"- id: t{i:03d}\n  name: Thema {i}\n" for i in range(count))


def test_the_estimate_is_close_to_a_real_build(tmp_path: Path) -> None:
    rng = random.Random(7)
    rows = []
    for i in range(300):
        organizers = ", ".join(sorted({f"v{rng.randrange(40):03d}" for _ in range(2)}))
        rows.append(
            f"- id: e{i:04d}\n  title: Bijeenkomst {i}\n"
            f"  start: 2027-{1 + i % 12:02d}-{1 + i % 28:02d}\n  organizer: [{organizers}]\n"
            f"  tags: [t{i % 6:03d}]\n"
            f"  description: {'Een avond over werk en opleiding. ' * (i % 9)}x\n"
        )
    root = mini_project(tmp_path)(
        {"data/associations.yaml": _associations(40), "data/events.yaml": "".join(rows),
         "data/themes.yaml": _themes(6)}
    )  # fmt: skip
    data = load(root / "data")

    region = {a.id: a.province for a in data.associations}
    estimate = sum(
        event_bytes(e, len({region[o] for o in e.organizer})) for e in data.events
    ) + sum(association_bytes(a) for a in data.associations)
    assert mkdocs_build(root).returncode == 0
    built = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
    # Generous (the theme's assets and the search index are not data), never far under.
    assert 0.7 * built <= estimate <= 2.5 * built, (estimate, built)


def test_an_event_in_every_themes_feeds_is_refused_on_its_line(tmp_path: Path) -> None:
    tags = ", ".join(f"t{i:03d}" for i in range(200))
    text = "Een avond over werk en opleiding. " * 30
    events = "".join(
        f"- id: e{i:04d}\n  title: Bijeenkomst {i}\n  start: 2027-05-01\n  organizer: [v000]\n"
        f"  tags: [{tags}]\n  description: {text}\n"
        for i in range(1500)
    )
    data = write_tree(tmp_path / "data", {"associations.yaml": _associations(1),
                                          "events.yaml": events,
                                          "themes.yaml": _themes(200)})  # fmt: skip
    assert (data / "events.yaml").stat().st_size < 5 * 1024 * 1024  # within the file limit
    result = validate(data)
    assert result.returncode == 1, result.stdout[-500:]
    (row,) = [r for r in result.stdout.splitlines() if "MB worden" in r]
    # on the line of the heaviest event (the first with the longest title), where its id is
    lines = (data / "events.yaml").read_text(encoding="utf-8").splitlines()
    line = int(row.split("events.yaml:")[1].split(":")[0])
    assert lines[line - 1] == "- id: e1000" and "200 thema's" in row
    assert f"{SITE_BUDGET // 1000 // 1000} MB" in row
