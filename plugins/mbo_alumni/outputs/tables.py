"""The open data as spreadsheets: /api/associations.csv and /api/events.csv.

The columns are the data's keys (source/columns.py, which the import reads too), in UTF-8 with
a byte order mark and separated by semicolons: Excel opens a CSV file in the computer's own
code page unless it starts with a byte order mark (then "Fryslân" stays "Fryslân"), and Excel
with Dutch settings splits columns at semicolons, not commas. LibreOffice and Python's `csv`
module read it as well (`encoding="utf-8-sig"`, `delimiter=";"`). Rows end in CRLF (RFC 4180).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from ..core.urls import Paths
from ..source.columns import ASSOCIATION_COLUMNS, EVENT_COLUMNS, Column, entry_values, row
from ..source.model import Association, Event, chronological
from .planned import Output
from .record import Records

ASSOCIATIONS_CSV, EVENTS_CSV = Paths.associations_csv, Paths.events_csv  # core/urls.py
DELIMITER = ";"
BOM = "\ufeff"


def _table(columns: Sequence[Column], rows: Iterator[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([column.header for column in columns])
    writer.writerows(rows)
    return (BOM + out.getvalue()).encode("utf-8")


def tables(
    records: Records, associations: Sequence[Association], events: Sequence[Event]
) -> Iterator[Output]:
    """Yield, planned, both CSV files: associations by id, events in time order (as
    the JSON documents have them)."""
    site = records.site
    paths = site.paths

    def association_rows() -> Iterator[list[str]]:
        for a in sorted(associations, key=lambda a: a.id):
            values = entry_values(a)
            values["page"] = site.absolute(paths.association_page(a.id))
            values["calendar"] = site.absolute(paths.association_calendar(a.id))
            yield row(values, ASSOCIATION_COLUMNS)

    def event_rows() -> Iterator[list[str]]:
        for e in sorted(events, key=chronological):
            values = entry_values(e)
            values.update(start=e.start, end=e.end, all_day=e.all_day)  # the cells' own forms
            record = records(e)
            values["uid"], values["page"] = record.uid, record.url
            values["calendar"] = record.download_url
            yield row(values, EVENT_COLUMNS)

    yield Output(ASSOCIATIONS_CSV, lambda: _table(ASSOCIATION_COLUMNS, association_rows()))
    yield Output(EVENTS_CSV, lambda: _table(EVENT_COLUMNS, event_rows()))
