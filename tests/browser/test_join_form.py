"""The forms on /meedoen/ in real Chromium: each mistake gets its Dutch message beside its
field, a valid entry gets GitHub's new-issue URL with every field filled in and YAML that the
real model accepts, and nothing leaves the site."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlsplit
from urllib.request import urlopen

import pytest
import yaml

from browser import screenshot, serve, submit
from conftest import REPO_URL, copy_project, mkdocs_build
from mbo_alumni.source.model import Association, Event

A = "vereniging-aanmelden"
E = "evenement-aanmelden"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = copy_project(tmp_path_factory.mktemp("join"))
    result = mkdocs_build(root, REPO_URL=REPO_URL)
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def phone(chromium: Any):  # type: ignore[no-untyped-def]
    """One browser context at 360 px for the module; each test opens its own tab in it."""
    context = chromium.new_context(viewport={"width": 360, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(phone: Any, base: str):  # type: ignore[no-untyped-def]
    tab = phone.new_page()
    tab.requests = []  # type: ignore[attr-defined]
    tab.on("request", lambda request: tab.requests.append(request.url))  # type: ignore[attr-defined]
    tab.goto(base + "meedoen/", wait_until="load")  # test_browser waits for idle here
    yield tab
    assert all(url.startswith(base) for url in tab.requests), tab.requests  # type: ignore[attr-defined]
    tab.close()


def fill(page: Any, form: str, values: dict[str, str], consent: bool = False) -> None:
    """Type each value into its field as a visitor would (one browser round trip per field:
    they are what these tests spend their time on), tick the consent box, and submit."""
    tags = page.evaluate(
        "ids => ids.map(id => document.getElementById(id)?.tagName)",
        [f"{form}-{field}" for field in values],
    )
    for (field, value), tag in zip(values.items(), tags, strict=True):
        selector = f"#{form}-{field}"
        if tag == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    if consent:
        page.check(f"#{form}-contact_consent")
    submit(page, f"{form}.yml")


def errors(page: Any, form: str, fields: Iterable[str]) -> dict[str, str]:
    """The message shown beside each field ("" when none shows), read in one round trip."""
    shown: dict[str, str | None] = page.evaluate(
        """([form, fields]) => Object.fromEntries(fields.map(field => {
            const box = document.getElementById(`${form}-${field}-error`);
            if (!box) return [field, null];
            const seen = box.checkVisibility({visibilityProperty: true})
                && box.getClientRects().length > 0;
            return [field, seen ? box.innerText : ""];
        }))""",
        [form, list(fields)],
    )
    missing = [field for field, text in shown.items() if text is None]
    assert not missing, f"no message box for {missing}"
    return {field: text or "" for field, text in shown.items()}


def error(page: Any, form: str, field: str) -> str:
    return errors(page, form, [field])[field]


def result_link(page: Any, form: str) -> str:
    link: str = page.eval_on_selector(
        f"form[data-form='{form}.yml'] + .mbo-join__result .mbo-join__link", "a => a.href"
    )
    return link


VALID = {
    "id": "bee-vereniging",
    "name": "Bee Alumni",
    "institution": "Testcollege",
    "city": "'s-Hertogenbosch",
    "province": "Noord-Brabant",
    "website": "https://www.testcollege.example.org/alumni",
    "email": "alumni@testcollege.example.org",
    "founded": "2015",
    "sectors": "Zorg, Techniek",
    "contact_name": "Sam de Vries",
}


def test_a_valid_association_opens_the_filled_issue_form(page: Any) -> None:
    fill(page, A, VALID, consent=True)
    assert page.is_visible(f"form[data-form='{A}.yml'] + .mbo-join__result")
    url = urlsplit(result_link(page, A))
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO_URL}/issues/new"
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    assert query.pop("template") == f"{A}.yml"
    assert query.pop("title") == "Vereniging: Bee Alumni"
    # GitHub fills only text fields from a link: the box is not in it, the page says to tick it.
    assert "contact_consent" not in query
    assert query == VALID
    notes = page.inner_text(f"form[data-form='{A}.yml'] + .mbo-join__result .mbo-join__notes")
    assert "Vink op GitHub bij 'Toestemming contactpersoon' het vakje aan." in notes
    # The YAML shown is an entry the real model accepts, with today's confirmation date.
    # (inside a closed <details>: text_content, which reads what is not rendered)
    text = page.text_content(f"form[data-form='{A}.yml'] + .mbo-join__result .mbo-join__yaml")
    (entry,) = yaml.safe_load(text)
    assert entry["city"] == "'s-Hertogenbosch" and entry["sectors"] == ["Zorg", "Techniek"]
    assert entry["contact"] == {"name": "Sam de Vries", "consent": True}
    assert entry["checked"] == date.today()
    Association.model_validate(entry)


def test_a_calendar_address_as_google_offers_it(page: Any) -> None:
    # Issue #45: the form explains that a webcal:// address may be given (Google, Apple and
    # Outlook offer one to subscribe); the browser takes it, intake stores it as https://
    # (tests/unit/contrib/test_calendar_read.py). A plain http:// address is refused, and
    # webcal:// stays refused where a web page is asked for.
    calendar = "webcal://calendar.google.com/calendar/ical/x/public/basic.ics"
    entry = {**VALID, "calendar": calendar, "website": "webcal://www.testcollege.example.org"}
    fill(page, A, entry, consent=True)
    assert error(page, A, "calendar") == ""
    assert "begint met https://" in error(page, A, "website")
    fill(page, A, {"website": VALID["website"], "calendar": "http://agenda.example.org/a.ics"})
    assert "begint met https://" in error(page, A, "calendar")
    fill(page, A, {"calendar": calendar, "calendar_words": "alumni, borrel"})
    query = parse_qs(urlsplit(result_link(page, A)).query)
    assert query["calendar"] == [calendar] and query["calendar_words"] == ["alumni, borrel"]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("id", "Bee Vereniging", "Gebruik alleen kleine letters, cijfers en losse streepjes"),
        ("id", "a-academy", "al in gebruik op de site"),  # the real data has it
        ("name", "B", "minstens 2 tekens"),
        ("name", "🎉🎉 🎉", "alleen tekens of emoji"),  # the validator's rule too
        ("institution", "", "Vul dit veld in."),
        ("province", "", "Kies een provincie."),  # a drop-down is chosen, not filled in
        ("website", "www.school.nl", "begint met https://"),
        ("email", "alumni-at-school.nl", "geen geldig e-mailadres"),
        ("founded", "1850", "het kleinste getal hier is 1900"),
        ("founded", "twintig", "heel getal"),
        ("socials_linkedin", "linkedin.com/company/x", "begint met https://"),
        ("description", "x" * 2001, "hoogstens 2000 tekens"),
    ],
)
def test_each_mistake_is_named_beside_its_field(
    page: Any, field: str, value: str, words: str
) -> None:
    fill(page, A, {**VALID, field: value}, consent=True)
    shown = errors(page, A, {**VALID, field: value})
    assert words in shown.pop(field)
    assert page.get_attribute(f"#{A}-{field}", "aria-invalid") == "true"
    summary = page.inner_text(f"form[data-form='{A}.yml'] .mbo-join__summary")
    assert summary.startswith("Eén ding klopt nog niet:") and words in summary
    assert not page.is_visible(f"form[data-form='{A}.yml'] + .mbo-join__result")
    assert {f: text for f, text in shown.items() if text} == {}  # no other field blamed


def test_a_person_needs_consent(page: Any) -> None:
    fill(page, A, VALID, consent=False)
    assert "alleen met toestemming (AVG)" in error(page, A, "contact_consent")


def test_fixing_the_mistakes_clears_the_messages(page: Any) -> None:
    fill(page, A, {**VALID, "id": "Fout", "email": "fout"}, consent=True)
    assert error(page, A, "id") and error(page, A, "email")
    fill(page, A, VALID)  # the box is still ticked
    assert error(page, A, "id") == "" and error(page, A, "email") == ""
    assert page.is_visible(f"form[data-form='{A}.yml'] + .mbo-join__result")


EVENT = {
    "id": "najaar-2027",
    "event_title": "Najaarsavond",
    "start": "2027-10-12 19:30",
    "end": "2027-10-12 21:00",
    "organizer": "a-academy",
    "location_city": "Tilburg",
}


def test_an_event_and_its_rules(page: Any) -> None:
    fill(page, E, {**EVENT, "start": "2027-02-30"})
    assert "Deze datum bestaat niet." in error(page, E, "start")
    fill(page, E, {**EVENT, "start": "12-10-2027", "end": "2027-10-12 21:00"})
    assert "allebei een datum" in error(page, E, "end")  # 12-10-2027 is read, as a date
    fill(page, E, {**EVENT, "start": "2200-10-12 19:30"})
    assert "Het jaar 2200 ligt buiten 1900 tot en met 2100" in error(page, E, "start")
    fill(page, E, {**EVENT, "end": "2027-10-12 18:00"})
    assert "Het einde ligt vóór het begin" in error(page, E, "end")
    # An organiser not on the site yet: a notice, not a refusal (its request may be open).
    fill(page, E, {**EVENT, "organizer": "a-academy, onbekend", "start": "12-10-2027 19:30"})
    notes = page.inner_text(f"form[data-form='{E}.yml'] + .mbo-join__result .mbo-join__notes")
    assert "De vereniging onbekend staat nog niet op de site" in notes
    assert "Bij 'Begin' staat nu 2027-10-12 19:30" in notes
    assert page.input_value(f"#{E}-start") == "2027-10-12 19:30"
    fill(page, E, EVENT)
    query = parse_qs(urlsplit(result_link(page, E)).query)
    assert query["start"] == ["2027-10-12 19:30"] and query["organizer"] == ["a-academy"]
    # The issue keeps its title prefix, and the event its own title (the field id `title`
    # used to overwrite GitHub's `title` parameter, so the issue was called "Najaarsavond").
    assert query["title"] == ["Bijeenkomst: Najaarsavond"]
    assert query["event_title"] == ["Najaarsavond"]
    text = page.text_content(f"form[data-form='{E}.yml'] + .mbo-join__result .mbo-join__yaml")
    (entry,) = yaml.safe_load(text)
    Event.model_validate(entry)
    assert entry["announced"] == date.today()
    # Status is chosen in Dutch; the entry has the data's value, GitHub gets the choice.
    fill(page, E, {**EVENT, "status": "afgelast"})
    query = parse_qs(urlsplit(result_link(page, E)).query)
    assert query["status"] == ["afgelast"]
    text = page.text_content(f"form[data-form='{E}.yml'] + .mbo-join__result .mbo-join__yaml")
    assert yaml.safe_load(text)[0]["status"] == "cancelled"
    # Themes are chosen by name; the entry names them by id.
    page.select_option(f"#{E}-tags", ["Alumni en hun netwerk", "Studenten vroeg betrekken"])
    submit(page, f"{E}.yml")
    query = parse_qs(urlsplit(result_link(page, E)).query)
    assert query["tags"] == ["Alumni en hun netwerk, Studenten vroeg betrekken"]
    text = page.text_content(f"form[data-form='{E}.yml'] + .mbo-join__result .mbo-join__yaml")
    assert yaml.safe_load(text)[0]["tags"] == ["netwerk", "studenten"]


SERIES = {
    **EVENT,
    "start": "2027-01-05 19:30",
    "end": "2027-01-05 21:30",
    "repeat_every": "elke maand",
    "repeat_weekday": "dinsdag",
    "repeat_week": "eerste",
    "repeat_count": "6",
    "repeat_until": "",
    "except": "2027-05-04",
}


def test_a_monthly_series_by_its_dutch_choices(page: Any) -> None:
    """'Herhaalt': the choices in words become the data's rule, and the rules on a series taken
    together are named beside their fields before anything goes to GitHub."""
    fill(page, E, {**SERIES, "repeat_count": ""})
    assert "een einde nodig" in error(page, E, "repeat_until")
    fill(page, E, {**SERIES, "repeat_until": "2027-06-30"})
    assert "niet allebei" in error(page, E, "repeat_count")
    fill(page, E, {**SERIES, "repeat_week": ""})
    assert "ook de hoeveelste van de maand" in error(page, E, "repeat_week")
    fill(page, E, {**SERIES, "start": "2027-01-06 19:30", "end": "2027-01-06 21:30"})
    assert "niet op een dinsdag" in error(page, E, "start")
    fill(page, E, {**SERIES, "start": "2027-01-12 19:30", "end": "2027-01-12 21:30"})
    assert "niet de eerste dinsdag" in error(page, E, "start")
    fill(page, E, {**SERIES, "repeat_week": "laatste", "start": "2027-01-26 19:30", "end": ""})
    assert error(page, E, "start") == ""
    fill(page, E, SERIES)
    assert all(
        not text for text in errors(page, E, ["start", "repeat_until", "repeat_week"]).values()
    )
    query = parse_qs(urlsplit(result_link(page, E)).query)
    assert query["repeat_every"] == ["elke maand"] and query["repeat_weekday"] == ["dinsdag"]
    text = page.text_content(f"form[data-form='{E}.yml'] + .mbo-join__result .mbo-join__yaml")
    (entry,) = yaml.safe_load(text)
    assert entry["repeat"] == {"every": "month", "weekday": "tuesday", "week": 1, "count": 6}
    # What the volunteer is given passes the validator, occurrences and all.
    series = Event.model_validate(entry)
    assert series.except_ == [date(2027, 5, 4)]
    assert [o.day.isoformat() for o in series.occurrences()] == [
        "2027-01-05", "2027-02-02", "2027-03-02", "2027-04-06", "2027-06-01"
    ]  # fmt: skip


def test_the_ids_in_use_come_from_their_own_file(page: Any, base: str) -> None:
    """The page does not carry every id of the data (at 2,000 + 10,000 that made it 314 KB):
    the forms fetch them from /api/ids.json, once, when first used; the checks still hold."""
    rules = json.loads(page.text_content("#mbo-join-rules"))
    assert "associations" not in rules and rules["ids"] == "../api/ids.json"
    assert all(not isinstance(form["taken"], list) for form in rules["forms"].values())
    ids = json.loads(urlopen(base + "api/ids.json").read())
    assert "a-academy" in ids["associations"] and ids["events"]
    assert not any("api/ids.json" in url for url in page.requests)  # not before it is used
    fill(page, A, {**VALID, "id": "a-academy"})
    assert "al in gebruik op de site" in error(page, A, "id")
    fill(page, E, {**EVENT, "id": ids["events"][0]})
    assert "al in gebruik op de site" in error(page, E, "id")
    assert sum("api/ids.json" in url for url in page.requests) == 1


def test_a_long_description_goes_by_copy_and_paste(page: Any) -> None:
    # Under the 5,000 characters a description may have, but twice GitHub's URL when encoded.
    long = "Een lange beschrijving – één avond, één plek. " * 100
    fill(page, E, {**EVENT, "description": long})
    url = result_link(page, E)
    assert len(url) < 6000 and "description" not in parse_qs(urlsplit(url).query)
    notes = f"form[data-form='{E}.yml'] + .mbo-join__result .mbo-join__notes"
    assert "te lang om mee te sturen" in page.inner_text(notes)
    assert page.input_value(f"{notes} textarea") == long.strip()


def test_without_javascript_the_forms_still_reach_github(chromium: Any, base: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base + "meedoen/")
    form = tab.locator(f"form[data-form='{A}.yml']")
    assert form.get_attribute("action") == f"{REPO_URL}/issues/new"
    assert form.get_attribute("method") == "get"
    assert tab.locator(f"li > a[href='{REPO_URL}/issues/new?template={E}.yml']").is_visible()
    context.close()


def test_the_form_fields_are_the_issue_forms_fields(page: Any) -> None:
    from conftest import ROOT
    from mbo_alumni.contrib.issue_form import read_form

    for form in (A, E):
        expected = [f.id for f in read_form(ROOT / ".github/ISSUE_TEMPLATE" / f"{form}.yml").fields]
        shown = page.eval_on_selector_all(
            f"form[data-form='{form}.yml'] .mbo-field", "divs => divs.map(d => d.dataset.field)"
        )
        assert shown == expected


def test_keyboard_reaches_the_summary_and_its_links(page: Any) -> None:
    fill(page, A, {**VALID, "id": "Fout"}, consent=True)
    focused = page.evaluate("() => document.activeElement.className")
    assert "mbo-join__summary" in focused
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == f"#{A}-id"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == f"#{A}-id"


@pytest.mark.parametrize("valid", [False, True], ids=["with-errors", "ready"])
def test_axe_finds_nothing_with_messages_or_result_shown(page: Any, valid: bool) -> None:
    from axe_playwright_python.sync_playwright import Axe

    fill(page, A, VALID if valid else {**VALID, "id": "Fout", "email": "x"}, consent=True)
    if valid:
        page.click(f"form[data-form='{A}.yml'] + .mbo-join__result summary")
    wcag = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": wcag}})
    assert [v["id"] for v in results.response["violations"]] == []
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    screenshot(page, "join-ready-360.png" if valid else "join-errors-360.png")


@pytest.mark.parametrize(
    ("path", "form"),
    [("verenigingen/", "vereniging-aanmelden"), ("agenda/", "evenement-aanmelden")],
)
def test_directory_and_agenda_lead_to_the_right_form(
    chromium: Any, base: str, path: str, form: str
) -> None:
    # At 360 px the event form starts thousands of pixels below the association form: the
    # agenda's link must land on the event form itself.
    context = chromium.new_context(viewport={"width": 360, "height": 800})
    tab = context.new_page()
    tab.goto(base + path)
    tab.click(".mbo-join-link a")
    tab.wait_for_load_state("load")
    assert tab.url == base + f"meedoen/#{form}"
    top = tab.evaluate(f"() => document.getElementById('{form}').getBoundingClientRect().top")
    assert 0 <= top < 800
    context.close()
