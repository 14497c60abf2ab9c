"""A site's wording file renames words, and every output says the new word: the event page,
a series' page, the month page, the embed, the calendar and the news feed. (The catalogue is
plugins/mbo_alumni/wording/nl.yaml; a site overrides keys with the `wording` option.)"""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup

from conftest import MKDOCS_YML, copy_project, mini_project, mkdocs_build

WORDS = """\
status.cancelled: Geannuleerd
status.moved: Verschoven
notice.cancelled: Deze avond vervalt.
repeat.count: "{count} avonden"
repeat.week.1: allereerste
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
    assert "Elke allereerste dinsdag van de maand, 20.00–22.00 uur, 4 avonden" in series
    month = text(site, "agenda/maand/2027-03")
    assert "Verschoven" in month and "Verplaatst" not in month
    embed = text(site, "embed/a-academy")
    assert "Geannuleerd" in embed and "Verschoven" in embed
    calendar = (site / "agenda.ics").read_text(encoding="utf-8")
    assert "SUMMARY:Geannuleerd: Gala" in calendar and "Afgelast" not in calendar
    feed = feedparser.parse((site / "agenda.atom.xml").read_bytes())
    (entry,) = [e for e in feed.entries if e.title.endswith("Gala")]
    assert "Geannuleerd" in entry.title + entry.summary


MORE_WORDS = """\
status.cancelled: Geannuleerd
event.where: Locatie
place.online: "Digitaal via {url}"
embed.subscribe: Volg {name} in je agenda
form.check: Nakijken
form.required: Dit mag niet leeg blijven.
association.school: Onderwijsinstelling
subscribe.title: Volgen
list.online: digitaal
agenda.soon: Straks
month.all: Elke maand
directory.show: Laat zien
events.title: Activiteiten
directory.all: Naar alle verenigingen
copy.address: Adres kopiëren
directory.found: "{count} gevonden."
check.series.both: Kies een einddatum of een aantal, niet allebei.
chart.regions: "Verenigingen per {region}: {listed}."
"""


def real_site_with_words(tmp_path: Path, words: str, events: str) -> Path:
    """Build this repository's site (its home and join pages) with these events and a
    wording file; return the built folder."""
    root = copy_project(tmp_path / "site-src", events=events)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      data_dir: data\n", "      data_dir: data\n      wording: woorden.yml\n"),
        encoding="utf-8")  # fmt: skip
    (root / "woorden.yml").write_text(words, encoding="utf-8")
    result = mkdocs_build(root, REPO_URL="https://github.com/mbo/alumni")
    assert result.returncode == 0, result.stderr
    return root / "site"


ONLINE = """\
- id: webinar
  title: Webinar
  start: 2027-01-20 19:00
  organizer: a-academy
  location: {online: true, url: 'https://meet.example.org/w'}
  status: cancelled
"""


def test_words_of_the_page_the_place_the_embed_and_the_forms(tmp_path: Path) -> None:
    # Issue #40: each renamed word on the page, in the calendar, the feed, the embed and the
    # forms (the form page's own words, and what its script says, handed over in its rules).
    site = real_site_with_words(tmp_path, MORE_WORDS, ONLINE)  # the real site: its join page
    page = text(site, "agenda/webinar")
    assert "Locatie" in page and "Waar" not in page and "Geannuleerd" in page
    calendar = (site / "agenda.ics").read_text(encoding="utf-8")
    assert "LOCATION:Digitaal via https://meet.example.org/w" in calendar
    assert "SUMMARY:Geannuleerd: Webinar" in calendar
    feed = feedparser.parse((site / "agenda.atom.xml").read_bytes())
    (entry,) = [e for e in feed.entries if e.title.endswith("Webinar")]
    assert "Digitaal via https://meet.example.org/w" in entry.content[0].value
    embed = text(site, "embed/a-academy")
    assert "Volg A-Academy in je agenda" in embed and "Digitaal via" in embed
    association = text(site, "verenigingen/a-academy")
    assert "Onderwijsinstelling" in association and "Volgen" in association
    agenda = text(site, "agenda")
    assert "· digitaal" in agenda and "Straks" in agenda and "Binnenkort" not in agenda
    assert "Elke maand" in text(site, "agenda/maand/2027-01")
    assert "Laat zien" in text(site, "verenigingen")
    assert "Activiteiten" in association and "Naar alle verenigingen" in association
    agenda_html = (site / "agenda" / "index.html").read_text(encoding="utf-8")
    assert 'data-mbo-copy="Adres kopiëren"' in agenda_html  # the script's copy button
    directory_html = (site / "verenigingen" / "index.html").read_text(encoding="utf-8")
    assert 'data-found="{count} gevonden."' in directory_html  # the filter's status
    province = text(site, "provincies/noord-brabant")
    assert "Activiteiten" in province and "Naar alle verenigingen" in province
    forms = (site / "meedoen" / "index.html").read_text(encoding="utf-8")
    assert ">Nakijken</button>" in forms and ">Controleren<" not in forms
    rules = BeautifulSoup(forms, "html.parser").find(id="mbo-join-rules")
    assert rules is not None and "Dit mag niet leeg blijven." in rules.get_text()
    assert "Kies een einddatum of een aantal, niet allebei." in rules.get_text()
    assert "Verenigingen per provincie: " in text(site, "verenigingen")  # the map's caption


def test_the_form_script_says_nothing_of_its_own() -> None:
    # What mbo-join.js says comes from the catalogue (form.*): none of it is written in it.
    import yaml

    from conftest import ROOT

    package = ROOT / "plugins" / "mbo_alumni"
    catalogue = yaml.safe_load((package / "wording" / "nl.yaml").read_text(encoding="utf-8"))
    for name, prefixes in (("mbo-join.js", ("form.",)), ("mbo-alumni.js", ("copy.", "directory."))):
        script = (package / "assets" / name).read_text(encoding="utf-8")
        for key, words in catalogue.items():
            if key.startswith(prefixes) and "{" not in words:
                assert words not in script, (name, key)


SENTENCES = """\
home.look: "**Neem een kijkje.** De [verenigingen]({directory}) en de [thema's]({themes})."
home.count.one: Op de lijst staat {count} club.
home.count.other: Op de lijst staan {count} clubs.
add.copy: Dit is een momentopname.
add.follow_organisers: "Volg {organisers} of [alles]({agenda})."
series.later.other: Nog {count} avonden tot {day}; [alle avonden]({ics}).
subscribe.help.google.how: Ga naar *Instellingen* en plak het adres. <script>x</script>
association.edit: "[Aanpassen]({change}) · [Bestand]({file})"
region.join: "[Aanmelden]({form}) kan altijd, ook voor {region}."
"""


def test_a_sites_sentences_keep_their_links_and_nothing_else_of_the_markup(tmp_path: Path) -> None:
    # Issue #40: the longer texts with links in them come from the catalogue too; a site
    # rewrites them and moves the links, but its words cannot add markup of their own.
    long_series = EVENTS.replace("count: 4", "count: 24")  # more than its page lists
    site = real_site_with_words(tmp_path, SENTENCES, long_series)  # the real site: its home

    def soup(page: str) -> BeautifulSoup:
        return BeautifulSoup((site / page / "index.html").read_text("utf-8"), "html.parser")

    home = soup("")
    way = home.select_one(".mbo-ways li")
    assert way is not None and way.strong is not None and way.strong.text == "Neem een kijkje."
    assert [(a.text, a["href"]) for a in way.find_all("a")] == [
        ("verenigingen", "verenigingen/"), ("thema's", "themas/")]  # fmt: skip
    assert re.search(r"Op de lijst (staat 1 club|staan \d+ clubs)\.", text(site, ""))
    borrel = soup("agenda/borrel")
    later = next(p for p in borrel.find_all("p") if p.text.startswith("Nog "))
    assert later.a is not None and later.a.text == "alle avonden" and later.a.has_attr("download")
    copy = borrel.select_one(".mbo-add__copy")
    assert copy is not None and copy.text.startswith("Dit is een momentopname. Volg A-Academy")
    assert [a.text for a in copy.find_all("a")] == ["A-Academy", "alles"]
    association = soup("verenigingen/a-academy")
    help_text = association.select_one(".mbo-subscribe dd")
    assert help_text is not None and help_text.em is not None and help_text.script is None
    assert "<script>x</script>" in help_text.text  # shown as text, never run
    edit = association.select_one(".mbo-edit")
    assert edit is not None and [a.text for a in edit.find_all("a")] == ["Aanpassen", "Bestand"]
    assert edit.find_all("a")[1]["rel"] == ["noopener", "noreferrer"]  # off the site
    empty = soup("provincies/zeeland")
    join = next(p for p in empty.find_all("p") if "Aanmelden" in p.text)
    assert join.text == "Aanmelden kan altijd, ook voor Zeeland." and join.a is not None
