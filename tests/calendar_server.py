"""A web server on 127.0.0.1 that serves associations' calendars to `mbo-alumni sync` in the
tests, as Google, Outlook or a Nextcloud would, and as a hostile one would: a 200 MB answer,
one that never ends, a redirect loop, a redirect into a private network, a page that is not a
calendar. It keeps every request, so a test can check the User-Agent and the ETag sent back."""

from __future__ import annotations

import hashlib
import ssl
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FEEDS = Path(__file__).parent / "feeds"
_CERTIFICATE: list[Path] = []


def certificate() -> Path:
    """Return a self-signed certificate for 127.0.0.1 and localhost (made once, by the
    openssl program): the server's, and the one trusted file the fetch is given through
    SSL_CERT_FILE, so the test takes the same https path as the workflow."""
    if not _CERTIFICATE:
        folder = Path(tempfile.mkdtemp(prefix="calendar-tls-"))
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"),
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
            check=True, capture_output=True,
        )  # fmt: skip
        _CERTIFICATE.append(folder)
    return _CERTIFICATE[0] / "cert.pem"


def feed(name: str) -> bytes:
    """Return a calendar from tests/feeds with the CRLF line ends of a real export."""
    return (FEEDS / name).read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


class CalendarServer:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.requests: list[dict[str, Any]] = []
        self.port = 0

    def url(self, path: str) -> str:
        return f"https://127.0.0.1:{self.port}{path}"

    @property
    def trust(self) -> dict[str, str]:
        """The environment that makes a fetch trust this server's certificate."""
        return {"SSL_CERT_FILE": str(certificate())}

    def put(self, path: str, body: bytes | str) -> str:
        """Serve `body` at `path` from now on; return its address."""
        self.files[path] = body.encode("utf-8") if isinstance(body, str) else body
        return self.url(path)


def _handler(server: CalendarServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802
            server.requests.append({"path": self.path, **dict(self.headers)})
            path = self.path
            if path in server.files:
                return self._file(server.files[path])
            if path == "/huge-declared":  # says 200 MB before sending any
                self.send_response(200)
                self.send_header("Content-Length", str(200 * 1024 * 1024))
                self.end_headers()
                return self._stream(200)
            if path == "/huge":  # 200 MB without saying so: only the reading can stop it
                self.send_response(200)
                self.end_headers()
                return self._stream(200)
            if path == "/slow":
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"BEGIN:VCALENDAR\r\n")
                time.sleep(3)
                return None
            if path.startswith("/loop"):
                return self._redirect(f"/loop{int(path[5:] or 0) + 1}")
            if path == "/to-private":
                return self._redirect("http://10.1.2.3/agenda.ics")
            if path == "/to-metadata":
                return self._redirect("http://169.254.169.254/latest/meta-data/")
            if path == "/to-localhost-name":
                return self._redirect(f"https://localhost:{server.port}/x.ics")
            if path.startswith("/redirect-to/"):
                return self._redirect(path.removeprefix("/redirect-to"))
            self.send_response(404)
            self.end_headers()
            return None

        def _file(self, body: bytes) -> None:
            tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            kind = "text/html" if body.lstrip()[:1] == b"<" else "text/calendar; charset=utf-8"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", tag)
            self.send_header("Last-Modified", "Wed, 18 Nov 2026 12:00:00 GMT")
            self.end_headers()
            self.wfile.write(body)

        def _stream(self, megabytes: int) -> None:
            chunk = b"BEGIN:VEVENT\r\n" + b"X" * (1024 * 1024 - 14)
            try:
                for _ in range(megabytes):
                    self.wfile.write(chunk)
            except OSError:
                pass  # the reader hung up, as it should

        def _redirect(self, where: str) -> None:
            self.send_response(302)
            self.send_header("Location", where)
            self.end_headers()

    return Handler


@contextmanager
def calendar_server() -> Iterator[CalendarServer]:
    state = CalendarServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert = certificate()
    context.load_cert_chain(cert, cert.parent / "key.pem")
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
