"""`mbo-alumni from-issue` on input that is not a submitted form: exit 2 with a Dutch
message, never a traceback; the same size limit as intake; headings typed into an answer."""

from __future__ import annotations

from pathlib import Path

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
    smuggled = "Wij zijn er.\n\n### Korte naam voor het webadres (id)\n\nkaping"
    submitted = body("vereniging-aanmelden.yml", {**ANSWERS, "description": smuggled})
    result = cli("from-issue", "--form", FORM, "-", stdin=submitted)
    assert result.returncode == 1 and "Veld 'Beschrijving'" in result.stdout


def test_the_forms_dutch_status_becomes_the_datas_value() -> None:
    form = str(ROOT / ".github" / "ISSUE_TEMPLATE" / "evenement-aanmelden.yml")
    answers = {"id": "feest", "title": "Feest", "start": "2027-05-01", "status": "afgelast"}
    result = cli("from-issue", "--form", form, "-", stdin=body("evenement-aanmelden.yml", answers))
    assert result.returncode == 0, result.stdout
    assert "status: cancelled" in result.stdout and "title: Feest" in result.stdout
