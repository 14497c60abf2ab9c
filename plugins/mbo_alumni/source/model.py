"""The one truth about the data: pydantic models for associations and events.

Error messages are Dutch: they are read by the volunteers who edit the YAML files.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import (
    BeforeValidator,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)

from ..core import dates
from ..core.dates import When, instant, is_all_day, is_past, local_day
from ..core.settings import Settings
from . import overrides
from .fields import (
    SLUGS_SCHEMA,
    CalendarUrl,
    Email,
    GitHubName,
    Markdown,
    Name,
    Province,
    Slug,
    Text,
    Url,
    WhenField,
    context_zone,
)
from .overrides import Change, Move
from .parts import Contact, Imported, Location, Socials, Strict
from .recurrence import (
    Occurrence,
    Repeat,
    dates_problem,
    occurrence_days,
    rule_problem,
    series,
)


class Association(Strict):
    """One alumni association of an mbo school."""

    id: Slug
    name: Name
    institution: Text
    city: Text
    province: Province
    website: Url | None = None
    email: Email | None = None
    founded: int | None = Field(default=None, json_schema_extra={"minimum": 1900})
    description: Annotated[Markdown, StringConstraints(max_length=2000)] | None = None
    socials: Socials | None = None
    sectors: list[Text] | None = None
    contact: Contact | None = None
    checked: date | None = None
    editors: list[GitHubName] | None = Field(
        default=None,
        description="GitHub-gebruikers van de vereniging: hun wijzigingen gaan vanzelf online",
    )
    calendar: CalendarUrl | None = Field(
        default=None, description="de eigen agenda (iCal): de site neemt haar bijeenkomsten over"
    )
    calendar_words: list[Text] | None = Field(
        default=None,
        description="neem alleen bijeenkomsten over met een van deze woorden in titel of categorie",
    )

    @field_validator("checked")
    @classmethod
    def _checked_not_in_future(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is not None and value > dates.today(context_zone(info.context)):
            raise ValueError(
                f"{value} ligt in de toekomst: 'checked' is de dag waarop de vereniging haar "
                "gegevens voor het laatst heeft nagekeken (vandaag of eerder)"
            )
        if value is not None and value.year < dates.FIRST_YEAR:
            raise ValueError(f"{value} is te vroeg voor 'checked'; controleer het jaartal")
        return value

    @field_validator("founded")
    @classmethod
    def _plausible_year(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is not None and not 1900 <= value <= dates.today(context_zone(info.context)).year:
            raise ValueError(f"{value} is geen geldig oprichtingsjaar: kies 1900 tot en met nu")
        return value


class Poster(Strict):
    """An event's picture: a file in the data folder (source/images.py checks it) and the
    text that says what it shows, for whoever cannot see it."""

    src: Text = Field(description="het bestand, naast de gegevens: afbeeldingen/borrel.jpg")
    alt: Text = Field(description="wat er op de afbeelding staat, voor wie haar niet ziet")

    @field_validator("src")
    @classmethod
    def _a_file_here(cls, value: str) -> str:
        if "://" in value or value.startswith(("/", "\\")) or ".." in value.split("/"):
            raise ValueError(
                f"'{value}' is geen bestand in de map met gegevens: de site laadt niets van "
                "andere sites; zet de afbeelding naast de YAML en schrijf haar naam, zoals "
                "afbeeldingen/borrel.jpg"
            )
        return value


MAX_DAYS_TIMED, MAX_DAYS_ALL_DAY = 31, 366  # the longest event: a month, or a year of days


class Event(Strict):
    """One event in the agenda."""

    id: Slug
    title: Text
    start: WhenField
    end: WhenField | None = None
    organizer: Annotated[
        list[Slug], BeforeValidator(lambda value: [value] if isinstance(value, str) else value),
        WithJsonSchema(SLUGS_SCHEMA),
    ] = Field(default_factory=list)  # fmt: skip
    host: Text | None = Field(
        default=None,
        description="wie organiseert, als dat geen vereniging uit de gids is (Kennispunt LLO)",
    )
    location: Location | None = None
    url: Url | None = None
    description: Annotated[Markdown, StringConstraints(max_length=5000)] | None = None
    status: Literal["confirmed", "tentative", "cancelled"] = "confirmed"
    tags: list[Slug] = Field(default_factory=list)
    announced: date | None = None
    # Raised by intake with every change of time, place or status: calendars' SEQUENCE.
    sequence: int = Field(default=0, ge=0, le=1_000_000)
    repeat: Repeat | None = Field(
        default=None, description="een reeks: hoe de bijeenkomst terugkomt"
    )
    except_: list[date] = Field(
        default_factory=list, alias="except", description="keren van de reeks die niet doorgaan"
    )
    cancelled: list[date] = Field(
        default_factory=list, description="keren van de reeks die afgelast zijn (blijven staan)"
    )
    moved: list[Move] = Field(
        default_factory=list, description="keren van de reeks op een andere tijd of plaats"
    )
    changes: list[Change] = Field(
        default_factory=list, description="vanaf een keer: alle keren op een andere tijd of plaats"
    )
    image: Poster | None = Field(default=None, description="een affiche of foto bij de bijeenkomst")
    imported: Imported | None = Field(
        default=None, description="overgenomen uit de agenda van de vereniging (mbo-alumni sync)"
    )

    @field_validator("repeat")
    @classmethod
    def _a_series_that_fits(cls, value: Repeat | None, info: ValidationInfo) -> Repeat | None:
        start = info.data.get("start")
        if value is not None and start is not None:
            problem = rule_problem(start, info.data.get("end"), value) or _in_years(start, value)
            if problem:
                raise ValueError(problem)
        return value

    @field_validator("except_", "cancelled")
    @classmethod
    def _occurrences_of_the_series(cls, value: list[date], info: ValidationInfo) -> list[date]:
        key = "except" if info.field_name == "except_" else "cancelled"
        start, repeat = info.data.get("start"), info.data.get("repeat")
        if value and "repeat" in info.data and repeat is None:
            raise ValueError(f"'{key}' hoort bij een reeks: een bijeenkomst met 'repeat'")
        if not value or repeat is None or start is None:
            return value
        problem = dates_problem(value, occurrence_days(start, repeat), key)
        if problem is None and key == "cancelled":
            both = sorted(set(value) & set(info.data.get("except_") or []))
            if both:
                problem = f"{both[0]} staat bij 'except' en bij 'cancelled'; kies er één"
        if problem:
            raise ValueError(problem)
        return sorted(value)

    @field_validator("moved", "changes")
    @classmethod
    def _moves_of_the_series(cls, value: list[Any], info: ValidationInfo) -> list[Any]:
        if not value:
            return value
        key, start, repeat = info.field_name, info.data.get("start"), info.data.get("repeat")
        if "repeat" in info.data and repeat is None:
            raise ValueError(f"'{key}' hoort bij een reeks: een bijeenkomst met 'repeat'")
        if start is None or repeat is None:
            return value
        moved = value if key == "moved" else info.data.get("moved") or []
        changes = value if key == "changes" else []
        skipped = {*(info.data.get("except_") or []), *(info.data.get("cancelled") or [])}
        found = overrides.problem(start, occurrence_days(start, repeat), moved, changes, skipped)
        if found:
            raise ValueError(found)
        return sorted(value, key=lambda item: item.day if key == "moved" else item.since)

    @field_validator("announced")
    @classmethod
    def _announced_not_in_future(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is not None and value > dates.today(context_zone(info.context)):
            raise ValueError(
                f"{value} ligt in de toekomst: 'announced' is de dag waarop het evenement "
                "werd aangekondigd of voor het laatst gewijzigd (vandaag of eerder)"
            )
        return value

    @field_validator("organizer")
    @classmethod
    def _each_organizer_once(cls, value: list[str]) -> list[str]:
        twice = next((ident for i, ident in enumerate(value) if ident in value[:i]), None)
        if twice is not None:
            raise ValueError(f"'{twice}' staat twee keer bij 'organizer'; laat er één staan")
        if len(value) > 20:  # each organiser's page, feed and embed repeats the event
            raise ValueError(f"hoogstens 20 verenigingen bij 'organizer' (nu {len(value)})")
        return value

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value: When | None, info: Any) -> When | None:
        start = info.data.get("start")
        if value is None or start is None:
            return value
        if is_all_day(value) != is_all_day(start):
            raise ValueError(
                "'start' en 'end' moeten van dezelfde soort zijn: allebei een datum "
                "(hele dag) of allebei een datum met tijd"
            )
        if value < start:
            raise ValueError("het einde ligt vóór 'start': controleer datum en tijd")
        longest = MAX_DAYS_ALL_DAY if is_all_day(value) else MAX_DAYS_TIMED
        if value - start > timedelta(days=longest):
            raise ValueError(
                f"deze bijeenkomst duurt langer dan {longest} dagen; controleer 'end' (een "
                "reeks losse dagen zet je als aparte bijeenkomsten in de agenda)"
            )
        return value

    _zone: ZoneInfo = PrivateAttr(default_factory=lambda: Settings().zone)

    def model_post_init(self, context: Any) -> None:
        self._zone = context_zone(context)  # all-day events start at midnight in it

    @property
    def zone(self) -> ZoneInfo:
        """The site's zone, which the event's times were read in."""
        return self._zone

    @property
    def all_day(self) -> bool:
        return is_all_day(self.start)

    def occurrences(self) -> list[Occurrence]:
        """Return every time the event takes place, in order: the event itself, or each
        occurrence of its series but the excepted ones (a cancelled one with that status)."""
        if self.repeat is None:
            return [Occurrence(self.start, self.end, self.status, local_day(self.start))]
        held = series(self.start, self.end, self.status, self.repeat, self.except_, self.cancelled)
        return overrides.apply(held, self.moved, self.changes, self.start, self.zone)


def chronological(event: Event) -> tuple[datetime, str]:
    """Return the one sort key of events in time: the UTC instant they start, then the id."""
    start = event.start
    if isinstance(start, datetime):  # a moment carries its zone: no need to look it up
        return (start.astimezone(UTC), event.id)
    return (instant(start, event.zone), event.id)


def _in_years(start: When, repeat: Repeat) -> str | None:
    """The data's years (1900 to 2100) hold for every time of a series, by `count` as by
    `until`: a later one would overflow the outputs as a later `start` would."""
    last = occurrence_days(start, repeat)[-1]
    if repeat.until is not None and repeat.until.year > dates.LAST_YEAR:
        last = repeat.until
    if last.year > dates.LAST_YEAR:
        return (
            f"de reeks loopt tot {last}, na {dates.LAST_YEAR}; kies een eerdere 'until' of een "
            "kleinere 'count'"
        )
    return None


def by_organizer(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Return the events of each organising association, in the order given: the one index
    the per-association calendars, embeds and pages read (O(events) in all)."""
    found: dict[str, list[Event]] = {}
    for event in events:
        for ident in event.organizer:
            found.setdefault(ident, []).append(event)
    return found


def ended(event: Event, today: date) -> bool:
    """Return whether an event is past: its last time is over (core.dates.is_past)."""
    last = event.occurrences()[-1] if event.repeat is not None else event
    return is_past(last.start, last.end, today)


ASSOCIATION_KEYS = tuple(Association.model_fields)
EVENT_KEYS = tuple(info.alias or name for name, info in Event.model_fields.items())


class Theme(Strict):
    """A theme of the knowledge base: articles name it, events list its id in `tags`."""

    id: Slug
    name: Text
    description: Text | None = None


class Removed(Strict):
    """An association taken off the site: its old address says so, and since when."""

    id: Slug
    name: Text
    removed: date
