"""The MkDocs adapter: the only module that knows MkDocs exists.

Every hook only calls the generator-neutral core (load, pages) and hands MkDocs the result.
"""

from __future__ import annotations

import logging
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .load import Data, DataError, UnreadableInput, load
from .pages import PageSpec, build_pages
from .when import AMSTERDAM

log = logging.getLogger("mkdocs.plugins.mbo_alumni")
TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = Path(__file__).parent / "assets" / "mbo-alumni.css"
STYLESHEET_URI = "assets/mbo-alumni.css"


class MboAlumniConfig(Config):
    data_dir = c.Type(str, default="data")


def build_date() -> date:
    """Return today's date in Amsterdam, or the day of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), AMSTERDAM) if epoch else datetime.now(AMSTERDAM)
    return moment.date()


class MboAlumniPlugin(BasePlugin[MboAlumniConfig]):
    """Generates the directory and the agenda from data/*.yaml."""

    def __init__(self) -> None:
        self.data: Data | None = None
        self.pages: dict[str, PageSpec] = {}

    def _data_dir(self, config: MkDocsConfig) -> Path:
        base = Path(config.config_file_path or ".").resolve().parent
        return base / self.config.data_dir

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Loading here fails the build before MkDocs cleans or writes anything in site_dir.
        try:
            self.data = load(self._data_dir(config))
        except DataError as error:
            raise PluginError(
                "De gegevens bevatten fouten; er is niets gebouwd.\n" + str(error)
            ) from None
        except UnreadableInput as error:
            raise PluginError(str(error)) from None
        # After the site's overrides (custom_dir), before the theme: a site can override ours.
        position = 1 if config.theme.custom_dir else 0
        if str(TEMPLATES) not in config.theme.dirs:
            config.theme.dirs.insert(position, str(TEMPLATES))
        if STYLESHEET_URI not in config.extra_css:
            config.extra_css.append(STYLESHEET_URI)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.data is not None
        self.pages = {}
        for spec in build_pages(self.data, build_date()):
            if files.get_file_from_path(spec.src_uri) is not None:
                raise PluginError(
                    f"docs/{spec.src_uri} bestaat al, maar deze pagina wordt gemaakt uit de "
                    "gegevens; verwijder het bestand"
                )
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(
                File.generated(config, spec.src_uri, content=spec.markdown(), inclusion=inclusion)
            )
            self.pages[spec.src_uri] = spec
        files.append(File.generated(config, STYLESHEET_URI, abs_src_path=str(STYLESHEET)))
        return files

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        spec = self.pages.get(page.file.src_uri)
        return spec.search_html() if spec else html

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        spec = self.pages.get(page.file.src_uri)
        if spec:
            context.update(spec.context)
        return context

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.watch(str(self._data_dir(config)))
        return server
