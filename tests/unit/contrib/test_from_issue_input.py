"""`mbo-alumni from-issue` on input that is not a submitted form: exit 2 with a Dutch
message, never a traceback; the same size limit as intake; headings typed into an answer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from conftest import ROOT, body, cli

FORM = str(ROOT / ".github" / "ISSUE_TEMPLATE" / "vereniging-aanmelden.yml")
ANSWERS = {"id": "b-vereniging", "name": "Bee Alumni", "institution": "Testcollege",
           "city": "Utrecht", "province": "Utrecht"}  # fmt: skip


def test_a_latin_1_body_file(tmp_path: Path) -> None:
    latin = tmp_path / "body.txt"
    latin.write_bytes(
        body("vereniging-aanmelden.yml", {**ANSWERS, "city": "Zoë"}).encode("latin-1")
    )
    result = cli("from-issue", "--form", FORM, str(latin))
    assert result.returncode == 2 and "geen UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_form_file_that_is_not_a_form(tmp_path: Path) -> None:
    for text in ("- gewoon\n- een lijst\n", "name: x\nbody: 3\n", ": : :\n", ""):
        wrong = tmp_path / "form.yml"
        wrong.write_text(text, encoding="utf-8")
        result = cli("from-issue", "--form", str(wrong), "-", stdin="### Naam\n\nx\n")
        assert result.returncode == 2 and "geen issue-formulier" in result.stderr, text


def test_the_size_limit_of_intake() -> None:
    huge = body("vereniging-aanmelden.yml", {**ANSWERS, "description": "x" * 70_000})
    result = cli("from-issue", "--form", FORM, "-", stdin=huge)
    assert result.returncode == 2 and "te lang" in result.stderr


def test_a_heading_typed_into_an_answer() -> None:
    smuggled = "Wij zijn er.\n\n### Korte naam voor het webadres\n\nkaping"
    submitted = body("vereniging-aanmelden.yml", {**ANSWERS, "description": smuggled})
    result = cli("from-issue", "--form", FORM, "-", stdin=submitted)
    assert result.returncode == 1 and "Veld 'Beschrijving'" in result.stdout


def test_the_forms_dutch_status_becomes_the_datas_value() -> None:
    form = str(ROOT / ".github" / "ISSUE_TEMPLATE" / "evenement-aanmelden.yml")
    answers = {"id": "feest", "title": "Feest", "start": "2027-05-01", "status": "afgelast"}
    result = cli("from-issue", "--form", form, "-", stdin=body("evenement-aanmelden.yml", answers))
    assert result.returncode == 0, result.stdout
    assert "status: cancelled" in result.stdout and "title: Feest" in result.stdout


EVENT_FORM = str(ROOT / ".github" / "ISSUE_TEMPLATE" / "evenement-aanmelden.yml")
SERIES = {
    "id": "maandborrel", "title": "Maandborrel", "start": "2027-01-05 19:30",
    "end": "2027-01-05 21:30", "repeat_every": "elke maand", "repeat_weekday": "dinsdag",
    "repeat_week": "eerste", "repeat_until": "2027-06-30", "except": "2027-05-04",
    "cancelled": "2027-03-02",
}  # fmt: skip


def test_a_series_from_the_form_becomes_the_datas_rule() -> None:
    # "Herhaalt: elke maand, op de eerste dinsdag": the data's repeat, with its dates.
    result = cli(
        "from-issue", "--form", EVENT_FORM, "-", stdin=body("evenement-aanmelden.yml", SERIES)
    )
    assert result.returncode == 0, result.stdout
    (entry,) = yaml.safe_load(result.stdout)
    assert entry["repeat"] == {
        "every": "month", "weekday": "tuesday", "week": 1, "until": date(2027, 6, 30)
    }  # fmt: skip
    assert entry["except"] == [date(2027, 5, 4)] and entry["cancelled"] == [date(2027, 3, 2)]


def test_a_series_from_the_form_with_a_day_it_does_not_have() -> None:
    answers = {**SERIES, "repeat_week": "laatste", "repeat_count": "6"}
    result = cli(
        "from-issue", "--form", EVENT_FORM, "-", stdin=body("evenement-aanmelden.yml", answers)
    )
    assert result.returncode == 1
    assert (
        "Veld 'Hoe vaak in totaal': 'Herhaalt tot en met' en 'Hoe vaak in totaal' samen kan niet"
        in result.stdout
    )
