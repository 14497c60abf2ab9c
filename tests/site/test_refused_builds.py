"""Whatever `validate` refuses, the build refuses too, before it touches the published tree:
a good build, then each hostile case, and site/ stays exactly as the good build left it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hostile_cases import CASES, Case

from conftest import mini_project, mkdocs_build


def tree(site: Path) -> dict[str, str]:
    """Return {relative path: sha256} of every file under site."""
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = mini_project(tmp_path_factory.mktemp("published"))()
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root, tree(root / "site")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_build_refuses_and_leaves_site_alone(
    case: Case, published: tuple[Path, dict[str, str]]
) -> None:
    root, before = published
    (root / "data" / "associations.yaml").write_text(case.associations, encoding="utf-8")
    (root / "data" / "events.yaml").write_text(case.events, encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{case.file}:{case.line}:" in result.stderr
    assert case.words in result.stderr
    assert tree(root / "site") == before
