"""Our calendars in Radicale, a real CalDAV server built on vobject (issue #42, point 1).

vobject keeps the first VTIMEZONE it sees for a TZID, for the whole server process. When every
file carried its own definition trimmed to its own years, importing one association's feed
and then the site's (or version 1 of the feed and then version 2) put every event in a year
the first file did not cover an hour off. Here the files of real builds are imported into one
Radicale on 127.0.0.1 in those orders, Radicale expands them (a CalDAV REPORT with <expand>),
and every instant it gives is compared with the one computed from the data.
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import ROOT, TWO_ASSOCIATIONS, mini_project, mkdocs_build
from mbo_alumni.source.load import load

pytestmark = pytest.mark.slow
RADICALE = ROOT / ".venv-radicale" / "bin" / "python"  # installed by `make test`

VERSION_1 = """\
- id: borrel
  title: Borrel
  start: '2027-01-05 20:00'
  end: '2027-01-05 22:00'
  organizer: b-alumni
  repeat: {every: month, weekday: tuesday, week: 1, count: 12}
  cancelled: [2027-04-06]
- id: winter
  title: Winteravond
  start: '2027-01-12 19:30'
  organizer: a-academy
"""
VERSION_2 = (
    VERSION_1
    + """\
- id: zomer-2028
  title: Zomeravond
  start: '2028-06-15 19:00'
  organizer: a-academy
- id: nacht
  title: Lange zaterdagavond
  start: '2027-10-16 22:00'
  end: '2027-10-17 04:00'
  organizer: b-alumni
  repeat: {every: week, count: 3}
- id: oud
  title: Oude avond
  start: '1985-06-11 19:30'
  organizer: a-academy
- id: ver
  title: Verre avond
  start: '2031-10-14 19:30'
  organizer: b-alumni
"""
)
REPORT = (
    b'<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" '
    b'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-data>'
    b'<C:expand start="19000101T000000Z" end="21000101T000000Z"/></C:calendar-data></D:prop>'
    b'<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
    b'<C:time-range start="19000101T000000Z" end="21000101T000000Z"/></C:comp-filter>'
    b"</C:comp-filter></C:filter></C:calendar-query>"
)


class Server:
    """One Radicale process: its vobject time-zone registry lives as long as it does."""

    def __init__(self, base: str) -> None:
        self.base = base
        self._call("/u/", "MKCOL")

    def _call(self, path: str, method: str, body: bytes | None = None, **headers: str) -> bytes:
        request = urllib.request.Request(self.base + path, data=body, method=method,
                                         headers=headers)  # fmt: skip
        with urllib.request.urlopen(request, timeout=30) as answer:
            return bytes(answer.read())

    def put(self, collection: str, calendar: bytes) -> None:
        self._call(f"/u/{collection}/", "PUT", calendar, **{"Content-Type": "text/calendar"})

    def _report(self, collection: str, start: str, end: str, expand: bool) -> bytes:
        body = REPORT.replace(b"19000101T000000Z", start.encode()).replace(
            b"21000101T000000Z", end.encode()
        )
        if not expand:
            body = re.sub(rb"<C:expand[^>]*/>", b"", body)
        return self._call(f"/u/{collection}/", "REPORT", body, Depth="1",
                          **{"Content-Type": "application/xml"})  # fmt: skip

    def instants(self, collection: str) -> dict[str, set[str]]:
        """Return {uid: every start of a series as Radicale expands it, in UTC; a single
        timed event's start as Radicale places it (asked by a time range of one second)}."""
        answer = self._report(collection, "19000101T000000Z", "21000101T000000Z", True)
        found: dict[str, set[str]] = {}
        for block in re.findall(rb"BEGIN:VEVENT\r?\n(.*?)END:VEVENT", answer, re.S):
            uid = re.search(rb"^UID:(.*?)\r?$", block, re.M)[1].decode()  # type: ignore[index]
            start = re.search(rb"^DTSTART[^:\r\n]*:(\S+?)\r?$", block, re.M)[1].decode()  # type: ignore[index]
            end = re.search(rb"^DTEND[^:\r\n]*:(\S+?)\r?$", block, re.M)
            found.setdefault(uid.split("@")[0], set()).add(
                start + ("/" + end[1].decode() if end and "RRULE" not in block.decode() else "")
            )
        return found

    def holds_at(self, collection: str, ident: str, instant: str) -> bool:
        """Return whether Radicale puts the event `ident` at the UTC `instant` (it answers a
        time range of one second starting there), and not an hour earlier or later."""
        moment = datetime.strptime(instant, "%Y%m%dT%H%M%SZ")

        def at(hours: int) -> bool:
            start = (moment + timedelta(hours=hours)).strftime("%Y%m%dT%H%M%SZ")
            end = (moment + timedelta(hours=hours, seconds=1)).strftime("%Y%m%dT%H%M%SZ")
            answer = self._report(collection, start, end, False)
            return f"UID:{ident}@".encode() in answer

        return at(0) and not at(-1) and not at(1)


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    assert RADICALE.is_file(), "make test installs Radicale in .venv-radicale"
    storage = tmp_path_factory.mktemp("radicale")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [str(RADICALE), "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(storage), "--auth-type", "none",
         "--logging-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/.web/", timeout=2).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise
            time.sleep(0.1)
    try:
        yield Server(base)
    finally:
        process.terminate()
        process.wait(timeout=10)


def built(folder: Path, events: str) -> Path:
    root = mini_project(folder)({"data/associations.yaml": TWO_ASSOCIATIONS,
                                 "data/events.yaml": events})  # fmt: skip
    assert mkdocs_build(root).returncode == 0
    return root


def expected(root: Path) -> dict[str, set[str]]:
    """Every start the data holds, in UTC, as a CalDAV server writes it after expanding."""
    data = load(root / "data")

    def utc(moment: object) -> str:
        assert isinstance(moment, datetime)
        return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    return {
        e.id: {
            (utc(o.start) + (f"/{utc(o.end)}" if e.repeat and o.end else ""))
            if isinstance(o.start, datetime)
            else o.start.strftime("%Y%m%d")
            for o in e.occurrences()
        }
        for e in data.events
    }


def assert_right(radicale: Server, collection: str, root: Path, only: tuple[str, ...] = ()) -> None:
    """Every occurrence of a series where the data puts it; every single event too."""
    want = {k: v for k, v in expected(root).items() if not only or k in only}
    got = radicale.instants(collection)
    assert set(got) == set(want)
    for ident, starts in want.items():
        if len(starts) > 1:  # a series: expanded to UTC by Radicale, with each end
            assert got[ident] == starts, ident
        else:  # a single event: Radicale returns it as written; ask where it places it
            (instant,) = starts
            assert len(instant) == 8 or radicale.holds_at(collection, ident, instant), ident


def test_feed_version_1_then_version_2(radicale: Server, tmp_path: Path) -> None:
    first = built(tmp_path / "v1", VERSION_1)
    second = built(tmp_path / "v2", VERSION_2)
    radicale.put("versie", (first / "site" / "agenda.ics").read_bytes())
    radicale.put("versie", (second / "site" / "agenda.ics").read_bytes())
    assert_right(radicale, "versie", second)


def test_an_associations_feed_then_the_site_feed(radicale: Server, tmp_path: Path) -> None:
    root = built(tmp_path / "site", VERSION_2)
    radicale.put("bee", (root / "site" / "agenda-b-alumni.ics").read_bytes())
    radicale.put("alles", (root / "site" / "agenda.ics").read_bytes())
    assert_right(radicale, "alles", root)
    assert_right(radicale, "bee", root, only=("borrel", "nacht", "ver"))


def test_an_evening_across_the_clock_change_ends_where_every_calendar_ends_it(
    radicale: Server, tmp_path: Path
) -> None:
    """Saturday 22:00 to 04:00, on the night the clocks go back: exactly six hours, as RFC
    5545 expands a series' length given by DTEND (Radicale, libical), so 03:00 on the clock;
    our pages and open data say the same (they used to keep six hours on the clock)."""
    root = built(tmp_path / "site", VERSION_2)
    night = next(e for e in load(root / "data").events if e.id == "nacht")
    (crossing,) = [o for o in night.occurrences() if o.start.day == 30]
    assert crossing.end is not None and f"{crossing.end:%H:%M}" == "03:00"
    radicale.put("nacht", (root / "site" / "agenda.ics").read_bytes())
    assert "20271030T200000Z/20271031T020000Z" in radicale.instants("nacht")["nacht"]


def test_one_download_then_the_site_feed(radicale: Server, tmp_path: Path) -> None:
    root = built(tmp_path / "site", VERSION_2)
    radicale.put("een", (root / "site" / "agenda" / "winter.ics").read_bytes())
    radicale.put("alles-na-een", (root / "site" / "agenda.ics").read_bytes())
    assert_right(radicale, "alles-na-een", root)
