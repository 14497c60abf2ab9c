"""The one truth about the data: pydantic models for associations and events.

Error messages are Dutch: they are read by the volunteers who edit the YAML files.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal, cast
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from ..core import dates
from ..core.dates import When, instant, is_all_day, local_day, parse_when
from ..core.markup import raw_html_in
from .regions import Regions, dutch_provinces

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)


# Messages the schemas carry ("x-message") for the form on /meedoen/, which checks a
# submission in the browser against the same generated schemas before it goes to GitHub.
SLUG_MESSAGE = "gebruik alleen kleine letters, cijfers en losse streepjes (-), zoals a-academy"
URL_MESSAGE = "geef een volledig webadres dat begint met https://"
WHEN_MESSAGE = (
    "schrijf een datum als 2027-03-30 of een datum met tijd als 2027-03-30 19:30 (Nederlandse tijd)"
)
CONSENT_MESSAGE = (
    "een naam of e-mailadres van een persoon mag alleen met toestemming (AVG): zet "
    "'consent: true' als deze persoon daarmee instemt, of gebruik een algemeen adres (zoals "
    "alumni@school.nl) in 'email' van de vereniging"
)
ONLINE_URL_MESSAGE = "een online bijeenkomst heeft een 'url' nodig"


def _check_slug(value: str) -> str:
    if len(value) > 64:
        raise ValueError(f"een id is hoogstens 64 tekens; deze heeft er {len(value)}")
    if not _SLUG.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        hint = f"; bijvoorbeeld '{suggestion}'" if suggestion and _SLUG.match(suggestion) else ""
        raise ValueError(
            f"'{value}' is geen geldige id: gebruik alleen kleine letters, cijfers en "
            f"losse streepjes (-){hint}"
        )
    return value


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError(
            f"'{value}' is geen volledig webadres: begin met https:// (bijvoorbeeld "
            "https://www.school.nl/alumni)"
        )
    return value


def _check_email(value: str) -> str:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        # The library explains in English; the volunteer reads Dutch.
        if "@" not in value:
            why = "er ontbreekt een @"
        elif any(c.isspace() for c in value):
            why = "er staat een spatie in"
        else:
            why = "controleer de schrijfwijze"
        raise ValueError(
            f"'{value}' is geen geldig e-mailadres: {why}; bijvoorbeeld alumni@school.nl"
        ) from None
    return value


def _check_markdown(value: str) -> str:
    fragment = raw_html_in(value)
    if fragment is not None:
        raise ValueError(
            f"HTML is hier niet toegestaan ({fragment[:40]!r}); gebruik Markdown, "
            "bijvoorbeeld **vet** of [linktekst](https://voorbeeld.nl)"
        )
    return value


def _check_province(value: str, info: ValidationInfo) -> str:
    """Return the region a value names, from the list the loader passes in its context."""
    regions = (info.context or {}).get("regions") or dutch_provinces()
    return cast(Regions, regions).canonical(value)


def _check_single_line(value: str) -> str:
    if any(ord(c) < 32 for c in value):
        raise ValueError(
            "deze tekst moet op één regel passen: haal regeleinden en tabs weg "
            "(een lange tekst mag wel in 'description')"
        )
    return value


def _check_when(value: Any, info: ValidationInfo) -> When:
    """Return a date or a moment in the zone the loader passes (Europe/Amsterdam if none)."""
    zone = (info.context or {}).get("zone")
    return parse_when(value, zone) if zone is not None else parse_when(value)


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(_check_single_line),
]
Slug = Annotated[
    str,
    AfterValidator(_check_slug),
    WithJsonSchema(
        {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 64, "x-message": SLUG_MESSAGE}
    ),
]
Url = Annotated[
    str,
    AfterValidator(_check_url),
    WithJsonSchema(
        {"type": "string", "format": "uri", "pattern": "^https?://", "x-message": URL_MESSAGE}
    ),
]
Email = Annotated[
    str, AfterValidator(_check_email), WithJsonSchema({"type": "string", "format": "email"})
]
Markdown = Annotated[str, AfterValidator(_check_markdown)]
Province = Annotated[
    str,
    AfterValidator(_check_province),
    # The enum is the region list's; schema.py fills it in.
    WithJsonSchema({"type": "string", "enum": dutch_provinces().accepted()}),
]
WhenField = Annotated[
    When,
    BeforeValidator(_check_when),
    PlainSerializer(lambda value: value.isoformat(), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$",
            "description": "2027-03-30 (hele dag) of 2027-03-30 19:30 (Nederlandse tijd)",
            "x-message": WHEN_MESSAGE,
        }
    ),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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
    name: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=2, max_length=120),
        AfterValidator(_check_single_line),
    ]
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

    @field_validator("founded")
    @classmethod
    def _plausible_year(cls, value: int | None) -> int | None:
        if value is not None and not 1900 <= value <= dates.today().year:
            raise ValueError(f"{value} is geen geldig oprichtingsjaar: kies 1900 tot en met nu")
        return value


class Location(_Strict):
    """Where an event takes place: a place, or online with a link."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "if": {"properties": {"online": {"const": True}}, "required": ["online"]},
            "then": {"required": ["url"], "x-message": ONLINE_URL_MESSAGE},
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


class Event(_Strict):
    """One event in the agenda."""

    id: Slug
    title: Text
    start: WhenField
    end: WhenField | None = None
    organizer: Annotated[
        list[Slug], BeforeValidator(lambda value: [value] if isinstance(value, str) else value)
    ] = Field(default_factory=list)
    host: Text | None = Field(
        default=None,
        description="wie organiseert, als dat geen vereniging uit de gids is (Kennispunt LLO)",
    )
    location: Location | None = None
    url: Url | None = None
    description: Markdown | None = None
    status: Literal["confirmed", "tentative", "cancelled"] = "confirmed"
    tags: list[Slug] = Field(default_factory=list)
    announced: date | None = None

    @field_validator("announced")
    @classmethod
    def _announced_not_in_future(cls, value: date | None) -> date | None:
        if value is not None and value > dates.today():
            raise ValueError(
                f"{value} ligt in de toekomst: 'announced' is de dag waarop het evenement "
                "werd aangekondigd of voor het laatst gewijzigd (vandaag of eerder)"
            )
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
        return value

    @property
    def all_day(self) -> bool:
        return is_all_day(self.start)


def chronological(event: Event) -> tuple[datetime, str]:
    """Return the one sort key of events in time: the UTC instant they start, then the id."""
    return (instant(event.start), event.id)


def ended(event: Event, today: date) -> bool:
    """Return whether an event is past: the one rule for coming and past everywhere.

    An event is coming until the end of its last day (Amsterdam time), so an event that is
    under way today, or ended this morning, still shows as coming."""
    return local_day(event.end if event.end is not None else event.start) < today


ASSOCIATION_KEYS = tuple(Association.model_fields)
EVENT_KEYS = tuple(Event.model_fields)


class Theme(_Strict):
    """A theme of the knowledge base: articles name it, events list its id in `tags`."""

    id: Slug
    name: Text
    description: Text | None = None
