"""``newsarchive eval``: newsarchive beside trafilatura and newspaper4k on the labelled corpus,
and beside trafilatura on the Zyte dev pages, in one run with one table.

Peers are optional (the ``eval`` extra); a missing one is shown as "not installed".
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any, TextIO

from newsarchive.evaluate.corpus import CORPUS_DIR, CorpusPage, load_corpus
from newsarchive.evaluate.scoring import Tally

if TYPE_CHECKING:
    from pathlib import Path

LOG = logging.getLogger(__name__)

__all__ = ["ROWS", "evaluate_corpus", "format_table", "run_eval"]

#: Extractors scored on the Zyte dev pages.
ZYTE_EXTRACTORS = ("newsarchive", "trafilatura")

#: (metric key, printed label) in table order.
ROWS = (
    ("title", "title accuracy"),
    ("sapo", "lead (sapo) accuracy"),
    ("published_day", "published day accuracy"),
    ("published_minute", "published minute accuracy"),
    ("body_precision", "text token precision"),
    ("body_recall", "text token recall"),
    ("body_f1", "text token F1 (lead+body)"),
    ("caption_precision", "caption precision"),
    ("caption_recall", "caption recall"),
    ("author", "author accuracy"),
    ("credit", "credit accuracy"),
    ("non_article", "non-article detection accuracy"),
    ("pages_per_s", "pages/s, one core, all pages"),
    ("pages_per_s_defined", "pages/s, defined sources"),
    ("pages_per_s_unknown", "pages/s, unknown sites"),
)


def evaluate_corpus(
    pages: list[CorpusPage], names: list[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Score each named extractor on every page; metrics plus failures and per-style rows."""
    from newsarchive.evaluate.peers import CORPUS_EXTRACTORS, LEAD_EXTRACTORS

    names = names or list(CORPUS_EXTRACTORS)
    out: dict[str, dict[str, Any]] = {}
    for name in names:
        fn = CORPUS_EXTRACTORS[name]
        lead = name in LEAD_EXTRACTORS
        tally = Tally(scores_lead=lead)
        styles: dict[str, Tally] = {}
        cpu = {"defined": 0.0, "unknown": 0.0}
        count = {"defined": 0, "unknown": 0}
        # an untimed pass first: lazy imports and first-use loads (peers load date parsers and
        # stop lists on the first page that needs them) are not per-page extraction time
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
            group = "defined" if page.source is not None else "unknown"
            cpu[group] += spent
            count[group] += 1
            tally.cpu_seconds += spent
            tally.pages += 1
            style = styles.setdefault(page.style, Tally(scores_lead=lead))
            truth_article = bool(page.truth.get("is_article"))
            for t in (tally, style):
                t.add_kind(truth_article, bool(got.get("is_article")), page.label)
                if truth_article:
                    t.add_article(page.truth, got, page.label)
        metrics: dict[str, Any] = dict(tally.metrics())
        for group in ("defined", "unknown"):
            metrics[f"pages_per_s_{group}"] = count[group] / cpu[group] if cpu[group] > 0 else None
        metrics["failures"] = tally.failures
        metrics["styles"] = {s: t.metrics() for s, t in sorted(styles.items())}
        out[name] = metrics
    return out


def _fmt(value: Any, key: str) -> str:
    if value is None:
        return "n/a"
    if key.startswith("pages_per_s"):
        return f"{value:.1f}"
    return f"{value:.3f}"


def format_table(
    results: dict[str, dict[str, Any]], rows: tuple[tuple[str, str], ...] = ROWS
) -> str:
    """Side-by-side table, one column per extractor."""
    names = list(results)
    width = max(len(label) for _, label in rows) + 2
    lines = [" " * width + "".join(f"{n:>14}" for n in names)]
    for key, label in rows:
        cells = "".join(f"{_fmt(results[n].get(key), key):>14}" for n in names)
        lines.append(f"{label:<{width}}{cells}")
    return "\n".join(lines)


def run_eval(
    out: TextIO,
    *,
    zyte: bool = True,
    peers: bool = True,
    corpus_dir: Path = CORPUS_DIR,
    zyte_dir: Path | None = None,
    failures: int = 40,
) -> dict[str, Any]:
    """Print the eval table (labelled corpus, then Zyte dev) and return every number measured."""
    from newsarchive.evaluate import peers as peer_mod
    from newsarchive.evaluate import zyte as zyte_mod

    have = peer_mod.available() if peers else {}
    names = ["newsarchive", "na-generic"] + [n for n, ok in have.items() if ok]
    pages = load_corpus(corpus_dir)
    n_art = sum(1 for p in pages if p.truth.get("is_article"))
    styles = sorted({p.style for p in pages})
    results = evaluate_corpus(pages, names)
    report: dict[str, Any] = {
        "corpus": results,
        "pages": len(pages),
        "articles": n_art,
        "styles": styles,
        "peers_missing": [n for n, ok in have.items() if not ok],
    }
    out.write(
        f"Labelled corpus: {len(pages)} pages ({n_art} articles, "
        f"{len(pages) - n_art} non-articles) across {len(styles)} site styles\n"
    )
    out.write(format_table(results) + "\n")
    out.write("(na-generic: newsarchive with no source definitions, as on sites nobody defined)\n")
    for name in report["peers_missing"]:
        out.write(f"({name}: not installed; pip install -e '.[eval]')\n")
    na = results["newsarchive"]
    out.write(
        "\nnewsarchive per site style "
        "(title / day / body F1 / captions R / author / credit / kind):\n"
    )
    for style, m in na["styles"].items():
        cells = " ".join(
            _fmt(m[k], k)
            for k in (
                "title",
                "published_day",
                "body_f1",
                "caption_recall",
                "author",
                "credit",
                "non_article",
            )
        )
        out.write(f"  {style:<18} {cells}\n")
    if na["failures"]:
        out.write(f"\nnewsarchive misses ({len(na['failures'])}):\n")
        for line in na["failures"][:failures]:
            out.write(f"  {line}\n")
    if zyte:
        root = zyte_dir or zyte_mod.DEFAULT_DIR
        if (root / "ground-truth.json").exists():
            # newspaper4k is left out here: some of these pages (Korean, ...) need its nlp extra
            fns = {n: peer_mod.BODY_EXTRACTORS[n] for n in names if n in ZYTE_EXTRACTORS}
            zres = zyte_mod.score(fns, root)
            report["zyte"] = zres
            n = int(next(iter(zres.values()))["pages"]) if zres else 0
            out.write(f"\nZyte dev half ({n} pages, body shingle P / R / F1):\n")
            for name, m in zres.items():
                out.write(
                    f"  {name:<14} P={m['precision']:.3f}  R={m['recall']:.3f}  F1={m['f1']:.3f}\n"
                )
        else:
            out.write(f"\nZyte dev pages not found at {root}; skipped.\n")
    return report
