"""Writing a data file whole or not at all: the text goes to a temporary file in the same
folder, is flushed to disk, and only then takes the file's name (one rename). A full disk, a
kill or a crash halfway leaves the file as it was, never cut off or empty."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Replace the file at `path` with `text` (UTF-8), whole or not at all."""
    write_all_atomic({path: text})


def write_all_atomic(files: Mapping[Path, str]) -> None:
    """Write several files whole or not at all: every text is on disk beside its file before
    the first one is renamed into place (an import changes two data files together)."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            staged.append((_staged(Path(path), text.encode("utf-8")), Path(path)))
        for temporary, path in staged:
            os.replace(temporary, path)
    finally:
        for temporary, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


def _staged(path: Path, content: bytes) -> str:
    """Return a temporary file beside `path` holding `content`, flushed to disk, with the
    permissions of the file it replaces."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(temporary, mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return temporary
