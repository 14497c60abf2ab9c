"""One run of `mbo-alumni sync`: every association with a calendar, fetched, read and planned
(contrib/sync.py), then written into the data folder, or, with a repository, proposed as one
pull request per association (branch `agenda/<id>`, updated in place on the next run). A
calendar that cannot be fetched or read becomes one issue for the maintainer per association,
closed by the next good run; never a crash, never a half-written file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from babel.dates import format_date

from ..core.problems import UnreadableInput
from ..core.settings import Settings
from ..source.load import Data, load
from ..source.model import Association
from . import ics_read
from .fetch import FetchError, fetch
from .github import gh, quiet, run
from .intake import Issue, merge_when_checked, open_pulls, propose, publish_branch, start_branch
from .patrol import _label, _open_issues
from .sync import Plan, plan, write

LABEL = "agenda"
HEADINGS = ("Nieuw", "Gewijzigd", "Afgelast")


def marker(ident: str) -> str:
    return f"<!-- mbo-alumni:agenda:{ident} -->"


@dataclass
class Options:
    today: date
    repo: str = ""  # owner/name: propose pull requests there; empty: write the data folder
    base: str = "main"
    remote: str = "origin"
    allow_local: bool = False
    state: Path | None = None  # ETag and Last-Modified of every calendar, between runs
    only: str = ""  # one association's id
    user_agent: str = "mbo-alumni-sync/1"  # the site's address is added: its server knows who asks


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    failed: int = 0


def _read_state(path: Path | None) -> dict[str, Any]:
    try:
        state = json.loads(path.read_text(encoding="utf-8")) if path and path.exists() else {}
    except (OSError, ValueError):
        state = {}  # a broken cache only costs one full fetch
    return state if isinstance(state, dict) else {}


def _context(association: Association, data: Data, settings: Settings, today: date) -> Any:
    anchors = {
        e.imported.uid: e.start.date() if hasattr(e.start, "date") else e.start
        for e in data.events
        if e.imported is not None and e.repeat is not None and association.id in e.organizer
    }
    themes = {**{t.name: t.id for t in data.themes}, **{t.id: t.id for t in data.themes}}
    words = list(association.calendar_words or [])
    window = ics_read.Window(today, settings.zone)
    return ics_read.Context(window, words, themes, settings.words(), anchors)


def take(association: Association, data: Data, settings: Settings, options: Options,
         state: dict[str, Any]) -> Plan | str | None:  # fmt: skip
    """Return the plan for one association, its problem in Dutch, or None when its calendar
    has not changed since the last run."""
    assert association.calendar is not None
    known = state.get(association.id) or {}
    same = known.get("url") == association.calendar
    try:
        answer = fetch(association.calendar, options.user_agent, allow_local=options.allow_local,
                       etag=known.get("etag") if same else None,
                       modified=known.get("modified") if same else None)  # fmt: skip
        if answer.body is None:
            return None
        calendar = ics_read.parse(answer.body)
        reading = ics_read.read(calendar, _context(association, data, settings, options.today))
    except (FetchError, ics_read.ReadError) as error:
        return str(error)
    state[association.id] = {"url": association.calendar, "etag": answer.etag,
                             "modified": answer.modified}  # fmt: skip
    return plan(association, reading, data, settings, options.today)


def pull_text(result: Plan, today: date) -> str:
    """Return the Dutch text of the pull request: what is new, changed and cancelled."""
    a = result.association
    day = format_date(today, "EEEE d MMMM y", locale="nl")
    lines = [marker(a.id), "## Wat verandert er?", "",
             f"De agenda van **{quiet(a.name)}** is gelezen op {day}. Dit voorstel neemt over "
             "wat daar nieuw of anders is; de id's blijven, dus wie de agenda volgt, ziet "
             "dezelfde bijeenkomsten bijgewerkt.", ""]  # fmt: skip
    for heading in HEADINGS:
        told = [line for what, line in result.told if what == heading]
        if told:
            lines += [f"**{heading}** ({len(told)})", "", *(f"- {quiet(t)}" for t in told), ""]
    if result.skipped:
        lines += ["**Niet overgenomen**", "", *(f"- {quiet(s)}" for s in result.skipped), ""]
    if result.held_back:
        lines += ["**Niets afgelast**", "", result.held_back, ""]
    lines.append("Wat al voorbij is, blijft zoals het was.")
    if result.past:
        lines.append("Een wijziging raakt keren die al geweest zijn: een beheerder kijkt dit na.")
    elif a.editors:
        lines.append("De vereniging koos deze agenda zelf: dit voorstel gaat vanzelf online "
                     "zodra de controle groen is.")  # fmt: skip
    else:
        lines.append("Een beheerder van de site kijkt dit na.")
    return "\n".join(lines) + "\n"


def problem_text(association: Association, problem: str) -> str:
    return (
        f"{marker(association.id)}\n"
        f"De agenda van **{quiet(association.name)}** kon niet worden overgenomen:\n\n"
        f"> {quiet(problem)}\n\n"
        f"Het adres staat in `calendar:` bij `{association.id}`: {association.calendar}\n\n"
        "Er is niets veranderd op de site. Klopt het adres niet meer, pas het dan aan met het "
        "formulier 'Vereniging wijzigen'. Dit bericht sluit vanzelf zodra de agenda weer te "
        "lezen is.\n"
    )


def _note(options: Options, association: Association, problem: str | None) -> None:
    """Open, update or close the association's one issue about its calendar."""
    issues = [i for i in _open_issues(options.repo, LABEL)
              if marker(association.id) in str(i.get("body"))]  # fmt: skip
    if problem is None:
        for issue in issues:
            gh(["issue", "close", str(issue["number"]), "--repo", options.repo, "--comment",
                "De agenda is weer te lezen en overgenomen."])  # fmt: skip
        return
    title = f"De agenda van {association.name} is niet over te nemen"
    body = problem_text(association, problem)
    if issues:
        gh(["issue", "edit", str(issues[0]["number"]), "--repo", options.repo, "--title", title],
           body)  # fmt: skip
    else:
        gh(["issue", "create", "--repo", options.repo, "--label", LABEL, "--title", title], body)


def _propose(settings: Settings, options: Options, result: Plan) -> str:
    """Push the association's branch and open or update its one pull request; let it merge
    itself when the association has editors and no past time changes."""
    a = result.association
    branch = f"agenda/{a.id}"
    title = f"Agenda van {quiet(a.name)} bijgewerkt"
    publish_branch(settings, branch, f"{title}\n\nUit {a.calendar}", options.remote)
    issue = Issue(options.repo, 0, "", ())
    pull = propose(settings, issue, branch, options.base, title, pull_text(result, options.today))
    if a.editors and not result.past:
        merge_when_checked(settings.root, options.repo, pull)
    return pull


def _close_pull(settings: Settings, options: Options, ident: str) -> None:
    for pull in open_pulls(settings.root, options.repo, f"agenda/{ident}"):
        run(["gh", "pr", "close", str(pull["number"]), "--repo", options.repo, "--comment",
             "De agenda en de site zijn weer gelijk: er is niets meer over te nemen."],
            settings.root)  # fmt: skip


def sync(settings: Settings, options: Options) -> Report:
    """Follow every association's calendar (or the one `options.only` names)."""
    report = Report()
    state = _read_state(options.state)
    if options.repo:
        _label(options.repo, LABEL, "De agenda van een vereniging kon niet worden overgenomen")
    data = load(settings.data_path, options.today, settings.files, settings.zone)
    chosen = [a.id for a in data.associations if a.calendar and options.only in ("", a.id)]
    if options.only and not chosen:
        raise UnreadableInput(f"er is geen vereniging '{options.only}' met 'calendar:'")
    for ident in chosen:
        if options.repo:  # each association's branch starts from the base afresh
            start_branch(settings, f"agenda/{ident}", options.base, options.remote)
        data = load(settings.data_path, options.today, settings.files, settings.zone)
        association = next(a for a in data.associations if a.id == ident)
        result = take(association, data, settings, options, state)
        problems = write(result, settings, options.today) if isinstance(result, Plan) else []
        if isinstance(result, str) or problems:
            problem = result if isinstance(result, str) else "\n".join(problems)
            report.failed += 1
            report.lines.append(f"{association.id}: niet overgenomen: {problem}")
            if options.repo:
                _note(options, association, problem)
            continue
        if options.repo:  # a calendar that lost most of its events: the maintainer looks
            _note(options, association, result.held_back or None if result is not None else None)
        if result is None:
            report.lines.append(f"{association.id}: ongewijzigd sinds de vorige keer")
        elif result.empty:
            report.lines.append(f"{association.id}: niets nieuws")
            if options.repo:
                _close_pull(settings, options, association.id)
        else:
            where = _propose(settings, options, result) if options.repo else "data"
            report.lines.append(f"{association.id}: {_counts(result)} -> {where}")
        if result is not None and result.held_back:
            report.lines.append(f"{association.id}: {result.held_back}")
    if options.state:
        options.state.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
    return report


def _counts(result: Plan) -> str:
    counted = {h: sum(1 for what, _ in result.told if what == h) for h in HEADINGS}
    return ", ".join(f"{n} {h.lower()}" for h, n in counted.items() if n) or "bijgewerkt"
