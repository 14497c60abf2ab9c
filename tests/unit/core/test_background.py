"""The second process that makes the files beside the pages (core/background.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mbo_alumni.core.background import SWITCH, Background, BackgroundFailed


def test_the_work_runs_in_another_process(tmp_path: Path) -> None:
    target = tmp_path / "pid"
    work = Background(lambda: target.write_text(str(os.getpid())), second_process=True)
    assert work.running
    work.wait()
    assert target.read_text().isdigit()
    assert int(target.read_text()) != os.getpid()


@pytest.mark.parametrize("second_process", [True, False])
def test_a_failure_comes_back_with_its_traceback(second_process: bool) -> None:
    def work() -> None:
        raise ValueError("kapot bestand")

    background = Background(work, second_process=second_process)
    with pytest.raises(BackgroundFailed, match="ValueError: kapot bestand"):
        background.wait()


@pytest.mark.parametrize("switch", [None, "0", "ja"])
def test_by_default_the_work_runs_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, switch: str | None
) -> None:
    if switch is None:
        monkeypatch.delenv(SWITCH, raising=False)
    else:
        monkeypatch.setenv(SWITCH, switch)
    target = tmp_path / "pid"
    work = Background(lambda: target.write_text(str(os.getpid())))
    assert not work.running and target.read_text() == str(os.getpid())
    work.wait()


def test_asked_for_the_work_runs_in_a_second_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SWITCH, "1")
    target = tmp_path / "pid"
    Background(lambda: target.write_text(str(os.getpid()))).wait()
    assert target.read_text() != str(os.getpid())


def test_without_fork_the_work_runs_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SWITCH, "1")
    monkeypatch.delattr(os, "fork")
    target = tmp_path / "pid"
    Background(lambda: target.write_text(str(os.getpid())), second_process=True).wait()
    assert target.read_text() == str(os.getpid())


def test_cancel_stops_the_work(tmp_path: Path) -> None:
    target = tmp_path / "late"

    def work() -> None:
        time.sleep(30)
        target.write_text("te laat")

    background = Background(work, second_process=True)
    started = time.monotonic()
    background.cancel()
    assert time.monotonic() - started < 10
    assert background.pid is None and not target.exists()


def test_a_killed_build_takes_its_second_process_with_it(tmp_path: Path) -> None:
    """SIGKILL gives the build no chance to cancel: the child used to go on writing into
    site_dir to the end. Linux now ends it with its parent."""
    script = (
        "import os, sys, time\n"
        "from mbo_alumni.core.background import Background\n"
        "def work():\n"
        "    while True:\n"
        f"        open({str(tmp_path / 'child-alive')!r}, 'w').write(str(time.time()))\n"
        "        time.sleep(0.05)\n"
        "job = Background(work, second_process=True)\n"
        "print(job.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    deadline = time.monotonic() + 10
    while not (tmp_path / "child-alive").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        if Path(f"/proc/{child}/stat").read_text().split()[2] == "Z":
            break  # ended, only not yet reaped
        time.sleep(0.05)
    else:
        os.kill(child, signal.SIGKILL)
        raise AssertionError("the second process outlived the killed build")
