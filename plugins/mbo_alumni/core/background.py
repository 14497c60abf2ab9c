"""One piece of a build's work in a second process, beside the page rendering.

MkDocs renders pages in one process; a machine has more than one core. The files beside the
pages (calendars, feeds, open data, embeds) depend only on the data, so a forked copy of the
build writes them while the pages render, and the build waits for it before it ends. Where
there is no fork (Windows), or when MBO_ALUMNI_BACKGROUND=0, the work runs in place.
"""

from __future__ import annotations

import gc
import os
import signal
import traceback
from collections.abc import Callable

DISABLE = "MBO_ALUMNI_BACKGROUND"  # "0": do the work in place, in this process


class BackgroundFailed(Exception):
    """The work failed in the second process; the message is its traceback."""


def _available() -> bool:
    return hasattr(os, "fork") and os.environ.get(DISABLE, "1") != "0"


class Background:
    """Runs `work` in a forked child at once; `wait` returns when it is done, or raises
    BackgroundFailed with the child's traceback. Without fork, `work` runs in `__init__`."""

    def __init__(self, work: Callable[[], None]) -> None:
        self.pid: int | None = None
        self._reader: int | None = None
        if not _available():
            work()
            return
        reader, writer = os.pipe()
        # Objects made so far stay out of the parent's collections until the child is done:
        # a collection writes into every object it walks, and each page it writes to stops
        # being shared with the child (Python's advice for fork without exec).
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # the child: do the work, report a failure, and leave at once
            os.close(reader)
            _child(work, writer)
        os.close(writer)
        self.pid, self._reader = pid, reader

    def wait(self) -> None:
        """Return when the work is done; raise BackgroundFailed when it failed."""
        if self.pid is None or self._reader is None:
            return
        report = _read_all(self._reader)
        _, status = os.waitpid(self.pid, 0)
        self.pid = self._reader = None
        gc.unfreeze()
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise BackgroundFailed(report.decode("utf-8", "replace") or f"exit code {code}")

    def cancel(self) -> None:
        """Stop the work (the build failed elsewhere) and reap the child."""
        if self.pid is None or self._reader is None:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:  # it had finished
            pass
        os.waitpid(self.pid, 0)
        os.close(self._reader)
        self.pid = self._reader = None
        gc.unfreeze()


def _child(work: Callable[[], None], writer: int) -> None:
    """Run the work in the forked child; never return (os._exit skips the parent's exit
    handlers and its buffered output, which belong to the parent)."""
    code = 0
    try:
        work()
    except BaseException:  # everything is reported: the parent raises it
        report = memoryview(traceback.format_exc().encode("utf-8", "replace"))
        while report:
            report = report[os.write(writer, report) :]
        code = 1
    finally:
        os.close(writer)
        os._exit(code)


def _read_all(reader: int) -> bytes:
    chunks = []
    while chunk := os.read(reader, 65536):
        chunks.append(chunk)
    os.close(reader)
    return b"".join(chunks)
