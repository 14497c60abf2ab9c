"""Hostile and implausible data: `validate` refuses each case with exit 1, on the line where
the mistake is (lines counted as editors count them), in Dutch, and never with a traceback."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hostile_cases import CASES, Case

from conftest import validate

LOCATION = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): error: (?P<message>.+)$")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_validate_refuses_on_the_right_line(case: Case, tmp_path: Path) -> None:
    (tmp_path / "associations.yaml").write_text(case.associations, encoding="utf-8")
    (tmp_path / "events.yaml").write_text(case.events, encoding="utf-8")
    started = time.perf_counter()
    result = validate(tmp_path)
    assert time.perf_counter() - started < 30  # bounded: no input makes validate crawl
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    found = [m.groupdict() for m in map(LOCATION.match, result.stdout.splitlines()) if m]
    assert found, result.stdout
    wanted = [
        f for f in found
        if Path(f["file"]).name == case.file and int(f["line"]) == case.line
    ]  # fmt: skip
    assert wanted, (case.line, found)
    assert any(case.words in f["message"] for f in wanted), wanted
    for problem in found:  # Dutch, never PyYAML's or pydantic's English
        assert not re.search(r"\b(the|is not|unacceptable|invalid|must be)\b", problem["message"])


def test_forbidden_characters_are_found_where_editors_show_them() -> None:
    from mbo_alumni.source.characters import forbidden_positions

    text = "a\r\nb\rc\nd\x0ce\u2028"
    assert list(forbidden_positions(text)) == [(4, 2, "\x0c"), (4, 4, "\u2028")]


def test_a_dutch_status_gets_a_did_you_mean(tmp_path: Path) -> None:
    (tmp_path / "associations.yaml").write_text("[]\n", encoding="utf-8")
    for word in ("afgelast", "geannuleerd", "gaat niet door"):
        events = f"- id: feest\n  title: Feest\n  start: 2027-05-01\n  status: {word}\n"
        (tmp_path / "events.yaml").write_text(events, encoding="utf-8")
        result = validate(tmp_path)
        assert result.returncode == 1 and "events.yaml:4:" in result.stdout
        assert "bedoel je 'cancelled'?" in result.stdout, result.stdout
