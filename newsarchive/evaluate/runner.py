"""Scoring runs: extractors over labelled pages, the robustness re-run, the per-family view.

Every run scores each extractor with the same :class:`~newsarchive.evaluate.scoring.Tally`.
Metrics of fields a peer does not produce are set to None (shown as n/a, never compared).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import TYPE_CHECKING, Any

from newsarchive.evaluate.robustness import Scrambler
from newsarchive.evaluate.scoring import Tally

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from newsarchive.evaluate.corpus import CorpusPage
    from newsarchive.evaluate.zyte import ZytePage

LOG = logging.getLogger(__name__)

__all__ = ["DROP_KEYS", "evaluate_corpus", "robustness", "scramble_pages", "zyte_robustness"]

#: Metrics compared before and after scrambling.
DROP_KEYS = ("title", "sapo", "published_day", "published_minute", "body_f1", "caption_recall",
             "caption_precision", "author", "credit", "non_article")
#: The default seed of the robustness run (any seed gives a consistent renaming).
DEFAULT_SEED = 12


def _mask(name: str, metrics: dict[str, Any]) -> dict[str, Any]:
    from newsarchive.evaluate.peers import NOT_PRODUCED

    for key in NOT_PRODUCED.get(name, ()):
        metrics[key] = None
    return metrics


def evaluate_corpus(
    pages: list[CorpusPage], names: list[str] | None = None, *, timed: bool = True
) -> dict[str, dict[str, Any]]:
    """Score each named extractor on every page: metrics, failures, per-style and per-family rows.

    ``timed`` adds pages/s on one core (CPU time, after an untimed warm-up pass: lazy imports
    and first-use loads are not per-page extraction time).
    """
    from newsarchive.evaluate.peers import CORPUS_EXTRACTORS, LEAD_EXTRACTORS

    names = names or list(CORPUS_EXTRACTORS)
    out: dict[str, dict[str, Any]] = {}
    for name in names:
        fn = CORPUS_EXTRACTORS[name]
        lead = name in LEAD_EXTRACTORS
        tally = Tally(scores_lead=lead)
        styles: dict[str, Tally] = {}
        families: dict[str, Tally] = {}
        cpu = {"defined": 0.0, "unknown": 0.0}
        count = {"defined": 0, "unknown": 0}
        if timed:
            for warm in pages:
                try:
                    fn(warm)
                except Exception as exc:
                    LOG.debug("%s failed on %s: %s", name, warm.url, exc)
        for page in pages:
            started = time.process_time()
            try:
                got = fn(page)
            except Exception as exc:  # a peer crashing on a page scores as finding nothing
                LOG.warning("%s failed on %s: %s", name, page.url, exc)
                got = {"is_article": False}
            spent = time.process_time() - started
            # pages of sites that have a definition, whether or not this extractor uses it
            group = "defined" if page.source is not None else "unknown"
            cpu[group] += spent
            count[group] += 1
            tally.cpu_seconds += spent
            tally.pages += 1
            style = styles.setdefault(page.style, Tally(scores_lead=lead))
            family = families.setdefault(page.family or page.style, Tally(scores_lead=lead))
            truth_article = bool(page.truth.get("is_article"))
            for t in (tally, style, family):
                t.add_kind(truth_article, bool(got.get("is_article")), page.label)
                if truth_article:
                    t.add_article(page.truth, got, page.label)
        metrics: dict[str, Any] = _mask(name, dict(tally.metrics()))
        if timed:
            for group in ("defined", "unknown"):
                metrics[f"pages_per_s_{group}"] = (count[group] / cpu[group]
                                                   if cpu[group] > 0 else None)
        else:
            metrics["pages_per_s"] = None
        metrics["failures"] = tally.failures
        metrics["styles"] = {s: _mask(name, t.metrics()) for s, t in sorted(styles.items())}
        metrics["families"] = {f: _mask(name, t.metrics()) for f, t in sorted(families.items())}
        out[name] = metrics
    return out


def scramble_pages(pages: Iterable[CorpusPage], seed: int = DEFAULT_SEED) -> list[CorpusPage]:
    """Every page with its class/id names renamed and chrome reordered, one consistent renaming
    per site style (its source definition's selectors renamed the same way)."""
    scramblers: dict[str, Scrambler] = {}
    out: list[CorpusPage] = []
    for page in pages:
        s = scramblers.setdefault(page.style, Scrambler(f"{seed}:{page.style}"))
        html = s.page(page.html, page.url, page.declared_charset())
        out.append(dataclasses.replace(page, html=html, source=s.source(page.source)))
    return out


def _drops(before: dict[str, Any], after: dict[str, Any]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for key in DROP_KEYS:
        b, a = before.get(key), after.get(key)
        out[key] = b - a if isinstance(b, float | int) and isinstance(a, float | int) else None
    return out


def robustness(
    pages: list[CorpusPage], names: list[str], *, seed: int = DEFAULT_SEED,
    before: dict[str, dict[str, Any]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Each extractor before and after scrambling, with the drop per metric (before - after).

    ``before`` reuses scores already measured on the same pages in the same run.
    """
    scrambled = scramble_pages(pages, seed)
    base = before or evaluate_corpus(pages, names, timed=False)
    after = evaluate_corpus(scrambled, names, timed=False)
    return {
        name: {"before": base[name], "after": after[name],
               "drop": _drops(base[name], after[name])}
        for name in names
    }


def zyte_robustness(
    extractors: dict[str, Callable[[bytes, str], str]], pages: list[ZytePage],
    *, seed: int = DEFAULT_SEED, before: dict[str, dict[str, float]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Body shingle F1 on the zyte-dev pages before and after scrambling (one renaming per
    page's host)."""
    from urllib.parse import urlsplit

    from newsarchive.evaluate.zyte import ZytePage, score_pages

    scramblers: dict[str, Scrambler] = {}
    scrambled = []
    for p in pages:
        host = urlsplit(p.url).hostname or p.id
        s = scramblers.setdefault(host, Scrambler(f"{seed}:{host}"))
        scrambled.append(ZytePage(p.id, p.url, s.page(p.html, p.url), p.body))
    base = before or score_pages(extractors, pages)
    after = score_pages(extractors, scrambled)
    return {
        name: {"before": base[name], "after": after[name],
               "drop": {k: base[name][k] - after[name][k] for k in ("precision", "recall", "f1")}}
        for name in extractors
    }
