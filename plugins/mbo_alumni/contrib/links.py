"""Every URL in the data, checked politely: `mbo-alumni links`.

Bounded concurrency, one request at a time per host with a pause between them, a timeout, one
retry, HEAD with a GET fallback, redirects followed by hand so a permanent move is reported.
401, 403, 429 and timeouts say nothing about the page itself: they are "could not check".
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Literal
from urllib.parse import urljoin, urlsplit

from ..core.settings import DataFiles, Settings
from ..source.fields import urls_in
from ..source.model import Association, Event

Verdict = Literal["ok", "moved", "dead", "unknown"]
USER_AGENT = "mbo-alumni-linkcheck/1 (+https://github.com)"
NOT_CHECKABLE = {401, 403, 429}  # the server refuses robots or is busy: no verdict
PERMANENT = {301, 308}
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Link:
    """One URL in the data and where it stands."""

    url: str
    file: str
    entry: str  # the entry's id
    key: str  # e.g. website, socials.linkedin, location.url


@dataclass
class Result:
    """What checking one URL found."""

    url: str
    verdict: Verdict
    status: int | None = None
    detail: str = ""
    moved_to: str | None = None
    used_by: list[Link] = field(default_factory=list)


def data_links(
    associations: list[Association], events: list[Event], files: DataFiles | None = None
) -> list[Link]:
    """Return every URL in the data, in file order: every field of the `Url` type."""
    names = files or Settings().files
    found = [
        Link(url, names.associations, a.id, key) for a in associations for key, url in urls_in(a)
    ]
    found += [Link(url, names.events, e.id, key) for e in events for key, url in urls_in(e)]
    return found


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # each hop is followed by hand, so a permanent one can be reported


_OPENER = urllib.request.build_opener(_NoRedirect)


class _Hosts:
    """One request at a time per host, `pause` seconds apart: polite to small servers."""

    def __init__(self, pause: float) -> None:
        self.pause = pause
        self.locks: dict[str, threading.Lock] = {}
        self.last: dict[str, float] = {}
        self.guard = threading.Lock()

    def visit(self, url: str) -> threading.Lock:
        host = urlsplit(url).netloc.lower()
        with self.guard:
            return self.locks.setdefault(host, threading.Lock())

    def wait(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        delay = self.last.get(host, 0.0) + self.pause - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self.last[host] = time.monotonic()


def _request(url: str, method: str, timeout: float) -> tuple[int, str | None]:
    """Return (status, Location header) of one request, without following redirects."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return int(response.status), None
    except urllib.error.HTTPError as error:
        return int(error.code), error.headers.get("Location")


def _head_then_get(url: str, timeout: float) -> tuple[int | None, str | None, str]:
    """Return (status, Location, problem): HEAD, and GET where HEAD is refused or fails."""
    try:
        status, location = _request(url, "HEAD", timeout)
        if status in (405, 501) or status >= 500:
            status, location = _request(url, "GET", timeout)
        return status, location, ""
    except TimeoutError:
        return None, None, "time-out"
    except urllib.error.URLError as error:
        timed_out = isinstance(error.reason, TimeoutError) or "timed out" in str(error.reason)
        return None, None, "time-out" if timed_out else str(error.reason)
    except OSError as error:
        return None, None, str(error)


def check_url(url: str, hosts: _Hosts, timeout: float, retries: int = 1) -> Result:
    """Return the verdict on one URL, following redirects and retrying once on failure."""
    current, moved_to, permanent_only = url, None, True
    for _ in range(MAX_REDIRECTS + 1):
        status, location, problem = None, None, ""
        for _attempt in range(retries + 1):
            with hosts.visit(current):
                hosts.wait(current)
                status, location, problem = _head_then_get(current, timeout)
            if status is not None and status < 500:
                break
        if status is None:
            verdict: Verdict = "unknown" if problem == "time-out" else "dead"
            return Result(url, verdict, None, problem)
        if 300 <= status < 400 and location:
            permanent_only = permanent_only and status in PERMANENT
            current = urljoin(current, location)
            moved_to = current if permanent_only else None
            if urlsplit(current).scheme not in ("http", "https"):
                # file:, ftp:, data: ... are never opened: not a web page, and not ours to read
                detail = f"verwijst door naar {urlsplit(current).scheme}:, geen webadres"
                return Result(url, "dead", status, detail)
            continue
        if status in NOT_CHECKABLE:
            return Result(url, "unknown", status, "de server liet ons niet kijken")
        if status >= 400:
            return Result(url, "dead", status)
        if moved_to:
            return Result(url, "moved", status, moved_to=moved_to)
        return Result(url, "ok", status)
    return Result(url, "dead", None, "te veel doorverwijzingen")


def check_links(
    links: list[Link],
    *,
    concurrency: int = 8,
    timeout: float = 10.0,
    pause: float = 1.0,
    check: Callable[[str, _Hosts, float], Result] = check_url,
) -> list[Result]:
    """Return one Result per distinct URL (with the links that use it), in first-use order."""
    by_url: dict[str, list[Link]] = {}
    for link in links:
        by_url.setdefault(link.url, []).append(link)
    hosts = _Hosts(pause)
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        results = list(pool.map(lambda url: check(url, hosts, timeout), by_url))
    for result in results:
        result.used_by = by_url[result.url]
    return results


LABELS = {
    "dead": "Werkt niet",
    "moved": "Verhuisd (pas de link aan)",
    "unknown": "Kon niet controleren",
}


def _lines(results: list[Result], verdict: Verdict) -> Iterator[str]:
    for result in results:
        if result.verdict != verdict:
            continue
        status = f"HTTP {result.status}" if result.status else result.detail
        where = ", ".join(f"{u.file} {u.entry} ({u.key})" for u in result.used_by)
        extra = f" -> {result.moved_to}" if result.moved_to else ""
        yield f"- {result.url}{extra} [{status}] in {where}"


def text_report(results: list[Result]) -> str:
    """Return the report for people, in Dutch: dead, moved, could not check; then a count."""
    parts = []
    for verdict in ("dead", "moved", "unknown"):
        lines = list(_lines(results, verdict))
        if lines:
            parts.append(f"{LABELS[verdict]} ({len(lines)}):\n" + "\n".join(lines))
    ok = sum(r.verdict == "ok" for r in results)
    parts.append(f"{len(results)} links gecontroleerd, {ok} in orde.")
    return "\n\n".join(parts) + "\n"


def json_report(results: list[Result]) -> str:
    """Return the report for machines: one object per URL."""
    return json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2) + "\n"
