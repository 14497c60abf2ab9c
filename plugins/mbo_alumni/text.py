"""Markdown fields of the data: checking for raw HTML and rendering to safe HTML."""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token


@lru_cache(maxsize=1)
def _detector() -> MarkdownIt:
    # Parses with HTML recognised so that raw HTML shows up as tokens we can refuse.
    return MarkdownIt("commonmark", {"html": True})


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    # Renders with HTML off: anything that looks like a tag becomes escaped text.
    return MarkdownIt("commonmark", {"html": False, "linkify": False})


def _walk(tokens: list[Token]) -> list[Token]:
    found: list[Token] = []
    for token in tokens:
        found.append(token)
        if token.children:
            found.extend(_walk(token.children))
    return found


def raw_html_in(markdown: str) -> str | None:
    """Return the first raw HTML fragment in a Markdown text, or None when there is none."""
    if "<" not in markdown:  # no tag without a '<': skip the parse
        return None
    for token in _walk(_detector().parse(markdown)):
        if token.type in ("html_block", "html_inline"):
            return token.content.strip()
    return None


_ALLOWED_SCHEMES = {"http", "https", "mailto"}


def markdown_to_html(markdown: str) -> str:
    """Return sanitised HTML for a Markdown text: no raw HTML, only http(s)/mailto links."""
    html = _renderer().render(markdown)
    return nh3.clean(
        html,
        url_schemes=_ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
