"""Tell the researcher when a paper's extraction broke, instead of leaving a silent gap.

After a run, :func:`assess_run` compares it with the same source's previous *finished* runs in
the archive's ``crawls`` table and returns one plain-language warning per problem.  The CLI
prints them and exits non-zero, which cron mail and systemd surface.

What is compared, and the default thresholds (:class:`HealthThresholds`):

- **field coverage** (``published``, ``author``, ``sapo``, ``captions``: the share of stored
  articles that have the field).  Baseline: the median over the last 5 finished runs that
  stored at least 5 articles.  Warn when the run stored at least 5 articles and a field's
  coverage fell below half its baseline *and* by at least 25 points (0.90 -> 0.40 warns;
  0.30 -> 0.10 does not: a field that was rare stays rare without meaning much).
- **extraction yield** (stored articles / article pages tried, where tried = stored + dropped
  for a reason other than ``duplicate_url`` + pages the extractor called "not an article").
  Warn when at least 5 pages were tried and the yield fell below half its baseline and by at
  least 30 points: the pages still come, but the extractor no longer finds articles in them.
- **article count** (articles seen = stored + already-archived article links met on the way).
  Only like is compared with like: a source's first run, and runs with ``--back-to`` (formerly
  ``--since``) or ``--refresh``, are *backfills*; scheduled runs are compared with scheduled
  runs only.
  Warn when the baseline median is at least 10 and this run saw under 20% of it, or saw
  nothing at all while previous runs saw articles: links are no longer found (new URL shapes,
  a new menu, a blocked robots.txt).

A source with no earlier finished run gets no warnings: there is nothing to compare with.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsarchive.archive.readonly import connect_readonly

COVERAGE_FIELDS = ("published", "author", "sapo", "captions")


@dataclass(frozen=True)
class HealthThresholds:
    baseline_runs: int = 5
    min_articles: int = 5
    coverage_ratio: float = 0.5
    coverage_drop: float = 0.25
    yield_ratio: float = 0.5
    yield_drop: float = 0.30
    count_ratio: float = 0.2
    min_baseline_count: int = 10


DEFAULT_THRESHOLDS = HealthThresholds()


@dataclass
class RunFigures:
    """The numbers one run is judged by, from a crawls row or a live stats summary."""

    crawl_id: int | None
    stored: int
    seen: int | None   # None when the raw stats are not at hand
    tried: int | None
    coverage: dict[str, float | None]
    backfill: bool

    @property
    def yield_(self) -> float | None:
        return self.stored / self.tried if self.tried else None  # tried is 0 or unknown


def _loads(value: Any) -> Any:
    if isinstance(value, (dict, list)) or value is None:
        return value
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return None


def _is_backfill(command: str | None, raw: dict[str, Any]) -> bool:
    command = command or ""
    if "--back-to" in command or "--since" in command or "--refresh" in command:
        return True
    return bool(raw.get("newsarchive/since")) or bool(raw.get("newsarchive/refresh"))


def _figures(summary: dict[str, Any], raw: dict[str, Any], crawl_id: int | None,
             backfill: bool) -> RunFigures:
    stored = sum(int(summary.get(k) or 0) for k in ("new", "updated", "unchanged"))
    dropped = _loads(summary.get("dropped")) or {}
    failed = sum(int(v or 0) for k, v in dropped.items() if k != "duplicate_url")
    not_article = sum(int(v or 0) for k, v in raw.items()
                      if k.startswith("newsarchive/not_article/"))
    coverage = _loads(summary.get("coverage")) or {}
    return RunFigures(
        crawl_id=crawl_id,
        stored=stored,
        seen=stored + int(raw.get("newsarchive/skipped_known") or 0) if raw else None,
        tried=stored + failed + not_article if raw else None,
        coverage={f: coverage.get(f) for f in COVERAGE_FIELDS},
        backfill=backfill,
    )


def _summary_and_raw(stats: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Accept either runlog.summarize_stats() output (with optional "stats") or raw Scrapy stats."""
    if isinstance(stats.get("coverage"), (dict, str)) or "new" in stats:
        raw = _loads(stats.get("stats")) or {}
        return stats, raw
    from newsarchive.crawling.runlog import summarize_stats

    return summarize_stats(stats), stats


def _previous_runs(db_path: Path, source_id: str, current: int | None,
                   limit: int) -> tuple[list[RunFigures], str | None, int | None]:
    """Finished runs before ``current`` (newest first), its command, the source's first run id."""
    conn = connect_readonly(db_path)
    conn.row_factory = sqlite3.Row
    try:
        first = conn.execute("select min(id) from crawls where source = ?", (source_id,)).fetchone()
        first_id = first[0] if first else None
        command = None
        if current is not None:
            row = conn.execute("select command from crawls where id = ?", (current,)).fetchone()
            command = row["command"] if row else None
        rows = conn.execute(
            "select id, command, new, updated, unchanged, dropped, coverage, stats from crawls "
            "where source = ? and state = 'finished' and id < ? order by id desc limit ?",
            (source_id, current if current is not None else 2**62, limit),
        ).fetchall()
    finally:
        conn.close()
    runs = []
    for row in rows:
        raw = _loads(row["stats"]) or {}
        runs.append(_figures(dict(row), raw, row["id"],
                             _is_backfill(row["command"], raw) or row["id"] == first_id))
    return runs, command, first_id


def _baseline(n: int, kind: str = "") -> str:
    return f"the previous {kind}run" if n == 1 else f"median of the previous {n} {kind}runs"


def assess_run(archive_db_path: str | Path, source_id: str,
               crawl_stats_summary: dict[str, Any], *, crawl_id: int | None = None,
               backfill: bool | None = None,
               thresholds: HealthThresholds = DEFAULT_THRESHOLDS) -> list[str]:
    """Warnings (empty when healthy) for a run of ``source_id`` against its previous runs.

    ``crawl_stats_summary`` is a crawl's raw Scrapy stats, or runlog.summarize_stats() output
    (with the raw stats under "stats" for the count and yield checks; without them only
    coverage is judged).
    Only runs *before* this one form the baseline (this run's id comes from ``crawl_id`` or the
    stats' ``newsarchive/crawl_id``; without either, every finished run of the source counts).
    ``backfill`` says whether this run used --since/--refresh; by default it is read from the
    run's command in the crawls table.
    """
    t = thresholds
    db_path = Path(archive_db_path)
    if not db_path.exists():
        return []
    summary, raw = _summary_and_raw(crawl_stats_summary)
    if crawl_id is None:
        crawl_id = raw.get("newsarchive/crawl_id")
    try:
        previous, command, first_id = _previous_runs(db_path, source_id, crawl_id,
                                                     t.baseline_runs)
    except (sqlite3.Error, OSError, ValueError):
        return []  # no crawls table yet (or no readable archive): nothing to compare with
    if backfill is None:
        backfill = _is_backfill(command, raw) or (crawl_id is not None and crawl_id == first_id)
    current = _figures(summary, raw, crawl_id, backfill)
    if not previous:
        return []
    warnings: list[str] = []
    hint = f"check the site with `newsarchive sources check {source_id}`"

    # Field coverage.
    judged = [r for r in previous if r.stored >= t.min_articles]
    if current.stored >= t.min_articles and judged:
        for name in COVERAGE_FIELDS:
            now = current.coverage.get(name)
            past = [v for r in judged if (v := r.coverage.get(name)) is not None]
            if now is None or not past:
                continue
            base = statistics.median(past)
            if now < base * t.coverage_ratio and base - now >= t.coverage_drop:
                warnings.append(
                    f"{source_id}: {name!r} found in {now:.0%} of {current.stored} articles, "
                    f"down from {base:.0%} ({_baseline(len(past))}); the site may have changed "
                    f"its pages, {hint}")

    # Extraction yield.
    past_yield = [r.yield_ for r in previous
                  if (r.tried or 0) >= t.min_articles and r.yield_ is not None]
    if (current.tried or 0) >= t.min_articles and current.yield_ is not None and past_yield:
        base = statistics.median(past_yield)
        if current.yield_ < base * t.yield_ratio and base - current.yield_ >= t.yield_drop:
            warnings.append(
                f"{source_id}: only {current.stored} of {current.tried} article pages gave an "
                f"article ({current.yield_:.0%}), down from {base:.0%}; extraction may be "
                f"broken, {hint}")

    # Article count, like with like.
    alike = [r.seen for r in previous if r.backfill == current.backfill and r.seen is not None]
    if alike and current.seen is not None:
        base = statistics.median(alike)
        if current.seen == 0 and base > 0:
            warnings.append(
                f"{source_id}: no article links found at all (previous runs saw a median of "
                f"{base:g}); its URLs or menus may have changed, {hint}")
        elif base >= t.min_baseline_count and current.seen < base * t.count_ratio:
            warnings.append(
                f"{source_id}: {current.seen} articles seen, down from {base:g} "
                f"({_baseline(len(alike), 'comparable ')}); {hint}")
    return warnings


def assess_latest(archive_db_path: str | Path,
                  thresholds: HealthThresholds = DEFAULT_THRESHOLDS) -> dict[str, list[str]]:
    """Warnings for each source's most recent finished run (for `newsarchive stats`)."""
    db_path = Path(archive_db_path)
    if not db_path.exists():
        return {}
    try:
        conn = connect_readonly(db_path)
    except (OSError, ValueError, sqlite3.Error):
        return {}
    try:
        rows = conn.execute(
            "select source, id, stats from crawls where id in (select max(id) from crawls "
            "where state = 'finished' and source is not null group by source) order by source"
        ).fetchall()
    except sqlite3.Error:
        return {}
    finally:
        conn.close()
    return {source: assess_run(db_path, source, _loads(stats) or {}, crawl_id=crawl_id,
                               thresholds=thresholds)
            for source, crawl_id, stats in rows}
