"""The open data's catalogue: /api/catalogus.jsonld, DCAT-AP-NL 3.0 in JSON-LD.

data.overheid.nl harvests catalogues in this profile. Three datasets (the associations, the
events, the agenda's feeds), each with the profile's mandatory fields (title, description,
identifier, publisher, creator, contact point, theme, access rights) and one distribution per
file (JSON, CSV, iCalendar, RSS, Atom) with its download address, media type and format. Its
`@context` is written out in the file, so it parses without fetching anything. The file's name
is Dutch, as the site's other names are, and says what it is: `.jsonld`.

Every value that is an address says what kind of thing it is (a licence, a language, a media
type, ...): the official SHACL shapes of DCAT-AP 3.0.1 and DCAT-AP-NL 3.0 check the class of each
value, and a harvester need not fetch the EU vocabularies to pass them (tests/shapes/ holds the
shapes the tests run). `dct:modified` is the day of the data's last change (the latest
`announced` of an event, `checked` of an association, which intake sets on every change), not the
build's moment: a daily deploy does not "modify" every dataset.

The titles and descriptions are the site's own words (`data.*` in the wording catalogue), tagged
with the catalogue's language; `data.language` names that language in the EU's list. The
themes' labels are the lists' own words, in their languages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from ..core.settings import Catalogue
from ..core.urls import Paths
from ..core.website import Site
from ..core.wording import Wording
from .open_data import ASSOCIATIONS_PATH, EVENTS_PATH, LICENSE_URL, schema_path
from .tables import ASSOCIATIONS_CSV, EVENTS_CSV

CATALOGUE_PATH = Paths.catalogue  # every path is defined in core/urls.py
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority/"
Text = dict[str, str]  # a JSON-LD text with its language


def _nl(text: str) -> Text:
    return {"@value": text, "@language": "nl"}


def _tagged(words: Wording, text: str) -> Text:
    """A text of the site, tagged with the catalogue's language ('nl' of 'nl_NL')."""
    return {"@value": text, "@language": words.locale.split("_")[0]}


def _said(words: Wording, key: str, **fields: str) -> Text:
    return _tagged(words, words(key, **fields))


OWMS = "http://standaarden.overheid.nl/owms/terms/"
# The themes: the EU's data themes (the list DCAT-AP-NL 3.0 names) and the Dutch government's
# list; each concept with its label and its scheme with its title, in the lists' own words.
THEMES = [
    (f"{EU}data-theme/EDUC", _nl("Onderwijs, cultuur en sport"),
     f"{EU}data-theme", {"@value": "Data theme", "@language": "en"}),
    (f"{OWMS}Onderwijs_en_wetenschap", _nl("Onderwijs en wetenschap"),
     f"{OWMS}TaxonomieBeleidsagenda", _nl("Taxonomie Beleidsagenda")),
]  # fmt: skip
PUBLIC = f"{EU}access-right/PUBLIC"
IANA = "https://www.iana.org/assignments/media-types/"
# (IANA media type, the EU's file type) of each kind of file. RSS has no registered media type,
# so its distribution names only its file type; iCalendar's EU file type is ICS (there is no ICAL).
FORMATS = {
    "JSON": ("application/json", "JSON"),
    "CSV": ("text/csv", "CSV"),
    "iCalendar": ("text/calendar", "ICS"),
    "RSS": ("", "RSS"),
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
            contact_url=options.contact_url or issues or site.absolute(Paths.open_data_page),
        )


def _id(iri: str) -> dict[str, str]:
    return {"@id": iri}


def _a(iri: str, kind: str | list[str]) -> dict[str, object]:
    """An address with the class DCAT-AP's shapes expect of it."""
    return {"@id": iri, "@type": kind}


def _theme(concept: str, label: Text, scheme: str, title: Text) -> dict[str, object]:
    in_scheme = {**_a(scheme, "skos:ConceptScheme"), "dct:title": title}
    return {**_a(concept, "skos:Concept"), "skos:prefLabel": label, "skos:inScheme": in_scheme}


def _day(day: date | None) -> dict[str, object]:
    return {"dct:modified": {"@value": day.isoformat(), "@type": "xsd:date"}} if day else {}


LICENCE = _a(LICENSE_URL, "dct:LicenseDocument")  # the same address as the JSON's license_url


def _distribution(site: Site, key: str, kind: str, path: str) -> dict[str, object]:
    media, file_type = FORMATS[kind]
    url = site.absolute(path)
    title = site.words(f"data.{key}.title")
    return {
        "@id": f"{site.absolute(CATALOGUE_PATH)}#{key}-{file_type.lower()}",
        "@type": "dcat:Distribution",
        "dct:title": _said(site.words, "data.file", title=title, kind=kind),
        "dcat:accessURL": _id(url),
        "dcat:downloadURL": _id(url),
        **({"dcat:mediaType": _a(IANA + media, "dct:MediaType")} if media else {}),
        "dct:format": _a(f"{EU}file-type/{file_type}", "dct:MediaTypeOrExtent"),
        "dct:license": LICENCE,
    }


Changed = dict[str, date | None]  # the day of each dataset's last change, by its key


def catalogue(site: Site, publisher: Publisher, description: str, changed: Changed) -> bytes:
    """Return the catalogue (at CATALOGUE_PATH)."""
    here = site.absolute(CATALOGUE_PATH)
    agent_id = f"{here}#uitgever"
    agent = {"@id": agent_id, "@type": "foaf:Agent", "foaf:name": publisher.name,
             "foaf:homepage": _a(publisher.url, "foaf:Document")}  # fmt: skip
    contact: dict[str, object] = {"@type": ["vcard:Kind", "vcard:Organization"],
                                  "vcard:fn": publisher.name,
                                  "vcard:hasURL": _id(publisher.contact_url)}  # fmt: skip
    if publisher.email:
        contact["vcard:hasEmail"] = _id(f"mailto:{publisher.email}")
    landing = _a(site.absolute(Paths.open_data_page), "foaf:Document")
    days = [day for day in changed.values() if day]
    words = site.words
    language = _a(f"{EU}language/{words('data.language')}", "dct:LinguisticSystem")
    document = {
        "@context": CONTEXT,
        "@id": here,
        "@type": "dcat:Catalog",
        "dct:title": _said(words, "data.title", site=site.name),
        "dct:description": (
            _tagged(words, description)
            if description
            else _said(words, "data.description", site=site.name)
        ),
        "dct:publisher": agent,
        "dcat:contactPoint": contact,
        "foaf:homepage": _a(site.url, "foaf:Document"),
        "dct:language": language,
        "dct:license": LICENCE,
        **_day(max(days, default=None)),
        "dcat:dataset": [
            {
                "@id": f"{here}#{key}",
                "@type": "dcat:Dataset",
                "dct:identifier": f"{here}#{key}",
                "dct:title": _said(words, f"data.{key}.title"),
                "dct:description": _said(words, f"data.{key}.description"),
                "dct:publisher": _id(agent_id),
                "dct:creator": _id(agent_id),
                "dcat:contactPoint": contact,
                "dcat:theme": [_theme(*theme) for theme in THEMES],
                "dct:accessRights": _a(PUBLIC, "dct:RightsStatement"),
                "dct:license": LICENCE,
                "dct:language": language,
                **_day(changed.get(key)),
                "dcat:landingPage": landing,
                "dct:conformsTo": [
                    _a(site.absolute(schema_path(p)), "dct:Standard")
                    for k, p in files
                    if k == "JSON"
                ],  # fmt: skip
                "dcat:distribution": [_distribution(site, key, kind, path) for kind, path in files],
            }
            for key, files in _datasets(site)
        ],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8")


Files = list[tuple[str, str]]  # (kind, site path) of each distribution


def _datasets(site: Site) -> list[tuple[str, Files]]:
    """Return (key, files) of each dataset; its title and description are `data.<key>.*`."""
    calendar, feed = site.paths.site_calendar, site.paths.site_feed
    return [
        ("verenigingen", [("JSON", ASSOCIATIONS_PATH), ("CSV", ASSOCIATIONS_CSV)]),
        ("bijeenkomsten", [("JSON", EVENTS_PATH), ("CSV", EVENTS_CSV)]),
        ("agenda", [("iCalendar", calendar),
                    *zip(("RSS", "Atom"), Paths.news_feeds(feed), strict=True)]),
    ]  # fmt: skip
