"""A project's settings for the command line: the mbo-alumni options in its mkdocs.yml.

Read without MkDocs (only the adapter imports it) into the same `Settings` the plugin builds,
so every command reads the folders, files, branch and time zone that `mkdocs build` uses.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ..core.settings import PLUGIN, Settings, SettingsError


class ProjectError(Exception):
    """The MkDocs configuration cannot be read, or its mbo-alumni options are wrong."""


def plain_project(data_dir: Path) -> Settings:
    """Return the plugin's defaults for a data folder, with the docs folder beside it."""
    return Settings(root=data_dir.parent, data_dir=data_dir.name, docs_dir="docs")


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


def read_project(config: Path) -> Settings:
    """Return the settings that the MkDocs configuration `config` gives, or raise
    ProjectError saying what to change."""
    try:
        top = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ProjectError(f"{config}: kan de MkDocs-configuratie niet lezen: {error}") from None
    if not isinstance(top, dict):
        raise ProjectError(f"{config}: geen MkDocs-configuratie (verwacht key: waarde)")
    options = _plugin_options(config, top.get("plugins"))
    docs = top.get("docs_dir") or "docs"
    try:
        # relative stays relative: messages name files as the user does
        return Settings.from_options(options, root=config.parent, docs_dir=str(docs))
    except SettingsError as error:
        raise ProjectError(f"{config}: {error}") from None


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
