"""A full mirror crawl, then an incremental re-crawl: pages fetched and wall time for each.

Run: NEWSARCHIVE_BENCH=1 .venv/bin/python -m pytest -q -s tests/benchmarks/test_incremental_crawl.py
The re-crawl fetches only the discovery set (robots.txt, feeds, sitemaps, start pages) and the
re-visit set (articles published in the last NEWSARCHIVE_REVISIT_DAYS); both are printed.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from newsarchive.mirror import build_sites
from newsarchive.mirror.server import MirrorServer
from tests.conftest import run_cli

if TYPE_CHECKING:
    from pathlib import Path


def test_incremental_recrawl_fetches_only_discovery_and_revisit_pages(tmp_path: Path) -> None:
    flags = ["--db", str(tmp_path / "a.db"), "--warc-dir", str(tmp_path / "warc"),
             "--sources-dir", str(tmp_path / "src"), "-s", "LOG_LEVEL=WARNING"]
    articles = {(s.host, t["url"].removeprefix(s.base_url))
                for s in build_sites().values() for t in s.articles()}
    with MirrorServer() as mirror:
        t0 = time.monotonic()
        assert run_cli("crawl", "--all", "--mirror", mirror.url, *flags).returncode == 0
        full_wall = time.monotonic() - t0
        full = mirror.requests
        mirror.clear_requests()
        t0 = time.monotonic()
        assert run_cli("crawl", "--all", "--mirror", mirror.url, *flags).returncode == 0
        inc_wall = time.monotonic() - t0
        inc = mirror.requests
    refetched_articles = [(h, p) for h, p, _ in inc if (h, p) in articles]
    print(f"\nfull crawl: {len(full)} pages in {full_wall:.2f} s")
    print(f"incremental re-crawl: {len(inc)} pages ({100 * len(inc) / len(full):.0f}% of the "
          f"full crawl) in {inc_wall:.2f} s; article pages among them: {len(refetched_articles)} "
          "(re-visit set: articles published in the last 2 days)")
    print("pages of the re-crawl:", sorted({p.split("?")[0] for _, p, _ in inc})[:40])
    assert refetched_articles == []
