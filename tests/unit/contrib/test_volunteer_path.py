"""The volunteer's path against what the real GitHub does (issue #38): links fill only text
fields, intake keeps the data files in order whatever the entry's layout, reads Dutch dates,
answers every answer it cannot use in Dutch, and flags a change of editors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from test_changes import Remote

from conftest import ROOT, body, cli, git
from mbo_alumni.contrib.issue_form import read_form

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"

# The guide's layout: a blank line between entries, a nested block and the stamp last.
GUIDE_EVENTS = """\
# yaml-language-server: $schema=../schemas/events.schema.json

- id: najaar
  title: Najaarsavond
  start: '2027-11-02 17:00'
  end: '2027-11-02 19:00'
  organizer: a-academy
  location:
    name: Aula
    city: Tilburg

- id: voorjaar
  title: Voorjaarsbijeenkomst
  start: '2027-03-30 19:30'
  organizer: a-academy
  announced: 2026-10-01

- id: zomer
  title: Zomeravond
  start: 2027-07-01
"""


def test_every_issue_form_field_a_link_can_fill_is_text() -> None:
    """GitHub fills only input and textarea fields from a link; a dropdown id in the query
    opens the blank template. So no form the site links to has a dropdown, except where the
    site never sends it (the removal form's choice), and checkboxes are never sent."""
    for path in sorted(FORMS.glob("*.yml")):
        form = read_form(path)
        kinds = {f.id: f.kind for f in form.fields}
        dropdowns = [i for i, k in kinds.items() if k == "dropdown"]
        assert dropdowns in ([], ["future"]), (path.name, dropdowns)
        assert all("(id)" not in f.label for f in form.fields), path.name


@pytest.fixture
def guide(tmp_path: Path) -> Remote:
    remote = Remote(tmp_path)
    seed = tmp_path / "seed"
    (seed / "data" / "events.yaml").write_text(GUIDE_EVENTS, encoding="utf-8")
    git(seed, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "guide")
    git(seed, "push", "--quiet", str(remote.remote), "main")
    return remote


def _sorted_on(remote: Remote, branch: str, tmp: Path) -> int:
    work = tmp / f"sorted-{branch.replace('/', '-')}"
    git(tmp, "clone", "--quiet", "-b", branch, str(remote.remote), str(work))
    return cli("sort", "--check", "--data", str(work / "data")).returncode


@pytest.mark.parametrize(
    "answers",
    [
        {"id": "voorjaar", "change": "afgelasten"},  # a key added after the stamp
        {"id": "najaar", "change": "Afgelasten"},  # after a nested block
        {"id": "zomer", "description": "Neem iets lekkers mee."},  # after the last entry
        {"id": "najaar", "url": "https://www.school.nl/najaar"},
        {"id": "najaar", "location_address": "Schoolstraat 1"},  # inside the nested block
    ],
)
def test_intake_keeps_the_guides_layout_in_order(
    guide: Remote, tmp_path: Path, answers: dict[str, str]
) -> None:
    result = guide.submit(70, answers)
    assert result.returncode == 0, result.stderr
    assert "wijziging/issue-70" in git(guide.remote, "branch", "--list", "wijziging/*")
    assert _sorted_on(guide, "wijziging/issue-70", tmp_path) == 0
    text = guide.events_on("wijziging/issue-70")
    assert "\n\n- id: voorjaar" in text and "\n\n- id: zomer" in text  # the blank lines kept
    assert "\n\n\n" not in text and not text.endswith("\n\n")


def test_cancelling_reads_as_dutch_in_the_pull_request(guide: Remote) -> None:
    assert guide.submit(71, {"id": "voorjaar", "change": "afgelasten"}).returncode == 0
    (pull,) = guide.github()["pulls"]
    assert "- Status: bevestigd wordt afgelast" in pull["body"]
    assert "cancelled" not in pull["body"] and "(leeg)" not in pull["body"]
    (comment,) = guide.github()["comments"]
    assert "Dank je, je wijziging is in orde" in comment["body"]
    assert "Een beheerder van de site kijkt het na" in comment["body"]


@pytest.mark.parametrize(
    ("start", "written"),
    [("09-11-2027 17:00", "'2027-11-09 17:00'"), ("9-11-2027", "2027-11-09")],
)
def test_a_dutch_date_moves_the_event(guide: Remote, start: str, written: str) -> None:
    answers = {"id": "zomer", "start": start}
    assert guide.submit(72, answers).returncode == 0
    assert f"start: {written}" in guide.events_on("wijziging/issue-72")


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        ({"id": "zomer", "start": "2027-02-30"}, "deze datum bestaat niet"),
        ({"id": "zomer", "start": "30-02-2027"}, "deze datum bestaat niet"),
        ({"id": "najaar", "end": "2027-10-01 10:00"}, "vóór 'Nieuw begin'"),
    ],
)
def test_a_date_that_cannot_be_used_gets_a_dutch_answer(
    guide: Remote, answers: dict[str, str], said: str
) -> None:
    result = guide.submit(73, answers)
    assert result.returncode == 0, result.stderr
    (comment,) = guide.github()["comments"]
    assert said in comment["body"] and "Traceback" not in result.stderr
    assert "'start'" not in comment["body"] and "'end'" not in comment["body"]


def test_a_number_with_a_superscript_is_refused_in_dutch(tmp_path: Path) -> None:
    answers = {"id": "bee", "name": "Bee Alumni", "institution": "Testcollege",
               "city": "Utrecht", "province": "utrecht", "founded": "2015²"}  # fmt: skip
    form = str(FORMS / "vereniging-aanmelden.yml")
    result = cli("from-issue", "--form", form, "-", stdin=body("vereniging-aanmelden.yml", answers))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Veld 'Jaar van oprichting'" in result.stdout


def test_choices_typed_on_github_in_any_case_become_the_datas(tmp_path: Path) -> None:
    answers = {"id": "bee-borrel", "event_title": "Borrel", "start": "2027-01-05 20:00",
               "repeat_every": "Elke maand", "repeat_weekday": "Dinsdag",
               "repeat_week": "eerste", "repeat_count": "6", "status": "Onder voorbehoud",
               "location_name": "Café",
               "location_url": "https://meet.example.org/borrel"}  # fmt: skip
    form = str(FORMS / "evenement-aanmelden.yml")
    result = cli("from-issue", "--form", form, "-", stdin=body("evenement-aanmelden.yml", answers))
    assert result.returncode == 0, result.stdout + result.stderr
    (entry,) = yaml.safe_load(result.stdout)
    assert entry["repeat"] == {"every": "month", "weekday": "tuesday", "week": 1, "count": 6}
    assert entry["status"] == "tentative"
    # A link to join online makes it online; with a place beside it, hybrid.
    assert entry["location"] == {"name": "Café", "url": "https://meet.example.org/borrel",
                                 "online": True}  # fmt: skip


def test_a_change_of_editors_is_flagged_and_never_merges_by_itself(guide: Remote) -> None:
    answers = {"id": "a-academy", "editors_add": "@nieuwe-beheerder, vrijwilliger"}
    result = guide.submit(74, answers, "vereniging-wijzigen.yml", "vereniging-wijzigen")
    assert result.returncode == 0, result.stderr
    (pull,) = guide.github()["pulls"]
    flagged = "**Let op:** dit verandert beheerders (gebruikersnamen op GitHub)"
    assert flagged in pull["body"]
    assert "niet** een van de beheerders" in pull["body"]
    data = yaml.safe_load(git(guide.remote, "show", "wijziging/issue-74:data/associations.yaml"))
    assert data[0]["editors"] == ["nieuwe-beheerder", "vrijwilliger"]
    calls = (guide.tmp / "log").read_text(encoding="utf-8")
    assert '"pr", "create"' in calls and '"pr", "merge"' not in calls


def test_taking_off_an_editor_who_is_none_is_said_in_dutch(guide: Remote) -> None:
    answers = {"id": "a-academy", "editors_remove": "onbekend"}
    result = guide.submit(75, answers, "vereniging-wijzigen.yml", "vereniging-wijzigen")
    assert result.returncode == 0, result.stderr
    (comment,) = guide.github()["comments"]
    assert "onbekend is nu geen beheerder van deze vereniging" in comment["body"]


def test_a_title_of_only_emoji_is_refused_as_the_form_refuses_it() -> None:
    answers = {"id": "feest", "event_title": "🎉🎉", "start": "2027-05-01"}
    form = str(FORMS / "evenement-aanmelden.yml")
    result = cli("from-issue", "--form", form, "-", stdin=body("evenement-aanmelden.yml", answers))
    assert result.returncode == 1
    assert "Veld 'Titel': schrijf ook letters of cijfers" in result.stdout


def test_tracking_codes_leave_links_from_github_too() -> None:
    from mbo_alumni.contrib.answers import without_tracking

    assert without_tracking("https://x.nl/a?utm_source=fb&id=3&fbclid=Iw") == "https://x.nl/a?id=3"
    assert without_tracking("https://x.nl/a?utm_medium=x#b") == "https://x.nl/a#b"
    assert without_tracking("https://zoom.us/j/1?pwd=abc") == "https://zoom.us/j/1?pwd=abc"
    answers = {"id": "feest", "event_title": "Feest", "start": "2027-05-01",
               "url": "https://school.nl/feest?gclid=1&utm_campaign=x"}  # fmt: skip
    form = str(FORMS / "evenement-aanmelden.yml")
    result = cli("from-issue", "--form", form, "-", stdin=body("evenement-aanmelden.yml", answers))
    assert yaml.safe_load(result.stdout)[0]["url"] == "https://school.nl/feest"


def test_an_answer_intake_cannot_use_is_named_by_its_field(guide: Remote) -> None:
    result = guide.submit(76, {"id": "zomer", "start": "morgen", "url": "school.nl"})
    assert result.returncode == 0, result.stderr
    (comment,) = guide.github()["comments"]
    assert "- Veld 'Nieuw begin': geen geldige datum of tijd: 'morgen'" in comment["body"]
    assert "- Veld 'Nieuwe link voor informatie of aanmelden': 'school.nl'" in comment["body"]
    assert "Pas je bericht aan" in comment["body"]


# What GitHub reads as "close that issue on merge", and as a link (its documented keywords).
CLOSES = re.compile(r"(?i)\b(close[sd]?|fix(e[sd])?|resolve[sd]?)\s*:?\s+([\w.-]+/[\w.-]+)?#\d+")
LINKED = re.compile(r"\]\s*[(\[]")


def test_issue_text_closes_nothing_links_nothing_and_hides_nothing(tmp_path: Path) -> None:
    from remotes import Repo

    repo = Repo(tmp_path)
    name = "Bee fixes #1 and closes owner/repo#2 [klik](https://evil.example) @someone\U000e0041"
    answers = {"id": "bee-vereniging", "name": name, "institution": "Testcollege",
               "city": "Utrecht", "province": "Utrecht",
               "description": "Resolves: #3. Zie [hier](https://evil.example/login)."}  # fmt: skip
    assert repo.submit(80, body("vereniging-aanmelden.yml", answers), "vereniging").returncode == 0
    (pull,) = repo.github()["pulls"]
    log = git(repo.remote, "log", "--format=%B", "aanmelding/issue-80")
    for text in (pull["title"], pull["body"], log):
        assert [m.group(0) for m in CLOSES.finditer(text)] in ([], ["Closes #80"]), text
        assert not LINKED.search(text) and "\U000e0041" not in text and "@someone" not in text
    bad = {**answers, "email": "[alumni@school.nl](https://evil.example)"}
    assert repo.submit(81, body("vereniging-aanmelden.yml", bad), "vereniging").returncode == 0
    comment = next(c for c in repo.github()["comments"] if c["issue"] == 81)
    assert "geen geldig e-mailadres" in comment["body"] and not LINKED.search(comment["body"])
