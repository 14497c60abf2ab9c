"""The `mbo-alumni` commands that read the data: validate, sort, stale, schema; and what every
command shares (the site's settings from the arguments, loading, printing problems)."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from .core import dates
from .core.atomic import write_atomic
from .core.problems import DataError, UnreadableInput
from .core.settings import Settings
from .outputs.open_data import API_SCHEMAS, api_schema, schema_text
from .source.articles import read_articles
from .source.checks import stale
from .source.load import Data, load
from .source.order import sort_entries
from .source.project import plain_project
from .source.reading import read_text
from .source.schema import site_regions, write_schemas

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def project_of(args: argparse.Namespace) -> Settings:
    """The project the arguments name. Its mkdocs.yml (--config, or the one in this folder
    when neither --config nor --data is given) gives the plugin's options, so the command
    reads what `mkdocs build` reads; --data names another data folder. Without a
    configuration: the plugin's defaults, with the docs folder beside the data folder."""
    config = args.config
    if config is None and args.data is None and Path("mkdocs.yml").is_file():
        config = "mkdocs.yml"
    if config is None:
        return plain_project(Path(args.data or Settings().data_dir))
    from .config import project_settings  # MkDocs itself, only when there is a mkdocs.yml

    project = project_settings(Path(config))
    if not args.data:
        return project
    data = Path(args.data)  # relative to the current folder, as the user typed it
    shown = data if data.is_absolute() or project.root == Path() else data.resolve()
    return replace(project, data_dir=str(shown))


def load_project(project: Settings) -> Data:
    return load(project.data_path, dates.today(project.zone), project.files, project.zone)


def validate_command(args: argparse.Namespace) -> int:
    project = project_of(args)
    data_dir = project.data_path
    if not data_dir.is_dir():
        print(f"error: data folder not found: {data_dir}", file=sys.stderr)
        return EXIT_USAGE
    docs_dir = Path(args.docs) if args.docs else project.docs_path
    try:
        data = load_project(project)
        articles = (
            read_articles(docs_dir, data, folder=project.paths.articles)
            if docs_dir.is_dir()
            else []
        )
    except UnreadableInput as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as error:
        print_problems(error.problems)
        count = len(error.problems)
        print(f"{count_words(count, 'fout', 'fouten')} gevonden", file=sys.stderr)
        return EXIT_INVALID
    print_problems(data.warnings)
    associations = count_words(len(data.associations), "vereniging", "verenigingen")
    print(
        f"{data_dir}: in orde ({associations}, "
        f"{count_words(len(data.events), 'evenement', 'evenementen')}, "
        f"{count_words(len(articles), 'artikel', 'artikelen')})"
    )
    return EXIT_OK


def print_problems(problems: list) -> None:  # type: ignore[type-arg]
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem.format())
        if annotate:
            print(problem.github())


def sort_command(args: argparse.Namespace) -> int:
    project = project_of(args)
    unsorted = []
    try:
        for name in (project.files.associations, project.files.events):
            path = project.data_path / name
            text = read_text(path)
            result = sort_entries(text, str(path))
            if result != text:
                unsorted.append(path)
                if not args.check:
                    write_atomic(path, result)
    except UnreadableInput as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as error:
        print_problems(list(error.problems))
        return EXIT_INVALID
    for path in unsorted:
        print(f"{path}: {'niet op volgorde' if args.check else 'op volgorde gezet'}")
    return EXIT_INVALID if args.check and unsorted else EXIT_OK


def stale_command(args: argparse.Namespace) -> int:
    project = project_of(args)
    try:
        data = load_project(project)
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
    print(
        f"{count_words(len(found), 'vereniging', 'verenigingen')} te controleren", file=sys.stderr
    )
    return EXIT_OK


def count_words(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def schema_command(args: argparse.Namespace) -> int:
    try:
        project = project_of(args)
        regions = site_regions(project.data_path / project.files.regions)
    except (DataError, UnreadableInput) as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    for path in write_schemas(Path(args.out), regions):
        print(f"wrote {path}")
    api = Path(args.out) / "api"  # the open data's documents, without a site's own $id
    api.mkdir(exist_ok=True)
    for name, model in API_SCHEMAS.items():
        write_atomic(api / name, schema_text(api_schema(model)))
        print(f"wrote {api / name}")
    return EXIT_OK


def outputs_command(args: argparse.Namespace) -> int:
    """`mbo-alumni outputs SITE_DIR`: the files beside the pages, into a site another engine
    built (Zensical has no plugin API), byte for byte as the plugin writes them."""
    from .site_files import write_outputs  # MkDocs' own loader reads the configuration

    try:
        written = write_outputs(Path(args.config), Path(args.site_dir))
    except (DataError, UnreadableInput) as error:
        print(str(error), file=sys.stderr)
        return EXIT_INVALID if isinstance(error, DataError) else EXIT_USAGE
    print(f"{args.site_dir}: {len(written)} bestanden geschreven (agenda's, feeds, open data)")
    return EXIT_OK
