"""A project's settings for the command line: the mbo-alumni options in its mkdocs.yml.

Read without MkDocs (the core does not import it), so that `mbo-alumni validate` checks the
same folders and files, in the same time zone, as `mkdocs build` does. Only the options that
decide what the data is are read here; the others only change the pages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from ..core.dates import AMSTERDAM
from ..core.website import zone_named
from .articles import ARTICLES_FOLDER
from .load import DataFiles

PLUGIN = "mbo-alumni"
DATA_DIR, TIMEZONE = "data", "Europe/Amsterdam"  # the defaults of data_dir and timezone


class ProjectError(Exception):
    """The MkDocs configuration cannot be read, or its mbo-alumni options are wrong."""


@dataclass(frozen=True)
class Project:
    """Where the data and the articles are, what the data files are called, and the zone."""

    data_dir: Path
    docs_dir: Path
    articles_dir: str = ARTICLES_FOLDER
    files: DataFiles = field(default_factory=DataFiles)
    zone: ZoneInfo = AMSTERDAM


def plain_project(data_dir: Path) -> Project:
    """Return the plugin's defaults for a data folder, with the docs folder beside it."""
    return Project(data_dir, data_dir.parent / "docs")


class _ConfigLoader(yaml.SafeLoader):
    """MkDocs' YAML: `!ENV` is read as MkDocs reads it; other tags (`!!python/name:` and the
    like) only matter to MkDocs and are read as nothing."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, else the default."""
    children: list[Any] = node.value if isinstance(node, yaml.SequenceNode) else [node]
    names, fallback = (children[:-1], children[-1]) if len(children) > 1 else (children, None)
    for child in names:
        name = loader.construct_scalar(child)
        if name in os.environ:
            return os.environ[name]
    return loader.construct_object(fallback) if fallback is not None else None


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_project(config: Path) -> Project:
    """Return the project that the MkDocs configuration `config` describes, or raise
    ProjectError saying what to change."""
    try:
        top = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ProjectError(f"{config}: kan de MkDocs-configuratie niet lezen: {error}") from None
    if not isinstance(top, dict):
        raise ProjectError(f"{config}: geen MkDocs-configuratie (verwacht key: waarde)")
    options = _plugin_options(config, top.get("plugins"))
    base = config.parent  # relative stays relative: messages name files as the user does
    text = _text_options(config, options, ("data_dir", "articles_dir", "timezone"))
    files = options.get("files") or {}
    known = {f.name for f in fields(DataFiles)}
    if not isinstance(files, dict) or set(files) - known or not _all_text(files.values()):
        raise ProjectError(
            f"{config}: '{PLUGIN}' 'files' kent alleen {', '.join(sorted(known))}, elk met een "
            "bestandsnaam"
        )
    try:
        zone = zone_named(text.get("timezone", TIMEZONE))
    except ValueError as error:
        raise ProjectError(f"{config}: {error}") from None
    return Project(
        data_dir=base / text.get("data_dir", DATA_DIR),
        docs_dir=base / str(top.get("docs_dir") or "docs"),
        articles_dir=text.get("articles_dir", ARTICLES_FOLDER).strip("/"),
        files=DataFiles(**files),
        zone=zone,
    )


def _plugin_options(config: Path, plugins: object) -> dict[str, Any]:
    """Return the options given to mbo-alumni in `plugins` (a list or a mapping)."""
    entries = list(plugins.items()) if isinstance(plugins, dict) else []
    for entry in plugins if isinstance(plugins, list) else []:
        entries += [(entry, None)] if isinstance(entry, str) else list(dict(entry).items())
    for name, options in entries:
        if name == PLUGIN:
            if options is not None and not isinstance(options, dict):
                raise ProjectError(f"{config}: de opties van '{PLUGIN}' zijn geen key: waarde")
            return options or {}
    raise ProjectError(
        f"{config}: '{PLUGIN}' staat niet onder 'plugins'; geef de datamap met --data"
    )


def _text_options(config: Path, options: dict[str, Any], names: tuple[str, ...]) -> dict[str, str]:
    found = {name: options[name] for name in names if options.get(name) is not None}
    wrong = [name for name, value in found.items() if not isinstance(value, str)]
    if wrong:
        raise ProjectError(f"{config}: '{PLUGIN}' '{wrong[0]}' moet een tekst zijn")
    return found


def _all_text(values: Any) -> bool:
    return all(isinstance(value, str) for value in values)
