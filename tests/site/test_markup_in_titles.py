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


def test_only_the_templates_own_scripts_may_run(tmp_path: Path, chromium) -> None:  # type: ignore[no-untyped-def]
    """The page policy hashed every inline script it found on the written page, so any script
    that reached a page ran; now only the theme's and our templates' own scripts are hashed."""
    from browser import serve
    from mbo_alumni.core.csp import template_scripts

    page = "# Tips\n\n<script>document.title = 'gekaapt';</script>\n\nTekst.\n"
    root = write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n",
                                 "docs/tips.md": page, "data/associations.yaml": ASSOCIATIONS,
                                 "data/events.yaml": EVENTS})  # fmt: skip
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    context = chromium.new_context()
    tab = context.new_page()
    with serve(root / "site") as url:
        tab.goto(url + "tips/", wait_until="load")
        title = tab.title()
        scope = tab.evaluate("typeof __md_scope")  # the theme's own inline script ran
    context.close()
    assert title != "gekaapt" and scope == "object"
    # A value inside a template's script can be a path or a list of names, never code.
    import material

    shapes = template_scripts([Path(material.__file__).parent / "templates"])
    base = (Path(material.__file__).parent / "templates/partials/javascripts/base.html").read_text()
    script = base.split("<script>")[1].split("</script>")[0]
    assert shapes.fullmatch(script.replace("{{ config.extra.scope | d(base_url) }}", "../.."))
    assert not shapes.fullmatch(
        script.replace("{{ config.extra.scope | d(base_url) }}", '");alert(1);("')
    )
