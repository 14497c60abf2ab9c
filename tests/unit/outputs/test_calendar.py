"""Calendar feeds judged by real clients: times across DST, spans, escaping, UIDs, status.

Every parametrised test runs with each reader in calendars.PARSERS: icalendar, `ical`,
ical.js (Thunderbird), khal (a calendar program) and recurring-ical-events.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from icalendar import vDDDTypes

from calendars import PARSERS, Parser
from mbo_alumni.core.settings import Settings
from mbo_alumni.outputs.calendar_links import add_links, subscribe_links
from mbo_alumni.outputs.calendars import calendar_files
from mbo_alumni.outputs.ical_lines import date_value
from mbo_alumni.outputs.record import AssociationRecord, EventRecord, Records
from mbo_alumni.outputs.vtimezone import vtimezone
from mbo_alumni.source.model import Association, Event

SITE = Settings().site("https://alumni.test/", "Alumni in het mbo")
STAMP = datetime(2026, 11, 18, 11, 6, 40, tzinfo=UTC)
A = Association(id="a-academy", name="A-Academy", institution="KW1C", city="Den Bosch",
                province="Noord-Brabant", email="alumni@example.org")  # fmt: skip
B = Association(id="b-vereniging", name="Bee", institution="B", city="B", province="Utrecht")


def feeds(associations: list, events: list, site: Any) -> Any:  # type: ignore[type-arg]
    """Every calendar file of these events, as a build makes them (one record per event)."""
    return calendar_files(Records.of(events, associations, site), events)


def event(ident: str, start: str, end: str | None = None, **extra: Any) -> Event:
    return Event(id=ident, title=extra.pop("title", ident), start=start, end=end, **extra)


# Local Amsterdam times just before and after both DST changes, and the UTC instant they are.
DST_CASES = [
    ("voor-zomertijd", "2027-03-27 12:00", "2027-03-27T11:00:00Z"),
    ("eerste-zomeruur", "2027-03-28 03:00", "2027-03-28T01:00:00Z"),
    ("na-zomertijd", "2027-03-28 12:00", "2027-03-28T10:00:00Z"),
    ("voor-wintertijd", "2027-10-30 12:00", "2027-10-30T10:00:00Z"),
    ("laatste-zomeruur", "2027-10-31 02:30+02:00", "2027-10-31T00:30:00Z"),
    ("eerste-winteruur", "2027-10-31 02:30+01:00", "2027-10-31T01:30:00Z"),
    ("na-wintertijd", "2027-10-31 12:00", "2027-10-31T11:00:00Z"),
    # Other years in the same feed: ical.js reads only the first date of a multi-date RDATE.
    ("zomer-2026", "2026-07-01 19:30", "2026-07-01T17:30:00Z"),
    ("winter-2028", "2028-01-15 19:30", "2028-01-15T18:30:00Z"),
    ("zomer-2028", "2028-07-01 19:30", "2028-07-01T17:30:00Z"),
    ("zomer-2029", "2029-08-01 09:00", "2029-08-01T07:00:00Z"),
]
EVENTS = [event(ident, start) for ident, start, _ in DST_CASES] + [
    event("hele-dag", "2027-05-20", organizer=["a-academy"]),
    event("drie-dagen", "2027-09-10", "2027-09-12", organizer=["a-academy", "b-vereniging"]),
    event("avond", "2027-06-01 19:30", "2027-06-01 21:00", organizer=["b-vereniging"],
          status="cancelled", location={"name": "Aula", "address": "Straat 1", "city": "Tilburg"}),
    event("online", "2027-06-02 10:00", "2027-06-02 11:00", status="tentative",
          location={"online": True, "url": "https://meet.example.org/x"}, tags=["ambassadeurs"]),
    event("kennispunt", "2027-04-20", host="Kennispunt LLO"),
]  # fmt: skip


def site_feed(events: list[Event] = EVENTS) -> bytes:
    return next(feeds([A, B], events, SITE)).content


def by_uid(events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["uid"]: e for e in events}


parsers = pytest.mark.parametrize("parse", list(PARSERS.values()), ids=list(PARSERS))


@parsers
def test_exact_instants_across_dst(parse: Parser) -> None:
    parsed = by_uid(parse(site_feed()))
    for ident, _, instant in DST_CASES:
        assert parsed[f"{ident}@alumni.test"]["start"] == instant, ident


@parsers
def test_all_day_and_multi_day_spans(parse: Parser) -> None:
    parsed = by_uid(parse(site_feed()))
    assert (parsed["hele-dag@alumni.test"]["start"], parsed["hele-dag@alumni.test"]["end"]) == (
        "2027-05-20",
        "2027-05-21",
    )
    three = parsed["drie-dagen@alumni.test"]
    assert (three["start"], three["end"]) == ("2027-09-10", "2027-09-13")  # end is exclusive
    evening = parsed["avond@alumni.test"]
    assert (evening["start"], evening["end"]) == ("2027-06-01T17:30:00Z", "2027-06-01T19:00:00Z")


TRICKY = 'Komma, punt;komma \\ backslash "quote" — één 🎓 alumni'


@parsers
def test_text_round_trips_exactly(parse: Parser) -> None:
    tricky = event(
        "lastig",
        "2027-04-01 10:00",
        title=TRICKY,
        location={"name": "Zaal; 1, links", "city": "Den Bosch"},
        description="Eerste alinea, met **vet**;\nen \\ backslash.\n\n"
        "Zie [de site](https://x.nl/a?b=1;c).",
    )
    (parsed,) = parse(site_feed([tricky]))
    assert parsed["summary"] == TRICKY
    assert parsed["location"] == "Zaal; 1, links, Den Bosch"
    assert parsed["description"] == (
        "Eerste alinea, met vet; en \\ backslash.\n\nZie de site (https://x.nl/a?b=1;c).\n\n"
        "Op de site: https://alumni.test/agenda/lastig/"
    )


@parsers
def test_status_and_online_location(parse: Parser) -> None:
    parsed = by_uid(parse(site_feed()))
    assert parsed["avond@alumni.test"]["status"] == "CANCELLED"
    assert parsed["online@alumni.test"]["status"] == "TENTATIVE"
    assert parsed["online@alumni.test"]["location"] == "Online: https://meet.example.org/x"
    assert parsed["hele-dag@alumni.test"]["status"] == "CONFIRMED"


def test_lines_are_crlf_and_folded_at_75_octets() -> None:
    data = site_feed()
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    long = site_feed([event("lang", "2027-04-01", title="Heel lang " * 25 + "🎓" * 40)])
    lines = long.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # folding never splits a multi-byte character


def test_calendar_properties() -> None:
    text = site_feed().decode()
    for line in [
        "VERSION:2.0",
        "NAME:Agenda Alumni in het mbo",
        "X-WR-CALNAME:Agenda Alumni in het mbo",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
        "DTSTAMP:20000101T000000Z",  # no `announced`: the revision is unknown, never the build
        "CATEGORIES:ambassadeurs",
        "CONFERENCE;VALUE=URI:https://meet.example.org/x",
        "URL:https://alumni.test/agenda/hele-dag/",
    ]:
        assert line + "\r\n" in text, line
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    # No METHOD (an iTIP message needs an ORGANIZER on every event) and no X-WR-TIMEZONE
    # (every time has a TZID or is UTC; see the recurring-ical-events test below).
    assert "METHOD:" not in text and "X-WR-TIMEZONE" not in text


@pytest.mark.parametrize("key", ["Europe/Amsterdam", "Europe/London", "America/New_York"])
def test_one_vtimezone_right_for_every_year_by_rules(key: str) -> None:
    """One definition per zone, the same bytes in every file (vobject and Radicale keep the
    first they see for a TZID), right for every year the data holds and after: eras of one
    rule are yearly RRULEs, the last without an end; a change that stands alone is one
    RDATE line (ical.js reads only the first date of a multi-valued RDATE)."""
    from zoneinfo import ZoneInfo

    from icalendar import Timezone

    zone = ZoneInfo(key)
    text = vtimezone(zone).decode()
    assert text.count("BEGIN:VTIMEZONE") == 1
    assert all("," not in line for line in text.splitlines() if line.startswith("RDATE"))
    open_rules = [r for r in re.findall(r"^RRULE:.*$", text, flags=re.M) if "UNTIL" not in r]
    assert len(open_rules) == 2  # summer and winter time, from some year on, for ever
    read = Timezone.from_ical(text).to_tz()
    moment, wrong = datetime(1938, 1, 1, tzinfo=UTC), []
    while moment.year <= 2100:
        if moment.astimezone(zone).utcoffset() != moment.astimezone(read).utcoffset():
            wrong.append(moment)
        moment += timedelta(hours=37)
    assert wrong == []
    # A feed with only all-day events needs no time zone at all.
    assert b"VTIMEZONE" not in site_feed([event("dag", "2027-05-20")])


def test_one_vtimezone_per_feed() -> None:
    assert site_feed().count(b"BEGIN:VTIMEZONE") == 1


def test_uids_survive_insertions() -> None:
    before = {e["uid"]: e["summary"] for e in PARSERS["icalendar"](site_feed())}
    inserted = [event("eerder", "2020-01-01"), *EVENTS]
    after = {e["uid"]: e["summary"] for e in PARSERS["icalendar"](site_feed(inserted))}
    assert set(before) <= set(after)
    assert all(after[uid] == summary for uid, summary in before.items())
    assert set(after) - set(before) == {"eerder@alumni.test"}
    assert sorted(before) == sorted(f"{e.id}@alumni.test" for e in EVENTS)


def test_per_association_feed_holds_exactly_its_events() -> None:
    files = {feed.path: feed.content for feed in feeds([A, B], EVENTS, SITE)}
    mine = {e["uid"] for e in PARSERS["ical"](files["agenda-a-academy.ics"])}
    assert mine == {"hele-dag@alumni.test", "drie-dagen@alumni.test"}
    theirs = {e["uid"] for e in PARSERS["ical"](files["agenda-b-vereniging.ics"])}
    assert theirs == {"drie-dagen@alumni.test", "avond@alumni.test"}
    assert b"X-WR-CALNAME:Agenda A-Academy" in files["agenda-a-academy.ics"]


@parsers
def test_one_off_download_uses_utc(parse: Parser) -> None:
    files = {feed.path: feed.content for feed in feeds([A, B], EVENTS, SITE)}
    single = files["agenda/na-zomertijd.ics"]
    assert b"VTIMEZONE" not in single and b"DTSTART:20270328T100000Z" in single
    (parsed,) = parse(single)
    assert parsed["start"] == "2027-03-28T10:00:00Z"


@parsers
def test_one_off_download_is_the_feed_event_with_its_times_in_utc(parse: Parser) -> None:
    files = {feed.path: feed.content for feed in feeds([A, B], EVENTS, SITE)}
    in_feed = {e["uid"]: e for e in parse(files["agenda.ics"])}
    for one in EVENTS:
        single = files[f"agenda/{one.id}.ics"]
        (parsed,) = parse(single)
        assert parsed == in_feed[f"{one.id}@alumni.test"], one.id
        if not one.all_day:
            assert b"TZID" not in single and b"DTSTART:20" in single, one.id


def test_one_off_download_is_an_appointment_not_a_calendar() -> None:
    # Outlook files X-WR-CALNAME as a new calendar folder (MS-OXCICAL); a download is
    # one appointment to put in the calendar the person already has.
    files = {feed.path: feed.content for feed in feeds([A, B], EVENTS, SITE)}
    for ident in ("na-zomertijd", "drie-dagen", "avond"):
        single = files[f"agenda/{ident}.ics"].decode()
        header = single.split("BEGIN:VEVENT")[0]
        for name in ("X-WR-CALNAME", "NAME", "X-WR-CALDESC", "DESCRIPTION", "X-WR-TIMEZONE",
                     "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "METHOD"):  # fmt: skip
            assert f"\r\n{name}:" not in header and f"\r\n{name};" not in header, name
        assert single.count("BEGIN:VEVENT") == 1
    # The subscribed feeds keep their names and refresh interval.
    assert b"X-WR-CALNAME:Agenda A-Academy" in files["agenda-a-academy.ics"]


def test_x_wr_timezone_would_shift_a_utc_time_in_recurring_ical_events() -> None:
    # Why the feeds carry no X-WR-TIMEZONE: beside it, recurring-ical-events reads a UTC
    # DTSTART as Amsterdam wall time, and the second 02:30 of 2027-10-31 (written in UTC,
    # 01:30Z) would show an hour early. Our feed: right. The same feed with the line: wrong.
    read = PARSERS["recurring-ical-events"]
    feed = site_feed([event("eerste-winteruur", "2027-10-31 02:30+01:00")])
    assert b"DTSTART:20271031T013000Z" in feed
    assert read(feed)[0]["start"] == "2027-10-31T01:30:00Z"
    with_line = feed.replace(b"CALSCALE:GREGORIAN\r\n", b"CALSCALE:GREGORIAN\r\n"
                             b"X-WR-TIMEZONE:Europe/Amsterdam\r\n")  # fmt: skip
    assert read(with_line)[0]["start"] == "2027-10-31T00:30:00Z"


def test_events_are_ordered_by_instant_not_by_text() -> None:
    # '02:30+01:00' sorts before '02:30+02:00' as text, but happens an hour after it.
    uids = re.findall(r"\r\nUID:([^\r]+)", site_feed().decode())
    assert uids.index("laatste-zomeruur@alumni.test") + 1 == uids.index(
        "eerste-winteruur@alumni.test"
    )
    starts = [e["start"] for e in PARSERS["icalendar"](site_feed()) if "T" in e["start"]]
    assert starts == sorted(starts)


@parsers
def test_cancelled_event_says_so_in_its_text(parse: Parser) -> None:
    # calcurse and others ignore STATUS: the summary and description say it in words.
    parsed = by_uid(parse(site_feed()))
    cancelled = parsed["avond@alumni.test"]
    assert cancelled["status"] == "CANCELLED"
    assert cancelled["summary"] == "Afgelast: avond"
    assert cancelled["description"].startswith("Afgelast: deze bijeenkomst gaat niet door.")
    assert parsed["online@alumni.test"]["summary"] == "online"
    assert parsed["online@alumni.test"]["description"].startswith("Onder voorbehoud:")
    assert parsed["hele-dag@alumni.test"]["summary"] == "hele-dag"


@parsers
def test_organisers_are_named_in_the_description(parse: Parser) -> None:
    parsed = by_uid(parse(site_feed()))
    assert (
        "Georganiseerd door: A-Academy (KW1C), Bee (B)."
        in (parsed["drie-dagen@alumni.test"]["description"])
    )
    assert "Georganiseerd door: Bee (B)." in parsed["avond@alumni.test"]["description"]
    assert "Georganiseerd door: Kennispunt LLO." in parsed["kennispunt@alumni.test"]["description"]
    assert "Georganiseerd" not in parsed["zomer-2026@alumni.test"]["description"]


def test_organizer_only_with_a_published_address() -> None:
    from icalendar import Calendar

    events = {str(e["UID"]): e for e in Calendar.from_ical(site_feed()).walk("VEVENT")}
    both = events["drie-dagen@alumni.test"]["ORGANIZER"]  # the first with an address
    assert (str(both), both.params["CN"]) == ("mailto:alumni@example.org", "A-Academy")
    assert events["hele-dag@alumni.test"]["ORGANIZER"].params["CN"] == "A-Academy"
    # No published address (Bee), or no association at all (Kennispunt LLO): no ORGANIZER.
    assert "ORGANIZER" not in events["avond@alumni.test"]
    assert "ORGANIZER" not in events["kennispunt@alumni.test"]
    assert site_feed().count(b"ORGANIZER") == 2


def test_site_feed_keeps_past_and_cancelled_events() -> None:
    past = event("oud", "2019-05-01")
    parsed = by_uid(PARSERS["ical"](site_feed([past, *EVENTS])))
    assert "oud@alumni.test" in parsed and "avond@alumni.test" in parsed


def test_subscribe_links() -> None:
    links = subscribe_links(SITE, "agenda-a-academy.ics")
    assert links.https == "https://alumni.test/agenda-a-academy.ics"
    assert links.webcal == "webcal://alumni.test/agenda-a-academy.ics"
    assert links.google == (
        "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Falumni.test%2Fagenda-a-academy.ics"
    )


@pytest.mark.parametrize(
    ("ident", "dates", "outlook"),
    [
        ("na-zomertijd", "dates=20270328T100000Z%2F20270328T100000Z",
         "startdt=2027-03-28T10%3A00%3A00Z"),
        ("drie-dagen", "dates=20270910%2F20270913", "allday=true"),
        ("avond", "dates=20270601T173000Z%2F20270601T190000Z", "enddt=2027-06-01T19%3A00%3A00Z"),
    ],
)  # fmt: skip
def test_add_to_calendar_links(ident: str, dates: str, outlook: str) -> None:
    links = add_links(EventRecord(next(e for e in EVENTS if e.id == ident), (), SITE))
    assert links.google.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE&")
    assert dates in links.google
    assert links.outlook.startswith("https://outlook.live.com/calendar/0/action/compose?")
    assert outlook in links.outlook


def test_add_to_calendar_links_carry_every_text_exactly() -> None:
    # What the calendar's form receives once the browser decodes the address.
    place = {"name": "Zaal #1", "address": "Straat 1/2", "city": "’s-Hertogenbosch"}
    tricky = event("tekst", "2027-06-01 19:30", "2027-06-01 21:00", title="Café & co: 50% = ½?",
                   location=place,
                   description="Eén; twee, drie + vier\n\n[regel](https://example.org/?a=1&b=2)",
                   organizer=["a-academy"])  # fmt: skip
    record = EventRecord(tricky, (AssociationRecord(A, SITE),), SITE)
    links = add_links(record)
    google = dict(parse_qsl(urlsplit(links.google).query, strict_parsing=True))
    outlook = dict(parse_qsl(urlsplit(links.outlook).query, strict_parsing=True))
    assert google["text"] == outlook["subject"] == "Café & co: 50% = ½?"
    assert google["details"] == outlook["body"] == record.details
    assert "Eén; twee, drie + vier" in google["details"]
    assert google["location"] == outlook["location"] == "Zaal #1, Straat 1/2, ’s-Hertogenbosch"
    assert google["ctz"] == "Europe/Amsterdam" and outlook["allday"] == "false"


def test_vtimezone_is_byte_for_byte_what_icalendar_writes() -> None:
    # The lines are assembled by hand for speed; icalendar's own serialiser is the reference.
    from icalendar import Timezone

    ours = vtimezone(SITE.zone)
    assert Timezone.from_ical(ours.decode()).to_ical() == ours


@parsers
def test_a_site_in_another_zone_is_read_right_by_every_client(parse: Parser) -> None:
    # The `timezone` option: 19:30 in London is 18:30 UTC in summer, 19:30 UTC in winter.
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    events = [
        Event.model_validate({"id": i, "title": i, "start": s}, context={"zone": london})
        for i, s in (("zomer", "2027-07-01 19:30"), ("winter", "2027-12-01 19:30"))
    ]
    site = Settings(timezone="Europe/London").site("https://alumni.test/", "Alumni")
    data = next(feeds([], events, site)).content
    assert b"DTSTART;TZID=Europe/London:20270701T193000" in data
    assert {e["uid"]: e["start"] for e in parse(data)} == {
        "zomer@alumni.test": "2027-07-01T18:30:00Z",
        "winter@alumni.test": "2027-12-01T19:30:00Z",
    }


def test_add_to_calendar_links_of_a_series() -> None:
    # Google's link takes the rule (RRULE in `recur`, local times read in `ctz`); Outlook.com's
    # compose link has no recurrence: it gets the next occurrence from the given day.
    rule = {"every": "week", "count": 4}
    series = event("wekelijks", "2027-03-16 19:30", "2027-03-16 21:00", repeat=rule)
    links = add_links(EventRecord(series, (), SITE), today=datetime(2027, 3, 24).date())
    assert links.google_series
    assert "dates=20270316T193000%2F20270316T210000" in links.google
    assert "recur=RRULE%3AFREQ%3DWEEKLY%3BCOUNT%3D4" in links.google
    assert "ctz=Europe%2FAmsterdam" in links.google
    # The next one, 30 March, is after the change to summer time: 19:30 there is 17:30 UTC.
    assert "startdt=2027-03-30T17%3A30%3A00Z" in links.outlook
    # With a day not held, no URL format can say it: Google gets the next occurrence too.
    skipping = event("met-gat", "2027-03-16 19:30", repeat=rule, **{"except": ["2027-03-30"]})
    links = add_links(EventRecord(skipping, (), SITE), today=datetime(2027, 3, 24).date())
    assert not links.google_series and "recur=" not in links.google
    assert "dates=20270406T173000Z" in links.google and links.occurrence.day == 6


@pytest.mark.parametrize(
    "value",
    [
        date(2027, 3, 5),
        date(999, 1, 2),
        datetime(2027, 10, 31, 1, 30, 5, tzinfo=UTC),
        datetime(2027, 10, 31, 1, 30, 5, 999_999, tzinfo=UTC),
        datetime(2027, 3, 28, 3, 0),  # a wall clock, written beside its TZID
    ],
)
def test_dates_are_written_as_icalendar_writes_them(value: date) -> None:
    assert date_value(value) == vDDDTypes(value).to_ical()


def test_a_quote_in_an_organisers_name_survives() -> None:
    """A '"' in an association's name became "'" in ORGANIZER (issue #42, point 7): RFC 6868
    writes it as ^' inside the quoted CN, which icalendar reads back as the name itself."""
    from icalendar import Calendar

    from mbo_alumni.outputs.calendars import organizer_line
    from mbo_alumni.source.model import Association

    named = Association.model_validate({
        "id": "zonnebloem", "name": 'Alumni "De Zonnebloem" ^ co', "institution": "Test",
        "city": "Utrecht", "province": "Utrecht", "email": "alumni@zonnebloem.example.org",
    })  # fmt: skip
    line = organizer_line([named])
    assert line is not None and line.count(b'"') == 2
    text = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\nBEGIN:VEVENT\r\nUID:a\r\n"
            b"DTSTAMP:20270101T000000Z\r\nDTSTART:20270101T100000Z\r\n" + line +
            b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")  # fmt: skip
    (event,) = Calendar.from_ical(text).walk("VEVENT")
    assert event["ORGANIZER"].params["CN"] == 'Alumni "De Zonnebloem" ^ co'
