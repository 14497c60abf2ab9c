"""The open data is written record by record; the bytes must be what dumping each whole
document with json.dumps gives, for any text an event can hold."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from mbo_alumni.core.settings import Settings
from mbo_alumni.outputs.open_data import EventsDocument, _indented, _with_events, event_record
from mbo_alumni.outputs.record import EventRecord
from mbo_alumni.source.characters import forbidden_in
from mbo_alumni.source.model import Event

SITE = Settings().site("https://alumni.test/", "Alumni")
BUILT = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def whole(records: list) -> bytes:
    document = EventsDocument(
        **{"$schema": "https://alumni.test/api/events.schema.json"},
        license="CC0-1.0",
        license_url="https://creativecommons.org/publicdomain/zero/1.0/",
        generated=BUILT,
        events=records,
    )
    data = document.model_dump(mode="json", by_alias=True)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(
        st.tuples(
            st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=2, max_size=40),
            st.text(
                st.characters(exclude_categories=["Cs"], exclude_characters="<"), max_size=80
            ).filter(lambda text: forbidden_in(text) is None),
        ).filter(
            # a title holds a letter or digit (the model's rule), and no outer spaces
            lambda pair: pair[0].strip() == pair[0] and any(c.isalnum() for c in pair[0])
        ),
        max_size=4,
    )
)
def test_records_written_one_by_one_make_the_same_document(texts: list[tuple[str, str]]) -> None:
    events = [
        Event(id=f"e{i}", title=title, start="2027-03-30 19:30", description=text or None)
        for i, (title, text) in enumerate(texts)
    ]
    records = [event_record(EventRecord(e, (), SITE)) for e in events]
    head = EventsDocument.model_validate({**json.loads(whole([]).decode()), "events": []})
    assert _with_events(head, [_indented(r) for r in records]) == whole(records)


def test_every_model_field_is_published_or_deliberately_not() -> None:
    # A new field of the data reaches the open data by the model alone: the records take
    # every field they share with the models (`shared_fields`); this test names the rest.
    from mbo_alumni.outputs.open_data import (
        UNPUBLISHED,
        ApiAssociation,
        ApiEvent,
        shared_fields,
    )
    from mbo_alumni.source.model import Association

    for record, model in ((ApiAssociation, Association), (ApiEvent, Event)):
        missing = set(model.model_fields) - shared_fields(record, model) - UNPUBLISHED
        assert missing == set(), (model.__name__, missing)
