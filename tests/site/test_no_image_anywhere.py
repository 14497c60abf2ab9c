"""The rule "no raw HTML, no images" holds in every output (issue #39, point 6): a code span,
a backslash escape or HTML entities in a description used to put a live <img> into the RSS
<description>, which feedparser kept after sanitising, so every subscriber's reader loaded
the tracking pixel. Each output is read by what reads it: feeds by feedparser, pages as HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from conftest import ASSOCIATIONS, MKDOCS_YML, mkdocs_build, write_tree

pytestmark = pytest.mark.slow

TRACKER = "tracker.example"
DESCRIPTION = (
    f'"Een `<img src=\\"https://{TRACKER}/a.gif\\">` en \\\\<img src=\\"https://{TRACKER}/b.gif\\">'
    f' en &lt;img src=\\"https://{TRACKER}/c.gif\\"&gt; en &#60;img src=\\"https://{TRACKER}/d.gif\\"&#62;"'
)


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            # what the browser or reader would load or follow: the address's own host
            host = urlsplit(value.strip().split(" ")[0]).hostname or "" if value else ""
            if host.endswith(TRACKER) and name in ("src", "srcset", "href", "poster"):
                self.sources.append(f"<{tag} {name}={value}>")


def images(markup: str) -> list[str]:
    parser = _Images()
    parser.feed(markup)
    return parser.sources


def test_no_output_loads_anything_from_a_description(tmp_path: Path) -> None:
    events = (
        f"- id: feest\n  title: Feest\n  start: 2027-05-01\n  organizer: a-academy\n"
        f"  description: {DESCRIPTION}\n"
    )
    root = write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n",
                                 "data/associations.yaml": ASSOCIATIONS,
                                 "data/events.yaml": events})  # fmt: skip
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    feeds = [p for p in site.rglob("*.xml") if p.name != "sitemap.xml"]
    assert len(feeds) >= 4
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        for entry in parsed.entries:
            texts = [entry.get("summary", "")] + [c.value for c in entry.get("content", [])]
            assert not any(images(text) for text in texts), (feed.name, texts)
    pages = list(site.rglob("*.html"))
    assert any(TRACKER in p.read_text(encoding="utf-8") for p in pages)  # shown, as text
    for page in pages:
        assert images(page.read_text(encoding="utf-8")) == [], page
