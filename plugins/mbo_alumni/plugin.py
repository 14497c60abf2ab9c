"""The MkDocs adapter: the only module that knows MkDocs exists.

Every hook only calls the generator-neutral core (load, pages) and hands MkDocs the result.
"""

from __future__ import annotations

import hashlib
import html
import logging
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .core import dates
from .core.gcpause import paused_gc
from .core.markup import external_rel
from .core.problems import DataError, UnreadableInput
from .core.scratch import Spill
from .core.urls import Paths
from .core.website import PRODID, Site, zone_named
from .core.wording import WordingError, default, site_wording
from .outputs import news_feeds as feeds
from .outputs import open_data as api
from .outputs.agenda_slices import Facet, province_facets, theme_facets
from .outputs.calendars import feeds as calendar_feeds
from .outputs.embeds import embed_page
from .pages.build import build_pages
from .pages.head import Alternate, site_alternates
from .pages.join_form import join_forms, rules_script
from .pages.join_form import rules as join_rules
from .pages.listings import home_context
from .pages.related import related
from .pages.specs import HOME, PageSpec
from .source.articles import Article, read_articles
from .source.load import Data, DataFiles, load
from .source.model import Event
from .source.project import DATA_DIR, TIMEZONE

log = logging.getLogger("mkdocs.plugins.mbo_alumni")
TEMPLATES = Path(__file__).parent / "templates"
ASSETS = {
    "assets/mbo-alumni.css": Path(__file__).parent / "assets" / "mbo-alumni.css",
    "assets/mbo-alumni.js": Path(__file__).parent / "assets" / "mbo-alumni.js",
    "assets/mbo-join.js": Path(__file__).parent / "assets" / "mbo-join.js",
}


def _fingerprint(data_dir: Path) -> str:
    """Return a hash of the data files' names and bytes, and of the day (staleness depends
    on it): equal fingerprints, equal data."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(dates.today().isoformat().encode())
    return digest.hexdigest()


_PATHS, _FILES = Paths(), DataFiles()


class PathsConfig(Config):  # type: ignore[no-untyped-call]
    """The folders of the generated pages (and of the articles and the join page)."""

    associations = c.Type(str, default=_PATHS.associations)
    agenda = c.Type(str, default=_PATHS.agenda)
    themes = c.Type(str, default=_PATHS.themes)
    regions = c.Type(str, default=_PATHS.regions)
    join = c.Type(str, default=_PATHS.join)


class FilesConfig(Config):  # type: ignore[no-untyped-call]
    """The names of the data files inside data_dir."""

    associations = c.Type(str, default=_FILES.associations)
    events = c.Type(str, default=_FILES.events)
    themes = c.Type(str, default=_FILES.themes)
    regions = c.Type(str, default=_FILES.regions)


class MboAlumniConfig(Config):  # type: ignore[no-untyped-call]
    data_dir = c.Type(str, default=DATA_DIR)
    files = c.SubConfig(FilesConfig)
    articles_dir = c.Type(str, default=_PATHS.articles)
    paths = c.SubConfig(PathsConfig)
    wording = c.Optional(c.Type(str))  # a YAML file of texts, relative to mkdocs.yml
    calendar_prodid = c.Type(str, default=PRODID)
    timezone = c.Type(str, default=TIMEZONE)
    edit_branch = c.Type(str, default="main")


class MboAlumniPlugin(BasePlugin[MboAlumniConfig]):  # type: ignore[no-untyped-call]
    """Generates the directory and the agenda from data/*.yaml."""

    def __init__(self) -> None:
        # The data of earlier builds, by folder and fingerprint: MkDocs keeps this instance
        # across `mkdocs serve` rebuilds because the plugin defines on_startup.
        self.cache: dict[Path, tuple[str, Data]] = {}
        self.data: Data | None = None
        self.articles: list[Article] = []
        self.article_by_src: dict[str, Article] = {}
        self.pages: dict[str, PageSpec] = {}
        self.site: Site | None = None
        self.moment: datetime | None = None
        self.today = date.min
        self.data_from_cache = False
        self.spill = Spill()  # the generated files of the current build, on disk

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Nothing to start; defining this hook keeps one instance across serve rebuilds."""

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.spill.remove()  # MkDocs has copied the generated files into site_dir by now

    def on_build_error(self, *, error: Exception) -> None:
        self.spill.remove()

    def on_shutdown(self) -> None:
        self.spill.remove()

    def _load_cached(self, data_dir: Path) -> tuple[Data, bool]:
        """Return the data in `data_dir` and whether it came from an earlier build's cache."""
        # The options the data is read with count too (serve keeps this instance when
        # mkdocs.yml changes).
        key = _fingerprint(data_dir) + repr((self.files, self.site.zone if self.site else None))
        cached = self.cache.get(data_dir)
        if cached is not None and cached[0] == key:
            return cached[1], True
        zone = self.site.zone if self.site else None
        data = load(data_dir, files=self.files, zone=zone)
        self.cache[data_dir] = (key, data)
        return data, False

    def _data_dir(self, config: MkDocsConfig) -> Path:
        base = Path(config.config_file_path or ".").resolve().parent
        return base / self.config.data_dir

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.site_url:
            raise PluginError(
                "mbo-alumni needs `site_url` in mkdocs.yml: feeds carry absolute URLs"
            )
        self.site = self._site(config)
        # Loading here fails the build before MkDocs cleans or writes anything in site_dir.
        try:
            with paused_gc():  # thousands of lasting objects: no cyclic GC
                self.data, self.data_from_cache = self._load_cached(self._data_dir(config))
                # Warnings (order, staleness) never fail a build: --strict stops on warnings.
                for warning in self.data.warnings:
                    log.info(warning.format())
                docs = Path(config.docs_dir)
                base = Path(config.config_file_path or ".").resolve().parent
                shown = docs.relative_to(base) if docs.is_relative_to(base) else docs
                self.articles = read_articles(
                    docs, self.data, shown_as=shown, folder=self.config.articles_dir.strip("/")
                )
            self.article_by_src = {article.src: article for article in self.articles}
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
        if "assets/mbo-alumni.css" not in config.extra_css:
            config.extra_css.append("assets/mbo-alumni.css")
        scripts = [str(script) for script in config.extra_javascript]
        if "assets/mbo-alumni.js" not in scripts:
            config.extra_javascript.append("assets/mbo-alumni.js")
        return config

    @property
    def files(self) -> DataFiles:
        return DataFiles(**self.config.files)

    def _site(self, config: MkDocsConfig) -> Site:
        """Return the site's settings from mkdocs.yml and the plugin's options."""
        options = self.config
        base = Path(config.config_file_path or ".").resolve().parent
        try:
            paths = Paths(articles=options.articles_dir.strip("/"), **options.paths).checked()
            words = site_wording(base / options.wording) if options.wording else default()
            zone = zone_named(options.timezone)
        except (WordingError, ValueError) as error:
            raise PluginError(f"mbo-alumni: {error}") from None
        url = config.site_url.rstrip("/") + "/" if config.site_url else ""
        return Site(url, config.site_name, paths, words, options.calendar_prodid, zone)

    def _edit_links(self, config: MkDocsConfig) -> dict[str, str]:
        """Return the repository's edit page of each data file, when repo_url is set."""
        if not config.repo_url:
            return {}
        root = Path(config.config_file_path or ".").resolve().parent
        folder = self._data_dir(config)
        shown = folder.relative_to(root).as_posix() if folder.is_relative_to(root) else "data"
        base = f"{config.repo_url.rstrip('/')}/edit/{self.config.edit_branch}/{shown}/"
        return {"associations": base + self.files.associations, "events": base + self.files.events}

    def _loaded(self) -> tuple[Data, Site]:
        """Return what on_config loaded; every later hook needs it."""
        if self.data is None or self.site is None:
            raise PluginError("mbo-alumni: de gegevens zijn niet geladen (on_config liep niet)")
        return self.data, self.site

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        data, site = self._loaded()
        # Articles MkDocs will not build (exclude_docs, drafts) are not linked or fed either.
        built = {f.src_uri for f in files.documentation_pages()}
        self.articles = [a for a in self.articles if a.src in built]
        self.article_by_src = {article.src: article for article in self.articles}
        self.moment = moment = dates.now()
        self.pages = {}
        self.today = moment.astimezone(site.zone).date()
        regions = data.regions.names
        facets = province_facets(data.associations, data.events, site, regions)
        facets += theme_facets(data.themes, data.events, site)
        with paused_gc():
            specs = list(build_pages(data, self.articles, self.today, site, facets))
        for spec in specs:
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
        # Each file goes to disk as it is made: the pages are rendered without these
        # megabytes in memory.
        self.spill.reset()
        with paused_gc():
            for path, content in self._outputs(data, site, _author(config, site), facets):
                spilled = self.spill.write(path, content)
                files.append(File.generated(config, path, abs_src_path=spilled))
        article_feed = feeds.articles_feed(site)
        for path in (article_feed.rss_path, article_feed.atom_path):
            # Filled in on_env, once the articles are rendered.
            files.append(File.generated(config, path, content=b""))
        for uri, asset in ASSETS.items():
            files.append(File.generated(config, uri, abs_src_path=str(asset)))
        return files

    def _outputs(
        self, data: Data, site: Site, author: str, facets: list[Facet]
    ) -> Iterator[tuple[str, bytes]]:
        """Yield (path, bytes) of every file the data makes beside the pages: calendars,
        news feeds, open data and the embed pages, one at a time."""
        moment = self.moment or dates.now()
        calendars = calendar_feeds(data.associations, data.events, site, moment, facets)
        yield from ((feed.path, feed.content) for feed in calendars)
        yield from feeds.agenda_feeds(
            data.events, data.associations, site, author, moment, facets
        ).items()
        yield from api.documents(data.associations, data.events, site, moment)
        events_of: dict[str, list[Event]] = {a.id: [] for a in data.associations}
        for event in data.events:
            for ident in event.organizer:
                events_of[ident].append(event)
        for association in data.associations:
            yield (
                site.paths.embed_page(association.id) + "index.html",
                embed_page(association, events_of[association.id], site, self.today, moment),
            )

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        spec = self.pages.get(page.file.src_uri)
        if spec is None:
            return html
        if spec.body:  # a body (a tags listing) is the theme's to render
            return html
        return spec.search_html()

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        data, site = self._loaded()
        spec = self.pages.get(page.file.src_uri)
        extra = cast(dict[str, Any], context)  # our templates read keys MkDocs does not declare
        extra["mbo_head"] = self._head(page, spec, config)
        extra["mbo_site"] = {
            "paths": site.paths.section(),
            "edit": self._edit_links(config),
            "words": site.words,
        }
        article = self.article_by_src.get(page.file.src_uri)
        if article is not None:
            extra["mbo_related"] = related(article, data, site)
        if spec:
            extra.update(spec.context)
        elif page.file.src_uri == HOME:
            extra.update(home_context(data, self.articles, self.today, site))
        elif page.file.src_uri == site.paths.join_source and config.repo_url:
            forms = join_forms(Path(config.config_file_path).parent / ".github" / "ISSUE_TEMPLATE")
            extra["join_forms"] = forms
            extra["join_rules"] = rules_script(join_rules(forms, data))
        return context

    def _head(self, page: Page, spec: PageSpec | None, config: MkDocsConfig) -> dict[str, Any]:
        """Return what mbo-alumni/head.html writes into a page's <head>."""
        _, site = self._loaded()
        title = spec.title if spec else html.unescape(page.title or config.site_name)
        description = (
            (spec.description if spec else "")
            or page.meta.get("description")
            or config.site_description
            or config.site_name
        )
        return {
            "alternates": site_alternates(site) + (spec.alternates if spec else ()),
            # Relative hrefs: the site works from any folder and never points elsewhere.
            "prefix": "../" * page.url.count("/"),
            "meta": {
                "kind": "article" if page.file.src_uri in self.article_by_src else "website",
                "locale": site.words.locale,
                "site_name": config.site_name,
                "title": title,
                "description": description,
                "url": site.absolute(page.url),
            },
        }

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Every page's Markdown is rendered by now and nothing is written yet: fill in the
        # article feeds, whose files were added in on_files so links to them validate.
        _, site = self._loaded()
        moment = self.moment or dates.now()
        entries = []
        for file in files.documentation_pages():
            page = file.page
            article = self.article_by_src.get(file.src_uri)
            if page is None or article is None or article.date is None:
                continue  # only our articles: other pages' dates belong to other plugins
            day = article.date
            url = site.absolute(page.url)
            title = html.unescape(page.title or file.src_uri)
            about = page.meta.get("description")
            about = about if isinstance(about, str) else None
            entries.append(
                feeds.article_entry(title, url, day, page.content or "", about, site.zone)
            )
        with paused_gc():
            rendered = feeds.render(
                feeds.articles_feed(site), site, _author(config, site), entries, moment
            )
        for path, content in rendered.items():
            feed_file = files.get_file_from_path(path)
            if feed_file is None:  # another plugin removed it: nothing to fill in
                continue
            feed_file.content_bytes = content
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        _, site = self._loaded()
        self.pages.pop(page.file.src_uri, None)  # rendered: its context is not needed again
        return external_rel(output, site.origin)

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        # 404.html is served from any URL: its links start at the site's own path.
        prefix = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        extra = cast(dict[str, Any], context)
        alternates: tuple[Alternate, ...] = site_alternates(self.site) if self.site else ()
        extra["mbo_head"] = {"alternates": alternates, "prefix": prefix, "meta": None}
        return context

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.watch(str(self._data_dir(config)))
        return server


def _author(config: MkDocsConfig, site: Site) -> str:
    return config.site_author or site.words("feed.author", site=config.site_name)
