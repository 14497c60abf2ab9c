"""What every generated file needs to know about the site it belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .dates import AMSTERDAM
from .urls import Paths
from .wording import Wording, default

PRODID = "-//mbo-alumni//Alumni in het mbo//NL"


def zone_named(name: str) -> ZoneInfo:
    """Return the time zone with an IANA name, or raise ValueError that says what to write."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"onbekende tijdzone '{name}' in 'timezone'; schrijf een naam als Europe/Amsterdam"
        ) from None


@dataclass(frozen=True)
class Site:
    """The site's absolute base URL and name, its folder names, its wording, its PRODID."""

    url: str  # absolute, ends with "/"
    name: str
    paths: Paths = field(default_factory=Paths)
    words: Wording = field(default_factory=default)
    prodid: str = PRODID  # the calendars' PRODID: who made them
    zone: ZoneInfo = AMSTERDAM  # the zone of every time in the data

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
