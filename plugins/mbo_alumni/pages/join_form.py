"""The form on /meedoen/: the repository's issue forms as one HTML form each.

The fields (ids, labels, hints, choices) come from the issue forms, so the page and GitHub ask
the same questions; the rules come from the JSON Schemas generated from the models, so the
browser checks what `mbo-alumni validate` checks, without a second hand-written copy. The
browser then opens GitHub's new-issue page with every field filled in through the URL.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..contrib.answers import CHANGE_CHOICES, CHOICES, TRACKING_PATTERN
from ..contrib.intake import FORMS
from ..contrib.issue_form import Form, read_form
from ..contrib.series_changes import SCOPE_CHOICES
from ..core.urls import Forms, Paths
from ..core.wording import Wording, default
from ..outputs.open_data import IDS_PATH
from ..source.load import Data
from ..source.model import Association
from ..source.schema import schema_for

# GitHub answers 414 to a very long URL; browsers and proxies differ too. Beyond this the
# description is left out of the URL and the visitor is asked to paste it.
MAX_URL = 6000


NOT_IN_OPEN_DATA = frozenset({"calendar", "calendar_words"})


@dataclass(frozen=True)
class JoinForm:
    """One form on the page: its issue form and where its fields' rules are."""

    file: str  # vereniging-aanmelden.yml
    form: Form
    change: str = ""  # for a change form: the query key naming the entry (bijeenkomst)
    api: str = ""  # for a change form: the open data it reads the current values from
    # Input fields the page offers as a choice: {field id: (choices, several allowed)}. On
    # GitHub they are text fields, because GitHub fills only those from a link.
    choices: tuple[tuple[str, tuple[str, ...], bool], ...] = ()

    @property
    def unpublished(self) -> frozenset[str]:
        """Return the keys a change form cannot start from the open data: an association's own
        calendar is not in it (the open data's `calendar` is the site's feed of her)."""
        return NOT_IN_OPEN_DATA if self.change else frozenset()

    @property
    def slug(self) -> str:
        return self.file.removesuffix(".yml")

    def choice(self, field_id: str) -> tuple[tuple[str, ...], bool] | None:
        """Return (choices, several allowed) for a field the page shows as a list."""
        return next(((c, m) for i, c, m in self.choices if i == field_id), None)


def _choices(form: Form, data: Data) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    found = []
    for field in form.fields:
        words = site_choices(field.key, data)
        if words is not None and field.kind == "input":
            found.append((field.id, words, field.key == "tags"))
    return tuple(found)


def site_choices(key: str, data: Data) -> tuple[str, ...] | None:
    """Return the words the page offers for a data key, or None for free text."""
    if key == "province":
        return tuple(str(name) for name in data.regions.names)
    if key == "tags":
        return tuple(t.name for t in data.themes) or None
    if key == "change":
        return CHANGE_CHOICES
    if key == "scope":
        return tuple(SCOPE_CHOICES)
    return tuple(CHOICES[key]) if key in CHOICES else None


def join_forms(forms_dir: Path, data: Data) -> list[JoinForm]:
    """Return the intake's issue forms found in `forms_dir`, in the intake's order."""
    found = []
    for file in FORMS.values():
        if (forms_dir / file).is_file():
            form = read_form(forms_dir / file)
            found.append(JoinForm(file, form, choices=_choices(form, data)))
    return found


# The change forms: which query key names the entry, and the open data that holds it.
CHANGES = {
    Forms.change_event: ("bijeenkomst", Paths.events_json),
    Forms.change_association: ("vereniging", Paths.associations_json),
}


def change_forms(forms_dir: Path, data: Data) -> list[JoinForm]:
    """Return the change issue forms found in `forms_dir`, for the change page."""
    found = []
    for file, (key, api) in CHANGES.items():
        if (forms_dir / file).is_file():
            form = read_form(forms_dir / file)
            found.append(JoinForm(file, form, key, api, _choices(form, data)))
    return found


# What the form says when the fields of a series do not fit together (`check.series.*` of the
# catalogue): the validator's rules on `repeat` (source/recurrence.py), in the words of the
# form's labels. mbo-join.js fills in their {day} and {week}.
SERIES_CHECKS = ("every", "both", "end", "year", "week", "needsWeek", "weekday", "nth")


def rules(
    forms: list[JoinForm], data: Data, page: str, email: str = "", words: Wording | None = None
) -> dict[str, Any]:
    """Return what the browser checks a submission against on the page at site path `page`:
    the schemas, where the ids in use are (IDS_PATH, relative to the page), the address that
    takes requests by e-mail (none: GitHub only), and what mbo-join.js says (form.*)."""
    texts = (words or default()).texts
    return {
        "words": {key: text for key, text in texts.items() if key.startswith("form.")},
        "maxUrl": MAX_URL,
        "email": email,
        "tracking": TRACKING_PATTERN,
        # The forms' choices in words, and the values the data uses for them.
        "choices": {**CHOICES, "tags": {t.name: t.id for t in data.themes}},
        "series": {name: texts[f"check.series.{name}"] for name in SERIES_CHECKS},
        "ids": posixpath.relpath(
            IDS_PATH, page if page.endswith("/") else posixpath.dirname(page) or "."
        ),
        "themes": sorted(t.id for t in data.themes),
        "forms": {
            join.file: {
                "title": join.form.title,
                "name": join.form.name,
                "schema": schema_for(join.form.model),
                # A change keeps its entry's id; a new entry needs one not in use.
                "taken": None
                if join.change
                else "associations"
                if join.form.model is Association
                else "events",
                "change": bool(join.change),
                "stamp": "checked" if join.form.model is Association else "announced",
            }
            for join in forms
        },
    }


def rules_script(value: dict[str, Any]) -> Markup:
    """Return the rules as a JSON <script> element; '<' is escaped so nothing closes it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return Markup('<script type="application/json" id="mbo-join-rules">{}</script>').format(
        Markup(text)
    )
