"""What every generated file needs to know about the site it belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .urls import Paths
from .wording import Wording, default

PRODID = "-//mbo-alumni//Alumni in het mbo//NL"


@dataclass(frozen=True)
class Site:
    """The site's absolute base URL and name, its folder names, its wording, its PRODID."""

    url: str  # absolute, ends with "/"
    name: str
    paths: Paths = field(default_factory=Paths)
    words: Wording = field(default_factory=default)
    prodid: str = PRODID  # the calendars' PRODID: who made them

    @property
    def origin(self) -> str:
        """Return scheme://host[:port] of the site."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "localhost"

    def absolute(self, path: str) -> str:
        """Return the absolute URL of a site-relative path."""
        return self.url + path.lstrip("/")
