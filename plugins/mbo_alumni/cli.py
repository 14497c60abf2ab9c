"""`mbo-alumni`: validate the data and write its JSON Schemas."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from .contrib import issue_form
from .contrib.github import GitHubError
from .core import dates
from .core.problems import DataError, UnreadableInput
from .core.settings import Settings
from .source.articles import read_articles
from .source.checks import stale
from .source.load import Data, load
from .source.order import sort_entries
from .source.project import ProjectError, plain_project, read_project
from .source.reading import read_text
from .source.schema import site_regions, write_schemas

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _project(args: argparse.Namespace) -> Settings:
    """The project the arguments name. Its mkdocs.yml (--config, or the one in this folder
    when neither --config nor --data is given) gives the plugin's options, so the command
    reads what `mkdocs build` reads; --data names another data folder. Without a
    configuration: the plugin's defaults, with the docs folder beside the data folder."""
    config = args.config
    if config is None and args.data is None and Path("mkdocs.yml").is_file():
        config = "mkdocs.yml"
    if config is None:
        return plain_project(Path(args.data or Settings().data_dir))
    project = read_project(Path(config))
    if not args.data:
        return project
    data = Path(args.data)  # relative to the current folder, as the user typed it
    shown = data if data.is_absolute() or project.root == Path() else data.resolve()
    return replace(project, data_dir=str(shown))


def _load(project: Settings) -> Data:
    return load(project.data_path, dates.today(project.zone), project.files, project.zone)


def _validate(args: argparse.Namespace) -> int:
    project = _project(args)
    data_dir = project.data_path
    if not data_dir.is_dir():
        print(f"error: data folder not found: {data_dir}", file=sys.stderr)
        return EXIT_USAGE
    docs_dir = Path(args.docs) if args.docs else project.docs_path
    try:
        data = _load(project)
        articles = (
            read_articles(docs_dir, data, folder=project.paths.articles)
            if docs_dir.is_dir()
            else []
        )
    except UnreadableInput as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as error:
        _print_problems(error.problems)
        count = len(error.problems)
        print(f"{_count(count, 'fout', 'fouten')} gevonden", file=sys.stderr)
        return EXIT_INVALID
    _print_problems(data.warnings)
    print(
        f"{data_dir}: in orde ({_count(len(data.associations), 'vereniging', 'verenigingen')}, "
        f"{_count(len(data.events), 'evenement', 'evenementen')}, "
        f"{_count(len(articles), 'artikel', 'artikelen')})"
    )
    return EXIT_OK


def _print_problems(problems: list) -> None:  # type: ignore[type-arg]
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem.format())
        if annotate:
            print(problem.github())


def _sort(args: argparse.Namespace) -> int:
    project = _project(args)
    unsorted = []
    try:
        for name in (project.files.associations, project.files.events):
            path = project.data_path / name
            text = read_text(path)
            result = sort_entries(text, str(path))
            if result != text:
                unsorted.append(path)
                if not args.check:
                    path.write_text(result, encoding="utf-8")
    except UnreadableInput as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as error:
        _print_problems(list(error.problems))
        return EXIT_INVALID
    for path in unsorted:
        print(f"{path}: {'niet op volgorde' if args.check else 'op volgorde gezet'}")
    return EXIT_INVALID if args.check and unsorted else EXIT_OK


def _stale(args: argparse.Namespace) -> int:
    project = _project(args)
    try:
        data = _load(project)
    except (DataError, UnreadableInput) as error:
        print(f"error: de gegevens zijn niet geldig; draai eerst 'mbo-alumni validate'\n{error}",
              file=sys.stderr)  # fmt: skip
        return EXIT_INVALID
    found = stale(data.associations, dates.today(project.zone))
    for association in found:
        addresses = [association.email] if association.email else []
        contact = association.contact
        if contact and contact.consent and contact.email:
            addresses.append(f"{contact.name or 'contact'} <{contact.email}>")
        checked = association.checked.isoformat() if association.checked else "nooit"
        print(
            f"{association.id}\t{association.name}\tgecontroleerd: {checked}\t"
            f"{', '.join(addresses) or 'geen adres'}"
        )
    print(f"{_count(len(found), 'vereniging', 'verenigingen')} te controleren", file=sys.stderr)
    return EXIT_OK


def _from_issue(args: argparse.Namespace) -> int:
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
    project = _project(args)
    candidate = issue_form.entry(body, form, dates.today(project.zone))
    try:
        data = _load(project)
        known, regions = {a.id for a in data.associations}, data.regions
    except (DataError, UnreadableInput):
        known, regions = set(), None
    messages = issue_form.problems(candidate, form, known, regions)
    for message in messages:
        print(f"error: {message}")
    if messages:
        return EXIT_INVALID
    print(issue_form.to_yaml(candidate), end="")
    return EXIT_OK


def _intake(args: argparse.Namespace) -> int:
    from .contrib import intake

    try:
        issue = intake.Issue.from_event(Path(args.event))
        root = Path(args.root)
        config = Path(args.config) if args.config else root / "mkdocs.yml"
        settings = read_project(config) if config.is_file() else Settings(root=root)
        settings = replace(settings, root=root)  # the work tree intake commits in
        base = args.base or settings.edit_branch
        outcome = intake.intake(issue, settings, dates.today(settings.zone), base=base)
    except (GitHubError, issue_form.FormError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if outcome is None:
        print(f"issue #{issue.number}: geen aanmeldformulier; niets te doen")
    elif outcome.branch:
        print(f"issue #{issue.number}: in orde; pull request vanaf {outcome.branch}")
    else:
        print(f"issue #{issue.number}: nog niet in orde; commentaar geplaatst")
    return EXIT_OK


def _links(args: argparse.Namespace) -> int:
    from .contrib import links

    project = _project(args)
    try:
        data = _load(project)
    except UnreadableInput as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as error:
        _print_problems(error.problems)
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


def _patrol(args: argparse.Namespace) -> int:
    from .contrib import patrol

    project = _project(args)
    try:
        data = _load(project)
        report = patrol.read_report(Path(args.links)) if args.links else None
    except (UnreadableInput, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as error:
        _print_problems(error.problems)
        return EXIT_USAGE
    try:
        done = patrol.patrol_stale(data.associations, args.repo, dates.today(project.zone), project)
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


def _build(args: argparse.Namespace) -> int:
    from .publish import PublishError, publish

    try:
        return publish(Path(args.config or "mkdocs.yml"), Path(args.site_dir), [])
    except PublishError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _schema(args: argparse.Namespace) -> int:
    try:
        project = _project(args)
        regions = site_regions(project.data_path / project.files.regions)
    except (DataError, UnreadableInput) as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    for path in write_schemas(Path(args.out), regions):
        print(f"wrote {path}")
    return EXIT_OK


def _data_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--config", help="the site's mkdocs.yml, for the plugin's options (default: ./mkdocs.yml)"
    )
    command.add_argument("--data", help="the data folder (default: the site's, or data)")


def _intake_command(commands: Any) -> None:
    """Add `mbo-alumni intake` to the subcommands."""
    intake_command = commands.add_parser(
        "intake", help="turn a submitted issue form into a comment or a pull request (CI)"
    )
    intake_command.add_argument(
        "--event", required=True, help="the event payload file (GITHUB_EVENT_PATH)"
    )
    intake_command.add_argument("--root", default=".", help="the repository's work tree (.)")
    intake_command.add_argument(
        "--base", help="the branch to propose to (default: the site's edit_branch, or main)"
    )
    intake_command.add_argument(
        "--config", help="the site's mkdocs.yml (default: mkdocs.yml in --root)"
    )
    intake_command.set_defaults(run=_intake)


def parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    root = argparse.ArgumentParser(prog="mbo-alumni", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check data/associations.yaml and events.yaml")
    _data_arguments(validate)
    validate.add_argument(
        "--docs",
        help="folder with the Markdown pages (default: the site's docs_dir, or docs beside data)",
    )
    validate.set_defaults(run=_validate)
    sort = commands.add_parser("sort", help="put the entries of the data files in id order")
    _data_arguments(sort)
    sort.add_argument("--check", action="store_true", help="only report; exit 1 when unsorted")
    sort.set_defaults(run=_sort)
    stale_command = commands.add_parser("stale", help="list associations unconfirmed 18 months")
    _data_arguments(stale_command)
    stale_command.set_defaults(run=_stale)
    from_issue = commands.add_parser(
        "from-issue", help="turn a submitted issue form into a YAML entry"
    )
    from_issue.add_argument(
        "--form", required=True, help="the issue form (.github/ISSUE_TEMPLATE/...)"
    )
    _data_arguments(from_issue)
    from_issue.add_argument("body", help="file with the issue body, or - for standard input")
    from_issue.set_defaults(run=_from_issue)
    links_command = commands.add_parser(
        "links", help="check every URL in the data; exit 1 when one is dead"
    )
    _data_arguments(links_command)
    links_command.add_argument("--json", help="also write the report as JSON to this file")
    links_command.add_argument("--concurrency", type=int, default=8, help="at most N at once (8)")
    links_command.add_argument("--timeout", type=float, default=10.0, help="seconds (10)")
    links_command.add_argument(
        "--pause", type=float, default=1.0, help="seconds between requests to one host (1)"
    )
    links_command.set_defaults(run=_links)
    patrol_command = commands.add_parser(
        "patrol", help="keep one issue per stale association and one for dead links (CI)"
    )
    patrol_command.add_argument("--repo", required=True, help="owner/name on GitHub")
    _data_arguments(patrol_command)
    patrol_command.add_argument("--links", help="a report from 'mbo-alumni links --json'")
    patrol_command.set_defaults(run=_patrol)
    _intake_command(commands)
    build = commands.add_parser(
        "build", help="build the site into a fresh folder; replace site/ only on success"
    )
    build.add_argument("--config", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    build.add_argument("--site-dir", default="site", help="the published folder (site)")
    build.set_defaults(run=_build)
    schema = commands.add_parser("schema", help="write the JSON Schemas of the data files")
    schema.add_argument("--out", default="schemas", help="folder to write to (schemas)")
    _data_arguments(schema)
    schema.set_defaults(run=_schema)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (argparse exits 2 on usage errors)."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
