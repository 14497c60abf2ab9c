"""The built site's size, estimated from the data before any page is made.

Each event is written once on its own page and again in every output that lists it: the
site-wide calendar and feeds, its organisers' pages and calendars, the feeds of its themes and
of its organisers' regions, the open data. One event in all 200 themes' feeds, or with a long
text, multiplies; a site past what static hosts publish (GitHub Pages: 1 GB) is refused on the
line of the event that weighs most, not discovered after minutes of building.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Association, Event
from .yaml_positions import Document

SITE_BUDGET = 900 * 1000 * 1000  # bytes: under GitHub Pages' 1 GB, with room for the articles
PAGE = 20_000  # one generated page's own markup (head, header, navigation, footer)
SHARED = 10  # outputs every event is in: page, download, agenda feeds, month, JSON, CSV, ...


def event_bytes(event: Event, regions: int) -> int:
    """Return an estimate of the bytes one event adds to the built site."""
    text = len((event.description or "").encode()) + len(event.title.encode()) + 400
    copies = SHARED + 2 * len(event.organizer) + 3 * len(event.tags) + 3 * regions
    return PAGE + text * copies


def association_bytes(association: Association) -> int:
    """Return an estimate of the bytes one association adds: its page, calendar and embed."""
    return PAGE + 4_000 + 3 * len((association.description or "").encode())


def check_budget(
    document: Document, associations: Sequence[Association], events: Sequence[Event]
) -> int:
    """Return the estimated size of the site; add a problem on the heaviest event's line
    when it is past SITE_BUDGET."""
    region_of = {a.id: a.province for a in associations}
    sizes = [
        event_bytes(e, len({region_of[o] for o in e.organizer if o in region_of})) for e in events
    ]
    total = sum(sizes) + sum(association_bytes(a) for a in associations)
    if total > SITE_BUDGET and sizes:
        heaviest = max(range(len(sizes)), key=sizes.__getitem__)
        event = events[heaviest]
        document.problem(
            (heaviest, "id"),
            f"de site zou ongeveer {_mb(total)} MB worden, meer dan de {_mb(SITE_BUDGET)} MB "
            f"die een gewone host publiceert; deze bijeenkomst weegt het zwaarst "
            f"({_mb(sizes[heaviest], 1)} MB: haar tekst staat op de pagina's en in de feeds van "
            f"{len(event.organizer)} verenigingen en {len(event.tags)} thema's): maak de "
            "beschrijving korter, noem minder thema's, of haal oude bijeenkomsten weg",
        )
    return total


def _mb(size: int, decimals: int = 0) -> str:
    """Return megabytes the Dutch way: 1.234 (thousands with a dot), 2,5 (a decimal comma)."""
    text = f"{size / 1e6:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")
