"""The `mbo-alumni` commands of the volunteer's path and of publishing: from-issue, intake,
links, patrol, build and import (the data commands are in `cli.py`, which parses the arguments)."""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from .cli_data import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    count_words,
    load_project,
    print_problems,
    project_of,
)
from .contrib import issue_form
from .contrib.github import GitHubError
from .contrib.replies import UNEXPECTED
from .contrib.spreadsheet import import_sheets
from .core import dates
from .core.problems import DataError, UnreadableInput
from .core.settings import Settings


def from_issue(args: argparse.Namespace) -> int:
    from .contrib.intake import MAX_BODY

    try:
        form = issue_form.read_form(Path(args.form))
        body = sys.stdin.read() if args.body == "-" else Path(args.body).read_text("utf-8")
    except issue_form.FormError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, UnicodeDecodeError) as error:
        why = "geen UTF-8" if isinstance(error, UnicodeDecodeError) else error.strerror
        print(f"error: kan de tekst van het issue niet lezen: {why}", file=sys.stderr)
        return EXIT_USAGE
    if len(body) > MAX_BODY:
        print(f"error: de tekst is te lang ({len(body):,} tekens; hoogstens {MAX_BODY:,})",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    for message in issue_form.structure_problems(body, form):
        print(f"error: {message}")
        return EXIT_INVALID
    project = project_of(args)
    try:
        data = load_project(project)
        known, regions = {a.id for a in data.associations}, data.regions
        themes = {t.name: t.id for t in data.themes}
    except (DataError, UnreadableInput):
        known, regions, themes = set(), None, {}
    candidate = issue_form.entry(body, form, dates.today(project.zone), themes)
    messages = issue_form.problems(candidate, form, known, regions, project.zone)
    for message in messages:
        print(f"error: {message}")
    if messages:
        return EXIT_INVALID
    print(issue_form.to_yaml(candidate), end="")
    return EXIT_OK


def _settings_at(args: argparse.Namespace) -> Settings:
    """Return the site's settings for the work tree --root (the one intake commits in)."""
    root = Path(args.root)
    config = Path(args.config) if args.config else root / "mkdocs.yml"
    from .config import project_settings  # MkDocs itself, only when there is a mkdocs.yml

    settings = project_settings(config) if config.is_file() else Settings(root=root)
    return replace(settings, root=root)


def _take(issue: Any, settings: Settings, base: str) -> Any:
    """Return what the request becomes: a new entry, a change, or an association taken off
    the site (None when it is none of these)."""
    from .contrib import changes, intake, removal

    today = dates.today(settings.zone)
    outcome = intake.intake(issue, settings, today, base=base)
    if outcome is None:  # not a new entry: a change to an existing one?
        outcome = changes.intake_change(issue, settings, today, base=base)
    if outcome is None:  # or an association taken off the site?
        outcome = removal.intake_removal(issue, settings, today, base=base)
    return outcome


def intake_issue(args: argparse.Namespace) -> int:
    from .contrib import intake

    issue: intake.Issue | None = None
    root = Path(args.root)
    try:
        issue = intake.Issue.from_event(Path(args.event))
        settings = _settings_at(args)
        outcome = _take(issue, settings, args.base or settings.edit_branch)
    except (GitHubError, issue_form.FormError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except Exception:
        # A mistake of ours, not the volunteer's: they still hear that their message arrived
        # and that a maintainer looks at it; the workflow fails with the traceback.
        if issue is not None:
            try:
                intake.upsert_comment(root, issue, UNEXPECTED)
            except GitHubError:
                pass  # the traceback below is what the maintainer needs
        raise
    assert issue is not None  # read above, or the command ended
    if outcome is None:
        print(f"issue #{issue.number}: geen aanmeldformulier; niets te doen")
    elif outcome.branch:
        print(f"issue #{issue.number}: in orde; pull request vanaf {outcome.branch}")
    else:
        print(f"issue #{issue.number}: nog niet in orde; commentaar geplaatst")
    return EXIT_OK


def from_mail(args: argparse.Namespace) -> int:
    """A request by e-mail: the same branch and pull request as intake makes for an issue
    (never merged by itself), and the Dutch answer printed for the maintainer to send."""
    from .contrib import intake, mail

    repo = args.repo or os.environ.get("GITHUB_REPOSITORY", "")
    if not re.fullmatch(r"[\w.-]+/[\w.-]+", repo):
        print("error: name the repository with --repo OWNER/NAME", file=sys.stderr)
        return EXIT_USAGE
    try:
        settings = _settings_at(args)
        raw = Path(args.message).read_bytes()
        request = mail.read_request(raw, settings.root / ".github" / "ISSUE_TEMPLATE")
        issue = intake.Issue(repo, 0, request.body, (request.label,), mail=request.key)
        if len(request.body) > intake.MAX_BODY:
            raise mail.MailError("het verzoek is te lang; vraag om een kortere beschrijving")
        outcome = _take(issue, settings, args.base or settings.edit_branch)
    except OSError as error:
        print(f"error: kan {args.message} niet lezen: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    except mail.MailError as error:
        print(f"error: {args.message}: {error}", file=sys.stderr)
        return EXIT_INVALID
    except (GitHubError, issue_form.FormError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if outcome is None:
        print(f"error: {args.message}: dit soort verzoek verwerkt de site niet zelf",
              file=sys.stderr)  # fmt: skip
        return EXIT_INVALID
    done = f"pull request vanaf {outcome.branch}" if outcome.branch else "nog niet in orde"
    print(f"{args.message}: {done}. Stuur dit antwoord (niet openbaar) aan {request.sender}:")
    subject = request.subject if request.subject.lower().startswith("re:") else (
        f"Re: {request.subject}")  # fmt: skip
    print(f"\nOnderwerp: {subject}\n")
    print(outcome.comment.replace("**", "").strip())
    if request.above:
        print(f"\nDe afzender schreef boven het verzoek (lees het na):\n{request.above}")
    return EXIT_OK


def links(args: argparse.Namespace) -> int:
    from .contrib import links

    project = project_of(args)
    try:
        data = load_project(project)
    except UnreadableInput as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as error:
        print_problems(error.problems)
        print("error: de gegevens zijn niet geldig; draai eerst 'mbo-alumni validate'",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    found = links.data_links(data.associations, data.events, project.files)
    results = links.check_links(
        found, concurrency=args.concurrency, timeout=args.timeout, pause=args.pause
    )
    print(links.text_report(results), end="")
    if args.json:
        Path(args.json).write_text(links.json_report(results), encoding="utf-8")
    return EXIT_INVALID if any(r.verdict == "dead" for r in results) else EXIT_OK


def patrol(args: argparse.Namespace) -> int:
    from .contrib import patrol

    project = project_of(args)
    try:
        data = load_project(project)
        report = patrol.read_report(Path(args.links)) if args.links else None
    except (UnreadableInput, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as error:
        print_problems(error.problems)
        return EXIT_USAGE
    try:
        done = patrol.patrol_stale(data.associations, args.repo, dates.today(project.zone))
        print(
            f"controle: {len(done.opened)} geopend, {len(done.closed)} gesloten, "
            f"{len(done.kept)} staan nog open"
        )
        if report is not None:
            print(f"links: {patrol.patrol_links(report, args.repo)}")
    except GitHubError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def build(args: argparse.Namespace) -> int:
    from .publish import PublishError, publish

    try:
        return publish(Path(args.config or "mkdocs.yml"), Path(args.site_dir), [])
    except PublishError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE


def import_command(args: argparse.Namespace) -> int:
    """Add the entries of CSV files to the data, or print every problem and change nothing."""
    if not args.associations and not args.events:
        print(
            "error: name a file with --associations FILE.csv or --events FILE.csv", file=sys.stderr
        )
        return EXIT_USAGE
    project = project_of(args)
    paths = [Path(p) if p else None for p in (args.associations, args.events)]
    try:
        done = import_sheets(project, dates.today(project.zone), *paths)
    except UnreadableInput as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:  # a full disk, no permission: written whole or not at all
        print(f"error: kan de gegevens in {project.data_path} niet schrijven "
              f"({error.strerror or error}); er is niets veranderd", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    if done.problems:
        print_problems(done.problems)
        count = count_words(len(done.problems), "fout", "fouten")
        print(f"{count} gevonden; er is niets veranderd", file=sys.stderr)
        return EXIT_INVALID
    for name, number in done.added.items():
        kind = (
            ("vereniging", "verenigingen")
            if name == project.files.associations
            else ("bijeenkomst", "bijeenkomsten")
        )
        print(f"{project.data_path / name}: {count_words(number, *kind)} toegevoegd")
    return EXIT_OK


def sync_command(args: argparse.Namespace) -> int:
    """Follow the associations' own calendars: into the data folder, or (with --repo) one
    pull request per association. Exit 1 when a calendar could not be taken (without --repo;
    with it, that is an issue for the maintainer)."""
    from .contrib.github import GitHubError
    from .contrib.sync_run import Options, sync

    try:
        settings = _settings_at(args)
        site_url = _site_url(Path(args.config) if args.config else settings.root / "mkdocs.yml")
        options = Options(
            today=dates.today(settings.zone),
            repo=args.repo or "",
            base=args.base or settings.edit_branch,
            allow_local=args.allow_local,
            state=Path(args.state) if args.state else None,
            only=args.association,
            user_agent=f"mbo-alumni-sync/1 (+{site_url})" if site_url else "mbo-alumni-sync/1",
        )
        report = sync(settings, options)
    except DataError as error:
        print_problems(error.problems)
        return EXIT_INVALID
    except (UnreadableInput, GitHubError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    for line in report.lines:
        print(line)
    # With a repository each failure is an issue for the maintainer: the run itself succeeded.
    return EXIT_INVALID if report.failed and not options.repo else EXIT_OK


def _site_url(config: Path) -> str:
    if not config.is_file():
        return ""
    from .config import loaded

    return str(loaded(config)[0].get("site_url") or "")
