"""Word segmentation: underthesea (the ``segment`` extra) beside pyvi, same gold set, same run.

Run: ``make bench`` (or ``NEWSARCHIVE_BENCH=1 .venv/bin/python -m pytest -s
tests/benchmarks/test_wordseg_peers.py``); pyvi comes from the ``eval`` extra.
Word F1 on the hand-segmented sentences of ``tests/fixtures/wordseg_gold.txt`` (words only,
punctuation ignored) and syllables per CPU second on the mirror's article texts, one core.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

import pytest

from newsarchive.vietnamese import to_style
from tests.test_wordseg import TRUTH, gold_sentences, word_spans

if TYPE_CHECKING:
    from collections.abc import Callable


def _underthesea() -> Callable[[str], list[str]] | None:
    try:
        from newsarchive.vietnamese.wordseg import SegmenterMissing, segment_line

        segment_line("khởi động")
    except SegmenterMissing:
        return None
    return lambda text: segment_line(text).split(" ")


def _pyvi() -> Callable[[str], list[str]] | None:
    try:
        from pyvi import ViTokenizer
    except ImportError:
        return None
    return lambda text: ViTokenizer.tokenize(text).split()


def _f1(seg: Callable[[str], list[str]], style: str = "old") -> tuple[float, float, float]:
    """Word P/R/F1 on the gold sentences, written in the given tone style."""
    tp = fp = fn = 0
    for gold in gold_sentences():
        gold = [to_style(t, style) for t in gold]
        pred = seg(" ".join(t.replace("_", " ") for t in gold))
        g, p = word_spans(gold), word_spans(pred)
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return precision, recall, 2 * precision * recall / (precision + recall)


def _rate(seg: Callable[[str], list[str]], paragraphs: list[str]) -> float:
    syllables = sum(len(p.split()) for p in paragraphs)
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for p in paragraphs:
            seg(p)
        best = min(best, time.process_time() - start)
    return syllables / best


def test_segmenters_side_by_side() -> None:
    tools = {"underthesea": _underthesea(), "pyvi": _pyvi()}
    if tools["underthesea"] is None:
        pytest.skip("the segment extra is not installed (pip install 'newsarchive[segment]')")
    paragraphs = []
    for line in TRUTH.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        for key in ("title", "sapo", "body"):
            paragraphs += [p for p in (rec.get(key) or "").split("\n") if p.strip()]
    print(
        f"\n{'segmenter':<13}{'precision':>10}{'recall':>8}{'F1':>7}{'F1 new style':>14}"
        f"{'syllables/s':>13}"
    )
    for name, seg in tools.items():
        if seg is None:
            print(f"{name:<13} not installed (the eval extra has it)")
            continue
        precision, recall, f1 = _f1(seg)
        new_f1 = _f1(seg, "new")[2]
        rate = _rate(seg, paragraphs)
        print(f"{name:<13}{precision:10.3f}{recall:8.3f}{f1:7.3f}{new_f1:14.3f}{rate:13,.0f}")
        assert f1 > 0.9, name
