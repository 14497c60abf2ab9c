"""Hardening: bounded work on hostile files, no path escapes, reproducible builds, and
property-based checks that validation never crashes on any input.
"""

from __future__ import annotations

import hashlib
import shutil
import string
import time
import tracemalloc
from datetime import date
from pathlib import Path, PurePosixPath

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, mkdocs_build
from mbo_alumni.core.problems import DataError, Problem
from mbo_alumni.core.urls import Paths, page_source
from mbo_alumni.source.fields import SLUG_PATTERN
from mbo_alumni.source.load import load
from mbo_alumni.source.model import ASSOCIATION_KEYS, EVENT_KEYS

VALID_EVENTS = "[]\n"


def write(folder: Path, associations: str, events: str = VALID_EVENTS) -> Path:
    (folder / "associations.yaml").write_text(associations, encoding="utf-8")
    (folder / "events.yaml").write_text(events, encoding="utf-8")
    return folder


def assert_positioned(error: DataError, folder: Path) -> None:
    assert error.problems
    for problem in error.problems:
        assert isinstance(problem, Problem)
        assert Path(problem.file).parent == folder
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message and "Traceback" not in problem.message


def test_billion_laughs_is_refused_without_memory_growth(tmp_path: Path) -> None:
    lines = ['a0: &a0 "hahahahahahahahahaha"']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    write(tmp_path, "\n".join(lines) + "\n")
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(DataError) as raised:
        load(tmp_path)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert_positioned(raised.value, tmp_path)
    assert peak < 20 * 1024 * 1024, peak  # 10**11 expanded nodes would need terabytes
    assert elapsed < 5, elapsed  # a guard against expansion, not a benchmark


SLUGS = st.from_regex(SLUG_PATTERN.replace("^", r"\A").replace("$", r"\Z"), fullmatch=True)


@given(SLUGS.filter(lambda s: len(s) <= 64))
def test_no_accepted_id_makes_a_path_outside_the_site(ident: str) -> None:
    paths = Paths()
    pages = (paths.association_page(ident), paths.event_page(ident), paths.theme_page(ident))
    for source in map(page_source, pages):
        path = PurePosixPath(source)
        assert ".." not in path.parts and not path.is_absolute()
        assert path.parts[0] in ("verenigingen", "agenda", "themas") and len(path.parts) == 3


def tree_digest(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    digests = []
    for name in ("one", "two"):
        project = tmp_path / name
        for folder in ("docs", "overrides", "hooks", "data"):
            shutil.copytree(ROOT / folder, project / folder)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr
        digests.append(tree_digest(project / "site"))
        time.sleep(1.1)  # a second build a second later must not differ either
    assert digests[0] == digests[1]
    names = set(digests[0])
    for expected in ["sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "agenda.ics",
                     "agenda.atom.xml", "api/events.json", "index.html"]:  # fmt: skip
        assert expected in names


# --- property-based: any input is either accepted or refused with positions ---------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 1, 1)),
    st.text(max_size=40),
    st.sampled_from(["14:00", "no", "yes", "on", "0123", "2027-03-28 02:30", "<b>x</b>",
                     "javascript:alert(1)", "https://example.org", "Noord-Brabant", "a-b"]),
)  # fmt: skip
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
KEYS = st.sampled_from(sorted(set(ASSOCIATION_KEYS) | set(EVENT_KEYS))) | st.text(max_size=10)
ENTRIES = st.lists(st.dictionaries(KEYS, VALUES, max_size=8), max_size=4)
PROPERTY = settings(
    max_examples=120,
    deadline=1000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check_any(folder: Path, associations: str, events: str) -> None:
    write(folder, associations, events)
    try:
        load(folder)
    except DataError as error:
        assert_positioned(error, folder)


@PROPERTY
@given(associations=ENTRIES, events=ENTRIES)
def test_any_yaml_structure_is_accepted_or_refused_with_positions(
    tmp_path: Path, associations: list, events: list
) -> None:
    dump = lambda value: yaml.safe_dump(value, allow_unicode=True)  # noqa: E731
    check_any(tmp_path, dump(associations), dump(events))


@PROPERTY
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_is_accepted_or_refused_with_positions(tmp_path: Path, text: str) -> None:
    check_any(tmp_path, text, text)


YAMLISH = st.text(alphabet=string.printable + "ëé€\t", max_size=200)


@PROPERTY
@given(text=YAMLISH)
def test_yaml_like_noise_is_accepted_or_refused_with_positions(tmp_path: Path, text: str) -> None:
    check_any(tmp_path, "- id: a\n  name: " + text, "- " + text)


def test_loading_again_and_again_keeps_nothing_behind(tmp_path: Path) -> None:
    # PyYAML's constructor remembers every node it built; a module-level one used to keep
    # them all, growing with every rebuild of `mkdocs serve`.
    from mbo_alumni.source import yaml_scalars as yaml_source

    (tmp_path / "associations.yaml").write_text(
        "- id: a\n  name: Aa\n  institution: B\n  city: C\n  province: Utrecht\n  founded: 2015\n"
    )
    (tmp_path / "events.yaml").write_text("- id: e\n  title: T\n  start: 2027-01-01\n")
    for _ in range(3):
        load(tmp_path)
    assert len(yaml_source._CONSTRUCTOR.constructed_objects) == 0
