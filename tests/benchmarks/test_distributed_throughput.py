"""Distributed crawl figures: throughput with 1, 2 and 3 workers plus the ingester, CPU use,
ingest rate, and Redis memory per million URLs in a dupefilter.

Run: make bench  (or: .venv/bin/python -m pytest -s tests/benchmarks/test_distributed_throughput.py)
Needs redis-server.  Politeness is off here (the mirror is on loopback) so the figures are the
machine's capacity, not a site's allowance; see the capacity plan printed at the end.
"""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import time
from typing import TYPE_CHECKING

import pytest

from tests.test_distributed import RedisServer, start_ingester, start_worker, wait_for

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("redis")

#: The one ingester must keep up with many polite workers (each a few articles/s at most).
INGEST_TARGET = 1000  # articles/s, wall


def _reap(proc: object) -> tuple[int, float]:
    """Wait for a child and return (exit code, CPU seconds it used)."""
    pid = proc.pid  # type: ignore[attr-defined]
    _, status, usage = os.wait4(pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)  # type: ignore[attr-defined]
    return proc.returncode, usage.ru_utime + usage.ru_stime  # type: ignore[attr-defined]


def _crawl_phase(logs: list[Path]) -> float:
    import re
    from datetime import datetime

    stamps: list[datetime] = []
    for log in logs:
        for line in log.read_text(encoding="utf-8").splitlines():
            if " joined the crawl of " in line or "Spider closed" in line:
                m = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", line)
                if m:
                    stamps.append(datetime.fromisoformat(m.group(1)))
    return (max(stamps) - min(stamps)).total_seconds() if stamps else float("nan")


def test_throughput_with_one_two_three_workers(tmp_path: Path) -> None:
    from newsarchive.archive import Archive
    from newsarchive.mirror import build_sites
    from newsarchive.mirror.server import MirrorServer
    from newsarchive.sources import load_sources

    ids = ",".join(i for i in build_sites() if i in load_sources())
    rows = []
    with MirrorServer() as mirror:
        for n in (1, 2, 3):
            work = tmp_path / f"w{n}"
            server = RedisServer(work / "redis")
            server.start()
            db = work / "archive.db"
            Archive(db).close()
            extra = {"source": ids, "db": str(db), "warc_dir": str(work / "warc"),
                     "sources_dir": str(work / "sources")}
            before = len(mirror.requests)
            started = time.monotonic()
            ingester = start_ingester(server.url, db, work / "ingest.log", batch=100)
            workers = [start_worker(server.url, mirror.url, work / f"worker{i}.log", 0, **extra)
                       for i in range(n)]
            cpu_workers = 0.0
            for w in workers:
                code, cpu = _reap(w)
                assert code == 0
                cpu_workers += cpu
            wait_for(lambda server=server: server.client().llen("newsarchive:items") == 0, 60,
                     "items drained")
            ingester.send_signal(signal.SIGTERM)
            _, cpu_ingester = _reap(ingester)
            wall = time.monotonic() - started
            pages = len(mirror.requests) - before
            articles = sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
            rows.append((n, pages, articles, wall, cpu_workers, cpu_ingester,
                         _crawl_phase([work / f"worker{i}.log" for i in range(n)])))
            server.stop()
    ncpu = os.cpu_count() or 1
    print(f"\n{ncpu} CPUs; all mirror sources ({ids}); wall time includes process start-up")
    print("workers  pages  articles  wall s  crawl s  pages/s  worker CPU s  ingester CPU s  "
          "CPU busy")
    for n, pages, articles, wall, cw, ci, phase in rows:
        print(f"{n:>7}  {pages:>5}  {articles:>8}  {wall:>6.1f}  {phase:>7.0f}  "
              f"{pages / wall:>7.1f}  {cw:>12.1f}  {ci:>14.1f}  {(cw + ci) / (wall * ncpu):>7.0%}")
    print("(crawl s: first worker joined -> last spider closed, from the logs, 1 s resolution)")
    n, pages, _, wall, cw, ci, _ = rows[0]
    print(f"per page: {cw / pages * 1000:.0f} ms worker CPU, "
          f"{ci / pages * 1000:.1f} ms ingester CPU")


def test_ingest_rate(tmp_path: Path) -> None:
    from newsarchive.distributed.connection import Outage
    from newsarchive.distributed.ingest import run_ingester
    from newsarchive.distributed.queue import ItemPusher
    from tests.test_distributed import _article_message

    server = RedisServer(tmp_path / "redis")
    server.start()
    try:
        n = 5000
        pusher = ItemPusher(server.client(), Outage(server.url, "bench"))
        import json

        for i in range(n):
            pusher.backlog.append(json.dumps(_article_message(i), ensure_ascii=False).encode())
        assert pusher.flush()
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        started = time.monotonic()
        stored = run_ingester(server.url, tmp_path / "a.db", batch=200, stop_when_idle=0.2)
        wall = time.monotonic() - started - 0.2
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    finally:
        server.stop()
    assert stored == n
    cpu = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
    print(f"\ningest: {n} articles in {wall:.1f} s = {n / wall:.0f} articles/s "
          f"({cpu / n * 1000:.2f} ms CPU each, batch 200)")
    assert n / wall >= INGEST_TARGET, f"ingester: {n / wall:.0f} articles/s < {INGEST_TARGET}"


def test_redis_memory_per_million_urls(tmp_path: Path) -> None:
    import hashlib

    server = RedisServer(tmp_path / "redis")
    server.start()
    client = server.client()
    try:
        n = 1_000_000
        for key, size in (("ours", 16), ("upstream-hex", 40)):
            pipe = client.pipeline(transaction=False)
            for i in range(n):
                fp = hashlib.sha1(str(i).encode()).digest()
                pipe.sadd(key, fp[:16] if size == 16 else fp.hex())
                if i % 20000 == 19999:
                    pipe.execute()
            pipe.execute()
        ours, hexed = (client.memory_usage(k, samples=0) for k in ("ours", "upstream-hex"))
    finally:
        client.close()
        server.stop()
    print(f"\nRedis memory per 1,000,000 URLs in a dupefilter: {ours / 1e6:.0f} MB "
          f"(16-byte fingerprints) vs {hexed / 1e6:.0f} MB (scrapy-redis's 40-char hex)")
    assert ours < hexed, "binary fingerprints should take less memory than upstream's hex"
