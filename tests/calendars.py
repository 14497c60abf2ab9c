"""Real calendar parsers and programs, each reading our .ics files the way it reads any feed.

icalendar and Home Assistant's strict `ical` in this venv; ical.js (Thunderbird's parser)
under Node; khal (a calendar program) and recurring-ical-events (used by many calendar
integrations) in their own venv, `.venv-clients`, which `make test` installs.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

JS = Path(__file__).parent / "js"
CLIENTS = Path(__file__).parent / "clients"
CLIENTS_PYTHON = Path(
    os.environ.get("CLIENTS_PYTHON", Path(__file__).parent.parent / ".venv-clients/bin/python")
)


def _instant(value: date | datetime) -> str:
    if isinstance(value, datetime):
        assert value.tzinfo is not None, "floating time: clients would guess the zone"
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def with_icalendar(data: bytes) -> list[dict[str, Any]]:
    calendar = Calendar.from_ical(data)
    return [
        {
            "uid": str(event["UID"]),
            "summary": str(event["SUMMARY"]),
            "start": _instant(event.decoded("DTSTART")),
            "end": _instant(event.decoded("DTEND")) if "DTEND" in event else None,
            "status": str(event.get("STATUS")),
            "location": str(event["LOCATION"]) if "LOCATION" in event else None,
            "description": str(event.get("DESCRIPTION")),
        }
        for event in calendar.walk("VEVENT")
    ]


def with_ical(data: bytes) -> list[dict[str, Any]]:
    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    return [
        {
            "uid": event.uid,
            "summary": event.summary,
            "start": _instant(event.dtstart),
            "end": _instant(event.dtend) if event.dtend else None,
            "status": str(event.status.value) if event.status else None,
            "location": event.location,
            "description": event.description,
        }
        for event in calendar.events
    ]


def with_icaljs(data: bytes) -> list[dict[str, Any]]:
    with tempfile.NamedTemporaryFile(suffix=".ics") as handle:
        handle.write(data)
        handle.flush()
        result = subprocess.run(
            ["node", str(JS / "parse-ics.mjs"), handle.name],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
    events = json.loads(result.stdout)["events"]
    for event in events:
        for key in ("start", "end"):
            if event[key] and "T" in event[key]:
                event[key] = event[key].replace(".000Z", "Z")
    return events


def _client(name: str) -> Callable[[bytes], list[dict[str, Any]]]:
    def read(data: bytes) -> list[dict[str, Any]]:
        with tempfile.NamedTemporaryFile(suffix=".ics") as handle:
            handle.write(data)
            handle.flush()
            result = subprocess.run(
                [str(CLIENTS_PYTHON), str(CLIENTS / "read_ics.py"), name, handle.name],
                capture_output=True,
                text=True,
                timeout=120,
            )
        assert result.returncode == 0, result.stderr
        events: list[dict[str, Any]] = json.loads(result.stdout)
        return events

    return read


Parser = Callable[[bytes], list[dict[str, Any]]]
PARSERS: dict[str, Parser] = {
    "icalendar": with_icalendar,
    "ical": with_ical,
    "ical.js": with_icaljs,
    "khal": _client("khal"),
    "recurring-ical-events": _client("recurring-ical-events"),
}


# Each program's own expansion of a file's events, series included: every occurrence it would
# show, as {uid, start (a UTC instant or a date), status}. The cancelled one is there with its
# status, the excepted one is not.
def _occurrence(uid: object, start: date | datetime, status: object) -> dict[str, Any]:
    return {"uid": str(uid), "start": _instant(start), "status": str(status) if status else None}


def expand_icalendar(data: bytes) -> list[dict[str, Any]]:
    """icalendar parses; python-dateutil expands the RRULE, as icalendar's own guide advises."""
    from dateutil.rrule import rrulestr

    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    overrides = {
        (str(e["UID"]), e.decoded("RECURRENCE-ID")): e for e in events if "RECURRENCE-ID" in e
    }
    found = []
    for event in (e for e in events if "RECURRENCE-ID" not in e):
        start = event.decoded("DTSTART")
        if "RRULE" not in event:
            found.append(_occurrence(event["UID"], start, event.get("STATUS")))
            continue
        excluded = {
            value.dt
            for line in (event.get("EXDATE") if isinstance(event.get("EXDATE"), list)
                         else [event.get("EXDATE")] if event.get("EXDATE") else [])
            for value in line.dts
        }  # fmt: skip
        all_day = not isinstance(start, datetime)
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
        for expanded in rule:
            moment = expanded.date() if all_day else expanded  # dateutil gives midnights
            if moment in excluded:
                continue
            override = overrides.get((str(event["UID"]), moment))
            if override is None:
                found.append(_occurrence(event["UID"], moment, event.get("STATUS")))
            else:
                found.append(
                    _occurrence(event["UID"], override.decoded("DTSTART"), override.get("STATUS"))
                )
    return found


def expand_ical(data: bytes) -> list[dict[str, Any]]:
    """Home Assistant's `ical`: its timeline expands series and applies overrides."""
    from zoneinfo import ZoneInfo

    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    return [
        _occurrence(e.uid, e.dtstart, e.status.value if e.status else None)
        for e in calendar.timeline_tz(ZoneInfo("UTC"))
    ]


def expand_icaljs(data: bytes) -> list[dict[str, Any]]:
    with tempfile.NamedTemporaryFile(suffix=".ics") as handle:
        handle.write(data)
        handle.flush()
        result = subprocess.run(
            ["node", str(JS / "expand-ics.mjs"), handle.name],
            capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


EXPANDERS: dict[str, Parser] = {
    "icalendar + dateutil": expand_icalendar,
    "ical": expand_ical,
    "ical.js": expand_icaljs,
    "khal": _client("khal-list"),
    "recurring-ical-events": _client("recurring-ical-events"),
}
