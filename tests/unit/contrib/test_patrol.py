"""The monthly patrol (`mbo-alumni patrol`) against the gh stand-in: one issue per stale
association, found again by label and id, closed when confirmed or removed; one issue for
dead links, kept up to date."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from conftest import STAND_INS, cli, write_tree

# Patrol runs on 2026-11-18 (SOURCE_DATE_EPOCH in conftest's cli()).
DATA = """\
- id: fris
  name: Fris Alumni
  institution: A
  city: Utrecht
  province: Utrecht
  checked: 2026-01-10
- id: nooit
  name: Nooit Gecontroleerd
  institution: B
  city: Utrecht
  province: Utrecht
- id: oud
  name: Oude Gegevens
  institution: C
  city: Utrecht
  province: Utrecht
  checked: 2025-03-01
"""


class GitHub:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.state = tmp / "gh-state.json"
        self.env = {
            "PATH": f"{STAND_INS}{os.pathsep}{os.environ['PATH']}",
            "GH_STANDIN_STATE": str(self.state),
            "GH_STANDIN_LOG": str(tmp / "gh-log.jsonl"),
        }

    def patrol(self, data: str, *extra: str) -> Any:
        folder = write_tree(self.tmp / "data", {"associations.yaml": data, "events.yaml": "[]\n"})
        return cli("patrol", "--repo", "mbo/alumni", "--data", str(folder), *extra, **self.env)

    def issues(self, state: str = "open") -> list[dict[str, Any]]:
        issues: list[dict[str, Any]] = json.loads(self.state.read_text())["issues"]
        return [i for i in issues if i["state"] == state]


def test_one_issue_per_stale_association_never_twice(tmp_path: Path) -> None:
    github = GitHub(tmp_path)
    result = github.patrol(DATA)
    assert result.returncode == 0, result.stderr
    assert "controle: 2 geopend, 0 gesloten" in result.stdout
    titles = sorted(i["title"] for i in github.issues())
    assert titles == ["Kloppen de gegevens van Nooit Gecontroleerd nog?",
                      "Kloppen de gegevens van Oude Gegevens nog?"]  # fmt: skip
    old = next(i for i in github.issues() if "Oude" in i["title"])
    assert "<!-- mbo-alumni:controle:oud -->" in old["body"]
    assert "sinds 2025-03-01 bevestigd" in old["body"]
    # One click: the confirm form with the id filled in; no YAML to edit.
    assert "mbo/alumni/issues/new?template=gegevens-bevestigen.yml&id=oud" in old["body"]
    assert "checked" not in old["body"] and "/edit/" not in old["body"]
    # Next month: nothing new, nothing doubled.
    again = github.patrol(DATA)
    assert "controle: 0 geopend, 0 gesloten, 2 staan nog open" in again.stdout
    assert len(github.issues()) == 2


def test_confirmed_or_removed_entries_close_their_issue(tmp_path: Path) -> None:
    github = GitHub(tmp_path)
    github.patrol(DATA)
    confirmed = DATA.replace("checked: 2025-03-01", "checked: 2026-11-01")
    removed = confirmed.split("- id: nooit")[0] + "- id: oud" + confirmed.split("- id: oud")[1]
    result = github.patrol(removed)
    assert "controle: 0 geopend, 2 gesloten" in result.stdout, result.stdout + result.stderr
    closed = {i["title"]: i["closing_comment"] for i in github.issues("closed")}
    assert closed["Kloppen de gegevens van Oude Gegevens nog?"].startswith(
        "De gegevens zijn bevestigd."
    )
    assert "van de site gehaald" in closed["Kloppen de gegevens van Nooit Gecontroleerd nog?"]
    assert github.issues() == []


def report(tmp: Path, *dead: str) -> Path:
    rows = [{"url": url, "verdict": "dead", "status": 404, "detail": "", "moved_to": None,
             "used_by": [{"url": url, "file": "associations.yaml", "entry": "oud",
                          "key": "website"}]} for url in dead]  # fmt: skip
    rows.append({"url": "https://ok.example.org/", "verdict": "ok", "status": 200, "detail": "",
                 "moved_to": None, "used_by": []})  # fmt: skip
    path = tmp / f"links-{len(dead)}.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def test_one_dead_links_issue_kept_up_to_date(tmp_path: Path) -> None:
    github = GitHub(tmp_path)
    fresh = DATA.replace("checked: 2025-03-01", "checked: 2026-11-01")
    first = github.patrol(fresh, "--links", str(report(tmp_path, "https://a.example.org/x")))
    assert "links: geopend" in first.stdout, first.stdout + first.stderr
    two = report(tmp_path, "https://a.example.org/x", "https://b.example.org/y")
    assert "links: bijgewerkt" in github.patrol(fresh, "--links", str(two)).stdout
    (issue,) = [i for i in github.issues() if "links" in i["labels"]]
    assert issue["title"] == "Links die niet werken (2)"
    assert (
        "https://b.example.org/y [HTTP 404] in `associations.yaml` oud (website)" in (issue["body"])
    )
    assert "ok.example.org" not in issue["body"]
    assert "links: gesloten" in github.patrol(fresh, "--links", str(report(tmp_path))).stdout
    assert [i for i in github.issues() if "links" in i["labels"]] == []
