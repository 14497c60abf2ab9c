"""`mbo-alumni links` against a real HTTP server on 127.0.0.1 that answers every case."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import cli, write_tree
from mbo_alumni.contrib.links import Link, check_links, text_report

SLOW = 2.0  # seconds the slow page takes; the checker's timeout in the tests is 0.5


class Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def answer(self) -> None:
        path = self.path.split("?")[0]
        Handler.seen.append((self.command, path))
        routes = {
            "/ok": (200, None),
            "/verhuisd": (301, "/ok"),
            "/permanent": (308, "/ok"),
            "/tijdelijk": (302, "/ok"),
            "/verhuisd-naar-weg": (301, "/weg"),
            "/weg": (404, None),
            "/verdwenen": (410, None),
            "/druk": (429, None),
            "/geheim": (403, None),
            "/kapot": (500, None),
            # a website that sends the checker to a local file (or any non-web address)
            "/naar-bestand": (302, "file:///etc/hostname"),
        }
        if path == "/traag":
            time.sleep(SLOW)
            status, location = 200, None
        elif path == "/geen-head" and self.command == "HEAD":
            status, location = 405, None
        elif path == "/geen-head":
            status, location = 200, None
        else:
            status, location = routes.get(path, (404, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = answer
    do_GET = answer


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends: refused


@pytest.fixture(scope="module")
def verdicts(server: str) -> dict[str, tuple[str, int | None, str | None]]:
    paths = ["ok", "verhuisd", "permanent", "tijdelijk", "verhuisd-naar-weg", "weg",
             "verdwenen", "druk", "geheim", "kapot", "traag", "geen-head",
             "naar-bestand"]  # fmt: skip
    links = [Link(f"{server}/{p}", "associations.yaml", p, "website") for p in paths]
    links.append(Link(f"http://127.0.0.1:{closed_port()}/", "events.yaml", "dicht", "url"))
    Handler.seen.clear()
    results = check_links(links, concurrency=4, timeout=0.5, pause=0)
    return {r.used_by[0].entry: (r.verdict, r.status, r.moved_to) for r in results}


@pytest.mark.parametrize(
    ("entry", "verdict", "status"),
    [
        ("ok", "ok", 200),
        ("tijdelijk", "ok", 200),  # a temporary redirect is not news
        ("geen-head", "ok", 200),  # HEAD refused: GET answers
        ("verhuisd", "moved", 200),
        ("permanent", "moved", 200),
        ("verhuisd-naar-weg", "dead", 404),
        ("weg", "dead", 404),
        ("verdwenen", "dead", 410),
        ("kapot", "dead", 500),
        ("dicht", "dead", None),  # connection refused
        ("druk", "unknown", 429),  # not a verdict on the page
        ("geheim", "unknown", 403),
        ("traag", "unknown", None),  # a time-out is "could not check"
        ("naar-bestand", "dead", 302),  # never opened: not a web address
    ],
)
def test_each_answer_gets_its_verdict(
    verdicts: dict[str, tuple[str, int | None, str | None]],
    entry: str,
    verdict: str,
    status: int | None,
) -> None:
    assert verdicts[entry][:2] == (verdict, status)


def test_a_permanent_move_names_the_new_address(
    verdicts: dict[str, tuple[str, int | None, str | None]], server: str
) -> None:
    assert verdicts["verhuisd"][2] == f"{server}/ok"
    assert verdicts["tijdelijk"][2] is None


def test_retries_once_and_falls_back_to_get(
    verdicts: dict[str, tuple[str, int | None, str | None]],
) -> None:
    seen = Handler.seen
    assert seen.count(("HEAD", "/kapot")) == 2 and seen.count(("GET", "/kapot")) == 2
    assert seen.count(("HEAD", "/geen-head")) == 1 and seen.count(("GET", "/geen-head")) == 1
    assert seen.count(("HEAD", "/ok")) >= 1 and ("GET", "/ok") not in seen[:1]


def test_one_request_at_a_time_per_host_with_a_pause(server: str) -> None:
    links = [Link(f"{server}/ok?{i}", "associations.yaml", str(i), "website") for i in range(4)]
    started = time.monotonic()
    results = check_links(links, concurrency=4, timeout=1, pause=0.3)
    assert [r.verdict for r in results] == ["ok"] * 4
    assert time.monotonic() - started >= 0.9  # three pauses between four requests


def test_the_same_url_is_checked_once_and_reported_for_every_use(server: str) -> None:
    links = [
        Link(f"{server}/weg", "associations.yaml", "a", "website"),
        Link(f"{server}/weg", "events.yaml", "b", "url"),
    ]
    (result,) = check_links(links, timeout=1, pause=0)
    report = text_report([result])
    assert report.startswith("Werkt niet (1):\n")
    assert "associations.yaml a (website), events.yaml b (url)" in report


ASSOCIATIONS = """\
- id: a-academy
  name: A-Academy
  institution: Koning Willem I College
  city: Tilburg
  province: Noord-Brabant
  website: {server}/ok
  socials: {{linkedin: "{server}/verhuisd"}}
- id: b-vereniging
  name: Bee
  institution: B
  city: Utrecht
  province: Utrecht
  website: {server}/weg
"""


def test_the_command_reports_as_text_and_json_with_exit_codes(tmp_path: Path, server: str) -> None:
    data = write_tree(
        tmp_path / "data",
        {"associations.yaml": ASSOCIATIONS.format(server=server), "events.yaml": "[]\n"},
    )
    report = tmp_path / "links.json"
    result = cli("links", "--data", str(data), "--json", str(report), "--pause", "0")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Werkt niet (1):" in result.stdout and "Verhuisd (pas de link aan) (1):" in result.stdout
    assert "3 links gecontroleerd, 1 in orde." in result.stdout
    found = {r["url"].rsplit("/", 1)[1]: r for r in json.loads(report.read_text())}
    assert found["weg"]["verdict"] == "dead" and found["weg"]["status"] == 404
    assert found["verhuisd"]["moved_to"] == f"{server}/ok"
    assert found["weg"]["used_by"] == [
        {"url": f"{server}/weg", "file": "associations.yaml", "entry": "b-vereniging",
         "key": "website"}
    ]  # fmt: skip
    fine = write_tree(
        tmp_path / "fine",
        {"associations.yaml": ASSOCIATIONS.format(server=server).split("- id: b-")[0],
         "events.yaml": "[]\n"},
    )  # fmt: skip
    assert cli("links", "--data", str(fine), "--pause", "0").returncode == 0
    assert cli("links", "--data", str(tmp_path / "nergens")).returncode == 2
    assert cli("links", "--bogus").returncode == 2
