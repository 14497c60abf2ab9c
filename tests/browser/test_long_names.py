"""A long school name keeps the directory within a phone's width (issue #39, point 9): an
80-character name widened the filter to 623 px at 360 px."""

from __future__ import annotations

from typing import Any

from browser import serve
from conftest import copy_project, mkdocs_build

SCHOOL = "Regionaal Opleidingencentrum voor Techniek, Zorg en Dienstverlening Noord-Oost"


def test_the_filter_fits_at_360_px(chromium: Any, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert len(SCHOOL) >= 78
    extra = (
        "\n- id: zz-lange-naam\n  name: Alumni met een lange schoolnaam\n"
        f"  institution: {SCHOOL}\n  city: Zwolle\n  province: Overijssel\n"
    )
    root = copy_project(tmp_path, associations=extra)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    context = chromium.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    with serve(root / "site") as url:
        page.goto(url + "verenigingen/", wait_until="load")
        page.wait_for_selector("form.mbo-filter:not([hidden])")
        width = page.evaluate("document.querySelector('form.mbo-filter').scrollWidth")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        box = page.locator("#filter-school").bounding_box()
    context.close()
    assert overflow <= 0 and width <= 360 and box and box["x"] + box["width"] <= 360
