"""Generated files (calendars, open data, embeds) go to disk as soon as they are made, so a
build does not hold tens of megabytes of them while it renders every page."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


class Spill:
    """A private temporary folder of one build's generated files."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.folders: set[Path] = set()

    def reset(self) -> None:
        """Start empty: a new folder, the last build's (if any) removed."""
        self.remove()
        self.root = Path(tempfile.mkdtemp(prefix="mbo-alumni-"))

    def write(self, path: str, content: bytes) -> str:
        """Write one generated file at its site path; return where it is on disk."""
        if self.root is None:
            self.reset()
        assert self.root is not None  # reset() made it
        target = self.root / path
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        target.write_bytes(content)
        return str(target)

    def remove(self) -> None:
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
        self.root = None
        self.folders = set()
