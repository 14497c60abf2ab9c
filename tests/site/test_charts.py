"""The directory's map and the archive's chart: inline SVG made at build time, with their
text alternatives, links to real pages, and no request to any other site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import built_mini_site
from mbo_alumni.core.wording import default
from mbo_alumni.pages.charts import TILES, per_year, region_map, year_chart

EVENTS = """\
- id: oud
  title: Oude bijeenkomst
  start: 2020-09-22
- id: ouder
  title: Nog een oude bijeenkomst
  start: 2020-11-03
- id: vorig
  title: Vorige bijeenkomst
  start: 2022-05-10
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_mini_site(tmp_path_factory.mktemp("charts"), {"data/events.yaml": EVENTS})


def test_the_map_has_every_province_as_a_link_to_its_page(site: Path) -> None:
    html = (site / "verenigingen" / "index.html").read_text(encoding="utf-8")
    figure = BeautifulSoup(html, "html.parser").select_one("figure.mbo-map")
    assert figure is not None
    links = figure.select("svg a")
    assert len(links) == 12
    base = "https://alumni.test/verenigingen/"
    labels = {}
    for link in links:
        target = urljoin(base, link["href"]).removeprefix("https://alumni.test/")
        assert (site / target / "index.html").is_file(), target
        labels[target] = link["aria-label"]
    assert labels["provincies/noord-brabant/"] == "Noord-Brabant: 1 vereniging"
    assert labels["provincies/fryslan/"] == "Fryslân: 1 vereniging"
    assert labels["provincies/zeeland/"] == "Zeeland: 0 verenigingen"
    caption = figure.figcaption.get_text()
    assert "Noord-Brabant 1" in caption and "Fryslân 1" in caption and "Zeeland 0" in caption
    svg = figure.svg
    assert svg["aria-labelledby"] == figure.figcaption["id"]
    assert "http" not in str(svg).replace("http://www.w3.org/2000/svg", "")  # nothing fetched
    counts = [int(t.get_text()) for t in svg.select("text.mbo-map__count")]
    assert sorted(counts) == [0] * 10 + [1, 1]


def test_other_regions_get_a_bar_chart() -> None:
    regions = [("Vlaanderen", 3, "../regio/vlaanderen/"), ("Brussel", 0, "../regio/brussel/")]
    html = str(region_map(regions, default().replaced({"region": "regio"}, "woorden.yml")))
    assert "mbo-bars__bar" in html and "mbo-map__tile" not in html
    assert 'aria-label="Vlaanderen: 3 verenigingen"' in html
    assert "per regio: Vlaanderen 3, Brussel 0." in html
    assert str(region_map([(name, 1, "x/") for name in TILES], default())).count("<a ") == 12


def test_the_archive_shows_events_per_year_with_the_years_between(site: Path) -> None:
    """One row per year, so 36 years of archive read at 360 px as well as three."""
    assert per_year([(2022, 1), (2020, 2)]) == [(2020, 2), (2021, 0), (2022, 1)]
    assert str(year_chart([(2020, 2)], default())) == ""  # one year: nothing to compare
    html = (site / "agenda" / "index.html").read_text(encoding="utf-8")
    figure = BeautifulSoup(html, "html.parser").select_one("figure.mbo-years")
    assert figure is not None
    # Newest first, as the archive lists the years.
    assert figure.figcaption.get_text() == "Bijeenkomsten per jaar: 2022: 1, 2021: 0, 2020: 2."
    lengths = [float(rect["width"]) for rect in figure.select("rect")]
    assert lengths[2] > lengths[0] > lengths[1] == 0
    years = [t.get_text() for t in figure.select("text.mbo-bars__name")]
    assert years == ["2022", "2021", "2020"]
