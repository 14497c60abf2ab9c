"""What the templates read beside a page: its head, the site's paths and words, and the
page's own context (a generated page's, home's, the join forms', an article's links)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core import urls
from ..core.settings import Settings
from ..outputs.generators import Build
from ..source.articles import Article
from .head import PageFacts, page_head
from .join_form import change_forms, join_forms, rules, rules_script
from .listings import home_context
from .related import related
from .specs import HOME, PageSpec


@dataclass
class Contexts:
    """The template context of every page of one build."""

    build: Build
    settings: Settings
    articles: dict[str, Article]  # by source path
    repo_url: str | None  # turns on the edit links and the join forms

    def edit_links(self) -> dict[str, str]:
        """Return the repository's edit page of each data file, when repo_url is set."""
        if not self.repo_url:
            return {}
        files = self.settings.files
        return {
            "associations": self.settings.edit_url(self.repo_url, files.associations),
            "events": self.settings.edit_url(self.repo_url, files.events),
        }

    def of_page(self, src: str, spec: PageSpec | None, facts: PageFacts) -> dict[str, Any]:
        """Return the keys our templates read for the page whose source is `src`."""
        data, site, today = self.build.data, self.build.site, self.build.today
        own = spec.alternates if spec else ()
        extra: dict[str, Any] = {
            "mbo_head": page_head(site, facts, site.name, own),
            "mbo_site": {
                "paths": site.paths.section(),
                "edit": self.edit_links(),
                "words": site.words,
                "forms": site.forms,  # the issue forms' file names (core/urls.py)
            },  # fmt: skip
        }
        if src in self.articles:
            extra["mbo_related"] = related(self.articles[src], data, self.build.records)
        if spec:
            extra.update(spec.context)
        elif src == HOME:
            articles = list(self.articles.values())
            extra.update(home_context(data, articles, today, self.build.records))
        elif src == site.paths.join_source and self.repo_url:
            forms = join_forms(self.settings.root / ".github" / "ISSUE_TEMPLATE", data)
            extra["join_forms"] = forms
            extra["join_email"] = self.settings.email_requests
            email = self.settings.email_requests
            extra["join_rules"] = rules_script(rules(forms, data, facts.url, email, site.words))
        if src == urls.page_source(site.paths.change_page) and self.repo_url:
            forms = change_forms(self.settings.root / ".github" / "ISSUE_TEMPLATE", data)
            extra["change_forms"] = forms
            extra["join_email"] = self.settings.email_requests
            email = self.settings.email_requests
            extra["change_rules"] = rules_script(rules(forms, data, facts.url, email, site.words))
        return extra
