"""From a submitted issue form to a pull request, without GitHub: the `aanmelding` workflow's
one step (`mbo-alumni intake`) against recorded event payloads, a real bare git repository as
the remote, and a `gh` stand-in on PATH that records every call."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import body
from mbo_alumni.contrib.intake import MARKER
from remotes import Repo


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path)


ASSOCIATION = {
    "id": "b-vereniging",
    "name": "Bee Alumni",
    "institution": "Testcollege",
    "city": "Utrecht",
    "province": "Utrecht",
    "email": "alumni@example.org",
}


def test_a_valid_form_becomes_one_pull_request_in_id_order(repo: Repo) -> None:
    result = repo.submit(7, body("vereniging-aanmelden.yml", ASSOCIATION), "vereniging")
    assert result.returncode == 0, result.stderr
    assert "aanmelding/issue-7" in repo.branches()
    data = yaml.safe_load(repo.branch_file("aanmelding/issue-7", "data/associations.yaml"))
    assert [a["id"] for a in data] == ["a-academy", "b-vereniging", "noorderlicht"]
    added = data[1]
    assert added["name"] == "Bee Alumni" and added["province"] == "Utrecht"
    assert str(added["checked"]) == "2026-11-18"  # the day of SOURCE_DATE_EPOCH
    (pull,) = repo.github()["pulls"]
    assert (pull["head"], pull["base"]) == ("aanmelding/issue-7", "main")
    assert pull["title"] == "Nieuwe vereniging: Bee Alumni"
    assert "Closes #7" in pull["body"] and "## Checklist" in pull["body"]
    (comment,) = repo.github()["comments"]
    assert MARKER in comment["body"] and pull["url"].rsplit("/", 1)[1] in comment["body"]
    assert repo.github()["dispatches"] == [{"workflow": "check.yml", "ref": "aanmelding/issue-7"}]
    # main is untouched: only the pull request proposes the change.
    assert "b-vereniging" not in repo.branch_file("main", "data/associations.yaml")


def test_editing_the_issue_updates_the_same_pull_request(repo: Repo) -> None:
    repo.submit(7, body("vereniging-aanmelden.yml", ASSOCIATION), "vereniging")
    renamed = {**ASSOCIATION, "name": "Bee Alumni Utrecht"}
    result = repo.submit(7, body("vereniging-aanmelden.yml", renamed), "vereniging", "edited")
    assert result.returncode == 0, result.stderr
    (pull,) = repo.github()["pulls"]  # never a second one
    assert pull["title"] == "Nieuwe vereniging: Bee Alumni Utrecht"
    assert "Bee Alumni Utrecht" in repo.branch_file("aanmelding/issue-7", "data/associations.yaml")
    assert len(repo.github()["comments"]) == 1
    log = [json.loads(line)["args"][:2] for line in repo.log.read_text().splitlines()]
    assert log.count(["pr", "create"]) == 1 and log.count(["pr", "edit"]) == 1


def test_an_invalid_form_gets_one_comment_by_field_updated_on_edit(repo: Repo) -> None:
    wrong = {**ASSOCIATION, "id": "Bee Vereniging", "email": "geen-adres", "province": "Brabant"}
    result = repo.submit(8, body("vereniging-aanmelden.yml", wrong), "vereniging")
    assert result.returncode == 0, result.stderr
    (comment,) = repo.github()["comments"]
    text = comment["body"]
    assert "Nog niet helemaal in orde" in text
    assert "Veld 'Korte naam voor het webadres'" in text
    assert "Veld 'Algemeen e-mailadres': 'geen-adres' is geen geldig e-mailadres" in text
    assert "Veld 'Provincie': 'Brabant' is geen provincie; bedoel je 'Noord-Brabant'?" in text
    assert "sign" not in text  # only Dutch reaches the volunteer
    assert repo.branches() == ["main"] and not repo.github()["pulls"]
    still = {**ASSOCIATION, "id": "bee-vereniging", "email": "geen-adres"}
    repo.submit(8, body("vereniging-aanmelden.yml", still), "vereniging", "edited")
    (comment,) = repo.github()["comments"]  # the same comment, updated
    assert (
        "Korte naam voor het webadres'" not in comment["body"] and "geen-adres" in comment["body"]
    )
    repo.submit(8, body("vereniging-aanmelden.yml", ASSOCIATION), "vereniging", "edited")
    (comment,) = repo.github()["comments"]
    assert "in orde" in comment["body"] and "Nog niet" not in comment["body"]


@pytest.mark.parametrize(
    ("form", "label", "answers", "words"),
    [
        ("vereniging-aanmelden.yml", "vereniging", {**ASSOCIATION, "id": "a-academy"},
         "er staat al een vereniging met korte naam 'a-academy'"),
        ("evenement-aanmelden.yml", "evenement",
         {"id": "najaar", "title": "Najaar", "start": "2027-10-12", "organizer": "onbekend"},
         "geen vereniging met korte naam 'onbekend'"),
        ("evenement-aanmelden.yml", "evenement",
         {"id": "voorjaar", "title": "Nog eens", "start": "2027-10-12"},
         "er staat al een bijeenkomst met korte naam 'voorjaar'"),
    ],
)  # fmt: skip
def test_problems_against_the_whole_data_set(
    repo: Repo, form: str, label: str, answers: dict[str, str], words: str
) -> None:
    assert repo.submit(9, body(form, answers), label).returncode == 0
    (comment,) = repo.github()["comments"]
    assert words in comment["body"]
    assert not repo.github().get("pulls")


def test_an_event_form_becomes_a_pull_request(repo: Repo) -> None:
    answers = {"id": "najaar", "title": "Najaarsavond", "start": "2027-10-12 19:30",
               "organizer": "a-academy, noorderlicht", "location_name": "Aula",
               "location_city": "Tilburg"}  # fmt: skip
    assert repo.submit(10, body("evenement-aanmelden.yml", answers), "evenement").returncode == 0
    data = yaml.safe_load(repo.branch_file("aanmelding/issue-10", "data/events.yaml"))
    assert [e["id"] for e in data] == ["najaar", "oud", "voorjaar"]
    assert data[0]["organizer"] == ["a-academy", "noorderlicht"]
    assert repo.github()["pulls"][0]["title"] == "Nieuwe bijeenkomst: Najaarsavond"


def test_hostile_text_stays_text(repo: Repo, tmp_path: Path) -> None:
    canary = tmp_path / "pwned"
    text = (
        f"$(touch {canary}) `touch {canary}` ${{{{ github.token }}}} "
        f"'; touch {canary}; echo ' && rm -rf / \"quoted\""
    )
    answers = {**ASSOCIATION, "description": text, "name": "Bee $(id) `whoami`"}
    result = repo.submit(11, body("vereniging-aanmelden.yml", answers), "vereniging")
    assert result.returncode == 0, result.stderr
    assert not canary.exists()
    data = yaml.safe_load(repo.branch_file("aanmelding/issue-11", "data/associations.yaml"))
    added = next(a for a in data if a["id"] == "b-vereniging")
    assert added["description"] == text and added["name"] == "Bee $(id) `whoami`"
    assert repo.github()["pulls"][0]["title"] == "Nieuwe vereniging: Bee $(id) `whoami`"


def test_a_one_megabyte_paste_is_refused_politely(repo: Repo) -> None:
    answers = {**ASSOCIATION, "description": "x" * 1_000_000}
    result = repo.submit(12, body("vereniging-aanmelden.yml", answers), "vereniging")
    assert result.returncode == 0, result.stderr
    (comment,) = repo.github()["comments"]
    assert "te lang" in comment["body"] and len(comment["body"]) < 2000
    assert repo.branches() == ["main"]


def test_an_issue_without_a_form_label_is_left_alone(repo: Repo) -> None:
    result = repo.submit(13, "Een vraag over de site", "vraag")
    assert result.returncode == 0 and "niets te doen" in result.stdout
    assert not repo.github() and not repo.log.exists()


def test_a_heading_typed_into_an_answer_is_refused_by_field(repo: Repo) -> None:
    # "### Korte naam ..." inside the description would otherwise override the id field
    # and cut the description short.
    smuggled = "Wij zijn er.\n\n### Korte naam voor het webadres\n\nkaping"
    answers = {**ASSOCIATION, "description": smuggled}
    assert repo.submit(14, body("vereniging-aanmelden.yml", answers), "vereniging").returncode == 0
    (comment,) = repo.github()["comments"]
    assert "Veld 'Beschrijving'" in comment["body"] and "'### '" in comment["body"]
    assert repo.branches() == ["main"]


def test_control_characters_from_an_issue_never_reach_a_pull_request(repo: Repo) -> None:
    answers = {**ASSOCIATION, "description": "Welkom\f bij\0 ons"}
    assert repo.submit(15, body("vereniging-aanmelden.yml", answers), "vereniging").returncode == 0
    (comment,) = repo.github()["comments"]
    assert "Veld 'Beschrijving'" in comment["body"] and "U+000C" in comment["body"]
    assert repo.branches() == ["main"]


def test_mentions_and_images_from_an_issue_are_neutralised(repo: Repo) -> None:
    name = "@octocat ![x](https://tracker.example/p.gif)"
    result = repo.submit(16, body("vereniging-aanmelden.yml", {**ASSOCIATION, "name": name}),
                         "vereniging")  # fmt: skip
    assert result.returncode == 0, result.stderr
    (pull,) = repo.github()["pulls"]
    for text in (pull["title"], pull["body"]):
        assert "@octocat" not in text and "![" not in text and "@\u2060octocat" in text
    wrong = {**ASSOCIATION, "id": "c-vereniging", "website": "@octocat <img src=x>"}
    repo.submit(17, body("vereniging-aanmelden.yml", wrong), "vereniging")
    comment = next(c for c in repo.github()["comments"] if c["issue"] == 17)
    assert "@octocat" not in comment["body"] and "<img" not in comment["body"]


def test_an_event_for_an_association_under_review_is_stacked_on_it(repo: Repo) -> None:
    # The volunteer listed the association (issue 51, pull request still open), then its
    # event (issue 52): it is not refused, and nobody is asked to submit twice.
    assert (
        repo.submit(51, body("vereniging-aanmelden.yml", ASSOCIATION), "vereniging").returncode == 0
    )
    event = {"id": "bee-borrel", "title": "Bee-borrel", "start": "2027-06-01 19:00",
             "organizer": "b-vereniging"}  # fmt: skip
    result = repo.submit(52, body("evenement-aanmelden.yml", event), "evenement")
    assert result.returncode == 0, result.stderr
    association_pull, event_pull = repo.github()["pulls"]
    assert event_pull["head"] == "aanmelding/issue-52"
    assert event_pull["base"] == "aanmelding/issue-51"  # stacked on the association's request
    assert f"#{association_pull['number']}" in event_pull["body"]
    comment = next(c for c in repo.github()["comments"] if c["issue"] == 52)
    assert "in orde" in comment["body"] and "nog in behandeling" in comment["body"]
    # The event's branch has both the association and the event; main has neither yet.
    events = yaml.safe_load(repo.branch_file("aanmelding/issue-52", "data/events.yaml"))
    associations = yaml.safe_load(repo.branch_file("aanmelding/issue-52", "data/associations.yaml"))
    assert "bee-borrel" in [e["id"] for e in events]
    assert "b-vereniging" in [a["id"] for a in associations]
    assert "b-vereniging" not in repo.branch_file("main", "data/associations.yaml")


def test_an_unknown_association_is_still_refused(repo: Repo) -> None:
    event = {"id": "bee-borrel", "title": "Bee-borrel", "start": "2027-06-01 19:00",
             "organizer": "nergens"}  # fmt: skip
    assert repo.submit(53, body("evenement-aanmelden.yml", event), "evenement").returncode == 0
    (comment,) = repo.github()["comments"]
    assert "geen vereniging met korte naam 'nergens'" in comment["body"]
