"""Recurring events: a table of rules and their occurrences, and every calendar program the
tests use agreeing with it, held instant for held instant, on the files the site writes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from calendars import EXPANDERS
from conftest import ASSOCIATIONS, Project, mkdocs_build
from mbo_alumni.core.settings import Settings
from mbo_alumni.source.load import load

# id -> (the series as written, its occurrences as (local start, status); 'x' = cancelled).
# Amsterdam's clocks go forward on 2027-03-28 and back on 2027-10-31.
SERIES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "wekelijks-voorjaar": (
        "start: 2027-03-16 19:30\n  end: 2027-03-16 21:00\n"
        "  repeat: {every: week, count: 4}",
        [("2027-03-16 19:30", ""), ("2027-03-23 19:30", ""), ("2027-03-30 19:30", ""),
         ("2027-04-06 19:30", "")],
    ),
    "tweewekelijks-najaar": (
        "start: 2027-10-14 20:00\n  repeat: {every: week, interval: 2, weekday: donderdag,"
        " until: 2027-11-30}",
        [("2027-10-14 20:00", ""), ("2027-10-28 20:00", ""), ("2027-11-11 20:00", ""),
         ("2027-11-25 20:00", "")],
    ),
    "maandborrel": (
        "start: 2027-01-05 19:30\n  end: 2027-01-05 21:30\n"
        "  repeat: {every: month, weekday: tuesday, week: 1, until: 2027-06-30}\n"
        "  except: [2027-05-04]\n  cancelled: [2027-03-02]",
        [("2027-01-05 19:30", ""), ("2027-02-02 19:30", ""), ("2027-03-02 19:30", "x"),
         ("2027-04-06 19:30", ""), ("2027-06-01 19:30", "")],
    ),
    "laatste-vrijdag": (
        "start: 2027-01-29 16:00\n  repeat: {every: maand, weekday: vrijdag, week: -1, count: 5}",
        [("2027-01-29 16:00", ""), ("2027-02-26 16:00", ""), ("2027-03-26 16:00", ""),
         ("2027-04-30 16:00", ""), ("2027-05-28 16:00", "")],
    ),
    "reunie": (
        "start: 2027-06-12\n  repeat: {every: year, count: 3}\n  cancelled: [2028-06-12]",
        [("2027-06-12", ""), ("2028-06-12", "x"), ("2029-06-12", "")],
    ),
    "elke-31e": (
        "start: 2027-01-31 12:00\n  repeat: {every: month, count: 4}",
        [("2027-01-31 12:00", ""), ("2027-03-31 12:00", ""), ("2027-05-31 12:00", ""),
         ("2027-07-31 12:00", "")],
    ),
}  # fmt: skip


def events_yaml() -> str:
    return "".join(
        f"- id: {ident}\n  title: Reeks {ident}\n  organizer: a-academy\n  {rule}\n"
        for ident, (rule, _) in SERIES.items()
    )


def expected(ident: str) -> list[tuple[str, str]]:
    """The occurrences of the table as UTC instants (dates as dates) with their status."""
    zone = Settings().zone
    found = []
    for local, mark in SERIES[ident][1]:
        if " " in local:
            moment = datetime.fromisoformat(local).replace(tzinfo=zone).astimezone(UTC)
            start = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        else:
            start = date.fromisoformat(local).isoformat()
        found.append((start, "CANCELLED" if mark == "x" else "CONFIRMED"))
    return found


def test_rules_give_the_occurrences_of_the_table(tmp_path: Path) -> None:
    (tmp_path / "associations.yaml").write_text(ASSOCIATIONS, encoding="utf-8")
    (tmp_path / "events.yaml").write_text(events_yaml(), encoding="utf-8")
    data = load(tmp_path)
    for event in data.events:
        got = [
            (o.start.strftime("%Y-%m-%d %H:%M") if isinstance(o.start, datetime)
             else o.start.isoformat(), "x" if o.status == "cancelled" else "")
            for o in event.occurrences()
        ]  # fmt: skip
        assert got == SERIES[event.id][1], event.id
        # In the site's zone, so 19:30 is 19:30 on both sides of a clock change.
        assert all(
            getattr(o.start, "tzinfo", event.zone) == event.zone for o in event.occurrences()
        )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import mini_project

    project: Project = mini_project(tmp_path_factory.mktemp("series"))
    root = project({"data/events.yaml": events_yaml()})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.parametrize("client", list(EXPANDERS))
def test_every_calendar_program_holds_the_same_occurrences(built: Path, client: str) -> None:
    # The one-off download of a series is the series; the site-wide feed carries them all.
    expand = EXPANDERS[client]
    feed = expand((built / "agenda.ics").read_bytes())
    for ident in SERIES:
        single = expand((built / "agenda" / f"{ident}.ics").read_bytes())
        for found in (single, [o for o in feed if o["uid"].startswith(f"{ident}@")]):
            got = sorted((o["start"], o["status"]) for o in found)
            assert got == expected(ident), (client, ident, got)
