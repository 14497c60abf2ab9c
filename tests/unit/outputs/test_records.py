"""One record per association and per event, made once per build: what every output shows of
it is worded in one place (outputs/record.py), and a site's wording reaches all of them."""

from __future__ import annotations

from dataclasses import replace

from mbo_alumni.core.settings import Settings
from mbo_alumni.core.wording import default
from mbo_alumni.outputs.calendars import calendar_files
from mbo_alumni.outputs.jsonld import organization
from mbo_alumni.outputs.open_data import association_record
from mbo_alumni.outputs.record import Records
from mbo_alumni.pages.views import embed_snippet
from mbo_alumni.source.model import Association, Event

SITE = Settings().site("https://alumni.test/", "Alumni in het mbo")
A = Association(id="a-academy", name="A-Academy", institution="KW1C", city="Den Bosch",
                province="Noord-Brabant", description="Wij *verbinden* oud-studenten.")  # fmt: skip
BORREL = Event(id="borrel", title="Borrel", start="2027-01-05 20:00", organizer=["a-academy"])


def test_an_association_has_one_record_per_build() -> None:
    records = Records.of([BORREL], [A], SITE)
    record = records.association(A)
    assert records.association(A) is record
    assert record.page == "verenigingen/a-academy/"
    assert record.url == "https://alumni.test/verenigingen/a-academy/"
    assert record.calendar_url == "https://alumni.test/agenda-a-academy.ics"
    assert record.calendar_name == "Agenda A-Academy"
    assert record.html is not None and "<em>verbinden</em>" in record.html
    assert record.summary() == "Wij verbinden oud-studenten."
    assert record.description.startswith("A-Academy: alumnivereniging van KW1C in Den Bosch")


def test_every_output_says_what_the_association_record_says() -> None:
    # The calendar's name, the open data's addresses, the JSON-LD and the embed's title all
    # come from the record: a site that renames the calendar gets it everywhere.
    renamed = {"calendar.name": "Kalender van {name}", "embed.title": "Activiteiten van {name}"}
    words = default().replaced(renamed, "woorden.yml")
    records = Records.of([BORREL], [A], replace(SITE, words=words))
    record = records.association(A)
    calendar = dict(
        (path, made()) for path, made in
        ((o.path, o.make) for o in calendar_files(records, [BORREL]))
    )[record.calendar.lstrip("/")]  # fmt: skip
    assert b"X-WR-CALNAME:Kalender van A-Academy" in calendar
    published = association_record(record)
    assert published.page == record.url and published.calendar == record.calendar_url
    assert organization(record)["url"] == record.url
    assert 'title="Activiteiten van A-Academy"' in embed_snippet(record)
