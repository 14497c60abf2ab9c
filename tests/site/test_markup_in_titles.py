"""A page title with markup is refused (issue #39, point 7): Material prints a title raw in
its header, and the page's Content-Security-Policy hashed every inline script it found on the
written page, so `<script>` in an article's title ran in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ASSOCIATIONS, EVENTS, MKDOCS_YML, mkdocs_build, write_tree

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "page",
    [
        "---\ntitle: Tips <script>document.title='x'</script>\n---\n\n# Tips\n",
        "---\ntitle: Tips <img src=x>\n---\n\nTekst.\n",
    ],
)
def test_a_title_with_markup_is_refused(tmp_path: Path, page: str) -> None:
    root = write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n",
                                 "docs/tips.md": page, "data/associations.yaml": ASSOCIATIONS,
                                 "data/events.yaml": EVENTS})  # fmt: skip
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "tips.md: de titel" in result.stderr and "bevat < of >" in result.stderr
    assert "Traceback" not in result.stderr
