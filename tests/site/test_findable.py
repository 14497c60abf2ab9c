"""Found and reused: schema.org JSON-LD read as RDF (rdflib), h-event and h-card read as an
importer reads them (mf2py), on every kind of event."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import mf2py
import pyshacl
import pytest
from bs4 import BeautifulSoup
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from conftest import MKDOCS_YML, built_mini_site, mini_project, mkdocs_build

SDO = Namespace("https://schema.org/")
SITE = "https://alumni.test/"

ASSOCIATIONS = """\
- id: a-academy
  name: A-Academy
  institution: Koning Willem I College
  city: "'s-Hertogenbosch"
  province: Noord-Brabant
  website: https://www.kw1c.example.org/alumni
  email: alumni@kw1c.example.org
  checked: 2026-09-14
"""

EVENTS = """\
- id: avond
  title: Avond in de aula
  start: 2027-03-30 19:30
  end: 2027-03-30 21:00
  organizer: a-academy
  location: {name: Aula, address: Onderwijsboulevard 3, city: "'s-Hertogenbosch"}
  description: Een avond over **mentoring**.
  announced: 2026-10-05
- id: zomerdag
  title: Zomerdag
  start: 2027-07-03
  organizer: a-academy
  location: {city: Tilburg}
- id: driedaagse
  title: Driedaagse
  start: 2027-05-10
  end: 2027-05-12
  organizer: a-academy
  location: {name: Kampeerboerderij, city: Vught}
- id: webinar
  title: Webinar
  start: 2027-04-06 20:00
  end: 2027-04-06 21:00
  organizer: a-academy
  location: {online: true, url: "https://meet.example.org/webinar"}
- id: hybride
  title: Hybride avond
  start: 2027-10-27 19:00
  end: 2027-10-27 21:00
  organizer: a-academy
  location: {name: Aula, city: Tilburg, online: true, url: "https://meet.example.org/hybride"}
- id: afgelast
  title: Afgelaste avond
  start: 2027-02-09 19:30
  organizer: a-academy
  status: cancelled
  location: {city: Breda}
  announced: 2026-11-02
- id: borrel
  title: Maandborrel
  start: 2027-01-05 20:00
  end: 2027-01-05 22:00
  organizer: a-academy
  location: {name: Café De Poort, city: Tilburg}
  repeat: {every: month, weekday: tuesday, week: 1, count: 4}
  cancelled: [2027-02-02]
- id: gastavond
  title: Gastavond
  start: 2027-11-16 19:30
  host: Stichting Gastvrij
  location: {city: Eindhoven}
"""

# The event kinds, what their location is, and their attendance mode.
KINDS = {
    "avond": ("Place", "Offline"),
    "zomerdag": ("Place", "Offline"),
    "driedaagse": ("Place", "Offline"),
    "webinar": ("VirtualLocation", "Online"),
    "hybride": ("Place+VirtualLocation", "Mixed"),
    "afgelast": ("Place", "Offline"),
    "gastavond": ("Place", "Offline"),
}
# Google's event rich result: required, and the recommended ones each kind's data supports.
REQUIRED = ("name", "startDate", "location")
RECOMMENDED = {
    "avond": ("endDate", "eventStatus", "eventAttendanceMode", "organizer", "description"),
    "zomerdag": ("eventStatus", "eventAttendanceMode", "organizer"),
    "driedaagse": ("endDate", "eventStatus", "eventAttendanceMode", "organizer"),
    "webinar": ("endDate", "eventStatus", "eventAttendanceMode", "organizer"),
    "hybride": ("endDate", "eventStatus", "eventAttendanceMode", "organizer"),
    "afgelast": ("eventStatus", "eventAttendanceMode", "organizer"),
    "gastavond": ("eventStatus", "eventAttendanceMode", "organizer"),
}
OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?[+-]\d\d:\d\d$")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {"data/associations.yaml": ASSOCIATIONS, "data/events.yaml": EVENTS}
    return built_mini_site(tmp_path_factory.mktemp("findable"), files)


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def graph(html: str) -> tuple[Graph, dict[str, Any]]:
    """The page's one JSON-LD block as RDF: schema.org's context is a web address, so it is
    given here as the vocabulary it stands for (no network)."""
    (script,) = BeautifulSoup(html, "html.parser").find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@context"] == "https://schema.org"
    ids = {"@type": "@id"}  # as schema.org's context types them: links and enumeration members
    context = {"@vocab": str(SDO), "url": ids, "eventStatus": ids, "eventAttendanceMode": ids}
    local = {**data, "@context": context}
    return Graph().parse(data=json.dumps(local), format="json-ld"), data


def event_graph(site: Path, event_id: str) -> tuple[Graph, Any, dict[str, Any]]:
    """The event page's JSON-LD as RDF, its one Event node, and the JSON itself."""
    g, data = graph(page(site, f"agenda/{event_id}"))
    (event,) = g.subjects(RDF.type, SDO.Event)
    return g, event, data


@pytest.mark.parametrize("event_id", list(KINDS))
def test_event_jsonld_has_what_google_requires(site: Path, event_id: str) -> None:
    g, event, data = event_graph(site, event_id)
    for name in REQUIRED + RECOMMENDED[event_id]:
        assert g.value(event, SDO[name]) is not None, (event_id, name)
    assert str(g.value(event, SDO.url)) == f"{SITE}agenda/{event_id}/"
    kinds, mode = KINDS[event_id]
    places = list(g.objects(event, SDO.location))
    found = sorted(str(g.value(p, RDF.type)).removeprefix(str(SDO)) for p in places)
    assert "+".join(found) == kinds
    for p in places:
        if (p, RDF.type, SDO.Place) in g:  # a Place needs an address (Google)
            address = g.value(p, SDO.address)
            assert g.value(address, SDO.addressCountry) == Literal("NL")
            assert g.value(p, SDO.name) is not None
        else:  # a VirtualLocation needs its link
            assert str(g.value(p, SDO.url)).startswith("https://meet.example.org/")
    assert g.value(event, SDO.eventAttendanceMode) == URIRef(f"{SDO}{mode}EventAttendanceMode")
    status = "EventCancelled" if event_id == "afgelast" else "EventScheduled"
    assert g.value(event, SDO.eventStatus) == URIRef(f"{SDO}{status}")
    # Nothing the data does not hold.
    assert "offers" not in data and "image" not in data
    start = str(g.value(event, SDO.startDate))
    assert OFFSET.match(start) or re.fullmatch(r"\d{4}-\d\d-\d\d", start)


def test_event_organizer_is_the_association_page_or_the_host(site: Path) -> None:
    g, event, _ = event_graph(site, "avond")
    organizer = g.value(event, SDO.organizer)
    assert (organizer, RDF.type, SDO.Organization) in g
    assert g.value(organizer, SDO.name) == Literal("A-Academy")
    assert str(g.value(organizer, SDO.url)) == f"{SITE}verenigingen/a-academy/"
    g, event, _ = event_graph(site, "gastavond")
    assert g.value(g.value(event, SDO.organizer), SDO.name) == Literal("Stichting Gastvrij")


def test_association_jsonld_is_an_organization_of_its_school(site: Path) -> None:
    g, _ = graph(page(site, "verenigingen/a-academy"))
    (org,) = g.subjects(RDF.type, SDO.Organization)
    school = g.value(org, SDO.parentOrganization)
    assert (school, RDF.type, SDO.EducationalOrganization) in g
    assert g.value(school, SDO.name) == Literal("Koning Willem I College")
    assert g.value(g.value(org, SDO.address), SDO.addressRegion) == Literal("Noord-Brabant")


def h_events(html: str, url: str) -> list[dict[str, Any]]:
    """The page's h-events as mf2py reads them, start and end as (ISO 8601 text, offset):
    mf2py writes an offset as +0200, so each is read back as a time to compare."""
    parsed = mf2py.parse(doc=html, url=url)
    found = [item for item in parsed["items"] if "h-event" in item["type"]]
    for item in found:
        for key in ("start", "end"):
            if key in item["properties"]:
                item["properties"][key] = [moment(v) for v in item["properties"][key]]
    return found


def moment(text: str) -> str:
    """Return mf2py's date or date-time as ISO 8601 with a colon in its offset."""
    value = datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)
    return value.isoformat()


def test_event_page_is_one_h_event(site: Path) -> None:
    (item,) = h_events(page(site, "agenda/avond"), f"{SITE}agenda/avond/")
    p = item["properties"]
    assert p["name"] == ["Avond in de aula"]
    assert p["start"] == ["2027-03-30T19:30:00+02:00"]
    assert p["end"] == ["2027-03-30T21:00:00+02:00"]
    assert p["location"] == ["Aula, Onderwijsboulevard 3, 's-Hertogenbosch"]
    assert p["url"] == [f"{SITE}agenda/avond/"]
    assert "mentoring" in p["summary"][0]
    (organizer,) = p["organizer"]
    assert organizer["type"] == ["h-card"]
    assert organizer["properties"]["name"] == ["A-Academy"]
    assert organizer["properties"]["url"] == [f"{SITE}verenigingen/a-academy/"]


def test_h_event_offsets_follow_summer_and_winter_time(site: Path) -> None:
    (winter,) = h_events(page(site, "agenda/afgelast"), f"{SITE}agenda/afgelast/")
    assert winter["properties"]["start"] == ["2027-02-09T19:30:00+01:00"]
    (host,) = h_events(page(site, "agenda/gastavond"), f"{SITE}agenda/gastavond/")
    assert host["properties"]["organizer"] == ["Stichting Gastvrij"]
    (day,) = h_events(page(site, "agenda/driedaagse"), f"{SITE}agenda/driedaagse/")
    assert day["properties"]["start"] == ["2027-05-10"] and day["properties"]["end"] == [
        "2027-05-12"
    ]


def test_a_cancelled_event_says_so_as_p_status(site: Path) -> None:
    """h-event has no status of its own: p-status carries iCalendar's STATUS, as the JSON."""
    (item,) = h_events(page(site, "agenda/afgelast"), f"{SITE}agenda/afgelast/")
    assert item["properties"]["status"] == ["cancelled"]
    (avond,) = h_events(page(site, "agenda/avond"), f"{SITE}agenda/avond/")
    assert "status" not in avond["properties"]
    listed = {
        i["properties"]["url"][0]: i["properties"]
        for i in h_events(page(site, "agenda"), f"{SITE}agenda/")
    }
    assert listed[f"{SITE}agenda/afgelast/"]["status"] == ["cancelled"]


def test_a_series_page_is_an_h_event_per_occurrence(site: Path) -> None:
    found = h_events(page(site, "agenda/borrel"), f"{SITE}agenda/borrel/")
    assert [item["properties"]["start"] for item in found] == [
        [day] for day in ("2027-01-05T20:00:00+01:00", "2027-02-02T20:00:00+01:00",
                          "2027-03-02T20:00:00+01:00", "2027-04-06T20:00:00+02:00")
    ]  # fmt: skip
    for item in found:
        p = item["properties"]
        assert p["name"] == ["Maandborrel"] and p["location"] == ["Café De Poort, Tilburg"]
        assert p["url"][0].startswith(f"{SITE}agenda/borrel/#")
        assert p["end"][0][11:16] == "22:00"
    assert [item["properties"].get("status") for item in found] == [None, ["cancelled"], None, None]
    assert len({item["properties"]["url"][0] for item in found}) == 4  # each its own anchor


@pytest.mark.parametrize("path", ["agenda", "verenigingen/a-academy", "agenda/maand/2027-03"])
def test_listed_events_are_h_events(site: Path, path: str) -> None:
    html = page(site, path)
    found = {
        item["properties"]["url"][0]: item["properties"]
        for item in h_events(html, f"{SITE}{path}/")
    }
    avond = found[f"{SITE}agenda/avond/"]
    assert avond["name"] == ["Avond in de aula"]
    assert avond["start"] == ["2027-03-30T19:30:00+02:00"]
    assert avond["end"] == ["2027-03-30T21:00:00+02:00"]
    assert avond["location"] == ["Aula, 's-Hertogenbosch"]
    if path != "agenda/maand/2027-03":
        assert found[f"{SITE}agenda/webinar/"]["location"] == ["online"]


def test_association_page_is_an_h_card(site: Path) -> None:
    parsed = mf2py.parse(doc=page(site, "verenigingen/a-academy"), url=f"{SITE}verenigingen/")
    (card,) = [item for item in parsed["items"] if item["type"] == ["h-card"]]
    p = card["properties"]
    assert p["name"] == ["A-Academy"]
    assert p["org"] == ["Koning Willem I College"]
    assert p["locality"] == ["'s-Hertogenbosch"] and p["region"] == ["Noord-Brabant"]
    assert p["url"] == ["https://www.kw1c.example.org/alumni"]
    assert p["email"] == ["mailto:alumni@kw1c.example.org"]


# --- the DCAT-AP-NL catalogue ------------------------------------------------------------------

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
# DCAT-AP-NL 3.0: what every dataset must have, and every distribution.
DATASET_MANDATORY = (
    DCT.title, DCT.description, DCT.identifier, DCT.publisher, DCT.creator,
    DCAT.contactPoint, DCAT.theme, DCT.accessRights, DCAT.distribution,
)  # fmt: skip
DISTRIBUTION_MANDATORY = (DCAT.accessURL, DCAT.downloadURL, DCT["format"], DCT.license)


def catalogue(site: Path) -> Graph:
    text = (site / "api" / "catalogus.jsonld").read_text(encoding="utf-8")
    assert isinstance(json.loads(text)["@context"], dict)  # inline: parsed without a network
    return Graph().parse(data=text, format="json-ld")


def test_the_catalogue_has_every_mandatory_property(site: Path) -> None:
    g = catalogue(site)
    (catalog,) = g.subjects(RDF.type, DCAT.Catalog)
    assert g.value(catalog, DCT.title) == Literal("Open data van Testsite", lang="nl")
    datasets = list(g.objects(catalog, DCAT.dataset))
    assert len(datasets) == 3
    media: dict[str, set[str]] = {}
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in g
        for prop in DATASET_MANDATORY:
            assert g.value(dataset, prop) is not None, (dataset, prop)
        assert (g.value(dataset, DCT.publisher), FOAF.name, Literal("Testsite")) in g
        contact = g.value(dataset, DCAT.contactPoint)
        assert g.value(contact, VCARD.hasURL) is not None
        assert str(g.value(dataset, DCT.accessRights)).endswith("/access-right/PUBLIC")
        # the day of the data's last change: the latest `checked` or `announced`, not the build
        kind = str(g.value(dataset, DCT.identifier)).rsplit("#")[1]
        changed = "2026-09-14" if kind == "verenigingen" else "2026-11-02"
        assert g.value(dataset, DCT.modified) == Literal(changed, datatype=XSD.date)
        for distribution in g.objects(dataset, DCAT.distribution):
            for prop in DISTRIBUTION_MANDATORY:
                assert g.value(distribution, prop) is not None, (distribution, prop)
            url = str(g.value(distribution, DCAT.downloadURL))
            assert url.startswith(SITE)
            assert (site / url.removeprefix(SITE)).is_file(), url  # it points at a real file
            # the same licence address as the JSON files' own
            licence = json.loads((site / "api/events.json").read_text())["license_url"]
            assert str(g.value(distribution, DCT.license)) == licence
            file_type = str(g.value(distribution, DCT["format"])).rsplit("/file-type/", 1)[1]
            media_type = g.value(distribution, DCAT.mediaType)  # IANA's, where one is registered
            registered = str(media_type).rsplit("media-types/", 1)[1] if media_type else None
            media.setdefault(kind, set()).add((file_type, registered))
    assert (catalog, DCT.modified, Literal("2026-11-02", datatype=XSD.date)) in g
    assert media == {
        "verenigingen": {("JSON", "application/json"), ("CSV", "text/csv")},
        "bijeenkomsten": {("JSON", "application/json"), ("CSV", "text/csv")},
        # the EU's file type for iCalendar is ICS; RSS has no registered media type
        "agenda": {("ICS", "text/calendar"), ("RSS", None), ("ATOM", "application/atom+xml")},
    }


SHAPES = Path(__file__).parents[1] / "shapes"  # their source and licence: shapes/README.md
SH = Namespace("http://www.w3.org/ns/shacl#")
PROFILES = {
    "DCAT-AP 3.0.1": ["dcat-ap-3.0.1-SHACL.ttl"],
    "DCAT-AP-NL 3.0": ["dcat-ap-nl-SHACL.ttl", "dcat-ap-nl-SHACL-klassebereik.ttl",
                       "dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl"],
}  # fmt: skip


def shacl(data: Graph, profile: str) -> tuple[bool, str]:
    shapes = Graph()
    for name in PROFILES[profile]:
        shapes.parse(SHAPES / name, format="turtle")
    assert len(shapes) > 100  # the shapes are there
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return conforms and not list(report.subjects(RDF.type, SH.ValidationResult)), text


@pytest.mark.parametrize("profile", PROFILES)
def test_the_catalogue_passes_the_official_shapes(site: Path, profile: str) -> None:
    conforms, text = shacl(catalogue(site), profile)
    assert conforms, text


@pytest.mark.parametrize(
    ("path", "profile"), [(DCAT.contactPoint, "DCAT-AP-NL 3.0"), (RDF.type, "DCAT-AP 3.0.1")]
)
def test_the_shapes_see_what_is_missing(site: Path, path: URIRef, profile: str) -> None:
    """Without the catalogue's contact point (NL), or the class of every value (EU): refused."""
    g = catalogue(site)
    (catalog,) = g.subjects(RDF.type, DCAT.Catalog)
    if path == RDF.type:
        g.remove((None, RDF.type, DCT.LicenseDocument))
    else:
        g.remove((catalog, path, None))
    conforms, text = shacl(g, profile)
    assert not conforms
    assert ("contactPoint" if path != RDF.type else "LicenseDocument") in text


def test_the_catalogue_names_the_publisher_of_the_options(tmp_path: Path) -> None:
    yml = MKDOCS_YML.replace(
        "  - mbo-alumni\n",
        "  - mbo-alumni:\n      catalogue:\n        publisher: Netwerk Alumni MBO\n"
        "        contact_email: data@netwerk.example.org\n",
    )
    root = mini_project(tmp_path)({"mkdocs.yml": yml})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    g = catalogue(root / "site")
    (dataset, *_) = g.subjects(RDF.type, DCAT.Dataset)
    assert g.value(g.value(dataset, DCT.publisher), FOAF.name) == Literal("Netwerk Alumni MBO")
    contact = g.value(dataset, DCAT.contactPoint)
    assert g.value(contact, VCARD.hasEmail) == URIRef("mailto:data@netwerk.example.org")


def test_the_catalogue_says_the_sites_own_words_in_its_language(tmp_path: Path) -> None:
    # Issue #40: the catalogue's titles and descriptions come from the wording catalogue, in
    # the language its locale names, and still pass the official shapes.
    words = (
        "locale: en_GB\ndata.language: ENG\ndata.title: Open data of {site}\n"
        "data.verenigingen.title: Alumni associations\n"
        'data.file: "{title}, as {kind}"\n'
    )
    yml = MKDOCS_YML.replace("  - mbo-alumni\n", "  - mbo-alumni:\n      wording: words.yml\n")
    root = mini_project(tmp_path)({"mkdocs.yml": yml, "words.yml": words})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    g = catalogue(root / "site")
    (catalog,) = g.subjects(RDF.type, DCAT.Catalog)
    assert g.value(catalog, DCT.title) == Literal("Open data of Testsite", lang="en")
    english = URIRef("http://publications.europa.eu/resource/authority/language/ENG")
    assert g.value(catalog, DCT.language) == english
    titles = {str(t) for d in g.objects(catalog, DCAT.dataset) for t in g.objects(d, DCT.title)}
    assert "Alumni associations" in titles
    files = {
        str(t) for d in g.subjects(RDF.type, DCAT.Distribution) for t in g.objects(d, DCT.title)
    }
    assert "Alumni associations, as CSV" in files
    for profile in PROFILES:
        conforms, text = shacl(g, profile)
        assert conforms, text


def test_a_language_that_is_not_in_the_eus_list_stops_the_build(tmp_path: Path) -> None:
    yml = MKDOCS_YML.replace("  - mbo-alumni\n", "  - mbo-alumni:\n      wording: words.yml\n")
    root = mini_project(tmp_path)({"mkdocs.yml": yml, "words.yml": "data.language: Engels\n"})
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "'data.language'" in result.stderr and "NLD of ENG" in result.stderr
