"""A removal issue -> the association off the site, the archive kept right.

Its past events keep its name (as `host`), its coming events are cancelled (they stay in
every calendar, as cancelled) or removed, as the volunteer chose; it goes into the removed
file, so its old address says what happened. The whole data set, and the articles' front
matter, are checked again: an article that still names it gets a Dutch comment.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..core.atomic import write_atomic
from ..core.problems import DataError, UnreadableInput
from ..core.settings import Settings
from ..core.urls import Forms
from ..source.articles import read_articles
from ..source.model import ended
from ..source.reading import read_text
from . import issue_form
from .changes import _refuse
from .github import quiet
from .intake import (
    IntakeError,
    Issue,
    Outcome,
    _load,
    propose,
    publish_branch,
    start_branch,
    upsert_comment,
)
from .yaml_edit import round_trip_editor

FORM = Forms.remove
LABEL = FORM.removesuffix(".yml")
REMOVE = "Weghalen"  # the choice that removes the coming events instead of cancelling them


def _dump(entries: Any) -> str:
    out = io.StringIO()
    round_trip_editor().dump(entries, out)
    return out.getvalue()


def take_off(settings: Settings, ident: str, name: str, past: set[str], remove: bool,
             today: date) -> None:  # fmt: skip
    """Edit the data files in place: the association out, its events kept right."""
    editor, folder, files = round_trip_editor(), settings.data_path, settings.files
    associations = editor.load(read_text(folder / files.associations))
    associations[:] = [a for a in associations if a.get("id") != ident]
    write_atomic(folder / files.associations, _dump(associations))
    events = editor.load(read_text(folder / files.events)) or []
    kept = []
    for event in events:
        organizer = event.get("organizer")
        organizers = [organizer] if isinstance(organizer, str) else list(organizer or [])
        if ident not in organizers:
            kept.append(event)
            continue
        if remove and event.get("id") not in past:
            continue  # a coming event, and the volunteer chose to take it away
        others = [o for o in organizers if o != ident]
        if others:
            event["organizer"] = others
        else:
            del event["organizer"]
        if not event.get("host"):
            event["host"] = name  # the archive keeps who organised it
        if event.get("id") not in past:
            event["status"] = "cancelled"
        kept.append(event)
    events[:] = kept
    write_atomic(folder / files.events, _dump(events))
    path = folder / files.removed
    removed = editor.load(read_text(path)) if path.exists() else None
    removed = removed if isinstance(removed, list) else []
    removed.append(CommentedMap([("id", ident), ("name", name), ("removed", today)]))
    write_atomic(path, _dump(removed))


def intake_removal(issue: Issue, settings: Settings, today: date, base: str,
                   remote: str = "origin") -> Outcome | None:  # fmt: skip
    """Take one association off the site on a branch with one pull request."""
    if LABEL not in issue.labels:
        return None
    root = settings.root
    form = issue_form.read_form(root / ".github" / "ISSUE_TEMPLATE" / FORM)
    layout = issue_form.structure_problems(issue.body, form)
    if layout:
        return _refuse(settings, issue, layout)
    answers = issue_form.answers(issue.body, form)
    ident = answers.get("id", "").strip()
    try:
        data = _load(settings, today)
    except (DataError, UnreadableInput) as error:
        raise IntakeError(f"de gegevens op de hoofdtak zijn zelf niet geldig:\n{error}") from None
    association = next((a for a in data.associations if a.id == ident), None)
    if association is None:
        return _refuse(settings, issue, [
            f"Veld '{form.label('id')}': er staat geen vereniging met korte naam '{ident}' op "
            "de site. Je vindt de korte naam in het webadres van haar pagina."])  # fmt: skip
    past = {e.id for e in data.events if ident in e.organizer and ended(e, today)}
    remove = answers.get("future", "").strip() == REMOVE
    branch = f"wijziging/{issue.ref}"
    start_branch(settings, branch, base, remote)
    take_off(settings, ident, association.name, past, remove, today)
    try:
        after = _load(settings, today)
        if settings.docs_path.is_dir():  # an article that names it would link to nothing
            read_articles(settings.docs_path, after, settings.paths.articles,
                          Path(settings.docs_dir))  # fmt: skip
    except DataError as error:
        return _refuse(settings, issue, [p.message for p in error.problems] + [
            "Een artikel of een andere plek noemt deze vereniging nog; een beheerder past dat "
            "eerst aan, daarna kan ze van de site."])  # fmt: skip
    title = f"Van de site halen: {quiet(association.name)}"
    publish_branch(settings, branch, f"{title}\n\nUit {issue.source}.", remote)
    coming = "weggehaald" if remove else "afgelast (ze blijven als afgelast in ieders agenda)"
    body = (
        f"## Wat verandert er?\n\n- {quiet(association.name)} gaat van de site; op haar oude "
        f"adres staat dat ze er niet meer is.\n- Haar {len(past)} bijeenkomst(en) van vroeger "
        f"blijven in de agenda, onder haar naam.\n- Haar bijeenkomsten die nog komen, worden "
        f"{coming}.\n\nUit {issue.source}.\n\n{issue.closes}"
    )
    pull = propose(settings, issue, branch, base, title, body)
    text = (f"**Dank je.** Er staat een voorstel klaar: {pull}. Een beheerder van de site "
            "kijkt het na en zet het online.")  # fmt: skip
    upsert_comment(root, issue, text)
    return Outcome(text, branch)
