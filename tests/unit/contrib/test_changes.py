"""An event's life after its first listing, without git: a change issue moves it or cancels
it in place (`mbo-alumni intake` on recorded payloads, a bare git remote, the gh stand-in).
After each step the data is valid, only the intended lines changed, and the calendar feed,
read by ical.js and khal, holds one event with the same UID: at the new time, then cancelled.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from calendars import PARSERS
from conftest import (
    ASSOCIATIONS,
    CLI,
    MKDOCS_YML,
    ROOT,
    STAND_INS,
    body,
    git,
    mkdocs_build,
    validate,
    write_tree,
)

pytestmark = [pytest.mark.slow, pytest.mark.clients]  # builds sites, reads them with khal

FORM = "bijeenkomst-wijzigen.yml"
LABEL = "bijeenkomst-wijzigen"
# A commented events file, in the style the guide shows: the edit must leave all of it alone.
EVENTS = """\
# yaml-language-server: $schema=../schemas/events.schema.json
# De bijeenkomsten, op volgorde van id.

- id: najaar
  title: Najaarsavond  # de grote avond
  start: '2027-11-02 17:00'
  end: '2027-11-02 19:00'
  organizer: [a-academy]
  location: {name: Aula, city: Tilburg}

- id: voorjaar
  title: Voorjaarsbijeenkomst
  start: '2027-03-30 19:30'
  organizer: a-academy
"""


class Remote:
    """A bare 'GitHub' remote holding main, and the state the gh stand-in keeps."""

    def __init__(self, tmp: Path) -> None:
        self.tmp, self.runs = tmp, 0
        self.remote = tmp / "remote.git"
        git(tmp, "init", "--quiet", "--bare", "-b", "main", str(self.remote))
        seed = write_tree(tmp / "seed", {"data/associations.yaml": ASSOCIATIONS,
                                         "data/events.yaml": EVENTS})  # fmt: skip
        shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", seed / ".github" / "ISSUE_TEMPLATE")
        git(seed, "init", "--quiet", "-b", "main")
        git(seed, "add", ".")
        git(seed, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "seed")
        git(seed, "push", "--quiet", str(self.remote), "main")
        self.state = tmp / "gh-state.json"

    def submit(
        self, number: int, answers: dict[str, str], form: str = FORM, label: str = LABEL
    ) -> subprocess.CompletedProcess[str]:
        self.runs += 1
        work = self.tmp / f"checkout-{self.runs}"
        git(self.tmp, "clone", "--quiet", str(self.remote), str(work))
        event = self.tmp / f"event-{self.runs}.json"
        issue = {"number": number, "body": body(form, answers), "labels": [{"name": label}],
                 "user": {"login": "vrijwilliger"}}  # fmt: skip
        payload = {"action": "opened", "repository": {"full_name": "mbo/alumni"}, "issue": issue}
        event.write_text(json.dumps(payload), encoding="utf-8")
        env = {**os.environ, "PATH": f"{STAND_INS}{os.pathsep}{os.environ['PATH']}",
               "GH_STANDIN_STATE": str(self.state), "GH_STANDIN_LOG": str(self.tmp / "log"),
               "SOURCE_DATE_EPOCH": "1795000000"}  # fmt: skip
        return subprocess.run([str(CLI), "intake", "--event", str(event), "--root", str(work)],
                              env=env, capture_output=True, text=True, timeout=120)  # fmt: skip

    def github(self) -> dict[str, Any]:
        return json.loads(self.state.read_text()) if self.state.exists() else {}

    def merge(self, branch: str) -> None:
        """What a maintainer's merge does: main becomes the branch."""
        git(self.remote, "update-ref", "refs/heads/main", f"refs/heads/{branch}")

    def diff(self, branch: str, file: str = "data/events.yaml") -> list[str]:
        text = git(self.remote, "diff", "--unified=0", "main", branch, "--", file)
        return [line for line in text.splitlines()
                if line[:1] in "+-" and not line.startswith(("+++", "---"))]  # fmt: skip

    def events_on(self, branch: str) -> str:
        return git(self.remote, "show", f"{branch}:data/events.yaml")


@pytest.fixture
def remote(tmp_path: Path) -> Remote:
    return Remote(tmp_path)


def calendar_of(events: str, tmp: Path, associations: str = ASSOCIATIONS) -> bytes:
    root = write_tree(tmp, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n",
                            "data/associations.yaml": associations,
                            "data/events.yaml": events})  # fmt: skip
    assert validate(root / "data").returncode == 0
    assert mkdocs_build(root).returncode == 0
    return (root / "site" / "agenda.ics").read_bytes()


def held(calendar: bytes, client: str) -> list[dict[str, Any]]:
    return [e for e in PARSERS[client](calendar) if e["uid"].startswith("najaar@")]


def test_move_then_cancel_in_place(remote: Remote, tmp_path: Path) -> None:
    # Moved to the 9th with a new start only: the evening keeps its two hours.
    moved = remote.submit(21, {"id": "najaar", "start": "2027-11-09 17:00"})
    assert moved.returncode == 0, moved.stderr
    (pull,) = remote.github()["pulls"]
    assert pull["title"] == "Wijziging bijeenkomst: Najaarsavond"
    assert (
        "Begin: dinsdag 2 november 2027 17.00 wordt dinsdag 9 november 2027 17.00" in pull["body"]
    )
    assert (
        "Einde: dinsdag 2 november 2027 19.00 wordt dinsdag 9 november 2027 19.00" in pull["body"]
    )
    assert remote.diff("wijziging/issue-21") == [
        "-  start: '2027-11-02 17:00'", "-  end: '2027-11-02 19:00'",
        "+  start: '2027-11-09 17:00'", "+  end: '2027-11-09 19:00'",
        "+  announced: 2026-11-18",  # the day of the change: LAST-MODIFIED
        "+  sequence: 1",  # a new time: SEQUENCE rises
    ]  # fmt: skip
    assert "announced" not in pull["body"]
    before = calendar_of(EVENTS, tmp_path / "before")
    after = calendar_of(remote.events_on("wijziging/issue-21"), tmp_path / "moved")
    # Clients that take an update only when SEQUENCE rises see the move.
    vevents = [
        re.search(rb"BEGIN:VEVENT\r\nUID:najaar@.*?END:VEVENT", c, re.S) for c in (before, after)
    ]
    sequence = [int(re.search(rb"SEQUENCE:(\d+)", v[0])[1]) for v in vevents if v]  # type: ignore[index]
    assert sequence[1] > sequence[0] and b"LAST-MODIFIED:20261117T230000Z" in vevents[1][0]  # type: ignore[index]
    for client in ("ical.js", "khal"):
        (old,) = held(before, client)
        (new,) = held(after, client)
        assert old["uid"] == new["uid"]
        assert new["start"] == "2027-11-09T16:00:00Z" and new["end"] == "2027-11-09T18:00:00Z"
    remote.merge("wijziging/issue-21")
    # Cancelled: one choice, the same entry; it stays in the feed, as cancelled.
    cancelled = remote.submit(22, {"id": "najaar", "change": "Afgelasten"})
    assert cancelled.returncode == 0, cancelled.stderr
    assert remote.diff("wijziging/issue-22") == [
        "-  sequence: 1", "+  sequence: 2", "+  status: cancelled",
    ]  # fmt: skip
    final = calendar_of(remote.events_on("wijziging/issue-22"), tmp_path / "cancelled")
    for client in ("ical.js", "khal"):
        (event,) = held(final, client)
        assert event["uid"] == held(before, client)[0]["uid"]
        assert (event["status"] or "").upper() == "CANCELLED"


def test_editing_the_change_issue_updates_the_same_pull_request(remote: Remote) -> None:
    assert remote.submit(24, {"id": "najaar", "start": "2027-11-09 17:00"}).returncode == 0
    assert remote.submit(24, {"id": "najaar", "start": "2027-11-16 17:00"}).returncode == 0
    (pull,) = remote.github()["pulls"]
    assert "16 november 2027" in pull["body"] and "9 november" not in pull["body"]
    assert "+  start: '2027-11-16 17:00'" in remote.diff("wijziging/issue-24")


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ({"id": "bestaat-niet", "start": "2027-11-09"}, "er staat geen bijeenkomst"),
        ({"id": "najaar"}, "niets ingevuld"),
        ({"id": "najaar", "start": "2027-02-30 17:00"}, "bestaat niet"),
        ({"id": "najaar", "end": "2027-10-01 10:00"}, "vóór 'Nieuw begin'"),
    ],
)
def test_a_change_that_cannot_be_made_gets_one_dutch_comment(
    remote: Remote, answers: dict[str, str], words: str
) -> None:
    result = remote.submit(23, answers)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    (comment,) = remote.github()["comments"]
    assert words in comment["body"]
    assert not remote.github().get("pulls")


def test_confirm_and_change_an_association_in_place(remote: Remote) -> None:
    # The patrol asked a-academy to confirm (issue 5); confirming closes that issue too.
    marker = "<!-- mbo-alumni:controle:a-academy -->"
    remote.state.write_text(json.dumps({"issues": [
        {"number": 5, "title": "Kloppen de gegevens van A-Academy nog?", "body": marker,
         "labels": ["controle"], "state": "open"}], "labels": ["controle"]}))  # fmt: skip
    confirmed = remote.submit(31, {"id": "a-academy", "confirm": "ja"},
                              "gegevens-bevestigen.yml", "gegevens-bevestigen")  # fmt: skip
    assert confirmed.returncode == 0, confirmed.stderr
    (pull,) = remote.github()["pulls"]
    assert pull["title"] == "Bevestiging: A-Academy"
    assert "Closes #31" in pull["body"] and "Closes #5" in pull["body"]
    assert remote.diff("wijziging/issue-31", "data/associations.yaml") == [
        "+  checked: 2026-11-18"
    ]  # the day of the intake run (SOURCE_DATE_EPOCH)
    changed = remote.submit(32, {"id": "noorderlicht", "name": "Noorderlicht Oud-studenten"},
                            "vereniging-wijzigen.yml", "vereniging-wijzigen")  # fmt: skip
    assert changed.returncode == 0, changed.stderr
    assert remote.diff("wijziging/issue-32", "data/associations.yaml") == [
        "-  name: Noorderlicht Alumni", "+  name: Noorderlicht Oud-studenten",
        "+  checked: 2026-11-18"]  # fmt: skip
    pull = next(p for p in remote.github()["pulls"] if p["head"] == "wijziging/issue-32")
    assert (
        "Naam van de vereniging: Noorderlicht Alumni wordt Noorderlicht Oud-studenten"
        in pull["body"]
    )


EDITED = ASSOCIATIONS.replace(
    "  province: Noord-Brabant\n", "  province: Noord-Brabant\n  editors: [Vrijwilliger]\n", 1
)


@pytest.fixture
def edited(tmp_path: Path) -> Remote:
    """A remote where a-academy lists the GitHub user 'Vrijwilliger' among its editors."""
    remote = Remote(tmp_path)
    seed = tmp_path / "seed"
    (seed / "data" / "associations.yaml").write_text(EDITED, encoding="utf-8")
    git(seed, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "editors")
    git(seed, "push", "--quiet", str(remote.remote), "main")
    return remote


def test_an_editors_change_is_labelled_and_merges_itself(edited: Remote) -> None:
    # The author comes from the payload (issue.user.login: 'vrijwilliger'), never the text.
    result = edited.submit(41, {"id": "najaar", "start": "2027-11-09 17:00"})
    assert result.returncode == 0, result.stderr
    (pull,) = edited.github()["pulls"]
    assert pull["auto_merge"] is True
    assert "een van de beheerders van deze vereniging" in pull["body"]
    assert edited.github()["issue_labels"] == {"41": ["van-de-vereniging"]}


def test_anyone_elses_change_waits_and_contact_changes_are_flagged(remote: Remote) -> None:
    result = remote.submit(42, {"id": "a-academy", "email": "nieuw@example.org"},
                           "vereniging-wijzigen.yml", "vereniging-wijzigen")  # fmt: skip
    assert result.returncode == 0, result.stderr
    (pull,) = remote.github()["pulls"]
    assert "auto_merge" not in pull and "issue_labels" not in remote.github()
    assert "**niet** een van de beheerders" in pull["body"]
    assert "**Let op:** dit verandert algemeen e-mailadres." in pull["body"]
    # The mention of the author is neutralised, as every text from an issue is.
    assert "@vrijwilliger" not in pull["body"] and "@\u2060vrijwilliger" in pull["body"]


def test_without_auto_merge_the_editors_change_still_waits_politely(
    edited: Remote, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GH_STANDIN_NO_AUTO_MERGE", "1")
    result = edited.submit(43, {"id": "najaar", "change": "Afgelasten"})
    assert result.returncode == 0, result.stderr
    (pull,) = edited.github()["pulls"]
    assert "auto_merge" not in pull and edited.github()["issue_labels"] == {
        "43": ["van-de-vereniging"]
    }


def test_the_life_of_an_entry(remote: Remote, tmp_path: Path) -> None:
    """List an association; list its event before that is merged; merge; move the event;
    cancel it; confirm the association. After each step the data is valid, only the
    intended lines changed, and ical.js and khal see one event with the same UID."""
    association = {"id": "b-vereniging", "name": "Bee Alumni", "institution": "Testcollege",
                   "city": "Utrecht", "province": "Utrecht"}  # fmt: skip
    event = {"id": "bee-avond", "title": "Bee-avond", "start": "2027-11-02 17:00",
             "end": "2027-11-02 19:00", "organizer": "b-vereniging"}  # fmt: skip
    assert remote.submit(61, association, "vereniging-aanmelden.yml", "vereniging").returncode == 0
    assert remote.submit(62, event, "evenement-aanmelden.yml", "evenement").returncode == 0
    stacked = next(p for p in remote.github()["pulls"] if p["head"] == "aanmelding/issue-62")
    assert stacked["base"] == "aanmelding/issue-61"
    remote.merge("aanmelding/issue-62")  # the association's request, then the stacked one
    uids: set[str] = set()
    statuses: set[tuple[int, str]] = set()

    def step(number: int, answers: dict[str, str], form: str, label: str) -> list[str]:
        result = remote.submit(number, answers, form, label)
        assert result.returncode == 0, result.stderr
        branch = f"wijziging/issue-{number}"
        changed = remote.diff(branch) + remote.diff(branch, "data/associations.yaml")
        associations = git(remote.remote, "show", f"{branch}:data/associations.yaml")
        calendar = calendar_of(remote.events_on(branch), tmp_path / str(number), associations)
        for client in ("ical.js", "khal"):
            (seen,) = [e for e in PARSERS[client](calendar) if e["uid"].startswith("bee-avond@")]
            uids.add(seen["uid"])
            statuses.add((number, (seen["status"] or "").upper()))
        remote.merge(branch)
        return changed

    moved = step(63, {"id": "bee-avond", "start": "2027-11-09 17:00"}, FORM, LABEL)
    # (intake wrote the new entry's times unquoted; the change keeps that style)
    before = ["-  start: 2027-11-02 17:00", "-  end: 2027-11-02 19:00"]
    after = ["+  start: 2027-11-09 17:00", "+  end: 2027-11-09 19:00", "+  sequence: 1"]
    assert sorted(moved) == sorted(before + after)  # announced: already today (registered)
    assert step(64, {"id": "bee-avond", "change": "Afgelasten"}, FORM, LABEL) == [
        "-  sequence: 1", "+  sequence: 2", "+  status: cancelled",
    ]  # fmt: skip
    # Registered today, so confirmed today: nothing to change, and it says so (no pull
    # request, no error).
    again = remote.submit(65, {"id": "b-vereniging", "confirm": "ja"},
                          "gegevens-bevestigen.yml", "gegevens-bevestigen")  # fmt: skip
    assert again.returncode == 0, again.stderr
    comment = next(c for c in remote.github()["comments"] if c["issue"] == 65)
    assert "Er hoeft niets te veranderen" in comment["body"]
    assert "wijziging/issue-65" not in git(remote.remote, "branch", "--list")
    # Taken off the site: the cancelled event stays, under the association's name.
    removed = step(66, {"id": "b-vereniging"}, "van-de-site-halen.yml", "van-de-site-halen")
    assert "-  - b-vereniging" in removed and "+  host: Bee Alumni" in removed
    assert "-- id: b-vereniging" in removed  # out of the associations
    assert len(uids) == 1  # one event, one UID, through all of it
    assert {s for n, s in statuses if n >= 64} == {"CANCELLED"}


def test_taking_an_association_off_keeps_the_archive_right(remote: Remote, tmp_path: Path) -> None:
    # a-academy organises 'najaar' (coming, with noorderlicht? no: alone) and 'voorjaar'.
    events = (
        EVENTS + "\n- id: oud\n  title: Oude avond\n  start: 2020-09-22\n  organizer: a-academy\n"
    )
    seed = tmp_path / "seed"
    (seed / "data" / "events.yaml").write_text(events, encoding="utf-8")
    git(seed, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "old")
    git(seed, "push", "--quiet", str(remote.remote), "main")
    result = remote.submit(71, {"id": "a-academy"}, "van-de-site-halen.yml", "van-de-site-halen")
    assert result.returncode == 0, result.stderr
    branch = "wijziging/issue-71"
    changed = remote.diff(branch)
    # Past: the name stays, as host. Coming: cancelled, also under the name.
    assert "-  organizer: a-academy" in changed and "+  host: A-Academy" in changed
    assert changed.count("+  status: cancelled") == 2  # najaar and voorjaar are still to come
    assert "a-academy" not in remote.events_on(branch)
    removed = git(remote.remote, "show", f"{branch}:data/removed.yaml")
    assert "id: a-academy" in removed and "name: A-Academy" in removed
    # The built site: the old address says what happened; no page links to a missing one.
    root = write_tree(tmp_path / "built", {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n"})
    for name in ("associations.yaml", "events.yaml", "removed.yaml"):
        text = git(remote.remote, "show", f"{branch}:data/{name}")
        write_tree(root, {f"data/{name}": text})
    built = mkdocs_build(root)
    assert built.returncode == 0, built.stderr  # --strict: every link resolves
    page = (root / "site" / "verenigingen" / "a-academy" / "index.html").read_text()
    assert "niet meer op deze site" in page
    old = (root / "site" / "agenda" / "oud" / "index.html").read_text()
    assert "A-Academy" in old and "verenigingen/a-academy/" not in old
