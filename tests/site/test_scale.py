"""A generated mid-sized data set: no page over 150 KB, every event and association within
three clicks of the home page. (The 2,000 + 10,000 figures come from `make bench`.)"""

from __future__ import annotations

import random
import re
import sys
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, mkdocs_build, write_tree

sys.path.insert(0, str(ROOT / "bench"))
import bench  # noqa: E402  (the benchmark's data generator: one shape of synthetic data)

LIMIT = 150 * 1024
HOME = "# Home\n\n[Agenda](agenda/index.md) · [Verenigingen](verenigingen/index.md)\n"
HREF = re.compile(r'href="([^"#?]*)[^"]*"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(3)
    root = write_tree(
        tmp_path_factory.mktemp("scale"),
        {
            "mkdocs.yml": bench.MKDOCS_YML.format(plugin="  - mbo-alumni"),
            "docs/index.md": HOME,
            "data/associations.yaml": bench.associations_yaml(400, rng),
            "data/events.yaml": bench.events_yaml(3000, 400, rng),
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
