"""Run one `mkdocs build` in this process; print seconds and peak memory as JSON.

Used by bench.py, one fresh interpreter per build, so peak memory is the build's own. With
MBO_ALUMNI_TIMINGS naming a file, the plugin's stages are timed here, by wrapping the core
functions the plugin calls; the plugin itself carries no instrumentation. A timed build makes
the files beside the pages in this process, as by default (MBO_ALUMNI_BACKGROUND=1 is
overridden): a timer here cannot see a second process's work.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

from mbo_alumni.core import background
from mbo_alumni.outputs import generators
from mbo_alumni.outputs.planned import Output
from mbo_alumni.pages import build as pages_build
from mbo_alumni.source import articles, load

TIMINGS: dict[str, float] = {}


def timed(stage: str, function: Callable[..., Any], *, materialise: bool = False) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            result = function(*args, **kwargs)
            return list(result) if materialise else result  # a generator does its work later
        finally:
            TIMINGS[stage] = TIMINGS.get(stage, 0.0) + time.perf_counter() - started

    return wrapper


def timed_outputs(stage: str, generator: Callable[[Any], Iterable[Output]]) -> Any:
    """Time the making of each planned file of one generator (the planning is cheap)."""

    def made(make: Callable[[], bytes]) -> bytes:
        started = time.perf_counter()
        try:
            return make()
        finally:
            TIMINGS[stage] = TIMINGS.get(stage, 0.0) + time.perf_counter() - started

    def wrapper(build: Any) -> Iterator[Output]:
        for output in generator(build):
            yield Output(output.path, partial(made, output.make))

    return wrapper


STAGE_OF = {  # a generator not named here is timed under its own name
    "calendar_files": "calendar",
    "agenda_news_files": "feeds",
    "open_data_files": "json",
    "table_files": "json",
    "catalogue_file": "json",
    "embed_files": "embed",
}

if os.environ.get("MBO_ALUMNI_TIMINGS"):
    os.environ[background.SWITCH] = "0"
    # The module attributes the packages call through, so every call is timed.
    load.load = timed("load and validate", load.load)
    articles.read_articles = timed("load and validate", articles.read_articles)
    pages_build.build_pages = timed("pages", pages_build.build_pages, materialise=True)
    generators.GENERATORS = tuple(
        timed_outputs(STAGE_OF.get(g.__name__, g.__name__), g) for g in generators.GENERATORS
    )


def _kib(path: str, field: str) -> int:
    try:
        with open(path, encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):  # the process ended between listing and reading
        pass
    return 0


def _children() -> list[str]:
    found = []
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children", encoding="ascii") as handle:
                found += handle.read().split()
        except OSError:
            pass
    return found


class Sampler(threading.Thread):
    """The build's memory with its second process: every 50 ms, the proportional set size
    (PSS: a page both processes share counts half in each) of this process and its children,
    summed; the largest sum is kept."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.largest_kib = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            total = _kib("/proc/self/smaps_rollup", "Pss")
            total += sum(_kib(f"/proc/{pid}/smaps_rollup", "Pss") for pid in _children())
            self.largest_kib = max(self.largest_kib, total)


def peak_kib(sampled: int) -> int:
    """The larger of this process image's own peak and the sampled sum with its children.

    VmHWM is this process image's own peak. ru_maxrss is not: Linux carries it across exec
    from the forked copy of the parent, so a large benchmark parent would show in every build.
    """
    own = _kib("/proc/self/status", "VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max(own, sampled)


logging.getLogger("mkdocs").setLevel(logging.ERROR)
sampler = Sampler()
sampler.start()
started = time.perf_counter()
build(load_config(config_file=sys.argv[1]))
seconds = time.perf_counter() - started
sampler.done.set()
sampler.join()
if os.environ.get("MBO_ALUMNI_TIMINGS"):
    with open(os.environ["MBO_ALUMNI_TIMINGS"], "w", encoding="utf-8") as handle:
        json.dump(TIMINGS, handle)
print(json.dumps({"seconds": seconds, "peak_mib": peak_kib(sampler.largest_kib) / 1024}))
