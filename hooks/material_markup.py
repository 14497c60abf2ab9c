"""Site hook: mend three spots of Material 9.8's stock markup that the Nu HTML checker rejects.

Each lives in a large template (base.html, nav-item.html, toc.html); a copy of those would go
stale with every Material release, so the few attributes are mended in the output instead.
"""

from __future__ import annotations

import re
from typing import Any

# `autocomplete` is not allowed on checkboxes; Material sets it on its drawer/search toggles.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
# Section labels get tabindex="" (an empty value is not an integer).
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link"[^>]*?) tabindex=""')
# The table of contents' title is a <label for="__toc"> even when no __toc control exists
# (pages outside the navigation); it is then turned into a plain title.
_TOC_LABEL = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)


def mend(html: str) -> str:
    """Return the page with Material's invalid attributes mended."""
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r'<span class="md-nav__title">\1</span>', html)
    return html


def on_post_page(output: str, page: Any, config: Any) -> str:
    return mend(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return mend(output_content) if template_name.endswith(".html") else output_content
