"""The archive writer: one thread, a bounded queue, grouped commits; real SQLite files.

Results are handed back in place (``call_from_thread``) since no reactor runs here; crawls
exercise the reactor side (tests/test_crawl_hidden_paper.py, test_crawl_e2e.py).
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

import pytest
from twisted.python.failure import Failure

from newsarchive.crawling.writer import COMMITTED, DONE, ArchiveWriter
from newsarchive.items import Article
from tests.conftest import REPO

if TYPE_CHECKING:
    from pathlib import Path

    from newsarchive.archive import Archive


def article(n: int) -> Article:
    return Article(url=f"https://baothu.example.vn/tin-{n}.html", source="baothu",
                   title=f"Bản tin số {n}", body=f"Nội dung bản tin số {n}, viết cho phép thử.")


def store(archive: Archive, a: Article) -> str:
    return archive.store_article(a)


def fail(archive: Archive) -> None:
    """A write that fails inside the archive's transaction (SQLite rolls the group back)."""
    with archive._write() as conn:
        conn.execute("INSERT INTO no_such_table VALUES (1)")


def results(writer: ArchiveWriter) -> list[Any]:
    """Fired results, in the order they fired."""
    got: list[Any] = []

    def call(fn: Any, value: Any) -> None:
        fn(value)
        got.append(value.value if isinstance(value, Failure) else value)

    writer.call_from_thread = call
    return got


def count(db: Path, sql: str = "select count(*) from articles") -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def writer(tmp_path: Path) -> Any:
    w = ArchiveWriter(tmp_path / "archive.db", maxsize=4, linger=0.05)
    w.start()
    yield w
    w.stop_blocking(timeout=10)


def test_writes_are_grouped_and_committed_in_order(writer: ArchiveWriter, tmp_path: Path) -> None:
    got = results(writer)
    for n in range(10):
        d = writer.submit(store, article(n), when=COMMITTED)
        assert d is not None
        d.addErrback(lambda f: f)  # failures show up in `got`
    assert writer.flush(timeout=10)
    assert got == ["new"] * 10
    assert count(tmp_path / "archive.db") == 10
    assert writer.commits < 10  # grouped, not one commit per article


def test_a_failed_write_is_reported_and_its_group_is_kept(writer: ArchiveWriter,
                                                          tmp_path: Path) -> None:
    got = results(writer)
    first = writer.submit(store, article(1), when=COMMITTED)
    broken = writer.submit(fail, when=DONE)
    last = writer.submit(store, article(2), when=COMMITTED)
    for d in (first, broken, last):
        assert d is not None
        d.addErrback(lambda f: f.value)
    assert writer.flush(timeout=10)
    assert "new" in got
    assert any(isinstance(v, sqlite3.OperationalError) for v in got)
    # the first article was in the group SQLite rolled back: it was written again
    assert count(tmp_path / "archive.db") == 2


def test_the_queue_is_bounded(writer: ArchiveWriter) -> None:
    gate = threading.Event()
    writer.submit(lambda archive: gate.wait(10))  # the writer is busy with this
    time.sleep(0.1)
    for n in range(4):  # fills the queue (maxsize 4)
        writer.submit(store, article(n))
    blocked = threading.Thread(target=writer.submit, args=(store, article(9)), daemon=True)
    blocked.start()
    blocked.join(0.3)
    assert blocked.is_alive()  # a full queue makes the caller wait
    gate.set()
    blocked.join(10)
    assert not blocked.is_alive()
    assert writer.flush(timeout=10)


KILLED_WRITER = """
import sys, time
from newsarchive.crawling.writer import ArchiveWriter
from newsarchive.items import Article

def store(archive, n):
    archive.store_article(Article(url=f"https://baothu.example.vn/tin-{n}.html", source="baothu",
                                  title=f"Bản tin số {n}", body=f"Nội dung bản tin số {n}."))

w = ArchiveWriter(sys.argv[1], maxsize=100, linger=0.5, max_age=5.0)
w.start()
for n in range(50):
    w.submit(store, n)
w.flush(timeout=30)
print("flushed", flush=True)
n = 50
while True:  # more writes, in an open group, until the kill
    w.submit(store, n)
    n += 1
    time.sleep(0.001)
"""


def test_a_sigkill_loses_nothing_committed(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(db)], cwd=REPO,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "flushed"
        time.sleep(0.3)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        urls = {r[0] for r in conn.execute("select url from articles")}
    finally:
        conn.close()
    assert {f"https://baothu.example.vn/tin-{n}.html" for n in range(50)} <= urls


UNDER_A_REACTOR = """
import json, sys
from scrapy.utils.reactor import install_reactor
install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
from twisted.internet import reactor
from newsarchive.crawling.writer import COMMITTED, DONE, ArchiveWriter
from newsarchive.items import Article

def store(archive, n):
    return archive.store_article(Article(
        url=f"https://baothu.example.vn/tin-{n}.html", source="baothu",
        title=f"Bản tin số {n}", body=f"Nội dung bản tin số {n}, viết cho phép thử."))

def fail(archive):
    raise ValueError("hỏng")

w = ArchiveWriter(sys.argv[1], maxsize=8, linger=0.05)
w.start()
fired = []

def turn(start):
    # one turn of the reactor asks for ten writes, as a crawl's callbacks do
    for n in range(start, start + 10):
        d = w.submit(store, n, when=COMMITTED if n % 2 else DONE)
        d.addCallback(lambda result, n=n: fired.append([n, result]))
    if start == 50:
        w.submit(fail, when=DONE).addErrback(lambda f: fired.append(["failed", str(f.value)]))
    if start < 90:
        reactor.callLater(0.01, turn, start + 10)
    else:
        w.stop().addCallback(lambda _: reactor.stop())

reactor.callWhenRunning(turn, 0)
reactor.run()
print(json.dumps({"fired": fired, "handovers": w.handovers}))
"""


def test_under_a_reactor_writes_are_handed_over_per_turn_and_all_fire(tmp_path: Path) -> None:
    """A crawl's writes and their results cross between threads in batches: every Deferred
    still fires once, a failure is reported to its caller, and every write is stored."""
    db = tmp_path / "archive.db"
    run = subprocess.run([sys.executable, "-c", UNDER_A_REACTOR, str(db)], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    stored = sorted(n for n, result in (f for f in out["fired"] if f[0] != "failed"))
    assert stored == list(range(100))
    assert all(result == "new" for n, result in out["fired"] if n != "failed")
    assert ["failed", "hỏng"] in out["fired"]
    assert out["handovers"] <= 11  # one per turn of the reactor, not one per write
    assert count(db) == 100
