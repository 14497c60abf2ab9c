"""The files beside the pages, as a list of generators the plugin loops over.

A new output is a module in this package and one line in `GENERATORS`: each generator takes
the `Build` and yields its files planned (`Output`: the site path at once, the bytes when
asked for), so the plugin can tell MkDocs every file first and have them made beside the
page rendering (core/background.py), each written to disk as it is made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property, partial

from ..core.settings import Catalogue
from ..core.website import Site
from ..source.load import Data
from . import calendars, embeds, news_feeds, open_data, tables
from .agenda_slices import Facet
from .catalogue import CATALOGUE_PATH, Publisher, catalogue
from .planned import Output
from .record import Records


@dataclass(frozen=True)
class Build:
    """What every generator reads: the data, the site, the moment and day of the build."""

    data: Data
    site: Site
    author: str  # the news feeds' author
    moment: datetime
    today: date
    facets: Sequence[Facet]
    catalogue: Catalogue = Catalogue()  # who publishes the open data (default: the site)
    repo_url: str | None = None
    description: str = ""  # the site's description, for the catalogue
    made: Records | None = None  # the records the pages were made from, when they came first

    @cached_property
    def records(self) -> Records:
        """What every output shows of each event, worded once (outputs/record.py): the same
        records as the pages read."""
        return self.made or Records.for_data(self.data, self.site)


def calendar_files(build: Build) -> Iterable[Output]:
    """The site-wide, per-association, per-region and per-theme calendars, and the one-offs."""
    return calendars.calendar_files(build.records, build.data.events, build.facets)


def agenda_news_files(build: Build) -> Iterable[Output]:
    """The agenda's RSS and Atom feeds, site-wide and per region and theme."""
    return news_feeds.agenda_feed_files(
        build.records, build.data.events, build.author, build.moment, build.facets
    )


def open_data_files(build: Build) -> Iterable[Output]:
    """`/api/*.json` and their JSON Schemas."""
    data = build.data
    return open_data.documents(build.records, data.associations, data.events, build.moment)


def table_files(build: Build) -> Iterable[Output]:
    """`/api/*.csv`: the open data as spreadsheets."""
    return tables.tables(build.records, build.data.associations, build.data.events)


def catalogue_file(build: Build) -> Iterable[Output]:
    """`/api/catalogus.jsonld`: the DCAT-AP-NL catalogue of the open data."""
    publisher = Publisher.of(build.catalogue, build.site, build.repo_url)
    data = build.data
    events = max((e.announced for e in data.events if e.announced), default=None)
    changed = {
        "verenigingen": max((a.checked for a in data.associations if a.checked), default=None),
        "bijeenkomsten": events,
        "agenda": events,
    }
    yield Output(
        CATALOGUE_PATH, partial(catalogue, build.site, publisher, build.description, changed)
    )


def embed_files(build: Build) -> Iterator[Output]:
    """One `/embed/<id>/` page per association."""
    events_of = build.records.by_organizer
    for association in build.data.associations:
        page = partial(
            embeds.embed_page,
            association,
            events_of.get(association.id, []),
            build.records,
            build.today,
            build.moment,
        )
        yield Output(build.site.paths.embed_page(association.id) + "index.html", page)


def picture_files(build: Build) -> Iterator[Output]:
    """Each event's picture, beside its page (copied as it is: the loader checked it)."""
    for event in build.data.events:
        record = build.records(event)
        if record.picture is not None and record.image_path is not None:
            yield Output(record.image_path.lstrip("/"), record.picture.path.read_bytes)


GENERATORS: tuple[Callable[[Build], Iterable[Output]], ...] = (
    calendar_files,
    agenda_news_files,
    open_data_files,
    table_files,
    catalogue_file,
    embed_files,
    picture_files,
)


def outputs(build: Build) -> Iterator[Output]:
    """Yield, planned, every file the data makes beside the pages."""
    for generator in GENERATORS:
        yield from generator(build)
