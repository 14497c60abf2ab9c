"""One record per event: what every output shows of it, put into words once.

The model holds what the data says; an `EventRecord` holds what the site shows of it: when in
words, where, by whom, its status, its links, the text and HTML of its description, its poster.
Pages, calendars, news feeds, JSON-LD, the add-to-calendar links and the embed read these and
only format them (an iCalendar line, an Atom entry, a schema.org field), so a new field is
worded here once. Each text is made when first asked for and then kept: the event's page, its
feeds and its calendars ask for the same text many times; a list of 10,000 events asks for
few.

An `AssociationRecord` does the same for an association: its page, its calendar and their
names, its embed, its description as HTML and in short.

`Records` is the index of one build: one record per event and per association, by id; an
occurrence of a series (an Event of its own, `source/series.single`) gets a record of its own,
made on demand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup

from ..core import wording
from ..core.markup import markdown_to_html, markdown_to_text, shorten, summary
from ..core.website import Site
from ..source.images import Picture
from ..source.load import Data
from ..source.model import Association, Event, by_organizer, chronological
from ..source.recurrence import Occurrence
from ..source.series import single


@dataclass(frozen=True, eq=False)
class AssociationRecord:
    """What the site shows of one association."""

    association: Association
    site: Site

    @cached_property
    def page(self) -> str:
        """Its page, as a site path ('verenigingen/a-academy/')."""
        return self.site.paths.association_page(self.association.id)

    @cached_property
    def url(self) -> str:
        return self.site.absolute(self.page)

    @cached_property
    def calendar(self) -> str:
        """Its calendar, as a site path ('agenda-a-academy.ics')."""
        return self.site.paths.association_calendar(self.association.id)

    @cached_property
    def calendar_url(self) -> str:
        return self.site.absolute(self.calendar)

    @cached_property
    def calendar_name(self) -> str:
        """'Agenda A-Academy': the calendar's name in every calendar app, and on its page."""
        return self.site.words("calendar.name", name=self.association.name)

    @cached_property
    def calendar_description(self) -> str:
        words, site = self.site.words, self.site
        return words("calendar.association", association=self.association.name, site=site.name)

    @cached_property
    def embed_url(self) -> str:
        """Its embed (/embed/<id>/), absolute: the iframe on its own website loads it."""
        return self.site.absolute(self.site.paths.embed_page(self.association.id))

    @cached_property
    def embed_title(self) -> str:
        return self.site.words("embed.title", name=self.association.name)

    @cached_property
    def events_api(self) -> str:
        """Its events as open data (JSON), absolute."""
        return self.site.absolute(self.site.paths.association_events_api(self.association.id))

    @cached_property
    def html(self) -> Markup | None:
        """The description as HTML, sanitised (nh3), so it may be marked safe."""
        description = self.association.description
        return Markup(markdown_to_html(description)) if description else None

    def summary(self, limit: int = 200) -> str | None:
        """The description as one paragraph of plain text, at most `limit` characters."""
        return summary(self.association.description, limit)

    @cached_property
    def description(self) -> str:
        """Who, from which school, where, then its own words, in at most 200 characters: for
        search results and link previews (the meta description and OpenGraph alike)."""
        a = self.association
        said = self.site.words(
            "association.description",
            name=a.name, institution=a.institution, city=a.city, region=a.province,
        )  # fmt: skip
        return shorten(" ".join(filter(None, [said, self.summary()])), 200)


@dataclass(frozen=True, eq=False)
class EventRecord:
    """What the site shows of one event (or of one occurrence of a series)."""

    event: Event
    organizers: tuple[AssociationRecord, ...]  # the associations that organise it
    site: Site
    picture: Picture | None = None  # its `image`, checked by the loader (source/images.py)

    @property
    def associations(self) -> tuple[Association, ...]:
        """The organising associations as the data has them."""
        return tuple(r.association for r in self.organizers)

    @cached_property
    def page(self) -> str:
        """The event's page, as a site path ('agenda/borrel/')."""
        return self.site.paths.event_page(self.event.id)

    @cached_property
    def url(self) -> str:
        """The event's page, absolute: its id in feeds, its link in calendars."""
        return self.site.absolute(self.page)

    @cached_property
    def uid(self) -> str:
        """Its UID in every calendar and in the open data: from its id only, so it never
        changes."""
        return f"{self.event.id}@{self.site.host}"

    @cached_property
    def download(self) -> str:
        """The one-event .ics download, as a site path."""
        return self.site.paths.event_download(self.event.id)

    @cached_property
    def download_url(self) -> str:
        """The one-event .ics download, absolute."""
        return self.site.absolute(self.download)

    @cached_property
    def link(self) -> str:
        """Where the event is described: its own `url`, else its page."""
        return self.event.url or self.url

    @cached_property
    def when(self) -> str:
        """'dinsdag 30 maart 2027, 19.30–21.00 uur'."""
        return wording.when(self.event.start, self.event.end, self.site.words)

    @cached_property
    def status_word(self) -> str:
        """The one word for the status, in every output ('Afgelast')."""
        return self.site.words(f"status.{self.event.status}")

    @cached_property
    def status_label(self) -> str:
        """What a page or feed shows beside the event: nothing when it takes place."""
        return wording.status_label(self.event.status, self.site.words)

    @cached_property
    def summary(self) -> str:
        """The title with 'Afgelast: ' before it when cancelled: a calendar's SUMMARY, a
        feed entry's title (what a client that ignores the status still shows)."""
        if self.event.status == "cancelled":
            return f"{self.status_word}: {self.event.title}"
        return self.event.title

    @cached_property
    def where(self) -> str | None:
        """Name, address and city, and the link to join online (for a hybrid event both:
        someone coming in person must find the venue in their calendar)."""
        place = self.event.location
        if place is None:
            return None
        venue = place.venue
        if place.online and venue:
            return self.site.words("place.hybrid", venue=venue, url=place.url)
        if place.online:
            return self.site.words("place.online", url=place.url)
        return venue

    @cached_property
    def who(self) -> str | None:
        """Who organises, in words: the associations (with their school), or the host."""
        names = [f"{a.name} ({a.institution})" for a in self.associations]
        if self.event.host:
            names.append(self.event.host)
        return self.site.words("calendar.organisers", names=", ".join(names)) if names else None

    @cached_property
    def text(self) -> str | None:
        """The description as plain text (paragraphs kept, links as 'text (url)')."""
        return markdown_to_text(self.event.description) if self.event.description else None

    @cached_property
    def html(self) -> Markup | None:
        """The description as HTML, sanitised (nh3), so it may be marked safe."""
        description = self.event.description
        return Markup(markdown_to_html(description)) if description else None

    @cached_property
    def details(self) -> str:
        """The plain text a calendar shows: status, organisers, the text, then the links."""
        words, event = self.site.words, self.event
        parts = []
        if event.status != "confirmed":  # what a client that ignores STATUS still shows
            parts.append(words(f"calendar.{event.status}", status=self.status_word))
        parts += [p for p in (self.who, self.text) if p]
        if event.url:
            parts.append(words("calendar.more", url=event.url))
        parts.append(words("calendar.on_site", url=self.url))
        return "\n\n".join(parts)

    @cached_property
    def image_path(self) -> str | None:
        """Where the site serves the event's picture: beside its page, under its own name."""
        return self.page + self.picture.path.name if self.picture else None

    @cached_property
    def image_url(self) -> str | None:
        return self.site.absolute(self.image_path) if self.image_path else None

    def occurrence(self, held: Occurrence) -> EventRecord:
        """Return the record of one occurrence of a series: its time, place and status."""
        return EventRecord(single(self.event, held), self.organizers, self.site, self.picture)


@dataclass
class Records:
    """The records of one build: one per event of the data, made once when first asked for
    and read by every output and page; an occurrence of a series (an Event made from it) gets
    a record of its own, not kept: a list of occurrences is read once."""

    site: Site
    associations: dict[str, Association]
    events: dict[str, Event]  # the data's, by id
    pictures: dict[str, Picture] = field(default_factory=dict)  # by event id
    _made: dict[str, EventRecord] = field(default_factory=dict)
    _associations: dict[str, AssociationRecord] = field(default_factory=dict)

    @classmethod
    def of(cls, events: Iterable[Event], associations: Iterable[Association], site: Site,
           pictures: dict[str, Picture] | None = None) -> Records:  # fmt: skip
        return cls(site, {a.id: a for a in associations}, {e.id: e for e in events},
                   pictures or {})  # fmt: skip

    @classmethod
    def for_data(cls, data: Data, site: Site) -> Records:
        """Return the records of a site's data (the pictures the loader checked included)."""
        return cls.of(data.events, data.associations, site, data.pictures)

    def __call__(self, event: Event) -> EventRecord:
        """Return the event's record."""
        found = self._made.get(event.id)
        if found is not None and found.event is event:
            return found
        organizers = tuple(self.association(self.associations[i]) for i in event.organizer
                           if i in self.associations)  # fmt: skip
        made = EventRecord(event, organizers, self.site, self.pictures.get(event.id))
        if self.events.get(event.id) is event:
            self._made[event.id] = made
        return made

    @cached_property
    def by_organizer(self) -> dict[str, list[Event]]:
        """Each association's events in order of start: the one index of events by organiser,
        built once per build and read by its calendar, its open data and its embed."""
        return by_organizer(sorted(self.events.values(), key=chronological))

    def association(self, association: Association) -> AssociationRecord:
        """Return the association's record."""
        found = self._associations.get(association.id)
        if found is not None and found.association is association:
            return found
        made = AssociationRecord(association, self.site)
        if self.associations.get(association.id) is association:
            self._associations[association.id] = made
        return made
