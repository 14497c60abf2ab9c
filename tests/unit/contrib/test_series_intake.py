"""The change form on a series, through `mbo-alumni intake` (a bare git remote, the gh
stand-in): cancel one evening, move one, change the time from a date on, end the series. Each
becomes the keys that keep the past (contrib/series_changes.py), in a round-trip edit that
leaves every other line alone, and every calendar program then holds what the volunteer asked
for with the evenings before today unchanged (tests/clients/test_series_kept_right.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from borrel import expected  # the table the outputs are held to
from calendars import EXPANDERS
from conftest import ASSOCIATIONS, body, cli, mini_project, mkdocs_build
from remotes import Repo

pytestmark = [pytest.mark.slow]

SERIES = """\
# yaml-language-server: $schema=../schemas/events.schema.json
# De bijeenkomsten, op volgorde van id.

- id: borrel
  title: Maandborrel  # elke eerste dinsdag
  start: '2026-08-04 20:00'
  end: '2026-08-04 22:00'
  organizer: a-academy
  location: {name: Café De Poort, city: Tilburg}
  repeat: {every: month, weekday: tuesday, week: 1, until: 2027-07-06}
"""
FORM, LABEL = "bijeenkomst-wijzigen.yml", "bijeenkomst-wijzigen"
# The four tasks as the site's form sends them, and the lines intake must write.
TASKS = {
    "afgelast": ({"occurrence": "2026-12-01", "scope": "deze keer", "change": "afgelasten"},
                 "  cancelled: [2026-12-01]"),
    "verplaatst": ({"occurrence": "2027-01-05", "scope": "Deze keer",
                    "start": "2027-01-06 20:00"},
                   "  - {date: 2027-01-05, start: '2027-01-06 20:00', end: '2027-01-06 22:00'}"),
    "vanaf-januari": ({"occurrence": "5-1-2027", "scope": "vanaf deze keer",
                       "start": "2027-01-05 19:30", "end": "2027-01-05 21:30"},
                      "  - {from: 2027-01-05, start: '19:30', end: '21:30'}"),
    "gestopt": ({"occurrence": "2027-01-05", "scope": "de reeks stopt"},
                "  repeat: {every: month, weekday: tuesday, week: 1, until: 2027-01-05}"),
}  # fmt: skip


def proposal(repo: Repo, number: int, submitted: str) -> str:
    """Submit an issue; return the events file of the one pull request intake opened."""
    result = repo.submit(number, submitted, LABEL)
    assert result.returncode == 0, result.stdout + result.stderr
    (branch,) = [b for b in repo.branches() if b != "main"]
    return repo.branch_file(branch, "data/events.yaml")


@pytest.mark.parametrize("task", list(TASKS))
def test_each_task_keeps_the_past(tmp_path: Path, task: str) -> None:
    answers, line = TASKS[task]
    repo = Repo(tmp_path, events=SERIES)
    text = proposal(repo, 7, body(FORM, {"id": "borrel", **answers}))
    assert line in text.splitlines(), text
    # Only the entry's own lines changed: the comments and the other keys stay as written.
    assert text.startswith(SERIES.split("  repeat:")[0].replace("\n  organizer", "\n  organizer"))
    assert "# elke eerste dinsdag" in text
    data = tmp_path / "check"
    (data / "data").mkdir(parents=True)
    (data / "data" / "events.yaml").write_text(text, encoding="utf-8")
    (data / "data" / "associations.yaml").write_text(ASSOCIATIONS, encoding="utf-8")
    sort = cli("sort", "--check", "--data", str(data / "data"))
    assert sort.returncode == 0, sort.stdout + sort.stderr  # `sort --check` stays green
    said = str(repo.github())  # the pull request's text and the answer to the volunteer
    assert "die al geweest zijn, blijven zoals ze waren" in said
    # The calendar of the changed data: every program holds what the task asks for.
    site = mini_project(tmp_path / "site")({"data/events.yaml": text})
    assert mkdocs_build(site).returncode == 0
    for client in ("ical.js", "recurring-ical-events"):
        got = sorted((o["start"], o["status"]) for o in EXPANDERS[client](
            (site / "site" / "agenda.ics").read_bytes()))  # fmt: skip
        assert got == expected(task), client


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        ({"occurrence": "2026-09-01", "scope": "deze keer", "change": "afgelasten"},
         "is al geweest"),
        ({"occurrence": "2026-12-02", "scope": "deze keer", "change": "afgelasten"},
         "geen keer van deze reeks"),
    ],
)  # fmt: skip
def test_a_past_evening_or_another_weekday_gets_a_dutch_answer(
    tmp_path: Path, answers: dict[str, str], said: str
) -> None:
    repo = Repo(tmp_path, events=SERIES)
    result = repo.submit(8, body(FORM, {"id": "borrel", **answers}), LABEL)
    assert "Traceback" not in result.stderr
    assert said in str(repo.github()), repo.github()
    assert repo.branches() == ["main"]  # nothing proposed


def test_cancelling_the_whole_series_leaves_the_held_evenings(tmp_path: Path) -> None:
    repo = Repo(tmp_path, events=SERIES)
    entry = yaml.safe_load(proposal(repo, 9, body(FORM, {"id": "borrel", "change": "afgelasten"})))[
        0
    ]
    assert entry.get("status", "confirmed") == "confirmed"  # not the whole series
    assert [str(d) for d in entry["cancelled"]][:1] == ["2026-12-01"]
    assert len(entry["cancelled"]) == 8  # the coming ones; the four held stay as they were


def test_an_editor_renaming_a_started_series_waits_for_a_maintainer(tmp_path: Path) -> None:
    """A new title shows on the evenings already held too: never merged without a look."""
    events = SERIES.replace("  organizer: a-academy", "  organizer: a-academy")
    repo = Repo(tmp_path, events=events)
    result = repo.submit(10, body(FORM, {"id": "borrel", "event_title": "Alumniborrel"}), LABEL)
    assert result.returncode == 0, result.stdout + result.stderr
    said = str(repo.github())
    assert "keren van de reeks die al geweest zijn laten zien" in said
    assert "gaat vanzelf online" not in said


def test_another_weekday_from_a_date_is_a_new_series_and_the_old_one_stops(tmp_path: Path) -> None:
    """First Wednesdays from January: the old series ends with December, a new one (its own
    id and UID) holds January to July (its last day a day later too); every program holds
    4 + 1 + 7 evenings, none twice."""
    repo = Repo(tmp_path, events=SERIES)
    answers = {"id": "borrel", "occurrence": "2027-01-05", "scope": "vanaf deze keer",
               "start": "2027-01-06 20:00"}  # fmt: skip
    text = proposal(repo, 12, body(FORM, answers))
    old, new = yaml.safe_load(text)
    assert old["repeat"]["until"].isoformat() == "2026-12-01"
    assert new["id"] == "borrel-vanaf-2027-01-06" and new["repeat"]["weekday"] == "wednesday"
    assert str(new["end"]) == "2027-01-06 22:00" and new["location"]["name"] == "Café De Poort"
    site = mini_project(tmp_path / "site")({"data/events.yaml": text})
    assert mkdocs_build(site).returncode == 0
    for client in ("ical.js", "recurring-ical-events"):
        found = EXPANDERS[client]((site / "site" / "agenda.ics").read_bytes())
        starts = sorted(o["start"] for o in found)
        assert len(starts) == len(set(starts)) == 12, client
        assert starts[:4] == [o for o, _ in expected("afgelast")[:4]]  # the past, unchanged
        assert "2027-01-06T19:00:00Z" in starts and "2027-01-05T19:00:00Z" not in starts


def test_moving_a_second_evening_leaves_the_first_move_as_written(tmp_path: Path) -> None:
    first = "  - {date: 2026-12-01, start: '2026-12-02 20:00', end: '2026-12-02 22:00'}"
    events = SERIES + "  moved:\n" + first + "\n"
    repo = Repo(tmp_path, events=events)
    answers = {"id": "borrel", "occurrence": "2027-01-05", "scope": "deze keer",
               "start": "2027-01-06 20:00"}  # fmt: skip
    lines = proposal(repo, 13, body(FORM, answers)).splitlines()
    assert first in lines  # local times, quoted, as the file wrote them (not ISO with offset)
    assert "  - {date: 2027-01-05, start: '2027-01-06 20:00', end: '2027-01-06 22:00'}" in lines
