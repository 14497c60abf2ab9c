"""A pause of the cyclic garbage collector around work that builds many lasting objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building many objects that all live on.

    Its full collections walk every object, so a long build of live objects grows with the
    square of the data (the measured cost is in BENCHMARKS.md).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
