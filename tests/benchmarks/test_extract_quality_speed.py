"""Extraction quality and speed, newsarchive beside trafilatura in the same run.

Run: ``make bench`` (or ``NEWSARCHIVE_BENCH=1 .venv/bin/python -m pytest -s
tests/benchmarks/test_extract_quality_speed.py``).

- Body text on the 88 real pages of ``../shared/benchmarks/zyte-dev/`` (read in place): 4-gram
  shingle precision/recall/F1 per page, averaged over pages, as that benchmark's README describes.
  newsarchive runs as on an unknown site (no source definition); trafilatura runs as its authors
  recommend, metadata extraction on, and its ``text`` is scored.
- Pages/s on one core: the mirror's HTML pages (defined sources) and the zyte pages (unknown sites).
trafilatura comes from the ``eval`` extra; without it only newsarchive's numbers are printed.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from newsarchive.extract import extract
from newsarchive.mirror import build_sites
from newsarchive.sources import load_sources

ZYTE = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "zyte-dev"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall((text or "").lower())
    return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))


def shingle_prf(truth: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(truth), shingles(pred)
    if not t and not p:
        return 1.0, 1.0, 1.0
    tp = sum((t & p).values())
    prec = tp / sum(p.values()) if p else 0.0
    rec = tp / sum(t.values()) if t else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def _ours(html: bytes, url: str) -> str:
    art = extract(html, url).article
    return "\n\n".join(x for x in (art.sapo, art.body) if x) if art else ""


def _trafilatura() -> Callable[[bytes, str], str] | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(html: bytes, url: str) -> str:
        doc = trafilatura.bare_extraction(html.decode("utf-8", "replace"), url=url, with_metadata=True)
        if doc is None:
            return ""
        return (doc.get("text") if isinstance(doc, dict) else doc.text) or ""

    return run


def _zyte_pages() -> list[tuple[bytes, str, str]]:
    truth = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        (gzip.decompress((ZYTE / "html" / f"{pid}.html.gz").read_bytes()), rec["url"], rec["articleBody"])
        for pid, rec in sorted(truth.items())
    ]


def _score(fn: Callable[[bytes, str], str], pages: list[tuple[bytes, str, str]]) -> tuple[float, float, float, float]:
    ps, rs, fs = [], [], []
    started = time.process_time()
    preds = [fn(html, url) for html, url, _ in pages]
    elapsed = time.process_time() - started
    for (_, _, truth), pred in zip(pages, preds, strict=True):
        p, r, f = shingle_prf(truth, pred)
        ps.append(p)
        rs.append(r)
        fs.append(f)
    n = len(pages)
    return sum(ps) / n, sum(rs) / n, sum(fs) / n, n / elapsed


@pytest.mark.skipif(not ZYTE.is_dir(), reason="shared/benchmarks/zyte-dev not beside the repo")
def test_zyte_dev_body_f1_beside_trafilatura() -> None:
    pages = _zyte_pages()
    rows = [("newsarchive", *_score(_ours, pages))]
    traf = _trafilatura()
    if traf is not None:
        rows.append(("trafilatura", *_score(traf, pages)))
    print(f"\nzyte-dev body text, {len(pages)} pages (4-gram shingles, averaged per page)")
    print(f"{'extractor':<14}{'precision':>10}{'recall':>8}{'F1':>7}{'pages/s':>9}")
    for name, p, r, f, rate in rows:
        print(f"{name:<14}{p:>10.3f}{r:>8.3f}{f:>7.3f}{rate:>9.1f}")
    ours_f1 = rows[0][3]
    assert ours_f1 >= 0.93
    if traf is not None:
        assert ours_f1 >= rows[1][3], "newsarchive must not score below trafilatura on the dev half"


def _rate(fn: Callable[[bytes, str, object], object], pages: list[tuple[bytes, str, object]]) -> float:
    started = time.process_time()
    for html, url, source in pages:
        fn(html, url, source)
    return len(pages) / max(time.process_time() - started, 1e-9)


def test_defined_source_speed_beside_trafilatura() -> None:
    """All mirror HTML pages (listings are decided by the source's URL patterns, cheaply), and
    the article pages alone."""
    sources = load_sources()
    pages, articles = [], []
    for sid, site in build_sites().items():
        article_urls = {r["url"] for r in site.truth if r.get("is_article")}
        for path, page in site.pages.items():
            if page.status == 200 and "html" in page.content_type and page.body:
                item = (page.body, site.url(path), sources.get(sid))
                pages.append(item)
                if item[1] in article_urls:
                    articles.append(item)
    traf = _trafilatura()
    for label, subset in (("all mirror pages", pages), ("mirror article pages", articles)):
        ours = _rate(lambda h, u, s: extract(h, u, s), subset)  # type: ignore[arg-type]
        line = f"\n{label} (defined sources): {len(subset)} pages, newsarchive {ours:.1f} pages/s"
        if traf is not None:
            theirs = _rate(lambda h, u, s: traf(h, u), subset)
            line += f", trafilatura {theirs:.1f} pages/s, ratio {ours / theirs:.1f}x"
        print(line)
        assert ours > 20
