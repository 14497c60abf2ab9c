"""The knowledge base against its two sources: no person or organisation the sources do not
name, the site's own advice labelled as such, every article citing its source, the start
guide and the network page in reach, and the checklists printable with their advice."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from browser import serve
from conftest import ROOT, mkdocs_build

DOCS = ROOT / "docs"
ARTICLES = sorted((DOCS / "artikelen").glob("*.md"))
TIPS = [p for p in ARTICLES if p.stem != "index" and not p.stem.startswith("verslag-")]
CHECKED = [*ARTICLES, DOCS / "zo-begin-je.md", DOCS / "netwerk.md", DOCS / "bronnen.md",
           DOCS / "voor-alumni.md"]  # fmt: skip

# Every capitalised word these pages may use in the middle of a sentence. Dutch capitalises
# names, not nouns, so a word missing here is most likely a name the sources do not give.
NAMED_IN_THE_SOURCES = {
    # people
    "Marvin",
    "Putuhena",
    "Ton",
    "Heerts",
    "Sander",
    "Baljé",
    "Harry",
    "Molen",
    "Geert",
    "Seeters",
    "Van",
    "Marjolein",
    "Muurling",
    "Ineke",
    "Magdelijns-Hobé",
    # organisations and what they run
    "A-Academy",
    "Koning",
    "Willem",
    "I",
    "College",
    "MBO",
    "Raad",
    "Fontys",
    "Alumni",
    "Marketing",
    "Eindhoven",
    "FAME",
    "Hogeschool",
    "Management",
    "Deltion",
    "Markteffect",
    "Brainportregio",
    "WEconomy",
    "OC",  # "OC&W", as the report writes the ministry
    "W",
    "Kennispunt",
    "Leven",
    "Lang",
    "Ontwikkelen",
    "LLO",
    "Onderwijs",
    "Cultuur",
    "Wetenschap",
    "OCW",
    "Tweede",
    "Kamer",
    "Kamerlid",
    "ECVET",
    "ECVET-expert",
    "Europese",
    "Europees",
    "Commissie",
    "Mbo",
    "APK",
    "Keniaans",
    # places and meetings
    "Den",
    "Bosch",
    "Binden",
}
SITE_WORDS = {
    # abbreviations and terms the pages explain
    "AVG",
    "Algemene",
    "LOB",
    "Engels",
    # titles of the site's own pages, used as link texts
    "Zo",
    "Netwerk",
    "Bronnen",
    "Meedoen",
    "Over",
    "Verenigingen",
    "Zelfcheck",
    "Draagvlak",
    "Vroeg",
    "Ambassadeurs",
    "Peer",
    "Gegevens",
    "Kansengelijkheid",
    "Geduld",
    "Het",
    "Een",
    "Ervaringen",
    "Verslag",
    "Suggesties",
    "Twee",
    "Geen",
}
ALLOWED = NAMED_IN_THE_SOURCES | SITE_WORDS


def prose(path: Path) -> str:
    """Return a page's words as a reader sees them: no URLs, code, markup or front matter
    keys (its title and description stay)."""
    text = path.read_text(encoding="utf-8")
    front, body = ({}, text)
    if text.startswith("---\n"):
        _, head, body = text.split("---\n", 2)
        front = yaml.safe_load(head) or {}
    text = f"{front.get('title', '')}.\n{front.get('description', '')}.\n{body}"
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"`[^`]*`", "", text)  # code
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags
    text = re.sub(r"\{[^}]*\}", "", text)  # attribute lists
    text = re.sub(r'!!! \w+ "', "", text)  # admonition openers keep their title
    return text


def stray_names(path: Path) -> set[str]:
    found = set()
    # A new sentence starts after . ! ? : or a line break (headings, list items, steps).
    for sentence in re.split(r"[.!?:;\n]|\s[-–]\s|\(|\"|\*\*", prose(path)):
        words = re.findall(r"\w[\w'’-]*", sentence)
        for word in words[1:]:
            if word[0].isupper() and word not in ALLOWED:
                found.add(word)
    return found


@pytest.mark.parametrize("path", CHECKED, ids=[p.stem for p in CHECKED])
def test_no_name_the_sources_do_not_give(path: Path) -> None:
    assert stray_names(path) == set()


def test_the_name_check_catches_an_invented_name(tmp_path: Path) -> None:
    page = tmp_path / "tip.md"
    page.write_text("# Tip\n\nVolgens Jan Jansen van het Alumnibureau Zuid werkt dit.\n")
    assert stray_names(page) == {"Jan", "Jansen", "Alumnibureau", "Zuid"}


@pytest.mark.parametrize("path", TIPS, ids=[p.stem for p in TIPS])
def test_a_tip_says_what_the_meetings_said_and_labels_its_own_advice(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "## Uit de bijeenkomst" in text
    assert "Wat je kunt doen" not in text
    if "!!! tip" in text:
        label = text.split("!!! tip", 1)[1].splitlines()[1]
        assert "van de redactie van deze site" in label and "niet uit de bijeenkomsten" in label
    # Every statement from a meeting names it and links to its report.
    said = text.split("## Uit de bijeenkomst", 1)[1].split("!!! tip")[0]
    assert "verslag-" in said


@pytest.mark.parametrize("path", [p for p in ARTICLES if p.stem != "index"],
                         ids=[p.stem for p in ARTICLES if p.stem != "index"])  # fmt: skip
def test_every_article_cites_its_source(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "## Bron\n" in text and "../bronnen.md" in text.split("## Bron\n", 1)[1]


def test_the_den_bosch_year_stays_unknown() -> None:
    for page in (DOCS / "bronnen.md", DOCS / "artikelen" / "verslag-den-bosch.md"):
        text = page.read_text(encoding="utf-8")
        text = " ".join(text.split())
        assert "23 mei" in text and (
            "het jaar staat er niet in" in text or "Jaartal:** onbekend" in text
        )


@pytest.mark.parametrize(
    "phrase",
    ["helpt aan", "slaagt of faalt", "een van vijf workshops", "sloot de bijeenkomst",
     "drie thema's", "Alumni werken vaak zelf", "alumni zelf zeggen", "koppelde Deltion",
     "bijna klaar", "goud waard", "zoals een gastles", "veilig benaderen", "komende anderhalf",
     "Soms kwam er een collega", "was op\n3 november", "ongeveer vier uur"],
)  # fmt: skip
def test_claims_the_sources_do_not_make_are_gone(phrase: str) -> None:
    pages = [*CHECKED, DOCS / "zelfcheck.md", DOCS / "index.md", DOCS / "over.md",
             ROOT / "data" / "events.yaml", ROOT / "data" / "associations.yaml"]  # fmt: skip
    for page in pages:
        assert phrase.lower() not in page.read_text(encoding="utf-8").lower(), page.name


def test_each_theme_groups_several_articles_and_the_events() -> None:
    themes = yaml.safe_load((ROOT / "data" / "themes.yaml").read_text(encoding="utf-8"))
    counts = {t["name"]: 0 for t in themes}
    for path in ARTICLES:
        if path.stem == "index":
            continue
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        for tag in front["tags"]:
            counts[tag] += 1
    assert all(count >= 3 for count in counts.values()), counts
    events = yaml.safe_load((ROOT / "data" / "events.yaml").read_text(encoding="utf-8"))
    assert all(event.get("tags") for event in events)


# --- the built site ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    site = tmp_path_factory.mktemp("kb") / "site"
    result = mkdocs_build(ROOT, "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site, result.stderr


def test_every_tip_is_in_the_navigation(built: tuple[Path, str]) -> None:
    site, log = built
    assert "not included in the" not in log
    nav = (site / "zo-begin-je" / "index.html").read_text(encoding="utf-8")
    nav = nav.split('class="md-nav md-nav--primary"', 1)[1]
    for path in [*ARTICLES, DOCS / "netwerk.md", DOCS / "bronnen.md"]:
        target = "artikelen/" if path.stem == "index" else f"{path.stem}/"
        assert target in nav, path.stem


def test_home_to_guide_to_every_tip_in_two_clicks(chromium: Any, built: tuple[Path, str]) -> None:
    site, _ = built
    with serve(site) as base:
        context = chromium.new_context()
        page = context.new_page()
        page.goto(base)
        page.click("article >> text=Zo begin je")
        page.wait_for_load_state("load")
        assert page.url == base + "zo-begin-je/"
        steps = page.locator("article ol > li")
        assert steps.count() == 13
        tips = set()
        for index in range(13):
            step = steps.nth(index)
            text = step.inner_text()
            assert re.search(r"Voor de (school en de vereniging|school|vereniging)\.", text), text
            assert (
                "(Den Bosch)" in text or "(verslag Binden & boeien)" in text or "Den Bosch" in text
            )
            href = step.locator("a").last.get_attribute("href")
            tips.add(href)
        for href in sorted(tips):
            page.click(f"article a[href='{href}']")
            page.wait_for_load_state("load")
            assert page.url.startswith(base + "artikelen/"), page.url
            assert page.locator("article h1").count() == 1
            page.go_back(wait_until="load")  # the browser's back button, to the guide
            assert page.url == base + "zo-begin-je/"
        assert len(tips) >= 10
        context.close()


@pytest.mark.parametrize("path", ["zo-begin-je/", "zelfcheck/"])
def test_checklists_print_with_their_advice(
    chromium: Any, built: tuple[Path, str], path: str
) -> None:
    site, _ = built
    with serve(site) as base:
        context = chromium.new_context()
        page = context.new_page()
        page.goto(base + path)
        page.emulate_media(media="print")
        if path == "zelfcheck/":
            tips = page.locator("dd[data-answer]")
            assert tips.count() == 20
            assert all(tips.nth(i).is_visible() for i in range(20))
        else:
            steps = page.locator(".mbo-checklist ol > li")
            assert steps.count() == 13
            boxes = steps.evaluate_all(
                "items => items.map(i => getComputedStyle(i, '::before').borderTopStyle)"
            )
            assert boxes == ["solid"] * 13  # an empty box to tick, on paper too
            assert page.locator(".mbo-checklist ol > li a").first.is_visible()
        assert len(page.pdf()) > 10_000  # Chromium prints it
        context.close()


# --- the next meeting's report ----------------------------------------------------------------


def test_the_report_form_asks_what_an_article_needs() -> None:
    form = yaml.safe_load(
        (ROOT / ".github" / "ISSUE_TEMPLATE" / "verslag-insturen.yml").read_text(encoding="utf-8")
    )
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert {"meeting", "date", "place", "organizer", "said", "source"} <= set(fields)
    assert all(fields[f]["validations"]["required"] for f in ("meeting", "date", "said"))
    checks = [o["label"] for o in fields["checks"]["attributes"]["options"]]
    assert any("eigen woorden" in c for c in checks) and any("toestemming" in c for c in checks)


def test_the_article_template_is_checked_like_the_data(project: Any) -> None:
    from conftest import validate

    template = (ROOT / "sjablonen" / "artikel.md").read_text(encoding="utf-8")
    themes = (ROOT / "data" / "themes.yaml").read_text(encoding="utf-8")
    # As copied, the placeholders are refused with file and line.
    root = project({"docs/artikelen/nieuw.md": template, "data/themes.yaml": themes})
    result = validate(root / "data")
    assert result.returncode == 1
    rows = [r for r in result.stdout.splitlines() if "docs/artikelen/nieuw.md:" in r]
    lines = {int(r.split("nieuw.md:")[1].split(":")[0]) for r in rows}
    assert {4, 6, 7, 8} <= lines, result.stdout  # title (no < >), date, event, associations
    # Filled in, it validates and builds into a dated article.
    filled = (
        template.replace("<naam van de bijeenkomst>", "Voorjaarsbijeenkomst")
        .replace("<de dag van vandaag, zoals 2027-04-02>", "2026-10-01")
        .replace(
            "<id van de bijeenkomst in data/events.yaml; haal deze regel weg als ze er "
            "niet in staat>",
            "voorjaar",
        )  # fmt: skip
        .replace("<id van een vereniging die in het verslag voorkomt>", "a-academy")
        .replace(
            "<een of meer thema's uit data/themes.yaml, bij hun naam>", "Alumnibeleid opzetten"
        )
    )
    root = project({"docs/artikelen/nieuw.md": filled, "data/themes.yaml": themes})
    result = validate(root / "data")
    assert result.returncode == 0, result.stdout
    build = mkdocs_build(root)
    assert build.returncode == 0, build.stderr
    assert (root / "site" / "artikelen" / "nieuw" / "index.html").is_file()


# --- the editor's round: the site's own advice labelled, no unsourced fact, one meeting name ---

SEEDS = ROOT.parent / "shared" / "seeds"


def test_a_step_built_on_what_was_only_discussed_is_labelled_advice() -> None:
    """A step that turns "kwam aan de orde", or a meeting's goal, into an instruction says that
    the instruction is the editors'."""
    text = (DOCS / "zo-begin-je.md").read_text(encoding="utf-8")
    steps = re.split(r"\n\d+\. \*\*Stap ", text.split('<div class="mbo-checklist" markdown>')[1])[
        1:
    ]
    assert len(steps) == 13
    for step in steps:
        if re.search(r"aan de orde|wilden|hadden als doel|kwamen .* bij elkaar", step):
            assert "Advies van de redactie." in step, step


def test_a_place_the_sources_do_not_give_is_labelled_as_the_editors() -> None:
    if not SEEDS.is_dir():
        pytest.skip("the two reports are in ../shared/seeds beside the repository")
    sources = " ".join(p.read_text(encoding="utf-8") for p in SEEDS.iterdir())
    for entry in yaml.safe_load((ROOT / "data" / "associations.yaml").read_text()):
        if entry["city"] not in sources:
            assert "aanvulling van de redactie" in entry.get("description", ""), entry["id"]


def test_the_meeting_has_one_name_and_the_report_its_title() -> None:
    """The meeting of 22 September 2020 is "de landelijke bijeenkomst alumnibeleid"; "Binden &
    boeien" is the title of its report, and only ever named as such."""
    pages = [*DOCS.rglob("*.md"), ROOT / "data" / "events.yaml"]
    for path in pages:
        text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
        for match in re.finditer(r"Binden & boeien", text):
            before = text[max(0, match.start() - 30) : match.start()]
            assert re.search(r"(verslag|Verslag|heet|\(|\[|\"|#+) ?\"?$", before), (path, before)
