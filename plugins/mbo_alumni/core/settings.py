"""Every option of the plugin, with its default, in one frozen object.

The MkDocs plugin (`config.py`) and every command (`mbo-alumni validate`, `intake`, `patrol`,
...) build one `Settings` from the same `mkdocs.yml` options, so a site with `data_dir:
gegevens`, `edit_branch: productie` or `timezone: Europe/Brussels` is read, built and
maintained alike. No other module keeps a default of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .urls import Paths
from .website import Site
from .wording import Wording, WordingError, default, site_wording

PLUGIN = "mbo-alumni"
TIMEZONE = "Europe/Amsterdam"
PRODID = "-//mbo-alumni//Alumni in het mbo//NL"


class SettingsError(ValueError):
    """An option is missing its right kind of value; the message says which and what to write."""


@dataclass(frozen=True)
class DataFiles:
    """The names of the data files in the data folder (the `files` option)."""

    associations: str = "associations.yaml"
    events: str = "events.yaml"
    themes: str = "themes.yaml"  # optional: a site without themes has none
    regions: str = "regions.yaml"  # optional: without it, the twelve Dutch provinces
    removed: str = "removed.yaml"  # optional: associations taken off the site


@dataclass(frozen=True)
class Catalogue:
    """Who publishes the open data, as the DCAT catalogue names them (the `catalogue`
    option); an empty text takes the site's own value (its name, its address, its repository's
    issues)."""

    publisher: str = ""
    publisher_url: str = ""
    contact_email: str = ""
    contact_url: str = ""


def zone_named(name: str) -> ZoneInfo:
    """Return the time zone with an IANA name, or raise SettingsError that says what to write."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"onbekende tijdzone '{name}' in 'timezone'; schrijf een naam als {TIMEZONE}"
        ) from None


# Every option of the plugin in mkdocs.yml, declared once: its name and what it does. Its type
# (a text; `files`, `paths` and `catalogue` are groups of texts) and its default are the
# fields of `Settings` below. The MkDocs schema of the plugin (config.py), the check of the
# options (`Settings.from_options`) and the handbook's table (handbook/options.md, held to
# this by a test) are all made from it.
OPTIONS: dict[str, str] = {
    "data_dir": "the folder, relative to mkdocs.yml, with the data files; `mkdocs serve` "
    "watches it",
    "files": "the data files' names inside data_dir",
    "files.associations": "required: one entry per association",
    "files.events": "required: one entry per event",
    "files.themes": "optional file: a site without it has no themes",
    "files.regions": "optional file: without it, the twelve Dutch provinces",
    "files.removed": "optional file: associations taken off the site (their old page says so)",
    "articles_dir": "the folder inside docs_dir whose pages are articles (front matter "
    "checked, fed)",
    "paths": "the folder names of the generated pages",
    "paths.associations": "the directory and one page per association",
    "paths.agenda": "the agenda, the month pages and one page per event; also the site-wide "
    "feeds' name",
    "paths.themes": "the themes overview and one page per theme",
    "paths.regions": "one page per region (province)",
    "paths.join": "the page (<join>.md in docs/) that shows the forms when repo_url is set",
    "wording": "a YAML file of texts, relative to mkdocs.yml, that replace the catalogue's",
    "calendar_prodid": "the PRODID of every calendar file",
    "timezone": "the IANA time zone of every time in the data, the pages and the feeds",
    "edit_branch": "the branch of the 'Wijzig deze gegevens' links and of intake's pull requests",
    "catalogue": "who publishes the open data, for the DCAT catalogue",
    "catalogue.publisher": "the publisher's name (default: site_name)",
    "catalogue.publisher_url": "the publisher's web address (default: site_url)",
    "catalogue.contact_email": "an e-mail address for questions about the data (default: none)",
    "catalogue.contact_url": "a web page for questions about the data (default: the "
    "repository's issues, else the site)",
    "email_requests": "an address that takes requests by e-mail (`mbo-alumni from-mail`); "
    "none: GitHub only",
}
OPTIONAL = {"wording"}  # an option without a default: not set, not used


def option_default(name: str) -> str | None:
    """Return an option's default, from the fields of `Settings` (`files.events` from
    `DataFiles`, `articles_dir` from `Paths.articles`)."""
    defaults: object = Settings()
    if name == "articles_dir":
        return Paths().articles
    for part in name.split("."):
        defaults = getattr(defaults, part)
    return defaults if isinstance(defaults, str) else None


_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+")


@dataclass(frozen=True)
class Settings:
    """The site's options: where its files are, what its pages are called, its zone."""

    root: Path = Path()  # the folder of mkdocs.yml: every relative option starts there
    data_dir: str = "data"
    files: DataFiles = field(default_factory=DataFiles)
    paths: Paths = field(default_factory=Paths)  # paths.articles is the articles_dir option
    wording: str | None = None  # a YAML file of texts, relative to root
    calendar_prodid: str = PRODID
    timezone: str = TIMEZONE
    edit_branch: str = "main"
    docs_dir: str = "docs"  # MkDocs' own option, read for the articles
    catalogue: Catalogue = field(default_factory=Catalogue)
    # An address that takes requests by e-mail, for volunteers without a GitHub account
    # (`mbo-alumni from-mail`); without it the forms offer GitHub only.
    email_requests: str = ""

    @classmethod
    def from_options(
        cls, options: Mapping[str, Any], root: Path = Path(), docs_dir: str = "docs"
    ) -> Settings:
        """Return the settings the plugin's options give (a mapping as in mkdocs.yml), or
        raise SettingsError naming the option to change."""
        known = {name for name in OPTIONS if "." not in name}
        unknown = sorted(set(options) - known)
        if unknown:
            raise SettingsError(f"'{PLUGIN}' kent de optie '{unknown[0]}' niet")
        nested = ("files", "paths", "catalogue")
        text = {k: v for k, v in options.items() if k not in nested and v is not None}
        for name, value in text.items():
            if not isinstance(value, str):
                raise SettingsError(f"'{PLUGIN}' '{name}' moet een tekst zijn")
        files = _texts(options.get("files"), "files", _group("files"))
        folders = _texts(options.get("paths"), "paths", _group("paths"))
        articles = text.pop("articles_dir", Paths().articles).strip("/")
        try:
            paths = Paths(articles=articles, **folders).checked()
        except ValueError as error:
            raise SettingsError(str(error)) from None
        catalogue = _texts(options.get("catalogue"), "catalogue", _group("catalogue"))
        settings = cls(root=root, files=DataFiles(**files), paths=paths, docs_dir=docs_dir,
                       catalogue=Catalogue(**catalogue), **text)  # fmt: skip
        zone_named(settings.timezone)  # an unknown zone stops here, before anything is read
        if settings.email_requests and not _EMAIL.fullmatch(settings.email_requests):
            raise SettingsError(
                f"'{PLUGIN}' 'email_requests' moet een e-mailadres zijn, zoals "
                "aanmelden@example.org"
            )
        return settings

    @property
    def data_path(self) -> Path:
        """The data folder (relative when root is: messages name files as the user does)."""
        return self.root / self.data_dir

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    @property
    def zone(self) -> ZoneInfo:
        return zone_named(self.timezone)

    def words(self) -> Wording:
        """Return the site's wording: the catalogue with the `wording` file's texts over it."""
        if not self.wording:
            return default()
        try:
            return site_wording(self.root / self.wording)
        except WordingError as error:
            raise SettingsError(str(error)) from None

    def site(self, url: str, name: str) -> Site:
        """Return what every output needs to know of the site served at `url`."""
        if not url:
            raise SettingsError("'site_url' ontbreekt in mkdocs.yml: de feeds hebben volledige "
                                "adressen nodig (site_url needs to be set)")  # fmt: skip
        base = url.rstrip("/") + "/"
        return Site(base, name, self.paths, self.words(), self.calendar_prodid, self.zone)

    def edit_url(self, repo_url: str, file: str) -> str:
        """Return the repository's web-editor page of one data file (on `edit_branch`)."""
        folder = Path(self.data_dir).as_posix().strip("/")
        return f"{repo_url.rstrip('/')}/edit/{self.edit_branch}/{folder}/{file}"


def shown_from_here(folder: Path) -> Path:
    """Return a folder relative to the current one when it is inside it: messages then name
    files as the user does (data/events.yaml:3:10), in the build as in `validate`."""
    here = Path.cwd()
    return folder.relative_to(here) if folder.is_relative_to(here) else folder


def _group(name: str) -> set[str]:
    """Return the options of a group (`files` -> associations, events, ...)."""
    return {key.split(".", 1)[1] for key in OPTIONS if key.startswith(f"{name}.")}


def _texts(value: object, option: str, known: set[str]) -> dict[str, str]:
    """Return a sub-mapping of text options (`files`, `paths`), or raise SettingsError."""
    if value is None:
        return {}
    if (
        not isinstance(value, Mapping)
        or set(value) - known
        or not all(isinstance(v, str) for v in value.values())
    ):
        raise SettingsError(
            f"'{PLUGIN}' '{option}' kent alleen {', '.join(sorted(known))}, elk met een tekst"
        )
    return dict(value)
