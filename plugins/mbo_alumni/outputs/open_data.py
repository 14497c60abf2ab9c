"""Models -> the open data: /api/associations.json and /api/events.json, with JSON Schemas.

The records are pydantic models of their own, so the published schema is generated from the
same code that writes the JSON and cannot drift from it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from functools import cache, partial
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..core.dates import iso
from ..core.website import Site
from ..source.model import Association, Event, chronological
from .calendars import uid
from .planned import Output

LICENSE: Literal["CC0-1.0"] = "CC0-1.0"
LICENSE_URL = "http://creativecommons.org/publicdomain/zero/1.0/"  # the licence's own address
ASSOCIATIONS_PATH = "api/associations.json"
EVENTS_PATH = "api/events.json"
# A date, or a date-time with its offset: the pattern bounds month, day, hour and minute; the
# formats let a validator that checks formats (check-jsonschema does by default) refuse 30 February.
_DAY = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
_TIME = r"T([01]\d|2[0-3]):[0-5]\d:[0-5]\d[+-]([01]\d|2[0-3]):[0-5]\d"
ISO_PATTERN = rf"^{_DAY}({_TIME})?$"
DATE_OR_TIME: dict[str, Any] = {"anyOf": [{"format": "date"}, {"format": "date-time"}]}
When = Annotated[str, Field(pattern=ISO_PATTERN, json_schema_extra=DATE_OR_TIME)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ApiContact(_Record):
    name: str | None = None
    role: str | None = None
    email: str | None = None


class ApiLocation(_Record):
    name: str | None = None
    address: str | None = None
    city: str | None = None
    online: bool
    url: str | None = None


class ApiAssociation(_Record):
    """One association as published."""

    id: str
    name: str
    institution: str
    city: str
    province: str
    website: str | None
    email: str | None
    founded: int | None
    description: str | None = Field(description="Markdown")
    socials: dict[str, str]
    sectors: list[str]
    contact: ApiContact | None = Field(description="only when the person consented")
    checked: date | None
    page: str = Field(description="absolute URL of the association's page")
    calendar: str = Field(description="absolute URL of the association's iCalendar feed")


class ApiRepeat(_Record):
    """How a series repeats: the data's `repeat`, and the same as an RFC 5545 RRULE."""

    every: Literal["week", "month", "year"]
    interval: int
    weekday: str | None = Field(description="monday ... sunday")
    week: int | None = Field(description="with weekday, in a month: 1 to 4, or -1 for the last")
    until: date | None = Field(description="the last day of the series, inclusive")
    count: int | None = Field(description="how many times, when there is no until")
    rrule: str = Field(description="the rule as RFC 5545 RRULE, in the site's time zone")


class ApiOccurrence(_Record):
    """One occurrence of a series (the excepted ones are left out)."""

    start: When
    end: When | None
    status: Literal["confirmed", "tentative", "cancelled"]


class ApiEvent(_Record):
    """One event as published."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str
    uid: str = Field(description="the UID in every calendar feed; never changes")
    title: str
    all_day: bool
    start: When = Field(description="ISO 8601: a date, or a date-time with its UTC offset")
    end: When | None = Field(description="as start; for all-day events the last day, inclusive")
    timezone: str = Field(description="IANA name of the site's time zone (Europe/Amsterdam)")
    status: Literal["confirmed", "tentative", "cancelled"]
    organizer: list[str] = Field(description="association ids")
    host: str | None = Field(description="the organiser when it is not an association")
    location: ApiLocation | None
    url: str | None = Field(description="information or registration, from the organizer")
    description: str | None = Field(description="Markdown")
    tags: list[str]
    announced: date | None
    repeat: ApiRepeat | None = Field(
        default=None, description="a series: how it repeats; start and end are its first time"
    )
    except_: list[date] = Field(
        default_factory=list, alias="except", description="days of a series that are not held"
    )
    cancelled: list[date] = Field(
        default_factory=list, description="days of a series that are cancelled (still listed)"
    )
    occurrences: list[ApiOccurrence] | None = Field(
        default=None, description="a series: every time it is held or cancelled, in order"
    )
    page: str = Field(description="absolute URL of the event's page")
    calendar: str = Field(description="absolute URL of the one-event .ics download")


class _Collection(_Record):
    schema_: str = Field(alias="$schema", serialization_alias="$schema")
    license: Literal["CC0-1.0"]
    license_url: str
    generated: datetime


class AssociationsDocument(_Collection):
    """The document at /api/associations.json."""

    associations: list[ApiAssociation]


class EventsDocument(_Collection):
    """The document at /api/events.json."""

    events: list[ApiEvent]


def _iso(value: date | datetime | None) -> str | None:
    return iso(value) if value is not None else None


def shared_fields(record: type[BaseModel], model: type[BaseModel]) -> set[str]:
    """Return the fields a published record takes from the data model as they are."""
    return set(record.model_fields) & set(model.model_fields)


# Fields of the data that are deliberately not published as they are (a test checks that
# every other field of the models is in the records).
UNPUBLISHED = {
    "contact",  # only with the person's consent, and without the consent flag
    "editors",  # who may change the entry: a matter of the repository, not of the open data
    "sequence",  # the calendars' revision counter, bookkeeping of the data files
}


def association_record(association: Association, site: Site) -> ApiAssociation:
    """Return the published form of an association: every field the record shares with the
    model, as the model has it, and what the site adds."""
    contact = association.contact
    shared = shared_fields(ApiAssociation, Association) - UNPUBLISHED
    fields = association.model_dump(include=shared)
    fields.update(
        socials=association.socials.model_dump(exclude_none=True) if association.socials else {},
        sectors=list(association.sectors or []),
        contact=contact.model_dump(include=set(ApiContact.model_fields))
        if contact and contact.consent
        else None,
        page=site.absolute(site.paths.association_page(association.id)),
        calendar=site.absolute(site.paths.association_calendar(association.id)),
    )
    return ApiAssociation(**fields)


def event_record(event: Event, site: Site) -> ApiEvent:
    """Return the published form of an event: every field the record shares with the model,
    times in ISO 8601, and what the site adds."""
    fields = event.model_dump(include=shared_fields(ApiEvent, Event))
    fields.update(
        uid=uid(event, site),
        all_day=event.all_day,
        start=iso(event.start),
        end=_iso(event.end),
        timezone=site.zone.key,
        organizer=list(event.organizer),
        tags=list(event.tags),
        page=site.absolute(site.paths.event_page(event.id)),
        calendar=site.absolute(site.paths.event_download(event.id)),
        **_series(event),
    )
    return ApiEvent(**fields)


def _series(event: Event) -> dict[str, object]:
    rule = event.repeat
    if rule is None:
        return {"repeat": None}
    return {
        "repeat": ApiRepeat(
            every=rule.every,
            interval=rule.interval,
            weekday=rule.weekday,
            week=rule.week,
            until=rule.until,
            count=rule.count,
            rrule=rule.rrule(event.start),
        ),  # fmt: skip
        "occurrences": [
            ApiOccurrence(start=iso(o.start), end=_iso(o.end), status=o.status)  # type: ignore[arg-type]
            for o in event.occurrences()
        ],
    }


def _dump(document: BaseModel) -> bytes:
    # pydantic writes the JSON text itself: no dicts of 10,000 events on the way, and the
    # same bytes as json.dumps(..., ensure_ascii=False, indent=2).
    return (document.model_dump_json(by_alias=True, indent=2) + "\n").encode("utf-8")


def _indented(record: ApiEvent) -> bytes:
    """Return a record as JSON indented to sit in an events document's list."""
    text = record.model_dump_json(by_alias=True, indent=2)
    return ("    " + text.replace("\n", "\n    ")).encode("utf-8")


_NO_EVENTS = '  "events": []\n}'


def _with_events(head: EventsDocument, records: list[bytes]) -> bytes:
    """Return an events document: `head` (whose list is empty) with the written records in
    its list, byte for byte what dumping the whole document would give."""
    text = head.model_dump_json(by_alias=True, indent=2)
    if not text.endswith(_NO_EVENTS):  # "events" is the document's last field
        raise ValueError("an events document must end with its events")
    if not records:
        return (text + "\n").encode("utf-8")
    opening = text.removesuffix(_NO_EVENTS).encode("utf-8")
    return opening + b'  "events": [\n' + b",\n".join(records) + b"\n  ]\n}\n"


IDS_PATH = "api/ids.json"  # the ids in use, which the forms fetch when first submitted


def ids_document(associations: Sequence[Association], events: Sequence[Event]) -> bytes:
    """Return the ids in use, for the forms' checks (a few bytes per entry, and fetched only
    when a form is sent: the page itself stays small at any size of the data)."""
    ids = {
        "associations": sorted(a.id for a in associations),
        "events": sorted(e.id for e in events),
    }
    return json.dumps(ids, separators=(",", ":")).encode("utf-8") + b"\n"


def schema_path(path: str) -> str:
    return path.removesuffix(".json") + ".schema.json"


def documents(
    associations: Sequence[Association], events: Sequence[Event], site: Site, built: datetime
) -> Iterator[Output]:
    """Yield, planned, both JSON documents, per association the events it organises (the
    events document's shape, for an association's own site), the ids and both JSON Schemas."""
    ordered = sorted(events, key=chronological)
    head = EventsDocument(
        **{"$schema": site.absolute(schema_path(EVENTS_PATH))},
        license=LICENSE,
        license_url=LICENSE_URL,
        generated=built,
        events=[],
    )

    @cache
    def written() -> list[tuple[list[str], bytes]]:
        # Each event is written once, as JSON at the depth of the documents' "events" list,
        # and the same bytes go into events.json and into its organisers' own documents.
        return [(e.organizer, _indented(event_record(e, site))) for e in ordered]

    @cache
    def of() -> dict[str, list[bytes]]:
        found: dict[str, list[bytes]] = {}  # an index, so this costs O(events) in all
        for organizers, record in written():
            for ident in organizers:
                found.setdefault(ident, []).append(record)
        return found

    def all_events() -> bytes:
        return _with_events(head, [record for _, record in written()])

    def organised(ident: str) -> bytes:
        return _with_events(head, of().get(ident, []))

    yield Output(ASSOCIATIONS_PATH, partial(_associations, associations, site, built))
    yield Output(EVENTS_PATH, all_events)
    for association in associations:
        path = site.paths.association_events_api(association.id)
        yield Output(path, partial(organised, association.id))
    yield Output(IDS_PATH, partial(ids_document, associations, events))
    for path, model in ((ASSOCIATIONS_PATH, AssociationsDocument), (EVENTS_PATH, EventsDocument)):
        yield Output(schema_path(path), partial(_schema, path, model, site))


def _associations(associations: Sequence[Association], site: Site, built: datetime) -> bytes:
    return _dump(
        AssociationsDocument(
            **{"$schema": site.absolute(schema_path(ASSOCIATIONS_PATH))},
            license=LICENSE,
            license_url=LICENSE_URL,
            generated=built,
            associations=[
                association_record(a, site) for a in sorted(associations, key=lambda a: a.id)
            ],
        )
    )


API_SCHEMAS: dict[str, type[BaseModel]] = {
    schema_path(ASSOCIATIONS_PATH).removeprefix("api/"): AssociationsDocument,
    schema_path(EVENTS_PATH).removeprefix("api/"): EventsDocument,
}  # committed in schemas/api/ too (`mbo-alumni schema`), without the site's own $id


def api_schema(model: type[BaseModel]) -> dict[str, Any]:
    """Return the JSON Schema of an API document, as committed in schemas/api/."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **model.model_json_schema(mode="serialization", by_alias=True),
    }


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _schema(path: str, model: type[BaseModel], site: Site) -> bytes:
    """The schema as the site serves it: with its own address as $id."""
    return schema_text({"$id": site.absolute(schema_path(path)), **api_schema(model)}).encode()
