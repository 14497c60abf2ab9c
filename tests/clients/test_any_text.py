"""Text from all of Unicode: whatever `validate` accepts, the build builds, and the event's
page, the news feeds and the calendars parse (feedparser, icalendar, ical.js)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import feedparser
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from calendars import with_icaljs
from conftest import cli, mini_project, mkdocs_build

# Half from all of Unicode (mostly refused: controls, surrogates, separators), half without
# controls and surrogates, so that many examples reach the build.
_ANY, _VISIBLE = st.characters(), st.characters(exclude_categories=["Cc", "Cs"])
TEXT = st.one_of(st.text(_ANY, min_size=2, max_size=40), st.text(_VISIBLE, min_size=3, max_size=40))
LONG = st.one_of(st.text(_ANY, max_size=200), st.text(_VISIBLE, max_size=200))


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def data(name: str, title: str, description: str, place: str) -> dict[str, str]:
    # JSON is YAML: json.dumps writes each text as YAML reads it back (controls as escapes).
    return {
        "data/associations.yaml": (
            f"- id: a-alumni\n  name: {_yaml(name)}\n  institution: A College\n"
            "  city: Utrecht\n  province: Utrecht\n"
        ),
        "data/events.yaml": (
            f"- id: feest\n  title: {_yaml(title)}\n  start: '2027-05-01 19:30'\n"
            f"  organizer: a-alumni\n  description: {_yaml(description)}\n"
            f"  location:\n    name: {_yaml(place)}\n    city: Utrecht\n"
        ),
    }


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=TEXT, title=TEXT, description=LONG, place=TEXT)
def test_accepted_text_builds_and_parses(
    name: str, title: str, description: str, place: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = mini_project(Path(folder))()
        for path, text in data(name, title, description, place).items():
            # A lone surrogate cannot be UTF-8: written as the bytes an editor would save.
            (root / path).write_bytes(text.encode("utf-8", errors="surrogatepass"))
        checked = cli("validate", "--data", str(root / "data"), "--docs", str(root / "docs"))
        assert "Traceback" not in checked.stdout + checked.stderr
        if checked.returncode != 0:
            assert checked.returncode == 1 and ": error: " in checked.stdout
            event("refused")
            return
        event("accepted")
        built = mkdocs_build(root)
        assert built.returncode == 0, built.stderr
        site = root / "site"
        assert (site / "agenda" / "feest" / "index.html").is_file()
        for feed in ("agenda.rss.xml", "agenda.atom.xml"):
            parsed = feedparser.parse((site / feed).read_bytes())
            assert not parsed.bozo, (feed, parsed.bozo_exception)
            assert len(parsed.entries) == 1
        calendar = (site / "agenda.ics").read_bytes()
        (vevent,) = Calendar.from_ical(calendar).walk("VEVENT")
        assert str(vevent["UID"]).startswith("feest@")
        (read,) = with_icaljs(calendar)
        assert read["uid"] == str(vevent["UID"])
