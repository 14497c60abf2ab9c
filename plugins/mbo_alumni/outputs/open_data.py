"""Models -> the open data: /api/associations.json and /api/events.json, with JSON Schemas.

The records are pydantic models of their own, so the published schema is generated from the
same code that writes the JSON and cannot drift from it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from functools import cache, partial
from typing import Any, Literal

from pydantic import BaseModel

from ..core.dates import iso
from ..core.urls import Paths
from ..core.website import Site
from ..source.columns import record as data_record
from ..source.model import Association, Event, chronological
from .api_models import (  # noqa: F401  (re-exported: the tests and catalogue read them)
    ISO_PATTERN,
    ApiAssociation,
    ApiContact,
    ApiEvent,
    ApiLocation,
    ApiOccurrence,
    ApiRepeat,
    AssociationsDocument,
    EventsDocument,
)
from .planned import Output
from .record import AssociationRecord, EventRecord, Records

LICENSE: Literal["CC0-1.0"] = "CC0-1.0"
LICENSE_URL = "http://creativecommons.org/publicdomain/zero/1.0/"  # the licence's own address
ASSOCIATIONS_PATH = Paths.associations_json  # every path is defined in core/urls.py
EVENTS_PATH = Paths.events_json


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
    # `mbo-alumni sync`'s bookkeeping: which events of the association's own calendar to take,
    # and which one an entry came from. (The model's `calendar`, that calendar's address, is
    # not published either: the record's `calendar` is the site's own feed, set below.)
    "calendar_words",
    "imported",
    "image",  # a picture of the event's page: its address is in the page's JSON-LD and feeds
}


def association_record(record: AssociationRecord) -> ApiAssociation:
    """Return the published form of an association: every field the record shares with the
    model, as the model has it, and what the site adds."""
    association = record.association
    contact = association.contact
    shared = shared_fields(ApiAssociation, Association) - UNPUBLISHED
    fields = association.model_dump(include=shared)
    fields.update(
        socials=association.socials.model_dump(exclude_none=True) if association.socials else {},
        sectors=list(association.sectors or []),
        contact=contact.model_dump(include=set(ApiContact.model_fields))
        if contact and contact.consent
        else None,
        page=record.url,
        calendar=record.calendar_url,
    )
    return ApiAssociation(**fields)


def event_record(record: EventRecord) -> ApiEvent:
    """Return the published form of an event: every field the record shares with the model,
    times in ISO 8601, and what the site adds (from the event's record: outputs/record.py)."""
    event, site = record.event, record.site
    fields = event.model_dump(include=shared_fields(ApiEvent, Event))
    fields.update(
        uid=record.uid,
        all_day=event.all_day,
        start=iso(event.start),
        end=_iso(event.end),
        timezone=site.zone.key,
        organizer=list(event.organizer),
        tags=list(event.tags),
        page=record.url,
        calendar=record.download_url,
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
        "moved": [data_record(m.model_dump(by_alias=True)) for m in event.moved],
        "changes": [data_record(c.model_dump(by_alias=True)) for c in event.changes],
        "occurrences": [
            ApiOccurrence(
                start=iso(o.start),
                end=_iso(o.end),
                status=o.status,  # type: ignore[arg-type]
                day=o.day,
                moved=o.apart,
                location=ApiLocation(**o.location.model_dump()) if o.location else None,
            )  # fmt: skip
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


IDS_PATH = Paths.ids_json


def ids_document(associations: Sequence[Association], events: Sequence[Event]) -> bytes:
    """Return the ids in use, for the forms' checks (a few bytes per entry, and fetched only
    when a form is sent: the page itself stays small at any size of the data)."""
    ids = {
        "associations": sorted(a.id for a in associations),
        "events": sorted(e.id for e in events),
    }
    return json.dumps(ids, separators=(",", ":")).encode("utf-8") + b"\n"


def schema_path(path: str) -> str:
    return Paths.schema_of(path)


def documents(
    records: Records, associations: Sequence[Association], events: Sequence[Event], built: datetime
) -> Iterator[Output]:
    """Yield, planned, both JSON documents, per association the events it organises (the
    events document's shape, for an association's own site), the ids and both JSON Schemas."""
    site = records.site
    ordered = sorted(events, key=chronological)
    head = EventsDocument(
        **{"$schema": site.absolute(schema_path(EVENTS_PATH))},
        license=LICENSE,
        license_url=LICENSE_URL,
        generated=built,
        events=[],
    )

    @cache
    def written() -> dict[str, bytes]:
        # Each event is written once, as JSON at the depth of the documents' "events" list,
        # and the same bytes go into events.json and into its organisers' own documents.
        return {e.id: _indented(event_record(records(e))) for e in ordered}

    def all_events() -> bytes:
        return _with_events(head, list(written().values()))

    def organised(ident: str) -> bytes:
        mine = records.by_organizer.get(ident, [])  # the build's one index (outputs/record.py)
        return _with_events(head, [written()[e.id] for e in mine])

    yield Output(ASSOCIATIONS_PATH, partial(_associations, associations, records, built))
    yield Output(EVENTS_PATH, all_events)
    for association in associations:
        path = site.paths.association_events_api(association.id)
        yield Output(path, partial(organised, association.id))
    yield Output(IDS_PATH, partial(ids_document, associations, events))
    for path, model in ((ASSOCIATIONS_PATH, AssociationsDocument), (EVENTS_PATH, EventsDocument)):
        yield Output(schema_path(path), partial(_schema, path, model, site))


def _associations(associations: Sequence[Association], records: Records, built: datetime) -> bytes:
    site = records.site
    return _dump(
        AssociationsDocument(
            **{"$schema": site.absolute(schema_path(ASSOCIATIONS_PATH))},
            license=LICENSE,
            license_url=LICENSE_URL,
            generated=built,
            associations=[
                association_record(records.association(a))
                for a in sorted(associations, key=lambda a: a.id)
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
