"""Calendar feeds in a real built site: files, autodiscovery, subscribe blocks, real data."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from calendars import PARSERS, Parser
from conftest import mini_project, mkdocs_build


class _Alternates(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "link" and dict(attrs).get("rel") == "alternate":
            self.found.append(dict(attrs))


def alternates(html: str) -> list[dict[str, str | None]]:
    parser = _Alternates()
    parser.feed(html)
    return parser.found


@pytest.fixture
def site(mini_site: Path) -> Path:
    return mini_site


def test_feed_files_exist(site: Path) -> None:
    for path in [
        "agenda.ics",
        "agenda-a-academy.ics",
        "agenda-noorderlicht.ics",
        "agenda/voorjaar.ics",
        "agenda/oud.ics",
    ]:
        assert (site / path).is_file(), path


@pytest.mark.parametrize("parse", list(PARSERS.values()), ids=list(PARSERS))
def test_site_feed_parses_with_every_client(site: Path, parse: Parser) -> None:
    events = {e["uid"]: e for e in parse((site / "agenda.ics").read_bytes())}
    assert set(events) == {"voorjaar@alumni.test", "oud@alumni.test"}
    assert events["voorjaar@alumni.test"]["start"] == "2027-03-30T17:30:00Z"


def test_stamps_come_from_the_data_never_from_the_build(site: Path, tmp_path: Path) -> None:
    """Without METHOD, DTSTAMP is when the event was last revised (RFC 5545 3.8.7.2), as
    LAST-MODIFIED: it was the build moment, so every daily build "revised" every event.
    conftest builds with SOURCE_DATE_EPOCH=1795000000; a build a year later is the same."""
    feed = (site / "agenda.ics").read_bytes()
    assert set(re.findall(rb"DTSTAMP:(\S+)\r\n", feed)) == {b"20000101T000000Z"}  # unknown
    root = mini_project(tmp_path)()
    later = mkdocs_build(root, SOURCE_DATE_EPOCH="1826536000")
    assert later.returncode == 0, later.stderr
    assert (root / "site" / "agenda.ics").read_bytes() == feed


SITE_FEEDS = {
    ("text/calendar", "agenda.ics"),
    ("application/rss+xml", "agenda.rss.xml"),
    ("application/atom+xml", "agenda.atom.xml"),
    ("application/rss+xml", "artikelen.rss.xml"),
    ("application/atom+xml", "artikelen.atom.xml"),
}


def test_every_page_announces_resolvable_feeds(site: Path) -> None:
    # Every page of the site; not the embed widgets, which are other sites' content.
    pages = sorted(p for p in site.rglob("*.html") if not p.is_relative_to(site / "embed"))
    assert len(pages) >= 8
    for page in pages:
        announced = set()
        for link in alternates(page.read_text(encoding="utf-8")):
            href = str(link["href"])
            assert "://" not in href, (page, href)  # never another origin
            if page.name == "404.html":
                target = site / href.lstrip("/")
            else:
                target = site / urljoin(page.relative_to(site).as_posix(), href)
            assert target.is_file(), (page, href)
            # Feeds stay at the site root (Material fetches sitemap.xml beside them).
            path = target.resolve().relative_to(site.resolve()).as_posix()
            assert "/" not in path, (page, href)
            announced.add((link["type"], path))
        assert SITE_FEEDS <= announced, page


def test_association_page_announces_its_own_feed(site: Path) -> None:
    html = (site / "verenigingen/a-academy/index.html").read_text(encoding="utf-8")
    hrefs = [link["href"] for link in alternates(html)]
    assert "../../agenda.ics" in hrefs and "../../agenda-a-academy.ics" in hrefs
    home = (site / "index.html").read_text(encoding="utf-8")
    assert not any("agenda-" in str(link["href"]) for link in alternates(home))


@pytest.mark.parametrize(
    ("page", "feed"),
    [("agenda", "agenda.ics"), ("verenigingen/a-academy", "agenda-a-academy.ics")],
)
def test_subscribe_block(site: Path, page: str, feed: str) -> None:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    assert 'id="abonneren"' in html
    assert f'href="webcal://alumni.test/{feed}"' in html
    assert (
        'href="https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Falumni.test%2F'
        + feed
        + '"'
    ) in html
    assert f'value="https://alumni.test/{feed}" data-mbo-copy' in html
    assert "8 tot 24 uur" in html


def test_event_page_offers_download_google_and_outlook(site: Path) -> None:
    html = (site / "agenda/voorjaar/index.html").read_text(encoding="utf-8")
    assert 'href="../voorjaar.ics" download' in html
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=" in html
    assert "dates=20270330T173000Z%2F20270330T190000Z" in html
    assert "https://outlook.live.com/calendar/0/action/compose?" in html


@pytest.mark.parametrize("parse", list(PARSERS.values()), ids=list(PARSERS))
def test_real_site_agenda_imports_cleanly(real_site: Path, parse: Parser) -> None:
    events = parse((real_site / "agenda.ics").read_bytes())
    assert {e["start"] for e in events} == {"2020-09-22", "2020-11-03"}
    assert all(e["uid"].startswith("llo-alumnibeleid-2020-") for e in events)
