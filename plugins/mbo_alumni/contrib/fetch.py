"""Fetching a calendar from outside with care: what `mbo-alumni sync` reads.

An association names the address; the address is not trusted. Only https (an http address is
asked for over https), at most a few redirects, each checked again; never an address inside
a network (private, loopback, link-local: a cloud's metadata service is one), checked on the
address actually connected to, so a name cannot resolve one way for the check and another
for the request. A size limit and a deadline for the whole answer, not only for each read.
`allow_local` lets tests reach 127.0.0.1 and ::1 (loopback only; still over https, with a
certificate the test trusts through SSL_CERT_FILE); the workflow never passes it. ETag and
Last-Modified are sent back, so an unchanged calendar costs its server nothing.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

MAX_BYTES = 10 * 1024 * 1024  # a calendar of ten years of weekly evenings is about 1 MB
TIMEOUT = 20.0  # seconds for the whole answer, redirects included
MAX_REDIRECTS = 3
_REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(Exception):
    """The calendar could not be fetched; the message says why, in Dutch."""


@dataclass(frozen=True)
class Fetched:
    """An answer: the calendar's bytes (None when unchanged since `etag`/`modified`)."""

    body: bytes | None
    etag: str | None = None
    modified: str | None = None


def _addresses(host: str, port: int) -> list[str]:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"de naam {host} bestaat niet of is niet te vinden ({error})") from None
    return [str(info[4][0]) for info in found]


def _permitted(address: str, allow_local: bool) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if allow_local and ip.is_loopback:
        return True
    return ip.is_global and not ip.is_multicast


def _target(url: str, allow_local: bool) -> tuple[str, str, int, str, str]:
    """Return (scheme, host, port, the address to connect to, path and query) for a URL
    (http asked for over https, on port 443 unless another is named), or raise FetchError
    when it may not be fetched."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "webcal":
        scheme = "https"
    if scheme not in ("https", "http") or not parts.hostname:
        raise FetchError(f"'{url}' is geen webadres (https://)")
    if parts.username or parts.password:
        raise FetchError(f"'{url}' bevat een gebruikersnaam of wachtwoord; dat lezen we niet")
    host = parts.hostname
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"'{url}' heeft een ongeldig poortnummer") from None
    addresses = _addresses(host, port)
    allowed = [a for a in addresses if _permitted(a, allow_local)]
    if not allowed or len(allowed) < len(addresses):
        raise FetchError(
            f"{host} wijst naar een adres binnen een netwerk ({addresses[0]}), niet naar een "
            "openbare site; zo'n adres lezen we niet"
        )
    if scheme == "http":  # asked for over https: the calendar is read encrypted or not at all
        scheme, port = "https", (443 if parts.port in (None, 80) else port)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, host, port, allowed[0], path


class _Pinned(http.client.HTTPSConnection):
    """HTTPS to the address that was checked, with the name for TLS and the Host header."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def _read(response: http.client.HTTPResponse, limit: int, deadline: float) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"het bestand is te groot ({_mb(int(declared))}; hoogstens {_mb(limit)})")
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError("de agenda antwoordde te langzaam")
        chunk = response.read1(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise FetchError(f"het bestand is te groot (meer dan {_mb(limit)})")
        chunks.append(chunk)


def fetch(
    url: str,
    user_agent: str,
    *,
    etag: str | None = None,
    modified: str | None = None,
    allow_local: bool = False,
    timeout: float = TIMEOUT,
    limit: int = MAX_BYTES,
) -> Fetched:
    """Return the calendar at `url`, or raise FetchError with the reason in Dutch."""
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port, address, path = _target(url, allow_local)
        left = max(0.1, deadline - time.monotonic())
        connection = _Pinned(host, port, address, left)
        headers = {"User-Agent": user_agent, "Accept": "text/calendar, */*;q=0.5",
                   "Accept-Encoding": "identity"}  # fmt: skip
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            if response.status in _REDIRECTS and response.getheader("Location"):
                url = urljoin(f"{scheme}://{host}:{port}{path}", response.getheader("Location", ""))
                continue
            if response.status == 304:
                return Fetched(None, etag, modified)
            if response.status != 200:
                raise FetchError(f"de agenda gaf foutcode HTTP {response.status}")
            body = _read(response, limit, deadline)
            return Fetched(body, response.getheader("ETag"), response.getheader("Last-Modified"))
        except (OSError, http.client.HTTPException) as error:
            if isinstance(error, TimeoutError) or "timed out" in str(error):
                raise FetchError("de agenda antwoordde te langzaam") from None
            raise FetchError(f"de agenda is niet bereikbaar ({error})") from None
        finally:
            connection.close()
    raise FetchError(f"te veel doorverwijzingen (meer dan {MAX_REDIRECTS})")
