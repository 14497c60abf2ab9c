"""`mbo-alumni build`: build the site into a fresh folder and swap it into place on success.

MkDocs empties its `site_dir` before the pages are made, so a crash, a kill or a refused
build in place would leave a published tree empty or half-written. Here the build goes to a
sibling folder; only a build that succeeded replaces `site/`, with one atomic exchange of the
two folders (Linux `renameat2`), and the old tree is removed after. A lock keeps two builds
from the same folder apart; what a killed build left behind is removed at the next start.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .core.scratch import alive, remove_stale

_PART = ".wordt-gebouwd-"  # site.wordt-gebouwd-<pid>: a build in progress, or one killed


class PublishError(Exception):
    """The build cannot start (another one runs) or did not succeed."""


@contextmanager
def locked(site: Path) -> Iterator[None]:
    """Hold the lock of `site` for one build, or raise PublishError at once."""
    lock = site.with_name(f".{site.name}.lock")
    with open(lock, "w", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise PublishError(
                f"er loopt al een build naar {site}/; wacht tot die klaar is"
            ) from None
        yield


def clean_leftovers(site: Path) -> None:
    """Remove the folders of builds that were killed (their process is gone)."""
    for folder in site.parent.glob(f"{site.name}{_PART}*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or not alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
    remove_stale()


def exchange(new: Path, site: Path) -> None:
    """Put `new` where `site` is, in one step when `site` exists (the old tree ends at `new`)."""
    if not site.exists():
        new.rename(site)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    at_cwd, exchange_flag = -100, 2  # AT_FDCWD, RENAME_EXCHANGE
    if renameat2 is not None:
        if renameat2(at_cwd, os.fsencode(new), at_cwd, os.fsencode(site), exchange_flag) == 0:
            return
        if ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS):
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(site))
    # No atomic exchange here: two renames, the window between them as short as it gets.
    old = new.with_name(new.name + "-oud")
    site.rename(old)
    new.rename(site)
    old.rename(new)


def exchange_contents(new: Path, site: Path) -> None:
    """Put the tree `new` (a folder inside `site`) in place of `site`'s own contents: for a
    `site/` that is a mount point (a Docker volume), which cannot itself be renamed. Each
    top-level entry is swapped in one step; what the new build does not have goes."""
    names = {entry.name for entry in new.iterdir()}
    for name in sorted(names):
        target = site / name
        if target.exists() or target.is_symlink():
            exchange(new / name, target)  # the old entry ends in `new`, removed with it
        else:
            (new / name).rename(target)
    for path in site.iterdir():
        if path.name in names or path == new or path.name.startswith(_PART):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def publish(config: Path, site: Path, extra: list[str]) -> int:
    """Build with MkDocs into a fresh folder beside `site` (inside it when `site` is a mount
    point, which cannot itself be renamed); swap on success. Return the exit code of `mkdocs
    build` (0 when the new tree is in place)."""
    site = site.absolute()
    with locked(site):
        clean_leftovers(site)
        if site.is_dir() and os.path.ismount(site):
            for folder in site.glob(f"{_PART}*"):  # a killed build's, inside the mount
                pid = folder.name.rsplit("-", 1)[-1]
                if not pid.isdigit() or not alive(int(pid)):
                    shutil.rmtree(folder, ignore_errors=True)
            return _build_and_swap(config, site / f"{_PART}{os.getpid()}", extra,
                                   lambda new: exchange_contents(new, site))  # fmt: skip
        new = site.with_name(f"{site.name}{_PART}{os.getpid()}")
        return _build_and_swap(config, new, extra, lambda new: exchange(new, site))


def _build_and_swap(config: Path, new: Path, extra: list[str], swap: Callable[[Path], None]) -> int:
    """Build into `new`; on success `swap` it in. `new` goes afterwards either way (the failed
    build, or what the swap left there: the old tree or entries)."""
    try:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict",
                   "--config-file", str(config), "--site-dir", str(new), *extra]  # fmt: skip
        code = subprocess.run(command, check=False).returncode
        if code == 0:
            swap(new)
        return code
    finally:
        shutil.rmtree(new, ignore_errors=True)
