"""A problem at file:line:col, and the errors that carry problems to the volunteer."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Path_ = tuple[int | str, ...]
_VISIBLE = {"\n": "\\n", "\r": "\\r", "\t": "\\t"} | {
    chr(code): f"\\x{code:02x}" for code in range(32) if chr(code) not in "\n\r\t"
}


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in a data file, positioned for editors and CI annotations."""

    file: str
    line: int
    column: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def format(self) -> str:
        """Return the problem as `path:line:col: error: message`, on one line: a value quoted
        in the message keeps its line breaks and controls visible, as escapes."""
        message = "".join(_VISIBLE.get(c, c) if c < " " else c for c in self.message)
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {message}"

    def github(self) -> str:
        """Return the problem as a GitHub Actions workflow command."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.file},line={self.line},col={self.column}::{message}"


class DataError(Exception):
    """The data cannot be used; `problems` says where and why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


class UnreadableInput(Exception):
    """A data file is missing or cannot be read at all (not a data mistake)."""


def did_you_mean(word: str, known: Iterable[str], otherwise: str, cutoff: float = 0.6) -> str:
    """Return "bedoel je '<closest>'?" when a known word is close to `word`, else `otherwise`."""
    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=cutoff)
    return f"bedoel je '{close[0]}'?" if close else otherwise
