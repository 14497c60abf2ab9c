"""What every generated file needs to know about the site it belongs to (made by
`Settings.site`, which holds the defaults)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from .urls import Forms, Paths
from .wording import Wording


@dataclass(frozen=True)
class Site:
    """The site's absolute base URL and name, its folder names, its wording, its PRODID."""

    url: str  # absolute, ends with "/"
    name: str
    paths: Paths
    words: Wording
    prodid: str  # the calendars' PRODID: who made them
    zone: ZoneInfo  # the zone of every time in the data

    forms = Forms  # the issue forms' file names, which the templates read

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
