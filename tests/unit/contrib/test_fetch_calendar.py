"""Fetching an association's calendar with care (issue #45): https only, a size limit, a
deadline, few redirects, never an address inside a network, ETag and Last-Modified sent back,
a User-Agent that names the site. A real TLS server on 127.0.0.1 answers, as hostile as need
be; the fetch trusts its certificate through SSL_CERT_FILE, as the workflow trusts the system's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from calendar_server import CalendarServer, calendar_server, feed
from mbo_alumni.contrib.fetch import FetchError, fetch

AGENT = "mbo-alumni-sync/1 (+https://alumni.test/)"


@pytest.fixture(scope="module")
def server() -> Iterator[CalendarServer]:
    with calendar_server() as running:
        running.put("/google.ics", feed("google.ics"))
        yield running


@pytest.fixture(autouse=True)
def trusted(server: CalendarServer, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in server.trust.items():
        monkeypatch.setenv(key, value)


def test_a_calendar_is_fetched_and_its_etag_saves_the_next_fetch(server: CalendarServer) -> None:
    first = fetch(server.url("/google.ics"), AGENT, allow_local=True)
    assert first.body == feed("google.ics")
    assert first.etag and first.modified
    asked = server.requests[-1]
    assert asked["User-Agent"] == AGENT
    again = fetch(server.url("/google.ics"), AGENT, etag=first.etag, modified=first.modified,
                  allow_local=True)  # fmt: skip
    assert again.body is None  # 304: unchanged, nothing downloaded
    assert server.requests[-1]["If-None-Match"] == first.etag
    assert server.requests[-1]["If-Modified-Since"] == first.modified


def test_http_and_webcal_are_asked_for_over_https(server: CalendarServer) -> None:
    for scheme in ("http", "webcal"):
        address = server.url("/google.ics").replace("https", scheme, 1)
        assert fetch(address, AGENT, allow_local=True).body == feed("google.ics")


def test_a_certificate_that_is_not_trusted_is_refused(
    server: CalendarServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE")
    with pytest.raises(FetchError, match="niet bereikbaar.*CERTIFICATE_VERIFY_FAILED"):
        fetch(server.url("/google.ics"), AGENT, allow_local=True)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_loopback_is_refused_without_allow_local(server: CalendarServer, host: str) -> None:
    with pytest.raises(FetchError, match="adres binnen een netwerk"):
        fetch(f"https://{host}:{server.port}/google.ics", AGENT)


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata"])
def test_a_redirect_into_a_private_network_is_refused(server: CalendarServer, path: str) -> None:
    # Even with --allow-local, which opens loopback only.
    with pytest.raises(FetchError, match="adres binnen een netwerk"):
        fetch(server.url(path), AGENT, allow_local=True)


def test_a_redirect_loop_ends_after_three(server: CalendarServer) -> None:
    before = len(server.requests)
    with pytest.raises(FetchError, match="te veel doorverwijzingen"):
        fetch(server.url("/loop"), AGENT, allow_local=True)
    assert len(server.requests) - before == 4  # the first and three redirects


def test_a_redirect_within_the_limit_is_followed(server: CalendarServer) -> None:
    assert fetch(server.url("/redirect-to/google.ics"), AGENT, allow_local=True).body


@pytest.mark.parametrize("path", ["/huge-declared", "/huge"])
def test_a_200_mb_answer_is_refused_at_the_limit(server: CalendarServer, path: str) -> None:
    with pytest.raises(FetchError, match="te groot"):
        fetch(server.url(path), AGENT, allow_local=True, limit=2 * 1024 * 1024)


def test_a_slow_answer_meets_the_deadline(server: CalendarServer) -> None:
    with pytest.raises(FetchError, match="te langzaam"):
        fetch(server.url("/slow"), AGENT, allow_local=True, timeout=1.0)


def test_an_error_status_is_said(server: CalendarServer) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(server.url("/niet-hier.ics"), AGENT, allow_local=True)


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("ftp://example.org/a.ics", "geen webadres"),
        ("https://user:geheim@example.org/a.ics", "gebruikersnaam of wachtwoord"),
        ("https://bestaat-niet.invalid/a.ics", "bestaat niet"),
    ],
)
def test_addresses_that_are_not_fetched(address: str, said: str) -> None:
    with pytest.raises(FetchError, match=said):
        fetch(address, AGENT)
