"""The monthly borrel of the series tests: every first Tuesday at 20:00 from August 2026 to
July 2027, four evenings held before the tests' today (2026-11-18), and what every calendar
program must hold after each of the four tasks a volunteer does on it."""

from __future__ import annotations

from datetime import UTC, datetime

from mbo_alumni.core.settings import Settings


def utc(local: str) -> str:
    moment = datetime.fromisoformat(local).replace(tzinfo=Settings().zone)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


FIRST_TUESDAYS = ["2026-08-04", "2026-09-01", "2026-10-06", "2026-11-03", "2026-12-01",
                  "2027-01-05", "2027-02-02", "2027-03-02", "2027-04-06", "2027-05-04",
                  "2027-06-01", "2027-07-06"]  # fmt: skip


def expected(task: str) -> list[tuple[str, str]]:
    """(UTC start, status) of every evening the calendar should hold after the task."""
    found = []
    for day in FIRST_TUESDAYS:
        start, status = f"{day} 20:00", "CONFIRMED"
        if task == "afgelast" and day == "2026-12-01":
            status = "CANCELLED"
        if task == "verplaatst" and day == "2027-01-05":
            start = "2027-01-06 20:00"
        if task == "vanaf-januari" and day >= "2027-01-05":
            start = f"{day} 19:30"
        if task == "gestopt" and day > "2027-01-05":
            continue
        found.append((utc(start), status))
    return found
