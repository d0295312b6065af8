"""Crawl rate of the full pipeline beside a bare fetch-only Scrapy spider, and extraction speed.

Run: make bench   (or: .venv/bin/python -m pytest -s tests/benchmarks/test_crawl_speed.py)
Prints articles/s of `newsarchive crawl --all --mirror` against the same pages fetched by a
bare spider (the ratio is the figure), and extraction pages/s on one core.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from newsarchive.extract import extract
from newsarchive.mirror import build_sites
from newsarchive.mirror.server import MirrorServer
from newsarchive.sources import load_sources
from tests.conftest import run_cli

HERE = Path(__file__).parent


def test_crawl_rate_vs_bare_scrapy(tmp_path: Path) -> None:
    with MirrorServer() as server:
        started = time.monotonic()
        result = run_cli("crawl", "--all", "--mirror", server.url, "--db", str(tmp_path / "a.db"),
                         "--warc-dir", str(tmp_path / "warc"), "-s", "LOG_LEVEL=WARNING")
        full = time.monotonic() - started
        assert result.returncode == 0, result.stderr[-2000:]
        fetched = [(h, p) for h, p, _ in server.requests]
        import sqlite3

        n_articles = sqlite3.connect(tmp_path / "a.db").execute(
            "select count(*) from articles").fetchone()[0]
        urls = tmp_path / "urls.txt"
        urls.write_text("\n".join(f"https://{h}{p}" for h, p in fetched), encoding="utf-8")
        started = time.monotonic()
        bare = subprocess.run([sys.executable, str(HERE / "bare_fetch.py"), server.url, str(urls)],
                              capture_output=True, text=True, timeout=600)
        bare_wall = time.monotonic() - started
        assert bare.returncode == 0, bare.stderr[-2000:]
    print(f"\nnewsarchive crawl: {len(fetched)} pages, {n_articles} articles in {full:.2f} s "
          f"= {n_articles / full:.1f} articles/s (process wall time, incl. startup)")
    print(f"bare Scrapy fetch of the same {len(fetched)} pages: {bare_wall:.2f} s "
          f"= {n_articles / bare_wall:.1f} articles/s equivalent")
    print(f"ratio newsarchive/bare: {bare_wall / full:.2f} of the bare spider's rate")


def test_extraction_pages_per_second_one_core() -> None:
    sources = load_sources()
    pages = []
    for site in build_sites().values():
        for rec in site.truth:
            if rec.get("is_article") and not rec.get("fault"):
                from urllib.parse import urlsplit

                parts = urlsplit(rec["url"])
                key = parts.path + (f"?{parts.query}" if parts.query else "")
                pages.append((site.pages[key].body, rec["url"], sources.get(site.source_id)))
    rounds = 5
    started = time.process_time()
    for _ in range(rounds):
        for body, url, source in pages:
            extract(body, url, source)
    cpu = time.process_time() - started
    print(f"\nextraction: {len(pages) * rounds / cpu:.0f} pages/s on one core "
          f"({len(pages)} mirror article pages x {rounds})")
