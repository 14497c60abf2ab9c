"""A bare git remote standing in for GitHub, with the state the `gh` stand-in keeps: what
intake and from-mail push to and open pull requests on, in the contrib and browser tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from conftest import ASSOCIATIONS, CLI, EVENTS, ROOT, STAND_INS, git, write_tree

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"


class Repo:
    """A bare 'GitHub' remote with main, and the GitHub state the gh stand-in keeps."""

    def __init__(self, tmp: Path, events: str = EVENTS, associations: str = ASSOCIATIONS) -> None:
        self.tmp = tmp
        self.remote = tmp / "remote.git"
        git(tmp, "init", "--quiet", "--bare", "-b", "main", str(self.remote))
        seed = write_tree(
            tmp / "seed",
            {"data/associations.yaml": associations, "data/events.yaml": events},
        )
        shutil.copytree(FORMS, seed / ".github" / "ISSUE_TEMPLATE")
        git(seed, "init", "--quiet", "-b", "main")
        git(seed, "add", ".")
        git(seed, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "seed")
        git(seed, "push", "--quiet", str(self.remote), "main")
        self.state = tmp / "gh-state.json"
        self.log = tmp / "gh-log.jsonl"
        self.runs = 0

    def submit(self, number: int, body: str, label: str, action: str = "opened") -> Any:
        """Run the workflow step on a fresh checkout, as actions/checkout would make it."""
        self.runs += 1
        work = self.tmp / f"checkout-{self.runs}"
        git(self.tmp, "clone", "--quiet", str(self.remote), str(work))
        event = self.tmp / f"event-{self.runs}.json"
        event.write_text(
            json.dumps(
                {
                    "action": action,
                    "issue": {"number": number, "body": body, "labels": [{"name": label}]},
                    "repository": {"full_name": "mbo/alumni"},
                }
            ),
            encoding="utf-8",
        )
        env = {
            **os.environ,
            "PATH": f"{STAND_INS}{os.pathsep}{os.environ['PATH']}",
            "GH_STANDIN_STATE": str(self.state),
            "GH_STANDIN_LOG": str(self.log),
            "SOURCE_DATE_EPOCH": "1795000000",
            "GIT_TERMINAL_PROMPT": "0",
        }
        return subprocess.run(
            [str(CLI), "intake", "--event", str(event), "--root", str(work)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def environment(self, **extra: str) -> dict[str, str]:
        """The environment of a workflow step: `gh` is the stand-in, keeping this state."""
        return {
            **os.environ,
            "PATH": f"{STAND_INS}{os.pathsep}{os.environ['PATH']}",
            "GH_STANDIN_STATE": str(self.state),
            "GH_STANDIN_LOG": str(self.log),
            "SOURCE_DATE_EPOCH": "1795000000",
            "GIT_TERMINAL_PROMPT": "0",
            **extra,
        }

    def checkout(self) -> Path:
        """Return a fresh clone of the remote, as actions/checkout makes one."""
        self.runs += 1
        work = self.tmp / f"checkout-{self.runs}"
        git(self.tmp, "clone", "--quiet", str(self.remote), str(work))
        return work

    def calls(self) -> list[list[str]]:
        """Return the arguments of every `gh` call so far."""
        lines = self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []
        return [json.loads(line)["args"] for line in lines]

    def github(self) -> dict[str, Any]:
        return json.loads(self.state.read_text()) if self.state.exists() else {}

    def branch_file(self, branch: str, path: str) -> str:
        return git(self.remote, "show", f"{branch}:{path}")

    def branches(self) -> list[str]:
        out = git(self.remote, "for-each-ref", "--format=%(refname:short)", "refs/heads")
        return out.split()


def from_mail(repo: Repo, message: bytes, run: int = 1) -> subprocess.CompletedProcess[str]:
    work = repo.tmp / f"mail-checkout-{run}"
    git(repo.tmp, "clone", "--quiet", str(repo.remote), str(work))
    path = repo.tmp / f"message-{run}.eml"
    path.write_bytes(message)
    env = {**os.environ, "PATH": f"{STAND_INS}{os.pathsep}{os.environ['PATH']}",
           "GH_STANDIN_STATE": str(repo.state), "GH_STANDIN_LOG": str(repo.log),
           "SOURCE_DATE_EPOCH": "1795000000"}  # fmt: skip
    return subprocess.run([str(CLI), "from-mail", str(path), "--root", str(work), "--repo",
                           "mbo/alumni"], env=env, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
