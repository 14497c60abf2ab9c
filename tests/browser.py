"""Headless Chromium (Debian's) driven by Playwright, and a static server for built sites."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium-headless-shell")
# Without the background-networking flags Chromium calls Google's hosts at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def screenshot(page: Any, name: str, *, full_page: bool = True) -> None:
    """Save a screenshot for a person to look at, when SCREENSHOTS=1 (no test reads them)."""
    if os.environ.get("SCREENSHOTS") == "1":
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar; charset=utf-8",
        ".js": "text/javascript",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site on a free loopback port; yield its base URL."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def built_and_served(root: Path) -> Iterator[str]:
    """Build a project with the repository URL set (so the change forms exist) and serve it."""
    from conftest import REPO_URL, mkdocs_build

    result = mkdocs_build(root, REPO_URL=REPO_URL)
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


def submit(page: Any, form_file: str) -> None:
    """Send a form of the join or change page and wait until the page has checked it (the
    check waits for the ids in use, which the page fetches when a form is first used)."""
    form = f"form[data-form='{form_file}']"
    before = page.get_attribute(form, "data-checked") or ""
    page.click(f"{form} button[type=submit]")
    page.wait_for_function(
        "([form, before]) => (document.querySelector(form).dataset.checked || '') !== before",
        arg=[form, before],
    )
