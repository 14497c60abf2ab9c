"""Read an .ics file with a real calendar client and print its events as JSON.

Runs in its own venv (.venv-clients, see the Makefile), because these clients pin
python-dateutil below 3. Usage: read_ics.py (khal|recurring-ical-events) FILE

Every start and end is printed as a UTC instant ('2027-10-31T01:30:00Z') or a date; an
all-day end is exclusive, as in the file, whatever the client shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

FIELDS = ["uid", "title", "start", "end", "all-day", "status", "location", "description"]
UNIT, RECORD = "\x1f", "\x1e"

KHAL_CONFIG = """\
[calendars]
[[feed]]
path = {calendars}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%dT%H:%M:%SZ
longdatetimeformat = %Y-%m-%dT%H:%M:%SZ
local_timezone = UTC
default_timezone = UTC
"""


def with_khal(path: str) -> list[dict[str, object]]:
    """khal (a terminal calendar program) prints the file's events in UTC."""
    with tempfile.TemporaryDirectory() as home:
        calendars = Path(home, "calendars")
        calendars.mkdir()
        config = Path(home, "config")
        config.write_text(KHAL_CONFIG.format(calendars=calendars), encoding="utf-8")
        form = UNIT.join("{" + name + "}" for name in FIELDS) + RECORD
        khal = Path(sys.executable).parent / "khal"
        env = {**os.environ, "TZ": "UTC", "HOME": home}
        result = subprocess.run(
            [str(khal), "-c", str(config), "printics", "--format", form, path],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
    header, _, listing = result.stdout.partition("\n")  # "N events found in FILE"
    if "events found" not in header:
        raise SystemExit(f"khal printed no event count: {result.stdout[:200]!r}")
    events = []
    for record in listing.split(RECORD)[:-1]:  # each record but the first starts a new line
        values = dict(zip(FIELDS, record.removeprefix("\n").split(UNIT), strict=True))
        all_day = values["all-day"].strip() == "True"
        end = values["end"]
        if all_day:  # khal shows the last day; the file (and the other parsers) say the day after
            end = (date.fromisoformat(end) + timedelta(days=1)).isoformat()
        events.append(
            {
                "uid": values["uid"],
                "summary": values["title"],
                "start": values["start"],
                "end": end,
                "status": values["status"].strip() or None,
                "location": values["location"] or None,
                "description": values["description"] or None,
            }
        )
    return events


def _items(data: bytes) -> list[bytes]:
    import icalendar

    calendar = icalendar.Calendar.from_ical(data)
    zones = list(calendar.walk("VTIMEZONE"))
    by_uid: dict[str, list[icalendar.Component]] = {}
    for event in calendar.walk("VEVENT"):
        by_uid.setdefault(str(event["UID"]), []).append(event)
    items = []
    for events in by_uid.values():
        item = icalendar.Calendar()
        for key in ("VERSION", "PRODID"):
            item.add(key, calendar[key])
        for component in [*zones, *events]:
            item.add_component(component)
        items.append(item.to_ical())
    return items


def khal_occurrences(path: str) -> list[dict[str, object]]:
    """khal's own list of the file's events, each occurrence of a series expanded by khal,
    as a person sees them in `khal list` (the file stored in a calendar folder, as vdirsyncer
    leaves it)."""
    with tempfile.TemporaryDirectory() as home:
        calendars = Path(home, "calendars")
        calendars.mkdir()
        # One file per UID (a series with its overrides), as vdirsyncer stores a feed: khal
        # reads one item per file.
        for index, item in enumerate(_items(Path(path).read_bytes())):
            Path(calendars, f"item-{index}.ics").write_bytes(item)
        config = Path(home, "config")
        config.write_text(KHAL_CONFIG.format(calendars=calendars), encoding="utf-8")
        form = UNIT.join(["{uid}", "{start}", "{status}", "{all-day}"]) + RECORD
        khal = Path(sys.executable).parent / "khal"
        env = {**os.environ, "TZ": "UTC", "HOME": home, "XDG_DATA_HOME": home}
        result = subprocess.run(
            [str(khal), "-c", str(config), "list", "--format", form, "--day-format", "",
             "1990-01-01", "2100-01-01"],
            capture_output=True, text=True, check=True, env=env,
        )  # fmt: skip
    found = []
    for record in result.stdout.split(RECORD)[:-1]:
        uid, start, status, _ = record.strip("\n").split(UNIT)
        found.append({"uid": uid, "start": start, "status": status.strip() or None})
    return found


def _instant(value: date | datetime) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise SystemExit(f"floating time {value}: the client would guess the zone")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def with_recurring_ical_events(path: str) -> list[dict[str, object]]:
    """recurring-ical-events (used by many calendar integrations) lists every occurrence."""
    import icalendar
    import recurring_ical_events

    calendar = icalendar.Calendar.from_ical(Path(path).read_bytes())
    events = []
    for event in recurring_ical_events.of(calendar).between(date(1900, 1, 1), date(2200, 1, 1)):
        end = event.get("DTEND")
        events.append(
            {
                "uid": str(event["UID"]),
                "summary": str(event["SUMMARY"]),
                "start": _instant(event["DTSTART"].dt),
                "end": _instant(end.dt) if end is not None else None,
                "status": str(event["STATUS"]) if "STATUS" in event else None,
                "location": str(event["LOCATION"]) if "LOCATION" in event else None,
                "description": str(event["DESCRIPTION"]) if "DESCRIPTION" in event else None,
            }
        )
    return events


def main() -> None:
    client, path = sys.argv[1], sys.argv[2]
    read = {
        "khal": with_khal,
        "khal-list": khal_occurrences,
        "recurring-ical-events": with_recurring_ical_events,
    }[client]
    json.dump(read(path), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
