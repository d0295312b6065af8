"""Honest unattended runs: failed papers say failed, cron output is short, Ctrl-C is quick and
recorded, Redis waits obey signals, and no run stays `running` after its process is gone.

Real crawl processes against real HTTP servers on 127.0.0.1 (a small paper served by
tests/cli_support.py, sometimes slowly, and addresses where nothing listens).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

import pytest

from tests.cli_support import FAST, LocalPaper, dead_url, wait_for, write_definition
from tests.conftest import REPO, run_cli

if TYPE_CHECKING:
    from pathlib import Path


def crawls(db: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("select source, state, finished_at from crawls order by id").fetchall()
    finally:
        conn.close()


def articles(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        return int(conn.execute("select count(*) from articles").fetchone()[0])
    finally:
        conn.close()


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "newsarchive.cli", *args], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def running_row(db: Path) -> bool:
    """The crawl's row is in the archive (0 while the archive is being created)."""
    if not db.exists():
        return False
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            row = conn.execute("select 1 from crawls where state = 'running'").fetchone()
            return row is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return False


@pytest.fixture
def papers(tmp_path: Path) -> Any:
    """A working paper, an unreachable one, and definitions --all must skip."""
    src = tmp_path / "src"
    with LocalPaper(articles=6) as paper:
        paper.definition(src, "baothu")
        write_definition(src, "baochet", dead_url())                      # verified, down
        write_definition(src, "baonhap", paper.url, verified=False)       # not checked live
        write_definition(src, "baotrong", paper.url, pattern=None)        # a placeholder
        yield {"paper": paper, "src": src,
               "flags": ["--db", str(tmp_path / "a.db"), "--warc-dir", str(tmp_path / "w"),
                         "--sources-dir", str(src), *FAST]}


def test_an_unreachable_paper_is_failed_in_crawls_and_summary(papers: dict[str, Any],
                                                              tmp_path: Path) -> None:
    from newsarchive.sources import load_sources

    res = run_cli("crawl", "--all", *papers["flags"])
    assert res.returncode == 1
    skipped = len(load_sources([papers["src"]])) - 2  # all but baothu and baochet
    assert f"skipping {skipped} unverified or placeholder definitions" in res.stderr
    table = res.stdout.splitlines()
    assert table[0].split() == ["source", "pages", "new", "updated", "unchanged", "already",
                                "archived", "flagged", "not", "articles", "dropped", "fetch",
                                "errors", "state"]
    states = {line.split()[0]: line.split()[-1] for line in table[2:4]}
    assert states == {"baochet": "failed", "baothu": "finished"}
    assert table[-1].startswith("crawled 2 papers in ")
    assert "(1 failed, 1 finished)" in table[-1]
    errors = [line for line in res.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1
    assert errors[0].startswith("error: baochet: no page could be fetched (")
    assert "ConnectionRefusedError x" in errors[0]
    assert {(s, st) for s, st, _ in crawls(tmp_path / "a.db")} == {("baochet", "failed"),
                                                                   ("baothu", "finished")}
    # Scrapy's INFO lines stay out of the way unless asked for with -v.
    assert " INFO: " not in res.stderr
    verbose = run_cli("crawl", "baothu", "-v", *papers["flags"])
    assert verbose.returncode in (0, 3)
    assert " INFO: Spider opened" in verbose.stderr


def test_quiet_output_is_one_line_per_failed_paper_and_the_totals(papers: dict[str, Any]) -> None:
    res = run_cli("crawl", "--all", "--quiet", *papers["flags"])
    assert res.returncode == 1
    assert res.stderr == ""
    lines = res.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("error: baochet: no page could be fetched")
    assert lines[1].startswith("crawled 2 papers in ")
    assert "(1 failed, 1 finished): " in lines[1]
    assert "6 new" in lines[1]
    ok = run_cli("crawl", "baothu", "--quiet", *papers["flags"])
    assert ok.returncode in (0, 3)
    assert ok.stdout.count("\n") == 1
    assert ok.stdout.startswith("crawled 1 paper in ")
    assert "(1 finished)" in ok.stdout


def test_crawl_all_with_nothing_verified_says_how_to_go_on(tmp_path: Path) -> None:
    from newsarchive.sources import load_sources

    shipped = load_sources()
    assert not any(s.verified for s in shipped.values())  # until checked live (issue 13)
    res = run_cli("crawl", "--all", "--db", str(tmp_path / "a.db"),
                  "--sources-dir", str(tmp_path / "src"))
    assert res.returncode == 2
    assert f"none of the {len(shipped)} definitions is verified" in res.stderr
    assert "--include-unverified" in res.stderr
    assert not (tmp_path / "a.db").exists()


def test_include_unverified_selects_unverified_and_placeholder_definitions(
        papers: dict[str, Any]) -> None:
    from newsarchive.cli.crawl import select_all
    from newsarchive.sources import load_sources

    found = load_sources([papers["src"]])
    chosen, skipped = select_all(found, None, include_unverified=False)
    assert chosen == ["baochet", "baothu"]
    assert {"baonhap", "baotrong", "baotayninh"} <= set(skipped)
    chosen, skipped = select_all(found, None, include_unverified=True)
    assert set(chosen) == set(found)
    assert skipped == []


def _interruptible(tmp_path: Path, paper: LocalPaper,
                   *extra: str) -> tuple[subprocess.Popen[str], Path]:
    """A crawl that has fetched the fast articles and waits on slow downloads."""
    paper.definition(tmp_path / "src", "baothu")
    db = tmp_path / "a.db"
    proc = start("crawl", "baothu", "--db", str(db), "--warc-dir", str(tmp_path / "w"),
                 "--sources-dir", str(tmp_path / "src"), *FAST, *extra)
    assert wait_for(lambda: sum("-a10" in p for p in paper.requests) >= 5, timeout=60)
    time.sleep(1.0)  # the fast ones are stored (in the open commit group), slow ones in flight
    return proc, db


def test_one_ctrl_c_stops_within_two_seconds_and_records_interrupted(tmp_path: Path) -> None:
    with LocalPaper(articles=30, delay=60, fast=2) as paper:
        proc, db = _interruptible(tmp_path, paper)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        took = time.monotonic() - sent
    assert took < 2.0, (took, err)
    assert proc.returncode == 130
    assert "stopping: " in err
    assert "Traceback" not in err
    assert out.splitlines()[2].split()[-1] == "interrupted"
    assert crawls(db)[-1][:2] == ("baothu", "interrupted")
    assert crawls(db)[-1][2]  # finished_at is set
    assert articles(db) == 2  # the articles fetched before the stop are stored


def test_a_second_ctrl_c_forces_and_still_records_interrupted(tmp_path: Path) -> None:
    with LocalPaper(articles=30, delay=60, fast=2) as paper:
        proc, db = _interruptible(tmp_path, paper)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=30)
        took = time.monotonic() - sent
    assert took < 2.0, (took, err)
    assert proc.returncode == 130
    assert "stopped at once; 1 run(s) marked interrupted" in err
    assert crawls(db)[-1][:2] == ("baothu", "interrupted")
    articles(db)  # intact


class Output:
    """Collects a process's stdout and stderr while it runs (to act on a line as it appears)."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.out: list[str] = []
        self.err: list[str] = []
        self._threads = [threading.Thread(target=self._read, args=(s, d), daemon=True)
                         for s, d in ((proc.stdout, self.out), (proc.stderr, self.err))]
        for t in self._threads:
            t.start()

    @staticmethod
    def _read(stream: Any, into: list[str]) -> None:
        for line in stream:
            into.append(line)

    def wait(self, timeout: float = 30) -> tuple[str, str]:
        self.proc.wait(timeout=timeout)
        for t in self._threads:
            t.join(timeout=timeout)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        return "".join(self.out), "".join(self.err)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_waiting_for_redis_obeys_signals(tmp_path: Path, signum: int) -> None:
    pytest.importorskip("scrapy_redis")
    down = dead_url().replace("http://", "redis://").rstrip("/") + "/0"
    write_definition(tmp_path / "src", "baothu", "http://127.0.0.1:9/")
    proc = start("crawl", "baothu", "--redis", down, "--db", str(tmp_path / "a.db"),
                 "--sources-dir", str(tmp_path / "src"), "-s", "NEWSARCHIVE_REDIS_RETRY=1")
    output = Output(proc)
    assert wait_for(lambda: any("is unreachable" in line for line in output.err), timeout=60)
    time.sleep(1.5)  # into the retries
    assert proc.poll() is None
    sent = time.monotonic()
    proc.send_signal(signum)
    out, err = output.wait()
    assert time.monotonic() - sent < 2.0, err
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert "interrupted" in out


def test_a_killed_run_does_not_stay_running(tmp_path: Path) -> None:
    with LocalPaper(articles=12, delay=1.0) as paper:
        # One article a second: the run's row is committed (grouped commits, every 2 s).
        proc, db = _interruptible(tmp_path, paper, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
        assert wait_for(lambda: running_row(db), timeout=30)
        proc.kill()  # SIGKILL: no chance to record anything
        proc.communicate(timeout=30)
        assert crawls(db)[-1][1] == "running"
        # `stats` sees the run's lock is free: its process is gone.
        stats = run_cli("stats", "--db", str(db))
        assert stats.returncode == 0, stats.stderr
        row = next(line.split() for line in stats.stdout.splitlines()
                   if line.startswith("baothu"))
        assert row[-1] == "abandoned"
        assert "abandoned" in row
        # The next run of the paper records it so, then runs normally.
        paper.delay = 0
        again = run_cli("crawl", "baothu", "--db", str(db), "--warc-dir", str(tmp_path / "w"),
                        "--sources-dir", str(tmp_path / "src"), *FAST)
    assert again.returncode in (0, 3), again.stderr
    assert "note: 1 earlier run(s) of baothu had died without finishing" in again.stderr
    states = [(state, bool(finished)) for _, state, finished in crawls(db)]
    assert states == [("abandoned", True), ("finished", True)]
    assert articles(db) == 12
