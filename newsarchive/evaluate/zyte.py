"""The Zyte article-extraction benchmark's body metric, over the dev half in ../shared/.

Scoring follows the benchmark's README and its evaluate.py: 4-gram shingles of ``\\w+`` tokens
(case kept), multiset TP/FP/FN per page normalised to sum 1 so long pages do not dominate;
precision is averaged over pages with any prediction, recall over pages with any truth, and F1
is computed from those two means.  Pages are read in place and never copied.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

LOG = logging.getLogger(__name__)
_WORD = re.compile(r"\w+", re.UNICODE)

#: Where the shared benchmark lives when the repo is laid out beside shared/.
DEFAULT_DIR = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "zyte-dev"


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; a text shorter than n gives one short shingle."""
    words = _WORD.findall(text or "")
    grams = [tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1))]
    return Counter(g for g in grams if g)


def shingle_counts(true: str | None, pred: str | None, n: int = 4) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) for one page."""
    t, p = shingles(true, n), shingles(pred, n)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    if total > 0:
        tp, fp, fn = tp / total, fp / total, fn / total
    return tp, fp, fn


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def aggregate(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Benchmark-style precision, recall and F1 over pages."""
    ps = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = mean(ps) if ps else 0.0
    r = mean(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}


@dataclass(frozen=True)
class ZytePage:
    """One benchmark page: id, URL, gzip-decoded HTML bytes and the expected articleBody."""

    id: str
    url: str
    html: bytes
    body: str


def load_pages(root: Path = DEFAULT_DIR) -> Iterator[ZytePage]:
    """Every page with ground truth, in id order."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        path = root / "html" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        with gzip.open(path, "rb") as fh:
            html = fh.read()
        yield ZytePage(
            page_id, truth[page_id].get("url", ""), html, truth[page_id].get("articleBody", "")
        )


def _safe(name: str, fn: Callable[[bytes, str], str], page: ZytePage) -> str:
    """An extractor that crashes on a page is scored as returning nothing for it."""
    try:
        return fn(page.html, page.url)
    except Exception as exc:
        LOG.warning("%s failed on zyte page %s: %s: %s", name, page.id, type(exc).__name__, exc)
        return ""


def score(
    extractors: dict[str, Callable[[bytes, str], str]], root: Path = DEFAULT_DIR
) -> dict[str, dict[str, float]]:
    """Run each extractor (html, url) -> body text on every page; benchmark metrics per name."""
    return score_pages(extractors, list(load_pages(root)))


def score_pages(
    extractors: dict[str, Callable[[bytes, str], str]], pages: list[ZytePage]
) -> dict[str, dict[str, float]]:
    """:func:`score` on pages already loaded (or scrambled)."""
    out: dict[str, dict[str, float]] = {}
    for name, fn in extractors.items():
        counts = [shingle_counts(p.body, _safe(name, fn, p)) for p in pages]
        out[name] = aggregate(counts) | {"pages": float(len(pages))}
    return out
