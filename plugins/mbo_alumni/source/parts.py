"""The parts of the models: the strict base every record shares, and the nested records of an
association (its social media, its contact) and of an event (its location)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from . import characters
from .characters import forbidden_in
from .fields import CONSENT_MESSAGE, FORM_MESSAGES, ONLINE_URL_MESSAGE, Email, Text, Url


class Strict(BaseModel):
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


class Socials(Strict):
    """Links to the association's social media accounts."""

    linkedin: Url | None = None
    instagram: Url | None = None
    facebook: Url | None = None
    x: Url | None = None
    youtube: Url | None = None
    tiktok: Url | None = None
    mastodon: Url | None = None


class Contact(Strict):
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


class Location(Strict):
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

    @property
    def venue(self) -> str:
        """Name, address and city on one line ('Het Anker, Kade 1, Breda'): what every output
        shows of the place; empty for a place that is only online."""
        return ", ".join(part for part in (self.name, self.address, self.city) if part)


class Imported(Strict):
    """Where an event was taken from: the association's own calendar (`mbo-alumni sync`).
    The calendar's UID finds the same entry on the next run; `date` tells the occurrences
    apart of a series the agenda's rule cannot say, each of which is an entry of its own."""

    uid: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    day: date | None = Field(default=None, alias="date")

    @field_validator("uid")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if any(ord(c) < 32 for c in value):
            raise ValueError("de UID van de agenda past op één regel")
        return value
