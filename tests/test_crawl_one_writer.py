"""While a crawl runs, only its writer thread writes the archive: pages, articles, captures,
photos (media rows), judgements, the frontier and the run log.

A real `newsarchive crawl` of the photo paper (tests/photo_site.py, served on 127.0.0.1) in a
process where every SQLite connection reports the statements it runs and on which thread.
Before, the photo pipeline wrote its media rows on the reactor thread, beside the writer.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from newsarchive.mirror.server import MirrorServer
from tests.conftest import REPO
from tests.photo_site import CAP, SOURCE_ID, build_photo_sites, write_definition

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

#: Runs the CLI with every sqlite3 connection traced; writes what it saw to argv[1].
_TRACED = """
import json, os, sqlite3, sys, threading
out = sys.argv.pop(1)
seen = {"writes": {}, "stray": []}
real_connect = sqlite3.connect
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")

def traced(*args, **kwargs):
    conn = real_connect(*args, **kwargs)
    def trace(statement):
        verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
        if verb not in WRITES:
            return
        name = threading.current_thread().name
        seen["writes"][name] = seen["writes"].get(name, 0) + 1
        writer_alive = any(t.name == "archive-writer" for t in threading.enumerate())
        if writer_alive and name != "archive-writer":
            seen["stray"].append([name, " ".join(statement.split())[:120]])
    conn.set_trace_callback(trace)
    return conn

sqlite3.connect = traced
def save():
    with open(out, "w") as f:
        json.dump(seen, f)
real_exit = os._exit
def exiting(code):  # the crawl command leaves with os._exit
    save()
    real_exit(code)
os._exit = exiting
from newsarchive.cli import main
sys.argv[0] = "newsarchive"
try:
    main()
finally:
    save()
"""


def test_only_the_writer_thread_writes_while_a_crawl_runs(tmp_path: Path) -> None:
    write_definition(tmp_path / "sources")
    traced = tmp_path / "writes.json"
    db = tmp_path / "archive.db"
    with MirrorServer(sites=build_photo_sites()) as server:
        run = subprocess.run(
            [sys.executable, "-c", _TRACED, str(traced), "crawl", SOURCE_ID,
             "--mirror", server.url, "--db", str(db), "--warc-dir", str(tmp_path / "warc"),
             "--sources-dir", str(tmp_path / "sources"),
             "-s", f"NEWSARCHIVE_MEDIA_MAX_BYTES={CAP}"],
            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(traced.read_text())
    conn = sqlite3.connect(db)
    try:
        media = conn.execute("select count(*) from media").fetchone()[0]
        articles = conn.execute("select count(*) from articles").fetchone()[0]
    finally:
        conn.close()
    assert media  # photos ...
    assert articles  # ... and articles were written ...
    assert seen["writes"].get("archive-writer", 0) >= media + articles  # ... by the writer
    assert seen["stray"] == []
