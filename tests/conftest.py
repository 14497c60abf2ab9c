"""Fixtures that write whole mini projects into tmp_path and build them with real MkDocs."""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
import sys
import textwrap
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).with_name("mbo-alumni")
STAND_INS = ROOT / "tests" / "stand_ins"  # a recording `gh` for the contrib tests

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

# Two associations in two provinces, one with a published address (its ORGANIZER line).
TWO_ASSOCIATIONS = """\
- id: a-academy
  name: A-Academy
  institution: Koning Willem I College
  city: Tilburg
  province: Noord-Brabant
  email: alumni@a-academy.example.org
- id: b-alumni
  name: Bee Alumni
  institution: Testcollege
  city: Utrecht
  province: Utrecht
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


def mini_project(folder: Path) -> Project:
    """Return a factory: make({path: text}) writes a mini site in `folder`, defaults filled in."""

    def make(overrides: dict[str, str] | None = None) -> Path:
        files = {
            "mkdocs.yml": MKDOCS_YML,
            "docs/index.md": "# Home\n",
            "data/associations.yaml": ASSOCIATIONS,
            "data/events.yaml": EVENTS,
        }
        files.update(overrides or {})
        return write_tree(folder / "project", files)

    return make


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """Return a factory: project({path: text}) writes a mini site, defaults filled in."""
    return mini_project(tmp_path)


def built_mini_site(folder: Path, files: dict[str, str]) -> Path:
    """Write a mini site in `folder` with `files` over the defaults, build it; return site/."""
    root = mini_project(folder)(files)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default mini site, built once per test module for the tests that only read it."""
    root = mini_project(tmp_path_factory.mktemp("mini"))()
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}


@contextmanager
def _environment(root: Path | None, env: dict[str, str]) -> Iterator[None]:
    """Run with `env` added to os.environ and `root` as the working folder, as a shell would."""
    saved, folder = dict(os.environ), Path.cwd()
    os.environ.update(env)
    os.chdir(root or folder)
    try:
        yield
    finally:
        os.chdir(folder)
        os.environ.clear()
        os.environ.update(saved)


class _Lines(logging.Handler):
    """The lines MkDocs' command line would print: 'WARNING -  message'."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


def mkdocs_build(root: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` in root, in this process: what the command line does
    (load_config, on_startup, build, on_shutdown), its log lines and exit code, without
    starting a new Python. `mkdocs_cli` runs the real command where that is the point."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    options = dict(zip(args[::2], args[1::2], strict=True))
    unknown = set(options) - {"--site-dir"}
    assert not unknown, f"mkdocs_build does not know {unknown}; use mkdocs_cli"
    logger, lines = logging.getLogger("mkdocs"), _Lines()
    level = logger.level
    logger.addHandler(lines)
    logger.setLevel(logging.INFO)
    code = 0
    try:
        with _environment(root, {**BUILD_ENV, **extra_env}):
            config = load_config(strict=True, site_dir=options.get("--site-dir"))
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
    except MkDocsException as error:
        lines.lines.append(f"Error: {error.format_message()}")
        code = 1
    except Exception:  # what the command line would show as a traceback
        lines.lines.append("Traceback (in process):\n" + traceback.format_exc())
        code = 1
    finally:
        logger.removeHandler(lines)
        logger.setLevel(level)
    return subprocess.CompletedProcess(["mkdocs", "build", "--strict", *args], code, "",
                                       "\n".join(lines.lines) + "\n")  # fmt: skip


def mkdocs_cli(root: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs build --strict` command in root, as a maintainer would."""
    env = {**os.environ, **BUILD_ENV, **extra_env}
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
    """Run `mbo-alumni` with arguments in this process: its output and exit code, as the
    console script gives them (`cli_process` runs the real script, once per exit code)."""
    from mbo_alumni.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    # a real text stream (MkDocs' load_config looks at sys.stdin.buffer)
    sys.stdin = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
    try:
        with _environment(None, {"SOURCE_DATE_EPOCH": "1795000000", **env}):
            with redirect_stdout(out), redirect_stderr(err):
                try:
                    code = main(list(args))
                except SystemExit as exit_:  # argparse's usage errors
                    code = exit_.code if isinstance(exit_.code, int) else 1
                except Exception:  # what the console script would show as a traceback
                    err.write("Traceback (in process):\n" + traceback.format_exc())
                    code = 1
    finally:
        sys.stdin = saved_stdin
    return subprocess.CompletedProcess(["mbo-alumni", *args], code, out.getvalue(), err.getvalue())


def cli_process(
    *args: str, stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
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


# The modules whose shared fixture takes longest to make run first, so that under xdist they
# overlap with the many short tests instead of finishing last on one worker.
SLOW_FIXTURES_FIRST = ("test_scale.py", "test_another_region.py", "test_browser.py")


# What a test needs decides its markers: `browser` (Chromium), `clients` (calendar programs
# and ical.js), `slow` (it builds a site). `make check` runs the rest.
BUILDS = {"project", "real_site", "mini_site", "site", "knowledge_site", "built_site"}


def _markers(item: pytest.Item) -> set[str]:
    folder = item.path.parent.name
    names = set(getattr(item, "fixturenames", ()))
    found = set()
    if folder == "browser" or "chromium" in names:
        found.add("browser")
    params = getattr(getattr(item, "callspec", None), "params", {})
    # The readers that run outside this Python (ical.js in Node, khal and
    # recurring-ical-events in their own venv); icalendar and `ical` are in-process.
    outside = ("ical.js", "khal", "recurring-ical-events")
    ident = getattr(getattr(item, "callspec", None), "id", "")
    if folder == "clients" or ("parse" in params and any(n in ident for n in outside)):
        found.add("clients")
    if folder == "site" or names & BUILDS or found:
        found.add("slow")
    return found


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for marker in sorted(_markers(item)):
            item.add_marker(marker)

    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return SLOW_FIXTURES_FIRST.index(name) if name in SLOW_FIXTURES_FIRST else 99

    items.sort(key=rank)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def body(form_file: str, answers: dict[str, str]) -> str:
    """Return an issue body as GitHub writes it from an issue form's answers."""
    from mbo_alumni.contrib.issue_form import read_form

    form = read_form(ROOT / ".github" / "ISSUE_TEMPLATE" / form_file)
    parts = []
    for field in form.fields:
        value = answers.get(field.id, answers.get(field.key, ""))
        if field.kind == "checkboxes":
            value = f"- [{'X' if value else ' '}] {value or 'ja'}"
        parts.append(f"### {field.label}\n\n{value or '_No response_'}")
    return "\n\n".join(parts) + "\n"
