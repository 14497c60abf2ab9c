"""Serve loop: build, edit a Markdown page, build again in the same process (as mkdocs serve
does); print both build times and whether the data came from the cache, as JSON.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.getLogger("mkdocs").setLevel(logging.ERROR)


def once(config_file: str) -> tuple[float, bool]:
    config = load_config(config_file=config_file)
    started = time.perf_counter()
    build(config, dirty=False)
    return time.perf_counter() - started, config.plugins["mbo-alumni"].cache.hit


first, _ = once(sys.argv[1])
page = Path(sys.argv[1]).parent / "docs" / "index.md"
page.write_text(page.read_text() + "\nBewerkt.\n")
second, cached = once(sys.argv[1])
print(json.dumps({"first": first, "after_edit": second, "cached": cached}))
