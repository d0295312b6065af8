"""The full side-by-side eval: newsarchive, trafilatura and newspaper4k on the project's own pages,
the dev and held-out pages, and newsarchive beside trafilatura on the Zyte dev pages, in one run.

The targets of issue #12 on pages nobody tuned on are asserted in test_extract_quality_speed.py;
this file keeps the older checks on the project's own pages (which show the families are read).

Run: ``make bench`` (or ``NEWSARCHIVE_BENCH=1 .venv/bin/python -m pytest -s
tests/benchmarks/test_eval_peers.py``).  Needs the ``eval`` extra; the table is printed with -s.
"""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest

from newsarchive.evaluate import run_eval
from newsarchive.evaluate.peers import available
from newsarchive.evaluate.zyte import DEFAULT_DIR as ZYTE_DIR

#: Fields where newsarchive must be ahead of both peers (higher is better).
FIELDS = (
    "title",
    "published_day",
    "published_minute",
    "body_f1",
    "caption_precision",
    "caption_recall",
    "author",
    "credit",
    "non_article",
)


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    missing = [name for name, ok in available().items() if not ok]
    if missing:
        pytest.skip(f"peers not installed: {missing} (pip install -e '.[eval]')")
    out = io.StringIO()
    result = run_eval(out, zyte=(ZYTE_DIR / "ground-truth.json").exists(), robust=False)
    sys.stdout.write("\n" + out.getvalue())
    return result


@pytest.mark.parametrize("field", FIELDS)
def test_newsarchive_ahead_of_both_peers(report: dict[str, Any], field: str) -> None:
    corpus = report["own"]
    ours = corpus["newsarchive"][field]
    assert ours is not None
    for peer in ("trafilatura", "newspaper4k"):
        theirs = corpus[peer][field]
        assert theirs is None or ours > theirs, (field, peer, ours, theirs)


def test_speed_against_trafilatura(report: dict[str, Any]) -> None:
    ours, theirs = report["own"]["newsarchive"], report["own"]["trafilatura"]
    assert ours["pages_per_s_defined"] >= 4 * theirs["pages_per_s_defined"]
    assert ours["pages_per_s_unknown"] >= theirs["pages_per_s_unknown"]


def test_zyte_body_f1_at_least_trafilatura(report: dict[str, Any]) -> None:
    if "zyte" not in report:
        pytest.skip(f"zyte-dev pages not found at {ZYTE_DIR}")
    zyte = report["zyte"]
    assert zyte["newsarchive"]["pages"] == 88
    assert zyte["newsarchive"]["f1"] >= zyte["trafilatura"]["f1"]
