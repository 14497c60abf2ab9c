"""The issue forms' check reads times in the site's own zone (`timezone`), as validate and
the build do: a New York site's form accepts the valid 2027-03-28 02:30 (Amsterdam's spring
night) and refuses the non-existent 2027-03-14 02:30 (New York's)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import MKDOCS_YML, ROOT, body, cli, mini_project
from mbo_alumni.contrib.issue_form import problems, read_form

FORM_FILE = ROOT / ".github" / "ISSUE_TEMPLATE" / "evenement-aanmelden.yml"
FORM = read_form(FORM_FILE)


def event(start: str) -> dict[str, object]:
    return {"id": "avond", "title": "Avond", "start": start, "organizer": ["a-academy"],
            "location": {"city": "Utrecht"}}  # fmt: skip


@pytest.mark.parametrize(
    ("zone", "start", "refused"),
    [
        ("America/New_York", "2027-03-28 02:30", False),
        ("America/New_York", "2027-03-14 02:30", True),
        ("Europe/Amsterdam", "2027-03-28 02:30", True),
        ("Europe/Amsterdam", "2027-03-14 02:30", False),
    ],
)
def test_a_time_is_checked_in_the_sites_zone(zone: str, start: str, refused: bool) -> None:
    found = problems(event(start), FORM, {"a-academy"}, None, ZoneInfo(zone))
    assert bool([m for m in found if "bestaat niet" in m]) is refused, found


@pytest.mark.parametrize(("start", "refused"), [("2027-03-14 02:30", True),
                                                 ("2027-03-28 02:30", False)])  # fmt: skip
def test_from_issue_checks_in_the_sites_zone(tmp_path: Path, start: str, refused: bool) -> None:
    # `mbo-alumni from-issue` reads the site's `timezone` from its mkdocs.yml, as intake does.
    yml = MKDOCS_YML.replace(
        "  - mbo-alumni\n", "  - mbo-alumni:\n      timezone: America/New_York\n"
    )
    root = mini_project(tmp_path)({"mkdocs.yml": yml})
    answers = {"id": "avond", "title": "Avond", "start": start, "organizer": "a-academy"}
    result = cli("from-issue", "--config", str(root / "mkdocs.yml"), "--form", str(FORM_FILE), "-",
                 stdin=body("evenement-aanmelden.yml", answers))  # fmt: skip
    assert (result.returncode == 1 and "bestaat niet" in result.stdout) is refused, result.stdout
    assert (result.returncode == 0) is not refused
