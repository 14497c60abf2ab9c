"""Generated files (calendars, open data, embeds) go to disk as soon as they are made, so a
build does not hold tens of megabytes of them while it renders every page."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

PREFIX = "mbo-alumni-"


def alive(pid: int) -> bool:
    """Return whether a process with this id runs."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def remove_stale() -> None:
    """Remove the temporary folders of builds that were killed (their process is gone): a
    kill leaves no chance to clean up, so the next build does it."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*-*"):
        pid = folder.name.removeprefix(PREFIX).split("-", 1)[0]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


class Spill:
    """A private temporary folder of one build's generated files."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.folders: set[Path] = set()

    def reset(self) -> None:
        """Start empty: a new folder, the last build's (if any) removed."""
        self.remove()
        remove_stale()
        self.root = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))

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
