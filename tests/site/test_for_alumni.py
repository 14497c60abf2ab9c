"""For alumni themselves: a page in their words from the sources, in the navigation and linked
from home; a page for every region, also without associations, that points to the nearest."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import ASSOCIATIONS, ROOT, mini_project, mkdocs_build

PAGE = ROOT / "docs" / "voor-alumni.md"
PROVINCES = ROOT / "plugins" / "mbo_alumni" / "regions" / "nl.yaml"


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_statement_names_its_meeting_and_the_advice_is_labelled() -> None:
    text = PAGE.read_text(encoding="utf-8")
    said = text.split("## Uit de bijeenkomsten", 1)[1].split("!!! tip", 1)[0]
    statements = re.split(r"\n- ", said.split("\n- ", 1)[1])
    assert len(statements) >= 5
    for statement in statements:
        first = statement.split("\n\n", 1)[0]
        assert re.search(r"\(\[verslag [^]]+\]\(artikelen/verslag-[a-z-]+\.md\)\)\.?$",
                         first.strip()), first  # fmt: skip
    label = text.split("!!! tip", 1)[1].splitlines()[1]
    assert "van de redactie van deze site" in label and "niet uit de bijeenkomsten" in label
    assert "## Bron\n" in text and "bronnen.md" in text.split("## Bron\n", 1)[1]
    # It speaks to the alumnus: "je", not "u" or a school's board.
    assert " je " in text and not re.search(r"\bu\b", text) and "directie" not in text


def test_in_the_navigation_and_linked_from_home(real_site: Path) -> None:
    home = soup(real_site, "")
    nav = [a.get_text(strip=True) for a in home.select("nav.md-nav--primary a")]
    assert "Voor alumni" in nav
    link = next(a for a in home.select("article a") if a["href"].endswith("voor-alumni/"))
    assert "oud-student van een mbo-school" in link.find_parent("p").get_text()


def test_every_region_has_a_page_and_an_empty_one_points_to_the_nearest(
    real_site: Path,
) -> None:
    regions = [r["name"] for r in yaml.safe_load(PROVINCES.read_text(encoding="utf-8"))]
    assert len(regions) == 12
    from mbo_alumni.core.urls import slug

    for region in regions:
        page = soup(real_site, f"provincies/{slug(region)}")
        assert page.h1.get_text(strip=True) == region
    # This repository's one association is in Noord-Brabant; Utrecht's neighbours have none.
    utrecht = soup(real_site, "provincies/utrecht").select_one("article")
    text = utrecht.get_text(" ", strip=True)
    assert "nog geen alumnivereniging" in text and "Noord-Brabant" in text
    assert "De dichtstbijzijnde vereniging is in Noord-Brabant:" in text  # one, so singular
    assert [a["href"] for a in utrecht.select(".mbo-associations a")] == [
        "../../verenigingen/a-academy/"
    ]
    assert any("meedoen/" in a["href"] for a in utrecht.select("a"))
    options = [
        o.get_text() for o in soup(real_site, "verenigingen").select("#filter-provincie option")
    ]
    assert options[1:] == [f"{r} ({1 if r == 'Noord-Brabant' else 0})" for r in regions]


def test_an_empty_region_names_its_neighbours_associations(tmp_path: Path) -> None:
    # Noord-Brabant borders Zeeland: its associations are Zeeland's nearest.
    root = mini_project(tmp_path)()
    assert mkdocs_build(root).returncode == 0
    site = root / "site"
    provinces = {a["province"] for a in yaml.safe_load(ASSOCIATIONS)}
    assert "Noord-Brabant" in provinces and "Zeeland" not in provinces
    zeeland = soup(site, "provincies/zeeland").select_one("article")
    names = [a.get_text() for a in zeeland.select(".mbo-associations a")]
    brabant = [a["name"] for a in yaml.safe_load(ASSOCIATIONS) if a["province"] == "Noord-Brabant"]
    said = "Deze vereniging is" if len(brabant) == 1 else "Deze verenigingen zijn"
    assert f"{said} in Noord-Brabant" in zeeland.get_text(" ", strip=True)
    assert sorted(names) == sorted(brabant)
