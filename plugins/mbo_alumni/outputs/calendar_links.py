"""Links that put an event or a feed into someone's calendar: subscribe, add one event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import quote

from ..core.dates import iso_utc
from ..core.website import Site
from ..source.series import next_held
from .calendars import end_exclusive
from .record import EventRecord


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
    # A series: whether the Google link carries the whole series (its rule), and the start of
    # the one occurrence the other links carry.
    google_series: bool = False
    occurrence: date | datetime | None = None


def _local(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


def _compact(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def add_links(record: EventRecord, today: date | None = None) -> AddLinks:
    """Return Google Calendar and Outlook.com links that prefill the event (times in UTC).

    Of a series, Google's link carries the whole series where its URL can say it (its `recur`
    parameter takes an RRULE, but nothing takes EXDATE or cancelled days): a series without
    except or cancelled days. Otherwise, and always for Outlook.com (whose compose link has no
    recurrence), the links carry the next occurrence that is held (from `today`)."""
    if record.event.repeat is not None:
        return _series_links(record, today)
    return _links(record)


def _series_links(record: EventRecord, today: date | None) -> AddLinks:
    event = record.event
    chosen = next_held(event, today or date.min)
    links = _links(record.occurrence(chosen))
    whole = not event.except_ and not event.cancelled
    if whole:
        assert event.repeat is not None
        series = _links(record, recur=event.repeat.rrule(event.start))
        links = AddLinks(google=series.google, outlook=links.outlook)
    return AddLinks(links.google, links.outlook, google_series=whole, occurrence=chosen.start)


def _links(record: EventRecord, recur: str | None = None) -> AddLinks:
    event, site = record.event, record.site
    end = end_exclusive(event) or event.start
    details = record.details
    if len(details) > 1000:  # keep the URL within what browsers and servers accept
        details = details[:997] + "..."
    location = record.where or ""
    google = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{_compact(event.start)}/{_compact(end)}",
        "details": details,
        "location": location,
        "ctz": site.zone.key,
    }
    if recur is not None:
        # Repeated in the event's zone: local times (Google reads them in `ctz`), not UTC.
        google["dates"] = f"{_local(event.start)}/{_local(end)}"
        google["recur"] = f"RRULE:{recur}"
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
    quoted: dict[str, str] = {}  # both links carry the same text, title and place

    def query(fields: dict[str, str]) -> str:
        """`urlencode(fields, quote_via=quote)`, each distinct text quoted once."""
        for text in (*fields, *fields.values()):
            if text not in quoted:
                quoted[text] = quote(text, safe="")
        return "&".join(f"{quoted[key]}={quoted[value]}" for key, value in fields.items())

    return AddLinks(
        google="https://calendar.google.com/calendar/render?" + query(google),
        outlook="https://outlook.live.com/calendar/0/action/compose?" + query(outlook),
    )
