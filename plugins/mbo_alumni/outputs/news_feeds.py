"""Models and articles -> RSS 2.0 and Atom feeds (feedgen).

feedgen traps avoided here: the RSS channel <link> is the *last* link() call, so the
alternate link goes last; updated() defaults to now, so every date is passed explicitly;
add_entry() prepends unless order="append"; naive datetimes raise; description() resets
the Atom content to one without a type (read as plain text), so summary() sets the short
text and content() the HTML.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache, partial
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from feedgen.ext.base import BaseEntryExtension, BaseExtension  # type: ignore[import-untyped]
from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]
from feedgen.util import xml_elem  # type: ignore[import-untyped]
from markupsafe import Markup

from ..core.dates import local_day
from ..core.markup import (
    absolute_links,
    html_summary,
    shorten,
    without_title,
)
from ..core.templating import render as render_template
from ..core.urls import Paths
from ..core.website import Site
from ..source.articles import Article
from ..source.model import Event
from ..source.series_words import change_words, describe, moved_words
from .agenda_slices import Facet
from .planned import Output
from .record import EventRecord, Records

SUMMARY_LENGTH = 300  # RSS <description> and Atom <summary>: a teaser, the HTML is the content


@dataclass(frozen=True)
class Entry:
    """One feed entry, already in its final form."""

    id: str
    title: str
    url: str
    date: datetime  # aware; when announced, published or last changed
    html: str
    summary: str
    categories: tuple[str, ...] = ()
    enclosure: tuple[str, int, str] | None = None  # a picture: its URL, length and type


@dataclass(frozen=True)
class FeedSpec:
    """One feed, written as RSS and as Atom."""

    slug: str  # agenda, artikelen: the feeds' paths without extension
    title: str
    description: str
    page: str  # site-relative path of the HTML page the feed mirrors

    @property
    def rss_path(self) -> str:
        return Paths.news_feeds(self.slug)[0]

    @property
    def atom_path(self) -> str:
        return Paths.news_feeds(self.slug)[1]


def _site_feed(site: Site, kind: str, slug: str, page: str) -> FeedSpec:
    """Return one of the site's own news feeds, named and described by the catalogue."""
    words = site.words
    return FeedSpec(slug, words(f"feed.{kind}.title"), words(f"feed.{kind}.description"), page)


def agenda_feed(site: Site) -> FeedSpec:
    """Return the site-wide agenda's news feed."""
    return _site_feed(site, "agenda", site.paths.site_feed, site.paths.agenda_page)


def articles_feed(site: Site) -> FeedSpec:
    """Return the articles' news feed."""
    return _site_feed(site, "articles", site.paths.articles, site.paths.articles_page)


def _noon(day: date, zone: ZoneInfo) -> datetime:
    """Return the moment a date-only entry is dated: noon in the site's zone.

    Readers show the day in their own zone; noon in Amsterdam (10:00 or 11:00 UTC) is the
    same calendar day everywhere from UTC-10 to UTC+12, where midnight was the day before
    anywhere west of it.
    """
    return datetime.combine(day, time(12, 0), zone)


def event_entry_date(event: Event, built: datetime, zone: ZoneInfo) -> datetime:
    """Return when an event was announced or last changed, never after the build.

    Without `announced`, the start date stands in (capped at the build moment), so the
    date is deterministic under SOURCE_DATE_EPOCH and never lies in the future.
    """
    if event.announced is not None:
        return min(_noon(event.announced, zone), built)
    return min(_noon(local_day(event.start), zone), built)


def _when(record: EventRecord) -> str:
    """Return the event's date in words, or a series' rule ('Elke eerste dinsdag ...')."""
    event, words = record.event, record.site.words
    if event.repeat is None:
        return record.when
    rule = describe(event.repeat, event.start, event.end, words).capitalize()
    # From a date at another time or place, and the moved times: as the series' page says.
    return ". ".join(
        [rule, *(change_words(c, words).capitalize() for c in event.changes),
         *(line.capitalize() for line in moved_words(event, words))]
    )  # fmt: skip


def event_entry(record: EventRecord, built: datetime) -> Entry:
    """Return the feed entry of an event: status, when, where, who, and description."""
    event, site, url = record.event, record.site, record.url
    status = record.status_label
    facts = [status and f"{status}.", f"{_when(record)}.", record.where, record.who]
    description = (
        Markup(absolute_links(str(record.html), url))  # sanitised by nh3
        if record.html
        else None
    )
    html = render_template(
        "mbo-alumni/feed-event.html",
        status=facts[0] if status else None,
        facts=[fact for fact in facts[1:] if fact],
        description=description,
        link=event.url,
    )
    teaser = [fact for fact in facts if fact]
    if record.text:
        teaser.append(record.text)
    return Entry(
        id=url,
        title=record.summary,
        url=url,
        date=event_entry_date(event, built, site.zone),
        html=html.strip(),
        summary=shorten(" ".join(teaser), SUMMARY_LENGTH),
        categories=(record.status_word.lower(), *event.tags),
        enclosure=(record.image_url, record.picture.length, record.picture.media_type)
        if record.picture and record.image_url
        else None,
    )


class _Enclosure(BaseEntryExtension):  # type: ignore[misc]
    """An entry's picture as Atom's <link rel="enclosure">: feedgen 1.0 writes an entry's
    links without their rel, type and length (it reads them from the new element), which
    would make the picture a second alternate link."""

    value: tuple[str, int, str] | None = None

    def extend_atom(self, entry: Any) -> Any:
        if self.value:
            url, length, kind = self.value
            xml_elem("link", entry, href=url, rel="enclosure", type=kind, length=str(length))
        return entry


def _generator(
    spec: FeedSpec, site: Site, author: str, entries: Sequence[Entry], kind: str
) -> FeedGenerator:
    feed = FeedGenerator()
    feed.register_extension("picture", BaseExtension, _Enclosure, atom=True, rss=False)
    page = site.absolute(spec.page)
    feed.id(page)
    feed.title(f"{spec.title} - {site.name}")
    feed.subtitle(spec.description)
    feed.language(site.words.locale.split("_")[0])
    feed.author({"name": author})
    feed.generator("mbo-alumni")
    newest = max((entry.date for entry in entries), default=None)
    if newest is not None:
        feed.updated(newest)
        feed.lastBuildDate(newest)
    for entry in entries:
        item = feed.add_entry(order="append")
        item.id(entry.id)
        item.guid(entry.id, permalink=True)
        item.title(entry.title)
        item.link(href=entry.url)
        item.published(entry.date)
        item.updated(entry.date)
        # Summary first, content last: see the module's note on description().
        if entry.summary:
            # RSS readers read <description> as HTML, so the plain teaser goes as escaped
            # HTML (type html in Atom too): a "<img ...>" in the text stays text everywhere.
            item.summary(escape(entry.summary, quote=False), type="html")
        item.content(entry.html, type="html")
        item.author({"name": author})
        for category in entry.categories:
            item.category(term=category)
        if entry.enclosure and kind == "rss":
            url, length, media_type = entry.enclosure
            item.enclosure(url, str(length), media_type)
        elif entry.enclosure:  # Atom: <link rel="enclosure">, written by _Enclosure
            item.picture.value = entry.enclosure
    return feed


FEED_LENGTH = 100  # a news feed carries the latest entries; the site and the API keep them all


def feed_files(
    spec: FeedSpec, site: Site, author: str, entries: Sequence[Entry], built: datetime
) -> dict[str, bytes]:
    """Return {path: bytes} of the RSS and Atom feeds: the newest FEED_LENGTH entries first."""
    ordered = sorted(entries, key=lambda e: (e.date, e.id), reverse=True)[:FEED_LENGTH]
    result = {}
    for path, kind in ((spec.rss_path, "rss"), (spec.atom_path, "atom")):
        feed = _generator(spec, site, author, ordered, kind)
        if not ordered:  # an empty feed still needs dates; the build moment is deterministic
            feed.updated(built)
            feed.lastBuildDate(built)
        # The RSS channel <link> is the last link() call: self first, the page last.
        feed.link(href=site.absolute(path), rel="self")
        feed.link(href=site.absolute(spec.page), rel="alternate")
        result[path] = feed.rss_str(pretty=True) if kind == "rss" else feed.atom_str(pretty=True)
    return result


def article_entry(
    title: str,
    url: str,
    day: date | datetime,
    html: str,
    description: str | None,
    zone: ZoneInfo,
) -> Entry:
    """Return the feed entry of an article page: its HTML without the page's own <h1>,
    links made absolute, and as summary its front-matter description or first paragraph.
    """
    moment = day.astimezone(zone) if isinstance(day, datetime) else _noon(day, zone)
    body = without_title(html)
    teaser = shorten(description, SUMMARY_LENGTH) if description else html_summary(body)
    return Entry(
        id=url,
        title=title,
        url=url,
        date=moment,
        html=absolute_links(body, url),
        summary=teaser,
    )


def agenda_feed_files(
    records: Records,
    events: Sequence[Event],
    author: str,
    built: datetime,
    facets: Sequence[Facet] = (),
) -> Iterator[Output]:
    """Yield the agenda's feeds and those of every facet, planned; each event's entry is
    made once for all of them, and a spec's RSS and Atom from one set of entries."""
    site = records.site
    made: dict[str, Entry] = {}

    def entries(chosen: Sequence[Event]) -> list[Entry]:
        newest = sorted(
            chosen, key=lambda e: (event_entry_date(e, built, site.zone), e.id), reverse=True
        )
        for event in newest[:FEED_LENGTH]:
            if event.id not in made:
                made[event.id] = event_entry(records(event), built)
        return [made[e.id] for e in newest[:FEED_LENGTH]]

    specs = [(agenda_feed(site), events)]
    for facet in facets:
        about = site.words("feed.facet.description", name=facet.name)
        specs.append((FeedSpec(facet.base, facet.title, about, facet.page), facet.events))

    def both(spec: FeedSpec, chosen: Sequence[Event]) -> Callable[[], dict[str, bytes]]:
        return cache(lambda: feed_files(spec, site, author, entries(chosen), built))

    for spec, chosen in specs:
        made_both = both(spec, chosen)
        for path in (spec.rss_path, spec.atom_path):
            yield Output(path, partial(_pick, made_both, path))


def _pick(make: Callable[[], dict[str, bytes]], path: str) -> bytes:
    return make()[path]


@dataclass(frozen=True)
class ArticlePage:
    """A rendered article page, as the generator hands it over for the article feeds."""

    title: str
    url: str  # site-relative
    day: date | datetime
    html: str
    description: str | None

    @classmethod
    def of(cls, page: Any, article: Article) -> ArticlePage:
        """Return the facts of a rendered page object (MkDocs' Page, or any with `title`,
        `url`, `content` and `meta`) that is the article `article`."""
        about = page.meta.get("description")
        return cls(
            html.unescape(page.title or article.src),
            page.url,
            article.date or date.min,
            page.content or "",
            about if isinstance(about, str) else None,
        )


def article_feeds(
    site: Site, author: str, pages: Iterable[ArticlePage], built: datetime
) -> dict[str, bytes]:
    """Return {path: bytes} of the article feeds (RSS and Atom) from the rendered articles."""
    entries = [
        article_entry(p.title, site.absolute(p.url), p.day, p.html, p.description, site.zone)
        for p in pages
    ]
    return feed_files(articles_feed(site), site, author, entries, built)
