"""Feeds per province and per theme, and the embeddable agenda of an association: each holds
exactly its events, read by the same real consumers as the site-wide feeds."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup

from browser import serve
from calendars import PARSERS, Parser
from conftest import MKDOCS_YML, mkdocs_build, write_tree
from mbo_alumni.core import wording
from mbo_alumni.core.dates import parse_when
from mbo_alumni.core.settings import Settings
from mbo_alumni.core.wording import default

ASSOCIATIONS = """\
- id: brabant-een
  name: Brabant Een
  institution: School Een
  city: Tilburg
  province: Noord-Brabant
- id: brabant-twee
  name: Brabant Twee
  institution: School Twee
  city: Breda
  province: Noord-Brabant
- id: fries
  name: Friese Alumni
  institution: School Drie
  city: Leeuwarden
  province: Friesland
"""
THEMES = """\
- id: opzetten
  name: Alumnibeleid opzetten
- id: netwerk
  name: Alumni en hun netwerk
- id: leeg
  name: Zonder bijeenkomsten
"""
# Built on 2026-11-18 (SOURCE_DATE_EPOCH): 'oud' is past, the rest is coming.
EVENTS = """\
- id: oud
  title: Oude Brabantse avond
  start: 2025-05-01 19:30
  organizer: brabant-een
  tags: [opzetten]
- id: samen
  title: Samen Brabant en Friesland
  start: 2027-02-10 19:30
  organizer: [brabant-twee, fries]
  tags: [opzetten, netwerk]
- id: fries-dag
  title: Friese dag
  start: 2027-03-01
  organizer: fries
  location: {name: Aula, city: Leeuwarden}
- id: zonder-organisator
  title: Landelijke bijeenkomst
  start: 2027-04-01 10:00
  host: Kennispunt LLO
  tags: [netwerk]
"""
FACETS = {
    "agenda.provincie-noord-brabant": {"oud", "samen"},
    "agenda.provincie-fryslan": {"samen", "fries-dag"},
    "agenda.thema-opzetten": {"oud", "samen"},
    "agenda.thema-netwerk": {"samen", "zonder-organisator"},
}

ZONE = Settings().zone


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_tree(
        tmp_path_factory.mktemp("facets"),
        {
            "mkdocs.yml": MKDOCS_YML.replace("  - search\n", "  - search\n  - tags\n"),
            "docs/index.md": "# Home\n",
            "data/associations.yaml": ASSOCIATIONS,
            "data/events.yaml": EVENTS,
            "data/themes.yaml": THEMES,
        },
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_a_feed_per_province_with_associations_and_per_theme_with_events(site: Path) -> None:
    made = {p.name for p in site.glob("agenda.*.ics")}
    assert made == {f"{base}.ics" for base in FACETS}
    for base in FACETS:
        assert (site / f"{base}.rss.xml").is_file() and (site / f"{base}.atom.xml").is_file()
    assert not list(site.glob("agenda.thema-leeg.*"))  # a theme without events: no feed


@pytest.mark.parametrize("parse", list(PARSERS.values()), ids=list(PARSERS))
def test_each_calendar_holds_exactly_its_events_with_the_site_wide_uids(
    site: Path, parse: Parser
) -> None:
    site_wide = {e["uid"]: e for e in parse((site / "agenda.ics").read_bytes())}
    for base, expected in FACETS.items():
        events = parse((site / f"{base}.ics").read_bytes())
        assert {e["uid"] for e in events} == {f"{i}@alumni.test" for i in expected}, base
        for event in events:  # the same event, the same UID, the same times
            assert event["start"] == site_wide[event["uid"]]["start"]


@pytest.mark.parametrize("base", list(FACETS))
def test_each_news_feed_holds_exactly_its_events(site: Path, base: str) -> None:
    for suffix in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse((site / f"{base}.{suffix}").read_bytes())
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        ids = {entry.id.rstrip("/").rsplit("/", 1)[1] for entry in parsed.entries}
        assert ids == FACETS[base], (base, suffix)
        assert all(entry.content[0].type == "text/html" for entry in parsed.entries)
        links = {link.rel: link.href for link in parsed.feed.links}
        assert links["self"] == f"https://alumni.test/{base}.{suffix}"


def alternates(site: Path, page: str) -> list[str]:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<link rel="alternate" type="[^"]+" title="[^"]+" href="([^"]+)"', html)


@pytest.mark.parametrize(
    ("page", "base"),
    [("provincies/noord-brabant", "agenda.provincie-noord-brabant"),
     ("provincies/fryslan", "agenda.provincie-fryslan"),
     ("themas/opzetten", "agenda.thema-opzetten"),
     ("themas/netwerk", "agenda.thema-netwerk")],
)  # fmt: skip
def test_the_page_announces_and_offers_its_feeds(site: Path, page: str, base: str) -> None:
    found = alternates(site, page)
    for suffix in ("ics", "rss.xml", "atom.xml"):
        assert f"../../{base}.{suffix}" in found
    html = (site / page / "index.html").read_text(encoding="utf-8")
    assert f"webcal://alumni.test/{base}.ics" in html  # the subscribe block
    assert f'href="../../{base}.rss.xml"' in html.split('id="abonneren"')[1]


def test_no_feed_announced_where_there_is_none(site: Path) -> None:
    assert not any("thema-leeg" in href for href in alternates(site, "themas/leeg"))
    # A province without associations has a page (pointing to the nearest), but no feeds.
    limburg = alternates(site, "provincies/limburg")
    assert not any("provincie-limburg" in href for href in limburg)
    assert not (site / "agenda.provincie-limburg.ics").exists()


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_directory_leads_to_each_province_page(site: Path) -> None:
    directory = soup(site, "verenigingen")
    links = {
        section["data-province"]: [a["href"] for a in section.select("a[href^='../provincies/']")]
        for section in directory.select("section.mbo-province")
    }
    assert links == {
        "Fryslân": ["../provincies/fryslan/"],
        "Noord-Brabant": ["../provincies/noord-brabant/"],
    }
    page = soup(site, "provincies/noord-brabant")
    hrefs = [a["href"] for a in page.select("article a")]
    associations = [h for h in hrefs if h.startswith("../../verenigingen/") and h.count("/") == 4]
    assert associations == ["../../verenigingen/brabant-een/", "../../verenigingen/brabant-twee/"]
    events = [h for h in hrefs if h.startswith("../../agenda/") and h.count("/") == 4]
    assert events[:1] == ["../../agenda/samen/"] and "../../agenda/fries-dag/" not in events


def test_an_association_s_events_as_open_data(site: Path) -> None:
    schema = json.loads((site / "api" / "events.schema.json").read_text(encoding="utf-8"))
    for ident, expected in {"fries": ["samen", "fries-dag"], "brabant-een": ["oud"]}.items():
        document = json.loads(
            (site / "api" / "associations" / ident / "events.json").read_text(encoding="utf-8")
        )
        jsonschema.validate(document, schema)
        assert [e["id"] for e in document["events"]] == expected


# --- the embeddable agenda --------------------------------------------------------------------


def test_the_embed_page_is_small_self_contained_and_dutch(site: Path) -> None:
    page = site / "embed" / "fries" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert page.stat().st_size < 15_000
    assert "<script" not in html and "<link" not in html and "<img" not in html
    embed = BeautifulSoup(html, "html.parser")
    words = default()
    listed = [
        (li.a["href"], li.a["target"], li.a["rel"], li.select_one(".when").get_text(),
         where.get_text() if (where := li.select_one(".where")) else None)
        for li in embed.select("main li")
    ]  # fmt: skip
    assert listed == [
        ("https://alumni.test/agenda/samen/", "_blank", ["noopener"],
         wording.when(parse_when("2027-02-10 19:30", ZONE), None, words), None),
        ("https://alumni.test/agenda/fries-dag/", "_blank", ["noopener"],
         wording.when(parse_when("2027-03-01", ZONE), None, words), "Aula, Leeuwarden"),
    ]  # fmt: skip
    hrefs = [a["href"] for a in embed.select("main p a")]
    assert "webcal://alumni.test/agenda-fries.ics" in hrefs
    assert wording.day(date(2026, 11, 18), words) in embed.select("main p")[-1].get_text()
    past = BeautifulSoup((site / "embed/brabant-een/index.html").read_text("utf-8"), "html.parser")
    assert past.select("main li") == []  # 'oud' is over


def test_the_association_page_offers_the_snippet(site: Path) -> None:
    html = (site / "verenigingen" / "fries" / "index.html").read_text(encoding="utf-8")
    snippet = html.split('id="embed-code"')[1].split("</textarea>")[0]
    assert "&lt;iframe src=&#34;https://alumni.test/embed/fries/&#34;" in snippet
    assert "title=&#34;Bijeenkomsten van Friese Alumni&#34;" in snippet
    assert 'href="https://alumni.test/api/associations/fries/events.json"' in html


HOST = """<!doctype html><html lang="en"><head><title>Vereniging</title></head>
<body><h1>Our own site</h1><iframe src="{src}" title="Bijeenkomsten" width="300"
height="420"></iframe></body></html>"""


def test_the_embed_works_in_an_iframe_on_another_origin(
    chromium: Any, site: Path, tmp_path: Path
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    with serve(site) as base:
        (tmp_path / "index.html").write_text(HOST.format(src=base + "embed/fries/"))
        with serve(tmp_path) as other:
            context = chromium.new_context(viewport={"width": 360, "height": 700})
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(other, wait_until="networkidle")
            frame = page.frame_locator("iframe")
            assert frame.locator("h1").inner_text() == "Bijeenkomsten van Friese Alumni"
            assert frame.locator("li").count() == 2
            assert all(url.startswith((base, other)) for url in requests), requests
            assert context.cookies() == []
            embedded = next(f for f in page.frames if f.url.startswith(base))
            assert embedded.evaluate("() => localStorage.length + sessionStorage.length") == 0
            overflow = embedded.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0  # readable at 300 px
            context.close()
        context = chromium.new_context(viewport={"width": 300, "height": 600})
        page = context.new_page()
        page.goto(base + "embed/fries/")
        wcag = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": wcag}})
        assert [v["id"] for v in results.response["violations"]] == []
        context.close()
