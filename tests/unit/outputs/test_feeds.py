"""RSS, Atom, the JSON API, JSON-LD and link previews, judged by real consumers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import jsonschema
import pytest

from conftest import ASSOCIATIONS, ROOT, Project, mkdocs_build

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")

EVENTS = """\
- id: winteravond
  title: "Avond <b>vet</b> & co"
  start: 2027-01-12 19:30
  end: 2027-01-12 21:00
  organizer: [a-academy, noorderlicht]
  location: {name: Aula, address: Onderwijsboulevard 3, city: "'s-Hertogenbosch"}
  announced: 2026-10-01
  description: "Zie [het programma](/programma/) en [de school](https://www.kw1c.nl)."
- id: zomeravond
  title: Zomeravond
  start: 2027-06-15 19:30
  status: cancelled
  location: {online: true, url: "https://meet.example.org/zomer"}
  announced: 2026-11-02
- id: oud
  title: Oude bijeenkomst
  start: 2020-09-22
"""

ARTICLE = """\
---
title: Verslag van de bijeenkomst
date: 2026-09-30
---

# Verslag van de bijeenkomst

Lees ook [de agenda](../agenda/index.md) en bekijk ![een foto](foto.png).
"""

BUILT = datetime.fromtimestamp(1795000000, UTC)  # SOURCE_DATE_EPOCH in conftest


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import MKDOCS_YML, write_tree

    root = write_tree(
        tmp_path_factory.mktemp("feeds"),
        {
            "mkdocs.yml": MKDOCS_YML,
            "docs/index.md": "# Home\n",
            "docs/artikelen/verslag.md": ARTICLE,
            "docs/artikelen/foto.png": "",
            "data/associations.yaml": ASSOCIATIONS,
            "data/events.yaml": EVENTS,
        },
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


FEEDS = ["agenda.rss.xml", "agenda.atom.xml", "artikelen.rss.xml", "artikelen.atom.xml"]


@pytest.mark.parametrize("name", FEEDS)
def test_feedparser_reads_every_feed_cleanly(site: Path, name: str) -> None:
    parsed = feedparser.parse((site / name).read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.entries


@pytest.mark.parametrize("name", ["agenda.rss.xml", "agenda.atom.xml"])
def test_agenda_titles_round_trip_and_newest_announced_first(site: Path, name: str) -> None:
    parsed = feedparser.parse((site / name).read_bytes())
    assert [e.title for e in parsed.entries] == [
        "Afgelast: Zomeravond",  # announced 2026-11-02; cancelled
        "Avond <b>vet</b> & co",  # announced 2026-10-01: markup is text
        "Oude bijeenkomst",  # not announced: its start date
    ]
    ids = [e.id for e in parsed.entries]
    assert ids[1] == "https://alumni.test/agenda/winteravond/"


@pytest.mark.parametrize("name", FEEDS)
def test_no_entry_date_lies_in_the_future(site: Path, name: str) -> None:
    for entry in feedparser.parse((site / name).read_bytes()).entries:
        stamp = entry.get("published") or entry.get("updated")
        moment = (
            parsedate_to_datetime(stamp)
            if name.endswith("rss.xml")
            else datetime.fromisoformat(stamp)
        )
        assert moment <= BUILT, (name, entry.title)


def test_entry_dates_are_announcement_days_at_noon(site: Path) -> None:
    atom = feedparser.parse((site / "agenda.atom.xml").read_bytes())
    dates = {e.title: e.updated for e in atom.entries}
    assert dates["Afgelast: Zomeravond"] == "2026-11-02T12:00:00+01:00"
    assert dates["Oude bijeenkomst"] == "2020-09-22T12:00:00+02:00"
    assert atom.feed.updated == "2026-11-02T12:00:00+01:00"


# A reader shows an entry's day in its own zone: from UTC-10 to UTC+12 it is the same day.
ZONES = ["Pacific/Honolulu", "America/New_York", "UTC", "Europe/Amsterdam", "Etc/GMT-12"]


@pytest.mark.parametrize("name", FEEDS)
@pytest.mark.parametrize("zone", ZONES)
def test_date_only_entries_fall_on_their_day_everywhere(site: Path, name: str, zone: str) -> None:
    expected = {
        "Afgelast: Zomeravond": "2026-11-02",
        "Avond <b>vet</b> & co": "2026-10-01",
        "Oude bijeenkomst": "2020-09-22",
        "Verslag van de bijeenkomst": "2026-09-30",
    }
    entries = feedparser.parse((site / name).read_bytes()).entries
    assert entries
    for entry in entries:
        moment = datetime(*entry.published_parsed[:6], tzinfo=UTC)
        assert moment.astimezone(ZoneInfo(zone)).date().isoformat() == expected[entry.title]


@pytest.mark.parametrize("name", FEEDS)
def test_content_is_html_and_the_summary_is_short_text(site: Path, name: str) -> None:
    # feedgen's description() once reset the Atom content to one without a type, which
    # readers show as text with the tags in it (RFC 4287: no type means text).
    for entry in feedparser.parse((site / name).read_bytes()).entries:
        (content,) = entry.content
        assert content.type == "text/html", (name, entry.title)
        assert content.value.startswith("<p>"), content.value
        assert "<" not in entry.summary and 0 < len(entry.summary) <= 300, entry.summary


def test_the_reader_feed_reader_sees_html_content_and_the_right_days(site: Path) -> None:
    # `reader` (a feed-reader library with its own vendored parser) reads the files as a
    # subscriber's reader would, from the site's folder.
    from reader import make_reader

    library = make_reader(":memory:", feed_root=str(site))
    for name in FEEDS:
        library.add_feed(name)
    library.update_feeds()
    assert [f.last_exception for f in library.get_feeds()] == [None] * len(FEEDS)
    links = {feed.url: feed.link for feed in library.get_feeds()}
    assert links["artikelen.atom.xml"] == "https://alumni.test/artikelen/"
    assert links["agenda.rss.xml"] == "https://alumni.test/agenda/"
    days = {}
    for entry in library.get_entries():
        assert [c.type for c in entry.content] == ["text/html"], (entry.feed_url, entry.title)
        assert entry.summary and "<" not in entry.summary
        assert entry.published is not None
        days[(entry.feed_url, entry.title)] = entry.published
    assert len(days) == 2 * 3 + 2
    for feed in ("agenda.rss.xml", "agenda.atom.xml"):
        # Noon in Amsterdam: 11:00 UTC in winter time, 10:00 UTC in summer time.
        assert days[(feed, "Afgelast: Zomeravond")] == datetime(2026, 11, 2, 11, tzinfo=UTC)
        assert days[(feed, "Oude bijeenkomst")] == datetime(2020, 9, 22, 10, tzinfo=UTC)
    assert days[("artikelen.rss.xml", "Verslag van de bijeenkomst")].date().isoformat() == (
        "2026-09-30"
    )


@pytest.mark.parametrize("name", ["agenda.atom.xml", "artikelen.atom.xml"])
def test_atom_content_carries_its_type(site: Path, name: str) -> None:
    text = (site / name).read_text(encoding="utf-8")
    assert text.count('<content type="html">') == text.count("<entry>") > 0
    # the teaser too: plain text escaped as HTML, so RSS <description> (HTML to every reader)
    # and Atom say the same, and a "<img" in the text stays text
    assert text.count('<summary type="html">') == text.count("<entry>")


def test_event_entry_says_status_when_where_and_who(site: Path) -> None:
    entries = {e.id: e for e in feedparser.parse((site / "agenda.atom.xml").read_bytes()).entries}
    evening = entries["https://alumni.test/agenda/winteravond/"]
    html = evening.content[0].value
    assert "<p>dinsdag 12 januari 2027, 19.30–21.00 uur.</p>" in html
    assert "Georganiseerd door: A-Academy (Koning Willem I College), Noorderlicht Alumni" in html
    assert evening.summary.startswith("dinsdag 12 januari 2027, 19.30–21.00 uur. Aula, ")
    cancelled = entries["https://alumni.test/agenda/zomeravond/"]
    assert cancelled.content[0].value.startswith("<p><strong>Afgelast.</strong></p>")
    assert [t.term for t in cancelled.tags] == ["afgelast"]
    assert [t.term for t in evening.tags] == ["bevestigd"]


@pytest.mark.parametrize("name", ["agenda.atom.xml", "artikelen.atom.xml"])
def test_atom_has_author_updated_and_self_link(site: Path, name: str) -> None:
    feed = feedparser.parse((site / name).read_bytes()).feed
    assert feed.author == "Redactie Testsite"
    assert feed.updated
    links = {link.rel: link.href for link in feed.links}
    assert links["self"] == f"https://alumni.test/{name}"
    assert links["alternate"].startswith("https://alumni.test/")


@pytest.mark.parametrize(
    ("name", "page"),
    [("agenda.rss.xml", "agenda/"), ("artikelen.rss.xml", "artikelen/")],
)
def test_rss_channel_link_is_the_page_not_the_feed(site: Path, name: str, page: str) -> None:
    feed = feedparser.parse((site / name).read_bytes()).feed
    assert feed.link == f"https://alumni.test/{page}"


@pytest.mark.parametrize("name", FEEDS)
def test_content_has_only_absolute_links(site: Path, name: str) -> None:
    for entry in feedparser.parse((site / name).read_bytes()).entries:
        html = entry.content[0].value if "content" in entry else entry.summary
        for url in re.findall(r'(?:href|src)="([^"]*)"', html):
            assert url.startswith(("https://", "http://", "mailto:")), (name, url)


def test_article_feed_carries_the_article(site: Path) -> None:
    (entry,) = feedparser.parse((site / "artikelen.atom.xml").read_bytes()).entries
    assert entry.title == "Verslag van de bijeenkomst"
    assert entry.link == "https://alumni.test/artikelen/verslag/"
    assert entry.updated == "2026-09-30T12:00:00+02:00"
    html = entry.content[0].value
    assert "<h1" not in html  # the entry has its own title; the page's <h1> would repeat it
    assert entry.summary == "Lees ook de agenda en bekijk een foto."
    assert 'href="https://alumni.test/agenda/"' in html
    assert 'src="https://alumni.test/artikelen/foto.png"' in html


def test_feeds_are_reproducible(project: Project, site: Path) -> None:
    root = project({"data/events.yaml": EVENTS})
    for _ in range(2):
        assert mkdocs_build(root).returncode == 0
        first = (root / "site" / "agenda.atom.xml").read_bytes()
    assert mkdocs_build(root).returncode == 0
    assert (root / "site" / "agenda.atom.xml").read_bytes() == first


# --- open data ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["associations", "events"])
def test_json_validates_against_its_published_schema(site: Path, name: str) -> None:
    document = json.loads((site / "api" / f"{name}.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "api" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema)
    assert document["$schema"] == f"https://alumni.test/api/{name}.schema.json"
    assert document["license"] == "CC0-1.0"
    # the schema the site serves is the committed one (schemas/api/), with its own address
    committed = json.loads((ROOT / "schemas" / "api" / f"{name}.schema.json").read_text())
    assert schema == {"$id": document["$schema"], **committed}


def test_check_jsonschema_accepts_the_open_data_and_refuses_impossible_dates(
    site: Path, tmp_path: Path
) -> None:
    """check-jsonschema checks formats: a date that does not exist fails, not only a bad shape."""
    schema = ROOT / "schemas" / "api" / "events.schema.json"
    good = site / "api" / "events.json"
    document = json.loads(good.read_text(encoding="utf-8"))
    first = document["events"][0]
    for bad in (
        "2027-13-45T99:00",
        "2027-02-30",
        "2027-02-30T19:30:00+01:00",
        "2027-01-12T24:00:00+01:00",
    ):
        first["start"] = bad
        (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
        run = subprocess.run(
            [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), str(tmp_path / "bad.json")],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert run.returncode == 1, (bad, run.stdout)
        assert "start" in run.stdout
    for name in ("associations", "events"):
        committed, published = ROOT / "schemas/api" / f"{name}.schema.json", site / "api" / name
        run = subprocess.run(
            [str(CHECK_JSONSCHEMA), "--schemafile", str(committed), f"{published}.json"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert run.returncode == 0, run.stdout


def test_json_events_carry_offsets_uids_and_pages(site: Path) -> None:
    events = {e["id"]: e for e in json.loads((site / "api/events.json").read_text())["events"]}
    assert set(events) == {"winteravond", "zomeravond", "oud"}
    assert events["winteravond"]["start"] == "2027-01-12T19:30:00+01:00"
    assert events["zomeravond"]["start"] == "2027-06-15T19:30:00+02:00"
    assert events["oud"]["start"] == "2020-09-22" and events["oud"]["all_day"] is True
    assert events["winteravond"]["uid"] == "winteravond@alumni.test"
    assert events["winteravond"]["page"] == "https://alumni.test/agenda/winteravond/"
    assert events["zomeravond"]["status"] == "cancelled"
    assert events["winteravond"]["organizer"] == ["a-academy", "noorderlicht"]


def test_json_associations(site: Path) -> None:
    data = json.loads((site / "api/associations.json").read_text())["associations"]
    assert [a["id"] for a in data] == ["a-academy", "noorderlicht"]
    assert data[1]["province"] == "Fryslân"
    assert data[0]["calendar"] == "https://alumni.test/agenda-a-academy.ics"


# --- structured data and previews -------------------------------------------------------


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.jsonld: list[str] = []
        self.meta: dict[str, str] = {}
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.jsonld.append("")
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[str(a.get("property") or a.get("name"))] = str(a.get("content"))

    def handle_endtag(self, tag: str) -> None:
        self._in_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.jsonld[-1] += data


def head(site: Path, page: str) -> _Head:
    parser = _Head()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize(
    ("page", "start", "status", "mode", "place"),
    [
        ("agenda/winteravond", "2027-01-12T19:30:00+01:00", "EventScheduled",
         "OfflineEventAttendanceMode", "Place"),
        ("agenda/zomeravond", "2027-06-15T19:30:00+02:00", "EventCancelled",
         "OnlineEventAttendanceMode", "VirtualLocation"),
    ],
)  # fmt: skip
def test_event_jsonld(
    site: Path, page: str, start: str, status: str, mode: str, place: str
) -> None:
    (text,) = head(site, page).jsonld
    data = json.loads(text)
    assert data["@type"] == "Event"
    assert data["startDate"] == start
    assert data["eventStatus"] == f"https://schema.org/{status}"
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}"
    assert data["location"]["@type"] == place
    assert data["url"] == f"https://alumni.test/{page}/"


def test_event_jsonld_organizers_end_and_escaping(site: Path) -> None:
    (text,) = head(site, "agenda/winteravond").jsonld
    assert "<b>" not in text  # '<' is escaped inside the script element
    data = json.loads(text)
    assert data["name"] == "Avond <b>vet</b> & co"
    assert data["endDate"] == "2027-01-12T21:00:00+01:00"
    assert [o["name"] for o in data["organizer"]] == ["A-Academy", "Noorderlicht Alumni"]
    assert data["location"]["address"]["streetAddress"] == "Onderwijsboulevard 3"


def test_association_jsonld(site: Path) -> None:
    (text,) = head(site, "verenigingen/a-academy").jsonld
    data = json.loads(text)
    assert data["@type"] == "Organization"
    assert data["name"] == "A-Academy"
    assert data["parentOrganization"]["name"] == "Koning Willem I College"


def test_every_page_has_a_link_preview(site: Path) -> None:
    pages = [
        p.parent.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if not p.is_relative_to(site / "embed")  # widgets inside other sites: no previews
    ]
    assert len(pages) >= 8
    for page in pages:
        meta = head(site, page if page != "." else "").meta
        for key in ["og:title", "og:description", "og:url", "twitter:card", "twitter:title"]:
            assert meta.get(key), (page, key)
        assert meta["og:url"].startswith("https://alumni.test/")
    assert head(site, "agenda/winteravond").meta["og:title"] == "Avond <b>vet</b> & co"
    assert head(site, "artikelen/verslag").meta["og:type"] == "article"


def test_agenda_feed_carries_the_newest_hundred(tmp_path: Path) -> None:
    from mbo_alumni.core.settings import Settings
    from mbo_alumni.outputs.news_feeds import FEED_LENGTH, agenda_feed_files
    from mbo_alumni.outputs.record import Records
    from mbo_alumni.source.model import Event

    events = [
        Event(
            id=f"e{i:03d}",
            title=f"Bijeenkomst {i}",
            start="2026-01-01",
            announced=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
        )
        for i in range(150)
    ]
    site = Settings().site("https://alumni.test/", "Test")
    feeds = {
        f.path: f.content
        for f in agenda_feed_files(Records.of(events, [], site), events, "Redactie", BUILT)
    }
    parsed = feedparser.parse(feeds["agenda.atom.xml"])
    assert parsed.bozo == 0 and len(parsed.entries) == FEED_LENGTH == 100
    dates = [entry.updated for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    newest = max(events, key=lambda e: (e.announced, e.id))
    assert parsed.entries[0].title == newest.title


def test_cancelled_event_page_says_so_and_offers_no_adding(site: Path) -> None:
    page = (site / "agenda/zomeravond/index.html").read_text(encoding="utf-8")
    assert "<strong>Afgelast.</strong> Deze bijeenkomst gaat niet door." in page
    assert 'id="in-je-agenda"' not in page
    assert 'id="in-je-agenda"' in (site / "agenda/winteravond/index.html").read_text()
