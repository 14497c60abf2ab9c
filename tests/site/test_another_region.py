"""The done condition of the redesign: a fresh MkDocs project installs the package (a wheel,
not this checkout), sets a few options, and builds a site for another region (the Flemish
provinces) with its own wording, beside Material's blog and tags plugins."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, write_tree
from mbo_alumni.core.dates import WhenError, parse_when
from mbo_alumni.core.problems import DataError
from mbo_alumni.core.settings import zone_named
from mbo_alumni.core.wording import WordingError, site_wording
from mbo_alumni.source.load import load

MKDOCS_YML = """\
site_name: Alumni Vlaanderen
site_url: https://alumni.example/
repo_url: https://github.com/voorbeeld/alumni-vlaanderen
theme:
  name: material
  language: nl
  font: false
plugins:
  - search
  - blog
  - tags
  - mbo-alumni:
      data_dir: gegevens
      articles_dir: verslagen
      wording: teksten.yml
      paths:
        associations: kringen
        agenda: activiteiten
      edit_branch: productie
      timezone: Europe/Brussels
"""
REGIONS = """\
- Antwerpen
- Limburg
- Oost-Vlaanderen
- Vlaams-Brabant
- West-Vlaanderen
"""
ASSOCIATIONS = """\
- id: kring-gent
  name: Testkring Gent
  institution: Testschool Gent
  city: Gent
  province: Oost-Vlaanderen
- id: kring-mechelen
  name: Testkring Mechelen
  institution: Testschool Mechelen
  city: Mechelen
  province: Antwerpen
"""
EVENTS = """\
- id: netwerkavond
  title: Netwerkavond
  start: 2027-03-30 19:30
  end: 2027-03-30 21:00
  organizer: [kring-gent, kring-mechelen]
"""
WORDING = """\
locale: nl_BE
country: Vlaanderen
directory.title: Alumnikringen
directory.description: Alle alumnikringen in {country}, per {region}.
agenda.title: Activiteiten
calendar.name: Kalender {name}
feed.agenda.title: Activiteiten
"""
POST = """\
---
date:
  created: 2026-10-01
tags: [Nieuws]
---

# Een blogbericht
"""
REPORT = """\
---
date: 2026-09-30
associations: [kring-gent]
---

# Een verslag
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the python of a new venv with the package installed from a built wheel.

    MkDocs and the other dependencies come from the test venv (a .pth file), so no
    download is needed; the package itself is the installed wheel, not this checkout."""
    where = tmp_path_factory.mktemp("fresh")
    # From a copy of the package's sources: setuptools writes build/ beside what it builds.
    source = where / "source"
    skipped = shutil.ignore_patterns("*.egg-info", "__pycache__", ".mypy_cache")
    shutil.copytree(ROOT / "plugins", source / "plugins", ignore=skipped)
    shutil.copy(ROOT / "pyproject.toml", source / "pyproject.toml")
    wheels = where / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), source],
        check=True,
        capture_output=True,
    )
    venv = where / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site_packages = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # After the new venv's own packages: its mbo_alumni wins over the editable one here.
    Path(site_packages, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"])
    wheel = next(wheels.glob("mbo_alumni-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--target", site_packages, str(wheel)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return python


@pytest.fixture(scope="module")
def site(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_tree(
        tmp_path_factory.mktemp("vlaanderen"),
        {
            "mkdocs.yml": MKDOCS_YML,
            "teksten.yml": WORDING,
            "docs/index.md": "# Alumni in Vlaanderen\n",
            "docs/blog/index.md": "# Blog\n",
            "docs/blog/posts/bericht.md": POST,
            "docs/verslagen/verslag.md": REPORT,
            "gegevens/regions.yaml": REGIONS,
            "gegevens/associations.yaml": ASSOCIATIONS,
            "gegevens/events.yaml": EVENTS,
        },
    )
    where = subprocess.run(
        [installed, "-c", "import mbo_alumni; print(mbo_alumni.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
    ).stdout
    assert str(installed.parent.parent) in where  # the installed package, not this checkout
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    result = subprocess.run(
        [installed, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_validate_reads_the_sites_options_from_its_mkdocs_yml(installed: Path, site: Path) -> None:
    # Run in the project, as a volunteer would: the data folder, the region list and the
    # articles folder come from mkdocs.yml, and the blog post is not an article.
    result = subprocess.run(
        [installed, "-m", "mbo_alumni.cli", "validate"],
        cwd=site.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(": ")[0] == "gegevens"  # named as the volunteer would
    counts = [int(w.strip("(")) for w in result.stdout.split() if w.strip("(").isdigit()]
    assert counts == [2, 1, 1]  # associations, events, articles


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_directory_lists_the_flemish_provinces_in_the_sites_words(site: Path) -> None:
    directory = page(site, "kringen")
    assert directory.title is not None and directory.title.text.startswith("Alumnikringen")
    groups = [h.get_text(strip=True).split("(")[0] for h in directory.select("article h2")]
    assert groups[:2] == ["Antwerpen", "Oost-Vlaanderen"]  # the order of regions.yaml
    assert "in Vlaanderen" in directory.get_text()
    description = directory.find("meta", attrs={"property": "og:description"})
    assert description is not None
    assert description["content"] == "Alle alumnikringen in Vlaanderen, per provincie."
    assert page(site, "provincies/oost-vlaanderen").find("h1") is not None
    gent = page(site, "kringen/kring-gent")
    change = gent.find("a", string="Wijzig deze gegevens")
    assert change is not None and change["href"].endswith("/wijzigen/?vereniging=kring-gent")
    edit = gent.find("a", string="het gegevensbestand")  # the data file, on the site's branch
    assert edit is not None
    assert edit["href"] == (
        "https://github.com/voorbeeld/alumni-vlaanderen/edit/productie/gegevens/associations.yaml"
    )
    assert [a["href"] for a in gent.select("main a") if a.get_text() == "Alle verenigingen"] == [
        "../"
    ]


def test_feeds_follow_the_folder_names_and_the_wording(site: Path) -> None:
    raw = (site / "activiteiten.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["X-WR-CALNAME"] == "Kalender Alumni Vlaanderen"
    # Times are read and written in the site's zone: the option, not Amsterdam.
    assert b"DTSTART;TZID=Europe/Brussels:20270330T193000" in raw
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART").isoformat() == "2027-03-30T19:30:00+02:00"
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Netwerkavond"]
    (record,) = json.loads((site / "api" / "events.json").read_text("utf-8"))["events"]
    assert (record["timezone"], record["start"]) == ("Europe/Brussels", "2027-03-30T19:30:00+02:00")
    gent = icalendar.Calendar.from_ical((site / "activiteiten-kring-gent.ics").read_bytes())
    assert gent["X-WR-CALNAME"] == "Kalender Testkring Gent"
    assert (site / "activiteiten.provincie-oost-vlaanderen.ics").is_file()
    news = feedparser.parse((site / "activiteiten.atom.xml").read_bytes())
    assert not news.bozo
    assert news.feed.title == "Activiteiten - Alumni Vlaanderen"
    assert news.entries[0].link == "https://alumni.example/activiteiten/netwerkavond/"
    home = page(site, "")
    announced = {link["href"] for link in home.find_all("link", rel="alternate")}
    assert {"activiteiten.ics", "activiteiten.rss.xml", "verslagen.atom.xml"} <= announced


def test_the_neighbours_build_their_own_pages(site: Path) -> None:
    assert (site / "blog" / "2026" / "10" / "01" / "een-blogbericht" / "index.html").is_file()
    report = page(site, "verslagen/verslag")
    kind = report.find("meta", attrs={"property": "og:type"})
    assert kind is not None and kind["content"] == "article"
    locale = report.find("meta", attrs={"property": "og:locale"})
    assert locale is not None and locale["content"] == "nl_BE"
    related = [a["href"] for a in report.select("a") if "kring-gent" in a["href"]]
    assert related == ["../../kringen/kring-gent/"]


def test_a_province_outside_the_list_is_named_with_the_sites_choices(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "regions.yaml": REGIONS,
            "associations.yaml": ASSOCIATIONS.replace("Oost-Vlaanderen", "Vlaanderen"),
            "events.yaml": EVENTS,
        },
    )
    with pytest.raises(DataError) as raised:
        load(tmp_path)
    [problem] = raised.value.problems
    assert (problem.line, problem.column) == (5, 13)
    assert "'Oost-Vlaanderen' of 'West-Vlaanderen'" in problem.message


def test_a_wording_file_with_an_unknown_key_or_field_is_refused(tmp_path: Path) -> None:
    wording = tmp_path / "teksten.yml"
    wording.write_text("directory.titel: Kringen\n", encoding="utf-8")
    with pytest.raises(WordingError, match="'directory.titel'.*bedoel je 'directory.title'"):
        site_wording(wording)
    wording.write_text("calendar.name: Kalender {naam}\n", encoding="utf-8")
    with pytest.raises(WordingError, match=r"\{naam\}.*\{name\}"):
        site_wording(wording)


def test_times_are_read_in_the_sites_zone() -> None:
    london = zone_named("Europe/London")
    assert parse_when("2027-03-30 19:30", london).isoformat() == "2027-03-30T19:30:00+01:00"
    with pytest.raises(WhenError, match="in de tijdzone Europe/London: de klok springt die "
                       "nacht van 01:00 naar 02:00"):  # fmt: skip
        parse_when("2027-03-28 01:30", london)
    with pytest.raises(ValueError, match="onbekende tijdzone 'Europe/Nergens'"):
        zone_named("Europe/Nergens")
