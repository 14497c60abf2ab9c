"""Site hook: mend the spots of Material 9.8's stock markup that the Nu HTML checker, pa11y
(HTML_CodeSniffer, WCAG 2 AA) or Lighthouse reject.

Each lives in a large template (base.html, header.html, search.html, nav-item.html, toc.html); a
copy of those would go stale with every Material release, so the few attributes are mended in
the output instead. Every rule matches Material's markup exactly; when a release changes it, the
rule stops matching and the pa11y and Nu tests say so.
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
# On a page without a table of contents the __toc checkbox is still written, with no label: a
# control without a name that nothing can reach (WCAG 4.1.2). It is dropped there.
_TOC_TOGGLE = re.compile(r'\s*<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">')
# The search dialog has no name (Lighthouse aria-dialog-name): it gets the search field's.
_SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')
_SEARCH_LABEL = re.compile(
    r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"'
)
# The search form has no submit button (WCAG 3.2.2, H32): one is added, shown when it has the
# focus. Material opens its search with the words of `?q=`, so the field is named `q` and a
# submitted search lands in the same search, on the page it was sent from.
_SEARCH_FIELD = re.compile(r'(<input type="text" class="md-search__input") name="query"')
_SEARCH_OPTIONS = re.compile(r'(<nav class="md-search__options"[^>]*>)')


def mend(html: str) -> str:
    """Return the page with Material's invalid attributes mended."""
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    if 'id="__toc"' in html and 'for="__toc"' not in html:
        html = _TOC_TOGGLE.sub("", html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r'<span class="md-nav__title">\1</span>', html)
    label = _SEARCH_LABEL.search(html)
    if label:
        name = label.group(1)
        dialog = (
            f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{name}">'
        )
        html = _SEARCH_DIALOG.sub(dialog, html, count=1)
        html = _SEARCH_FIELD.sub(r'\1 name="q"', html, count=1)
        button = f'<button type="submit" class="mbo-search-submit">{name}</button>'
        html = _SEARCH_OPTIONS.sub(lambda m: m.group(1) + button, html, count=1)
    return html


def on_post_page(output: str, page: Any, config: Any) -> str:
    return mend(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return mend(output_content) if template_name.endswith(".html") else output_content
