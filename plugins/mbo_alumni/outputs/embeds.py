"""`/embed/<id>/`: an association's next events as a small page for its own website's iframe.

Self-contained: no theme, no JavaScript, its stylesheet inline, no request to any other origin,
readable from 300 px wide. Rendered with Jinja (autoescaped) from templates/mbo-alumni/embed.html,
outside MkDocs, so it is the same under any generator.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from ..core import wording
from ..core.csp import with_policy
from ..core.templating import render
from ..core.urls import occurrence_anchor
from ..source.model import Association, Event, chronological, ended
from ..source.series import held
from .calendar_links import subscribe_links
from .record import Records

SHOWN = 5  # the next few events; the link leads to the rest


def embed_page(
    association: Association,
    events: Sequence[Event],
    records: Records,
    today: date,
    built: datetime,
) -> bytes:
    """Return the embed page of one association: its next events, soonest first."""
    site, own = records.site, records.association(association)
    words = site.words
    # A series: each occurrence at its own date, linking to it in the series' page.
    occurring = sorted(held(events), key=lambda pair: chronological(pair[0]))
    coming = [(e, o) for e, o in occurring if not ended(e, today)]
    items = []
    for e, o in coming[:SHOWN]:
        record = records(e)
        items.append({
            "title": e.title,
            "when": record.when,
            "where": record.where,
            "status": wording.status_label(e.status, words, o is not None and o.moved),
            "url": record.url + (f"#{occurrence_anchor(o.day)}" if o else ""),
        })  # fmt: skip
    html = render(
        "mbo-alumni/embed.html",
        association=association,
        items=items,
        more=len(coming) - len(items),
        page=own.url,
        subscribe=subscribe_links(site, own.calendar),
        built=wording.day(built.date(), words),
        site_name=site.name,
        words=words,
    )
    # Its own policy: framed on other sites, it allows its one inline <style> by hash.
    return with_policy(html, styles=True).encode("utf-8")
