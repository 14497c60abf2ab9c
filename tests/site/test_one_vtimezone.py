"""One VTIMEZONE, the same bytes in every calendar file (issue #42, point 1): each file used
to carry a definition trimmed to its own years, and vobject (Radicale) keeps the first it sees
for a TZID, so importing one association's feed and then the site's put every event in a year
the first did not cover an hour off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import MKDOCS_YML, TWO_ASSOCIATIONS, mkdocs_build, write_tree

pytestmark = pytest.mark.slow

EVENTS = """\
- id: borrel
  title: Borrel
  start: '2026-11-03 20:00'
  organizer: b-alumni
  repeat: {every: month, weekday: tuesday, week: 1, count: 12}
- id: oud
  title: Oude avond
  start: '1985-06-11 19:30'
  organizer: a-academy
- id: ver
  title: Verre avond
  start: '2031-06-10 19:30'
  organizer: a-academy
"""


def test_every_calendar_carries_the_same_definition(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n",
                                 "data/associations.yaml": TWO_ASSOCIATIONS,
                                 "data/events.yaml": EVENTS})  # fmt: skip
    assert mkdocs_build(root).returncode == 0
    found = {}
    for path in (root / "site").rglob("*.ics"):
        blocks = re.findall(rb"BEGIN:VTIMEZONE.*?END:VTIMEZONE\r\n", path.read_bytes(), re.S)
        if blocks:
            (found[path.name],) = blocks
    assert {"agenda.ics", "agenda-a-academy.ics", "agenda-b-alumni.ics"} <= set(found)
    assert len(set(found.values())) == 1, sorted(found)
