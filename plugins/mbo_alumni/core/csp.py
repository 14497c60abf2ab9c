"""A Content-Security-Policy for every page, in a `<meta http-equiv>` tag.

Scripts run only from the site itself, plus the inline scripts the page holds that come from
the theme's and the site's own templates, by their SHA-256 hashes computed from the page as it
is written: a theme update that changes an inline script changes its hash with it. A script
that came from anywhere else (a page's text, a title) matches no template and does not run.
No `unsafe-inline`, no `unsafe-eval`. Forms may go to the site itself and to the repository's
host (the join and change forms open GitHub). `frame-ancestors` cannot be set in a meta tag:
see handbook/outputs.md (serving .ics as text/calendar) for the headers a host adds.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

# A script's body runs to the first </script>. Written so that runs without '<' are taken in
# one step: a lazy `.*?` tried for the closing tag after every character of every page.
_INLINE = re.compile(r"<script\b([^>]*)>([^<]*(?:<(?!/script>)[^<]*)*)</script>", re.I)
_DATA = re.compile(r"""type=["']application/(?:ld\+)?json["']""", re.I)  # data, never run
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)


_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_COMMENT = re.compile(r"\{#.*?#\}", re.S)
# What a template's value may write into one of its scripts: a path, a name, a JSON list of
# names. Never a call, an assignment or a block: ( ) ; = { } ` and < are not in it.
_VALUE = r"[\w\s\"',.\[\]/:#%?&+@!*~-]*"


def template_scripts(folders: Iterable[str | Path]) -> re.Pattern[str]:
    """Return a pattern that matches exactly the inline scripts the templates in `folders`
    can write: their literal code, with each `{{ value }}` standing for a harmless value."""
    shapes = set()
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.html")):
            text = _COMMENT.sub("", path.read_text(encoding="utf-8"))
            for attrs, body in _INLINE.findall(text):
                if "src=" in attrs or _DATA.search(attrs) or "{%" in body:
                    continue
                shapes.add(_VALUE.join(re.escape(part) for part in _EXPRESSION.split(body)))
    return re.compile("|".join(f"(?:{shape})" for shape in sorted(shapes)) or "(?!)")


@lru_cache(maxsize=256)  # the same few inline scripts are on thousands of pages
def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(
    html: str,
    repo_url: str | None = None,
    styles: bool = False,
    allowed: re.Pattern[str] | None = None,
) -> str:
    """Return the policy for one page: its inline scripts (those `allowed` matches: the
    templates' own, from `template_scripts`; all when None) or, with `styles`, its inline
    `<style>` elements, by hash; everything else from the site only."""
    scripts = sorted({_hash(body) for attrs, body in _INLINE.findall(html)
                      if "src=" not in attrs and not _DATA.search(attrs)
                      and (allowed is None or _allowed(allowed, body))})  # fmt: skip
    forms = "'self'"
    if repo_url:
        parts = urlsplit(repo_url)
        forms += f" {parts.scheme}://{parts.netloc}"
    style = "'self'"
    if styles:
        bodies = re.findall(r"<style\b[^>]*>(.*?)</style>", html, re.S | re.I)
        style = " ".join(["'self'", *sorted({_hash(b) for b in bodies})])
    return "; ".join([
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *scripts]),
        f"style-src {style}",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        f"form-action {forms}",
    ])  # fmt: skip


@lru_cache(maxsize=256)
def _allowed(allowed: re.Pattern[str], body: str) -> bool:
    return allowed.fullmatch(body) is not None


def with_policy(
    html: str,
    repo_url: str | None = None,
    styles: bool = False,
    allowed: re.Pattern[str] | None = None,
) -> str:
    """Return the page with its policy as the first thing after `<meta charset>`."""
    content = policy(html, repo_url, styles, allowed)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    found = _CHARSET.search(html)
    if found is None:
        return html.replace("<head>", "<head>" + tag, 1)
    return html[: found.end()] + tag + html[found.end() :]
