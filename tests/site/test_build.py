"""Real `mkdocs build` runs of mini sites: the generated pages, their order, their safety."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import (
    ASSOCIATIONS,
    EVENTS,
    MKDOCS_YML,
    ROOT,
    Project,
    mkdocs_build,
    mkdocs_cli,
    validate,
)
from mbo_alumni.core import wording
from mbo_alumni.core.dates import parse_when
from mbo_alumni.core.settings import Settings
from mbo_alumni.core.wording import default

ZONE = Settings().zone


class _NavLinks(HTMLParser):
    """Collects the hrefs inside <nav> elements (the theme's navigation)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "nav":
            self.depth += 1
        elif tag == "a" and self.depth:
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.depth:
            self.depth -= 1


def nav_links(html: str) -> list[str]:
    parser = _NavLinks()
    parser.feed(html)
    return parser.links


def built(project: Project, files: dict[str, str] | None = None) -> Path:
    root = project(files)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_generates_every_page(mini_site: Path) -> None:
    site = mini_site
    for page in [
        "verenigingen",
        "verenigingen/a-academy",
        "verenigingen/noorderlicht",
        "agenda",
        "agenda/voorjaar",
        "agenda/oud",
    ]:
        assert (site / page / "index.html").is_file(), page


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup(read(site, page), "html.parser")


def test_directory_groups_by_province(mini_site: Path) -> None:
    page = soup(mini_site, "verenigingen")
    # Provinces in their fixed order; "Friesland" is stored as the official "Fryslân".
    groups = page.select("section.mbo-province")
    assert [g["data-province"] for g in groups] == ["Fryslân", "Noord-Brabant"]
    listed = {
        g["data-province"]: [
            (li.a["href"], li["data-institution"], li.get_text(" ", strip=True))
            for li in g.select("ul.mbo-associations > li")
        ]
        for g in groups
    }
    assert listed["Noord-Brabant"] == [
        ("a-academy/", "Koning Willem I College",
         "A-Academy Koning Willem I College, 's-Hertogenbosch"),
    ]  # fmt: skip
    assert [href for href, _, _ in listed["Fryslân"]] == ["noorderlicht/"]


def events_in(section: list[Tag]) -> list[tuple[str, str]]:
    """(link, datetime) of each event listed in a run of elements."""
    return [
        (e.a["href"], e.time["datetime"]) for tag in section for e in tag.select("li.mbo-event")
    ]


def test_agenda_lists_upcoming_first_then_archive_by_year(mini_site: Path) -> None:
    page = soup(mini_site, "agenda")
    headings = [h["id"] for h in page.select("article h2, article h3")]
    assert headings.index("binnenkort") < headings.index("archief") < headings.index("archief-2020")
    coming = page.find(id="binnenkort").find_next("ul", class_="mbo-events")
    archive = page.find(id="archief-2020").find_next("ul", class_="mbo-events")
    assert events_in([coming]) == [("voorjaar/", "2027-03-30T19:30:00+02:00")]
    assert events_in([archive]) == [("oud/", "2020-09-22")]
    when = wording.when(
        parse_when("2027-03-30 19:30", ZONE), parse_when("2027-03-30 21:00", ZONE), default()
    )
    assert coming.time.get_text() == when


DOUBLED_HOUR = """\
- id: tweede-half-drie
  title: Tweede keer half drie
  start: 2027-10-31 02:30+01:00
  host: Kennispunt LLO
- id: eerste-half-drie
  title: Eerste keer half drie
  start: 2027-10-31 02:30+02:00
  organizer: a-academy
"""


def test_the_doubled_hour_is_ordered_by_instant_and_named(project: Project) -> None:
    # As text '02:30+01:00' sorts first; it happens an hour after '02:30+02:00'.
    site = built(project, {"data/events.yaml": DOUBLED_HOUR})
    agenda = read(site, "agenda")
    assert agenda.index("Eerste keer half drie") < agenda.index("Tweede keer half drie")
    assert "zondag 31 oktober 2027, 02.30 uur (zomertijd)" in agenda
    assert "zondag 31 oktober 2027, 02.30 uur (wintertijd)" in agenda
    api = json.loads((site / "api/events.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in api["events"]] == ["eerste-half-drie", "tweede-half-drie"]
    assert api["events"][1]["host"] == "Kennispunt LLO"
    feed = (site / "agenda.ics").read_text(encoding="utf-8")
    assert feed.index("UID:eerste-half-drie@") < feed.index("UID:tweede-half-drie@")
    page = read(site, "agenda/tweede-half-drie")
    assert '<dt>Organisatie</dt><dd><span class="p-organizer">Kennispunt LLO</span></dd>' in page


def test_event_page_in_dutch_with_organizers(mini_site: Path) -> None:
    page = soup(mini_site, "agenda/voorjaar")
    (time,) = page.select("article time")
    assert time["datetime"] == "2027-03-30T19:30:00+02:00"
    when = wording.when(
        parse_when("2027-03-30 19:30", ZONE), parse_when("2027-03-30 21:00", ZONE), default()
    )
    assert time.get_text() == when
    links = [a["href"] for a in page.select("article a")]
    assert "../../verenigingen/a-academy/" in links and "../../verenigingen/noorderlicht/" in links
    details = {dt.get_text(): dt.find_next_sibling("dd") for dt in page.select("article dl dt")}
    assert any(
        dd.get_text(" ", strip=True).startswith("Aula, Den Bosch") for dd in details.values()
    )


CHECKED = """\
- id: a-academy
  name: A-Academy
  institution: Koning Willem I College
  city: Tilburg
  province: Noord-Brabant
  checked: 2026-03-03
- id: noorderlicht
  name: Noorderlicht Alumni
  institution: Testcollege Noord
  city: Leeuwarden
  province: Friesland
  checked: 2024-11-01
- id: zonder
  name: Zonder Datum
  institution: Testcollege
  city: Utrecht
  province: Utrecht
"""


def test_association_page_says_when_its_details_were_confirmed(project: Project) -> None:
    # Built on 2026-11-18 (SOURCE_DATE_EPOCH): 8 months, 24 months and never.
    site = built(project, {"data/associations.yaml": CHECKED})
    recent = read(site, "verenigingen/a-academy")
    assert "Laatst gecontroleerd: dinsdag 3 maart 2026." in recent
    assert "niet meer door de vereniging bevestigd" not in recent
    old = read(site, "verenigingen/noorderlicht")
    assert "sinds vrijdag 1 november 2024 niet meer door de vereniging bevestigd" in old
    never = read(site, "verenigingen/zonder")
    assert "Deze gegevens zijn nog niet door de vereniging bevestigd" in never
    assert 'href="../../meedoen/">Kijk de gegevens na en werk ze bij</a>' in never


def test_association_page_lists_its_events(mini_site: Path) -> None:
    site = mini_site
    mine = read(site, "verenigingen/a-academy")
    assert "Voorjaarsbijeenkomst" in mine and "Oude bijeenkomst" in mine
    other = read(site, "verenigingen/noorderlicht")
    assert "Voorjaarsbijeenkomst" in other and "Oude bijeenkomst" not in other


def test_no_detail_page_in_any_navigation(mini_site: Path) -> None:
    site = mini_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 7
    for page in pages:
        links = nav_links(page.read_text(encoding="utf-8"))
        detail = [link for link in links if re.search(r"(verenigingen|agenda)/[a-z0-9-]+/", link)]
        assert not detail, (page, detail)
    home_nav = nav_links(read(site, ""))
    assert any(link.endswith("verenigingen/") for link in home_nav)
    assert any(link.endswith("agenda/") for link in home_nav)


PAYLOAD = "<script>alert(1)</script>"


def test_markup_in_data_is_escaped_everywhere(project: Project) -> None:
    site = built(
        project,
        {
            "data/associations.yaml": f"""\
        - id: a-academy
          name: "{PAYLOAD}"
          institution: "<b>School</b>"
          city: "<img src=x onerror=alert(2)>"
          province: Utrecht
          description: "Gewone tekst"
        """,
            "data/events.yaml": f"""\
        - id: voorjaar
          title: "{PAYLOAD}"
          start: 2027-03-30
          organizer: a-academy
        """,
        },
    )
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert PAYLOAD not in html, page
        assert "<img src=x" not in html, page
        assert "<b>School</b>" not in html, page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in read(site, "verenigingen/a-academy")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in read(site, "agenda/voorjaar")


def test_description_markdown_is_rendered_and_sanitised(project: Project) -> None:
    site = built(
        project,
        {
            "data/associations.yaml": """\
        - id: a-academy
          name: A-Academy
          institution: KW1C
          city: Den Bosch
          province: Noord-Brabant
          description: "Zie **onze** [site](https://example.org) en [dit](javascript:alert(1))."
        """,
            "data/events.yaml": "[]",
        },
    )
    html = read(site, "verenigingen/a-academy")
    assert "<strong>onze</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">site</a>' in html
    assert 'href="javascript:' not in html


def test_invalid_data_fails_the_build_and_leaves_site_untouched(project: Project) -> None:
    root = project(
        {
            "data/associations.yaml": """\
        - id: a-academy
          name: A-Academy
          institution: KW1C
          city: Den Bosch
          province: Noord-Brabant
          webiste: https://example.org
        """
        }
    )
    old = root / "site" / "index.html"
    old.parent.mkdir()
    old.write_text("previous deploy", encoding="utf-8")
    result = mkdocs_cli(root)  # the real command: exit 1, messages, no traceback
    assert result.returncode != 0
    assert "data/associations.yaml:6:3: error: onbekende sleutel 'webiste'" in result.stderr
    assert "bedoel je 'website'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (root / "site").iterdir()) == ["index.html"]
    assert old.read_text(encoding="utf-8") == "previous deploy"


def test_build_and_cli_report_the_same_problems(project: Project) -> None:
    root = project(
        {"data/events.yaml": "- id: x\n  title: X\n  start: 14:00\n  organizer: nobody\n"}
    )
    cli = [row for row in validate(root / "data").stdout.splitlines() if ": error: " in row]
    build = mkdocs_build(root).stderr
    assert len(cli) == 2
    for row in cli:
        assert row.replace(str(root) + "/", "") in build.replace(str(root) + "/", "")


def test_site_overrides_win_over_plugin_templates(project: Project) -> None:
    with_overrides = MKDOCS_YML.replace("font: false\n", "font: false\n  custom_dir: overrides\n")
    site = built(
        project,
        {
            "mkdocs.yml": with_overrides,
            "overrides/mbo-alumni/event.html": (
                '{% extends "main.html" %}{% block content %}EIGEN SJABLOON{% endblock %}'
            ),
        },
    )
    assert "EIGEN SJABLOON" in read(site, "agenda/voorjaar")
    assert "EIGEN SJABLOON" not in read(site, "verenigingen/a-academy")


def test_docs_page_at_a_generated_path_is_refused(project: Project) -> None:
    root = project({"docs/agenda/index.md": "# Agenda\n"})
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "docs/agenda/index.md bestaat al" in result.stderr


def test_real_site_builds_from_the_real_data(tmp_path: Path) -> None:
    assert validate(ROOT / "data").returncode == 0
    result = mkdocs_cli(ROOT, "--site-dir", str(tmp_path / "site"))  # the real command: exit 0
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert "A-Academy" in read(site, "verenigingen/a-academy")
    event = read(site, "agenda/llo-alumnibeleid-2020-09-22")
    assert "dinsdag 22 september 2020" in event
    assert "dinsdag 3 november 2020" in read(site, "agenda")
    # No request may leave the site: no Google Fonts, no CDN.
    for page in site.rglob("*.html"):
        assert "fonts.googleapis.com" not in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("page", ["verenigingen/a-academy", "agenda/voorjaar"])
def test_generated_pages_are_searchable(mini_site: Path, page: str) -> None:
    site = mini_site
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert f'"location":"{page}/"' in index.replace(" ", "")


def test_the_add_to_calendar_links_say_a_copy_is_not_updated(mini_site: Path) -> None:
    section = soup(mini_site, "agenda/voorjaar").select_one(".mbo-add")
    said = section.select_one(".mbo-add__copy")
    assert "verandert niet mee" in said.get_text() and "afgelast" in said.get_text()
    targets = [a["href"] for a in said.select("a")]
    # The organisers' own calendars, then the whole agenda: the way to get changes.
    assert targets[-1] == "../#abonneren"
    assert any(t.startswith("../../verenigingen/") and t.endswith("/#abonneren") for t in targets)


def test_association_and_event_pages_describe_themselves(mini_site: Path) -> None:
    # Search engines and link previews get the page's own summary, not the site's default.
    def descriptions(page: str) -> tuple[str, str]:
        head = soup(mini_site, page).head
        return (head.find("meta", attrs={"name": "description"})["content"],
                head.find("meta", attrs={"property": "og:description"})["content"])  # fmt: skip

    meta, og = descriptions("verenigingen/a-academy")
    assert meta == og and meta.startswith("A-Academy: alumnivereniging van Koning Willem I College")
    assert "'s-Hertogenbosch (Noord-Brabant)" in meta
    meta, og = descriptions("agenda/voorjaar")
    assert meta == og and meta.startswith(
        "dinsdag 30 maart 2027, 19.30–21.00 uur, Aula, Den Bosch."
    )
    assert "A-Academy" in meta and "Noorderlicht Alumni" in meta
    assert len(meta) <= 200


def test_search_documents_hold_what_an_entry_is_looked_up_by(project: Project) -> None:
    # The name is the page title; the text is the school, place and region of an association,
    # the place and (when not held) the status of an event. No description, so no Markdown.
    described = ASSOCIATIONS.replace(
        "  province: Noord-Brabant\n",
        "  province: Noord-Brabant\n  sectors: [Zorg]\n  description: 'We komen **twee keer per"
        " jaar** samen, zie [onze site](https://example.org).'\n", 1)  # fmt: skip
    events = EVENTS + (
        "- id: afgelast\n  title: Afgelaste avond\n  start: 2027-05-11\n  organizer: a-academy\n"
        "  status: cancelled\n  location: {online: true, url: 'https://example.org/live'}\n"
    )
    site = built(project, {"data/associations.yaml": described, "data/events.yaml": events})
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: (d["title"], html.unescape(d["text"])) for d in index["docs"]}
    assert docs["verenigingen/a-academy/"] == (
        "A-Academy",
        "Koning Willem I College 's-Hertogenbosch Noord-Brabant Zorg",
    )
    assert docs["agenda/voorjaar/"] == ("Voorjaarsbijeenkomst", "Aula Den Bosch")
    assert docs["agenda/afgelast/"] == ("Afgelaste avond", "online Afgelast")
    for _title, text in docs.values():
        assert "**" not in text and "](" not in text and "twee keer" not in text, text
