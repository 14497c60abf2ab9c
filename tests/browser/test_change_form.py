"""The change page in real Chromium at 360 px: from an event's or an association's page, the
change link opens a form holding the entry's current values (read from the site's own open
data); changing one field and pressing on shows "old -> new" and gives GitHub's change form
with only that field, the id, and a title that names the kind of request."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from browser import built_and_served, screenshot, submit
from conftest import REPO_URL, ROOT, copy_project

EVENTS = yaml.safe_load((ROOT / "data" / "events.yaml").read_text(encoding="utf-8"))
EVENT = next(e for e in EVENTS if "end" not in e)  # moved by its start alone
ASSOCIATION = yaml.safe_load((ROOT / "data" / "associations.yaml").read_text(encoding="utf-8"))[0]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with built_and_served(copy_project(tmp_path_factory.mktemp("change"))) as url:
        yield url


@pytest.fixture
def tab(chromium: Any, base: str):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 360, "height": 900})
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
    yield page
    assert all(url.startswith(base) for url in page.requests), page.requests  # type: ignore[attr-defined]
    context.close()


def result_query(tab: Any, form: str) -> dict[str, list[str]]:
    link = tab.eval_on_selector(
        f"form[data-form='{form}.yml'] + .mbo-join__result .mbo-join__link", "a => a.href"
    )
    url = urlsplit(link)
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO_URL}/issues/new"
    return parse_qs(url.query)


def test_moving_an_event_from_its_page(tab: Any, base: str) -> None:
    tab.goto(base + f"agenda/{EVENT['id']}/", wait_until="load")
    tab.click("text=Verplaatsen, wijzigen of afgelasten")
    tab.wait_for_selector("form[data-change][data-ready]")
    form = "bijeenkomst-wijzigen"
    assert tab.input_value(f"#{form}-id") == EVENT["id"]
    assert tab.input_value(f"#{form}-event_title") == EVENT["title"]
    assert tab.input_value(f"#{form}-start") == str(EVENT["start"])
    assert tab.locator("section[aria-labelledby=vereniging-wijzigen]").is_hidden()
    moved = str(EVENT["start"]).replace(
        str(EVENT["start"])[:4], str(int(str(EVENT["start"])[:4]) + 7), 1
    )
    tab.fill(f"#{form}-start", moved)
    submit(tab, f"{form}.yml")
    changes = tab.inner_text(f"form[data-form='{form}.yml'] + .mbo-join__result .mbo-join__changes")
    assert changes == f"Begin: {EVENT['start']} wordt {moved}"
    query = result_query(tab, form)
    assert query.pop("template") == [f"{form}.yml"]
    assert query.pop("title") == [f"Wijziging bijeenkomst: {EVENT['title']}"]
    assert query.pop("id") == [EVENT["id"]]
    assert query.pop("start") == [moved]
    assert query == {}  # nothing that did not change, and no "change": it is not cancelled
    screenshot(tab, "change-event-360.png")


def test_cancelling_is_one_choice(tab: Any, base: str) -> None:
    tab.goto(base + f"meedoen/wijzigen/?bijeenkomst={EVENT['id']}", wait_until="load")
    tab.wait_for_selector("form[data-change][data-ready]")
    form = "bijeenkomst-wijzigen"
    tab.select_option(f"#{form}-change", "Afgelasten")
    submit(tab, f"{form}.yml")
    query = result_query(tab, form)
    assert query["change"] == ["Afgelasten"] and "start" not in query
    changes = tab.inner_text(f"form[data-form='{form}.yml'] + .mbo-join__result .mbo-join__changes")
    assert changes.startswith("De bijeenkomst wordt afgelast.")


def test_a_reload_keeps_what_was_typed(tab: Any, base: str) -> None:
    """A reload (or back) of the change page keeps the volunteer's edits, not the data's."""
    tab.goto(base + f"meedoen/wijzigen/?bijeenkomst={EVENT['id']}", wait_until="load")
    tab.wait_for_selector("form[data-change][data-ready]")
    form = "bijeenkomst-wijzigen"
    tab.fill(f"#{form}-event_title", "Nieuwe titel die ik typte")
    tab.reload(wait_until="load")
    tab.wait_for_selector("form[data-change][data-ready]")
    assert tab.input_value(f"#{form}-event_title") == "Nieuwe titel die ik typte"
    assert tab.input_value(f"#{form}-id") == EVENT["id"]
    submit(tab, f"{form}.yml")  # still known as a change against the data's value
    changes = tab.inner_text(f"form[data-form='{form}.yml'] + .mbo-join__result .mbo-join__changes")
    assert changes == f"Titel: {EVENT['title']} wordt Nieuwe titel die ik typte"
    # Once sent (the link followed), the draft is gone: the next visit starts from the data.
    tab.evaluate("""() => {
        const link = document.querySelector('.mbo-join__result:not([hidden]) .mbo-join__link');
        link.addEventListener('click', event => event.preventDefault());  // stay here
        link.click();
    }""")
    tab.goto(base + f"meedoen/wijzigen/?bijeenkomst={EVENT['id']}", wait_until="load")
    tab.wait_for_selector("form[data-change][data-ready]")
    assert tab.input_value(f"#{form}-event_title") == EVENT["title"]


def test_nothing_changed_is_said_so(tab: Any, base: str) -> None:
    tab.goto(base + f"meedoen/wijzigen/?bijeenkomst={EVENT['id']}", wait_until="load")
    tab.wait_for_selector("form[data-change][data-ready]")
    submit(tab, "bijeenkomst-wijzigen.yml")
    assert "nog niets veranderd" in tab.inner_text(
        "form[data-form='bijeenkomst-wijzigen.yml'] .mbo-join__summary"
    )


def test_renaming_an_association_from_its_page(tab: Any, base: str) -> None:
    tab.goto(base + f"verenigingen/{ASSOCIATION['id']}/", wait_until="load")
    tab.click("a:text-is('Wijzig deze gegevens')")
    tab.wait_for_selector("form[data-change][data-ready]")
    form = "vereniging-wijzigen"
    assert tab.input_value(f"#{form}-name") == ASSOCIATION["name"]
    assert tab.input_value(f"#{form}-city") == ASSOCIATION["city"]
    tab.fill(f"#{form}-name", ASSOCIATION["name"] + " Alumni")
    submit(tab, f"{form}.yml")
    query = result_query(tab, form)
    assert query == {"template": [f"{form}.yml"], "id": [ASSOCIATION["id"]],
                     "title": [f"Wijziging vereniging: {ASSOCIATION['name']} Alumni"],
                     "name": [ASSOCIATION["name"] + " Alumni"]}  # fmt: skip
