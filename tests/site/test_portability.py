"""The same site from ProperDocs, and a serve loop that does not re-read unchanged data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, Project, mkdocs_build


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_pages_and_feeds(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    properdocs = Path(sys.executable).with_name("properdocs")
    result = subprocess.run(
        [str(properdocs), "build", "--strict", "--site-dir", str(tmp_path / "properdocs")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert mkdocs_build(ROOT, "--site-dir", str(tmp_path / "mkdocs")).returncode == 0
    theirs, ours = tree(tmp_path / "properdocs"), tree(tmp_path / "mkdocs")
    assert set(theirs) == set(ours)
    for name in ours:
        if name.endswith((".ics", ".xml", ".json")) and not name.startswith("search/"):
            assert theirs[name] == ours[name], name  # feeds and open data: byte for byte
    for name in [n for n in ours if n.endswith(".html")]:
        # Pages differ only in the generator's name in <meta name="generator">.
        strip = lambda html: b"\n".join(  # noqa: E731
            line for line in html.splitlines() if b'name="generator"' not in line
        )
        assert strip(theirs[name]) == strip(ours[name]), name


REBUILD = """
import sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config

def once():
    config = load_config(config_file=sys.argv[1])
    started = time.perf_counter()
    build(config)
    plugin = config.plugins["mbo-alumni"]
    return plugin.cache.hit, time.perf_counter() - started

print(once())
open(sys.argv[2], "a").write("\\nNieuwe alinea.\\n")  # edit a Markdown page, as in mkdocs serve
print(once())
open(sys.argv[3], "a").write("\\n")  # edit a data file
print(once())
"""


def test_serve_rebuild_reuses_unchanged_data(project: Project) -> None:
    root = project()
    result = subprocess.run(
        [sys.executable, "-c", REBUILD, str(root / "mkdocs.yml"), str(root / "docs/index.md"),
         str(root / "data/events.yaml")],
        cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
        text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    runs = [eval(line) for line in result.stdout.split("\n") if line.startswith("(")]  # noqa: S307
    assert [cached for cached, _ in runs] == [False, True, False]
