"""A generated page skips MkDocs' Markdown conversion only where there is nothing to convert:
what it sets is what MkDocs' own conversion of the same page gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from mbo_alumni.site_files import GeneratedPage

FRONT = '---\ntitle: "Bijeenkomst &amp; meer"\ntemplate: "mbo-alumni/event.html"\n---\n'


def _config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Alumni\nmarkdown_extensions:\n  - admonition\n  - md_in_html\n"
        "  - toc:\n      permalink: false\n  - attr_list\n",  # as this site's mkdocs.yml
        encoding="utf-8",
    )
    return load_config(config_file=str(tmp_path / "mkdocs.yml"))


def _rendered(kind: type[Page], config: MkDocsConfig, markdown: str | None = None) -> Any:
    # As File.generated makes it (which only works inside a plugin's event).
    file = File("agenda/x.md", src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
    file.content_string = FRONT
    page = kind(None, file, config)
    page.read_source(config)
    if markdown is not None:  # what another plugin's on_page_markdown may return
        page.markdown = markdown
    page.render(config, Files([file]))
    return (page.content, [(t.title, t.id) for t in page.toc], page._title_from_render,
            page.present_anchor_ids, page.links_to_anchors, page.title)  # fmt: skip


@pytest.mark.parametrize("markdown", [None, "", "  \n\n", "## Tussenkop {#kop}\n\nTekst.\n"])
def test_a_generated_page_renders_as_mkdocs_does(tmp_path: Path, markdown: str | None) -> None:
    config = _config(tmp_path)
    ours, theirs = _rendered(GeneratedPage, config, markdown), _rendered(Page, config, markdown)
    assert ours == theirs
    if markdown and markdown.strip():  # converted as usual
        assert "<h2" in ours[0] and ours[1] == [("Tussenkop", "kop")]
