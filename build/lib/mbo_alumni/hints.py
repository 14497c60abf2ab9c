"""The one way this package suggests a fix for a near miss: "bedoel je 'website'?"."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, known: Iterable[str], otherwise: str, cutoff: float = 0.6) -> str:
    """Return "bedoel je '<closest>'?" when a known word is close to `word`, else `otherwise`."""
    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=cutoff)
    return f"bedoel je '{close[0]}'?" if close else otherwise
