"""Dates and times as pure functions: notations, Amsterdam offsets across DST, Dutch wording."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from mbo_alumni.core import wording
from mbo_alumni.core.dates import WhenError, parse_when
from mbo_alumni.core.settings import Settings

ZONE = Settings().zone  # the default site zone, Europe/Amsterdam


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-30", date(2027, 3, 30)),
        ("2027-03-30 19:30", "2027-03-30T19:30:00+02:00"),
        ("2027-03-30T19:30", "2027-03-30T19:30:00+02:00"),
        ("2027-01-15 9:05", "2027-01-15T09:05:00+01:00"),
        ("2027-03-27 12:00", "2027-03-27T12:00:00+01:00"),  # the day before summer time
        ("2027-03-28 03:00", "2027-03-28T03:00:00+02:00"),  # the first summer-time minute
        ("2027-10-31 03:00", "2027-10-31T03:00:00+01:00"),  # back to winter time
        ("2027-10-31 02:30+02:00", "2027-10-31T02:30:00+02:00"),
        ("2027-10-31 02:30+01:00", "2027-10-31T02:30:00+01:00"),
        ("2027-06-01 12:00Z", "2027-06-01T14:00:00+02:00"),
        ("2027-06-01 12:00:30+0000", "2027-06-01T14:00:30+02:00"),
    ],
)
def test_notations(text: str, expected: date | str) -> None:
    value = parse_when(text, ZONE)
    if isinstance(expected, date):
        assert value == expected and not isinstance(value, datetime)
    else:
        assert isinstance(value, datetime)
        assert value.isoformat() == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2027-03-28 02:30", "bestaat niet"),
        ("2027-10-31 02:30", "bestaat twee keer"),
        ("2027-02-30", "bestaat niet"),
        ("2027-03-30 24:00", "bestaat niet"),
        ("30-03-2027", "geen geldige datum"),
        ("morgen", "geen geldige datum"),
        (840, "geen geldige datum"),
    ],
)
def test_refusals_say_why(text: object, words: str) -> None:
    with pytest.raises(WhenError, match=words):
        parse_when(text, ZONE)


def test_offsets_follow_daylight_saving() -> None:
    winter = parse_when("2027-03-27 19:30", ZONE)
    summer = parse_when("2027-03-28 19:30", ZONE)
    assert isinstance(winter, datetime) and isinstance(summer, datetime)
    # Same-zone subtraction in Python is wall-clock; elapsed time is what calendars show.
    assert summer.timestamp() - winter.timestamp() == timedelta(hours=23).total_seconds()


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("2020-09-22", None, "dinsdag 22 september 2020"),
        ("2020-09-22 09:00", "2020-09-22 13:00", "dinsdag 22 september 2020, 09.00–13.00 uur"),
        ("2020-11-03 09:00", None, "dinsdag 3 november 2020, 09.00 uur"),
        ("2027-03-05", "2027-03-07", "vrijdag 5 maart 2027 t/m zondag 7 maart 2027"),
        ("2027-03-05", "2027-03-05", "vrijdag 5 maart 2027"),
        (
            "2027-03-05 19:00",
            "2027-03-06 17:00",
            "vrijdag 5 maart 2027 19.00 uur t/m zaterdag 6 maart 2027 17.00 uur",
        ),
        ("2027-06-01 12:00Z", None, "dinsdag 1 juni 2027, 14.00 uur"),
        # The night the clock goes back, 02:00-03:00 happens twice: say which one.
        ("2027-10-31 02:30+02:00", None, "zondag 31 oktober 2027, 02.30 uur (zomertijd)"),
        ("2027-10-31 02:30+01:00", None, "zondag 31 oktober 2027, 02.30 uur (wintertijd)"),
        (
            "2027-10-31 02:15+02:00",
            "2027-10-31 02:45+01:00",
            "zondag 31 oktober 2027, 02.15 (zomertijd)–02.45 uur (wintertijd)",
        ),
        ("2027-10-31 03:00", None, "zondag 31 oktober 2027, 03.00 uur"),
        ("2027-10-31 01:59", None, "zondag 31 oktober 2027, 01.59 uur"),
    ],
)
def test_dutch_wording(start: str, end: str | None, words: str) -> None:
    catalogue = wording.default()
    assert (
        wording.when(parse_when(start, ZONE), parse_when(end, ZONE) if end else None, catalogue)
        == words
    )
