"""`mbo-alumni`: the command line (the commands are in `cli_data` and `cli_contrib`)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from . import cli_contrib, cli_data
from .source.project import ProjectError


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
    intake_command.set_defaults(run=cli_contrib.intake_issue)
    _from_mail_command(commands)  # the same path for a request sent by e-mail


def _from_mail_command(commands: Any) -> None:
    """Add `mbo-alumni from-mail` to the subcommands."""
    mail = commands.add_parser(
        "from-mail", help="turn a request sent by e-mail (a saved .eml) into a pull request"
    )
    mail.add_argument("message", help="the e-mail, saved as a .eml file")
    mail.add_argument("--root", default=".", help="the repository's work tree (.)")
    mail.add_argument("--repo", help="owner/name on GitHub (default: $GITHUB_REPOSITORY)")
    mail.add_argument(
        "--base", help="the branch to propose to (default: the site's edit_branch, or main)"
    )
    mail.add_argument("--config", help="the site's mkdocs.yml (default: mkdocs.yml in --root)")
    mail.set_defaults(run=cli_contrib.from_mail)


def _sync_command(commands: Any) -> None:
    """Add `mbo-alumni sync` to the subcommands."""
    sync = commands.add_parser(
        "sync", help="take the events of each association's own calendar (calendar:)"
    )
    sync.add_argument("--association", default="", help="only this association's id")
    sync.add_argument("--root", default=".", help="the repository's work tree (.)")
    sync.add_argument("--config", help="the site's mkdocs.yml (default: mkdocs.yml in --root)")
    sync.add_argument(
        "--repo", help="owner/name on GitHub: one pull request per association (CI); without "
        "it the data folder is changed in place",
    )  # fmt: skip
    sync.add_argument("--base", help="the branch to propose to (default: edit_branch, or main)")
    sync.add_argument("--state", help="a JSON file that keeps ETag and Last-Modified between runs")
    sync.add_argument(
        "--allow-local", action="store_true",
        help="also fetch from 127.0.0.1 and ::1, plain http too (tests only; never in CI)",
    )  # fmt: skip
    sync.set_defaults(run=cli_contrib.sync_command)


def _import_command(commands: Any) -> None:
    """Add `mbo-alumni import` to the subcommands."""
    sheets = commands.add_parser(
        "import", help="add new entries from CSV files (a spreadsheet saved as CSV)"
    )
    sheets.add_argument("--associations", help="CSV file with new associations")
    sheets.add_argument("--events", help="CSV file with new events")
    _data_arguments(sheets)
    sheets.set_defaults(run=cli_contrib.import_command)


def _outputs_commands(commands: Any) -> None:
    """The commands that write files for others: the JSON Schemas and `outputs`."""
    schema = commands.add_parser("schema", help="write the JSON Schemas (data, open data)")
    schema.add_argument("--out", default="schemas", help="folder to write to (schemas)")
    _data_arguments(schema)
    schema.set_defaults(run=cli_data.schema_command)
    outputs = commands.add_parser(
        "outputs", help="write the calendars, feeds, open data and embeds into a built site"
    )
    outputs.add_argument("site_dir", help="the folder another engine built the site into")
    outputs.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    outputs.set_defaults(run=cli_data.outputs_command)


def parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    root = argparse.ArgumentParser(
        prog="mbo-alumni", description="Check, sort and publish the data of the alumni site."
    )
    commands = root.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check data/associations.yaml and events.yaml")
    _data_arguments(validate)
    validate.add_argument(
        "--docs",
        help="folder with the Markdown pages (default: the site's docs_dir, or docs beside data)",
    )
    validate.set_defaults(run=cli_data.validate_command)
    sort = commands.add_parser("sort", help="put the entries of the data files in id order")
    _data_arguments(sort)
    sort.add_argument("--check", action="store_true", help="only report; exit 1 when unsorted")
    sort.set_defaults(run=cli_data.sort_command)
    stale_command = commands.add_parser("stale", help="list associations unconfirmed 18 months")
    _data_arguments(stale_command)
    stale_command.set_defaults(run=cli_data.stale_command)
    from_issue = commands.add_parser(
        "from-issue", help="turn a submitted issue form into a YAML entry"
    )
    from_issue.add_argument(
        "--form", required=True, help="the issue form (.github/ISSUE_TEMPLATE/...)"
    )
    _data_arguments(from_issue)
    from_issue.add_argument("body", help="file with the issue body, or - for standard input")
    from_issue.set_defaults(run=cli_contrib.from_issue)
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
    links_command.set_defaults(run=cli_contrib.links)
    patrol_command = commands.add_parser(
        "patrol", help="keep one issue per stale association and one for dead links (CI)"
    )
    patrol_command.add_argument("--repo", required=True, help="owner/name on GitHub")
    _data_arguments(patrol_command)
    patrol_command.add_argument("--links", help="a report from 'mbo-alumni links --json'")
    patrol_command.set_defaults(run=cli_contrib.patrol)
    _intake_command(commands)
    _sync_command(commands)
    _import_command(commands)
    _outputs_commands(commands)
    build = commands.add_parser(
        "build", help="build the site into a fresh folder; replace site/ only on success"
    )
    build.add_argument("--config", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    build.add_argument("--site-dir", default="site", help="the published folder (site)")
    build.set_defaults(run=cli_contrib.build)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (argparse exits 2 on usage errors)."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return cli_data.EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
