"""The plugin's options in mkdocs.yml, as MkDocs reads them. Their defaults are the
settings' (`core.settings`), and `Settings.from_options` checks them for the plugin and for
every command alike."""

from __future__ import annotations

import logging
from pathlib import Path

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig

from .core.settings import PLUGIN, Settings, SettingsError
from .source.project import ProjectError

_DEFAULT = Settings()
# Each asset by name and what it is: a stylesheet and a script on every page, and the scripts
# that only the join and change pages load (their templates name them).
STYLESHEETS = ("assets/mbo-alumni.css",)
SCRIPTS = ("assets/mbo-alumni.js",)
PAGE_SCRIPTS = ("assets/mbo-join.js", "assets/mbo-change.js")
ASSETS = (*STYLESHEETS, *SCRIPTS, *PAGE_SCRIPTS)


class PathsConfig(Config):  # type: ignore[no-untyped-call]
    """The folders of the generated pages, and the join page."""

    # the directory and one page per association
    associations = c.Type(str, default=_DEFAULT.paths.associations)
    # the agenda, the month pages and one page per event; also the site-wide feeds' name
    agenda = c.Type(str, default=_DEFAULT.paths.agenda)
    # the themes overview and one page per theme
    themes = c.Type(str, default=_DEFAULT.paths.themes)
    # one page per region (province)
    regions = c.Type(str, default=_DEFAULT.paths.regions)
    # the page (<join>.md in docs/) that shows the forms when repo_url is set
    join = c.Type(str, default=_DEFAULT.paths.join)


class FilesConfig(Config):  # type: ignore[no-untyped-call]
    """The names of the data files inside data_dir."""

    # required: one entry per association
    associations = c.Type(str, default=_DEFAULT.files.associations)
    # required: one entry per event
    events = c.Type(str, default=_DEFAULT.files.events)
    # optional file: a site without it has no themes
    themes = c.Type(str, default=_DEFAULT.files.themes)
    # optional file: without it, the twelve Dutch provinces
    regions = c.Type(str, default=_DEFAULT.files.regions)
    # optional file: associations taken off the site (their old page says so)
    removed = c.Type(str, default=_DEFAULT.files.removed)


class CatalogueConfig(Config):  # type: ignore[no-untyped-call]
    """Who publishes the open data, in the DCAT catalogue (/api/catalogus.jsonld)."""

    # the publisher's name (default: site_name)
    publisher = c.Type(str, default=_DEFAULT.catalogue.publisher)
    # the publisher's web address (default: site_url)
    publisher_url = c.Type(str, default=_DEFAULT.catalogue.publisher_url)
    # an e-mail address for questions about the data (default: none)
    contact_email = c.Type(str, default=_DEFAULT.catalogue.contact_email)
    # a web page for questions about the data (default: the repository's issues, else the site)
    contact_url = c.Type(str, default=_DEFAULT.catalogue.contact_url)


class MboAlumniConfig(Config):  # type: ignore[no-untyped-call]
    """Everything that belongs to the site rather than to the plugin."""

    # the folder, relative to mkdocs.yml, with the data files; `mkdocs serve` watches it
    data_dir = c.Type(str, default=_DEFAULT.data_dir)
    # the data files' names inside data_dir
    files = c.SubConfig(FilesConfig)
    # the folder inside docs_dir whose pages are articles (front matter checked, fed)
    articles_dir = c.Type(str, default=_DEFAULT.paths.articles)
    # the folder names of the generated pages
    paths = c.SubConfig(PathsConfig)
    # a YAML file of texts, relative to mkdocs.yml, that replace the catalogue's
    wording = c.Optional(c.Type(str))
    # the PRODID of every calendar file
    calendar_prodid = c.Type(str, default=_DEFAULT.calendar_prodid)
    # the IANA time zone of every time in the data, the pages and the feeds
    timezone = c.Type(str, default=_DEFAULT.timezone)
    # the branch of the "Wijzig deze gegevens" links and of intake's pull requests
    edit_branch = c.Type(str, default=_DEFAULT.edit_branch)
    # who publishes the open data, for the DCAT catalogue
    catalogue = c.SubConfig(CatalogueConfig)
    # an address that takes requests by e-mail (`mbo-alumni from-mail`); none: GitHub only
    email_requests = c.Type(str, default=_DEFAULT.email_requests)


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
