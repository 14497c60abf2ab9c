"""Mends for Material's JavaScript where it costs every visitor (Material 9.8).

Material's "alternate" integration (`integrations/alternate/index.ts`, started from
`bundle.ts` on every page) takes every `<link rel="alternate">` for a language version of the
site and fetches `sitemap.xml` beside each one, deduplicated by the link's URL, not by the
sitemap's. The feeds every page announces (a calendar and four news feeds) are alternates too:
five fetches and parses of the whole sitemap per page view (measured: up to 2.3 s of blocking
time on a phone profile with 2,000 events). Language versions are the links with `hreflang`
(as Material writes them for `extra.alternate`); narrowing the selector to those keeps that
feature and leaves the feed links, which feed readers need, alone.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.mbo_alumni")

SELECTOR = 'M("link[rel=alternate]")'
LANGUAGES_ONLY = 'M("link[rel=alternate][hreflang]")'


def only_language_alternates(site_dir: Path) -> bool:
    """Narrow the selector in the built bundle; return whether it was found (a Material
    update that changes the code is reported, and a browser test fails)."""
    found = False
    for bundle in (site_dir / "assets" / "javascripts").glob("bundle.*.min.js"):
        code = bundle.read_text(encoding="utf-8")
        if code.count(SELECTOR) == 1:
            bundle.write_text(code.replace(SELECTOR, LANGUAGES_ONLY), encoding="utf-8")
            found = True
        elif LANGUAGES_ONLY in code:
            found = True  # already narrowed (a dirty serve rebuild)
    if not found:
        log.warning("mbo-alumni: Material's alternate links code not found; every feed link "
                    "may cost a sitemap.xml fetch")  # fmt: skip
    return found
