"""Fixtures that write whole mini projects into tmp_path and build them with real MkDocs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).with_name("mbo-alumni")

MKDOCS_YML = """\
site_name: Testsite
site_url: https://alumni.test/
theme:
  name: material
  language: nl
  font: false
plugins:
  - search
  - mbo-alumni
nav:
  - Home: index.md
  - Verenigingen: verenigingen/index.md
  - Agenda: agenda/index.md
"""

ASSOCIATIONS = """\
- id: a-academy
  name: A-Academy
  institution: Koning Willem I College
  city: "'s-Hertogenbosch"
  province: Noord-Brabant
- id: noorderlicht
  name: Noorderlicht Alumni
  institution: Testcollege Noord
  city: Leeuwarden
  province: Friesland
"""

EVENTS = """\
- id: voorjaar
  title: Voorjaarsbijeenkomst
  start: 2027-03-30 19:30
  end: 2027-03-30 21:00
  organizer: [a-academy, noorderlicht]
  location: {name: Aula, city: Den Bosch}
- id: oud
  title: Oude bijeenkomst
  start: 2020-09-22
  organizer: a-academy
"""


REPO_URL = "https://github.com/mbo/alumni"  # as the deploy workflow sets it


def copy_project(target: Path, associations: str = "", events: str = "") -> Path:
    """Copy the real site's configuration, pages, overrides, hooks, data and issue forms into
    `target`, with extra YAML appended to the data files; return target."""
    for folder in ("docs", "overrides", "hooks", "data", ".github"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    with (target / "data" / "associations.yaml").open("a", encoding="utf-8") as handle:
        handle.write(associations)
    with (target / "data" / "events.yaml").open("a", encoding="utf-8") as handle:
        handle.write(events)
    return target


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write {relative path: text} under root, dedenting each text; return root."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


Project = Callable[..., Path]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """Return a factory: project({path: text}) writes a mini site, defaults filled in."""

    def make(overrides: dict[str, str] | None = None) -> Path:
        files = {
            "mkdocs.yml": MKDOCS_YML,
            "docs/index.md": "# Home\n",
            "data/associations.yaml": ASSOCIATIONS,
            "data/events.yaml": EVENTS,
        }
        files.update(overrides or {})
        return write_tree(tmp_path / "project", files)

    return make


def mkdocs_build(root: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """Run a real `mkdocs build --strict` in root, as a maintainer would."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1795000000",
        **extra_env,
    }
    return subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def validate(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the real `mbo-alumni validate` console script."""
    return cli("validate", "--data", str(data_dir), **env)


def cli(*args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the real `mbo-alumni` console script with arguments."""
    return subprocess.run(
        [str(CLI), *args],
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795000000", **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="session")
def chromium():  # type: ignore[no-untyped-def]
    """A headless Debian Chromium, shared by the browser tests."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built once from the real data and docs."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = mkdocs_build(ROOT, "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site
