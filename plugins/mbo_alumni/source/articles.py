"""Articles: the Markdown pages in the articles folder (docs/artikelen/ by default), whose
front matter names a date, an event, associations and themes. Their front matter is checked
like the data, with file, line and column. Pages elsewhere are left alone: their `date` and
`tags` belong to whoever gave them (Material's blog and tags plugins, say).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ..core.gcpause import paused_gc
from ..core.problems import DataError, Problem, did_you_mean
from ..core.settings import Settings
from .fields import Slug, Text, Title
from .load import Data, DataCache
from .messages import report_error
from .reading import read_text
from .yaml_positions import compose_document

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*\r?\n", re.S)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


class ArticleMeta(BaseModel):
    """The front-matter keys this site gives a meaning; other keys are MkDocs' or Material's."""

    model_config = ConfigDict(extra="allow", frozen=True)

    title: Title | None = None
    description: Text | None = None
    date: dt.date | None = None  # `dt.`: the field name shadows the type
    event: Slug | None = None
    associations: list[Slug] = []
    tags: list[Text] = []


@dataclass(frozen=True)
class Article:
    """A checked article, ready for cross-links, theme pages and feeds."""

    src: str  # path inside docs/, with forward slashes
    title: str
    date: dt.date | None
    event: str | None
    associations: tuple[str, ...]
    tags: tuple[str, ...]
    description: str | None

    @property
    def url(self) -> str:
        """Return the page's site-relative URL (MkDocs' directory URLs)."""
        path = PurePosixPath(self.src)
        if path.name in ("index.md", "README.md"):
            return "" if str(path.parent) == "." else f"{path.parent}/"
        return f"{path.with_suffix('')}/"


def _front_matter(text: str) -> str | None:
    match = _FRONT_MATTER.match(text)
    return match.group(0).rsplit("---", 1)[0] if match else None


def _check(meta: ArticleMeta, document: Any, data: Data, is_article: bool, src: str) -> None:
    themes = {theme.name for theme in data.themes}
    events = {event.id for event in data.events}
    associations = {association.id for association in data.associations}
    if is_article and meta.date is None:
        document.problem((), "een artikel heeft een 'date' nodig, bijvoorbeeld date: 2026-11-23")
    if meta.event is not None and meta.event not in events:
        hint = did_you_mean(meta.event, events, "gebruik een id uit data/events.yaml")
        document.problem(("event",), f"'event': onbekend evenement '{meta.event}'; {hint}")
    for index, ident in enumerate(meta.associations):
        if ident not in associations:
            hint = did_you_mean(ident, associations, "gebruik een id uit data/associations.yaml")
            document.problem(
                ("associations", index), f"'associations': onbekende vereniging '{ident}'; {hint}"
            )
    for index, name in enumerate(meta.tags):
        if name not in themes:
            hint = did_you_mean(name, themes, f"kies uit: {', '.join(sorted(themes))}", 0.5)
            document.problem(("tags", index), f"'tags': onbekend thema '{name}'; {hint}")


def read_article(
    path: Path, src: str, data: Data, folder: str
) -> tuple[Article | None, list[Problem]]:
    """Return the article in a Markdown file of the articles folder (None for the folder's
    index page) and its problems."""
    text = read_text(path)
    front = _front_matter(text)
    is_article = not src.endswith("index.md")
    if front is None:
        if is_article:
            return None, [
                Problem(str(path), 1, 1, "een artikel begint met front matter tussen '---' regels")
            ]
        return None, []
    # The block still starts with its '---' line, so YAML's line numbers are the file's own.
    document = compose_document(front, str(path))
    if document.problems:
        return None, document.problems
    if not isinstance(document.value, dict):
        document.problem((), "de front matter moet 'sleutel: waarde'-regels bevatten")
        return None, document.problems
    try:
        meta = ArticleMeta.model_validate(document.value)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            report_error(document, ArticleMeta, detail)
        return None, document.problems
    if not (is_article or meta.date or meta.event or meta.associations or meta.tags):
        return None, []
    _check(meta, document, data, is_article, src)
    if document.problems:
        return None, document.problems
    heading = _HEADING.search(text[len(front) :])
    title = meta.title or (heading.group(1) if heading else PurePosixPath(src).stem)
    return (
        Article(
            src=src,
            title=title,
            date=meta.date,
            event=meta.event,
            associations=tuple(meta.associations),
            tags=tuple(meta.tags),
            description=meta.description,
        ),
        [],
    )


def read_articles(
    docs_dir: Path, data: Data, folder: str, shown_as: Path | None = None
) -> list[Article]:
    """Return every article in `docs_dir`/`folder`, or raise DataError with all their problems.

    `shown_as` is the folder name used in messages (e.g. 'docs'), default `docs_dir`.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in sorted((docs_dir / folder).rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        shown = (shown_as or docs_dir) / src
        try:
            article, found = read_article(path, src, data, folder)
        except DataError as error:
            article, found = None, list(error.problems)
        problems.extend(Problem(str(shown), p.line, p.column, p.message, p.severity) for p in found)
        if article is not None:
            articles.append(article)
    if problems:
        raise DataError(problems)
    return articles


def read_site(cache: DataCache, settings: Settings, docs: Path) -> tuple[Data, list[Article]]:
    """Return the site's data (from the cache when unchanged) and its articles, checked
    against it; raise DataError with every problem."""
    with paused_gc():  # thousands of lasting objects: no cyclic GC
        data = cache.load(settings)
        return data, read_articles(docs, data, settings.paths.articles, Path(settings.docs_dir))
