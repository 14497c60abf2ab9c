"""The monthly freshness patrol: `mbo-alumni patrol`.

One issue per association not confirmed (`checked`) for 18 months, found again each month by
its label and a marker with the id, never opened twice; closed when the entry is confirmed or
removed. With a link report (`mbo-alumni links --json`), one issue lists the dead links and is
kept up to date, and closed when they all work again. Every GitHub call goes through `gh`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from ..core.urls import Forms
from ..source.checks import STALE_AFTER_MONTHS, stale
from ..source.model import Association
from .github import gh

STALE_LABEL = "controle"
LINKS_LABEL = "links"
LINKS_MARKER = "<!-- mbo-alumni:links -->"
_STALE_MARKER = re.compile(r"<!-- mbo-alumni:controle:([a-z0-9-]+) -->")


def stale_marker(ident: str) -> str:
    """Return the marker by which the patrol finds its issue for one association again."""
    return f"<!-- mbo-alumni:controle:{ident} -->"


def _open_issues(repo: str, label: str) -> list[dict[str, Any]]:
    output = gh(["issue", "list", "--repo", repo, "--label", label, "--state", "open",
                  "--json", "number,title,body", "--limit", "1000"])  # fmt: skip
    issues: list[dict[str, Any]] = json.loads(output or "[]")
    return issues


def _label(repo: str, name: str, description: str) -> None:
    gh(["label", "create", name, "--repo", repo, "--description", description, "--force"])


def _form_link(repo: str, form: str, ident: str, title: str) -> str:
    """Return a link to a change issue form with the association's id filled in."""
    query = urlencode({"template": form, "id": ident, "title": f"{title}: {ident}"})
    return f"https://github.com/{repo}/issues/new?{query}"


def stale_issue_body(association: Association, repo: str) -> str:
    """Return the Dutch text of the issue that asks an association to confirm its entry."""
    checked = association.checked.isoformat() if association.checked else None
    since = f"sinds {checked}" if checked else "nog nooit"
    return (
        f"{stale_marker(association.id)}\n"
        f"De gegevens van **{association.name}** ({association.institution}) zijn {since} "
        f"bevestigd. We vragen elke vereniging om de {STALE_AFTER_MONTHS} maanden even te "
        "kijken of alles nog klopt.\n\n"
        "**Wat kijk je na?** De naam, de school en de plaats, de website en de sociale media, "
        "het e-mailadres, en of de contactpersoon (als die er staat) nog dezelfde is en nog "
        "toestemming geeft.\n\n"
        "**Klopt alles?** Open dan dit formulier en verstuur het; de korte naam staat er al "
        f"in: {_form_link(repo, Forms.confirm, association.id, 'Bevestiging')}\n\n"
        "**Klopt er iets niet meer?** Vul dan alleen in wat verandert: "
        f"{_form_link(repo, Forms.change_association, association.id, 'Wijziging vereniging')}"
        "\n\n"
        "Dit bericht sluit vanzelf zodra de nieuwe datum op de site staat."
    )


@dataclass(frozen=True)
class PatrolReport:
    opened: list[str]
    closed: list[int]
    kept: list[str]


def patrol_stale(associations: list[Association], repo: str, today: date) -> PatrolReport:
    """Open an issue per stale association that has none; close those no longer needed."""
    _label(repo, STALE_LABEL, "Vereniging: kloppen de gegevens nog?")
    by_id: dict[str, int] = {}
    for issue in _open_issues(repo, STALE_LABEL):
        match = _STALE_MARKER.search(str(issue.get("body") or ""))
        if match:
            by_id.setdefault(match[1], int(issue["number"]))
    wanted = {a.id: a for a in stale(associations, today)}
    known = {a.id for a in associations}
    opened, closed, kept = [], [], []
    for ident, association in wanted.items():
        if ident in by_id:
            kept.append(ident)
            continue
        gh(["issue", "create", "--repo", repo, "--label", STALE_LABEL,
             "--title", f"Kloppen de gegevens van {association.name} nog?"],
            stale_issue_body(association, repo))  # fmt: skip
        opened.append(ident)
    for ident, number in by_id.items():
        if ident in wanted:
            continue
        why = "bevestigd" if ident in known else "van de site gehaald"
        gh(["issue", "close", str(number), "--repo", repo, "--comment",
             f"De gegevens zijn {why}. Dank je wel!"])  # fmt: skip
        closed.append(number)
    return PatrolReport(opened, closed, kept)


def links_issue_body(report: list[dict[str, Any]], repo: str) -> str:
    """Return the Dutch text of the one issue that lists the dead links."""
    lines = []
    for result in report:
        if result["verdict"] != "dead":
            continue
        status = f"HTTP {result['status']}" if result.get("status") else result.get("detail", "")
        uses = ", ".join(f"`{u['file']}` {u['entry']} ({u['key']})" for u in result["used_by"])
        lines.append(f"- {result['url']} [{status}] in {uses}")
    return (
        f"{LINKS_MARKER}\n"
        "Deze links in de gegevens werken niet (meer). Pas ze aan of haal ze weg: "
        f"https://github.com/{repo}/tree/main/data\n\n" + "\n".join(lines) + "\n\n"
        "Deze lijst wordt elke maand bijgewerkt en sluit vanzelf als alle links weer werken."
    )


def patrol_links(report: list[dict[str, Any]], repo: str) -> str:
    """Keep the one dead-links issue up to date: open, update or close it. Return what."""
    _label(repo, LINKS_LABEL, "Links in de gegevens die niet werken")
    issues = [i for i in _open_issues(repo, LINKS_LABEL) if LINKS_MARKER in str(i.get("body"))]
    dead = [r for r in report if r["verdict"] == "dead"]
    if not dead:
        for issue in issues:
            gh(["issue", "close", str(issue["number"]), "--repo", repo, "--comment",
                 "Alle links werken weer."])  # fmt: skip
        return "gesloten" if issues else "niets te doen"
    body = links_issue_body(report, repo)
    if issues:
        gh(["issue", "edit", str(issues[0]["number"]), "--repo", repo,
             "--title", f"Links die niet werken ({len(dead)})"], body)  # fmt: skip
        return "bijgewerkt"
    gh(["issue", "create", "--repo", repo, "--label", LINKS_LABEL,
         "--title", f"Links die niet werken ({len(dead)})"], body)  # fmt: skip
    return "geopend"


def read_report(path: Path) -> list[dict[str, Any]]:
    """Return a report written by `mbo-alumni links --json`."""
    report: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return report
