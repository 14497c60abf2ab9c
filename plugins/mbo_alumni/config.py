"""The plugin's options in mkdocs.yml, as MkDocs reads them: made from their one declaration
(`core.settings.OPTIONS`, with the settings' defaults), and checked by `Settings.from_options`
for the plugin and for every command alike."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig

from .core.settings import OPTIONAL, OPTIONS, PLUGIN, Settings, SettingsError, option_default
from .source.project import ProjectError

# Each asset by name and what it is: a stylesheet and a script on every page, and the scripts
# that only the join and change pages load (their templates name them).
STYLESHEETS = ("assets/mbo-alumni.css",)
SCRIPTS = ("assets/mbo-alumni.js",)
PAGE_SCRIPTS = ("assets/mbo-join.js", "assets/mbo-change.js")
ASSETS = (*STYLESHEETS, *SCRIPTS, *PAGE_SCRIPTS)


def _option(name: str) -> Any:
    """Return MkDocs' schema of one option (core/settings.py declares them: OPTIONS)."""
    group = sorted(key for key in OPTIONS if key.startswith(f"{name}."))
    if group:  # files, paths, catalogue: a group of texts
        options = {key.split(".", 1)[1]: _option(key) for key in group}
        return c.SubConfig(type(f"{name.title()}Config", (Config,), options))
    if name in OPTIONAL:
        return c.Optional(c.Type(str))
    return c.Type(str, default=option_default(name))


class MboAlumniConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin's options as MkDocs reads them: every top-level name of OPTIONS, with the
    settings' defaults (MkDocs collects a schema from the class body, so it is filled here)."""

    locals().update({name: _option(name) for name in OPTIONS if "." not in name})


def add_theme_parts(
    config: MkDocsConfig, templates: Path, stylesheets: tuple[str, ...], scripts: tuple[str, ...]
) -> None:
    """Put our templates after the site's overrides (custom_dir) and before the theme, so a
    site can override ours; add our stylesheets and scripts once each."""
    if str(templates) not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(templates))
    for sheet in stylesheets:
        if sheet not in config.extra_css:
            config.extra_css.append(sheet)
    for script in scripts:
        if script not in [str(known) for known in config.extra_javascript]:
            config.extra_javascript.append(script)


def project_settings(config_file: Path) -> Settings:
    """Return the settings a command reads from a site's mkdocs.yml: loaded by MkDocs itself,
    as `mkdocs build` loads it (INHERIT, !ENV, the plugin's defaults), then checked as the
    plugin checks them. Raises ProjectError with what to change."""
    return loaded(config_file)[1]


def loaded(config_file: Path) -> tuple[MkDocsConfig, Settings]:
    """Return the MkDocs configuration and the plugin's settings in it (project_settings)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    said = _Said()  # MkDocs logs what is wrong, then aborts: its words go into ours
    logging.getLogger("mkdocs").addHandler(said)
    try:
        config = load_config(config_file=str(config_file))
    except (Abort, ConfigurationError, OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        why = "; ".join(said.errors) or str(error)
        unread = f"{config_file}: kan de MkDocs-configuratie niet lezen: {why}"
        raise ProjectError(unread) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(said)
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise ProjectError(
            f"{config_file}: '{PLUGIN}' staat niet onder 'plugins'; geef de datamap met --data"
        )
    root = config_file.parent  # relative stays relative: messages name files as the user does
    docs = Path(config.docs_dir)
    base = root.resolve()
    shown = docs.relative_to(base) if docs.is_relative_to(base) else docs
    try:
        return config, Settings.from_options(dict(plugin.config), root=root, docs_dir=str(shown))
    except SettingsError as error:
        raise ProjectError(f"{config_file}: {error}") from None


class _Said(logging.Handler):
    """Keeps the errors MkDocs logs while it loads a configuration."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.errors.append(record.getMessage().strip())
