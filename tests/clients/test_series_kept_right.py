"""A monthly borrel kept right after it was written: one evening cancelled, one moved, the time
changed from a date on, the series ended. Every calendar program the tests use reads the
site's files; for each task the evenings held before today are unchanged to the second, the
changed ones are right, the series keeps one UID and nothing is doubled. The series page, the
month page and the embed say the same."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from borrel import expected, utc
from calendars import EXPANDERS
from conftest import mini_project, mkdocs_build

TODAY = "2026-11-18"  # SOURCE_DATE_EPOCH of the tests' builds
BORREL = """\
- id: borrel
  title: Maandborrel
  start: 2026-08-04 20:00
  end: 2026-08-04 22:00
  organizer: a-academy
  location: {name: Café De Poort, city: Tilburg}
  repeat: {every: month, weekday: tuesday, week: 1, until: 2027-07-06}
"""
# The four tasks, as intake writes them into the entry.
TASKS = {
    "afgelast": "  cancelled: [2026-12-01]\n",
    "verplaatst": "  moved:\n"
    "    - {date: 2027-01-05, start: 2027-01-06 20:00, end: 2027-01-06 22:00}\n",
    "vanaf-januari": '  changes:\n    - {from: 2027-01-05, start: "19:30", end: "21:30"}\n',
    "gestopt": None,  # the rule's until moves to the last evening held
}


def events(task: str) -> str:
    if task == "gestopt":
        return BORREL.replace("until: 2027-07-06", "until: 2027-01-05")
    return BORREL + (TASKS[task] or "")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {}
    for task in ("voor", *TASKS):
        root = mini_project(tmp_path_factory.mktemp(task))(
            {"data/events.yaml": BORREL if task == "voor" else events(task)}
        )
        result = mkdocs_build(root)
        assert result.returncode == 0, result.stderr
        built[task] = root / "site"
    return built


@pytest.mark.parametrize("client", list(EXPANDERS))
@pytest.mark.parametrize("task", list(TASKS))
def test_the_past_stays_and_the_change_is_right_in_every_program(
    sites: dict[str, Path], task: str, client: str
) -> None:
    expand = EXPANDERS[client]
    before = expand((sites["voor"] / "agenda.ics").read_bytes())
    after = expand((sites[task] / "agenda.ics").read_bytes())
    assert {o["uid"] for o in after} == {o["uid"] for o in before}  # one UID, the same
    got = sorted((o["start"], o["status"]) for o in after)
    assert got == expected(task), (client, got)
    assert len(got) == len(set(got))  # nothing doubled
    held = [(o["start"], o["status"]) for o in before if o["start"] < utc(f"{TODAY} 00:00")]
    assert len(held) == 4 and all(h in got for h in held)  # the past to the second
    for name in ("agenda-a-academy.ics", "agenda/borrel.ics"):  # the others say the same
        other = sorted((o["start"], o["status"]) for o in expand((sites[task] / name).read_bytes()))
        assert other == got, (name, client)


def text(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    words = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    return re.sub(r" ([:,.])", r"\1", words)  # no space where an element ends before a mark


def test_the_pages_and_the_embed_say_the_same(sites: dict[str, Path]) -> None:
    moved = sites["verplaatst"]
    series = text(moved, "agenda/borrel")
    was = "verplaatst; volgens de reeks was het dinsdag 5 januari 2027"
    assert f"woensdag 6 januari 2027, 20.00–22.00 uur: {was}" in series
    month = text(moved, "agenda/maand/2027-01")
    assert "Maandborrel Verplaatst" in month and "woensdag 6 januari 2027" in month
    embed = text(moved, "embed/a-academy")
    assert "Verplaatst" in embed and "woensdag 6 januari 2027" in embed
    changed = text(sites["vanaf-januari"], "agenda/borrel")
    assert "Vanaf dinsdag 5 januari 2027: 19.30–21.30 uur" in changed
    assert "dinsdag 3 november 2026, 20.00–22.00 uur" in changed  # the past as it was
    assert "dinsdag 2 februari 2027, 19.30–21.30 uur" in changed
    # The open data: the moved time in the record, and its occurrence at the new time.
    (borrel,) = json.loads((moved / "api" / "events.json").read_text(encoding="utf-8"))["events"]
    assert borrel["moved"] == [
        {"date": "2027-01-05", "start": "2027-01-06 20:00", "end": "2027-01-06 22:00"}
    ]
    (january,) = [o for o in borrel["occurrences"] if o["day"] == "2027-01-05"]
    assert january["start"] == "2027-01-06T20:00:00+01:00" and january["moved"] is True
    # The news feeds, read by a feed parser, say it too.
    entry = feedparser.parse((moved / "agenda.atom.xml").read_bytes()).entries[0]
    assert f"Woensdag 6 januari 2027, 20.00–22.00 uur: {was}" in entry.summary
    entry = feedparser.parse((sites["vanaf-januari"] / "agenda.rss.xml").read_bytes()).entries[0]
    assert "Vanaf dinsdag 5 januari 2027: 19.30–21.30 uur" in entry.summary
    cancelled = text(sites["afgelast"], "agenda/borrel")
    assert "dinsdag 1 december 2026, 20.00–22.00 uur: afgelast" in cancelled
    assert "dinsdag 3 november 2026, 20.00–22.00 uur: afgelast" not in cancelled
    ended = text(sites["gestopt"], "agenda/borrel")
    assert "2 februari 2027" not in ended and "dinsdag 5 januari 2027" in ended
