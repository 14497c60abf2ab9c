"""What a volunteer's answer means, wherever it was typed (an issue form, the site's form, a
spreadsheet cell): the forms' Dutch choices and the data's values, Dutch dates, links without
their tracking codes."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..core.dates import from_dutch
from ..source.recurrence import DUTCH_WEEKDAYS, WEEKDAYS

# The form's Dutch choices for `status`, and the values the data uses.
STATUS_CHOICES = {
    "bevestigd": "confirmed",
    "onder voorbehoud": "tentative",
    "afgelast": "cancelled",
}


# The form's Dutch choices for a series, and the values the data uses.
EVERY_CHOICES = {"elke week": "week", "elke maand": "month", "elk jaar": "year"}
WEEK_CHOICES = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "laatste": -1}
WEEKDAY_CHOICES = dict(zip(DUTCH_WEEKDAYS, WEEKDAYS, strict=True))
# By data key: what a drop-down's words stand for (the join form reads the same table).
CHOICES: dict[str, dict[str, Any]] = {
    "status": STATUS_CHOICES,
    "repeat.every": EVERY_CHOICES,
    "repeat.week": WEEK_CHOICES,
    "repeat.weekday": WEEKDAY_CHOICES,
}
# The change form's `change` field: a text field (GitHub fills only those from a link) that
# says "afgelasten" when the event does not take place; empty is any other change.
CHANGE_CHOICES = ("Afgelasten",)


def cancels(answer: str) -> bool:
    """Return whether the change form's answer asks to cancel the event."""
    return answer.strip().casefold().rstrip(".!").startswith("afgelast")


def _chosen(words: dict[str, Any], raw: str) -> Any:
    """Return the data value of a choice typed on GitHub in any case ('Elke maand')."""
    folded = {word.casefold(): value for word, value in words.items()}
    return folded.get(raw.strip().casefold(), raw.strip())


# Query parameters that only follow visitors (the join form removes the same ones).
# Query parameters that only follow visitors; the join form removes the same ones (it reads
# this pattern from the page's rules).
TRACKING_PATTERN = (
    r"utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|igsh|_hsenc|_hsmi"
    r"|yclid|twclid|li_fat_id|s_cid|si"
)
_TRACKING = re.compile(TRACKING_PATTERN, re.I)
URL_KEYS = ("website", "url", "location.url")


def without_tracking(url: str) -> str:
    """Return a link without its tracking parameters (utm_source, fbclid, ...)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.query:
        return url.strip()
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.fullmatch(k)]  # fmt: skip
    if len(kept) == len(parse_qsl(parts.query, keep_blank_values=True)):
        return url.strip()
    return urlunsplit(parts._replace(query=urlencode(kept)))


def is_url_key(key: str) -> bool:
    return key in URL_KEYS or key.startswith("socials.")


NUMBERS = ("founded", "repeat_interval", "repeat_count")
DATES = ("repeat_until", "except", "cancelled")


def date_or_text(text: str) -> Any:
    """Return a date when the text is one, else the text (which the model then refuses with
    its message): a date so that YAML writes it bare, as the data files have dates."""
    try:
        return date.fromisoformat(from_dutch(text))
    except ValueError:
        return text


def dates_in(raw: str) -> list[Any]:
    """Return the dates in an answer or a cell, separated by commas or lines."""
    return [date_or_text(part.strip()) for part in re.split(r"[,\n]", raw) if part.strip()]
