"""One piece of a build's work, in place or in a second process beside the page rendering.

MkDocs renders pages in one process; a machine has more than one core. The files beside the
pages (calendars, feeds, open data, embeds) depend only on the data, so with
MBO_ALUMNI_BACKGROUND=1 a forked copy of the build writes them while the pages render, and
the build waits for it before it ends. That is faster and costs memory (the copy shares the
build's memory only until either writes to it), so by default, and wherever there is no fork
(Windows), the work runs in place. Either way a failure comes back from `wait`.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import traceback
from collections.abc import Callable

SWITCH = "MBO_ALUMNI_BACKGROUND"  # "1": do the work in a second process


class BackgroundFailed(Exception):
    """The work failed; the message is its traceback."""


def wanted() -> bool:
    """Whether the work goes to a second process: asked for, and possible here."""
    return hasattr(os, "fork") and os.environ.get(SWITCH) == "1"


class Background:
    """Runs `work` at once: in a forked child when `second_process` (by default: when
    `wanted`), else in `__init__`. `wait` returns when it is done, or raises BackgroundFailed
    with the work's traceback."""

    def __init__(self, work: Callable[[], None], *, second_process: bool | None = None) -> None:
        self.pid: int | None = None
        self._reader: int | None = None
        self._failure: str | None = None
        asked = wanted() if second_process is None else second_process
        if not (asked and hasattr(os, "fork")):
            try:
                work()
            except Exception:  # reported by `wait`, as from the child
                self._failure = traceback.format_exc()
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

    @property
    def running(self) -> bool:
        """Whether a second process is doing the work (else it is done)."""
        return self.pid is not None

    def wait(self) -> None:
        """Return when the work is done; raise BackgroundFailed when it failed."""
        if self._failure is not None:
            raise BackgroundFailed(self._failure)
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
    _die_with_parent()
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


def _die_with_parent() -> None:
    """Ask Linux to end this child when the build that forked it ends (a kill of the build
    left the child writing into site_dir to the end); elsewhere the parent's cancel does it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent already died between fork and prctl
        os._exit(1)


def _read_all(reader: int) -> bytes:
    chunks = []
    while chunk := os.read(reader, 65536):
        chunks.append(chunk)
    os.close(reader)
    return b"".join(chunks)
