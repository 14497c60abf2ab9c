"""A file beside the pages, planned before it is made: its site path at once (MkDocs must
know every file before it renders a page), its bytes when asked for (in the background
process, core/background.py, while the pages render)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    """One generated file: where it goes, and how its bytes are made."""

    path: str
    make: Callable[[], bytes]

    @property
    def content(self) -> bytes:
        """Make the file's bytes (again: nothing is kept)."""
        return self.make()
