"""A change issue -> the existing entry edited in place, on one branch and pull request.

The entry keeps its id, so every calendar that holds the event updates it in place (same
UID). Only the keys that change are written, with a round-trip YAML editor: comments, order,
quoting and every other entry stay byte for byte as they were. The whole data set is then
checked again; a change that makes it invalid gets one Dutch comment, as a new entry does.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..core import wording
from ..core.atomic import write_atomic
from ..core.dates import WhenError, parse_when
from ..core.problems import DataError, UnreadableInput
from ..core.settings import Settings
from ..core.urls import Forms
from ..source.model import Event
from ..source.reading import read_text
from . import issue_form
from .answers import STATUS_CHOICES, cancels, is_url_key, without_tracking
from .github import quiet, run
from .intake import (
    MAX_BODY,
    IntakeError,
    Issue,
    Outcome,
    _load,
    merge_when_checked,
    propose,
    publish_branch,
    start_branch,
    upsert_comment,
)
from .replies import problems_text
from .series_changes import NEW_SERIES, series_changes, touches_past
from .yaml_edit import apply, when_value


@dataclass(frozen=True)
class ChangeKind:
    """One change issue form: which data file it edits, and how it is named."""

    form: str  # the issue form's file
    file: str  # "events" or "associations" (the settings' file names)
    noun: str  # bijeenkomst, vereniging
    title: str  # the pull request's title, before the entry's name
    page: str  # where a volunteer finds the id


CHANGE_FORMS = {  # by label
    "bijeenkomst-wijzigen": ChangeKind(Forms.change_event, "events", "bijeenkomst",
                                       "Wijziging bijeenkomst", "/agenda/<korte naam>/"),
    "vereniging-wijzigen": ChangeKind(Forms.change_association, "associations", "vereniging",
                                      "Wijziging vereniging", "/verenigingen/<korte naam>/"),
    "gegevens-bevestigen": ChangeKind(Forms.confirm, "associations", "vereniging",
                                      "Bevestiging", "/verenigingen/<korte naam>/"),
}  # fmt: skip
# Fields that say which entry and what to do, and the editors to add or take off (the list
# itself is not on the site's open data, so the form asks for the difference).
_NOT_DATA = {"id", "change", "confirm", "editors_add", "editors_remove", "occurrence", "scope"}


def wanted_changes(answers: dict[str, str], form: issue_form.Form) -> dict[str, Any]:
    """Return {data key: new value} for every field the volunteer filled in."""
    changes: dict[str, Any] = {}
    for field in form.fields:
        raw = answers.get(field.id, "").strip()
        if field.id in _NOT_DATA or raw in ("", issue_form.NO_RESPONSE):
            continue
        if field.key in ("start", "end"):
            changes[field.key] = when_value(raw)
        elif field.id in issue_form.LISTS:  # a list is replaced by the one given
            changes[field.key] = [part.strip() for part in re.split(r"[,\n]", raw) if part.strip()]
        elif is_url_key(field.key):
            changes[field.key] = without_tracking(raw)
        else:
            changes[field.key] = raw
    if cancels(answers.get("change", "")):
        changes["status"] = "cancelled"
    return changes


_STATUS_WORDS = {value: word for word, value in STATUS_CHOICES.items()}


def _shown(value: Any, zone: Any, words: wording.Wording, key: str = "") -> str:
    """Return a value as the change list shows it: dates, times and status in Dutch."""
    if key == "status":
        return _STATUS_WORDS.get(value or "confirmed", str(value))
    if value is None or value == []:
        return "niet ingevuld"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    try:
        moment = parse_when(str(value), zone)
    except WhenError:
        return str(value)
    if isinstance(moment, datetime):
        return f"{wording.day(moment.date(), words)} {wording.time_of_day(moment, words)}"
    return wording.day(moment, words)


def change_list(form: issue_form.Form, before: dict[str, Any], after: dict[str, Any],
                settings: Settings) -> str:  # fmt: skip
    """Return the change in Dutch, one line per field: 'Begin: ... wordt ...'."""
    words, zone = settings.words(), settings.zone
    lines = []
    for key, new in after.items():
        if key in ("announced", "sequence"):  # bookkeeping of the change, not what was asked
            continue
        label = _label(form, key)
        old = _shown(before.get(key), zone, words, key)
        new_text = quiet(_shown(new, zone, words, key))
        lines.append(f"- {label[:1].upper()}{label[1:]}: {quiet(old)} wordt {new_text}")
    return "\n".join(lines)


def _refuse(settings: Settings, issue: Issue, messages: list[str]) -> Outcome:
    text = problems_text(messages, by_mail=bool(issue.mail))
    upsert_comment(settings.root, issue, text)
    return Outcome(text)


FROM_ASSOCIATION = "van-de-vereniging"  # the label of a change by one of its editors
_SCHEDULE = ("start", "end", "location.name", "location.address", "location.city", "location.url",
             "cancelled", "except", "moved", "changes", "repeat")  # fmt: skip
_SENSITIVE = ("email", "contact.name", "contact.email", "contact.role", "editors")


def _associations(settings: Settings, today: date) -> dict[str, Any]:
    return {a.id: a for a in _load(settings, today).associations}


def _editors(entry: Any, kind: ChangeKind, associations: dict[str, Any]) -> set[str]:
    """Return who may change the entry: the association's editors, or those of the
    associations that organise the event."""
    owners = [entry] if kind.file == "associations" else [
        associations[i] for i in getattr(entry, "organizer", []) if i in associations
    ]  # fmt: skip
    return {name.casefold() for owner in owners for name in (owner.editors or [])}


def _who(issue: Issue, editors: set[str], changes: dict[str, Any], form: issue_form.Form,
         past: bool = False) -> str:  # fmt: skip
    """Return what the pull request says about who asked for the change."""
    author = quiet(f"@{issue.author}") if issue.author else "onbekend"
    if past:
        said = (f"Aangevraagd door {author}. Dit verandert ook wat de keren van de reeks die al "
                "geweest zijn laten zien: een beheerder van de site kijkt het na.")  # fmt: skip
    elif issue.mail:
        said = ("Per e-mail ontvangen. Een beheerder van de site kijkt het na voor het "
                "online gaat.")  # fmt: skip
    elif issue.author and issue.author.casefold() in editors:
        return (f"Aangevraagd door {author}, een van de beheerders van deze vereniging: dit "
                "voorstel gaat vanzelf online als de controle in orde is.")  # fmt: skip
    else:
        said = (f"Aangevraagd door {author}. Dat is **niet** een van de beheerders van "
                "deze vereniging: een beheerder van de site kijkt het na voor het online "
                "gaat.")  # fmt: skip
    touched = [_label(form, key) for key in _SENSITIVE if key in changes]
    if touched:
        said += (f"\n\n**Let op:** dit verandert {', '.join(touched)}. Vraag de vereniging "
                 "eerst of dat klopt.")  # fmt: skip
    return said


def _label(form: issue_form.Form, key: str) -> str:
    """Return a field's label as the change list and the pull request name it."""
    named = {"status": "Status", "checked": "Laatst gecontroleerd",
             "editors": "Beheerders (gebruikersnamen op GitHub)"}  # fmt: skip
    label = (named.get(key) or form.label(key)).removeprefix("Nieuwe ").removeprefix("Nieuw ")
    return label[:1].lower() + label[1:]


def _from_the_association(settings: Settings, issue: Issue, pull: str) -> None:
    """Label the issue as coming from the association, and let the pull request merge itself
    once the checks pass (when the repository allows auto-merge; otherwise it waits)."""
    run(["gh", "label", "create", FROM_ASSOCIATION, "--repo", issue.repo, "--description",
         "Gevraagd door de vereniging zelf", "--force"], settings.root)  # fmt: skip
    run(["gh", "issue", "edit", str(issue.number), "--repo", issue.repo, "--add-label",
         FROM_ASSOCIATION], settings.root)  # fmt: skip
    merge_when_checked(settings.root, issue.repo, pull)


def _patrol_issue(settings: Settings, issue: Issue, ident: str) -> int | None:
    """Return the number of the patrol's open issue asking `ident` to confirm, if any."""
    from .patrol import STALE_LABEL, stale_marker

    found = run(["gh", "issue", "list", "--repo", issue.repo, "--label", STALE_LABEL, "--state",
                 "open", "--json", "number,body", "--limit", "1000"], settings.root)  # fmt: skip
    for item in json.loads(found or "[]"):
        if stale_marker(ident) in str(item.get("body") or ""):
            return int(item["number"])
    return None


def _names(raw: str) -> list[str]:
    """Return the GitHub user names in an answer (commas or spaces between, @ left off)."""
    if raw.strip() == issue_form.NO_RESPONSE:
        return []
    return [n.strip().lstrip("@") for n in re.split(r"[,\s]+", raw) if n.strip().lstrip("@")]


def _new_editors(entry: Any, answers: dict[str, str], form: issue_form.Form) -> Any:
    """Return the association's editors after the names to add and to take off, None when
    the form names none, or a Dutch message for a name that is not an editor."""
    add, remove = _names(answers.get("editors_add", "")), _names(answers.get("editors_remove", ""))
    if not add and not remove:
        return None
    current = list(getattr(entry, "editors", None) or [])
    folded = {name.casefold() for name in current}
    unknown = [name for name in remove if name.casefold() not in folded]
    if unknown:
        return (f"Veld '{form.label('editors_remove')}': {', '.join(unknown)} is nu geen "
                f"beheerder van deze vereniging; de beheerders zijn nu: "
                f"{', '.join(current) or 'nog niemand'}")  # fmt: skip
    gone = {name.casefold() for name in remove}
    kept = [name for name in current if name.casefold() not in gone]
    return kept + [n for n in add if n.casefold() not in {k.casefold() for k in kept}]


def _what_changes(
    issue: Issue, settings: Settings, today: date, kind: ChangeKind, form: issue_form.Form
) -> tuple[Any, str, dict[str, Any], str] | list[str]:
    """Return the entry, its id, the changes the issue asks for and, for a series, what they
    do in Dutch (contrib/series_changes.py); or Dutch messages."""
    if len(issue.body) > MAX_BODY:
        return [f"Je bericht is te lang (hoogstens {MAX_BODY:,} tekens)."]
    layout = issue_form.structure_problems(issue.body, form)
    if layout:
        return layout
    answers = issue_form.answers(issue.body, form)
    ident = answers.get("id", "").strip()
    try:
        data = _load(settings, today)
    except (DataError, UnreadableInput) as error:
        raise IntakeError(f"de gegevens op de hoofdtak zijn zelf niet geldig:\n{error}") from None
    entries = data.events if kind.file == "events" else data.associations
    entry = next((e for e in entries if e.id == ident), None)
    if entry is None:
        return [
            f"Veld '{form.label('id')}': er staat geen {kind.noun} met korte naam '{ident}' op "
            f"de site. Je vindt de korte naam in het webadres van haar pagina: {kind.page}. Is "
            f"ze net aangemeld en nog niet online? Wacht dan tot ze op de site staat."
        ]
    changes, summary = wanted_changes(answers, form), ""
    if isinstance(entry, Event) and entry.repeat is not None:  # a series: its past stays
        kept = series_changes(entry, answers, changes, settings, today)
        if isinstance(kept, list):
            return kept
        changes, summary = kept
    if kind.file == "associations":
        editors = _new_editors(entry, answers, form)
        if isinstance(editors, str):
            return [editors]
        if editors is not None:
            changes["editors"] = editors
    if not changes and kind.form != Forms.confirm:
        nothing = "Je hebt niets ingevuld dat verandert. Vul de velden in die anders worden"
        cancel = ", of schrijf 'afgelasten' bij 'Gaat de bijeenkomst niet door?'."
        return [nothing + (cancel if kind.file == "events" else ".")]
    if kind.file == "associations":  # a change or a confirmation: the data is checked today
        changes["checked"] = today
    else:  # the day of the last change (calendars' LAST-MODIFIED); SEQUENCE rises with a
        # change of time, place or status, which calendar clients must take in
        changes["announced"] = today
        status = getattr(entry, "status", None)
        if any(key in changes for key in _SCHEDULE) or changes.get("status", status) != status:
            changes["sequence"] = getattr(entry, "sequence", 0) + 1
    return entry, ident, changes, summary


def intake_change(issue: Issue, settings: Settings, today: date, base: str,
                  remote: str = "origin") -> Outcome | None:  # fmt: skip
    """Apply one change issue to the existing entry: a comment and, when the changed data is
    valid, a branch and a pull request (updated when the issue is edited)."""
    label = next((label for label in issue.labels if label in CHANGE_FORMS), None)
    if label is None:
        return None
    kind, root = CHANGE_FORMS[label], settings.root
    form = issue_form.read_form(root / ".github" / "ISSUE_TEMPLATE" / kind.form)
    found = _what_changes(issue, settings, today, kind, form)
    if isinstance(found, list):
        return _refuse(settings, issue, found)
    entry, ident, changes, summary = found
    branch = f"wijziging/{issue.ref}"
    start_branch(settings, branch, base, remote)
    path = settings.data_path / getattr(settings.files, kind.file)
    original = read_text(path)
    split = changes.pop(NEW_SERIES, None)  # a series from a date on another day: a new one
    changed, before = apply(original, ident, changes, settings.zone)
    if changed == original:  # everything asked for is already so (confirmed today, say)
        text = ("**Dank je.** Er hoeft niets te veranderen: de gegevens op de site zijn al "
                "zoals je vraagt.")  # fmt: skip
        upsert_comment(root, issue, text)
        return Outcome(text)
    write_atomic(Path(path), changed)
    if split:
        issue_form.append_entries(Path(path), [split])
    try:
        _load(settings, today)  # the whole data set, with the change in it
    except DataError as error:
        return _refuse(
            settings, issue, [issue_form.in_form_words(p.message, form) for p in error.problems]
        )
    name = getattr(entry, "title", None) or getattr(entry, "name", ident)
    title = f"{kind.title}: {quiet(str(name))}"
    publish_branch(settings, branch, f"{title}\n\nUit {issue.source}.", remote)
    listed = summary or change_list(form, before, changes, settings)
    patrol = _patrol_issue(settings, issue, ident) if kind.file == "associations" else None
    closes = issue.closes + (f"Closes #{patrol}\n" if patrol else "")
    past = touches_past(entry, changes, today)  # then never merged without a maintainer
    editors = set() if past else _editors(entry, kind, _associations(settings, today))
    body = (
        f"## Wat verandert er?\n\n{listed}\n\n"
        f"De {kind.noun} houdt haar korte naam ({ident}): haar pagina en haar plek in ieders "
        f"agenda blijven hetzelfde. Uit {issue.source}.\n\n"
        f"{_who(issue, editors, changes, form, past)}\n\n{closes}"
    )
    pull = propose(settings, issue, branch, base, title, body)
    itself = bool(issue.author) and not issue.mail and issue.author.casefold() in editors
    if itself:
        _from_the_association(settings, issue, pull)
    thanks = "Dank je voor je bevestiging" if kind.form == Forms.confirm else (
        "Dank je, je wijziging is in orde")  # fmt: skip
    online = ("Omdat je een van de beheerders van de vereniging bent, gaat het vanzelf online "
              "zodra de controle klaar is." if itself else
              "Een beheerder van de site kijkt het na en zet het online.")  # fmt: skip
    text = f"**{thanks}.** Er staat een voorstel klaar: {pull}. {online}\n\n{listed}"
    upsert_comment(root, issue, text)
    return Outcome(text, branch)
