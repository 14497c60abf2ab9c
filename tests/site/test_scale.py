"""A generated mid-sized data set: no page over 150 KB, every event and association within
three clicks of the home page, and every one found by its name in Material's search, in
Chromium. (The 2,000 + 10,000 figures come from `make bench`.)"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import deque
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from browser import serve
from conftest import ROOT, mkdocs_build, write_tree

sys.path.insert(0, str(ROOT / "bench"))
import bench  # noqa: E402  (the benchmark's data generator: one shape of synthetic data)

LIMIT = 150 * 1024
HOME = "# Home\n\n[Agenda](agenda/index.md) · [Verenigingen](verenigingen/index.md)\n"
HREF = re.compile(r'href="([^"#?]*)[^"]*"')
# Names made of words, as real ones are: the benchmark numbers its entries ("Bijeenkomst 17"),
# and a number is a prefix of many others ("17" of "170"-"179"), which no real name list has.
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
LAST = [c + v for c in "bdfgklmnprstvz" for v in "aou"]  # no ending a stemmer would cut


def word(number: int) -> str:
    """Return a made-up word, the same length for every number below 70 * 70 * 42."""
    first, rest = divmod(number, len(LAST))
    second, third = divmod(first, len(SYLLABLES))
    return (SYLLABLES[second] + SYLLABLES[third] + LAST[rest]).capitalize()


def worded(text: str, key: str, prefix: str, offset: int) -> str:
    pattern = rf"^(  |- ){key}: {prefix} (\d+)$"
    return re.sub(
        pattern, lambda m: f"{m[1]}{key}: {prefix} {word(offset + int(m[2]))}", text, flags=re.M
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(3)
    root = write_tree(
        tmp_path_factory.mktemp("scale"),
        {
            "mkdocs.yml": bench.MKDOCS_YML.format(plugin="  - mbo-alumni"),
            "docs/index.md": HOME,
            "data/associations.yaml": worded(
                bench.associations_yaml(400, rng), "name", "Alumnivereniging", 0
            ),
            "data/events.yaml": worded(
                bench.events_yaml(3000, 400, rng), "title", "Bijeenkomst", 400
            ),
            "data/themes.yaml": bench.THEMES_YAML,
        },
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_no_page_over_150_kb(site: Path) -> None:
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert len(sizes) > 3400
    biggest = max(sizes, key=sizes.__getitem__)
    assert sizes[biggest] <= LIMIT, (biggest, sizes[biggest])


def test_every_event_and_association_within_three_clicks(site: Path) -> None:
    depth = {"": 0}
    queue = deque([""])
    while queue:
        url = queue.popleft()
        if depth[url] == 3:
            continue
        page = site / url / "index.html"
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            target = urljoin("https://x.test/" + url, href)
            parts = urlsplit(target)
            if parts.netloc != "x.test" or not parts.path.endswith("/"):
                continue
            path = parts.path.lstrip("/")
            if path not in depth and (site / path / "index.html").is_file():
                depth[path] = depth[url] + 1
                queue.append(path)
    wanted = [
        p.parent.relative_to(site).as_posix() + "/"
        for folder in ("agenda", "verenigingen")
        for p in (site / folder).glob("*/index.html")
        if p.parent.name != "maand"
    ]
    assert len(wanted) == 3400
    missing = [page for page in wanted if page not in depth]
    assert not missing, missing[:5]


# Material's own search engine, as the search box uses it: its worker (lunr with the site's
# language) gets the site's index and then each query exactly as a visitor would type it.
# Returns, per query, the pages of the results in their order.
SEARCH = """async queries => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const worker = new Worker(new URL(config.search, location.href));
  const index = await (await fetch("search/search_index.json")).json();
  const reply = () => new Promise(done => { worker.onmessage = event => done(event.data); });
  // As Material's bundle sends it: the index, and the features that shape a search.
  const suggest = config.features.includes("search.suggest");
  worker.postMessage({type: 0, data: {...index, options: {suggest}}});
  await reply();
  const found = [];
  for (const query of queries) {
    worker.postMessage({type: 2, data: query});
    const result = await reply();
    found.push(result.data.items.map(group => group[0].location));
  }
  worker.terminate();
  return found;
}"""


def test_every_entry_is_found_by_its_name_in_the_search(chromium: Any, site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {
        doc["location"]: doc["title"]
        for doc in index["docs"]
        if re.fullmatch(r"(agenda|verenigingen)/(?!maand/)[^/]+/", doc["location"])
    }
    assert len(entries) == 3400 and len(set(entries.values())) == 3400
    with serve(site) as base:
        page = chromium.new_page()
        page.goto(base)
        found = page.evaluate(SEARCH, list(entries.values()))
        page.close()
    # Found by its name: among the first ten results, those the search shows without scrolling.
    missing = [
        (title, location, results[:3])
        for (location, title), results in zip(entries.items(), found, strict=True)
        if location not in results[:10]
    ]
    assert not missing, (len(missing), missing[:5])
