"""Steady-state crawl speed and memory: a generated 5,000-article paper (tests/paper_site.py).

Run: NEWSARCHIVE_BENCH=1 .venv/bin/python -m pytest -q -s tests/benchmarks/test_crawl_steady.py

- **Speed**: `newsarchive crawl` (discovery, extraction, pipelines, WARC capture, the archive
  writer) against a bare Scrapy spider that only fetches the same pages (bare_fetch.py), in one
  run, same concurrency.  Both are timed by Scrapy's own ``elapsed_time_seconds`` (spider opened
  to closed), so process start-up is not in the figure.  Target: the full crawl's pages/s is at
  least 0.6 of the bare spider's.
- **Memory**: peak RSS of the crawl process (``os.wait4``) of the same paper at 1,000 and at
  5,000 articles.  Target: within 10% (memory must not grow with the paper).

Both figures are printed; a missed target fails.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import REPO
from tests.paper_site import PaperServer

HERE = Path(__file__).parent
SPEED_TARGET = 0.6
RSS_TARGET = 0.10
SETTINGS = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "LOG_LEVEL=WARNING",
            "-s", "NEWSARCHIVE_PROGRESS=False"]


def run_measured(args: list[str], cwd: Path) -> tuple[int, str, str, int]:
    """(exit code, stdout, stderr, peak RSS in kB) of one child process."""
    out, err = cwd / "out.txt", cwd / "err.txt"
    with out.open("w") as o, err.open("w") as e:
        proc = subprocess.Popen(args, cwd=REPO, stdout=o, stderr=e)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, out.read_text(), err.read_text(), usage.ru_maxrss


def crawl_paper(tmp: Path, articles: int) -> dict[str, Any]:
    """Add and crawl a generated paper; its pages, the crawl's figures and its peak RSS."""
    tmp.mkdir()
    src, db = tmp / "sources", tmp / "archive.db"
    with PaperServer(articles=articles) as server:
        add = subprocess.run([sys.executable, "-m", "newsarchive.cli", "sources", "add",
                              "baobiencuong", "--url", server.url + "/", "--sources-dir",
                              str(src)], cwd=REPO, capture_output=True, text=True)
        assert add.returncode == 0, add.stderr
        before = len(server.requests)
        code, _out, err, rss = run_measured(
            [sys.executable, "-m", "newsarchive.cli", "crawl", "baobiencuong", "--db", str(db),
             "--warc-dir", str(tmp / "warc"), "--sources-dir", str(src), *SETTINGS], tmp)
        assert code == 0, err[-3000:]
        fetched = [path for path, _ in server.requests[before:]]
        urls = tmp / "urls.txt"
        urls.write_text("\n".join(server.url + p for p in fetched), encoding="utf-8")
        bare = None
        if articles >= 5000:
            bare = subprocess.run([sys.executable, str(HERE / "bare_fetch.py"), server.url,
                                   str(urls)], cwd=REPO, capture_output=True, text=True,
                                  timeout=1800)
            assert bare.returncode == 0, bare.stderr[-3000:]
    conn = sqlite3.connect(db)
    try:
        stored = conn.execute("select count(*) from articles").fetchone()[0]
        summary = json.loads(
            conn.execute("select stats from crawls order by id desc").fetchone()[0])
        stats = summary["stats"]  # Scrapy's own stats of the run
    finally:
        conn.close()
    result = {"pages": len(fetched), "stored": stored, "rss_kb": rss,
              "elapsed": float(stats["elapsed_time_seconds"])}
    if bare is not None:
        line = bare.stdout.strip().splitlines()[-1].split()
        result["bare_elapsed"], result["bare_responses"] = float(line[1]), int(line[3])
    return result


def test_steady_state_speed_and_memory(tmp_path: Path) -> None:
    small = crawl_paper(tmp_path / "p1000", 1000)
    big = crawl_paper(tmp_path / "p5000", 5000)
    assert small["stored"] == 1000
    assert big["stored"] == 5000
    full_rate = big["pages"] / big["elapsed"]
    bare_rate = big["bare_responses"] / big["bare_elapsed"]
    ratio = full_rate / bare_rate
    growth = big["rss_kb"] / small["rss_kb"] - 1
    print(f"\nfull crawl: {big['pages']} pages, {big['stored']} articles in {big['elapsed']:.2f} s "
          f"= {full_rate:.0f} pages/s")
    print(f"bare Scrapy spider, same pages: {big['bare_responses']} in {big['bare_elapsed']:.2f} s "
          f"= {bare_rate:.0f} pages/s")
    print(f"ratio full/bare: {ratio:.2f} (target >= {SPEED_TARGET})")
    print(f"peak RSS: {small['rss_kb'] / 1024:.1f} MB at 1,000 articles, "
          f"{big['rss_kb'] / 1024:.1f} MB at 5,000 ({growth:+.1%}, target within "
          f"{RSS_TARGET:.0%})")
    assert ratio >= SPEED_TARGET, f"full crawl at {ratio:.2f} of a bare spider's rate"
    assert growth <= RSS_TARGET, f"peak RSS grew {growth:.1%} from 1,000 to 5,000 articles"
