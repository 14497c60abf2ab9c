"""Structured data for search engines: schema.org JSON-LD of events and associations (the
OpenGraph link previews are written by the template mbo-alumni/head.html)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from markupsafe import Markup

from ..core.dates import iso, local_day
from ..core.markup import summary
from ..core.website import Site
from ..source.model import Event
from .record import AssociationRecord, EventRecord

# schema.org has no "onder voorbehoud": a tentative event carries no eventStatus, rather
# than claim EventScheduled (which readers take as "it takes place as announced").
EVENT_STATUS = {
    "confirmed": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
}


class Deferred:
    """Markup made only when a template prints it, and not kept: the JSON-LD of thousands of
    pages need not sit in memory until each page is rendered."""

    def __init__(self, make: Callable[[], Markup]) -> None:
        self.make = make

    def __html__(self) -> Markup:
        return self.make()

    def __str__(self) -> str:
        return str(self.make())


def script(data: dict[str, Any]) -> Markup:
    """Return a JSON-LD <script> element; '<' is escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return Markup('<script type="application/ld+json">\n{}\n</script>').format(Markup(text))


def organization(record: AssociationRecord) -> dict[str, Any]:
    """Return schema.org Organization data of an association."""
    association = record.association
    same_as = [association.website] if association.website else []
    if association.socials:
        same_as += [url for _, url in association.socials if url]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": association.name,
        "url": record.url,
        "parentOrganization": {"@type": "EducationalOrganization", "name": association.institution},
        "address": {
            "@type": "PostalAddress",
            "addressLocality": association.city,
            "addressRegion": association.province,
            "addressCountry": "NL",
        },
    }
    if same_as:
        data["sameAs"] = same_as
    if association.email:
        data["email"] = association.email
    if association.founded:
        data["foundingDate"] = str(association.founded)
    if association.description:
        data["description"] = record.summary(500)
    return data


def event_data(record: EventRecord) -> dict[str, Any]:
    """Return schema.org Event data of an event."""
    event, organizers, site = record.event, record.organizers, record.site
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        # A series keeps its first startDate beside eventSchedule: Google's event results
        # require startDate, and read eventSchedule only as extra.
        "startDate": iso(event.start),
        "url": record.url,
    }
    if event.status in EVENT_STATUS:
        data["eventStatus"] = EVENT_STATUS[event.status]
    if event.end is not None:
        data["endDate"] = iso(event.end)
    data.update(attendance(event))
    if organizers:
        data["organizer"] = [
            {"@type": "Organization", "name": r.association.name, "url": r.url} for r in organizers
        ]
    if event.host:
        data.setdefault("organizer", []).append({"@type": "Organization", "name": event.host})
    if event.description:
        data["description"] = summary(event.description, 500)
    if record.image_url:
        data["image"] = record.image_url
    if event.repeat is not None:
        data["eventSchedule"] = schedule(event, site)
        apart = [o for o in event.occurrences() if o.apart]
        if apart:  # held at another time or place than the schedule says: each on its own
            data["subEvent"] = [
                {k: v for k, v in event_data(record.occurrence(o)).items() if k != "@context"}
                for o in apart
            ]  # fmt: skip
    return data


def attendance(event: Event) -> dict[str, Any]:
    """Return `location` and `eventAttendanceMode`: a Place with its address, a
    VirtualLocation with its link, or both (an online event that also names a place: mixed);
    nothing for an event without a location."""
    place = event.location
    if place is None:
        return {}
    found: list[dict[str, Any]] = []
    if place.name or place.address or place.city:
        address = {"@type": "PostalAddress", "addressCountry": "NL"}
        if place.address:
            address["streetAddress"] = place.address
        if place.city:
            address["addressLocality"] = place.city
        name = place.name or ", ".join(p for p in (place.address, place.city) if p)
        found.append({"@type": "Place", "name": name, "address": address})
    if place.online:
        found.append({"@type": "VirtualLocation", "url": place.url})
    mode = "Mixed" if len(found) == 2 else "Online" if place.online else "Offline"
    return {
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "location": found[0] if len(found) == 1 else found,
    }


def schedule(event: Event, site: Site) -> dict[str, Any]:
    """Return the schema.org Schedule of a series: its rule, its hours, what is not held."""
    rule = event.repeat
    assert rule is not None
    unit = {"week": "W", "month": "M", "year": "Y"}[rule.every]
    data: dict[str, Any] = {
        "@type": "Schedule",
        "startDate": local_day(event.start).isoformat(),
        "repeatFrequency": f"P{rule.interval}{unit}",
        "scheduleTimezone": site.zone.key,
    }
    if rule.until is not None:
        data["endDate"] = rule.until.isoformat()
    if rule.count is not None:
        data["repeatCount"] = rule.count
    if rule.weekday is not None:
        data["byDay"] = f"https://schema.org/{rule.weekday.capitalize()}"
    if rule.week is not None and rule.week > 0:  # schema.org counts weeks 1 to 5 only
        data["byMonthWeek"] = rule.week
    if isinstance(event.start, datetime):
        data["startTime"] = event.start.strftime("%H:%M:%S")
        if isinstance(event.end, datetime):
            data["endTime"] = event.end.strftime("%H:%M:%S")
    apart = {o.day for o in event.occurrences() if o.apart}  # in subEvent
    skipped = sorted({*event.except_, *event.cancelled, *apart})
    if skipped:
        data["exceptDate"] = [day.isoformat() for day in skipped]
    return data


def organization_script(record: AssociationRecord) -> Markup:
    """Return the JSON-LD <script> of an association's page."""
    return script(organization(record))


def event_script(record: EventRecord) -> Markup:
    """Return the JSON-LD <script> of an event's page."""
    return script(event_data(record))
