"""Generated files (calendars, open data, embeds) go to disk as soon as they are made, so a
build does not hold tens of megabytes of them while it renders every page; and the temporary
build folders of `mbo-alumni build` that a killed build left behind."""

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


class SiteWriter:
    """Writes one build's generated files straight into site_dir, where MkDocs would have
    copied them (MkDocs cleans site_dir before on_files, and the adapter's files tell it not
    to copy them): nothing to remove afterwards, no second copy."""

    def __init__(self, site_dir: str) -> None:
        self.root = Path(site_dir)
        self.folders: set[Path] = set()

    def target(self, path: str) -> str:
        """Return where the file at this site path goes on disk."""
        return str(self.root / path)

    def write(self, path: str, content: bytes) -> None:
        """Write one generated file at its site path (at `target(path)`)."""
        target = self.root / path
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        target.write_bytes(content)
