"""What `validate` accepts, the build builds (issue #39, point 3): each of these passed
`validate` and then crashed the build with a traceback, or made month pages up to 9999. Now
each is refused on its own line, in Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ASSOCIATIONS, validate, write_tree

CASES = {
    "every-occurrence-skipped": (
        "- id: borrel\n  title: Borrel\n  start: '2027-01-05 20:00'\n"
        "  repeat: {every: week, count: 2}\n  except: [2027-01-05, 2027-01-12]\n",
        5,
        "er blijft geen keer over",
    ),
    "count-past-the-year-9999": (
        "- id: reunie\n  title: Reünie\n  start: 2027-06-01\n"
        "  repeat: {every: year, interval: 50, count: 200}\n",
        4,
        "een reeks duurt hoogstens 5 jaar",
    ),
    "count-past-five-years": (
        "- id: jaarlijks\n  title: Jaarlijkse reünie\n  start: 2027-06-01\n"
        "  repeat: {every: year, count: 8}\n",
        4,
        "met 'count' 8 duurt ze langer",
    ),
    # An output bomb within the old limits: 60 events, each listing all 500 associations and a
    # 40 KB description, built a 3.1 GB site. Each organiser's page, feed and embed repeats it.
    "too-many-organisers": (
        "- id: groot\n  title: Groot feest\n  start: 2027-06-01\n  organizer: ["
        + ", ".join(f"v{n}" for n in range(21))
        + "]\n",
        4,
        "hoogstens 20 verenigingen bij 'organizer'",
    ),
    "description-too-long": (
        "- id: lang\n  title: Lang verhaal\n  start: 2027-06-01\n  description: "
        + "x" * 5001
        + "\n",
        4,
        "5000",
    ),
    # Issue #42, points 3 and 4: calendars repeat a series in local time.
    "series-in-the-missing-hour": (
        "- id: nacht\n  title: Nachtwandeling\n  start: '2027-03-14 02:30'\n"
        "  repeat: {every: week, count: 4}\n",
        4,
        "de keer van 2027-03-28 om 02:30 bestaat die nacht niet",
    ),
    "series-in-the-doubled-hour": (
        "- id: nacht\n  title: Nachtwandeling\n  start: '2026-10-25 02:30+01:00'\n"
        "  repeat: {every: week, count: 3}\n",
        4,
        "de keer van 2026-10-25 om 02:30 bestaat die nacht twee keer",
    ),
    "timed-before-1937": (
        "- id: oud\n  title: Oude bijeenkomst\n  start: '1930-05-01 19:30'\n",
        3,
        "verschil met UTC in seconden",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_refused_on_its_line(tmp_path: Path, case: str) -> None:
    events, line, words = CASES[case]
    data = write_tree(tmp_path / "data", {"associations.yaml": ASSOCIATIONS,
                                          "events.yaml": events})  # fmt: skip
    result = validate(data)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    found = [row for row in result.stdout.splitlines() if words in row]
    assert found and found[0].startswith(f"{data / 'events.yaml'}:{line}:"), result.stdout


def test_an_all_day_event_before_1937_is_still_fine(tmp_path: Path) -> None:
    events = "- id: oud\n  title: Oude bijeenkomst\n  start: 1930-05-01\n"
    data = write_tree(tmp_path / "data", {"associations.yaml": ASSOCIATIONS,
                                          "events.yaml": events})  # fmt: skip
    assert validate(data).returncode == 0


def test_a_decomposed_accent_is_the_same_text(tmp_path: Path) -> None:
    """NFD 'Fryslân' (a combining circumflex) was refused as "bedoel je 'Fryslân'?"."""
    decomposed = "Frysla\u0302n"
    associations = ASSOCIATIONS.replace("province: Friesland", f"province: {decomposed}")
    assert decomposed in associations
    data = write_tree(tmp_path / "data", {"associations.yaml": associations,
                                          "events.yaml": "[]\n"})  # fmt: skip
    result = validate(data)
    assert result.returncode == 0, result.stdout
