"""The monthly borrel kept right from the site, in real Chromium at 360 px: on the series page,
each coming evening's own links ("deze keer afgelasten", "deze keer verplaatsen") and the
series' ("vanaf een datum wijzigen", "de reeks beëindigen") open the change form filled in;
the link it then gives to GitHub's form (input fields only) goes, as GitHub would file it,
through `mbo-alumni intake` with the gh stand-in; and every calendar program reads the result:
the four evenings already held unchanged to the second, the asked change right, one UID."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from borrel import expected
from browser import built_and_served, submit
from calendars import EXPANDERS
from conftest import body, copy_project, mini_project, mkdocs_build
from remotes import Repo

FORM = "bijeenkomst-wijzigen"
SERIES = """\
- id: borrel
  title: Maandborrel
  start: '2026-08-04 20:00'
  end: '2026-08-04 22:00'
  organizer: a-academy
  location: {name: Café De Poort, city: Tilburg}
  repeat: {every: month, weekday: tuesday, week: 1, until: 2027-07-06}
"""


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = copy_project(tmp_path_factory.mktemp("borrel"))  # the real site, its forms
    events = root / "data" / "events.yaml"  # the borrel beside the real events
    events.write_text(events.read_text(encoding="utf-8") + "\n" + SERIES, encoding="utf-8")
    with built_and_served(root) as url:
        yield url


@pytest.fixture
def tab(chromium: Any, base: str):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 360, "height": 900})
    yield context.new_page()
    context.close()


def answers_sent(tab: Any) -> dict[str, str]:
    """Check the form, and return the answers its GitHub link carries (as GitHub fills them)."""
    submit(tab, f"{FORM}.yml")
    link = tab.eval_on_selector(
        f"form[data-form='{FORM}.yml'] + .mbo-join__result .mbo-join__link", "a => a.href"
    )
    query = parse_qs(urlsplit(link).query)
    assert query.pop("template") == [f"{FORM}.yml"]
    query.pop("title")
    return {key: values[0] for key, values in query.items()}


# What the volunteer does on the series page for each task: the link, then what they type.
TASKS = {
    "afgelast": ("#keer-2026-12-01 >> text=deze keer afgelasten", {}),
    "verplaatst": ("#keer-2027-01-05 >> text=deze keer verplaatsen",
                   {"start": "2027-01-06 20:00", "end": "2027-01-06 22:00"}),
    "vanaf-januari": ("text=vanaf een datum wijzigen",
                      {"occurrence": "2027-01-05", "start": "2027-01-05 19:30",
                       "end": "2027-01-05 21:30"}),
    "gestopt": ("text=de reeks beëindigen", {"occurrence": "2027-01-05"}),
}  # fmt: skip


@pytest.mark.parametrize("task", list(TASKS))
def test_a_task_from_the_series_page_to_every_calendar(
    tab: Any, base: str, tmp_path: Path, task: str
) -> None:
    link, typed = TASKS[task]
    tab.goto(base + "agenda/borrel/", wait_until="load")
    tab.click(link)
    tab.wait_for_selector("form[data-change][data-ready]")
    for key, value in typed.items():
        tab.fill(f"#{FORM}-{key}", value)
    answers = answers_sent(tab)
    assert answers["id"] == "borrel" and answers.get("occurrence")
    repo = Repo(tmp_path, events=SERIES)
    result = repo.submit(11, body(f"{FORM}.yml", answers), FORM)
    assert result.returncode == 0, result.stdout + result.stderr
    (branch,) = [b for b in repo.branches() if b != "main"]
    site = mini_project(tmp_path / "site")(
        {"data/events.yaml": repo.branch_file(branch, "data/events.yaml")}
    )
    assert mkdocs_build(site).returncode == 0
    calendar = (site / "site" / "agenda.ics").read_bytes()
    for client in ("ical.js", "recurring-ical-events"):
        found = EXPANDERS[client](calendar)
        assert len({o["uid"] for o in found}) == 1, client
        assert sorted((o["start"], o["status"]) for o in found) == expected(task), client


@pytest.mark.parametrize(
    ("ident", "asked"), [("borrel", True), ("llo-alumnibeleid-2020-09-22", False)]
)
def test_only_a_series_asks_which_time(tab: Any, base: str, ident: str, asked: bool) -> None:
    tab.goto(base + f"meedoen/wijzigen/?bijeenkomst={ident}", wait_until="load")
    tab.wait_for_selector("form[data-change][data-ready]")
    for key in ("occurrence", "scope"):
        assert tab.locator(f"#{FORM}-{key}").is_visible() is asked, key
