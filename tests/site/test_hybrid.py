"""A hybrid event (a place and `online: true`) shows its venue and its link wherever an event
is shown (issue #42, point 6): it used to say only "Online: <url>" everywhere but the hidden
JSON-LD, so someone coming in person could not find the venue."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import mf2py
import pytest
from icalendar import Calendar

from conftest import ASSOCIATIONS, MKDOCS_YML, mkdocs_build, write_tree

pytestmark = pytest.mark.slow

EVENTS = """\
- id: hybride
  title: Hybride avond
  start: '2027-05-11 19:30'
  end: '2027-05-11 21:30'
  organizer: a-academy
  location:
    name: Aula
    address: Schoolstraat 1
    city: Tilburg
    online: true
    url: https://meet.example.org/avond
"""


def test_the_venue_and_the_link_everywhere(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n",
                                 "data/associations.yaml": ASSOCIATIONS,
                                 "data/events.yaml": EVENTS})  # fmt: skip
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    for calendar in ("agenda.ics", "agenda-a-academy.ics", "agenda/hybride.ics"):
        (event,) = Calendar.from_ical((site / calendar).read_bytes()).walk("VEVENT")
        location = str(event["LOCATION"])
        assert location.startswith("Aula, Schoolstraat 1, Tilburg"), (calendar, location)
        assert "https://meet.example.org/avond" in location
        assert str(event["CONFERENCE"]) == "https://meet.example.org/avond"
    page = (site / "agenda" / "hybride" / "index.html").read_text(encoding="utf-8")
    parsed = mf2py.parse(doc=page, url="https://alumni.test/agenda/hybride/")
    (item,) = [i for i in parsed["items"] if "h-event" in i["type"]]
    (where,) = item["properties"]["location"]
    assert "Aula, Schoolstraat 1, Tilburg" in where and "meet.example.org" in where
    google = next(
        a.split('"')[0] for a in page.split('href="')[1:] if a.startswith("https://calendar.google")
    )
    assert parse_qs(urlsplit(google.replace("&amp;", "&")).query)["location"][0].startswith(
        "Aula, Schoolstraat 1, Tilburg"
    )
    listing = (site / "agenda" / "index.html").read_text(encoding="utf-8")
    assert "Aula, Tilburg en online" in listing
    embed = (site / "embed" / "a-academy" / "index.html").read_text(encoding="utf-8")
    assert "Aula, Schoolstraat 1, Tilburg (ook online" in embed


def test_an_association_without_a_website_has_an_h_card_url(tmp_path: Path) -> None:
    """Issue #43, point 4: its h-card had no URL at all; now its page on this site."""
    root = write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n",
                                 "data/associations.yaml": ASSOCIATIONS,
                                 "data/events.yaml": EVENTS})  # fmt: skip
    assert mkdocs_build(root).returncode == 0
    page = (root / "site" / "verenigingen" / "a-academy" / "index.html").read_text("utf-8")
    parsed = mf2py.parse(doc=page, url="https://alumni.test/verenigingen/a-academy/")
    (card,) = [i for i in parsed["items"] if "h-card" in i["type"]]
    assert card["properties"]["url"] == ["https://alumni.test/verenigingen/a-academy/"]
