"""`mbo-alumni`: validate the data and write its JSON Schemas."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .articles import read_articles
from .load import DataError, UnreadableInput, load
from .schema import write_schemas

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.data)
    if not data_dir.is_dir():
        print(f"error: data folder not found: {data_dir}", file=sys.stderr)
        return EXIT_USAGE
    # The docs folder sits beside the data folder in a project, unless told otherwise.
    docs_dir = Path(args.docs) if args.docs else data_dir.parent / "docs"
    try:
        data = load(data_dir)
        articles = read_articles(docs_dir, data) if docs_dir.is_dir() else []
    except UnreadableInput as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as error:
        annotate = os.environ.get("GITHUB_ACTIONS") == "true"
        for problem in error.problems:
            print(problem.format())
            if annotate:
                print(problem.github())
        count = len(error.problems)
        print(f"{_count(count, 'fout', 'fouten')} gevonden", file=sys.stderr)
        return EXIT_INVALID
    print(
        f"{data_dir}: in orde ({_count(len(data.associations), 'vereniging', 'verenigingen')}, "
        f"{_count(len(data.events), 'evenement', 'evenementen')}, "
        f"{_count(len(articles), 'artikel', 'artikelen')})"
    )
    return EXIT_OK


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _schema(args: argparse.Namespace) -> int:
    for path in write_schemas(Path(args.out)):
        print(f"wrote {path}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    root = argparse.ArgumentParser(prog="mbo-alumni", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check data/associations.yaml and events.yaml")
    validate.add_argument("--data", default="data", help="folder with the YAML files (data)")
    validate.add_argument(
        "--docs", help="folder with the Markdown pages to check (default: docs beside the data)"
    )
    validate.set_defaults(run=_validate)
    schema = commands.add_parser("schema", help="write the JSON Schemas of the data files")
    schema.add_argument("--out", default="schemas", help="folder to write to (schemas)")
    schema.set_defaults(run=_schema)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (argparse exits 2 on usage errors)."""
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
