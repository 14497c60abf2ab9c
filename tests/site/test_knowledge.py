"""The knowledge base: articles, cross-links both ways, theme pages, home, and the Zelfcheck."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from browser import screenshot, serve
from conftest import ASSOCIATIONS, EVENTS, MKDOCS_YML, ROOT, Project, mkdocs_build, validate
from mbo_alumni.source.articles import read_articles
from mbo_alumni.source.load import load


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_every_real_article_has_complete_valid_front_matter() -> None:
    data = load(ROOT / "data")
    articles = read_articles(ROOT / "docs", data, "artikelen")
    in_folder = sorted((ROOT / "docs" / "artikelen").glob("*.md"))
    assert len(articles) == len(in_folder) - 1  # all but the folder's index page
    themes = {theme.name for theme in data.themes}
    for article in articles:
        assert article.date is not None and article.description, article.src
        assert article.tags and set(article.tags) <= themes, article.src
    assert {t for a in articles for t in a.tags} == themes  # no theme without an article


def test_real_event_and_article_link_each_other(real_site: Path) -> None:
    event = html(real_site, "agenda/llo-alumnibeleid-2020-09-22")
    assert 'href="../../artikelen/verslag-binden-en-boeien/"' in event
    assert 'href="../../artikelen/vijf-fasenmodel/"' in event
    report = html(real_site, "artikelen/verslag-binden-en-boeien")
    assert 'href="../../agenda/llo-alumnibeleid-2020-09-22/"' in report


def test_real_association_and_article_link_each_other(real_site: Path) -> None:
    association = html(real_site, "verenigingen/a-academy")
    assert 'href="../../artikelen/verslag-den-bosch/"' in association
    report = html(real_site, "artikelen/verslag-den-bosch")
    related = report.split('<aside class="mbo-related"')[1].split("</aside>")[0]
    assert 'href="../../verenigingen/a-academy/"' in related


def test_every_theme_page_lists_its_articles(real_site: Path) -> None:
    data = load(ROOT / "data")
    articles = read_articles(ROOT / "docs", data, "artikelen")
    for theme in data.themes:
        page = html(real_site, f"themas/{theme.id}")
        mine = [a for a in articles if theme.name in a.tags]
        assert mine, theme.id
        for article in mine:
            assert f'href="../../{article.url}"' in page, (theme.id, article.src)
        others = [a for a in articles if theme.name not in a.tags]
        for article in others:
            assert (
                f'href="../../{article.url}"'
                not in page.split('class="mbo-listing"')[1].split("</div>")[0]
            ), (theme.id, article.src)
    overview = html(real_site, "themas")
    assert all(f'href="{theme.id}/"' in overview for theme in data.themes)


THEMES = """\
- id: ambassadeurs
  name: Ambassadeurs
  description: Studenten die fan zijn.
"""
ARTICLE = """\
---
title: Over ambassadeurs
description: Een test.
date: 2026-10-01
event: voorjaar
associations: [noorderlicht]
tags: [Ambassadeurs]
---

Tekst.
"""
HOME = """\
---
template: mbo-alumni/home.html
---

# Welkom
"""


@pytest.fixture
def knowledge_site(project: Project) -> Path:
    tagged = EVENTS.replace(
        "  location: {name: Aula, city: Den Bosch}\n",
        "  location: {name: Aula, city: Den Bosch}\n  tags: [ambassadeurs]\n",
    )
    root = project(
        {
            "data/themes.yaml": THEMES,
            "data/events.yaml": tagged,
            "docs/index.md": HOME,
            "docs/artikelen/ambassadeurs.md": ARTICLE,
            "mkdocs.yml": MKDOCS_YML.replace("  - search\n", "  - search\n  - tags\n"),
        }
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_theme_page_lists_articles_and_events(knowledge_site: Path) -> None:
    page = html(knowledge_site, "themas/ambassadeurs")
    assert 'href="../../artikelen/ambassadeurs/"' in page
    assert 'href="../../agenda/voorjaar/"' in page
    event = html(knowledge_site, "agenda/voorjaar")
    assert 'href="../../themas/ambassadeurs/"' in event
    assert 'href="../../artikelen/ambassadeurs/"' in event  # its report
    association = html(knowledge_site, "verenigingen/noorderlicht")
    assert 'href="../../artikelen/ambassadeurs/"' in association
    assert "Over ambassadeurs" not in html(knowledge_site, "verenigingen/a-academy")


def test_home_shows_the_next_event_and_newest_article(knowledge_site: Path) -> None:
    home = (knowledge_site / "index.html").read_text(encoding="utf-8")
    binnenkort = home.split('id="binnenkort"')[1].split('id="nieuw"')[0]
    assert "Voorjaarsbijeenkomst" in binnenkort
    assert "Oude bijeenkomst" not in binnenkort  # past events are not "next"
    assert "Over ambassadeurs" in home.split('id="nieuw"')[1]
    assert "Er staan 2 alumniverenigingen in de lijst" in home


@pytest.mark.parametrize(
    ("front", "line", "words"),
    [
        ("event: najaar", 4, "onbekend evenement 'najaar'"),
        ("associations: [a-academy, onbekend]", 4, "onbekende vereniging 'onbekend'"),
        ("tags: [Ambasadeurs]", 4, "bedoel je 'Ambassadeurs'"),
        ("date: morgen", 3, "datum"),
    ],
)
def test_bad_front_matter_is_named_by_file_and_line(
    project: Project, front: str, line: int, words: str
) -> None:
    article = f"---\ntitle: Test\n{front}\n---\n\nTekst.\n"
    if not front.startswith("date"):
        article = article.replace("title: Test\n", "title: Test\ndate: 2026-01-01\n")
    root = project({"data/themes.yaml": THEMES, "docs/artikelen/test.md": article})
    cli = validate(root / "data")
    assert cli.returncode == 1
    expected = f"{root / 'docs/artikelen/test.md'}:{line}:"
    assert any(row.startswith(expected) and words in row for row in cli.stdout.splitlines()), (
        cli.stdout
    )
    build = mkdocs_build(root)
    assert build.returncode != 0
    assert f"docs/artikelen/test.md:{line}:" in build.stderr and words in build.stderr
    assert not (root / "site").exists()


def test_article_without_date_is_refused(project: Project) -> None:
    root = project({"docs/artikelen/test.md": "---\ntitle: Test\n---\n\nTekst.\n"})
    result = validate(root / "data")
    assert result.returncode == 1
    assert "artikelen/test.md:2:1: error: een artikel heeft een 'date' nodig" in result.stdout


def test_themes_file_is_checked(tmp_path: Path) -> None:
    (tmp_path / "associations.yaml").write_text(ASSOCIATIONS)
    (tmp_path / "events.yaml").write_text(EVENTS.replace("organizer: a-academy\n", "tags: [x]\n"))
    (tmp_path / "themes.yaml").write_text(THEMES + THEMES)
    result = validate(tmp_path)
    assert result.returncode == 1
    assert f"{tmp_path / 'themes.yaml'}:4:7: error:" in result.stdout  # repeated id
    assert "onbekende thema 'x'; kies uit: ambassadeurs" in result.stdout


# --- the Zelfcheck in a real browser -----------------------------------------------------


def test_zelfcheck_gives_advice_keeps_data_local(real_site: Path, chromium) -> None:  # type: ignore[no-untyped-def]
    with serve(real_site) as base:
        context = chromium.new_context()
        requests: list[str] = []
        errors: list[str] = []
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(base + "zelfcheck/")
        result = page.locator(".mbo-zelfcheck__result")
        assert result.is_hidden()

        page.check("input[name=directie][value=nee]")
        advice = page.locator(".mbo-zelfcheck__advice")
        assert "Zoek steun bij de directie." in advice.inner_text()
        link = advice.locator("a").first
        assert link.get_attribute("href") == base + "artikelen/draagvlak-en-zichtbaarheid/"

        page.check("input[name=directie][value=ja]")
        assert "Zoek steun" not in advice.inner_text()
        assert "Houd de directie op de hoogte" in advice.inner_text()
        page.check("input[name=avg][value=nee]")
        assert "Je beantwoordde 2 van de 10 vragen. 1 keer ja." in result.inner_text()
        # The submit button (keyboard users expect one) takes the visitor to the advice.
        page.keyboard.press("Enter")
        page.click("button[type=submit]:text('Toon mijn advies')")
        assert page.evaluate("() => document.activeElement.id") == "advies"
        assert page.url == base + "zelfcheck/"

        # Nothing is stored until the visitor asks for it.
        assert page.evaluate("() => window.localStorage.length") == 0
        page.check("[data-mbo-remember]")
        page.reload()
        assert page.is_checked("input[name=avg][value=nee]")
        assert page.locator("[data-mbo-print]").is_visible()
        page.click("[data-mbo-reset]")
        assert page.evaluate("() => window.localStorage.length") == 0
        assert result.is_hidden()

        assert all(url.startswith(base) for url in requests), requests
        assert not errors, errors
        context.close()


def test_zelfcheck_reads_as_a_checklist_without_javascript(real_site: Path, chromium) -> None:  # type: ignore[no-untyped-def]
    with serve(real_site) as base:
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "zelfcheck/")
        questions = page.locator("fieldset.mbo-zelfcheck__question")
        assert questions.count() == 10
        # Every answer's advice is in the page, visible, with its tip linked.
        for index in range(10):
            question = questions.nth(index)
            assert question.locator("legend").inner_text().startswith(f"{index + 1}. ")
            for answer in ("ja", "nee"):
                assert question.locator(f"dd[data-answer={answer}]").is_visible()
            assert question.locator("dd[data-answer=nee] a").get_attribute("href")
        assert page.locator(".mbo-zelfcheck__result").is_hidden()
        # Its button works the advice, so it is not there without JavaScript.
        assert page.locator(".mbo-zelfcheck button[type=submit]").is_hidden()
        context.close()


def test_zelfcheck_question_reads_as_one_block_on_a_phone(real_site: Path, chromium) -> None:  # type: ignore[no-untyped-def]
    # At 360 px the number, the question, the answers and the advice sit inside one box.
    with serve(real_site) as base:
        context = chromium.new_context(viewport={"width": 360, "height": 800})
        page = context.new_page()
        page.goto(base + "zelfcheck/")
        first = page.locator("fieldset.mbo-zelfcheck__question").first
        box = first.bounding_box()
        for part in ("legend", ".mbo-zelfcheck__answers", "dl"):
            inner = first.locator(part).bounding_box()
            assert (
                box["y"] <= inner["y"] and inner["y"] + inner["height"] <= box["y"] + box["height"]
            )
            assert box["x"] <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"]
        legend = first.locator("legend").bounding_box()
        answers = first.locator(".mbo-zelfcheck__answers").bounding_box()
        assert legend["y"] + legend["height"] <= answers["y"] + 1  # question above its answers
        screenshot(page, "zelfcheck-question-360.png", full_page=False)
        context.close()


def test_themes_file_has_a_schema_line() -> None:
    first = (ROOT / "data" / "themes.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/themes.schema.json"
    assert yaml.safe_load((ROOT / "data" / "themes.yaml").read_text(encoding="utf-8"))
