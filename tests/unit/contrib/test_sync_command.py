"""`mbo-alumni sync` (issue #45): an association that keeps only its own calendar up to date
has a right agenda on the site the next day. A TLS server on 127.0.0.1 serves the calendar as
it changes from day to day; the command runs in process on a data folder, and as the daily
workflow runs it, against a bare git remote and the `gh` stand-in."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from calendar_server import CalendarServer, calendar_server, feed
from conftest import CLI, cli, git, write_tree
from remotes import Repo

EVENTS = """\
# yaml-language-server: $schema=../schemas/events.schema.json
# Bijeenkomsten. Houd de lijst op volgorde van id.

- id: eigen-avond  # met de hand gezet: sync laat haar staan
  title: Eigen avond
  start: '2027-02-10 19:30'
  organizer: a-academy

- id: herfstborrel-2026-10-01
  title: Herfstborrel
  start: '2026-10-01 19:30'
  organizer: a-academy
  imported:
    uid: herfst@google.com
"""


def associations(url: str, editors: str = "") -> str:
    return f"""\
- id: a-academy
  name: A-Academy
  institution: Koning Willem I College
  city: "'s-Hertogenbosch"
  province: Noord-Brabant
  calendar: {url.replace("https://", "webcal://")}
{editors}- id: noorderlicht
  name: Noorderlicht Alumni
  institution: Testcollege Noord
  city: Leeuwarden
  province: Friesland
"""


@pytest.fixture
def server() -> Iterator[CalendarServer]:
    with calendar_server() as running:
        yield running


def project(tmp_path: Path, server: CalendarServer) -> Path:
    url = server.put("/a.ics", feed("google.ics"))
    return write_tree(tmp_path / "site", {"data/associations.yaml": associations(url),
                                          "data/events.yaml": EVENTS})  # fmt: skip


def sync(root: Path, server: CalendarServer) -> subprocess.CompletedProcess[str]:
    return cli("sync", "--root", str(root), "--allow-local", "--state",
               str(root / "state.json"), **server.trust)  # fmt: skip


def entries(root: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    text = (root / "data" / "events.yaml").read_text(encoding="utf-8")
    return {e["id"]: e for e in yaml.safe_load(text)}


def test_the_calendar_becomes_entries_in_id_order_with_comments_kept(
    tmp_path: Path, server: CalendarServer
) -> None:
    root = project(tmp_path, server)
    done = sync(root, server)
    assert done.returncode == 0, done.stderr
    assert "a-academy: 3 nieuw -> data" in done.stdout
    found = entries(root)
    assert set(found) == {
        "alumniborrel-2026-12-01",
        "eigen-avond",
        "herfstborrel-2026-10-01",
        "open-dagen-2027-03-10",
        "webinar-werken-na-je-diploma-2027-04-15",
    }
    borrel = found["alumniborrel-2026-12-01"]
    assert borrel["organizer"] == "a-academy" and borrel["announced"].isoformat() == "2026-11-18"
    assert borrel["imported"] == {"uid": "3q9v1fjb0hc6ajm1s8u4o2k7qe@google.com"}
    text = (root / "data" / "events.yaml").read_text(encoding="utf-8")
    assert "# met de hand gezet: sync laat haar staan" in text
    assert cli("validate", "--data", str(root / "data")).returncode == 0
    assert cli("sort", "--check", "--data", str(root / "data")).returncode == 0
    # The next day, the same calendar: asked with its ETag, answered 304, nothing changes.
    again = sync(root, server)
    assert "a-academy: ongewijzigd sinds de vorige keer" in again.stdout
    assert (root / "data" / "events.yaml").read_text(encoding="utf-8") == text


def test_a_change_in_the_calendar_changes_the_same_entry(
    tmp_path: Path, server: CalendarServer
) -> None:
    root = project(tmp_path, server)
    assert sync(root, server).returncode == 0
    changed = (
        feed("google.ics")
        .replace(b"DTSTART;VALUE=DATE:20270310", b"DTSTART;VALUE=DATE:20270317")
        .replace(b"DTEND;VALUE=DATE:20270312", b"DTEND;VALUE=DATE:20270319")
        .replace(b"EXDATE;TZID=Europe/Amsterdam:20270105T193000\r\n", b"")
        .replace(b"SUMMARY:Webinar: werken na je diploma", b"SUMMARY:Webinar: na je diploma")
    )
    server.put("/a.ics", changed)
    done = sync(root, server)
    assert done.returncode == 0, done.stderr
    found = entries(root)
    days = found["open-dagen-2027-03-10"]  # the id, and so the UID in every feed, stays
    assert (str(days["start"]), str(days["end"])) == ("2027-03-17", "2027-03-18")
    assert days["sequence"] == 1  # a new time: every calendar client takes the update
    assert "except" not in found["alumniborrel-2026-12-01"]
    assert found["alumniborrel-2026-12-01"]["sequence"] == 1
    webinar = found["webinar-werken-na-je-diploma-2027-04-15"]
    assert webinar["title"] == "Webinar: na je diploma" and "sequence" not in webinar
    assert found["herfstborrel-2026-10-01"] == {  # past, and gone from the calendar: untouched
        "id": "herfstborrel-2026-10-01", "title": "Herfstborrel",
        "start": "2026-10-01 19:30", "organizer": "a-academy",
        "imported": {"uid": "herfst@google.com"},
    }  # fmt: skip
    assert cli("sort", "--check", "--data", str(root / "data")).returncode == 0


def _without(body: bytes, uid: bytes) -> bytes:
    parts = body.split(b"BEGIN:VEVENT")
    return b"BEGIN:VEVENT".join(p for p in parts if b"UID:" + uid not in p)


def test_an_event_gone_from_the_calendar_is_cancelled_and_a_broken_export_cancels_nothing(
    tmp_path: Path, server: CalendarServer
) -> None:
    root = project(tmp_path, server)
    assert sync(root, server).returncode == 0
    server.put("/a.ics", _without(feed("google.ics"), b"7hh2k3l4m5n6o7p8q9r0s1t2u3@google.com"))
    done = sync(root, server)
    assert "1 afgelast" in done.stdout
    webinar = entries(root)["webinar-werken-na-je-diploma-2027-04-15"]
    assert (webinar["status"], webinar["sequence"]) == ("cancelled", 1)
    # An export that suddenly holds none of the coming events: nothing is cancelled.
    before = (root / "data" / "events.yaml").read_bytes()
    empty = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//EN\r\nEND:VCALENDAR\r\n"
    server.put("/a.ics", empty)
    held = sync(root, server)
    assert "niets afgelast" in held.stdout
    assert (root / "data" / "events.yaml").read_bytes() == before


def test_a_calendar_that_cannot_be_read_changes_nothing(
    tmp_path: Path, server: CalendarServer
) -> None:
    root = project(tmp_path, server)
    before = (root / "data" / "events.yaml").read_bytes()
    for body in (b"<!doctype html><p>Inloggen</p>", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nX"):
        server.put("/a.ics", body)
        done = sync(root, server)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert "a-academy: niet overgenomen:" in done.stdout
        assert (root / "data" / "events.yaml").read_bytes() == before


def test_the_daily_workflow_proposes_one_pull_request_per_association(
    tmp_path: Path, server: CalendarServer
) -> None:
    url = server.put("/a.ics", feed("google.ics"))
    repo = Repo(tmp_path, events=EVENTS,
                associations=associations(url, "  editors: [secretaris-a]\n"))  # fmt: skip

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(CLI), "sync", "--root", str(repo.checkout()), "--repo", "mbo/alumni",
             "--allow-local"], env=repo.environment(**server.trust),
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    first = run()
    assert first.returncode == 0, first.stderr
    (pull,) = repo.github()["pulls"]
    assert pull["head"] == "agenda/a-academy" and pull["base"] == "main"
    assert (
        "**Nieuw** (3)" in pull["body"] and "Alumniborrel (reeks vanaf 2026-12-01)" in pull["body"]
    )
    assert "gaat vanzelf online" in pull["body"]  # the association has editors
    assert ["pr", "merge", str(pull["number"]), "--repo", "mbo/alumni", "--auto",
            "--squash"] in repo.calls()  # fmt: skip
    on_branch = yaml.safe_load(repo.branch_file("agenda/a-academy", "data/events.yaml"))
    assert len(on_branch) == 5
    # Before it is merged, the calendar changes: the same pull request, updated in place.
    server.put("/a.ics", _without(feed("google.ics"), b"0m1a2b3c4d5e6f7g8h9i0j1k2l@google.com"))
    assert run().returncode == 0
    (pull,) = repo.github()["pulls"]
    assert "**Nieuw** (2)" in pull["body"] and "Open dagen" not in pull["body"]
    # Merged; the next day an evening is gone from the calendar: a new pull request cancels it.
    git(repo.remote, "update-ref", "refs/heads/main", "refs/heads/agenda/a-academy")
    state = repo.github()
    state["pulls"][0]["state"] = "merged"
    repo.state.write_text(json.dumps(state), encoding="utf-8")
    server.put("/a.ics", _without(feed("google.ics"), b"7hh2k3l4m5n6o7p8q9r0s1t2u3@google.com"))
    assert run().returncode == 0
    pull = repo.github()["pulls"][-1]
    assert pull["state"] == "open" and pull["head"] == "agenda/a-academy"
    assert "**Afgelast** (1)" in pull["body"] and "**Nieuw** (1)" in pull["body"]  # Open dagen
    assert (
        "Webinar: werken na je diploma (2027-04-15): staat niet meer in jullie agenda"
        in (pull["body"])
    )
    # A day the calendar is gone: one issue for the maintainer; the next good day closes it.
    server.files.pop("/a.ics")
    assert run().returncode == 0
    (issue,) = repo.github()["issues"]
    assert issue["labels"] == ["agenda"] and "HTTP 404" in issue["body"]
    assert len(repo.github()["pulls"]) == 2  # and no pull request for it
    assert "Er is niets veranderd op de site" in issue["body"]
    server.put("/a.ics", feed("google.ics"))
    last = run()
    assert last.returncode == 0, last.stderr
    (issue,) = repo.github()["issues"]
    assert issue["state"] == "closed", (last.stdout, repo.calls()[-6:])


def test_a_series_that_began_and_is_gone_keeps_its_past(
    tmp_path: Path, server: CalendarServer
) -> None:
    root = project(tmp_path, server)
    begun = """
- id: wekelijks-2026-11-03
  title: Wekelijkse inloop
  start: '2026-11-03 19:30'
  organizer: a-academy
  repeat: {every: week, count: 6}
  moved:
    - {date: 2026-12-01, start: '2026-12-02 19:30'}
  imported:
    uid: inloop@google.com
"""
    path = root / "data" / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8") + begun, encoding="utf-8")
    done = sync(root, server)
    assert done.returncode == 0, done.stdout + done.stderr
    series = entries(root)["wekelijks-2026-11-03"]
    # 3, 10 and 17 November were held; the three to come are cancelled, the move with them.
    assert [str(d) for d in series["cancelled"]] == ["2026-11-24", "2026-12-01", "2026-12-08"]
    assert "moved" not in series and "status" not in series
    assert series["start"] == "2026-11-03 19:30" and series["sequence"] == 1
    assert cli("validate", "--data", str(root / "data")).returncode == 0
