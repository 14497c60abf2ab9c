"""The volunteer's two routes in real Chromium at 360 px, held against what the real GitHub
does: every link the site builds names only text fields of the form it opens (GitHub fills
nothing else from a link and may show the blank template), stays under GitHub's URL limit,
and with `email_requests` set the same request goes by e-mail, which `from-mail` turns into
the same pull request."""

from __future__ import annotations

import re
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from browser import screenshot, serve, submit
from conftest import REPO_URL, ROOT, copy_project, mkdocs_build
from mbo_alumni.contrib.issue_form import read_form
from remotes import Repo, from_mail

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
MAIL = "aanmelden@alumni.test"
GITHUB_LIMIT = 8000  # GitHub answers 414 above about 8 KB


def text_fields(template: str) -> set[str]:
    return {f.id for f in read_form(FORMS / template).fields if f.kind in ("input", "textarea")}


def assert_github_fills(url: str) -> None:
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO_URL}/issues/new", url
    query = parse_qs(parts.query)
    (template,) = query.pop("template")
    query.pop("title", None)
    query.pop("labels", None)
    assert set(query) <= text_fields(template), (template, set(query) - text_fields(template))
    assert len(url) < GITHUB_LIMIT


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = copy_project(tmp_path_factory.mktemp("routes"))
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - mbo-alumni:\n", f"  - mbo-alumni:\n      email_requests: {MAIL}\n")
    assert MAIL in config
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(root, REPO_URL=REPO_URL)
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield root, url


@pytest.fixture
def tab(chromium: Any, site: tuple[Path, str]):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 360, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_every_link_on_the_built_pages_names_only_text_fields(site: tuple[Path, str]) -> None:
    root, _ = site
    found = 0
    for page in (root / "site").rglob("*.html"):
        for href in re.findall(r'href="([^"]*/issues/new\?[^"]*)"', page.read_text("utf-8")):
            assert_github_fills(href.replace("&amp;", "&"))
            found += 1
    assert found > 10  # the association and event pages' links, the Meedoen page's


def _fill_everything(tab: Any, form: str) -> None:
    """Fill every field of a form the way a volunteer could, every list with its first
    choice (a dropdown on GitHub would have stopped the link from filling anything)."""
    slug = form.removesuffix(".yml")
    for field in read_form(FORMS / form).fields:
        selector = f"#{slug}-{field.id}"
        tag = tab.eval_on_selector(selector, "e => e.tagName + (e.type || '')")
        if tag.startswith("SELECT"):
            tab.eval_on_selector(
                selector, "s => { s.options[s.options.length - 1].selected = true; }"
            )
        elif tag == "INPUTcheckbox":
            tab.check(selector)
    values = {
        "vereniging-aanmelden.yml": {"id": "bee", "name": "Bee Alumni", "institution": "Test",
                                     "city": "Utrecht", "contact_name": "Sam"},
        "evenement-aanmelden.yml": {"id": "bee-borrel", "event_title": "Borrel",
                                    "start": "2027-01-05 20:00", "repeat_count": "3",
                                    "organizer": "a-academy", "location_city": "Tilburg",
                                    "location_url": "https://meet.example.org/b?utm_source=x"},
    }[form]  # fmt: skip
    for field, value in values.items():
        tab.fill(f"#{slug}-{field}", value)


@pytest.mark.parametrize("form", ["vereniging-aanmelden.yml", "evenement-aanmelden.yml"])
def test_the_join_forms_build_links_github_fills(
    tab: Any, site: tuple[Path, str], form: str
) -> None:
    _, base = site
    tab.goto(base + "meedoen/", wait_until="load")
    _fill_everything(tab, form)
    if form == "evenement-aanmelden.yml":  # a series needs its rule's own fields right
        tab.select_option("#evenement-aanmelden-repeat_every", "elke week")
        tab.select_option("#evenement-aanmelden-repeat_weekday", "dinsdag")
        tab.select_option("#evenement-aanmelden-repeat_week", "")
        tab.select_option("#evenement-aanmelden-status", "bevestigd")
    submit(tab, form)
    result = f"form[data-form='{form}'] + .mbo-join__result"
    assert tab.is_visible(result), tab.inner_text(f"form[data-form='{form}'] .mbo-join__summary")
    url = tab.eval_on_selector(f"{result} .mbo-join__link", "a => a.href")
    assert_github_fills(url)
    query = parse_qs(urlsplit(url).query)
    if form == "evenement-aanmelden.yml":
        assert query["repeat_every"] == ["elke week"] and query["status"] == ["bevestigd"]
        assert query["location_url"] == ["https://meet.example.org/b"]  # tracking code gone
        notes = tab.inner_text(f"{result} .mbo-join__notes")
        assert "codes gehaald waarmee websites bezoekers volgen" in notes
    else:
        assert query["province"] == ["Zuid-Holland"]


def test_the_change_forms_build_links_github_fills(tab: Any, site: tuple[Path, str]) -> None:
    _, base = site
    events = yaml.safe_load((ROOT / "data" / "events.yaml").read_text(encoding="utf-8"))
    tab.goto(base + f"meedoen/wijzigen/?bijeenkomst={events[0]['id']}", wait_until="load")
    tab.wait_for_selector("form[data-change][data-ready]")
    tab.select_option("#bijeenkomst-wijzigen-change", "Afgelasten")
    submit(tab, "bijeenkomst-wijzigen.yml")
    url = tab.eval_on_selector(
        "form[data-form='bijeenkomst-wijzigen.yml'] + .mbo-join__result .mbo-join__link",
        "a => a.href",
    )
    assert_github_fills(url)
    assert parse_qs(urlsplit(url).query)["change"] == ["Afgelasten"]


def test_the_same_request_goes_by_e_mail(tab: Any, site: tuple[Path, str], tmp_path: Path) -> None:
    """The mail the site writes is what `from-mail` reads: the site's own text, sent."""
    _, base = site
    tab.goto(base + "meedoen/", wait_until="load")
    routes = tab.inner_text(".mbo-routes")
    assert "Per e-mail" in routes and MAIL in routes and "voor iedereen te zien" in routes
    slug = "vereniging-aanmelden"
    typed = {"id": "bee-vereniging", "name": "Bee Alumni", "institution": "Test",
             "city": "Utrecht", "email": "alumni@example.org",
             "description": "Wij brengen oud-studenten samen.\n\nElk jaar."}  # fmt: skip
    for field, value in typed.items():
        tab.fill(f"#{slug}-{field}", value)
    tab.select_option(f"#{slug}-province", "Utrecht")
    submit(tab, f"{slug}.yml")
    result = f"form[data-form='{slug}.yml'] + .mbo-join__result"
    href = tab.eval_on_selector(f"{result} .mbo-join__mail", "a => a.href")
    assert href.startswith(f"mailto:{MAIL}?")
    query = parse_qs(urlsplit(href).query)
    assert query["subject"] == ["Vereniging: Bee Alumni"]
    shown = tab.eval_on_selector(f"{result} .mbo-join__mailtext textarea", "t => t.value")
    assert shown == query["body"][0] and "Soort verzoek: Vereniging aanmelden" in shown
    message = EmailMessage()
    message["From"] = "Sam <sam@example.org>"
    message["Subject"] = query["subject"][0]
    message.set_content(unquote(query["body"][0]))
    repo = Repo(tmp_path)
    done = from_mail(repo, bytes(message))
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load(repo.branch_file("aanmelding/" + next(
        b.split("/", 1)[1] for b in repo.branches() if b.startswith("aanmelding/")),
        "data/associations.yaml"))  # fmt: skip
    added = next(a for a in data if a["id"] == "bee-vereniging")
    assert added["description"] == "Wij brengen oud-studenten samen.\n\nElk jaar."
    assert added["province"] == "Utrecht" and "aan sam@example.org" in done.stdout


def test_nothing_typed_is_lost_on_meedoen(tab: Any, site: tuple[Path, str]) -> None:
    """A failed check, a reload and back keep what was typed, until it is sent."""
    _, base = site
    tab.goto(base + "meedoen/", wait_until="load")
    slug = "vereniging-aanmelden"
    tab.fill(f"#{slug}-name", "Bee Alumni")
    tab.fill(f"#{slug}-description", "Een lange tekst\nover twee regels.")
    tab.select_option(f"#{slug}-province", "Limburg")
    submit(tab, f"{slug}.yml")  # fails: no id, school or city
    assert tab.is_visible(f"form[data-form='{slug}.yml'] .mbo-join__summary")
    tab.reload(wait_until="load")
    assert tab.input_value(f"#{slug}-name") == "Bee Alumni"
    assert tab.input_value(f"#{slug}-description") == "Een lange tekst\nover twee regels."
    assert tab.input_value(f"#{slug}-province") == "Limburg"
    tab.goto(base + "agenda/", wait_until="load")
    tab.go_back(wait_until="load")
    assert tab.input_value(f"#{slug}-name") == "Bee Alumni"
    # Another tab (another volunteer on a shared computer) starts empty.
    other = tab.context.new_page()
    other.goto(base + "meedoen/", wait_until="load")
    assert other.input_value(f"#{slug}-name") == ""
    other.close()


def test_the_result_at_360_px(tab: Any, site: tuple[Path, str]) -> None:
    _, base = site
    tab.goto(base + "meedoen/", wait_until="load")
    slug = "vereniging-aanmelden"
    for field, value in {"id": "bee", "name": "Bee Alumni", "institution": "Test",
                         "city": "Utrecht"}.items():  # fmt: skip
        tab.fill(f"#{slug}-{field}", value)
    tab.select_option(f"#{slug}-province", "Utrecht")
    submit(tab, f"{slug}.yml")
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    for name in ("mbo-join__link", "mbo-join__mail"):
        box = tab.locator(
            f"form[data-form='{slug}.yml'] + .mbo-join__result .{name}"
        ).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] >= 24
    screenshot(tab, "join-result-mail-360.png")
