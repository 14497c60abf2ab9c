"""What a visitor's phone gets: per page kind, the HTML and its gzip size, the search index, the
sitemap fetches counted in Chromium, and (at one size) Google Lighthouse's mobile scores.

Usage: .venv/bin/python bench/pages.py [ASSOCIATIONS EVENTS] ...   (pairs; default 1000 5000
2000 10000; Lighthouse runs on 300 + 2000). `make bench-pages` installs Lighthouse first.

Every site is this repository as deployed (its mkdocs.yml, pages, overrides, hooks, data and
REPO_URL set) with the benchmark's generated associations and events added to its data.
Prints Markdown tables; asserts nothing (a benchmark, not a test).
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
import bench  # noqa: E402  (the benchmark's data generator)
from browser import CHROMIUM_ARGS, serve  # noqa: E402  (the tests' static server and flags)

LIGHTHOUSE = ROOT / "bench" / "js" / "node_modules" / ".bin" / "lighthouse"
# Lighthouse needs the full browser (its headless mode); the tests use the headless shell.
BROWSER = os.environ.get("LIGHTHOUSE_CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE_SIZE = (300, 2000)
KINDS = {
    "home": "",
    "directory": "verenigingen/",
    "association": "verenigingen/vereniging-00000/",
    "agenda": "agenda/",
    "month": None,  # the first month page of the upcoming year, found in the built site
    "event": "agenda/evenement-00001/",
    "province": "provincies/utrecht/",
    "theme": "themas/studenten/",
    "article": "artikelen/verslag-binden-en-boeien/",
    "zelfcheck": "zelfcheck/",
    "join": "meedoen/",
    "change": "meedoen/wijzigen/",
}


def project(folder: Path, associations: int, events: int) -> Path:
    """Copy the repository's site into `folder` with generated entries added to its data."""
    for part in ("docs", "overrides", "hooks", "data", ".github"):
        shutil.copytree(ROOT / part, folder / part)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    themes = yaml.safe_load((ROOT / "data" / "themes.yaml").read_text(encoding="utf-8"))
    bench.THEMES = [theme["id"] for theme in themes]  # the generator tags with the site's themes
    rng = random.Random(42)
    with (folder / "data" / "associations.yaml").open("a", encoding="utf-8") as handle:
        handle.write(bench.associations_yaml(associations, rng))
    with (folder / "data" / "events.yaml").open("a", encoding="utf-8") as handle:
        handle.write(bench.events_yaml(events, associations, rng))
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1795000000",
        "REPO_URL": "https://github.com/mbo/alumni",
    }
    subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs")), "build", "-q"],
        cwd=folder, env=env, check=True, capture_output=True,
    )  # fmt: skip
    return folder / "site"


def kinds(site: Path) -> dict[str, str]:
    months = sorted(p.parent.name for p in (site / "agenda" / "maand").glob("*/index.html"))
    month = next((m for m in months if m >= "2027"), months[-1])
    return {
        kind: (path if path is not None else f"agenda/maand/{month}/")
        for kind, path in KINDS.items()
    }


def sizes(site: Path, path: str) -> tuple[int, int]:
    data = (site / path / "index.html").read_bytes() if path else (site / "index.html").read_bytes()
    return len(data), len(gzip.compress(data, 6))


def sitemap_fetches(base: str, paths: dict[str, str]) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM

    counts = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for kind, path in paths.items():
            page = browser.new_page()
            seen: list[str] = []
            page.on("request", lambda request, seen=seen: seen.append(request.url))
            page.goto(base + path, wait_until="networkidle")
            counts[kind] = sum(1 for url in seen if "sitemap.xml" in url)
            page.close()
        browser.close()
    return counts


def lighthouse(url: str) -> dict[str, Any]:
    """One mobile Lighthouse run (its default: a mid-range phone, slow 4G, 4x CPU slowdown)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out.name}",
             "--only-categories=performance,accessibility",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            env={**os.environ, "CHROME_PATH": BROWSER}, check=True, capture_output=True,
        )  # fmt: skip
        report = json.loads(Path(out.name).read_text(encoding="utf-8"))
    audits = report["audits"]
    failed = [
        ref["id"]
        for ref in report["categories"]["accessibility"]["auditRefs"]
        if ref["weight"] and audits[ref["id"]]["score"] not in (None, 1)
    ]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "failed": failed,
    }


def table(head: list[str], rows: list[list[object]]) -> None:
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    print()


def measure(tmp: Path, associations: int, events: int) -> None:
    label = f"this repository + {associations} + {events}"
    site = project(tmp / f"site-{associations}", associations, events)
    paths = kinds(site)
    with serve(site) as base:
        fetches = sitemap_fetches(base, paths)
    index = (site / "search" / "search_index.json").read_bytes()
    print(f"### {label}\n")
    print(
        f"search index: {len(index) / 1024:.0f} KiB, gzip {len(gzip.compress(index, 6)) / 1024:.0f}"
        f" KiB; sitemap.xml {(site / 'sitemap.xml').stat().st_size / 1024:.0f} KiB\n"
    )
    rows = []
    for kind, path in paths.items():
        raw, packed = sizes(site, path)
        rows.append([kind, path or "/", f"{raw / 1024:.1f}", f"{packed / 1024:.1f}", fetches[kind]])
    table(["page kind", "path", "HTML KiB", "gzip KiB", "sitemap fetches"], rows)


def measure_lighthouse(tmp: Path) -> None:
    associations, events = LIGHTHOUSE_SIZE
    site = project(tmp / "lighthouse", associations, events)
    paths = kinds(site)
    print(f"### Lighthouse 12, mobile, this repository + {associations} + {events}\n")
    rows = []
    with serve(site) as base:
        for kind, path in paths.items():
            run = lighthouse(base + path)
            rows.append([
                kind, run["performance"], run["accessibility"], f"{run['tbt']:.0f}",
                f"{run['cls']:.3f}", f"{run['lcp']:.1f}", ", ".join(run["failed"]) or "-",
            ])  # fmt: skip
    table(["page kind", "performance", "accessibility", "TBT ms", "CLS", "LCP s", "a11y failed"],
          rows)  # fmt: skip


def main() -> None:
    numbers = [int(n) for n in sys.argv[1:]] or [1000, 5000, 2000, 10000]
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for associations, events in zip(numbers[::2], numbers[1::2], strict=True):
            measure(tmp, associations, events)
        if LIGHTHOUSE.exists():
            measure_lighthouse(tmp)
        else:
            print("(Lighthouse not installed: `make bench-pages` installs it in bench/js.)")


if __name__ == "__main__":
    main()
