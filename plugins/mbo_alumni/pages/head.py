"""What a page announces in its <head>: feeds (<link rel="alternate">) and its link preview."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.website import Site
from ..outputs import news_feeds as feeds
from ..outputs.agenda_slices import Facet


@dataclass(frozen=True)
class Alternate:
    """A feed announced in a page's <head> with <link rel="alternate">."""

    type: str
    title: str
    path: str  # relative to the site root; kept at the root (Material fetches a sitemap beside it)


def calendar_alternate(site: Site, name: str, path: str) -> Alternate:
    """Return the announcement of one calendar feed."""
    return Alternate("text/calendar", site.words("alternate.calendar", name=name), path)


def _news(site: Site, name: str, rss: str, atom: str) -> tuple[Alternate, ...]:
    words = site.words
    return (
        Alternate("application/rss+xml", words("alternate.rss", name=name), rss),
        Alternate("application/atom+xml", words("alternate.atom", name=name), atom),
    )


def site_alternates(site: Site) -> tuple[Alternate, ...]:
    """Return the feeds every page announces: the agenda's and the articles'."""
    agenda, articles = feeds.agenda_feed(site), feeds.articles_feed(site)
    return (
        calendar_alternate(site, agenda.title, site.paths.site_calendar),
        *_news(site, agenda.title, agenda.rss_path, agenda.atom_path),
        *_news(site, articles.title, articles.rss_path, articles.atom_path),
    )


def facet_alternates(facet: Facet, site: Site) -> tuple[Alternate, ...]:
    """Return the feeds a province's or theme's page announces."""
    return (
        calendar_alternate(site, facet.title, facet.calendar),
        *_news(site, facet.title, facet.rss, facet.atom),
    )


@dataclass(frozen=True)
class PageFacts:
    """What the generator knows of one page when its <head> is written."""

    url: str  # the page's site-relative URL (MkDocs' page.url)
    title: str
    description: str
    is_article: bool


def page_head(
    site: Site, facts: PageFacts, site_name: str, own: tuple[Alternate, ...] = ()
) -> dict[str, object]:
    """Return what mbo-alumni/head.html writes into a page's <head>: the announced feeds
    (every page's, then the page's own), the prefix of relative links, and the link preview."""
    return {
        "alternates": site_alternates(site) + own,
        # Relative hrefs: the site works from any folder and never points elsewhere.
        "prefix": "../" * facts.url.count("/"),
        "meta": {
            "kind": "article" if facts.is_article else "website",
            "locale": site.words.locale,
            "site_name": site_name,
            "title": facts.title,
            "description": facts.description,
            "url": site.absolute(facts.url),
        },
    }


def error_page_head(site: Site, prefix: str) -> dict[str, object]:
    """Return the <head> of 404.html, which is served from any URL: the announced feeds with
    links from the site's own path, and no link preview."""
    return {"alternates": site_alternates(site), "prefix": prefix, "meta": None}
