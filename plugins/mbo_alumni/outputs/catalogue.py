"""The open data's catalogue: /api/catalogus.jsonld, DCAT-AP-NL 3.0 in JSON-LD.

data.overheid.nl harvests catalogues in this profile. Three datasets (the associations, the
events, the agenda's feeds), each with the profile's mandatory fields (title, description,
identifier, publisher, creator, contact point, theme, access rights) and one distribution per
file (JSON, CSV, iCalendar, RSS, Atom) with its download address, media type and format. Its
`@context` is written out in the file, so it parses without fetching anything. The file's name
is Dutch, as the site's other names are, and says what it is: `.jsonld`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from ..core.settings import Catalogue
from ..core.website import Site
from .open_data import ASSOCIATIONS_PATH, EVENTS_PATH, schema_path
from .tables import ASSOCIATIONS_CSV, EVENTS_CSV

CATALOGUE_PATH = "api/catalogus.jsonld"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority/"
LICENCE = "http://creativecommons.org/publicdomain/zero/1.0/"  # CC0 1.0
THEMES = [
    f"{EU}data-theme/EDUC",  # the EU's data themes: education, culture and sport
    "http://standaarden.overheid.nl/owms/terms/Onderwijs_en_wetenschap",  # the Dutch list
]
PUBLIC = f"{EU}access-right/PUBLIC"
DUTCH = f"{EU}language/NLD"
IANA = "https://www.iana.org/assignments/media-types/"
# (media type, the EU's file type) of each kind of file
FORMATS = {
    "JSON": ("application/json", "JSON"),
    "CSV": ("text/csv", "CSV"),
    "iCalendar": ("text/calendar", "ICAL"),
    "RSS": ("application/rss+xml", "RSS"),
    "Atom": ("application/atom+xml", "ATOM"),
}


@dataclass(frozen=True)
class Publisher:
    """Who publishes the data and whom to ask, with the site's values where none are set."""

    name: str
    url: str
    email: str
    contact_url: str

    @classmethod
    def of(cls, options: Catalogue, site: Site, repo_url: str | None) -> Publisher:
        issues = f"{repo_url.rstrip('/')}/issues" if repo_url else ""
        return cls(
            name=options.publisher or site.name,
            url=options.publisher_url or site.url,
            email=options.contact_email,
            contact_url=options.contact_url or issues or site.absolute("open-data/"),
        )


def _nl(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "nl"}


def _id(iri: str) -> dict[str, str]:
    return {"@id": iri}


def _distribution(site: Site, key: str, title: str, kind: str, path: str) -> dict[str, object]:
    media, file_type = FORMATS[kind]
    url = site.absolute(path)
    return {
        "@id": f"{site.absolute(CATALOGUE_PATH)}#{key}-{file_type.lower()}",
        "@type": "dcat:Distribution",
        "dct:title": _nl(f"{title} ({kind})"),
        "dcat:accessURL": _id(url),
        "dcat:downloadURL": _id(url),
        "dcat:mediaType": _id(IANA + media),
        "dct:format": _id(f"{EU}file-type/{file_type}"),
        "dct:license": _id(LICENCE),
    }


def catalogue(site: Site, publisher: Publisher, description: str, built: datetime) -> bytes:
    """Return the catalogue (at CATALOGUE_PATH)."""
    here = site.absolute(CATALOGUE_PATH)
    modified = {"@value": built.isoformat(), "@type": "xsd:dateTime"}
    agent_id = f"{here}#uitgever"
    agent = {"@id": agent_id, "@type": "foaf:Agent", "foaf:name": publisher.name,
             "foaf:homepage": _id(publisher.url)}  # fmt: skip
    contact: dict[str, object] = {"@type": "vcard:Organization", "vcard:fn": publisher.name,
                                  "vcard:hasURL": _id(publisher.contact_url)}  # fmt: skip
    if publisher.email:
        contact["vcard:hasEmail"] = _id(f"mailto:{publisher.email}")
    datasets = _datasets(site)
    landing = _id(site.absolute("open-data/"))
    document = {
        "@context": CONTEXT,
        "@id": here,
        "@type": "dcat:Catalog",
        "dct:title": _nl(f"Open data van {site.name}"),
        "dct:description": _nl(description or f"De open data van {site.name}."),
        "dct:publisher": agent,
        "foaf:homepage": _id(site.url),
        "dct:language": _id(DUTCH),
        "dct:license": _id(LICENCE),
        "dct:modified": modified,
        "dcat:dataset": [
            {
                "@id": f"{here}#{key}",
                "@type": "dcat:Dataset",
                "dct:identifier": f"{here}#{key}",
                "dct:title": _nl(title),
                "dct:description": _nl(text),
                "dct:publisher": _id(agent_id),
                "dct:creator": _id(agent_id),
                "dcat:contactPoint": contact,
                "dcat:theme": [_id(theme) for theme in THEMES],
                "dct:accessRights": _id(PUBLIC),
                "dct:license": _id(LICENCE),
                "dct:language": _id(DUTCH),
                "dct:modified": modified,
                "dcat:landingPage": landing,
                "dct:conformsTo": [
                    _id(site.absolute(schema_path(p))) for k, p in files if k == "JSON"
                ],  # fmt: skip
                "dcat:distribution": [
                    _distribution(site, key, title, kind, path) for kind, path in files
                ],
            }
            for key, title, text, files in datasets
        ],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8")


Files = list[tuple[str, str]]  # (kind, site path) of each distribution


def _datasets(site: Site) -> list[tuple[str, str, str, Files]]:
    """Return (key, title, description, files) of each dataset."""
    calendar, feed = site.paths.site_calendar, site.paths.site_feed
    return [
        ("verenigingen", "Alumniverenigingen in het mbo",
         "Alle alumniverenigingen van mbo-scholen op deze site: naam, school, plaats, "
         "provincie, website en sectoren.",
         [("JSON", ASSOCIATIONS_PATH), ("CSV", ASSOCIATIONS_CSV)]),
        ("bijeenkomsten", "Bijeenkomsten van alumniverenigingen in het mbo",
         "Alle bijeenkomsten in de agenda, ook de voorbije en de afgelaste: titel, begin en "
         "einde, plaats, organisatie en status.",
         [("JSON", EVENTS_PATH), ("CSV", EVENTS_CSV)]),
        ("agenda", "Agenda van alumniverenigingen in het mbo",
         "De agenda om je op te abonneren in je agenda-app (iCalendar) of je nieuwslezer "
         "(RSS en Atom).",
         [("iCalendar", calendar), ("RSS", f"{feed}.rss.xml"), ("Atom", f"{feed}.atom.xml")]),
    ]  # fmt: skip
