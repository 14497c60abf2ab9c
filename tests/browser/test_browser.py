"""Every kind of page in real Chromium: WCAG 2.1 AA (axe and pa11y), own-origin requests only, no
console errors, no sideways scrolling at 360 px; valid HTML (Nu checker); the directory filter; and
injected markup that never runs. Screenshots of every page kind go to test-artifacts/.
"""

from __future__ import annotations

import json
import subprocess
import urllib.request
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import feedparser
import pytest
from axe_playwright_python.sync_playwright import Axe
from icalendar import Calendar

from browser import screenshot, serve, submit
from conftest import BUILD_ENV, REPO_URL, ROOT, copy_project, mkdocs_build
from mbo_alumni.core.settings import Settings

VNU = ROOT / "tests" / "js" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y = ROOT / "tests" / "js" / "pa11y-pages.mjs"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The real site's configuration, pages and theme overrides, with fixture data added to the
# real data: a second province, an upcoming event and a cancelled one.
EXTRA_ASSOCIATIONS = """
- id: noorderlicht
  name: Noorderlicht Alumni
  institution: Testcollege Noord
  city: Leeuwarden
  province: Fryslân
  website: https://noorderlicht.example.org/
  email: alumni@noorderlicht.example.org
  founded: 2015
  sectors: [Zorg, Techniek]
  socials: {linkedin: "https://www.linkedin.com/company/noorderlicht-example"}
  checked: 2026-01-15
- id: zuiderzon
  name: Zuiderzon Oud-studenten
  institution: Testcollege Zuid
  city: Maastricht
  province: Limburg
"""


def first_tuesdays(first: date, last: date) -> list[date]:
    """The first Tuesday of every month from `first`'s month to `last`, by the calendar."""
    found, year, month = [], first.year, first.month
    while date(year, month, 1) <= last:
        day = date(year, month, 1)
        found.append(day + timedelta(days=(1 - day.weekday()) % 7))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


# A monthly series begun before today: its next occurrences, one of them not held and one
# cancelled, whatever day the tests run (until 2031).
# The build's today: its SOURCE_DATE_EPOCH, in the site's zone.
BUILT_ON = datetime.fromtimestamp(int(BUILD_ENV["SOURCE_DATE_EPOCH"]), Settings().zone).date()
SERIES_DAYS = [d for d in first_tuesdays(date(2026, 10, 6), date(2031, 9, 30)) if d >= BUILT_ON]
NEXT, CANCELLED, SKIPPED = SERIES_DAYS[0], SERIES_DAYS[1], SERIES_DAYS[2]
EXTRA_EVENTS = f"""
- id: voorjaar-2027
  title: Voorjaarsbijeenkomst alumniverenigingen
  start: 2027-03-30 19:30
  end: 2027-03-30 21:30
  organizer: [a-academy, noorderlicht]
  location: {{name: Aula, address: Schoolstraat 1, city: "'s-Hertogenbosch"}}
  url: https://example.org/aanmelden
  tags: [studenten]
  description: Een avond over **ambassadeurs** en [peer mentoring](https://example.org/pm).
- id: zomer-2027-afgelast
  title: Zomerbijeenkomst
  start: 2027-06-15
  status: cancelled
  organizer: zuiderzon
  location: {{online: true, url: "https://meet.example.org/zomer"}}
- id: maandborrel
  title: Maandelijkse alumniborrel
  start: 2026-10-06 19:30
  end: 2026-10-06 21:30
  organizer: a-academy
  location: {{name: Café De Kroon, city: "'s-Hertogenbosch"}}
  repeat: {{every: month, weekday: dinsdag, week: 1, until: 2031-09-30}}
  except: [{SKIPPED}]
  cancelled: [{CANCELLED}]
"""

PAGES = {
    "home": "",
    "directory": "verenigingen/",
    "association": "verenigingen/noorderlicht/",
    "agenda": "agenda/",
    "event": "agenda/voorjaar-2027/",
    "cancelled-event": "agenda/zomer-2027-afgelast/",
    "article": "artikelen/verslag-binden-en-boeien/",
    "tip": "artikelen/vroeg-beginnen/",
    "start-guide": "zo-begin-je/",
    "network": "netwerk/",
    "theme": "themas/studenten/",
    "zelfcheck": "zelfcheck/",
    "join": "meedoen/",
    "for-alumni": "voor-alumni/",
    "change": "meedoen/wijzigen/?bijeenkomst=voorjaar-2027",
    "change-association": "meedoen/wijzigen/?vereniging=noorderlicht",
    "change-without-entry": "meedoen/wijzigen/",
    "empty-region": "provincies/utrecht/",
    "series": "agenda/maandborrel/",
    "404": "404.html",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("a11y"), EXTRA_ASSOCIATIONS, EXTRA_EVENTS)
    # As deployed: with the repository known, so edit links and the forms on /meedoen/ show.
    result = mkdocs_build(root, REPO_URL=REPO_URL)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def base(site: Path):  # type: ignore[no-untyped-def]
    with serve(site) as url:
        yield url


def visit(
    chromium: Any, url: str, width: int, wait: str = "networkidle", **options: Any
) -> tuple[Any, Any, dict]:
    context = chromium.new_context(viewport={"width": width, "height": 900}, **options)
    page = context.new_page()
    seen: dict[str, list[str]] = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.goto(url, wait_until=wait)
    return context, page, seen


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_is_accessible_private_and_fits_a_phone(chromium: Any, base: str, kind: str) -> None:
    # At 360 px the visit waits until the network is idle, so late requests are seen too.
    for width, wait in ((1280, "load"), (360, "networkidle")):
        context, page, seen = visit(chromium, base + PAGES[kind], width, wait)
        screenshot(page, f"{kind}-{width}.png")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]
        ]
        assert not violations, (kind, width, violations)
        assert all(url.startswith(base) for url in seen["requests"]), seen["requests"]
        assert not seen["errors"], (kind, width, seen["errors"])
        if width == 360:
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (kind, overflow)
        context.close()


# A page pa11y must fault (a form without a submit button, a checkbox without a name): proof
# that the judge runs and reports, so a silent pa11y cannot pass the test below.
CONTROL = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title></head>
<body><main><form><input type="checkbox" id="x"></form></main></body></html>"""


def test_every_page_kind_passes_pa11y(base: str, tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text(CONTROL, encoding="utf-8")
    urls = [control.as_uri()] + [base + path for path in PAGES.values()]
    result = subprocess.run(
        ["node", str(PA11Y), *urls], capture_output=True, text=True, timeout=900, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    issues = json.loads(result.stdout)
    faulted = {part for issue in issues.pop(control.as_uri()) for part in issue["code"].split(".")}
    assert {"H32", "H91"} <= faulted, faulted
    errors = {url: found for url, found in issues.items() if found}
    assert not errors, json.dumps(errors, indent=1, ensure_ascii=False)


def test_no_html_errors_in_the_whole_site(site: Path) -> None:
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "gnu",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = [line for line in result.stderr.splitlines() if ": error:" in line]
    assert result.returncode == 0 and not errors, "\n".join(errors[:20])


# --- the directory filter ---------------------------------------------------------------


def visible_associations(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "li[data-province]",
        "items => items.filter(i => i.offsetParent).map(i => i.dataset.province)",
    )


def test_choosing_a_province_shows_exactly_its_associations(chromium: Any, base: str) -> None:
    context, page, seen = visit(chromium, base + "verenigingen/", 1280)
    assert sorted(visible_associations(page)) == ["Fryslân", "Limburg", "Noord-Brabant"]
    page.select_option("select[name=provincie]", "Limburg")
    assert visible_associations(page) == ["Limburg"]
    assert page.url.endswith("/verenigingen/?provincie=Limburg")
    assert page.inner_text(".mbo-filter__status") == "1 vereniging gevonden."
    page.select_option("select[name=provincie]", "")
    page.select_option("select[name=school]", "Testcollege Noord")
    assert visible_associations(page) == ["Fryslân"]
    assert "school=Testcollege+Noord" in page.url
    # Its submit button keeps the choice and the page: nothing is sent anywhere.
    page.click(".mbo-filter button[type=submit]")
    assert visible_associations(page) == ["Fryslân"]
    assert page.url.endswith("/verenigingen/?school=Testcollege+Noord")
    context.close()


def test_filter_state_comes_from_the_url(chromium: Any, base: str) -> None:
    context, page, _ = visit(chromium, base + "verenigingen/?provincie=Frysl%C3%A2n", 1280)
    assert visible_associations(page) == ["Fryslân"]
    assert page.input_value("select[name=provincie]") == "Fryslân"
    context.close()


def test_directory_is_complete_without_javascript(chromium: Any, base: str) -> None:
    context, page, _ = visit(chromium, base + "verenigingen/", 1280, java_script_enabled=False)
    assert sorted(visible_associations(page)) == ["Fryslân", "Limburg", "Noord-Brabant"]
    assert page.locator("form[data-mbo-filter]").is_hidden()
    counts = page.inner_text("nav[aria-label=Provincies]")
    assert "Fryslân (1)" in counts and "Limburg (1)" in counts
    context.close()


@pytest.mark.parametrize("kind", ["home", "association", "event", "directory", "agenda"])
def test_no_sitemap_fetch_and_every_announced_feed_is_found(
    chromium: Any, base: str, kind: str
) -> None:
    # Material fetched sitemap.xml once per <link rel="alternate">: five times a page.
    context, page, seen = visit(chromium, base + PAGES[kind], 360)
    assert [url for url in seen["requests"] if "sitemap.xml" in url] == []
    # Feed discovery as readers do it: every alternate link of the page, fetched and parsed.
    links = page.eval_on_selector_all(
        "link[rel=alternate]", "links => links.map(l => [l.type, l.href])"
    )
    assert {kind for kind, _ in links} >= {"text/calendar", "application/rss+xml",
                                            "application/atom+xml"}  # fmt: skip
    for kind_, href in links:
        data = urllib.request.urlopen(href, timeout=10).read()  # noqa: S310 (loopback)
        if kind_ == "text/calendar":
            assert Calendar.from_ical(data).walk("VEVENT") is not None
        else:
            assert not feedparser.parse(data).bozo, href
    context.close()


WATCH_CSP = """document.addEventListener("securitypolicyviolation", event => {
    (window.__csp = window.__csp || []).push(event.violatedDirective + " " + event.blockedURI);
});"""


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_content_security_policy_violation(chromium: Any, base: str, kind: str) -> None:
    context = chromium.new_context(viewport={"width": 360, "height": 900})
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.goto(base + PAGES[kind], wait_until="networkidle")
    if kind != "404":
        policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "object-src 'none'" in policy and "base-uri 'self'" in policy
    if kind == "directory":
        page.select_option("select[name=provincie]", "Limburg")
    if kind == "zelfcheck":
        page.check("input[name=directie][value=nee]")
    if kind == "join":
        submit(page, "vereniging-aanmelden.yml")
    if kind == "home":  # the search, with its worker
        page.click("label[for=__search]")
        page.type("input[data-md-component=search-query]", "alumni", delay=30)
        page.wait_for_timeout(1500)
    assert page.evaluate("() => window.__csp || []") == []
    context.close()


LAYOUT_SHIFT = """new Promise(done => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => done(total), 1000);
})"""


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_layout_shift(chromium: Any, base: str, kind: str) -> None:
    # With the scripts: the directory's filter is shown before the list is laid out, and its
    # count has its line from the start; the change page settles which form it shows while it
    # is parsed. (Without JavaScript no script changes the page.)
    context = chromium.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(base + PAGES[kind], wait_until="load")
    assert page.evaluate(LAYOUT_SHIFT) == 0, kind
    context.close()


def test_search_finds_a_region_without_associations(chromium: Any, base: str) -> None:
    # Someone near Utrecht searches for the province: its page comes up, though no
    # association of the site is there.
    context, page, seen = visit(chromium, base, 360)
    page.click("label[for=__search]")
    # Typed, as a person types: Material searches on key presses, once its index is loaded.
    page.wait_for_function("() => document.querySelector('.md-search-result__meta')")
    page.type("input[data-md-component=search-query]", "Utrecht", delay=50)
    try:
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
    except Exception:  # the index loads in a worker: type once more when it was not ready
        page.fill("input[data-md-component=search-query]", "")
        page.type("input[data-md-component=search-query]", "Utrecht", delay=50)
        page.wait_for_selector(".md-search-result__item")
    links = page.eval_on_selector_all(
        ".md-search-result__item a", "items => items.map(a => a.getAttribute('href'))"
    )
    assert any("provincies/utrecht/" in link for link in links), links
    assert all(url.startswith(base) for url in seen["requests"])
    context.close()


def test_the_filter_offers_every_region_and_points_from_an_empty_one(
    chromium: Any, base: str
) -> None:
    context, page, _ = visit(chromium, base + "verenigingen/", 360)
    options = page.eval_on_selector_all(
        "select[name=provincie] option", "items => items.map(o => o.textContent)"
    )
    assert len(options) == 13 and "Utrecht (0)" in options and "Limburg (1)" in options
    page.select_option("select[name=provincie]", "Utrecht")
    assert visible_associations(page) == []
    page.click(".mbo-filter__status a")
    page.wait_for_url("**/provincies/utrecht/")
    assert "Noord-Brabant" in page.inner_text("article")  # the nearest association's region
    context.close()


# --- injection ----------------------------------------------------------------------------

SCRIPT = "<script>window.__xss=1</script>"
IMG = "<img src=x onerror=window.__xss=1>"
BREAK = '"><svg onload=window.__xss=1>'
PAYLOAD_ASSOCIATION = f"""
- id: payload
  name: '{SCRIPT}'
  institution: '{IMG}'
  city: '{BREAK}'
  province: Utrecht
  sectors: ['{SCRIPT}', '{IMG}']
  description: "Code: `{SCRIPT}` en [link](https://example.org/?q={BREAK.replace('"', "%22")})"
  contact: {{name: '{IMG}', role: '{BREAK}', consent: true}}
"""
PAYLOAD_EVENT = f"""
- id: payload-event
  title: '{SCRIPT}{IMG}'
  start: 2027-05-01 20:00
  organizer: payload
  location: {{name: '{SCRIPT}', address: '{IMG}', city: '{BREAK}'}}
  description: "`{IMG}`"
"""


def test_injected_markup_never_runs(chromium: Any, tmp_path: Path) -> None:
    root = copy_project(tmp_path, PAYLOAD_ASSOCIATION, PAYLOAD_EVENT)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        for path in ["", "verenigingen/", "verenigingen/payload/", "agenda/",
                     "agenda/payload-event/", "themas/studenten/"]:  # fmt: skip
            # Injected markup would run before the load event: scripts, handlers, dialogs.
            context, page, seen = visit(chromium, url + path, 1280, "load")
            assert page.evaluate("() => window.__xss") is None, path
            assert not seen["dialogs"], path
            context.close()


def test_a_monthly_series_reads_right_on_a_phone(chromium: Any, base: str) -> None:
    context, page, seen = visit(chromium, base + "agenda/", 360)
    # The agenda lists the next occurrence at its own date, linking to it in the series' page.
    link = page.locator(f'a[href$="maandborrel/#keer-{NEXT.isoformat()}"]')
    assert link.count() == 1
    row = link.locator("xpath=ancestor::li[1]").inner_text()
    assert f"dinsdag {NEXT.day} " in row and str(NEXT.year) in row, row
    link.click()
    page.wait_for_url(f"**/agenda/maandborrel/#keer-{NEXT.isoformat()}")
    target = page.locator(f"#keer-{NEXT.isoformat()}")
    assert target.is_visible() and 0 <= target.bounding_box()["y"] < 900
    facts = page.inner_text(".mbo-facts")
    assert (
        "Elke eerste dinsdag van de maand, 19.30–21.30 uur, tot en met 30 september 2031" in facts
    )
    listed = page.locator(".mbo-occurrences:not(.mbo-occurrences--past) li").all_inner_texts()
    assert listed[0].startswith(f"dinsdag {NEXT.day} ") and "19.30–21.30 uur" in listed[0]
    assert page.inner_text(f"#keer-{CANCELLED.isoformat()}").endswith(": afgelast"), listed[:3]
    assert page.locator(f"#keer-{SKIPPED.isoformat()}").count() == 0  # not held: not listed
    assert len(listed) == 12 and "Daarna nog" in page.inner_text(".mbo-occurrences + p")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0 and not seen["errors"]
    context.close()


def test_the_change_page_hides_the_other_form_before_it_is_painted(
    chromium: Any, base: str
) -> None:
    # The CSS does it, from the entry's kind set on <html> while the page is parsed: a slow
    # phone may paint the forms before the script after them marks the other one hidden.
    context = chromium.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(base + PAGES["change-association"], wait_until="load")
    shown = page.evaluate("""() => [...document.querySelectorAll(".mbo-join[data-for]")].map(s => {
        s.hidden = false;
        return [s.dataset.for, getComputedStyle(s).display];
    })""")
    assert dict(shown)["bijeenkomst"] == "none" and dict(shown)["vereniging"] != "none"
    context.close()
