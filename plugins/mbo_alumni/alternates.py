"""The feeds a page announces in its <head> with <link rel="alternate">."""

from __future__ import annotations

from dataclasses import dataclass

from . import feeds, urls
from .facets import Facet


@dataclass(frozen=True)
class Alternate:
    """A feed announced in a page's <head> with <link rel="alternate">."""

    type: str
    title: str
    path: str  # relative to the site root; kept at the root (Material fetches a sitemap beside it)


SITE_ALTERNATES = (
    Alternate("text/calendar", "Agenda (iCalendar)", urls.SITE_CALENDAR),
    Alternate("application/rss+xml", "Agenda (RSS)", feeds.AGENDA.rss_path),
    Alternate("application/atom+xml", "Agenda (Atom)", feeds.AGENDA.atom_path),
    Alternate("application/rss+xml", "Artikelen (RSS)", feeds.ARTICLES.rss_path),
    Alternate("application/atom+xml", "Artikelen (Atom)", feeds.ARTICLES.atom_path),
)


def facet_alternates(facet: Facet) -> tuple[Alternate, ...]:
    """Return the feeds a province's or theme's page announces."""
    return (
        Alternate("text/calendar", f"{facet.title} (iCalendar)", facet.calendar),
        Alternate("application/rss+xml", f"{facet.title} (RSS)", facet.rss),
        Alternate("application/atom+xml", f"{facet.title} (Atom)", facet.atom),
    )
