"""What the command line's guarantees cost: time from Ctrl-C to exit, and the re-attribution
check a crawl runs before it starts, at a million articles.

Run: NEWSARCHIVE_BENCH=1 .venv/bin/python -m pytest -q -s tests/benchmarks/test_cli_costs.py
Targets (asserted): a Ctrl-C ends a crawl whose downloads are all stalled within 2 s; the
re-attribution check takes under 0.5 s on an archive of 1,000,000 articles.
"""

from __future__ import annotations

import signal
import sqlite3
import statistics
import time
from typing import TYPE_CHECKING

from tests.cli_support import LocalPaper
from tests.test_run_states import _interruptible

if TYPE_CHECKING:
    from pathlib import Path

RUNS = 5


def test_ctrl_c_to_exit(tmp_path: Path) -> None:
    took = []
    for n in range(RUNS):
        with LocalPaper(articles=30, delay=60, fast=2) as paper:
            proc, _db = _interruptible(tmp_path / str(n), paper)
            sent = time.monotonic()
            proc.send_signal(signal.SIGINT)
            proc.communicate(timeout=30)
            took.append(time.monotonic() - sent)
            assert proc.returncode == 130
    print(f"\nCtrl-C to exit, {RUNS} runs (16 downloads stalled in flight): "
          f"min {min(took):.2f} s, median {statistics.median(took):.2f} s, "
          f"max {max(took):.2f} s (target < 2 s)")
    assert max(took) < 2.0


def test_reattribution_check_at_a_million_articles(tmp_path: Path) -> None:
    from dataclasses import replace

    from newsarchive.archive import Archive
    from newsarchive.archive.readonly import connect_readonly
    from newsarchive.cli.crawl import would_move
    from newsarchive.sources import load_sources

    sources = load_sources()
    ids = sorted(sources)
    db = tmp_path / "big.db"
    Archive(db).close()
    conn = sqlite3.connect(db)
    with conn:
        conn.executemany(
            "insert into articles (source, url, title) values (?, ?, 'Tin tức')",
            ((ids[i % len(ids)], f"https://{sources[ids[i % len(ids)]].host}/tin-tuc/bai-{i}.html")
             for i in range(1_000_000)))
    conn.close()
    second = replace(sources["baotayninh"], id="tayninh_moi")  # claims baotayninh's host
    together = {**sources, "tayninh_moi": second}
    ro = connect_readonly(db)
    try:
        timings = {}
        for label, crawled, defs in (("one paper, nothing to move", [sources["baotayninh"]],
                                      sources),
                                     ("every paper", list(sources.values()), sources),
                                     ("a second definition of one host", [second], together)):
            started = time.monotonic()
            moves = would_move(ro, crawled, defs)
            timings[label] = time.monotonic() - started
            if label.startswith("a second"):
                assert moves == {"tayninh_moi": {"baotayninh": 1_000_000 // len(ids) + (
                    1 if ids.index("baotayninh") < 1_000_000 % len(ids) else 0)}}
            else:
                assert moves == {}
    finally:
        ro.close()
    for label, seconds in timings.items():
        print(f"re-attribution check at 1,000,000 articles, {label}: {seconds * 1000:.1f} ms")
    assert max(timings.values()) < 0.5
