"""The MkDocs adapter (with `config.py`): each hook hands MkDocs what the generator-neutral
packages make: `source` reads the data, `pages` describes the pages, `outputs` the files."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .config import ASSETS, SCRIPTS, STYLESHEETS, MboAlumniConfig, add_theme_parts
from .core import dates
from .core.csp import template_scripts, with_policy
from .core.gcpause import paused_gc
from .core.markup import external_rel
from .core.problems import DataError, UnreadableInput
from .core.settings import Settings, SettingsError, shown_from_here
from .core.website import Site
from .material_fixes import only_language_alternates
from .outputs import news_feeds
from .outputs.generators import Build, outputs
from .outputs.record import Records
from .pages.build import site_pages
from .pages.context import Contexts
from .pages.head import PageFacts, error_page_head
from .pages.specs import PageSpec
from .site_files import GeneratedFiles, add_pages
from .source.articles import Article, read_site
from .source.load import Data, DataCache

log = logging.getLogger("mkdocs.plugins.mbo_alumni")
PACKAGE = Path(__file__).parent


class MboAlumniPlugin(BasePlugin[MboAlumniConfig]):  # type: ignore[no-untyped-call]
    """Generates the directory and the agenda from data/*.yaml."""

    def __init__(self) -> None:
        # One instance across `mkdocs serve` rebuilds (see on_startup): the cache outlives one.
        self.cache = DataCache()
        self.settings = Settings()
        self.data: Data | None = None
        self.site: Site | None = None
        self.articles: dict[str, Article] = {}  # by source path
        self.pages: dict[str, PageSpec] = {}
        self.build: Build | None = None  # made in on_files: the moment and day of the build
        self.generated = GeneratedFiles()
        self.scripts: re.Pattern[str] | None = None  # the templates' inline scripts (CSP)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Nothing to start; defining this hook keeps one instance across serve rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Read the settings and the data, and add our templates and assets. Loading here
        refuses bad data before MkDocs cleans or writes anything in site_dir."""
        self.scripts = None  # read again: `mkdocs serve` may have changed a template
        base, docs = Path(config.config_file_path or ".").resolve().parent, Path(config.docs_dir)
        shown = docs.relative_to(base) if docs.is_relative_to(base) else docs  # for messages
        try:
            self.settings = Settings.from_options(
                dict(self.config), shown_from_here(base), str(shown)
            )
            self.site = self.settings.site(config.site_url or "", config.site_name)
            self.data, found = read_site(self.cache, self.settings, docs)
            for warning in self.data.warnings:  # never fatal: --strict stops on warnings
                log.info(warning.format())
            self.articles = {article.src: article for article in found}
        except SettingsError as error:
            raise PluginError(f"mbo-alumni: {error}") from None
        except DataError as error:
            raise PluginError(
                f"De gegevens bevatten fouten; er is niets gebouwd.\n{error}"
            ) from None
        except UnreadableInput as error:
            raise PluginError(str(error)) from None
        add_theme_parts(config, PACKAGE / "templates", STYLESHEETS, SCRIPTS)
        return config

    def _built(self) -> Build:
        if self.build is None:
            raise PluginError("mbo-alumni: on_files liep niet")  # MkDocs always runs it first
        return self.build

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages, the files beside them and our assets: MkDocs must know
        every file before it renders a page, so links to them validate (--strict)."""
        data, site = self.data, self.site
        if data is None or site is None:
            raise PluginError("mbo-alumni: de gegevens zijn niet geladen (on_config liep niet)")
        built = {f.src_uri for f in files.documentation_pages()}  # not excluded, not drafts
        self.articles = {src: a for src, a in self.articles.items() if src in built}
        moment, records = dates.now(), Records.for_data(data, site)
        today = moment.astimezone(site.zone).date()  # the pages and outputs share the records
        specs, facets = site_pages(data, list(self.articles.values()), today, records)
        add_pages(files, config, specs)
        self.pages = {spec.src_uri: spec for spec in specs}
        author = config.site_author or site.words("feed.author", site=config.site_name)
        about = (self.settings.catalogue, config.repo_url, config.site_description or "")
        self.build = build = Build(data, site, author, moment, today, facets, *about, records)
        # Each written into site_dir as it is made (with MBO_ALUMNI_BACKGROUND=1 by a second
        # process, while the pages render): nothing is kept in memory, MkDocs copies nothing.
        self.generated.start(files, config, outputs(build))
        feed = news_feeds.articles_feed(site)
        for path in (feed.rss_path, feed.atom_path):  # filled in on_env, once articles render
            files.append(File.generated(config, path, content=b""))
        for uri in ASSETS:
            files.append(File.generated(config, uri, abs_src_path=str(PACKAGE / uri)))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give a generated page its search text (its template renders the rest). Refuse a
        title with markup: the theme prints titles unescaped in its header and navigation."""
        if page.title and ("<" in page.title or ">" in page.title):
            raise PluginError(
                f"{config.docs_dir}/{page.file.src_path}: de titel {page.title!r} bevat < of > "
                "(HTML); de site toont titels zoals ze zijn: schrijf 'kleiner dan' of laat de "
                "tekens weg"
            )
        spec = self.pages.get(page.file.src_uri)
        return html if spec is None or spec.body else spec.search_html()

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Hand the templates their context: the head, the site's paths and words, and the
        page's own data (a generated page's, home's, the join forms', an article's links)."""
        build, src, spec = self._built(), page.file.src_uri, self.pages.get(page.file.src_uri)
        description = (spec.description if spec else "") or page.meta.get("description")
        facts = PageFacts(
            page.url,
            spec.title if spec else html.unescape(page.title or config.site_name),
            description or config.site_description or config.site_name,
            src in self.articles,
        )
        contexts = Contexts(build, self.settings, self.articles, config.repo_url)
        # Our templates read keys MkDocs does not declare.
        cast(dict[str, Any], context).update(contexts.of_page(src, spec, facts))
        return context

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Fill in the article feeds: every page's Markdown is rendered by now, and nothing
        is written yet."""
        build = self._built()
        # Only our articles: other pages' dates belong to other plugins.
        found = [(f.page, self.articles.get(f.src_uri)) for f in files.documentation_pages()]
        pages = [news_feeds.ArticlePage.of(page, a) for page, a in found if page and a and a.date]
        with paused_gc():
            rendered = news_feeds.article_feeds(build.site, build.author, pages, build.moment)
        for path, content in rendered.items():
            feed_file = files.get_file_from_path(path)
            if feed_file is not None:  # another plugin may have removed it
                feed_file.content_bytes = content
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Mark links to other sites, add the page's CSP (its own inline scripts' hashes, so
        the written page); let its context go."""
        self.pages.pop(page.file.src_uri, None)
        if self.scripts is None:  # the theme's folders are final once pages are written
            self.scripts = template_scripts(config.theme.dirs)
        marked = external_rel(output, self._built().site.origin)
        return with_policy(marked, config.repo_url, allowed=self.scripts)

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """Give 404.html (served from any URL) the announced feeds, from the site's own path."""
        if self.site is not None:
            prefix = urlsplit(config.site_url or "").path.rstrip("/") + "/"
            cast(dict[str, Any], context)["mbo_head"] = error_page_head(self.site, prefix)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the files beside the pages; no sitemap fetch per feed (material_fixes)."""
        self.generated.finish()
        only_language_alternates(Path(config.site_dir))

    def on_build_error(self, *, error: Exception) -> None:
        """Stop making the files beside the pages: the build failed."""
        self.generated.cancel()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild on edits to the data files too."""
        server.watch(str(self.settings.data_path))
        return server
