"""Crawls left running for months: killed runs, backfill windows, revisits — all real processes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from typing import TYPE_CHECKING, Any

import pytest

from newsarchive.crawling.requests import needs_browser
from newsarchive.mirror import build_sites
from newsarchive.mirror.server import MirrorServer
from newsarchive.render import unavailable_reason
from newsarchive.sources import load_sources
from tests.conftest import REPO, run_cli

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def mirror() -> Any:
    with MirrorServer() as server:
        yield server


#: Papers that cannot be crawled here: those needing a browser when there is none (their runs
#: fail with one line saying how to install it).  Empty where Chromium is installed.
NO_BROWSER = ({sid for sid, src in load_sources().items()
               if sid in build_sites() and needs_browser(src)}
              if unavailable_reason() else set())


def truth_urls(*sites: str) -> set[str]:
    """Article URLs a crawl of these mirror papers must archive."""
    built = build_sites()
    return {t["url"] for s in sites if s not in NO_BROWSER for t in built[s].truth
            if t.get("is_article") and not t.get("fault")}


def count(db: Path, sql: str = "select count(*) from articles") -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def test_sigkilled_crawl_keeps_committed_articles_and_the_rerun_completes(
        tmp_path: Path, mirror: MirrorServer) -> None:
    db = tmp_path / "archive.db"
    args = [sys.executable, "-m", "newsarchive.cli", "crawl", "--all", "--mirror", mirror.url,
            "--db", str(db), "--warc-dir", str(tmp_path / "warc"),
            "--sources-dir", str(tmp_path / "src"),
            "-s", "DOWNLOAD_DELAY=0.15", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
            "-s", "LOG_LEVEL=WARNING"]
    proc = subprocess.Popen(args, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        stored = count(db)
        if stored >= 25:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "crawl finished before it could be killed; slow it down"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        after_kill = conn.execute("select count(*) from articles").fetchone()[0]
    finally:
        conn.close()
    assert after_kill >= stored
    everything = truth_urls(*build_sites())
    assert after_kill < len(everything)
    rerun = run_cli("crawl", "--all", "--mirror", mirror.url, "--db", str(db),
                    "--warc-dir", str(tmp_path / "warc"), "--sources-dir", str(tmp_path / "src"))
    errors = {line.split(":")[1].strip() for line in rerun.stderr.splitlines()
              if line.startswith("error: ")}
    assert errors == NO_BROWSER, rerun.stderr[-2000:]
    assert rerun.returncode in ((1,) if NO_BROWSER else (0, 3)), rerun.stderr[-2000:]
    conn = sqlite3.connect(db)
    try:
        urls = [r[0] for r in conn.execute("select url from articles")]
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert len(urls) == len(set(urls))
    assert everything <= set(urls)


def test_backfill_since_skips_older_listing_items(tmp_path: Path, mirror: MirrorServer) -> None:
    db = tmp_path / "archive.db"
    res = run_cli("crawl", "baotayninh", "--since", "2024-01-01", "--mirror", mirror.url,
                  "--db", str(db), "--warc-dir", str(tmp_path / "warc"),
                  "--sources-dir", str(tmp_path / "src"))
    assert res.returncode in (0, 3), res.stderr[-2000:]
    site = build_sites()["baotayninh"]
    recent = {t["url"] for t in site.truth if t.get("is_article") and not t.get("fault")
              and t["published"] >= "2024-01-01"}
    older = {t["url"] for t in site.truth if t.get("is_article") and t["published"] < "2024-01-01"}
    conn = sqlite3.connect(db)
    archived = {r[0] for r in conn.execute("select url from articles")}
    conn.close()
    assert recent <= archived
    assert len(archived & older) < len(older)


def test_bad_since_is_a_usage_error(tmp_path: Path) -> None:
    # 1/7/2022 is a valid day-first date now; 31/2/2022 is no date at all.
    res = run_cli("crawl", "baotayninh", "--since", "31/2/2022", "--db", str(tmp_path / "a.db"))
    assert res.returncode == 2
    assert "2019-01-01" in res.stderr


def test_revisit_window_refetches_young_articles_only(tmp_path: Path, mirror: MirrorServer) -> None:
    db = tmp_path / "archive.db"
    common = ["--mirror", mirror.url, "--db", str(db), "--warc-dir", str(tmp_path / "warc"),
              "--sources-dir", str(tmp_path / "src")]
    first = run_cli("crawl", "baodienbienphu", *common)
    assert first.returncode in (0, 3), first.stderr[-2000:]
    conn = sqlite3.connect(db)
    young = conn.execute(
        "select count(*) from articles where published_day >= date('now', '-400 days')"
    ).fetchone()[0]
    conn.close()
    assert 0 < young < count(db)
    again = run_cli("crawl", "baodienbienphu", *common, "-s", "NEWSARCHIVE_REVISIT_DAYS=400")
    assert again.returncode in (0, 3), again.stderr[-2000:]
    conn = sqlite3.connect(db)
    last = conn.execute("select new, unchanged from crawls order by id desc limit 1").fetchone()
    versions = conn.execute("select count(*) from article_versions").fetchone()[0]
    conn.close()
    assert last == (0, young)  # young articles re-checked, found unchanged; nothing else fetched
    assert versions == count(db)  # unchanged content adds no version


def test_dead_server_is_logged_per_url_and_loses_nothing(tmp_path: Path,
                                                         mirror: MirrorServer) -> None:
    """Connection refused everywhere: clear log lines, a failed run, the archive intact."""
    import socket

    db = tmp_path / "archive.db"
    common = ["--db", str(db), "--warc-dir", str(tmp_path / "warc"),
              "--sources-dir", str(tmp_path / "src"), "-s", "RETRY_TIMES=0"]
    assert run_cli("crawl", "baotayninh", "--mirror", mirror.url, *common).returncode == 0
    before = count(db)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    res = run_cli("crawl", "baotayninh", "--refresh", "--mirror", dead, *common)
    assert "Traceback" not in res.stderr
    assert "ConnectionRefusedError" in res.stderr or "Connection was refused" in res.stderr
    assert res.returncode == 1  # cron and systemd see a failed run
    assert "no page could be fetched" in res.stderr
    assert count(db) == before
    conn = sqlite3.connect(db)
    try:
        state, errors = conn.execute(
            "select state, http_errors from crawls order by id desc limit 1").fetchone()
    finally:
        conn.close()
    assert state == "failed"  # not "finished": nothing of the paper could be fetched
    assert "ConnectionRefused" in errors  # counted by reason in the run log
