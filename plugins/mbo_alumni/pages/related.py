"""An article page's links to the event it reports on and the associations it names."""

from __future__ import annotations

from typing import Any

from ..outputs.record import Records
from ..source.articles import Article
from ..source.load import Data


def related(article: Article, data: Data, records: Records) -> dict[str, Any] | None:
    """Return what an article page shows of its event and associations (the other side of
    their "reports" lists), for mbo-alumni/related.html; None when it names neither."""
    event = next((e for e in data.events if e.id == article.event), None)
    named = [a for a in data.associations if a.id in article.associations]
    if event is None and not named:
        return None
    site, record = records.site, records(event) if event else None
    return {
        "event": {"url": record.page, "title": record.event.title, "when": record.when}
        if record
        else None,
        "associations": [{"url": site.paths.association_page(a.id), "name": a.name} for a in named],
    }
