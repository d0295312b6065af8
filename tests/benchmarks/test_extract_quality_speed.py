"""Issue #12's extraction targets on pages nobody tuned on, asserted; speed beside trafilatura.

Run: ``make bench`` (or ``NEWSARCHIVE_BENCH=1 .venv/bin/python -m pytest -s
tests/benchmarks/test_extract_quality_speed.py``).  Needs the ``eval`` extra (trafilatura).

- Quality: the held-out pages (``tests/corpus/heldout``: Vietnamese, the registry-evidence
  families, not tuned on but for 3 pages read while fixing misses) read with the generic layers
  only, no source definition.  Title, published day, minute (when shown), author, credited
  outlet, captions recall and precision, page type and body F1 (lead + body tokens) each have
  a floor; a missed floor fails.
- English body text: the 88 real zyte-dev pages (``../shared/benchmarks/zyte-dev``, read in
  place; skipped when that folder is not beside the repository): 4-gram shingle F1 as the
  benchmark defines it, at least trafilatura's in the same run.
- Robustness: the same pages after a consistent renaming of every class/id and a reordering of
  chrome blocks (``newsarchive.evaluate.robustness``); newsarchive's drop on each field both
  produce is no larger than trafilatura's.
- Speed, same run, one core (CPU time): unknown sites (held-out and zyte-dev pages, no
  definition) at least 2x trafilatura's pages/s; defined sources (the mirror's HTML pages with
  their definitions) at least 4x.

Every figure is printed (``-s``).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import pytest

from newsarchive.evaluate import evaluate_corpus, robustness
from newsarchive.evaluate.corpus import heldout_pages
from newsarchive.evaluate.peers import BODY_EXTRACTORS, available, trafilatura_doc
from newsarchive.evaluate.report import SHORT
from newsarchive.evaluate.runner import zyte_robustness
from newsarchive.evaluate.zyte import DEFAULT_DIR as ZYTE_DIR
from newsarchive.evaluate.zyte import ZytePage, load_pages, score_pages
from newsarchive.extract import extract
from newsarchive.mirror import build_sites
from newsarchive.sources import load_sources

if TYPE_CHECKING:
    from collections.abc import Callable

#: Floors on the held-out pages, generic layers, no source definition (issue #12).
TARGETS = {
    "title": 0.97,
    "published_day": 0.97,
    "published_minute": 0.95,
    "author": 0.92,
    "credit": 0.92,
    "caption_recall": 0.92,
    "caption_precision": 0.92,
    "non_article": 0.97,
    "body_f1": 0.97,
}
#: Fields newsarchive and trafilatura both produce: where the robustness drops are compared.
COMMON = ("title", "published_day", "published_minute", "body_f1", "author", "non_article")
UNKNOWN_RATIO = 2.0
DEFINED_RATIO = 4.0
HAVE_ZYTE = (ZYTE_DIR / "ground-truth.json").exists()


@pytest.fixture(scope="module", autouse=True)
def _peer() -> None:
    if not available().get("trafilatura"):
        pytest.fail("trafilatura is not installed: pip install 'newsarchive[eval]' (make bench "
                    "does it)")


@pytest.fixture(scope="module")
def held() -> dict[str, Any]:
    pages = heldout_pages()
    assert len(pages) >= 25
    scores = evaluate_corpus(pages, ["na-generic", "trafilatura"], timed=False)
    print(f"\nheld-out pages: {len(pages)} ({sum(p.truth['is_article'] for p in pages)} "
          "articles), generic layers, no source definition")
    print(f"{'metric':<16}{'target':>8}{'newsarchive':>13}{'trafilatura':>13}")
    for key, label in SHORT:
        target = f"{TARGETS[key]:.2f}" if key in TARGETS else "-"
        ours, theirs = scores["na-generic"].get(key), scores["trafilatura"].get(key)
        print(f"{label:<16}{target:>8}{_f(ours):>13}{_f(theirs):>13}")
    for line in scores["na-generic"]["failures"]:
        print(f"  miss: {line}")
    return {"pages": pages, "scores": scores}


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


@pytest.mark.parametrize("metric", sorted(TARGETS))
def test_heldout_meets_the_target(held: dict[str, Any], metric: str) -> None:
    value = held["scores"]["na-generic"][metric]
    assert value is not None, metric
    assert value >= TARGETS[metric], f"{metric} {value:.3f} < target {TARGETS[metric]}"


# ------------------------------------------------------------------------------ zyte-dev
@pytest.fixture(scope="module")
def zyte() -> dict[str, Any]:
    if not HAVE_ZYTE:
        pytest.skip(f"zyte-dev pages not found at {ZYTE_DIR} (../shared beside the repository)")
    pages = list(load_pages(ZYTE_DIR))
    fns = {n: BODY_EXTRACTORS[n] for n in ("newsarchive", "trafilatura")}
    scores = score_pages(fns, pages)
    print(f"\nzyte-dev body text, {len(pages)} pages (4-gram shingles, averaged per page; "
          "newsarchive with no source definition)")
    for name, m in scores.items():
        print(f"  {name:<14} P={m['precision']:.3f}  R={m['recall']:.3f}  F1={m['f1']:.3f}")
    return {"pages": pages, "fns": fns, "scores": scores}


def test_english_body_f1_at_least_trafilaturas(zyte: dict[str, Any]) -> None:
    ours, theirs = zyte["scores"]["newsarchive"]["f1"], zyte["scores"]["trafilatura"]["f1"]
    assert len(zyte["pages"]) == 88
    assert ours >= theirs, f"zyte-dev body F1 {ours:.3f} < trafilatura {theirs:.3f}"


# ------------------------------------------------------------------------------ robustness
@pytest.fixture(scope="module")
def held_robust(held: dict[str, Any]) -> dict[str, Any]:
    r = robustness(held["pages"], ["na-generic", "trafilatura"], before=held["scores"])
    print("\nrobustness on the held-out pages (class/id renamed, chrome reordered): "
          "before -> after (drop)")
    for key in COMMON:
        cells = "   ".join(
            f"{n} {_f(r[n]['before'][key])} -> {_f(r[n]['after'][key])} "
            f"({r[n]['drop'][key]:+.3f})" for n in ("na-generic", "trafilatura"))
        print(f"  {key:<17} {cells}")
    return r


@pytest.mark.parametrize("metric", COMMON)
def test_heldout_robustness_drop_no_larger_than_trafilaturas(
    held_robust: dict[str, Any], metric: str
) -> None:
    ours, theirs = held_robust["na-generic"]["drop"][metric], held_robust["trafilatura"]["drop"][
        metric]
    # A peer that happens to score better on renamed pages (a negative drop) sets no bar below
    # zero: what is measured is how much renaming costs us, and it may cost no more than it
    # costs trafilatura, or nothing.
    assert ours <= max(theirs, 0.0), f"{metric}: drop {ours:+.3f} vs trafilatura {theirs:+.3f}"


def test_zyte_robustness_drop_no_larger_than_trafilaturas(zyte: dict[str, Any]) -> None:
    r = zyte_robustness(zyte["fns"], zyte["pages"], before=zyte["scores"])
    for name, m in r.items():
        print(f"\nzyte-dev robustness {name}: F1 {m['before']['f1']:.3f} -> "
              f"{m['after']['f1']:.3f} (drop {m['drop']['f1']:+.3f})")
    ours, theirs = r["newsarchive"]["drop"]["f1"], r["trafilatura"]["drop"]["f1"]
    assert ours <= max(theirs, 0.0), f"zyte-dev F1 drop {ours:+.3f} vs trafilatura {theirs:+.3f}"


# ------------------------------------------------------------------------------ speed
def _rate(fn: Callable[[bytes, str, Any], object], pages: list[tuple[bytes, str, Any]]) -> float:
    started = time.process_time()
    for html, url, source in pages:
        fn(html, url, source)
    return len(pages) / max(time.process_time() - started, 1e-9)


def _theirs(html: bytes, url: str, source: Any) -> object:
    return trafilatura_doc(html, url)


def _ours(html: bytes, url: str, source: Any) -> object:
    return extract(html, url, source)


ROUNDS = 5


def _speed(label: str, pages: list[tuple[bytes, str, Any]], floor: float) -> None:
    """CPU time, one core; the two extractors alternate over ROUNDS rounds and each keeps its
    best round, so a burst of load from other jobs on the machine hits both alike."""
    for html, url, source in pages[:5]:  # first-use loads are not per-page time
        _ours(html, url, source)
        _theirs(html, url, source)
    ours_runs, theirs_runs = [], []
    for _ in range(ROUNDS):
        ours_runs.append(_rate(_ours, pages))
        theirs_runs.append(_rate(_theirs, pages))
    ours, theirs = max(ours_runs), max(theirs_runs)
    print(f"\n{label}: {len(pages)} pages, newsarchive {ours:.1f} pages/s, trafilatura "
          f"{theirs:.1f} pages/s, {ours / theirs:.2f}x (target {floor:.0f}x; best of {ROUNDS} "
          f"interleaved rounds, CPU time)")
    assert ours >= floor * theirs, f"{label}: {ours / theirs:.2f}x < {floor:.0f}x"


def test_speed_on_unknown_sites() -> None:
    pages: list[tuple[bytes, str, Any]] = [(p.html, p.url, None) for p in heldout_pages()]
    label = "unknown sites (held-out pages"
    if HAVE_ZYTE:
        zpages: list[ZytePage] = list(load_pages(ZYTE_DIR))
        pages += [(p.html, p.url, None) for p in zpages]
        label += " + zyte-dev"
    _speed(label + ", no definition)", pages, UNKNOWN_RATIO)


def test_speed_on_defined_sources() -> None:
    sources = load_sources()
    pages: list[tuple[bytes, str, Any]] = []
    for sid, site in sorted(build_sites().items()):
        for path, page in sorted(site.pages.items()):
            if page.status == 200 and "html" in page.content_type and page.body:
                pages.append((page.body, site.url(path), sources.get(sid)))
    assert pages
    _speed("defined sources (the mirror's HTML pages with their definitions)", pages,
           DEFINED_RATIO)


def test_speed_on_defined_source_article_pages() -> None:
    """Article pages only: what a crawl extracts most, and the pages where the per-page cost of
    reading metadata, dates, bylines and captions shows (listing pages are cheap)."""
    sources = load_sources()
    truth = {t["url"] for site in build_sites().values() for t in site.articles()}
    pages: list[tuple[bytes, str, Any]] = []
    for sid, site in sorted(build_sites().items()):
        for path, page in sorted(site.pages.items()):
            url = site.url(path)
            if page.status == 200 and "html" in page.content_type and url in truth:
                pages.append((page.body, url, sources.get(sid)))
    assert pages
    _speed("defined sources, article pages only", pages, DEFINED_RATIO)
