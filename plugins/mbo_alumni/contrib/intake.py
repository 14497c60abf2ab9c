"""A submitted issue form -> a checked pull request: `mbo-alumni intake`.

Runs in the `aanmelding` workflow on an issue opened or edited from one of the forms. The
issue text is untrusted: it is read from the event file GitHub writes, never from a
command line, and reaches git and `gh` only as arguments or files, never through a shell.

An invalid entry gets one comment in Dutch, by form field, updated on every edit. A valid one
goes onto the branch `aanmelding/issue-<number>`, inserted in id order, and one pull request
from that branch is opened or updated; the same comment then points to it.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..core.problems import DataError, UnreadableInput
from ..core.settings import Settings
from ..core.urls import Forms
from ..source.load import Data, load
from ..source.model import Association
from . import issue_form
from .github import GitHubError, gh_api, quiet, run
from .replies import accepted_text, problems_text

MARKER = "<!-- mbo-alumni:aanmelding -->"
FORMS = {"vereniging": Forms.join_association, "evenement": Forms.join_event}
CHECK_WORKFLOW = "check.yml"
MAX_BODY = 65_536  # GitHub's own limit for an issue body; anything longer is not a form
BOT = ("mbo-alumni aanmelding", "41898282+github-actions[bot]@users.noreply.github.com")


class IntakeError(GitHubError):
    """The event or the repository cannot be processed (not the volunteer's mistake)."""


@dataclass(frozen=True)
class Issue:
    """The parts of an `issues` event payload that intake reads."""

    repo: str  # owner/name
    number: int
    body: str
    labels: tuple[str, ...]
    author: str = ""  # issue.user.login from the event payload, never from the issue's text
    # A request by e-mail (`from-mail`) has no issue: a short key of it names its branch,
    # nothing is commented, and the answer is printed for the maintainer to send.
    mail: str = ""

    @property
    def ref(self) -> str:
        """Return what names the request's branch: issue-7, or mail-<key>."""
        return f"mail-{self.mail}" if self.mail else f"issue-{self.number}"

    @property
    def source(self) -> str:
        """Return where the request came from, for pull requests and commits."""
        return "een verzoek dat per e-mail is ontvangen" if self.mail else f"#{self.number}"

    @property
    def closes(self) -> str:
        """Return the line that closes the issue when the pull request is merged."""
        return "" if self.mail else f"Closes #{self.number}\n"

    @classmethod
    def from_event(cls, path: Path) -> Issue:
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            issue = payload["issue"]
            return cls(
                repo=str(payload["repository"]["full_name"]),
                number=int(issue["number"]),
                body=str(issue.get("body") or ""),
                labels=tuple(str(label["name"]) for label in issue.get("labels") or []),
                author=str((issue.get("user") or {}).get("login") or ""),
            )
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise IntakeError(f"kan het event niet lezen: {error}") from None


@dataclass(frozen=True)
class Outcome:
    """What intake did: the comment it left and, when valid, the pull request's branch."""

    comment: str
    branch: str | None = None


def upsert_comment(root: Path, issue: Issue, text: str) -> None:
    """Leave `text` as intake's one comment on the issue: update it if it exists."""
    if issue.mail:
        return  # no issue to comment on: from-mail prints the answer
    body = f"{MARKER}\n{text}"
    comments = gh_api(f"repos/{issue.repo}/issues/{issue.number}/comments?per_page=100", cwd=root)
    for comment in comments or []:
        if MARKER in str(comment.get("body", "")):
            gh_api(f"repos/{issue.repo}/issues/comments/{comment['id']}", "PATCH", body, cwd=root)
            return
    gh_api(f"repos/{issue.repo}/issues/{issue.number}/comments", "POST", body, cwd=root)


def pull_request_body(issue: Issue, name: str, form_label: str) -> str:
    """Return the pull request's text: the repository's template, filled in."""
    return (
        "## Wat verandert er?\n\n"
        f"{form_label}: {quiet(name)}. Gemaakt uit {issue.source}.\n\n"
        "## Checklist\n\n"
        "- [x] Alleen gegevens uit de aanmelding zijn toegevoegd.\n"
        "- [x] Het item staat op de goede plek: op alfabetische volgorde van `id` "
        "(`mbo-alumni sort`).\n"
        "- [x] De gegevens zijn gecontroleerd met `mbo-alumni validate`; een persoon met naam "
        "of eigen e-mailadres gaf toestemming (`consent: true`), of er staat een algemeen adres.\n"
        "- [ ] De controle (het vinkje onder deze pull request) is groen.\n\n"
        f"{issue.closes}"
    )


def _load(settings: Settings, today: date) -> Data:
    return load(settings.data_path, today, settings.files, settings.zone)


def check(
    issue: Issue,
    settings: Settings,
    form: issue_form.Form,
    today: date,
    pending: frozenset[str] = frozenset(),
) -> tuple[dict[str, Any], list[str]]:
    """Return the entry the issue describes and every problem with it, against the data and
    the associations still `pending` in an open intake pull request."""
    if len(issue.body) > MAX_BODY:
        return {}, [
            f"Je bericht is te lang ({len(issue.body):,} tekens; het mag {MAX_BODY:,} zijn). "
            "Maak de beschrijving korter."
        ]
    layout = issue_form.structure_problems(issue.body, form)
    if layout:
        return {}, layout
    try:
        data = _load(settings, today)
    except (DataError, UnreadableInput) as error:
        raise IntakeError(f"de gegevens op de hoofdtak zijn zelf niet geldig:\n{error}") from None
    themes = {t.name: t.id for t in data.themes}
    candidate = issue_form.entry(issue.body, form, today, themes)
    known = {a.id for a in data.associations}
    messages = issue_form.problems(candidate, form, known | pending, data.regions, settings.zone)
    taken = known if form.model is Association else {e.id for e in data.events}
    ident = candidate.get("id")
    if isinstance(ident, str) and ident in taken:
        kind = "vereniging" if form.model is Association else "bijeenkomst"
        messages.append(
            f"Veld '{form.label('id')}': er staat al een {kind} met korte naam '{ident}' op de "
            "site. "
            "Kies een andere korte naam; wil je de bestaande gegevens wijzigen, gebruik dan "
            "de link 'Wijzig deze gegevens' op haar pagina."
        )
    return candidate, messages


def _insert(settings: Settings, file: str, candidate: dict[str, Any]) -> None:
    issue_form.append_entries(settings.data_path / file, [candidate])


def start_branch(settings: Settings, branch: str, start: str, remote: str) -> None:
    """Check out `branch` afresh from the remote's `start` (main, or the branch a stacked
    event builds on)."""
    run(["git", "fetch", "--quiet", remote, start], settings.root)
    run(["git", "checkout", "--quiet", "-B", branch, f"{remote}/{start}"], settings.root)


def propose(settings: Settings, issue: Issue, branch: str, base: str, title: str,
            body: str) -> str:  # fmt: skip
    """Open or update the one pull request from `branch`, and start its checks; return it."""
    pull = _open_or_update_pull(settings.root, issue, branch, base, title, body)
    if issue.mail and pull.startswith("#"):  # an e-mail's reader needs the whole address
        pull = f"https://github.com/{issue.repo}/pull/{pull[1:]}"
    # Pushes and pull requests made with the workflow's token start no other workflow;
    # a dispatch does, and its checks land on the branch's commit, so the PR shows them.
    run(["gh", "workflow", "run", CHECK_WORKFLOW, "--repo", issue.repo, "--ref", branch],
        settings.root)  # fmt: skip
    return pull


def publish_branch(settings: Settings, branch: str, message: str, remote: str) -> None:
    """Commit the changed data folder as the bot and push it to `branch` (replacing it: the
    branch always holds one commit on top of its base, made from the issue as it is now)."""
    name, email = BOT
    run(["git", "add", settings.data_dir], settings.root)
    run(["git", "-c", f"user.name={name}", "-c", f"user.email={email}", "commit", "--quiet",
         "-m", message], settings.root)  # fmt: skip
    run(["git", "push", "--quiet", "--force", remote, f"HEAD:refs/heads/{branch}"], settings.root)


def open_pulls(root: Path, repo: str, branch: str) -> list[dict[str, Any]]:
    """Return the open pull requests from `branch` ({number, url})."""
    command = ["gh", "pr", "list", "--repo", repo, "--head", branch, "--state", "open",
               "--json", "number,url"]  # fmt: skip
    found: list[dict[str, Any]] = json.loads(run(command, root) or "[]")
    return found


def merge_when_checked(root: Path, repo: str, pull: str) -> None:
    """Let the pull request merge itself once the checks pass (when the repository allows
    auto-merge; otherwise it waits for review)."""
    try:
        run(["gh", "pr", "merge", pull.lstrip("#"), "--repo", repo, "--auto", "--squash"], root)
    except GitHubError:
        pass  # auto-merge is off in this repository: the pull request waits for review


def _open_or_update_pull(root: Path, issue: Issue, branch: str, base: str, title: str,
                         body: str) -> str:  # fmt: skip
    found = open_pulls(root, issue.repo, branch)
    with tempfile.NamedTemporaryFile("w", suffix=".md", encoding="utf-8") as handle:
        handle.write(body)
        handle.flush()
        if found:
            number = str(found[0]["number"])
            run(["gh", "pr", "edit", number, "--repo", issue.repo, "--title", title,
                  "--body-file", handle.name], root)  # fmt: skip
            return f"#{number}"
        output = run(["gh", "pr", "create", "--repo", issue.repo, "--base", base, "--head",
                       branch, "--title", title, "--body-file", handle.name], root)  # fmt: skip
    url = output.strip().splitlines()[-1] if output.strip() else ""
    return f"#{url.rsplit('/', 1)[-1]}" if url.rsplit("/", 1)[-1].isdigit() else url


def _pending(
    settings: Settings, issue: Issue, remote: str, today: date
) -> dict[str, tuple[str, str]]:
    """Return {association id: (branch, pull request)} for the associations that are only in
    an open intake pull request, not yet on the main branch."""
    root = settings.root
    try:
        on_main = {a.id for a in _load(settings, today).associations}
    except (DataError, UnreadableInput):
        return {}
    command = ["gh", "pr", "list", "--repo", issue.repo, "--state", "open",
               "--json", "number,headRefName", "--limit", "200"]  # fmt: skip
    listed = json.loads(run(command, root) or "[]")
    found: dict[str, tuple[str, str]] = {}
    for pull in listed:
        branch = str(pull.get("headRefName", ""))
        if not branch.startswith("aanmelding/") or branch == f"aanmelding/{issue.ref}":
            continue
        try:
            run(["git", "fetch", "--quiet", remote, branch], root)
            file = f"{Path(settings.data_dir).as_posix()}/{settings.files.associations}"
            entries = yaml.safe_load(run(["git", "show", f"FETCH_HEAD:{file}"], root)) or []
        except (GitHubError, yaml.YAMLError):
            continue  # a branch that is not what it seems: the event waits for main
        for entry in entries if isinstance(entries, list) else []:
            ident = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(ident, str) and ident not in on_main:
                found.setdefault(ident, (branch, f"#{pull['number']}"))
    return found


def intake(issue: Issue, settings: Settings, today: date, base: str,
           remote: str = "origin") -> Outcome | None:  # fmt: skip
    """Turn one submitted issue into a comment and, when valid, a pull request.

    Returns None when the issue did not come from one of the forms.
    """
    kind = next((label for label in issue.labels if label in FORMS), None)
    if kind is None:
        return None
    root = settings.root
    form = issue_form.read_form(root / ".github" / "ISSUE_TEMPLATE" / FORMS[kind])
    pending = _pending(settings, issue, remote, today) if form.model is not Association else {}
    candidate, messages = check(issue, settings, form, today, frozenset(pending))
    if messages:
        text = problems_text(messages, "Dank je voor je aanmelding!", bool(issue.mail))
        upsert_comment(root, issue, text)
        return Outcome(text)
    # An event of an association still under review builds on that association's pull
    # request (stacked: GitHub moves it to main when the association's request is merged).
    stacked = next((pending[i] for i in candidate.get("organizer", []) if i in pending), None)
    start = stacked[0] if stacked else base
    branch = f"aanmelding/{issue.ref}"
    start_branch(settings, branch, start, remote)
    is_association = form.model is Association
    files = settings.files
    _insert(settings, files.associations if is_association else files.events, candidate)
    try:
        _load(settings, today)  # the whole data set, with the new entry in it
    except DataError as error:
        text = problems_text(
            [issue_form.in_form_words(p.message, form) for p in error.problems],
            "Dank je voor je aanmelding!",
            bool(issue.mail),
        )
        upsert_comment(root, issue, text)
        return Outcome(text)
    label = "Nieuwe vereniging" if is_association else "Nieuwe bijeenkomst"
    name = str(candidate.get("name") or candidate.get("title") or candidate["id"])
    title = f"{label}: {quiet(name)}"
    publish_branch(settings, branch, f"{title}\n\nUit {issue.source}.", remote)
    body = pull_request_body(issue, name, label)
    if stacked:
        body = (f"Bouwt voort op {stacked[1]}: de vereniging van deze bijeenkomst is nog in "
                "behandeling. Eerst dat voorstel samenvoegen; dit volgt.\n\n" + body)  # fmt: skip
    pull = propose(settings, issue, branch, start, title, body)
    text = accepted_text(pull, bool(issue.mail))
    if stacked:
        text += (f"\n\nJe vereniging is nog in behandeling ({stacked[1]}). Je bijeenkomst staat "
                 "klaar in een voorstel dat daarop verder bouwt; je hoeft niets opnieuw in te "
                 "sturen. Ze gaan samen online.")  # fmt: skip
    upsert_comment(root, issue, text)
    return Outcome(text, branch)
