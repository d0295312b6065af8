"""Per-source run lock: a second run of the same paper is refused (or waits), never races."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.crawling.lock import SourceBusyError, acquire_source_lock, acquire_source_locks

REPO = Path(__file__).resolve().parents[1]

HOLDER = """
import sys, time
from newsarchive.crawling.lock import acquire_source_lock
with acquire_source_lock(sys.argv[1], sys.argv[2]):
    print("locked", flush=True)
    time.sleep(float(sys.argv[3]))
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process crawling baosonla (holds the lock for up to 30 s)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path), "baosonla", "30"],
                            cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        proc.stdout.close()


def test_busy_source_is_refused_naming_the_holder_pid(
        tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    with pytest.raises(SourceBusyError) as info:
        with acquire_source_lock(tmp_path, "baosonla", wait=False):
            pytest.fail("two runs of one source held the lock at once")
    message = str(info.value)
    assert f"pid {holder.pid}" in message
    assert "baosonla" in message and "--wait" in message
    assert info.value.holder["pid"] == holder.pid


def test_other_sources_are_not_blocked(tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    with acquire_source_lock(tmp_path, "baolangson") as path:
        assert path == tmp_path / "locks" / "baolangson.lock"


def test_lock_of_a_killed_run_is_free_at_once(tmp_path: Path,
                                              holder: subprocess.Popen[str]) -> None:
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(10)
    with acquire_source_lock(tmp_path, "baosonla", wait=False):
        pass


def test_wait_queues_behind_the_holder(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path), "baosonla", "1.5"],
                            cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with acquire_source_lock(tmp_path, "baosonla", wait=True, timeout=20):
            waited = time.monotonic() - started
            assert proc.poll() is not None, "got the lock while the holder still ran"
        assert 0.5 < waited < 20
    finally:
        proc.kill()
        proc.wait(10)
        if proc.stdout:
            proc.stdout.close()


def test_wait_with_timeout_gives_up(tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    started = time.monotonic()
    with pytest.raises(SourceBusyError, match=f"pid {holder.pid}"):
        with acquire_source_lock(tmp_path, "baosonla", wait=True, timeout=0.5):
            pass
    assert time.monotonic() - started < 5


def test_same_process_cannot_hold_one_source_twice_and_release_frees_it(tmp_path: Path) -> None:
    with acquire_source_locks(tmp_path, ["baosonla", "baolangson"]):
        with pytest.raises(SourceBusyError, match=f"pid {os.getpid()}"):
            with acquire_source_lock(tmp_path, "baosonla"):
                pass
    with acquire_source_lock(tmp_path, "baosonla"):
        pass
