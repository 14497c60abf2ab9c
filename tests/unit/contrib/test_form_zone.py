"""The issue forms' check reads times in the site's own zone (`timezone`), as validate and
the build do: a New York site's form accepts the valid 2027-03-28 02:30 (Amsterdam's spring
night) and refuses the non-existent 2027-03-14 02:30 (New York's)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT
from mbo_alumni.contrib.issue_form import problems, read_form

FORM = read_form(ROOT / ".github" / "ISSUE_TEMPLATE" / "evenement-aanmelden.yml")


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
