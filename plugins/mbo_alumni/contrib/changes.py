"""A change issue -> the existing entry edited in place, on one branch and pull request.

The entry keeps its id, so every calendar that holds the event updates it in place (same
UID). Only the keys that change are written, with a round-trip YAML editor: comments, order,
quoting and every other entry stay byte for byte as they were. The whole data set is then
checked again; a change that makes it invalid gets one Dutch comment, as a new entry does.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from ..core import wording
from ..core.dates import WhenError, parse_when
from ..core.problems import DataError, UnreadableInput
from ..core.settings import Settings
from ..source.reading import read_text
from . import issue_form
from .github import GitHubError, quiet, run
from .intake import (
    MAX_BODY,
    IntakeError,
    Issue,
    Outcome,
    _load,
    problems_text,
    propose,
    publish_branch,
    start_branch,
    upsert_comment,
)


@dataclass(frozen=True)
class ChangeKind:
    """One change issue form: which data file it edits, and how it is named."""

    form: str  # the issue form's file
    file: str  # "events" or "associations" (the settings' file names)
    noun: str  # bijeenkomst, vereniging
    title: str  # the pull request's title, before the entry's name
    page: str  # where a volunteer finds the id


CHANGE_FORMS = {  # by label
    "bijeenkomst-wijzigen": ChangeKind("bijeenkomst-wijzigen.yml", "events", "bijeenkomst",
                                       "Wijziging bijeenkomst", "/agenda/<korte naam>/"),
    "vereniging-wijzigen": ChangeKind("vereniging-wijzigen.yml", "associations", "vereniging",
                                      "Wijziging vereniging", "/verenigingen/<korte naam>/"),
    "gegevens-bevestigen": ChangeKind("gegevens-bevestigen.yml", "associations", "vereniging",
                                      "Bevestiging", "/verenigingen/<korte naam>/"),
}  # fmt: skip
CANCEL = "Afgelasten"  # the choice of the form's `change` field that cancels the event
_NOT_DATA = {"id", "change", "confirm"}  # fields that say which entry and what to do


class ChangeError(Exception):
    """The change cannot be applied to the data as it is (unknown id, a removed field)."""


def _editor() -> YAML:
    editor = YAML()  # round trip: comments, order and quotes kept
    editor.preserve_quotes = True
    editor.width = 4096  # never re-wrap a long line that was not changed
    return editor


def _when_value(text: str) -> Any:
    """Return how the data files write a date (plain) or a time (quoted)."""
    text = text.strip()
    return date.fromisoformat(text) if len(text) == 10 else SingleQuotedScalarString(text)


def wanted_changes(answers: dict[str, str], form: issue_form.Form) -> dict[str, Any]:
    """Return {data key: new value} for every field the volunteer filled in."""
    changes: dict[str, Any] = {}
    for field in form.fields:
        raw = answers.get(field.id, "").strip()
        if field.id in _NOT_DATA or raw in ("", issue_form.NO_RESPONSE):
            continue
        changes[field.key] = _when_value(raw) if field.key in ("start", "end") else raw
    if answers.get("change", "").strip() == CANCEL:
        changes["status"] = "cancelled"
    return changes


def _kept_length(entry: dict[str, Any], changes: dict[str, Any], zone: Any) -> None:
    """A new start without a new end keeps the event's length (17:00-19:00 moved to the 9th
    is 17:00-19:00 on the 9th); an all-day event keeps its number of days."""
    if "start" not in changes or "end" in changes or entry.get("end") is None:
        return
    try:
        old_start = parse_when(str(entry["start"]), zone)
        old_end = parse_when(str(entry["end"]), zone)
        new_start = parse_when(str(changes["start"]), zone)
    except WhenError:
        return  # the model names the mistake in the new start
    if isinstance(old_start, datetime) != isinstance(new_start, datetime):
        return  # a timed event made all-day (or back): the end must be given anew
    new_end = new_start + (old_end - old_start)
    text = new_end.strftime("%Y-%m-%d %H:%M") if isinstance(new_end, datetime) else str(new_end)
    changes["end"] = _when_value(text)


def apply(text: str, ident: str, changes: dict[str, Any], zone: Any) -> tuple[str, dict[str, Any]]:
    """Return the data file's text with the entry `ident` changed, and its values before."""
    editor = _editor()
    entries = editor.load(text)
    entry = next((e for e in entries or [] if isinstance(e, dict) and e.get("id") == ident), None)
    if entry is None:
        raise ChangeError(ident)
    _kept_length(entry, changes, zone)
    before: dict[str, Any] = {}
    for key, value in changes.items():
        head, _, rest = key.partition(".")
        target = entry
        if rest:
            if not isinstance(entry.get(head), dict):
                entry[head] = CommentedMap()
            target, key = entry[head], rest
        previous = target.get(key)
        before[f"{head}.{rest}" if rest else key] = previous
        if isinstance(value, SingleQuotedScalarString) and type(previous) is str:
            value = str(value)  # the file wrote this key unquoted: keep its style
        target[key] = value
    out = io.StringIO()
    editor.dump(entries, out)
    return out.getvalue(), before


def _shown(value: Any, zone: Any, words: wording.Wording) -> str:
    """Return a value as the change list shows it: dates and times in Dutch."""
    if value is None:
        return "(leeg)"
    try:
        moment = parse_when(str(value), zone)
    except WhenError:
        return str(value)
    if isinstance(moment, datetime):
        return f"{wording.day(moment.date(), words)} {wording.time_of_day(moment, words)}"
    return wording.day(moment, words)


def change_list(form: issue_form.Form, before: dict[str, Any], after: dict[str, Any],
                settings: Settings) -> str:  # fmt: skip
    """Return the change in Dutch, one line per field: 'Begin: ... -> ...'."""
    words, zone = settings.words(), settings.zone
    lines = []
    for key, new in after.items():
        named = {"status": "Status", "checked": "Laatst gecontroleerd"}
        label = named.get(key) or form.label(key).removeprefix("Nieuwe ")
        label = label.removeprefix("Nieuw ")
        old = _shown(before.get(key), zone, words)
        new_text = quiet(_shown(new, zone, words))
        lines.append(f"- {label[:1].upper()}{label[1:]}: {quiet(old)} -> {new_text}")
    return "\n".join(lines)


def _refuse(settings: Settings, issue: Issue, messages: list[str]) -> Outcome:
    text = problems_text(messages)
    upsert_comment(settings.root, issue, text)
    return Outcome(text)


FROM_ASSOCIATION = "van-de-vereniging"  # the label of a change by one of its editors
_SENSITIVE = ("email", "contact.name", "contact.email", "contact.role")


def _associations(settings: Settings, today: date) -> dict[str, Any]:
    return {a.id: a for a in _load(settings, today).associations}


def _editors(entry: Any, kind: ChangeKind, associations: dict[str, Any]) -> set[str]:
    """Return who may change the entry: the association's editors, or those of the
    associations that organise the event."""
    owners = [entry] if kind.file == "associations" else [
        associations[i] for i in getattr(entry, "organizer", []) if i in associations
    ]  # fmt: skip
    return {name.casefold() for owner in owners for name in (owner.editors or [])}


def _who(issue: Issue, editors: set[str], changes: dict[str, Any]) -> str:
    """Return what the pull request says about who asked for the change."""
    author = quiet(f"@{issue.author}") if issue.author else "onbekend"
    if issue.author.casefold() in editors:
        return (f"Aangevraagd door {author}, een van de beheerders van deze vereniging "
                "(`editors`): dit voorstel gaat vanzelf online als de controle groen "
                "is.")  # fmt: skip
    said = (f"Aangevraagd door {author}. Dat is **niet** een van de beheerders van deze "
            "vereniging (`editors`): een beheerder van de site kijkt het na.")  # fmt: skip
    touched = [key for key in _SENSITIVE if key in changes]
    if touched:
        said += (f"\n\n**Let op:** dit verandert contactgegevens ({', '.join(touched)}). "
                 "Vraag de vereniging eerst of dat klopt.")  # fmt: skip
    return said


def _from_the_association(settings: Settings, issue: Issue, pull: str) -> None:
    """Label the issue as coming from the association, and let the pull request merge itself
    once the checks pass (when the repository allows auto-merge; otherwise it waits)."""
    run(["gh", "label", "create", FROM_ASSOCIATION, "--repo", issue.repo, "--description",
         "Gevraagd door de vereniging zelf", "--force"], settings.root)  # fmt: skip
    run(["gh", "issue", "edit", str(issue.number), "--repo", issue.repo, "--add-label",
         FROM_ASSOCIATION], settings.root)  # fmt: skip
    try:
        run(["gh", "pr", "merge", pull.lstrip("#"), "--repo", issue.repo, "--auto", "--squash"],
            settings.root)  # fmt: skip
    except GitHubError:
        pass  # auto-merge is off in this repository: the pull request waits for review


def _patrol_issue(settings: Settings, issue: Issue, ident: str) -> int | None:
    """Return the number of the patrol's open issue asking `ident` to confirm, if any."""
    from .patrol import STALE_LABEL, stale_marker

    found = run(["gh", "issue", "list", "--repo", issue.repo, "--label", STALE_LABEL, "--state",
                 "open", "--json", "number,body", "--limit", "1000"], settings.root)  # fmt: skip
    for item in json.loads(found or "[]"):
        if stale_marker(ident) in str(item.get("body") or ""):
            return int(item["number"])
    return None


def _what_changes(
    issue: Issue, settings: Settings, today: date, kind: ChangeKind, form: issue_form.Form
) -> tuple[Any, str, dict[str, Any]] | list[str]:
    """Return the entry, its id and the changes the issue asks for, or Dutch messages."""
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
    changes = wanted_changes(answers, form)
    if not changes and kind.form != "gegevens-bevestigen.yml":
        nothing = "Je hebt niets ingevuld dat verandert. Vul de velden in die anders worden"
        return [nothing + (", of kies 'Afgelasten'." if kind.file == "events" else ".")]
    if kind.file == "associations":  # a change or a confirmation: the data is checked today
        changes["checked"] = today
    return entry, ident, changes


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
    entry, ident, changes = found
    branch = f"wijziging/issue-{issue.number}"
    start_branch(settings, branch, base, remote)
    path = settings.data_path / getattr(settings.files, kind.file)
    original = read_text(path)
    changed, before = apply(original, ident, changes, settings.zone)
    if changed == original:  # everything asked for is already so (confirmed today, say)
        text = ("**Dank je.** Er hoeft niets te veranderen: de gegevens op de site zijn al "
                "zoals je vraagt.")  # fmt: skip
        upsert_comment(root, issue, text)
        return Outcome(text)
    Path(path).write_text(changed, encoding="utf-8")
    try:
        _load(settings, today)  # the whole data set, with the change in it
    except DataError as error:
        return _refuse(settings, issue, [p.message for p in error.problems])
    name = getattr(entry, "title", None) or getattr(entry, "name", ident)
    title = f"{kind.title}: {quiet(str(name))}"
    publish_branch(settings, branch, f"{title}\n\nUit #{issue.number}.", remote)
    listed = change_list(form, before, changes, settings)
    patrol = _patrol_issue(settings, issue, ident) if kind.file == "associations" else None
    closes = f"Closes #{issue.number}\n" + (f"Closes #{patrol}\n" if patrol else "")
    editors = _editors(entry, kind, _associations(settings, today))
    body = (
        f"## Wat verandert er?\n\n{listed}\n\n"
        f"De {kind.noun} houdt haar korte naam ({ident}): haar pagina en haar plek in ieders "
        f"agenda blijven hetzelfde. Uit #{issue.number}.\n\n"
        f"{_who(issue, editors, changes)}\n\n{closes}"
    )
    pull = propose(settings, issue, branch, base, title, body)
    if issue.author.casefold() in editors:
        _from_the_association(settings, issue, pull)
    text = (
        f"**Dank je, het is in orde.** Er staat een voorstel klaar: {pull}. Een beheerder "
        f"kijkt ernaar en zet het online.\n\n{listed}"
    )
    upsert_comment(root, issue, text)
    return Outcome(text, branch)
