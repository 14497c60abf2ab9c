"""One set of settings for the plugin and every command: a site whose data lives in
`gegevens/`, whose edits go to the branch `productie` and whose times are in Brussels is read,
checked and maintained alike by validate, sort, stale, links, schema, from-issue, patrol and
intake, and built by mkdocs with the same options."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import yaml

from conftest import CLI, ROOT, STAND_INS, body, cli, git, mkdocs_build, write_tree

ASSOCIATION = {"id": "b-vereniging", "name": "Bee Alumni", "institution": "Testcollege",
               "city": "Utrecht", "province": "Utrecht"}  # fmt: skip


MKDOCS = """\
site_name: Elders
site_url: https://elders.test/
theme:
  name: material
  language: nl
  font: false
plugins:
  - mbo-alumni:
      data_dir: gegevens
      edit_branch: productie
      timezone: Europe/Brussels
      files:
        associations: verenigingen.yaml
        events: bijeenkomsten.yaml
"""

ASSOCIATIONS = """\
- id: a-alumni
  name: A Alumni
  institution: A College
  city: Gent
  province: Utrecht
  website: http://127.0.0.1:9/dicht
"""

EVENTS = """\
- id: a-feest
  title: Feest
  start: '2027-10-31 02:30'
  organizer: a-alumni
"""


def site(tmp: Path, events: str = "[]\n") -> Path:
    return write_tree(
        tmp / "site",
        {
            "mkdocs.yml": MKDOCS,
            "gegevens/verenigingen.yaml": ASSOCIATIONS,
            "gegevens/bijeenkomsten.yaml": events,
            "docs/index.md": "# Elders\n",
        },
    )


def test_validate_and_the_build_read_the_same_folder_files_and_zone(tmp_path: Path) -> None:
    root = site(tmp_path, EVENTS)
    config = str(root / "mkdocs.yml")
    result = cli("validate", "--config", config)
    assert result.returncode == 1
    (line,) = [x for x in result.stdout.splitlines() if "error" in x]
    # The file as the site names it; the zone's own name, not "in Nederland".
    assert line.startswith(f"{root / 'gegevens' / 'bijeenkomsten.yaml'}:3:")
    assert "Europe/Brussels" in line and "Nederland" not in line
    built = mkdocs_build(root)
    assert built.returncode == 1 and "bijeenkomsten.yaml:3" in built.stderr
    assert "Europe/Brussels" in built.stderr


def test_every_data_command_reads_the_site_settings(tmp_path: Path) -> None:
    root = site(tmp_path)
    config = str(root / "mkdocs.yml")
    assert cli("validate", "--config", config).returncode == 0
    assert cli("sort", "--check", "--config", config).returncode == 0
    stale = cli("stale", "--config", config)
    assert stale.returncode == 0 and "a-alumni" in stale.stdout
    links = cli("links", "--config", config, "--timeout", "2")
    assert links.returncode == 1 and "verenigingen.yaml" in links.stdout
    assert cli("schema", "--config", config, "--out", str(tmp_path / "s")).returncode == 0
    form = str(ROOT / ".github" / "ISSUE_TEMPLATE" / "evenement-aanmelden.yml")
    answers = {"id": "b-feest", "title": "Feest", "start": "2027-05-01 19:00",
               "organizer": "a-alumni"}  # fmt: skip
    submitted = body("evenement-aanmelden.yml", answers)
    # The organiser is known only in the site's own folder and file.
    issue = cli("from-issue", "--form", form, "--config", config, "-", stdin=submitted)
    assert issue.returncode == 0, issue.stdout
    assert yaml.safe_load(issue.stdout)[0]["organizer"] == ["a-alumni"]


def test_patrol_links_the_site_branch_and_folder(tmp_path: Path) -> None:
    root = site(tmp_path)
    state = tmp_path / "gh-state.json"
    env = {
        "PATH": f"{STAND_INS}{os.pathsep}{os.environ['PATH']}",
        "GH_STANDIN_STATE": str(state),
        "GH_STANDIN_LOG": str(tmp_path / "gh-log.jsonl"),
    }
    result = cli("patrol", "--repo", "mbo/elders", "--config", str(root / "mkdocs.yml"), **env)
    assert result.returncode == 0, result.stderr
    (issue,) = json.loads(state.read_text())["issues"]
    # The association came from gegevens/verenigingen.yaml; the issue asks for no YAML edit:
    # it links the confirm and change forms with the id filled in.
    assert "A Alumni" in issue["title"] and "/edit/" not in issue["body"]
    assert "issues/new?template=gegevens-bevestigen.yml&id=a-alumni" in issue["body"]


def test_intake_proposes_to_the_site_branch_in_the_site_folder(tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "productie", str(remote))
    seed = site(tmp_path)
    forms = ROOT / ".github" / "ISSUE_TEMPLATE"
    for form in forms.iterdir():
        write_tree(seed, {f".github/ISSUE_TEMPLATE/{form.name}": form.read_text("utf-8")})
    git(seed, "init", "--quiet", "-b", "productie")
    git(seed, "add", ".")
    git(seed, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "seed")
    git(seed, "push", "--quiet", str(remote), "productie")
    work = tmp_path / "checkout"
    git(tmp_path, "clone", "--quiet", str(remote), str(work))
    event = tmp_path / "event.json"
    payload = {
        "action": "opened",
        "issue": {"number": 3, "body": body("vereniging-aanmelden.yml", ASSOCIATION),
                  "labels": [{"name": "vereniging"}], "user": {"login": "vrijwilliger"}},
        "repository": {"full_name": "mbo/elders"},
    }  # fmt: skip
    event.write_text(json.dumps(payload), encoding="utf-8")
    state = tmp_path / "gh-state.json"
    env = {
        **os.environ,
        "PATH": f"{STAND_INS}{os.pathsep}{os.environ['PATH']}",
        "GH_STANDIN_STATE": str(state),
        "GH_STANDIN_LOG": str(tmp_path / "gh-log.jsonl"),
        "SOURCE_DATE_EPOCH": "1795000000",
    }
    result = subprocess.run(
        [str(CLI), "intake", "--event", str(event), "--root", str(work)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (pull,) = json.loads(state.read_text())["pulls"]
    assert pull["base"] == "productie" and pull["head"] == "aanmelding/issue-3"
    entries = git(remote, "show", "aanmelding/issue-3:gegevens/verenigingen.yaml")
    assert [e["id"] for e in yaml.safe_load(entries)] == ["a-alumni", "b-vereniging"]
    changed = git(remote, "diff", "--name-only", "productie", "aanmelding/issue-3").split()
    assert changed == ["gegevens/verenigingen.yaml"]
