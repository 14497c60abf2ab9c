"""The files beside the pages can be made in a second process while the pages render
(MBO_ALUMNI_BACKGROUND=1): the site is the same as when the build's own process makes them
(the default), and a failure in either fails the build with a message."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import mini_project, mkdocs_build
from mbo_alumni.outputs import generators
from mbo_alumni.outputs.planned import Output


def _tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_second_process_makes_the_same_site(tmp_path: Path) -> None:
    root = mini_project(tmp_path)()
    both = mkdocs_build(root, "--site-dir", str(tmp_path / "both"), MBO_ALUMNI_BACKGROUND="1")
    one = mkdocs_build(root, "--site-dir", str(tmp_path / "one"))  # the default: in place
    assert both.returncode == 0 and one.returncode == 0, both.stderr + one.stderr
    made, alone = _tree(tmp_path / "both"), _tree(tmp_path / "one")
    assert any(path.endswith(".ics") for path in made)
    assert made == alone


def _broken(build: Any) -> Iterator[Output]:
    def make() -> bytes:
        raise RuntimeError("de schijf is vol")

    yield Output("api/kapot.json", make)


@pytest.mark.parametrize("switch", ["1", "0"])
def test_a_failure_making_a_file_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, switch: str
) -> None:
    monkeypatch.setattr(generators, "GENERATORS", (*generators.GENERATORS, _broken))
    result: subprocess.CompletedProcess[str] = mkdocs_build(
        mini_project(tmp_path)(), MBO_ALUMNI_BACKGROUND=switch
    )
    assert result.returncode == 1
    assert "konden niet worden gemaakt" in result.stderr
    assert "RuntimeError: de schijf is vol" in result.stderr
    assert "Traceback (in process)" not in result.stderr  # refused, not crashed
