"""The records of the open data as published: pydantic models of their own, so the JSON
Schemas the site serves (and schemas/api/ holds) are generated from the code that writes the
JSON and cannot drift from it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# A date, or a date-time with its offset: the pattern bounds month, day, hour and minute; the
# formats let a validator that checks formats (check-jsonschema does by default) refuse 30 February.
_DAY = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
_TIME = r"T([01]\d|2[0-3]):[0-5]\d:[0-5]\d[+-]([01]\d|2[0-3]):[0-5]\d"
ISO_PATTERN = rf"^{_DAY}({_TIME})?$"
DATE_OR_TIME: dict[str, Any] = {"anyOf": [{"format": "date"}, {"format": "date-time"}]}
When = Annotated[str, Field(pattern=ISO_PATTERN, json_schema_extra=DATE_OR_TIME)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ApiContact(_Record):
    name: str | None = None
    role: str | None = None
    email: str | None = None


class ApiLocation(_Record):
    name: str | None = None
    address: str | None = None
    city: str | None = None
    online: bool
    url: str | None = None


class ApiAssociation(_Record):
    """One association as published."""

    id: str
    name: str
    institution: str
    city: str
    province: str
    website: str | None
    email: str | None
    founded: int | None
    description: str | None = Field(description="Markdown")
    socials: dict[str, str]
    sectors: list[str]
    contact: ApiContact | None = Field(description="only when the person consented")
    checked: date | None
    page: str = Field(description="absolute URL of the association's page")
    calendar: str = Field(description="absolute URL of the association's iCalendar feed")


class ApiRepeat(_Record):
    """How a series repeats: the data's `repeat`, and the same as an RFC 5545 RRULE."""

    every: Literal["week", "month", "year"]
    interval: int
    weekday: str | None = Field(description="monday ... sunday")
    week: int | None = Field(description="with weekday, in a month: 1 to 4, or -1 for the last")
    until: date | None = Field(description="the last day of the series, inclusive")
    count: int | None = Field(description="how many times, when there is no until")
    rrule: str = Field(description="the rule as RFC 5545 RRULE, in the site's time zone")


class ApiOccurrence(_Record):
    """One occurrence of a series (the excepted ones are left out), at the time and place it
    is held: `day` is the day the rule gives it, `moved` says it is held at another time."""

    start: When
    end: When | None
    status: Literal["confirmed", "tentative", "cancelled"]
    day: date = Field(description="the day the series' rule gives this occurrence")
    moved: bool = Field(description="moved to another time or place than the rule says")
    location: ApiLocation | None = Field(description="where, when not the event's own place")


class ApiEvent(_Record):
    """One event as published."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str
    uid: str = Field(description="the UID in every calendar feed; never changes")
    title: str
    all_day: bool
    start: When = Field(description="ISO 8601: a date, or a date-time with its UTC offset")
    end: When | None = Field(description="as start; for all-day events the last day, inclusive")
    timezone: str = Field(description="IANA name of the site's time zone (Europe/Amsterdam)")
    status: Literal["confirmed", "tentative", "cancelled"]
    organizer: list[str] = Field(description="association ids")
    host: str | None = Field(description="the organiser when it is not an association")
    location: ApiLocation | None
    url: str | None = Field(description="information or registration, from the organizer")
    description: str | None = Field(description="Markdown")
    tags: list[str]
    announced: date | None
    repeat: ApiRepeat | None = Field(
        default=None, description="a series: how it repeats; start and end are its first time"
    )
    except_: list[date] = Field(
        default_factory=list, alias="except", description="days of a series that are not held"
    )
    cancelled: list[date] = Field(
        default_factory=list, description="days of a series that are cancelled (still listed)"
    )
    moved: list[dict[str, Any]] = Field(
        default_factory=list, description="a series' times moved, as the data writes them"
    )
    changes: list[dict[str, Any]] = Field(
        default_factory=list, description="a series' changes from a date on, as the data"
    )
    occurrences: list[ApiOccurrence] | None = Field(
        default=None, description="a series: every time it is held or cancelled, in order"
    )
    page: str = Field(description="absolute URL of the event's page")
    calendar: str = Field(description="absolute URL of the one-event .ics download")


class _Collection(_Record):
    schema_: str = Field(alias="$schema", serialization_alias="$schema")
    license: Literal["CC0-1.0"]
    license_url: str
    generated: datetime


class AssociationsDocument(_Collection):
    """The document at /api/associations.json."""

    associations: list[ApiAssociation]


class EventsDocument(_Collection):
    """The document at /api/events.json."""

    events: list[ApiEvent]
