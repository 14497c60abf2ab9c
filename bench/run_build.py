"""Run one `mkdocs build` in this process; print seconds and peak memory as JSON.

Used by bench.py, one fresh interpreter per build, so peak memory is the build's own. With
MBO_ALUMNI_TIMINGS naming a file, the plugin's stages are timed here, by wrapping the core
functions the plugin calls; the plugin itself carries no instrumentation.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

from mbo_alumni.outputs import calendars, embeds, news_feeds, open_data
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


def timed_steps(stage: str, function: Callable[..., Iterator[Any]]) -> Any:
    """Time a generator function: the work happens as its items are asked for, one by one,
    and the caller writes each out before asking for the next (no list is made here)."""

    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        items = function(*args, **kwargs)
        while True:
            started = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                return
            finally:
                TIMINGS[stage] = TIMINGS.get(stage, 0.0) + time.perf_counter() - started
            yield item

    return wrapper


if os.environ.get("MBO_ALUMNI_TIMINGS"):
    # The module attributes the packages call through, so every call is timed.
    load.load = timed("load and validate", load.load)
    articles.read_articles = timed("load and validate", articles.read_articles)
    pages_build.build_pages = timed("pages", pages_build.build_pages, materialise=True)
    calendars.calendar_files = timed_steps("calendar", calendars.calendar_files)
    news_feeds.agenda_feeds = timed("feeds", news_feeds.agenda_feeds)
    open_data.documents = timed_steps("json", open_data.documents)
    embeds.embed_page = timed("embed", embeds.embed_page)

logging.getLogger("mkdocs").setLevel(logging.ERROR)
started = time.perf_counter()
build(load_config(config_file=sys.argv[1]))
seconds = time.perf_counter() - started
# VmHWM is this process image's own peak. ru_maxrss is not: Linux carries it across exec from
# the forked copy of the parent, so a large benchmark parent would show in every build.
try:
    status = dict(line.split(":", 1) for line in open("/proc/self/status", encoding="ascii"))
    peak_kib = int(status["VmHWM"].split()[0])
except (OSError, KeyError):
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if os.environ.get("MBO_ALUMNI_TIMINGS"):
    with open(os.environ["MBO_ALUMNI_TIMINGS"], "w", encoding="utf-8") as handle:
        json.dump(TIMINGS, handle)
print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024}))
