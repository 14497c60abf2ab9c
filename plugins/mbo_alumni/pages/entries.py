"""The detail pages: one per association and one per event."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ..core import urls, wording
from ..core.dates import is_past
from ..core.markup import shorten, summary
from ..core.urls import occurrence_anchor
from ..outputs.calendar_links import subscribe_links
from ..outputs.jsonld import Deferred, event_script, organization_script
from ..source.model import Association, Event, ended
from ..source.series import next_held
from ..source.series_words import change_words, describe, place_words
from .head import calendar_alternate

# No page grows with the data: lists longer than these go to the month pages and the feeds.
from .specs import (
    PageSpec,
    Shared,
)
from .views import (
    embed_snippet,
    split,
)


def association_pages(shared: Shared) -> Iterator[PageSpec]:
    """Yield one page per association: details, its events, articles, its feed, the embed."""
    site, today = shared.site, shared.today
    for item in shared.associations:
        a, record = item.association, item.record
        upcoming, past = split(shared.events_of[a.id], today)
        yield PageSpec(
            urls.page_source(item.url),
            a.name,
            "mbo-alumni/association.html",
            {
                "item": item,
                "upcoming": upcoming,
                "past": past,
                "subscribe": subscribe_links(site, record.calendar),
                "calendar_name": record.calendar_name,
                "jsonld": Deferred(partial(organization_script, record)),
                "articles": [x for x in shared.articles if a.id in x.associations],
                "embed": record.embed_url,
                "embed_code": embed_snippet(record),
                "events_api": record.events_api,
            },
            search_text=association_search_text(a),
            alternates=(calendar_alternate(site, record.calendar_name, record.calendar),),
            description=record.description,
        )


# What the site search holds of an entry besides its name (the page title, which the search
# weighs most): plain text (the search shows it as it is), and only what a visitor looks an entry
# up by that no other page already answers. The date and the region are left out: the month and
# region pages are found by those words and list the entries. Descriptions stay on the pages; in
# the index they cost more than all the rest at a network's size (thousands of events).
def association_search_text(a: Association) -> str:
    """Return the school, the place, the region and the sectors."""
    return " ".join([a.institution, a.city, a.province, *(a.sectors or [])])


def event_search_text(e: Event, words: wording.Wording) -> str:
    """Return the place (its name, often a school, and the town) or 'online', and the status
    when the event is not simply held."""
    place = e.location
    where = [] if place is None else [part for part in (place.name, place.city) if part]
    if place is not None and place.online:  # a hybrid event: its venue and "online"
        where.append(words("search.online"))
    return " ".join([*where, *filter(None, [wording.status_label(e.status, words)])])


def event_pages(shared: Shared) -> Iterator[PageSpec]:
    """Yield one page per event: when, where, who, its reports and its themes."""
    theme_of = {view.theme.id: view for view in shared.themes}
    for view in shared.pages:
        e = view.event
        yield PageSpec(
            urls.page_source(view.url),
            e.title,
            "mbo-alumni/event.html",
            {
                "item": view,
                "past": ended(e, shared.today),
                "jsonld": Deferred(partial(event_script, view.record)),
                "reports": [x for x in shared.articles if x.event == e.id],
                "themes": [theme_of[tag] for tag in e.tags if tag in theme_of],
                **series_context(e, shared),
            },
            search_text=event_search_text(e, shared.site.words),
            # When, where, by whom, then its own words.
            description=shorten(
                " ".join(
                    filter(
                        None,
                        [
                            view.status_label,
                            view.when + (f", {view.record.where}." if view.record.where else "."),
                            view.record.who,
                            summary(e.description),
                        ],
                    )
                ),
                200,
            ),  # fmt: skip
        )


def removed_pages(shared: Shared) -> Iterator[PageSpec]:
    """Yield a page at the old address of each association taken off the site: links and
    bookmarks to it keep working, and say what happened."""
    words = shared.site.words
    for gone in shared.data.removed:
        yield PageSpec(
            urls.page_source(shared.site.paths.association_page(gone.id)),
            gone.name,
            "mbo-alumni/removed.html",
            {"gone": gone, "removed": wording.day(gone.removed, words)},
            description=words("removed.description", name=gone.name),
        )


SHOWN_COMING, SHOWN_GONE = 12, 5  # a series' page lists its next year or so, and a few past


def series_context(e: Event, shared: Shared) -> dict[str, object]:
    """Return what a series' page shows: its rule in words, the coming occurrences (cancelled
    ones marked) and the last few past ones; nothing for a single event."""
    if e.repeat is None:
        return {}
    words = shared.site.words
    rows = [
        {
            "anchor": occurrence_anchor(o.day),
            "day": o.day.isoformat(),  # the rule's day: what the change form asks for
            "iso": o.start.isoformat(),
            "end_iso": o.end.isoformat() if o.end is not None else None,
            "when": wording.when(o.start, o.end, words),
            "cancelled": o.status == "cancelled",
            "past": is_past(o.start, o.end, shared.today),
            # moved: held at another time than the rule gives; the rule's day, in words
            "was": wording.day(o.day, words) if o.moved else None,
            "where": place_words(o.location) if o.location else None,
        }
        for o in e.occurrences()
    ]
    coming = [row for row in rows if not row["past"]]
    chosen = next_held(e, shared.today)  # the one occurrence the Outlook.com link carries
    return {
        "next_when": wording.when(chosen.start, chosen.end, words),
        "rule": describe(e.repeat, e.start, e.end, words),
        "changes": [change_words(c, words) for c in e.changes],
        "coming": coming[:SHOWN_COMING],
        "later": coming[SHOWN_COMING:],
        "gone": [row for row in rows if row["past"]][::-1][:SHOWN_GONE],
    }
