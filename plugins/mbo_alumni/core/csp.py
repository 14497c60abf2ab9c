"""A Content-Security-Policy for every page, in a `<meta http-equiv>` tag.

Scripts run only from the site itself, plus the inline scripts the page actually holds, by
their SHA-256 hashes computed from the page as it is written: a theme update that changes an
inline script changes its hash with it, and nothing else can run. No `unsafe-inline`, no
`unsafe-eval`. Forms may go to the site itself and to the repository's host (the join and
change forms open GitHub). `frame-ancestors` cannot be set in a meta tag: see the README's
hosting section for the headers a host adds.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from urllib.parse import urlsplit

# A script's body runs to the first </script>. Written so that runs without '<' are taken in
# one step: a lazy `.*?` tried for the closing tag after every character of every page.
_INLINE = re.compile(r"<script\b([^>]*)>([^<]*(?:<(?!/script>)[^<]*)*)</script>", re.I)
_DATA = re.compile(r"""type=["']application/(?:ld\+)?json["']""", re.I)  # data, never run
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)


@lru_cache(maxsize=256)  # the same few inline scripts are on thousands of pages
def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(html: str, repo_url: str | None = None, styles: bool = False) -> str:
    """Return the policy for one page: its inline scripts (or, with `styles`, its inline
    `<style>` elements) by hash, everything else from the site only."""
    scripts = sorted({_hash(body) for attrs, body in _INLINE.findall(html)
                      if "src=" not in attrs and not _DATA.search(attrs)})  # fmt: skip
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


def with_policy(html: str, repo_url: str | None = None, styles: bool = False) -> str:
    """Return the page with its policy as the first thing after `<meta charset>`."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, repo_url, styles)}">'
    found = _CHARSET.search(html)
    if found is None:
        return html.replace("<head>", "<head>" + tag, 1)
    return html[: found.end()] + tag + html[found.end() :]
