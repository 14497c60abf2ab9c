"""The one runner of `git` and `gh`: untrusted text goes in as arguments, stdin or files,
never through a shell, and a failure is one error with the command's own words."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
_JOINER = "\u2060"  # word joiner: invisible, and GitHub sees no mention or image syntax
# GitHub closes an issue named after one of these words when the pull request is merged,
# and links every #123 and owner/name#123: untrusted text must do neither.
_CLOSING = re.compile(r"\b(clos|fix|resolv)(?=(e|es|ed|ing)?\b)", re.I)
_REFERENCE = re.compile(r"#(?=\d)")
_LINK = re.compile(r"\]\s*(?=[(\[])")  # [text](url) and [text][ref]: no link of its own
# Characters that show nothing but carry text or change its order: Unicode tags (a hidden
# message), zero-width and bidi controls.
_INVISIBLE = re.compile("[\U000e0000-\U000e007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def quiet(text: str) -> str:
    """Return text from an issue made harmless for a comment, a pull request or a commit
    message: no mention (@name notifies that person), no image (![..](..) loads from wherever
    it points), no HTML (<img>, <details>), no link of its own ([klik hier](...)), no issue
    reference or closing keyword (merging would close another issue), nothing invisible."""
    text = _INVISIBLE.sub("", text)
    text = _MENTION.sub("@" + _JOINER, text)
    text = _CLOSING.sub(lambda m: m.group(1)[0] + _JOINER + m.group(1)[1:], text)
    text = _REFERENCE.sub("#" + _JOINER, text)
    text = _LINK.sub("]" + _JOINER, text)
    return text.replace("![", "!" + _JOINER + "[").replace("<", "&lt;")


class GitHubError(Exception):
    """A `git` or `gh` call failed, or GitHub's answer cannot be read (not a volunteer's
    mistake: the workflow's log says what went wrong)."""


def run(args: list[str], cwd: Path | None = None, stdin: str | None = None) -> str:
    """Run a command without a shell; return its output, or raise GitHubError."""
    result = subprocess.run(args, cwd=cwd, input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise GitHubError(f"{' '.join(args[:3])} faalde: {result.stderr.strip()[:500]}")
    return result.stdout


def gh(args: list[str], body: str | None = None, cwd: Path | None = None) -> str:
    """Run `gh` with `args`; a `body` goes in a file (`--body-file`), never on the command line."""
    with tempfile.NamedTemporaryFile("w", suffix=".md", encoding="utf-8") as handle:
        if body is not None:
            handle.write(body)
            handle.flush()
            args = [*args, "--body-file", handle.name]
        return run(["gh", *args], cwd)


def gh_api(path: str, method: str = "GET", body: str | None = None, cwd: Path | None = None) -> Any:
    """Call GitHub's REST API through `gh api`; return the decoded answer (None when empty)."""
    args = ["gh", "api", "-X", method, path]
    if body is not None:
        args += ["--input", "-"]
    output = run(args, cwd, json.dumps({"body": body}) if body is not None else None)
    try:
        return json.loads(output) if output.strip() else None
    except ValueError as error:
        raise GitHubError(f"gh api {path}: geen JSON: {error}") from None
