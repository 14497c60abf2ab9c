"""One VEVENT of an association's calendar in the data's terms: its title, times, place, link,
status, themes and description, each made safe for the data files (plain text as Markdown
that shows it as it was, never HTML; single-line texts on one line; lengths within the
model's limits). What `mbo-alumni sync` writes into `data/events.yaml`."""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from ..core.dates import When, occurs_twice
from ..core.wording import Wording

MAX_TITLE = 300
MAX_DESCRIPTION = 4000  # the model allows 5000; escaping adds a little
_TAGS = re.compile(
    r"<\s*/?\s*(br|p|div|a|b|i|u|ul|ol|li|span|strong|em|h[1-6]|table|tr|td|font|html|body)\b",
    re.I,
)
_URL = re.compile(r"https?://[^\s<>\"]+", re.I)
# Characters Markdown reads as markup anywhere in a line, and at the start of one.
_INLINE = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?\w+;))")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.M)
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u0085\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def one_line(value: Any, limit: int = MAX_TITLE) -> str:
    """Return a text on one line: line breaks and tabs as spaces, controls gone, cut to
    `limit` characters on a word boundary."""
    text = _CONTROLS.sub("", str(value or "").replace("\r", " ").replace("\n", " "))
    text = " ".join(text.replace("\t", " ").split())
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def plain_text(value: Any) -> str:
    """Return the text of a DESCRIPTION: an HTML one (Google writes some) as text."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    if _TAGS.search(text):
        text = re.sub(r"<a\b[^>]*href=[\"']?(https?://[^\"' >]+)[^>]*>(.*?)</a\s*>",
                      lambda m: m[2] if m[1] in m[2] else f"{m[2]} ({m[1]})", text,
                      flags=re.I | re.S)  # fmt: skip
        text = re.sub(r"<\s*(br|/p|/div|/li|/h[1-6]|/tr)\s*/?\s*>", "\n", text, flags=re.I)
        text = re.sub(r"<\s*li\b[^>]*>", "- ", text, flags=re.I)
        text = re.sub(r"<[^>]*>", "", text)
        text = html.unescape(text)
    text = _CONTROLS.sub("", text.replace("\t", " "))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.split("\n"))).strip()


def markdown(value: Any) -> str | None:
    """Return a plain text as Markdown that shows exactly that text: every character that
    would be markup escaped (a `<script>` stays visible text), web addresses kept whole,
    line breaks kept as line breaks, at most MAX_DESCRIPTION characters."""
    text = plain_text(value)
    if not text:
        return None
    if len(text) > MAX_DESCRIPTION:
        text = text[: MAX_DESCRIPTION - 1].rsplit(" ", 1)[0] + " …"
    pieces, last = [], 0
    for match in _URL.finditer(text):  # an address is a link as it is; escaping breaks it
        pieces.append(_escaped(text[last : match.start()]))
        pieces.append(match.group(0).rstrip(".,;:)"))
        last = match.start() + len(pieces[-1])
    pieces.append(_escaped(text[last:]))
    joined = "".join(pieces)
    # A single line break stays a break: Markdown would run the lines together.
    return re.sub(r"(?<!\n)\n(?!\n)", "\n\n", joined)


def _escaped(text: str) -> str:
    return _LINE_START.sub(r"\1\\\2", _INLINE.sub(r"\\\1", text))


def slug(text: str, limit: int = 44) -> str:
    """Return the id-friendly form of a title: 'Borrel & Netwerk!' -> 'borrel-netwerk'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-") or "bijeenkomst"


def moment(value: Any, zone: ZoneInfo) -> When:
    """Return a DTSTART or DTEND value as the data holds times: a date stays a date; a time
    with a zone or in UTC becomes the site's wall time; a floating time is the site's."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone)
        moment: datetime = value.astimezone(zone).replace(second=0, microsecond=0)
        return moment
    if isinstance(value, date):
        day: date = value
        return day
    raise ValueError(f"geen datum of tijd: {value!r}")


def when_text(value: When) -> Any:
    """Return how the data file writes a date (bare) or a time ('2027-03-30 19:30'); a wall
    time that the autumn night has twice keeps its offset, so it names one instant."""
    if isinstance(value, datetime):
        if occurs_twice(value):
            return value.isoformat(timespec="minutes")
        return value.strftime("%Y-%m-%d %H:%M")
    return value


def times(component: Any, zone: ZoneInfo) -> tuple[When, When | None]:
    """Return a VEVENT's start and end in the data's terms: an all-day event's last day
    inclusive (DTEND is the day after), no end when it equals the start."""
    start = moment(component.decoded("DTSTART"), zone)
    if "DTEND" in component:
        end: Any = moment(component.decoded("DTEND"), zone)
    elif "DURATION" in component:
        length = component.decoded("DURATION")
        end = start + length if isinstance(length, timedelta) else None
    else:
        end = None
    if isinstance(start, datetime) != isinstance(end, datetime) and end is not None:
        raise ValueError("begin en einde zijn van een andere soort (datum en tijd)")
    if end is not None and not isinstance(start, datetime):
        end = end - timedelta(days=1)  # RFC 5545: the end of an all-day event is exclusive
    if end is not None and end <= start:
        end = None
    return start, end


@lru_cache(maxsize=8)
def _place_pattern(template: str) -> re.Pattern[str]:
    """A place as our calendars write it (`place.hybrid`, `place.online` of the site's
    wording), as a pattern that gives back its venue and link."""
    parts = re.split(r"(\{venue\}|\{url\})", template)
    fields = {"{venue}": r"(?P<venue>.+)", "{url}": r"(?P<url>https?://\S+)"}
    return re.compile("".join(fields.get(part, re.escape(part)) for part in parts))


def location(component: Any, words: Wording) -> dict[str, Any] | None:
    """Return the place: LOCATION as written (its parts cannot be told apart reliably), and
    online with a link when the calendar gives one (CONFERENCE, Google's Meet link, or a
    LOCATION that is only an address on the web, or a place in the words our own calendars
    write it with: the site's `place.hybrid` and `place.online`)."""
    text = one_line(component.get("LOCATION"))
    link = next((str(component[k]) for k in ("CONFERENCE", "X-GOOGLE-CONFERENCE")
                 if k in component and _URL.fullmatch(str(component[k]))), None)  # fmt: skip
    hybrid = _place_pattern(words.texts["place.hybrid"]).fullmatch(text)
    if hybrid:
        text, link = hybrid["venue"], link or hybrid["url"]
    online_only = _place_pattern(words.texts["place.online"]).fullmatch(text) or re.fullmatch(
        r"(?P<url>https?://\S+)", text
    )
    if online_only:
        text, link = "", link or online_only["url"]
    place: dict[str, Any] = {"name": text} if text else {}
    if link:
        place.update(online=True, url=link)
    return place or None


def link(component: Any) -> str | None:
    url = str(component.get("URL") or "").strip()
    return url if _URL.fullmatch(url) and len(url) <= 2000 else None


def status(component: Any) -> str:
    word = str(component.get("STATUS") or "").upper()
    return {"CANCELLED": "cancelled", "TENTATIVE": "tentative"}.get(word, "confirmed")


def categories(component: Any) -> list[str]:
    found = component.get("CATEGORIES")
    listed = found if isinstance(found, list) else [found] if found is not None else []
    return [one_line(c, 100) for item in listed for c in getattr(item, "cats", [item])]


def themes(component: Any, known: dict[str, str]) -> list[str]:
    """Return the ids of the site's themes the categories name (by id or name, any case)."""
    folded = {k.casefold(): v for k, v in known.items()}
    found = [folded[c.casefold()] for c in categories(component) if c.casefold() in folded]
    return list(dict.fromkeys(found))


def wanted(component: Any, words: list[str]) -> bool:
    """Return whether an event is for the site: not private, and with one of the association's
    words (when it named any) in its title or categories."""
    if str(component.get("CLASS") or "PUBLIC").upper() in ("PRIVATE", "CONFIDENTIAL"):
        return False
    if not words:
        return True
    haystack = " ".join([str(component.get("SUMMARY") or ""), *categories(component)]).casefold()
    return any(word.casefold() in haystack for word in words)


def title(component: Any, words: Wording) -> str:
    """Return the SUMMARY as the title, without the 'Afgelast: ' our own feeds put before it."""
    text = one_line(component.get("SUMMARY"))
    prefix = f"{words('status.cancelled')}: "
    if status(component) == "cancelled" and text.startswith(prefix):
        text = text[len(prefix) :]
    return text
