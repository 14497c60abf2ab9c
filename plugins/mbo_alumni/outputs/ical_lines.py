"""Content lines of an iCalendar file (RFC 5545 3.1): values encoded, lines folded.

Text values are escaped by icalendar's vText; dates are written here, as icalendar writes
them; the lines are assembled by `calendars`, because icalendar's generic serialiser
dominated the build (figures in BENCHMARKS.md).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import vText

CRLF = b"\r\n"


def fold(line: bytes) -> bytes:
    """Return one content line folded at 75 octets (RFC 5545 3.1), ending in CRLF.

    A fold never splits a UTF-8 character; continuation lines start with one space.
    """
    if len(line) <= 75:
        return line + CRLF
    parts = []
    start, limit = 0, 75
    while start < len(line):
        end = min(start + limit, len(line))
        while end < len(line) and line[end] & 0xC0 == 0x80:  # inside a multi-byte character
            end -= 1
        parts.append(line[start:end])
        start, limit = end, 74
    return b"\r\n ".join(parts) + CRLF


def date_value(value: date | datetime) -> bytes:
    """Return a DATE, or a DATE-TIME in UTC (with Z) or as a wall clock (without a zone), as
    RFC 5545 3.3.4-5 writes them and icalendar's vDate and vDatetime do, at a tenth of the
    cost of making those objects (nothing in a date needs escaping)."""
    text = f"{value.year:04}{value.month:02}{value.day:02}"
    if isinstance(value, datetime):
        text += f"T{value.hour:02}{value.minute:02}{value.second:02}"
        if value.tzinfo is not None:  # only UTC comes here with a zone
            text += "Z"
    return text.encode()


def date_line(name: str, value: date | datetime) -> bytes:
    if isinstance(value, datetime):
        zone = value.tzinfo
        if not isinstance(zone, ZoneInfo):  # UTC, or a bare offset: no zone to name
            return name.encode() + b":" + date_value(value.astimezone(UTC))
        local = value.astimezone(zone).replace(tzinfo=None)  # wall clock in the site's zone
        return f"{name};TZID={zone.key}:".encode() + date_value(local)
    return f"{name};VALUE=DATE:".encode() + date_value(value)


def text_line(name: str, value: str) -> bytes:
    return name.encode() + b":" + vText(value).to_ical()


@lru_cache(maxsize=1024)
def category(tag: str) -> bytes:
    """A theme's id as a CATEGORIES value: a few themes, on thousands of events."""
    return vText(tag).to_ical()
