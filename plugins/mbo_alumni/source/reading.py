"""A data file's text, or why it cannot be used: missing, too large, a BOM, not UTF-8."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..core.problems import DataError, Problem, UnreadableInput

MAX_BYTES = 5 * 1024 * 1024


def read_text(path: Path) -> str:
    """Return the text of a data file; raise UnreadableInput or DataError when it cannot be used."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableInput(f"{path}: bestand niet gevonden") from None
    except OSError as error:
        raise UnreadableInput(f"{path}: kan niet gelezen worden ({error.strerror})") from None
    file = str(path)
    if len(raw) > MAX_BYTES:
        raise DataError(
            [Problem(file, 1, 1, f"het bestand is groter dan {MAX_BYTES // 1024 // 1024} MB")]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError(
            [
                Problem(
                    file,
                    1,
                    1,
                    "het bestand begint met een byte-order mark (BOM); sla het op als "
                    "'UTF-8' zonder BOM",
                )
            ]
        )
    try:
        # One spelling per text: "Fryslân" typed with a combining accent (NFD, as macOS and
        # some forms send it) is the same province, id or name as the composed one (NFC).
        return unicodedata.normalize("NFC", raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise DataError(
            [
                Problem(
                    file,
                    line,
                    column,
                    "dit teken is geen UTF-8; sla het bestand op als UTF-8 (in GitHub gaat "
                    "dat vanzelf; typ het teken dan opnieuw)",
                )
            ]
        ) from None
