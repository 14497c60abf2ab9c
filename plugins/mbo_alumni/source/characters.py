"""Characters no data file may hold, found where an editor shows them.

Control characters, non-characters, lone surrogates and the bidi overrides and isolates
break the outputs (lxml refuses them in feeds, a calendar line carries them raw) or hide
what a text says (a right-to-left override turns a name around). U+2028, U+2029 and U+0085
are line breaks to PyYAML but not to editors or GitHub: left in, every later line number
would be off. Lines are counted as editors count them: `\\n`, `\\r\\n` or `\\r`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Tab, newline and carriage return are the only control characters a text may hold (a
# single-line field refuses those three as well, in the model).
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 and C1 controls, DEL, NEL (U+0085)
    "\u2028\u2029"  # line and paragraph separators
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\ud800-\udfff"  # lone surrogates (a YAML escape can make one)
    "\ufdd0-\ufdef\ufffe\uffff"  # non-characters
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)

_NAMES = {
    "\x00": "een nul-teken (NUL)",
    "\x1b": "een escape-teken (ESC)",
    "\x0c": "een pagina-einde (form feed)",
    "\x0b": "een verticale tab",
    "\x85": "een regeleinde dat editors niet tonen (NEL)",
    "\u2028": "een regelscheiding die editors niet tonen",
    "\u2029": "een alineascheiding die editors niet tonen",
}


def describe(character: str) -> str:
    """Return the Dutch name of a forbidden character, with its code point."""
    code = f"U+{ord(character):04X}"
    if character in _NAMES:
        return f"{_NAMES[character]}, {code}"
    if 0x202A <= ord(character) <= 0x202E or 0x2066 <= ord(character) <= 0x2069:
        return f"een teken dat de schrijfrichting omdraait ({code})"
    if unicodedata.category(character) == "Cc":
        return f"een onzichtbaar stuurteken ({code})"
    if 0xD800 <= ord(character) <= 0xDFFF:
        return f"een half teken (surrogaat, {code})"
    return f"een niet-bestaand teken ({code})"


def forbidden_in(text: str) -> str | None:
    """Return the first forbidden character of a text, or None."""
    found = _FORBIDDEN.search(text)
    return found.group(0) if found else None


def message(character: str) -> str:
    """Return the Dutch message for a text that holds `character`."""
    return (
        f"hier staat {describe(character)}; haal het weg (het is vaak onzichtbaar: typ de "
        "tekst opnieuw of plak hem eerst in een gewone teksteditor)"
    )


_BREAKS = re.compile(r"\r\n|\r|\n")


def forbidden_positions(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (line, column, character), 1-based, of every forbidden character in `text`."""
    line, line_start, scanned = 1, 0, 0
    for found in _FORBIDDEN.finditer(text):
        for newline in _BREAKS.finditer(text, scanned, found.start()):
            line += 1
            line_start = newline.end()
        scanned = found.start()
        yield line, found.start() - line_start + 1, found.group(0)


def blanked(text: str) -> str:
    """Return `text` with every forbidden character replaced by a space: the same lines and
    columns for the parser, which would refuse or miscount them."""
    return _FORBIDDEN.sub(" ", text)
