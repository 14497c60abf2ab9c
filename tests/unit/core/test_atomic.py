"""A data file is written whole or not at all (issue #39): on a disk that fills up halfway,
`mbo-alumni import` used to leave associations.yaml cut off mid-entry, and `validate` then
said "in orde" about what was left. Here the disk is real and really full: a small tmpfs."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ASSOCIATIONS, EVENTS, cli, write_tree
from mbo_alumni.core import atomic


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB file system of its own (tmpfs; needs root, as `make test` has here)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                          capture_output=True, text=True)  # fmt: skip
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path, leave: int) -> None:
    """Fill the disk until about `leave` bytes are free."""
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    (disk / "filler").write_bytes(b"x" * max(0, free - leave))


def test_an_import_on_a_full_disk_changes_nothing(small_disk: Path, tmp_path: Path) -> None:
    data = write_tree(small_disk / "data", {"associations.yaml": ASSOCIATIONS,
                                            "events.yaml": EVENTS})  # fmt: skip
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    rows = "".join(
        f"Alumni {n},alumni-{n:03d},Testcollege {n},Utrecht,Utrecht,"
        f'"{"Een beschrijving die de regel lang maakt. " * 4}"\n'
        for n in range(60)
    )
    sheet = tmp_path / "nieuw.csv"
    sheet.write_text("name,id,institution,city,province,description\n" + rows, encoding="utf-8")
    _fill(small_disk, 4096)
    result = cli("import", "--data", str(data), "--associations", str(sheet))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "niet schrijven" in result.stderr and "er is niets veranderd" in result.stderr
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before  # no temp file either
    assert cli("validate", "--data", str(data)).returncode == 0
    (small_disk / "filler").unlink()  # room again: the same import now succeeds
    assert cli("import", "--data", str(data), "--associations", str(sheet)).returncode == 0
    assert (data / "associations.yaml").read_text(encoding="utf-8").count("- id:") == 62


def test_two_files_are_written_together_or_not_at_all(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "missing" / "b.yaml"
    first.write_text("oud\n", encoding="utf-8")
    (tmp_path / "missing").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(OSError):
        atomic.write_all_atomic({first: "nieuw\n", second: "nieuw\n"})
    assert first.read_text(encoding="utf-8") == "oud\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "missing"]


def test_the_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("[]\n", encoding="utf-8")
    path.chmod(0o640)
    atomic.write_atomic(path, "- id: a\n")
    assert path.read_text(encoding="utf-8") == "- id: a\n" and path.stat().st_mode & 0o777 == 0o640
