"""The ``newsarchive eval`` report: three blocks that are never mixed, then the per-family view.

1. The project's own pages (the mirror as ``build_sites()`` serves it, and the older
   ``tests/corpus`` styles): they show the families are read, they are not a quality figure.
2. The public dev sets: zyte-dev (real pages of a public benchmark, body text) and the dev pages
   written in the registry-evidence families; then, in its own block, the held-out pages.
3. A robustness run: every page again after a consistent renaming of every class/id and a
   reordering of chrome blocks; newsarchive's drop beside trafilatura's in the same run.

Then the leave-one-family-out view: each markup family read with the generic layers only (no
source definition), beside trafilatura.  Peers are compared only on fields they produce.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, TextIO

from newsarchive.evaluate.corpus import (
    CORPUS_DIR,
    CorpusPage,
    dev_pages,
    heldout_pages,
    load_corpus,
)
from newsarchive.evaluate.runner import (
    DEFAULT_SEED,
    evaluate_corpus,
    robustness,
    scramble_pages,
    zyte_robustness,
)

if TYPE_CHECKING:
    from pathlib import Path

LOG = logging.getLogger(__name__)

__all__ = ["ROWS", "EvalError", "format_table", "run_eval"]


class EvalError(RuntimeError):
    """Something the evaluation needs is missing; the message is one line saying what to do."""


#: Extractors scored on the Zyte dev pages (newspaper4k needs its nlp extra for some of them).
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
#: Rows of the robustness and per-family tables.
SHORT = (
    ("title", "title"),
    ("sapo", "lead"),
    ("published_day", "day"),
    ("published_minute", "minute"),
    ("body_f1", "body F1"),
    ("caption_recall", "capt R"),
    ("caption_precision", "capt P"),
    ("author", "author"),
    ("credit", "credit"),
    ("non_article", "page type"),
)


def _fmt(value: Any, key: str = "") -> str:
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


def _describe(pages: list[CorpusPage]) -> str:
    n_art = sum(1 for p in pages if p.truth.get("is_article"))
    families = {p.family or p.style for p in pages}
    return (f"{len(pages)} pages ({n_art} articles, {len(pages) - n_art} non-articles), "
            f"{len({p.style for p in pages})} sites, {len(families)} markup families")


def _misses(out: TextIO, label: str, failures: list[str], limit: int) -> None:
    if failures:
        out.write(f"{label} ({len(failures)}):\n")
        for line in failures[:limit]:
            out.write(f"  {line}\n")
        if len(failures) > limit:
            out.write(f"  ... {len(failures) - limit} more\n")


def _robustness_table(res: dict[str, dict[str, Any]]) -> str:
    names = list(res)
    head = f"{'':<11}" + "".join(f"{n:>13}{'scrambled':>11}{'drop':>8}" for n in names)
    lines = [head]
    for key, label in SHORT:
        cells = ""
        for n in names:
            b, a, d = res[n]["before"].get(key), res[n]["after"].get(key), res[n]["drop"][key]
            cells += f"{_fmt(b):>13}{_fmt(a):>11}{(f'{d:+.3f}' if d is not None else 'n/a'):>8}"
        lines.append(f"{label:<11}{cells}")
    return "\n".join(lines)


def _family_table(results: dict[str, dict[str, Any]], peer: str | None,
                  renamed: dict[str, dict[str, Any]] | None = None) -> str:
    """One row per family: the generic layers' scores, trafilatura's on the fields it produces,
    and (``renamed``) body F1 again once the family's class/id names are replaced."""
    generic = results["na-generic"]["families"]
    keys = ("title", "sapo", "published_day", "body_f1", "caption_recall", "author", "credit",
            "non_article")
    head = f"{'family':<22}" + "".join(f"{label:>10}" for k, label in SHORT if k in keys)
    if peer:
        head += f"  | {peer}: title / day / body F1 / author / page type"
    if renamed:
        head += "  | renamed: body F1 ours / theirs"
    lines = [head]
    for family, m in generic.items():
        row = f"{family:<22}" + "".join(f"{_fmt(m.get(k)):>10}" for k, _ in SHORT if k in keys)
        if peer:
            pm = results[peer]["families"].get(family, {})
            row += "  | " + " ".join(_fmt(pm.get(k)) for k in ("title", "published_day",
                                                                "body_f1", "author",
                                                                "non_article"))
        if renamed:
            ours = renamed["na-generic"]["families"].get(family, {})
            theirs = renamed[peer]["families"].get(family, {}) if peer else {}
            row += f"  | {_fmt(ours.get('body_f1'))} / {_fmt(theirs.get('body_f1'))}"
        lines.append(row)
    return "\n".join(lines)


def _peers(peers: bool) -> list[str]:
    if not peers:
        return []
    from newsarchive.evaluate.peers import available

    have = available()
    missing = [n for n, ok in have.items() if not ok]
    if missing:
        raise EvalError(f"{' and '.join(missing)} not installed: pip install 'newsarchive[eval]' "
                        "(or run with --no-peers)")
    return list(have)


def run_eval(
    out: TextIO,
    *,
    zyte: bool = True,
    peers: bool = True,
    robust: bool = True,
    corpus_dir: Path = CORPUS_DIR,
    zyte_dir: Path | None = None,
    seed: int = DEFAULT_SEED,
    failures: int = 25,
) -> dict[str, Any]:
    """Print the report and return every number measured.

    Raises :class:`EvalError` (one line) when the labelled pages, the zyte-dev pages or the
    peers are missing and were asked for.
    """
    from newsarchive.evaluate import peers as peer_mod
    from newsarchive.evaluate import zyte as zyte_mod

    if not (corpus_dir / "dev" / "truth.jsonl").exists():
        raise EvalError(f"labelled pages not found in {corpus_dir}: run newsarchive eval from a "
                        "source checkout (tests/corpus/)")
    root = zyte_dir or zyte_mod.DEFAULT_DIR
    if zyte and not (root / "ground-truth.json").exists():
        raise EvalError(f"zyte-dev pages not found at {root} (../shared beside the repository); "
                        "run with --no-zyte to skip them")
    peer_names = _peers(peers)
    names = ["newsarchive", "na-generic", *peer_names]
    traf = "trafilatura" if "trafilatura" in peer_names else None
    report: dict[str, Any] = {"seed": seed, "peers": peer_names}

    # ------------------------------------------------------------ 1. own pages
    own = load_corpus(corpus_dir)
    res = evaluate_corpus(own, names)
    report["own"] = res
    report["own_pages"] = len(own)
    out.write("== 1. The project's own pages: the mirror and the older tests/corpus styles ==\n")
    out.write("(written by this project: they show these families are read; not a quality "
              "figure)\n")
    out.write(f"{_describe(own)}\n{format_table(res)}\n")
    out.write("(newsarchive: with the site's source definition where one exists; na-generic: the "
              "generic layers only, as on a site nobody defined)\n")
    _misses(out, "na-generic misses", res["na-generic"]["failures"], failures)

    # ------------------------------------------------------------ 2. public dev sets
    out.write("\n== 2. Public dev sets ==\n")
    zyte_pages = list(zyte_mod.load_pages(root)) if zyte else []
    if zyte:
        fns = {n: peer_mod.BODY_EXTRACTORS[n] for n in names if n in ZYTE_EXTRACTORS}
        zres = zyte_mod.score_pages(fns, zyte_pages)
        report["zyte"] = zres
        out.write(f"zyte-dev: {len(zyte_pages)} real pages of a public benchmark, mostly English; "
                  "body text as 4-gram shingles, averaged per page (newsarchive with no source "
                  "definition):\n")
        for name, m in zres.items():
            out.write(f"  {name:<14} P={m['precision']:.3f}  R={m['recall']:.3f}  "
                      f"F1={m['f1']:.3f}\n")
    else:
        out.write("zyte-dev: skipped (--no-zyte)\n")
    dev = dev_pages(corpus_dir / "dev")
    dres = evaluate_corpus(dev, names)
    report["dev"] = dres
    out.write(f"\nDev pages in the registry-evidence families (tests/corpus/dev): {_describe(dev)}"
              f"\n{format_table(dres)}\n")
    _misses(out, "na-generic misses on dev pages", dres["na-generic"]["failures"], failures)

    held = heldout_pages(corpus_dir / "heldout")
    hres = evaluate_corpus(held, names)
    report["heldout"] = hres
    out.write("\n== Held-out pages (tests/corpus/heldout: same families, other sites, not tuned "
              "on; 3 pages read while fixing misses, see the README) ==\n"
              f"{_describe(held)}\n{format_table(hres)}\n")
    _misses(out, "na-generic misses on held-out pages", hres["na-generic"]["failures"],
            failures)

    # ------------------------------------------------------------ 3. robustness
    if robust:
        rnames = [n for n in names if n in ("newsarchive", "na-generic", "trafilatura")]
        out.write(f"\n== 3. Robustness: every class/id renamed consistently (pages, <style>, "
                  f"source selectors), chrome blocks reordered; seed {seed} ==\n")
        report["robustness"] = {}
        for label, pages, before in (("own pages", own, res), ("dev pages", dev, dres),
                                     ("held-out pages", held, hres)):
            r = robustness(pages, rnames, seed=seed,
                           before={n: before[n] for n in rnames})
            report["robustness"][label.split()[0]] = r
            out.write(f"{label} ({len(pages)}):\n{_robustness_table(r)}\n")
        if zyte and zyte_pages:
            fns = {n: peer_mod.BODY_EXTRACTORS[n] for n in rnames if n in ZYTE_EXTRACTORS}
            zr = zyte_robustness(fns, zyte_pages, seed=seed, before=report["zyte"])
            report["robustness"]["zyte"] = zr
            out.write(f"zyte-dev ({len(zyte_pages)}), body shingle F1:\n")
            for name, zm in zr.items():
                out.write(f"  {name:<14} {zm['before']['f1']:.3f} -> {zm['after']['f1']:.3f}  "
                          f"drop {zm['drop']['f1']:+.3f}\n")

    # ------------------------------------------------------------ leave one family out
    out.write("\n== Leave-one-family-out: each markup family with the generic layers only (no "
              "source definition) ==\n")
    lofo_names = ["na-generic", *([traf] if traf else [])]
    merged = evaluate_corpus(dev + held, lofo_names, timed=False)
    renamed = (evaluate_corpus(scramble_pages(dev + held, seed), lofo_names, timed=False)
               if robust else None)
    report["families"] = merged
    report["families_renamed"] = renamed
    out.write("registry-evidence families (dev + held-out pages):\n")
    out.write(_family_table(merged, traf, renamed) + "\n")
    out.write("the project's own families (each mirror site and older style):\n")
    out.write(_family_table(res, traf) + "\n")
    return report
