"""An association's own calendar read as entries of the agenda (issue #45), from files shaped
as Google Calendar, Outlook (Exchange), Nextcloud (SabreDAV), Gancio and Mobilizon export
them: time zones (Windows names too), UTC and floating times, all-day and multi-day events,
series with exceptions and overrides, cancellations, text with line breaks and commas, and
hostile content. Each time taken is checked against the file's own expansion (dateutil)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from dateutil.rrule import rrulestr

from calendar_server import feed
from mbo_alumni.contrib import ics_read
from mbo_alumni.core.markup import markdown_to_html
from mbo_alumni.core.wording import Wording, default
from mbo_alumni.source.model import Event

ZONE = ZoneInfo("Europe/Amsterdam")
TODAY = date(2026, 11, 18)  # the tests' SOURCE_DATE_EPOCH


def read(body: bytes, words: list[str] | None = None, wording: Wording | None = None
         ) -> ics_read.Reading:  # fmt: skip
    context = ics_read.Context(ics_read.Window(TODAY, ZONE), words or [], {"Werk": "werk"},
                               wording or default(), {})  # fmt: skip
    return ics_read.read(ics_read.parse(body), context)


def by_title(reading: ics_read.Reading) -> dict[str, dict[str, Any]]:
    return {f.entry["title"]: f.entry for f in reading.found}


def valid(entry: dict[str, Any]) -> Event:
    """Every entry read must be one the model takes as it is."""
    return Event.model_validate({"id": "x", **entry}, context={"zone": ZONE})


def test_google_calendar() -> None:
    reading = read(feed("google.ics"))
    found = by_title(reading)
    assert set(found) == {"Alumniborrel", "Open dagen", "Webinar: werken na je diploma"}
    borrel = found["Alumniborrel"]
    assert borrel["start"] == "2026-12-01 19:30" and borrel["end"] == "2026-12-01 21:30"
    assert borrel["repeat"] == {"every": "month", "weekday": "tuesday", "week": 1,
                                "until": date(2027, 6, 29)}  # fmt: skip
    assert borrel["except"] == [date(2027, 1, 5)]
    assert borrel["cancelled"] == [date(2027, 3, 2)]
    assert borrel["moved"] == [{"date": date(2027, 2, 2), "start": "2027-02-03 20:00",
                                "end": "2027-02-03 22:00"}]  # fmt: skip
    assert borrel["location"] == {
        "name": "Café De Zwaan, Markt 1, 5211 JV 's-Hertogenbosch, Nederland"
    }
    # Google's HTML description becomes text; its link stays a link.
    assert "Aanmelden hoeft niet." in borrel["description"]
    assert "Meer info (https://www.a-academy.example.org/borrel)" in borrel["description"]
    assert "<" not in borrel["description"].replace("\\<", "")
    days = found["Open dagen"]
    assert (days["start"], days["end"]) == (date(2027, 3, 10), date(2027, 3, 11))  # inclusive
    webinar = found["Webinar: werken na je diploma"]
    assert webinar["start"] == "2027-04-15 19:00"  # 17:00 UTC in summer time
    assert webinar["location"] == {"online": True, "url": "https://meet.google.com/abc-defg-hij"}
    assert webinar["status"] == "tentative"
    # The private appointment and the reunion of 2019 (outside the window) are not taken.
    assert reading.events == 7
    for entry in found.values():
        valid(entry)


def test_outlook_with_windows_time_zone_names() -> None:
    found = by_title(read(feed("outlook.ics")))
    zorg = found["Netwerkavond zorg"]
    assert zorg["start"] == "2026-12-08 18:30"  # "W. Europe Standard Time" is Amsterdam's
    assert zorg["repeat"] == {"every": "week", "interval": 2, "until": date(2027, 3, 30)}
    assert zorg["except"] == [date(2027, 1, 5)]
    assert (
        zorg["description"]
        == "Netwerken met oud-studenten uit de zorg, welzijn en sport.\n\nNeem je cv mee."
    )
    cafe = found["Alumnicafé"]  # BYDAY=TH;BYSETPOS=-1: the last Thursday
    assert cafe["repeat"] == {"every": "month", "weekday": "thursday", "week": -1, "count": 6}
    assert cafe["location"] == {"name": "Kantine, Hoofdgebouw"}
    assert found["Diploma-uitreiking"]["start"] == date(2027, 7, 2)
    assert "end" not in found["Diploma-uitreiking"]  # one day
    assert found["Gastles oud-student"]["status"] == "cancelled"
    for entry in found.values():
        valid(entry)


def test_nextcloud_floating_times_categories_and_a_daily_series() -> None:
    reading = read(feed("nextcloud.ics"), words=["alumni"])
    found = by_title(reading)
    assert "Vergadering bestuur" not in found  # not one of the association's words
    assert found["Bevrijdingsavond (zwevende tijd)"]["start"] == "2027-05-05 19:00"
    assert found["Alumniweek"]["end"] == date(2027, 6, 16)  # DTEND 17 June is exclusive
    assert found["Nieuwjaarsborrel alumni"]["description"] == (
        "Proost op het nieuwe jaar!\n\nMet korting, hapjes en een quiz."
    )
    # FREQ=DAILY is no rule of ours: its three evenings, each on its own.
    evenings = [f for f in reading.found if f.entry["title"].startswith("Alumni-masterclass")]
    assert [f.key[1] for f in evenings] == [date(2026, 12, 3), date(2026, 12, 4), date(2026, 12, 5)]
    assert all(f.apart and f.entry["imported"]["date"] == f.key[1] for f in evenings)
    assert [f.entry["start"] for f in evenings] == [f"2026-12-0{d} 19:30" for d in (3, 4, 5)]


def test_gancio_utc_times_and_hostile_text_stay_text() -> None:
    found = by_title(read(feed("gancio.ics")))
    breakfast = found["Alumni-ontbijt <script>alert('x')</script>"]
    assert breakfast["start"] == "2027-03-12 08:30"  # 07:30 UTC in winter time
    assert found["Lange avond"]["end"] == "2027-03-21 02:00"  # across midnight
    html = markdown_to_html(breakfast["description"])
    page = BeautifulSoup(html, "html.parser")
    assert not page.find_all(["img", "script", "h1"]), html
    assert all(a["href"].startswith("https://") for a in page.find_all("a"))
    text = page.get_text()
    assert "[Klik hier](javascript:alert(1))" in text  # shown as written, not a link
    assert "<img src=x onerror=alert(1)>" in text
    assert "# Geen kop" in text and "- geen lijst" in text
    valid(breakfast)


def test_mobilizon_html_description_and_cancellation() -> None:
    found = by_title(read(feed("mobilizon.ics")))
    middag = found["Leven lang ontwikkelen: middag voor alumni"]
    assert middag["start"] == "2027-04-20 15:00"
    assert middag["description"] == (
        "Een middag over leren na je diploma.\n\nMet drie sprekers & een borrel."
    )
    assert middag["url"].startswith("https://mobilizon.example.org/events/")
    assert found["Online spreekuur"]["status"] == "cancelled"


def _series(rule: str, start: str, zone: str = "America/New_York") -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:s@x\r\n"
        f"DTSTART;TZID={zone}:{start}\r\nDURATION:PT1H\r\nRRULE:{rule}\r\n"
        "SUMMARY:Reeks\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("rule", "start", "zone", "kept"),
    [
        ("FREQ=WEEKLY;COUNT=20", "20261201T130000", "America/New_York", False),  # DST apart
        ("FREQ=WEEKLY;COUNT=20", "20261201T193000", "Europe/Amsterdam", True),
        ("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=8", "20261201T193000", "Europe/Amsterdam", False),
        ("FREQ=MONTHLY;BYMONTHDAY=1;COUNT=5", "20261201T193000", "Europe/Amsterdam", True),
        ("FREQ=YEARLY", "20261201T193000", "Europe/Amsterdam", True),  # no end: until next year
        ("FREQ=WEEKLY;INTERVAL=3", "20180102T193000", "Europe/Amsterdam", True),  # old start
    ],
)
def test_a_series_taken_is_the_calendars_own_times(
    rule: str, start: str, zone: str, kept: bool
) -> None:
    found = read(_series(rule, start, zone)).found
    assert bool(found) and all(f.apart != kept for f in found)
    ours = sorted(o.start.astimezone(UTC) for f in found for o in valid(f.entry).occurrences())
    first = datetime.strptime(start, "%Y%m%dT%H%M%S").replace(tzinfo=ZoneInfo(zone))
    since = datetime(2026, 10, 18, tzinfo=UTC)
    theirs = [t.astimezone(UTC) for t in rrulestr(rule, dtstart=first).between(
        since, ours[-1] + timedelta(minutes=1), inc=True)]  # fmt: skip
    assert ours == theirs


def test_text_that_is_not_a_calendar_is_refused_in_dutch() -> None:
    with pytest.raises(ics_read.ReadError, match="geen iCalendar-bestand.*webpagina"):
        ics_read.parse(b"<!doctype html><title>Mijn agenda</title>")
    with pytest.raises(ics_read.ReadError, match="niet te lezen"):
        ics_read.parse(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense\r\n")


def _many(count: int, description: str = "") -> bytes:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:e{n}@x\r\nDTSTART:2027{1 + n % 12:02d}{1 + n % 28:02d}T180000Z\r\n"
        f"SUMMARY:Avond {n}\r\nDESCRIPTION:{description}\r\nEND:VEVENT\r\n"
        for n in range(count)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n".encode()


def test_ten_thousand_events_are_refused_as_a_whole() -> None:
    with pytest.raises(ics_read.ReadError, match="10.000 bijeenkomsten.*calendar_words"):
        read(_many(10_000))


def test_a_huge_description_is_cut_to_what_the_model_takes() -> None:
    (found,) = read(_many(1, "Heel lang\\, " * 20_000)).found
    assert len(found.entry["description"]) <= 5000
    assert found.entry["description"].endswith("…")
    valid(found.entry)


def test_the_join_form_takes_a_webcal_address_as_https() -> None:
    # The join and change forms ask for the calendar; webcal:// (what Google and Apple offer
    # to subscribe) is stored as https://; http:// is refused with the way to fix it.
    from conftest import ROOT, body, cli

    form = str(ROOT / ".github" / "ISSUE_TEMPLATE" / "vereniging-aanmelden.yml")
    answers = {"id": "b-vereniging", "name": "Bee Alumni", "institution": "Testcollege",
               "city": "Utrecht", "province": "Utrecht",
               "calendar": "webcal://calendar.google.com/calendar/ical/x/public/basic.ics",
               "calendar_words": "alumni, borrel"}  # fmt: skip
    made = cli("from-issue", "--form", form, "-", stdin=body("vereniging-aanmelden.yml", answers))
    assert made.returncode == 0, made.stdout + made.stderr
    assert "calendar: https://calendar.google.com/calendar/ical/x/public/basic.ics" in made.stdout
    assert "calendar_words:\n  - alumni\n  - borrel" in made.stdout
    answers["calendar"] = "http://agenda.example.org/a.ics"
    refused = cli(
        "from-issue", "--form", form, "-", stdin=body("vereniging-aanmelden.yml", answers)
    )
    assert refused.returncode == 1
    assert "Veld 'Openbare agenda (iCal-adres)'" in refused.stdout and "https://" in refused.stdout
    change = (ROOT / ".github" / "ISSUE_TEMPLATE" / "vereniging-wijzigen.yml").read_text("utf-8")
    assert "id: calendar\n" in change and "Nextcloud" in change


OUR_OWN = """BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//NL\r\n{events}END:VCALENDAR\r\n"""
VEVENT = (
    "BEGIN:VEVENT\r\nUID:{uid}@x\r\nDTSTAMP:20261101T000000Z\r\n"
    "DTSTART:20270120T180000Z\r\nSUMMARY:{summary}\r\nLOCATION:{where}\r\n"
    "STATUS:{status}\r\nEND:VEVENT\r\n"
)


def test_a_place_and_a_cancellation_in_the_sites_own_words_are_read_back() -> None:
    # Issue #40: a site whose wording renames how its calendars say a place and a cancellation
    # reads its own calendar back (the round trip) in those words, and still knows ours.
    wording = default().replaced({"place.hybrid": "{venue} (ook digitaal via {url})",
                                  "place.online": "Digitaal: {url}",
                                  "status.cancelled": "Geannuleerd"}, "woorden.yml")  # fmt: skip
    events = "".join([
        VEVENT.format(uid="a", summary="Gala", where="Aula, Tilburg (ook digitaal via "
                      "https://meet.example.org/a)", status="CONFIRMED"),
        VEVENT.format(uid="b", summary="Geannuleerd: Webinar",
                      where="Digitaal: https://meet.example.org/b", status="CANCELLED"),
    ])  # fmt: skip
    found = by_title(read(OUR_OWN.format(events=events).encode(), wording=wording))
    assert found["Gala"]["location"] == {"name": "Aula, Tilburg", "online": True,
                                         "url": "https://meet.example.org/a"}  # fmt: skip
    assert found["Webinar"]["location"] == {"online": True, "url": "https://meet.example.org/b"}
    assert found["Webinar"]["status"] == "cancelled"
    ours = by_title(read(OUR_OWN.format(events=VEVENT.format(
        uid="c", summary="Borrel", where="Aula (ook online: https://meet.example.org/c)",
        status="CONFIRMED")).encode()))  # fmt: skip
    assert ours["Borrel"]["location"]["url"] == "https://meet.example.org/c"
