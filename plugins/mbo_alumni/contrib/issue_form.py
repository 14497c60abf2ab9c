"""GitHub issue forms -> data entries: `mbo-alumni from-issue`.

A form's field ids are the data keys; a nested key is written with an underscore
(`contact_name` is `contact.name`), so the mapping is one to one and needs no table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, ValidationError

from ..core.atomic import write_atomic
from ..core.dates import from_dutch
from ..source.fields import FORM_MESSAGES, calendar_address
from ..source.messages import explain
from ..source.model import Association, Event
from ..source.order import sort_entries
from ..source.reading import read_text
from ..source.regions import Regions
from .answers import (
    CHOICES,
    DATES,
    NUMBERS,
    _chosen,
    dates_in,
    is_url_key,
    without_tracking,
)

NESTED = ("contact", "socials", "location", "repeat")
# Field ids that cannot be the data key: GitHub reads a `title` query parameter as the issue's
# title, so the event's title field is `event_title` (a prefilled link would lose one of them).
RENAMED = {"event_title": "title"}
LISTS = ("sectors", "organizer", "tags", "editors", "except", "cancelled", "calendar_words")
NO_RESPONSE = "_No response_"


@dataclass(frozen=True)
class Field:
    """One field of an issue form."""

    id: str
    label: str
    kind: str  # input, textarea, dropdown, checkboxes
    required: bool
    description: str = ""
    options: tuple[str, ...] = ()  # a dropdown's choices, or a checkbox's own label
    multiple: bool = False  # a dropdown where more than one may be chosen
    default: int | None = None  # a dropdown's preselected choice (its index)

    @property
    def key(self) -> str:
        """Return the data key the field fills ('contact_name' fills 'contact.name')."""
        return _key_path(self.id)


@dataclass(frozen=True)
class Form:
    """An issue form: which model it fills and its fields."""

    model: type[BaseModel]
    fields: tuple[Field, ...]
    name: str = ""
    title: str = ""  # the issue title the form starts with

    def label(self, key: str) -> str:
        """Return the label of a field id; for a whole group (contact) its last field's."""
        exact = [f.label for f in self.fields if f.id == key or f.key == key]
        group = [f.label for f in self.fields if f.id.startswith(f"{key}_")]
        return (exact or group[-1:] or [key])[0]


class FormError(Exception):
    """A file is not a GitHub issue form this tool can read."""


def read_form(path: Path) -> Form:
    """Return the form in a GitHub issue-form file, or raise FormError."""
    try:
        return _read_form(path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError, AttributeError):
        raise FormError(
            f"{path}: geen issue-formulier (verwacht een bestand uit .github/ISSUE_TEMPLATE/ "
            "met 'body:' en velden met een 'id')"
        ) from None


def _read_form(path: Path) -> Form:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    fields = tuple(
        Field(
            id=item["id"],
            label=item["attributes"]["label"],
            kind=item["type"],
            required=bool(item.get("validations", {}).get("required")),
            description=str(item["attributes"].get("description", "")),
            options=tuple(
                str(option["label"]) if isinstance(option, dict) else str(option)
                for option in item["attributes"].get("options", [])
            ),
            multiple=bool(item["attributes"].get("multiple")),
            default=item["attributes"].get("default"),
        )
        for item in spec["body"]
        if item["type"] != "markdown"
    )
    if not fields or not spec.get("name"):
        raise KeyError("body")
    ids = {f.id for f in fields}
    model: type[BaseModel] = Event if "start" in ids else Association
    return Form(
        model=model,
        fields=fields,
        name=str(spec.get("name", "")),
        title=str(spec.get("title", "")),
    )


def form_keys(form: Form) -> set[str]:
    """Return the data keys a form asks for (nested ones as 'contact.name')."""
    return {_key_path(f.id) for f in form.fields}


def _key_path(field_id: str) -> str:
    if field_id in RENAMED:
        return RENAMED[field_id]
    head, _, rest = field_id.partition("_")
    return f"{head}.{rest}" if head in NESTED and rest else field_id


def _headings(body: str) -> list[tuple[int, int, str]]:
    """Return (start, end, label) of every `### ` line of a body."""
    return [(m.start(), m.end(), m.group(1).strip()) for m in _HEADING.finditer(body)]


_HEADING = re.compile(r"^### (.*)$", re.M)


def structure_problems(body: str, form: Form) -> list[str]:
    """Return a Dutch message when the body's `### ` headings are not form labels in the
    form's order: GitHub writes one per field, so another one was typed into an answer (it
    would cut that answer short, or stand in for another field)."""
    labels = [f.label for f in form.fields]
    previous, within = -1, None
    for _, _, label in _headings(body):
        index = labels.index(label) if label in labels else -1
        if index <= previous:
            where = f"Veld '{within}'" if within else "Je bericht"
            return [
                f"{where}: een regel die begint met '### ' hoort niet in je antwoord (GitHub "
                "zet zo de vragen van het formulier neer); haal de #-tekens aan het begin van "
                "die regel weg"
            ]
        previous, within = index, label
    return []


def answers(body: str, form: Form) -> dict[str, str]:
    """Return {field id: raw answer} from a submitted issue's Markdown body: each field's
    heading is looked for after the previous one, so an answer is never cut by a heading."""
    found: dict[str, str] = {}
    position, headings = 0, _headings(body)
    located = []
    for field in form.fields:
        match = next((h for h in headings if h[0] >= position and h[2] == field.label), None)
        if match is not None:
            located.append((field, match))
            position = match[1]
    for index, (field, (_, end, _)) in enumerate(located):
        stop = located[index + 1][1][0] if index + 1 < len(located) else len(body)
        found[field.id] = body[end:stop].strip()
    return found


def _value(field: Field, raw: str, themes: dict[str, str]) -> Any:
    if field.kind == "checkboxes":
        return bool(re.search(r"^- \[[xX]\]", raw, flags=re.M))
    if raw in ("", NO_RESPONSE):
        return None
    if field.key in CHOICES:
        return _chosen(CHOICES[field.key], raw)
    if field.id in LISTS and field.id not in DATES:
        parts = [part.strip() for part in re.split(r"[,\n]", raw) if part.strip()]
        # Themes are chosen by name; the data names them by id.
        if field.id == "tags":
            return [_chosen(themes, part) for part in parts]
        return parts
    if field.id in NUMBERS and re.fullmatch(r"[0-9]+", raw.strip()):
        return int(raw)
    if field.key in ("start", "end"):
        return from_dutch(raw)
    if field.key == "calendar":  # webcal:// is kept as https://
        return calendar_address(raw)
    if is_url_key(field.key):
        return without_tracking(raw)
    if field.id in DATES:  # written as the data writes dates, not as quoted text
        return dates_in(raw) if field.id in LISTS else dates_in(raw)[0]
    return raw


def entry(
    body: str, form: Form, today: date, themes: dict[str, str] | None = None
) -> dict[str, Any]:
    """Return the data entry a submitted form describes, keys in the form's order; `themes`
    maps the themes' names (the form's choices) to their ids."""
    raw = answers(body, form)
    result: dict[str, Any] = {}
    for field in form.fields:
        value = _value(field, raw.get(field.id, ""), themes or {})
        if value is None or value is False and field.kind == "checkboxes":
            continue
        head, _, rest = field.id.partition("_")
        if head in NESTED and rest:
            result.setdefault(head, {})[rest] = value
        else:
            result[field.key] = value
    # A link to join online makes the event online (a place beside it makes it hybrid): the
    # form asks for the link only, so nothing has to be ticked on GitHub.
    location = result.get("location")
    if isinstance(location, dict) and location.get("url") and "online" not in location:
        location["online"] = True
    # The association confirmed its data today; an event was announced today.
    result["checked" if form.model is Association else "announced"] = today
    return result


def problems(
    candidate: dict[str, Any],
    form: Form,
    known_associations: set[str],
    regions: Regions | None,
    zone: ZoneInfo,
) -> list[str]:
    """Return messages, in Dutch and by form label, for whatever makes the entry invalid;
    a province must be one of `regions` (the site's list; None: the Dutch provinces), a time
    must exist in `zone`, the site's (every caller names it: a check in another zone than
    the build's would let through a time the build refuses)."""
    messages = []
    try:
        form.model.model_validate(candidate, context={"regions": regions, "zone": zone})
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            loc = [str(p) for p in detail["loc"] if isinstance(p, str) and "[" not in str(p)]
            field_id = "_".join(loc[:2]) if loc and loc[0] in NESTED else (loc[0] if loc else "")
            said = explain(detail)
            said = in_form_words(FORM_MESSAGES.get(said, said), form)
            messages.append(f"Veld '{form.label(field_id)}': {said}")
    for ident in candidate.get("organizer", []) if form.model is Event else []:
        if ident not in known_associations:
            messages.append(
                f"Veld '{form.label('organizer')}': er staat geen vereniging met korte naam "
                f"'{ident}' op de site, en er is ook geen aanmelding van haar in behandeling. "
                "Meld de vereniging eerst aan (dat mag tegelijk); pas daarna dit bericht aan, "
                "dan controleren we het opnieuw"
            )
    return messages


def in_form_words(message: str, form: Form) -> str:
    """Return a validator's message with the data keys it quotes ('start', 'until') named
    by the form's labels ('Begin', 'Herhaalt tot en met'), as the volunteer saw them."""
    for field in form.fields:
        for key in (
            {field.key, field.key.rpartition(".")[2]} if field.id in _BY_LAST else {field.key}
        ):
            message = message.replace(f"'{key}'", f"'{field.label}'")
    return message


# Nested keys the validator names by their last part ('until' for repeat.until).
_BY_LAST = ("repeat_until", "repeat_count", "repeat_every", "repeat_weekday", "repeat_week")


def to_yaml(candidate: dict[str, Any]) -> str:
    """Return the entry as a YAML list item, ready to paste into a data file."""
    return yaml.safe_dump([candidate], sort_keys=False, allow_unicode=True, width=88)


def append_entries(path: Path, entries: list[dict[str, Any]]) -> None:
    """Add entries to a data file (one that is still `[]` too) and put all in id order."""
    text = read_text(path).rstrip("\n")
    if text.endswith("[]"):  # a file that was still empty
        text = text.removesuffix("[]").rstrip("\n")
    for entry in entries:
        text += "\n\n" + to_yaml(entry).rstrip("\n")
    write_atomic(path, sort_entries(text.lstrip("\n") + "\n", str(path)))
