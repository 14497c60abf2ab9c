"""The data's field types (slug, text, URL, e-mail, Markdown, region, date or moment), each
with the check and the Dutch message a volunteer reads when a value does not fit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, cast, get_args, get_origin
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    PlainSerializer,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)

from ..core.dates import When, parse_when
from ..core.markup import image_in, raw_html_in
from ..core.settings import Settings
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
# The same rules in the words of the forms, which speak of fields and boxes, not of keys.
FORM_MESSAGES = {
    CONSENT_MESSAGE: (
        "een naam of e-mailadres van een persoon mag alleen met toestemming (AVG): vink het "
        "vakje bij 'Toestemming contactpersoon' aan als deze persoon daarmee instemt, of laat "
        "naam en e-mailadres van de contactpersoon leeg en vul een algemeen adres in (zoals "
        "alumni@school.nl)"
    ),
    ONLINE_URL_MESSAGE: "een online bijeenkomst heeft een link nodig: vul het webadres in",
}


def _check_slug(value: str) -> str:
    if len(value) > 64:
        raise ValueError(f"een id is hoogstens 64 tekens; deze heeft er {len(value)}")
    if not _SLUG.fullmatch(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        hint = (
            f"; bijvoorbeeld '{suggestion}'" if suggestion and _SLUG.fullmatch(suggestion) else ""
        )
        raise ValueError(
            f"'{value}' is geen geldige id: gebruik alleen kleine letters, cijfers en "
            f"losse streepjes (-){hint}"
        )
    return value


# Characters a URL may not hold unescaped (RFC 3986, WHATWG): they would end an attribute
# or a calendar line, or are not part of any address.
_URL_UNSAFE = re.compile(r'[\s"<>\\^`{|}]')


def _check_url(value: str) -> str:
    example = "begin met https:// (bijvoorbeeld https://www.school.nl/alumni)"
    unsafe = _URL_UNSAFE.search(value)
    if unsafe:
        shown = "een spatie" if unsafe.group(0).isspace() else f"'{unsafe.group(0)}'"
        raise ValueError(f"'{value}' is geen geldig webadres: er staat {shown} in; {example}")
    try:
        parts = urlsplit(value)
        port = parts.port  # raises ValueError when out of range
    except ValueError:
        raise ValueError(
            f"'{value}' is geen geldig webadres: controleer het deel na :// (de naam van de "
            "site, en een poortnummer van 1 tot 65535 als er een is)"
        ) from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{value}' is geen volledig webadres: {example}")
    if not parts.hostname or port == 0 or "@" in parts.netloc:
        raise ValueError(
            f"'{value}' is geen geldig webadres: na :// hoort de naam van de site, zoals "
            "www.school.nl (zonder gebruikersnaam of @)"
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
    if image_in(value):
        raise ValueError(
            "afbeeldingen kunnen hier niet: de site laadt niets van andere sites (privacy); "
            "maak er een gewone link van, zonder ! ervoor: [tekst](https://...)"
        )
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


def check_single_line(value: str) -> str:
    if any(ord(c) < 32 for c in value):
        raise ValueError(
            "deze tekst moet op één regel passen: haal regeleinden en tabs weg "
            "(een lange tekst mag wel in 'description')"
        )
    if not any(c.isalnum() for c in value):
        # Only emoji or signs say nothing in a calendar, a feed or a screen reader.
        raise ValueError(LETTERS_MESSAGE)
    return value


LETTERS_MESSAGE = (
    "schrijf ook letters of cijfers: alleen tekens of emoji zeggen niet waar het over gaat"
)


def context_zone(context: Any) -> ZoneInfo:
    """Return the site's zone from the loader's validation context (the settings' default
    when a model is validated without one)."""
    zone = (context or {}).get("zone") if isinstance(context, dict) or context is None else None
    return zone if isinstance(zone, ZoneInfo) else Settings().zone


def _check_when(value: Any, info: ValidationInfo) -> When:
    """Return a date or a moment in the site's zone, which the loader passes."""
    return parse_when(value, context_zone(info.context))


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(check_single_line),
    # x-letters: the join form's check that a text holds a letter or digit (the rule above)
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 300, "x-letters": True}),
]


def _no_markup(value: str) -> str:
    if "<" in value or ">" in value:
        raise ValueError(
            "een titel mag geen < of > bevatten (HTML): het thema toont titels zoals ze zijn; "
            "schrijf 'kleiner dan' of laat de tekens weg"
        )
    return value


Title = Annotated[Text, AfterValidator(_no_markup)]  # a page's title: printed unescaped
Name = Annotated[  # an association's name
    str,
    StringConstraints(strip_whitespace=True, min_length=2, max_length=120),
    AfterValidator(check_single_line),
    WithJsonSchema({"type": "string", "minLength": 2, "maxLength": 120, "x-letters": True}),
]
SLUG_SCHEMA = {
    "type": "string",
    "pattern": SLUG_PATTERN,
    "maxLength": 64,
    "x-message": SLUG_MESSAGE,
}
# One id or a list of them (`organizer: a-academy` and `organizer: [a-academy, b]`), as the
# model reads it: the schema editors check against says the same.
SLUGS_SCHEMA = {"anyOf": [SLUG_SCHEMA, {"type": "array", "items": SLUG_SCHEMA}]}
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


def calendar_address(value: Any) -> Any:
    """Read a calendar's address: webcal:// (what Google, Outlook and Apple offer to
    subscribe) is the same file over https, and is kept as https."""
    if isinstance(value, str):
        value = value.strip()
        if value[:9].lower() == "webcal://":
            value = "https://" + value[9:]
    return value


def _https_only(value: str) -> str:
    if urlsplit(value).scheme != "https":
        raise ValueError(
            f"'{value}' is geen beveiligd adres: een agenda lezen we alleen via https:// "
            "(of webcal://); kopieer het openbare iCal-adres opnieuw uit je agenda"
        )
    return value


CalendarUrl = Annotated[
    str,
    BeforeValidator(calendar_address),
    AfterValidator(_check_url),
    AfterValidator(_https_only),
    WithJsonSchema(
        {
            "type": "string",
            "format": "uri",
            "pattern": "^([Hh][Tt][Tt][Pp][Ss]|[Ww][Ee][Bb][Cc][Aa][Ll])://",
            "description": "het openbare iCal-adres van de agenda van de vereniging",
            "x-message": URL_MESSAGE,
        }
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


GITHUB_NAME = r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$"


def _check_github_name(value: str) -> str:
    value = value.strip().removeprefix("@")
    if not re.fullmatch(GITHUB_NAME, value):
        raise ValueError(
            f"'{value}' is geen gebruikersnaam van GitHub: letters, cijfers en losse streepjes, "
            "hoogstens 39 tekens (zonder @)"
        )
    return value


GitHubName = Annotated[
    str,
    AfterValidator(_check_github_name),
    WithJsonSchema({"type": "string", "pattern": GITHUB_NAME, "maxLength": 39}),
]


def is_url_type(annotation: Any) -> bool:
    """Return whether a field's annotation is the `Url` type (also inside `| None`, a list)."""
    if get_origin(annotation) is Annotated:
        return any(
            isinstance(m, AfterValidator) and m.func is _check_url for m in annotation.__metadata__
        )
    return any(is_url_type(argument) for argument in get_args(annotation))


def urls_in(entry: BaseModel, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Yield (dotted key, URL) for every `Url` field of an entry, nested models included, in
    the order of the model's fields: the link checker finds a new URL field by itself."""
    for name, info in type(entry).model_fields.items():
        value = getattr(entry, name)
        if isinstance(value, BaseModel):
            yield from urls_in(value, f"{prefix}{name}.")
        elif isinstance(value, str) and is_url_type(info.annotation):
            yield f"{prefix}{name}", value
