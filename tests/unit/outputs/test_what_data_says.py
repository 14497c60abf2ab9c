"""Open data and structured data say what the data says, no more (issue #43, points 3 and 5):
a tentative event was marked EventScheduled; yes/no cells said "ja" or nothing, never "nee"."""

from __future__ import annotations

from mbo_alumni.core.settings import Settings
from mbo_alumni.outputs.jsonld import event_data
from mbo_alumni.outputs.record import EventRecord
from mbo_alumni.source.columns import EVENT_COLUMNS, cell
from mbo_alumni.source.model import Event

SITE = Settings().site("https://alumni.test/", "Alumni in het mbo")


def _event(**extra: object) -> Event:
    return Event.model_validate({"id": "avond", "title": "Avond", "start": "2027-05-11", **extra})


def test_a_tentative_event_claims_no_status_schema_org_does_not_have() -> None:
    assert "eventStatus" not in event_data(EventRecord(_event(status="tentative"), (), SITE))
    assert (
        event_data(EventRecord(_event(), (), SITE))["eventStatus"]
        == "https://schema.org/EventScheduled"
    )
    cancelled = event_data(EventRecord(_event(status="cancelled"), (), SITE))
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"


def test_yes_and_no_are_both_said() -> None:
    (online,) = [c for c in EVENT_COLUMNS if c.header == "location.online"]
    assert cell(True, online) == "ja" and cell(False, online) == "nee" and cell(None, online) == ""
