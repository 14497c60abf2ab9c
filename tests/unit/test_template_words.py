"""The templates say nothing of their own: every word a visitor reads comes from the catalogue
(wording/nl.yaml), so a site's wording file reaches all of it. What is left of a template once
its tags, comments, scripts and markup are taken out must hold no word."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

TEMPLATES = sorted((ROOT / "plugins" / "mbo_alumni" / "templates").rglob("*.html"))
# Attributes a visitor (or a screen reader) reads; their values must come from the catalogue.
READ = r"(?:aria-label|title|alt|placeholder)"


def _left(source: str) -> str:
    for pattern in (r"\{#.*?#\}", r"\{\{.*?\}\}", r"\{%.*?%\}", r"<script.*?</script>",
                    r"<style.*?</style>", r"<[^>]*>"):  # fmt: skip
        source = re.sub(pattern, " ", source, flags=re.S)
    return source


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_a_template_writes_no_word_itself(template) -> None:  # type: ignore[no-untyped-def]
    source = template.read_text(encoding="utf-8")
    words = re.findall(r"[^\W\d_]{2,}", _left(source))
    assert not words, f"{template.name}: {words[:10]} (zet ze in wording/nl.yaml)"
    tags = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", source, flags=re.S)
    for value in re.findall(rf'\s{READ}="([^"]*)"', tags):
        assert not re.search(r"[^\W\d_]{2,}", value), (template.name, value)


def test_the_check_finds_a_word_in_a_template() -> None:
    assert re.findall(r"[^\W\d_]{2,}", _left("<p>{{ x }} Hele agenda</p>")) == ["Hele", "agenda"]
    assert not re.findall(r"[^\W\d_]{2,}", _left('<p>{{ words("a") }}</p>{# uitleg #}'))
