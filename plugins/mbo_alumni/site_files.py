"""The MkDocs adapter's third part: the files the plugin adds. The generated pages, whose
Markdown is empty (their templates render them) so nothing is converted; and the files beside
the pages (calendars, feeds, open data, embeds). MkDocs is told every one of them at once, so
links to them validate (--strict) and `serve` serves them; they are made and written straight
into site_dir, optionally by a second process while the pages render (core/background.py),
and the build waits for it before it ends."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .core import dates
from .core.background import Background, BackgroundFailed
from .core.gcpause import paused_gc
from .core.scratch import SiteWriter
from .outputs.agenda_slices import province_facets, theme_facets
from .outputs.generators import Build, outputs
from .outputs.planned import Output
from .pages.specs import PageSpec
from .source.load import load


class GeneratedPage(Page):
    """A page the plugin generates. Without Markdown of its own (its template renders all of
    it) there is nothing to convert: MkDocs would set up a Markdown converter with every
    extension of the site for each page (about 3 s of a minute's build at 1,000 + 5,000).
    What the conversion of empty Markdown gives is set directly; a page that does get
    Markdown (from another plugin) is converted as usual."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None or self.markdown.strip():
            super().render(config, files)
            return
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


def add_pages(files: Files, config: MkDocsConfig, specs: Sequence[PageSpec]) -> None:
    """Add the generated pages; a docs page at the path of one is refused."""
    for spec in specs:
        if files.get_file_from_path(spec.src_uri) is not None:
            raise PluginError(spec.clash())
        level = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, spec.src_uri, content=spec.markdown(), inclusion=level)
        files.append(file)
        if not spec.in_nav:  # the navigation makes its own pages for the ones it lists
            GeneratedPage(None, file, config)


class WrittenFile(File):
    """A generated file that the plugin writes into site_dir itself: MkDocs copies nothing.

    With a second process (MBO_ALUMNI_BACKGROUND=1), another plugin that reads its content
    before the build's end may find it not yet written.
    """

    def copy_file(self, dirty: bool = False) -> None:
        """Nothing to copy: the file is written where it belongs (GeneratedFiles)."""


class GeneratedFiles:
    """The files beside the pages of one build."""

    def __init__(self) -> None:
        self.background: Background | None = None

    def start(self, files: Files, config: MkDocsConfig, planned: Iterable[Output]) -> None:
        """Tell MkDocs every planned file, and start making and writing them."""
        self.cancel()  # a build interrupted before its end (Ctrl-C in serve) left one going
        writer = SiteWriter(config.site_dir)
        queue = deque(planned)
        for output in queue:
            at = writer.target(output.path)
            files.append(WrittenFile.generated(config, output.path, abs_src_path=at))

        def work() -> None:
            with paused_gc():
                while queue:  # each let go once written: what its generator shares goes with
                    output = queue.popleft()  # its last file (the VEVENTs after the calendars)
                    writer.write(output.path, output.make())

        self.background = Background(work)
        if not self.background.running:  # made in place: a failure stops the build at once
            self.finish()

    def finish(self) -> None:
        """Return when every file is written; a failure fails the build."""
        background, self.background = self.background, None
        if background is None:
            return
        try:
            background.wait()
        except BackgroundFailed as error:
            raise PluginError(
                "mbo-alumni: de bestanden naast de pagina's (agenda's, feeds, open data) "
                f"konden niet worden gemaakt:\n{error}"
            ) from None

    def cancel(self) -> None:
        """The build failed elsewhere: stop making files."""
        background, self.background = self.background, None
        if background is not None:
            background.cancel()


def write_outputs(config_file: Path, site_dir: Path) -> list[str]:
    """Write every calendar, feed, open data file and embed of a site into `site_dir` (built
    by another engine: Zensical has no plugin API), byte for byte what the plugin writes in
    a build; return their site paths. The articles' feeds are left out: they are made from
    the rendered articles, which only a build has. Raises DataError for bad data."""
    from .config import loaded

    config, settings = loaded(config_file)
    data = load(settings.data_path, files=settings.files, zone=settings.zone)
    site = settings.site(config.site_url or "", config.site_name)
    moment = dates.now()
    today = moment.astimezone(site.zone).date()
    facets = province_facets(data.associations, data.events, site, data.regions.names)
    facets += theme_facets(data.themes, data.events, site)
    author = config.site_author or site.words("feed.author", site=config.site_name)
    about = (settings.catalogue, config.repo_url, config.site_description or "")
    build = Build(data, site, author, moment, today, facets, *about)
    writer = SiteWriter(str(site_dir))
    written = []
    for output in outputs(build):
        writer.write(output.path, output.content)
        written.append(output.path)
    return written
