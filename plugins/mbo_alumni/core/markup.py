"""Markdown fields of the data: checking for raw HTML and rendering to safe HTML."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import urljoin

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


def image_in(markdown: str) -> bool:
    """Return whether a Markdown text holds an image (`![alt](src)`): an image loads from
    wherever its address points, which the site never does."""
    if "![" not in markdown:  # no image without '![': skip the parse
        return False
    return any(token.type == "image" for token in _walk(_detector().parse(markdown)))


def raw_html_in(markdown: str) -> str | None:
    """Return the first raw HTML fragment in a Markdown text, or None when there is none."""
    if "<" not in markdown:  # no tag without a '<': skip the parse
        return None
    for token in _walk(_detector().parse(markdown)):
        if token.type in ("html_block", "html_inline"):
            return token.content.strip()
    return None


_ALLOWED_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=16384)
def _forms(markdown: str) -> tuple[str, str]:
    """Return a Markdown text's HTML and plain text from one parse.

    One parse serves the page, the feeds, the calendar and JSON-LD. Only the two strings are
    kept, not the tokens: a tenth of the memory for thousands of descriptions.
    """
    renderer = _renderer()
    tokens = renderer.parse(markdown)
    html = nh3.clean(
        renderer.renderer.render(tokens, renderer.options, {}),
        url_schemes=_ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return html, _plain(tokens)


def markdown_to_html(markdown: str) -> str:
    """Return sanitised HTML for a Markdown text: no raw HTML, only http(s)/mailto links."""
    return _forms(markdown)[0]


def markdown_to_text(markdown: str) -> str:
    """Return plain text for a Markdown text: paragraphs kept, links written as 'text (url)'."""
    return _forms(markdown)[1]


def _plain(tokens: list[Token]) -> str:
    parts: list[str] = []
    lists = 0  # inside a list, paragraphs end with one newline so the items stay together
    for block in tokens:
        if block.type == "inline":
            parts.append(_inline_text(block.children or []))
        elif block.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif block.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
            if not lists:
                parts.append("\n")
        elif block.type == "list_item_open":
            parts.append("- ")
        elif block.type in ("code_block", "fence"):
            parts.append(block.content + "\n")
        elif block.type in ("paragraph_close", "heading_close"):
            parts.append("\n" if lists else "\n\n")
    return "".join(parts).strip()


def _inline_text(tokens: list[Token]) -> str:
    out: list[str] = []
    href: str | None = None
    start = 0
    for token in tokens:
        if token.type == "link_open":
            href, start = str(token.attrs.get("href", "")), len(out)
        elif token.type == "link_close":
            label = "".join(out[start:])
            if href and label != href:
                out.append(f" ({href})")
            href = None
        elif token.type == "softbreak":
            out.append(" ")
        elif token.type == "hardbreak":
            out.append("\n")
        elif token.type in ("text", "code_inline", "image"):
            out.append(token.content)
    return "".join(out)


def shorten(text: str, limit: int) -> str:
    """Return the text on one line, cut at a word boundary with '…' when over `limit`."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def summary(markdown: str | None, limit: int = 200) -> str | None:
    """Return a one-paragraph plain-text summary of a Markdown text."""
    return shorten(markdown_to_text(markdown), limit) if markdown else None


_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S | re.I)
_IMAGE = re.compile(r'<img\b[^>]*?\balt="([^"]*)"[^>]*>', re.I)
_TAG = re.compile(r"<[^>]+>")


def html_summary(html_text: str, limit: int = 300) -> str:
    """Return the first paragraph of rendered HTML as plain text (images by their alt text),
    shortened to `limit`."""
    match = _PARAGRAPH.search(html_text)
    if match is None:
        return ""
    return shorten(html.unescape(_TAG.sub("", _IMAGE.sub(r"\1", match[1]))), limit)


_LEADING_H1 = re.compile(r"^\s*<h1\b[^>]*>.*?</h1>\s*", re.S | re.I)


def without_title(html_text: str) -> str:
    """Return rendered page HTML without its leading <h1> (a feed entry has its own title)."""
    return _LEADING_H1.sub("", html_text, count=1)


_LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def absolute_links(html: str, base: str) -> str:
    """Return the HTML with every href and src resolved against `base` (for feeds)."""
    return _LINK_ATTRIBUTE.sub(lambda m: m[1] + urljoin(base, m[2]) + m[3], html)


_ANCHOR = re.compile(r"<a\s[^>]*>", re.I)
_HREF = re.compile(r'\shref="(https?://[^"/?#]*)[^"]*"', re.I)


def external_rel(html: str, own_origin: str) -> str:
    """Return the HTML with rel="noopener noreferrer" on every link to another origin.

    Only the page's <article> is scanned when it has one: the theme's own chrome is known.
    """
    start, end = html.find("<article"), html.rfind("</article>")
    if 0 <= start < end:
        return html[:start] + external_rel(html[start:end], own_origin) + html[end:]

    def mend(match: re.Match[str]) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        if href is None or href.group(1).lower() == own_origin.lower() or " rel=" in tag:
            return tag
        return tag[:-1] + ' rel="noopener noreferrer">'

    return _ANCHOR.sub(mend, html)
