"""What keeping photos costs: disk per article, and the crawl rate with and without photos.

Run: make bench   (or: NEWSARCHIVE_BENCH=1 .venv/bin/python -m pytest -s
tests/benchmarks/test_media_cost.py)

One paper of 300 articles with two real JPEGs each (960x640, 70-300 KB, one in ten a photo
already used under another URL) is crawled twice in one run through the real `newsarchive
crawl` against the mirror server, with photos off and on.  Printed: articles/s (process wall
time) both ways, and bytes per article on disk (archive + WARC files).

Targets, asserted:
* keeping photos costs their bytes: the extra disk is at most 1.10x the distinct photo bytes
  (WARC headers, request records and media rows within 10 %; a repeated photo is a revisit
  record, not a second copy);
* each photo is one more request to the same slot, so with two photos an article costs three
  requests: the crawl keeps at least a third of its article rate (0.33x).
"""

from __future__ import annotations

import sqlite3
import time
from typing import TYPE_CHECKING

from newsarchive.mirror.server import MirrorServer
from tests.conftest import run_cli
from tests.photo_site import BULK_DEFINITION, BULK_SOURCE, build_bulk_site

if TYPE_CHECKING:
    from pathlib import Path

ARTICLES = 300
SIZE_TARGET = 1.10
RATE_TARGET = 0.33


def _disk(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _crawl(server: MirrorServer, work: Path, photos: bool) -> tuple[float, int]:
    data = work / "data"
    started = time.monotonic()
    result = run_cli("crawl", BULK_SOURCE, "--mirror", server.url, "--db", str(data / "a.db"),
                     "--warc-dir", str(data / "warc"), "--sources-dir", str(work.parent / "src"),
                     "-s", "LOG_LEVEL=WARNING", "-s", f"NEWSARCHIVE_MEDIA_ENABLED={int(photos)}")
    wall = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-2000:]
    with sqlite3.connect(data / "a.db") as conn:
        (n,) = conn.execute("select count(*) from articles").fetchone()
    return wall, n


def test_photos_cost_their_bytes_and_keep_a_third_of_the_rate(tmp_path: Path) -> None:
    site, distinct = build_bulk_site(ARTICLES)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / f"{BULK_SOURCE}.yaml").write_text(BULK_DEFINITION, encoding="utf-8")
    with MirrorServer(sites={BULK_SOURCE: site}) as server:
        without_wall, n_without = _crawl(server, tmp_path / "without", photos=False)
        with_wall, n_with = _crawl(server, tmp_path / "with", photos=True)
    assert n_without == n_with == ARTICLES
    conn = sqlite3.connect(tmp_path / "with" / "data" / "a.db")
    stored, photo_bytes = conn.execute(
        "select count(*), sum(bytes) from media where status = 'stored'").fetchone()
    conn.close()
    assert stored == 2 * ARTICLES
    disk_without = _disk(tmp_path / "without" / "data")
    disk_with = _disk(tmp_path / "with" / "data")
    rate_without, rate_with = n_without / without_wall, n_with / with_wall
    extra = (disk_with - disk_without) / distinct
    print(f"\n{ARTICLES} articles, {stored} photos ({photo_bytes / 1e6:.1f} MB as served, "
          f"{distinct / 1e6:.1f} MB distinct)")
    print(f"crawl without photos: {without_wall:.1f} s = {rate_without:.1f} articles/s; "
          f"with photos: {with_wall:.1f} s = {rate_with:.1f} articles/s "
          f"({rate_with / rate_without:.2f}x; process wall time incl. startup)")
    print(f"disk per article: {disk_without / ARTICLES / 1e3:.1f} KB without photos, "
          f"{disk_with / ARTICLES / 1e3:.1f} KB with (archive + WARC); the extra is "
          f"{extra:.3f}x the distinct photo bytes")
    assert extra <= SIZE_TARGET, f"keeping photos costs {extra:.2f}x their bytes"
    assert rate_with / rate_without >= RATE_TARGET, "photos slow the crawl more than stated"
