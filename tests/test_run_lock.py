"""Per-source run lock: a second run of the same paper is refused (or waits), never races."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsarchive.crawling.lock import SourceBusyError, acquire_source_lock, acquire_source_locks

if TYPE_CHECKING:
    from collections.abc import Iterator

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
    assert "baosonla" in message
    assert "--wait" in message
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
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with acquire_source_lock(tmp_path, "baosonla", wait=True, timeout=20):
            waited = time.monotonic() - started
        # The holder keeps the lock 1.5 s after saying so; we cannot have had it sooner.
        assert 1.2 < waited < 20
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


def test_scrapy_crawl_of_a_busy_source_fetches_nothing(tmp_path: Path) -> None:
    """`scrapy crawl ID` (as Scrapyd runs it) honours the lock through SourceLockExtension."""
    import json
    import sqlite3

    from newsarchive.mirror import build_sites
    from newsarchive.mirror.server import MirrorServer
    from newsarchive.sources import load_sources

    sites = build_sites()
    sid = "baolaichau" if "baolaichau" in sites else next(
        s for s in sorted(sites) if s in load_sources())
    extensions = {"newsarchive.crawling.lock.SourceLockExtension": 400,
                  "newsarchive.crawling.runlog.CrawlLogExtension": 500}

    def scrapy_crawl(mirror: str) -> subprocess.CompletedProcess[str]:
        settings = {"NEWSARCHIVE_MIRROR": mirror, "NEWSARCHIVE_DB": str(tmp_path / "archive.db"),
                    "NEWSARCHIVE_WARC_DIR": str(tmp_path / "warc"),
                    "NEWSARCHIVE_SOURCES_DIR": str(tmp_path / "sources"),
                    "EXTENSIONS": json.dumps(extensions), "DOWNLOAD_DELAY": "0",
                    "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
                    "LOG_LEVEL": "INFO"}
        args = [a for k, v in settings.items() for a in ("-s", f"{k}={v}")]
        return subprocess.run([sys.executable, "-m", "scrapy", "crawl", sid, *args], cwd=REPO,
                              capture_output=True, text=True, timeout=120)

    with MirrorServer() as mirror:
        with acquire_source_lock(tmp_path, sid):
            busy = scrapy_crawl(mirror.url)
            assert [r for r in mirror.requests if r[0] == sites[sid].host] == []
        assert f"pid {os.getpid()}" in busy.stderr
        assert "'finish_reason': 'source_busy'" in busy.stderr, busy.stderr[-3000:]
        free = scrapy_crawl(mirror.url)
        assert "'finish_reason': 'finished'" in free.stderr, free.stderr[-3000:]
    conn = sqlite3.connect(tmp_path / "archive.db")
    try:
        runs = conn.execute("select state from crawls order by id").fetchall()
        stored = conn.execute("select count(*) from articles").fetchone()[0]
    finally:
        conn.close()
    assert runs == [("source_busy",), ("finished",)]
    assert stored >= 20
