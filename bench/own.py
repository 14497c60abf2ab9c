"""The benchmark's second baseline: this repository's own configuration.

`ours` is a copy of the repository (its mkdocs.yml: the whole navigation, the tags plugin, the
hooks, the articles and pages) with the benchmark's data added to the real data. `plain` is
the same copy without the plugin: the same mkdocs.yml minus `mbo-alumni`, the nav's generated
pages and as many few-line pages as the plugin makes in their place. Both are built in
interleaved rounds; the figure is the one a maintainer lives with (the build is also the
`mkdocs serve` loop and the deploy's daily job).
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("docs", "overrides", "hooks", ".github")
# The plugin's pages the site's nav names; the plain copy gets a few-line page at each.
NAV_PAGES = ("verenigingen/index.md", "agenda/index.md", "themas/index.md")


def _copy(target: Path) -> None:
    for folder in COPIED:
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")


def ours_tree(target: Path, associations: str, events: str, themes: str) -> Path:
    """Copy the repository with the benchmark's data after the real data."""
    _copy(target)
    shutil.copytree(ROOT / "data", target / "data")
    data = target / "data"
    with (data / "associations.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + associations)
    with (data / "events.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + events)
    known = {t["id"] for t in yaml.safe_load((data / "themes.yaml").read_text(encoding="utf-8"))}
    extra = [t for t in yaml.safe_load(themes) if t["id"] not in known]
    if extra:
        with (data / "themes.yaml").open("a", encoding="utf-8") as handle:
            handle.write("\n" + yaml.safe_dump(extra, allow_unicode=True, sort_keys=False))
    return target


def plain_tree(target: Path, pages: int, page: Callable[[int], str]) -> Path:
    """Copy the repository without the plugin: the same nav, `pages` pages in all."""
    _copy(target)
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n  - mbo-alumni:\n(      .*\n)*", "\n", config)
    config = config.replace("strict: true", "strict: false")  # links into the plugin's pages
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    (target / "overrides" / "meedoen.html").unlink()  # it imports the plugin's templates
    docs = target / "docs"
    for path in docs.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^template: .*\n", "", text), encoding="utf-8")
    for name in NAV_PAGES:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(page(0), encoding="utf-8")
    have = sum(1 for _ in docs.rglob("*.md"))
    for i in range(max(0, pages - have)):
        (docs / f"p{i:06d}.md").write_text(page(i), encoding="utf-8")
    return target


def measure_own(
    associations: int,
    events: int,
    tmp: Path,
    data: Callable[[random.Random], tuple[str, str, str]],
    page: Callable[[int], str],
    run_build: Callable[[Path], dict[str, Any]],
    rounds: int,
) -> dict[str, Any]:
    """Return the best of `rounds` interleaved builds of ours and plain in the site's own
    configuration, with peak memory."""
    rng = random.Random(42)
    ours = ours_tree(tmp / f"own-ours-{associations}", *data(rng))
    first = run_build(ours / "mkdocs.yml")
    site = ours / "site"
    pages = sum(1 for p in site.rglob("*.html") if not p.is_relative_to(site / "embed"))
    plain = plain_tree(tmp / f"own-plain-{associations}", pages - 1, page)  # minus 404.html
    runs, plains = [first], [run_build(plain / "mkdocs.yml")]
    for _ in range(rounds - 1):
        runs.append(run_build(ours / "mkdocs.yml"))
        plains.append(run_build(plain / "mkdocs.yml"))
    best, baseline = min(runs, key=_seconds), min(plains, key=_seconds)
    plain_pages = sum(1 for _ in (plain / "site").rglob("*.html"))
    return {
        "data": f"{associations} + {events}",
        "pages": pages,
        "plain_pages": plain_pages,
        "seconds": best["seconds"],
        "plain": baseline["seconds"],
        "peak": best["peak_mib"],
        "plain_peak": baseline["peak_mib"],
        "runs": ([r["seconds"] for r in runs], [r["seconds"] for r in plains]),
    }


def _seconds(run: dict[str, Any]) -> float:
    return float(run["seconds"])
