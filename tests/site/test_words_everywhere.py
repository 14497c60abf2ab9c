"""A site's wording file renames words, and every output says the new word: the event page,
a series' page, the month page, the embed, the calendar and the news feed. (The catalogue is
plugins/mbo_alumni/wording/nl.yaml; a site overrides keys with the `wording` option.)"""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup

from conftest import MKDOCS_YML, mini_project, mkdocs_build

WORDS = """\
status.cancelled: Geannuleerd
status.moved: Verschoven
notice.cancelled: Deze avond vervalt.
"""
EVENTS = """\
- id: borrel
  title: Maandborrel
  start: 2027-01-05 20:00
  end: 2027-01-05 22:00
  organizer: a-academy
  location: {city: Tilburg}
  repeat: {every: month, weekday: tuesday, week: 1, count: 4}
  cancelled: [2027-02-02]
  moved: [{date: 2027-03-02, start: 2027-03-03 20:00, end: 2027-03-03 22:00}]
- id: gala
  title: Gala
  start: 2027-01-20 19:00
  organizer: a-academy
  location: {city: Breda}
  status: cancelled
"""


def text(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    words = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    return re.sub(r" ([:,.])", r"\1", words)


def test_renamed_words_reach_every_output(tmp_path: Path) -> None:
    yml = MKDOCS_YML.replace("  - mbo-alumni\n", "  - mbo-alumni:\n      wording: woorden.yml\n")
    root = mini_project(tmp_path)({"mkdocs.yml": yml, "woorden.yml": WORDS,
                                   "data/events.yaml": EVENTS})  # fmt: skip
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    gala = text(site, "agenda/gala")
    assert "Geannuleerd. Deze avond vervalt." in gala and "Afgelast" not in gala
    series = text(site, "agenda/borrel")
    assert "dinsdag 2 februari 2027, 20.00–22.00 uur: geannuleerd" in series
    month = text(site, "agenda/maand/2027-03")
    assert "Verschoven" in month and "Verplaatst" not in month
    embed = text(site, "embed/a-academy")
    assert "Geannuleerd" in embed and "Verschoven" in embed
    calendar = (site / "agenda.ics").read_text(encoding="utf-8")
    assert "SUMMARY:Geannuleerd: Gala" in calendar and "Afgelast" not in calendar
    feed = feedparser.parse((site / "agenda.atom.xml").read_bytes())
    (entry,) = [e for e in feed.entries if e.title.endswith("Gala")]
    assert "Geannuleerd" in entry.title + entry.summary
