"""The plugin beside Material's blog and tags plugins: it claims only its own pages."""

from __future__ import annotations

from pathlib import Path

import feedparser

from conftest import ASSOCIATIONS, EVENTS, mkdocs_build, write_tree

MKDOCS_YML = """\
site_name: Buren
site_url: https://buren.test/
theme:
  name: material
  language: nl
  font: false
plugins:
  - search
  - blog
  - tags
  - mbo-alumni:
      articles_dir: verslagen
"""
POST = """\
---
date:
  created: 2026-10-01
tags: [Nieuws, Iets heel anders]
---

# Een blogbericht

Tekst van het blog.
"""
REPORT = """\
---
title: Een verslag
date: 2026-09-30
tags: [Ambassadeurs]
---

# Een verslag

Tekst.
"""
OTHER = """\
---
date: gisteren
tags: [Wat dan ook]
---

# Een pagina met eigen front matter
"""


def project(tmp_path: Path, pages: dict[str, str]) -> Path:
    """Write a site with our plugin beside Material's blog and tags plugins."""
    return write_tree(
        tmp_path,
        {
            "mkdocs.yml": MKDOCS_YML,
            "docs/index.md": "# Home\n",
            "docs/blog/index.md": "# Blog\n",
            "data/associations.yaml": ASSOCIATIONS,
            "data/events.yaml": EVENTS,
            "data/themes.yaml": "- id: ambassadeurs\n  name: Ambassadeurs\n",
            **pages,
        },
    )


def test_blog_and_tags_plugins_beside_ours(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "docs/blog/posts/bericht.md": POST,
            "docs/verslagen/verslag.md": REPORT,
            "docs/pagina.md": OTHER,  # 'date' and 'tags' we would refuse in an article
        },
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert (site / "blog" / "2026" / "10" / "01" / "een-blogbericht" / "index.html").is_file()
    # Only our folder's pages are articles: in the article feed, with "article" previews.
    feed = feedparser.parse((site / "verslagen.atom.xml").read_bytes())  # named by the folder
    assert [entry.title for entry in feed.entries] == ["Een verslag"]
    report = (site / "verslagen" / "verslag" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:type" content="article">' in report
    page = (site / "pagina" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:type" content="website">' in page


def test_a_mistake_in_our_folder_is_still_named(tmp_path: Path) -> None:
    root = project(
        tmp_path, {"docs/verslagen/verslag.md": REPORT.replace("Ambassadeurs", "Ambasadeurs")}
    )
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "docs/verslagen/verslag.md:4:" in result.stderr
    assert "bedoel je 'Ambassadeurs'?" in result.stderr
