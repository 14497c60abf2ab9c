"""Run one `mkdocs build` in this process; print seconds and peak memory as JSON.

Used by bench.py, one fresh interpreter per build, so peak memory is the build's own.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time

from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.getLogger("mkdocs").setLevel(logging.ERROR)
started = time.perf_counter()
build(load_config(config_file=sys.argv[1]))
seconds = time.perf_counter() - started
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024}))
