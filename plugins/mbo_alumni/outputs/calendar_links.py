"""Links that put an event or a feed into someone's calendar: subscribe, add one event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import quote, urlencode

from ..core.dates import iso_utc
from ..core.website import Site
from ..source.model import Association, Event
from .calendars import description_text, end_exclusive, location_text


@dataclass(frozen=True)
class SubscribeLinks:
    """The ways to subscribe to one calendar feed."""

    https: str
    webcal: str
    google: str


def subscribe_links(site: Site, feed_path: str) -> SubscribeLinks:
    """Return the https, webcal:// and Google Calendar subscribe URLs of a feed."""
    https = site.absolute(feed_path)
    webcal = "webcal://" + https.split("://", 1)[1]
    return SubscribeLinks(
        https=https,
        webcal=webcal,
        google="https://calendar.google.com/calendar/r?cid=" + quote(webcal, safe=""),
    )


@dataclass(frozen=True)
class AddLinks:
    """Links that open one event in a web calendar's 'new event' form."""

    google: str
    outlook: str


def _compact(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def add_links(event: Event, site: Site, organizers: Sequence[Association] = ()) -> AddLinks:
    """Return Google Calendar and Outlook.com links that prefill the event (times in UTC)."""
    end = end_exclusive(event) or event.start
    details = description_text(event, site, organizers)
    if len(details) > 1000:  # keep the URL within what browsers and servers accept
        details = details[:997] + "..."
    location = location_text(event) or ""
    google = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{_compact(event.start)}/{_compact(end)}",
        "details": details,
        "location": location,
        "ctz": site.zone.key,
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": iso_utc(event.start),
        "enddt": iso_utc(end),
        "allday": "true" if event.all_day else "false",
        "body": details,
        "location": location,
    }
    return AddLinks(
        google="https://calendar.google.com/calendar/render?" + urlencode(google, quote_via=quote),
        outlook="https://outlook.live.com/calendar/0/action/compose?"
        + urlencode(outlook, quote_via=quote),
    )
