"""An article page's links to the event it reports on and the associations it names."""

from __future__ import annotations

from typing import Any

from ..core import wording
from ..core.website import Site
from ..source.articles import Article
from ..source.load import Data


def related(article: Article, data: Data, site: Site) -> dict[str, Any] | None:
    """Return what an article page shows of its event and associations (the other side of
    their "reports" lists), for mbo-alumni/related.html; None when it names neither."""
    event = next((e for e in data.events if e.id == article.event), None)
    named = [a for a in data.associations if a.id in article.associations]
    if event is None and not named:
        return None
    return {
        "event": {
            "url": site.paths.event_page(event.id),
            "title": event.title,
            "when": wording.when(event.start, event.end, site.words),
        }
        if event
        else None,
        "associations": [{"url": site.paths.association_page(a.id), "name": a.name} for a in named],
    }
