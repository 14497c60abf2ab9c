"""The one truth about the data: pydantic models for associations and events.

Error messages are Dutch: they are read by the volunteers who edit the YAML files.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from ..core import dates
from ..core.dates import When, instant, is_all_day, local_day
from ..core.settings import Settings
from . import characters
from .characters import forbidden_in
from .fields import (
    CONSENT_MESSAGE,
    FORM_MESSAGES,
    ONLINE_URL_MESSAGE,
    SLUGS_SCHEMA,
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
from .recurrence import (
    Occurrence,
    Repeat,
    dates_problem,
    occurrence_days,
    rule_problem,
    series,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_forbidden_characters(cls, value: Any) -> Any:
        # The YAML reader refuses them at their place; an issue form's text comes here
        # without passing through it.
        for text in value if isinstance(value, list) else [value]:
            found = forbidden_in(text) if isinstance(text, str) else None
            if found:
                raise ValueError(characters.message(found))
        return value


class Socials(_Strict):
    """Links to the association's social media accounts."""

    linkedin: Url | None = None
    instagram: Url | None = None
    facebook: Url | None = None
    x: Url | None = None
    youtube: Url | None = None
    tiktok: Url | None = None
    mastodon: Url | None = None


class Contact(_Strict):
    """A contact person; personal data only with recorded consent (AVG)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "if": {"anyOf": [{"required": ["name"]}, {"required": ["email"]}]},
            "then": {
                "required": ["consent"],
                "properties": {"consent": {"const": True}},
                "x-message": CONSENT_MESSAGE,
                "x-form-message": FORM_MESSAGES[CONSENT_MESSAGE],
            },
        },
    )

    name: Text | None = None
    role: Text | None = None
    email: Email | None = None
    consent: bool = False

    @model_validator(mode="after")
    def _needs_consent(self) -> Contact:
        if (self.name or self.email) and not self.consent:
            raise ValueError(CONSENT_MESSAGE)
        return self


class Association(_Strict):
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


class Location(_Strict):
    """Where an event takes place: a place, or online with a link."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "if": {"properties": {"online": {"const": True}}, "required": ["online"]},
            "then": {
                "required": ["url"],
                "x-message": ONLINE_URL_MESSAGE,
                "x-form-message": FORM_MESSAGES[ONLINE_URL_MESSAGE],
            },
        },
    )

    name: Text | None = None
    address: Text | None = None
    city: Text | None = None
    online: bool = False
    url: Url | None = None

    @model_validator(mode="after")
    def _place_or_online(self) -> Location:
        if self.online and not self.url:
            raise ValueError(ONLINE_URL_MESSAGE)
        if not self.online and self.url:
            raise ValueError(
                "'url' bij de locatie hoort bij 'online: true'; zet een aanmeldlink in de "
                "'url' van het evenement zelf"
            )
        if not self.online and not (self.name or self.address or self.city):
            raise ValueError("geef een 'name', 'address' of 'city', of 'online: true' met 'url'")
        return self


MAX_DAYS_TIMED, MAX_DAYS_ALL_DAY = 31, 366  # the longest event: a month, or a year of days


class Event(_Strict):
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

    @field_validator("repeat")
    @classmethod
    def _a_series_that_fits(cls, value: Repeat | None, info: ValidationInfo) -> Repeat | None:
        start = info.data.get("start")
        if value is not None and start is not None:
            problem = rule_problem(start, info.data.get("end"), value)
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
        return series(self.start, self.end, self.status, self.repeat, self.except_, self.cancelled)


def chronological(event: Event) -> tuple[datetime, str]:
    """Return the one sort key of events in time: the UTC instant they start, then the id."""
    start = event.start
    if isinstance(start, datetime):  # a moment carries its zone: no need to look it up
        return (start.astimezone(UTC), event.id)
    return (instant(start, event.zone), event.id)


def ended(event: Event, today: date) -> bool:
    """Return whether an event is past: the one rule for coming and past everywhere.

    An event is coming until the end of its last day (Amsterdam time), so an event that is
    under way today, or ended this morning, still shows as coming."""
    last = event.occurrences()[-1] if event.repeat is not None else event
    return local_day(last.end if last.end is not None else last.start) < today


ASSOCIATION_KEYS = tuple(Association.model_fields)
EVENT_KEYS = tuple(info.alias or name for name, info in Event.model_fields.items())


class Theme(_Strict):
    """A theme of the knowledge base: articles name it, events list its id in `tags`."""

    id: Slug
    name: Text
    description: Text | None = None


class Removed(_Strict):
    """An association taken off the site: its old address says so, and since when."""

    id: Slug
    name: Text
    removed: date
