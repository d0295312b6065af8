"""`crawl`, `ingest` and `demo`: runs that fetch, and an honest account of how each paper went."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsarchive.cli.common import (
    DEFAULT_SOURCES_DIR,
    day_option,
    db_option,
    load_sources,
    open_read,
    open_write,
    require_defined,
    sources_dir_option,
    table,
)
from newsarchive.cli.errors import EXIT_INTERRUPTED, ConfigError, RunFailed

if TYPE_CHECKING:
    from newsarchive.crawling.run import CrawlOutcome
    from newsarchive.sources import Source

EXIT_WARNINGS = 3
EXIT_BUSY = 75  # EX_TEMPFAIL: cron and systemd retry later


def is_placeholder(source: Source) -> bool:
    """A definition with nothing to find articles by: no article pattern, feed, sitemap or API."""
    flag = getattr(source, "placeholder", None)  # the registry may say so itself
    if isinstance(flag, bool):
        return flag
    return not (source.article_url_pattern or source.feeds or source.sitemaps
                or source.listing_api)


def select_all(sources: dict[str, Source], mirror: str | None,
               include_unverified: bool) -> tuple[list[str], list[str]]:
    """(ids to crawl, ids skipped) for --all."""
    if mirror:
        # The mirror serves exactly what its sites' definitions describe: crawl all of them.
        from newsarchive.mirror import build_sites

        return [i for i in build_sites() if i in sources], []
    chosen, skipped = [], []
    for sid, s in sources.items():
        if include_unverified or (s.verified and not is_placeholder(s)):
            chosen.append(sid)
        else:
            skipped.append(sid)
    return chosen, skipped


def validate_redis_url(ctx: click.Context, param: click.Parameter,
                       value: str | None) -> str | None:
    if value is not None and not value.startswith(("redis://", "rediss://", "unix://")):
        raise click.BadParameter(
            f"{value!r} is not a Redis URL like redis://USER:PASSWORD@HOST:6379/0")
    return value


@click.command()
@click.argument("source_ids", nargs=-1)
@click.option("--all", "all_sources", is_flag=True,
              help="Crawl every verified definition (every mirrored paper with --mirror).")
@click.option("--include-unverified", is_flag=True,
              help="With --all: also crawl definitions not yet checked live, and placeholders.")
@db_option
@sources_dir_option
@click.option("--mirror", default=None, metavar="URL",
              help="Fetch from a running `newsarchive mirror serve` at URL instead of the "
                   "real sites.")
@day_option("--back-to", help="Backfill: follow listings and archives back to articles "
            "published on this day (YYYY-MM-DD or D/M/YYYY).")
@day_option("--since", help="Deprecated name of --back-to (removed in the next release).")
@click.option("--refresh", is_flag=True, help="Re-fetch articles already in the archive.")
@click.option("--reassign", is_flag=True,
              help="Allow moving archived articles to this source when its hosts overlap "
                   "another definition's (refused otherwise).")
@click.option("--warc-dir", default="data/warc", show_default=True,
              help="Where raw captures (WARC files) go.")
@click.option("--wait", "wait_for_lock", is_flag=True,
              help="If a run of the same source is still going, wait for it instead of exiting.")
@click.option("--redis", "redis_url", default=None, metavar="URL", envvar="NEWSARCHIVE_REDIS_URL",
              callback=validate_redis_url,
              help="Distributed mode: share queue, dedupe and per-site politeness through Redis "
                   "(redis://USER:PASSWORD@HOST:6379/0); items go to `newsarchive ingest`.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy/newsarchive setting (e.g. -s DOWNLOAD_DELAY=2).")
@click.option("-q", "--quiet", is_flag=True,
              help="For cron: print only one line per failed paper, then the totals.")
@click.option("-v", "--verbose", count=True,
              help="Show Scrapy's log: -v info, -vv debug (default: warnings only).")
@click.option("--log-file", default=None, type=click.Path(dir_okay=False),
              help="Append the crawl log to FILE instead of the terminal.")
def crawl(source_ids: tuple[str, ...], all_sources: bool, include_unverified: bool, db: str,
          sources_dir: str, mirror: str | None, back_to: str | None, since: str | None,
          refresh: bool, reassign: bool, warc_dir: str, wait_for_lock: bool,
          redis_url: str | None, overrides: tuple[str, ...], quiet: bool, verbose: int,
          log_file: str | None) -> None:
    """Crawl SOURCE_IDS (or --all) into the archive.

    Exit status: 0 done; 1 a paper failed (nothing could be fetched); 2 a usage or
    configuration error (nothing was crawled); 3 done but a paper's extraction coverage or
    article count dropped sharply against its previous runs (a redesign?); 75 a run of the same
    source is still going (see --wait); 130 interrupted.
    """
    sources = load_sources(sources_dir)
    if since:
        click.echo("warning: crawl --since is now called --back-to (same meaning); --since "
                   "will be removed in the next release", err=True)
        back_to = back_to or since
    ids = list(source_ids)
    skipped: list[str] = []
    if all_sources:
        ids, skipped = select_all(sources, mirror, include_unverified)
        if not ids:
            raise ConfigError(
                f"crawl --all: none of the {len(sources)} definitions is verified; crawl papers "
                "by name, or pass --include-unverified (see `newsarchive sources list`)")
    if not ids:
        raise click.UsageError(
            "name at least one source id, or --all (see `newsarchive sources list`)")
    require_defined(ids, sources, sources_dir)
    if skipped and not quiet:
        click.echo(f"skipping {len(skipped)} unverified or placeholder definitions "
                   "(--include-unverified crawls them too)", err=True)
    settings = crawl_settings(db, sources_dir, warc_dir, mirror, back_to, refresh, overrides,
                              redis_url=redis_url, quiet=quiet, verbose=verbose,
                              log_file=log_file)
    if redis_url:
        # Workers never write the archive and may run many at once; `newsarchive ingest` writes.
        finish(run_and_report(ids, settings, db, distributed=True, quiet=quiet))
    from newsarchive.archive.readonly import check_archive_file
    from newsarchive.crawling.lock import SourceBusyError, acquire_source_locks

    if Path(db).exists():
        check_archive_file(db)
    try:
        with acquire_source_locks(Path(db).resolve().parent, ids, wait=wait_for_lock):
            refused = prepare_archive(db, ids, sources, reassign=reassign, strict=not all_sources)
            ids = [i for i in ids if i not in refused]
            code = run_and_report(ids, settings, db, quiet=quiet, refused=refused)
    except SourceBusyError as exc:
        click.echo(f"newsarchive: {exc}", err=True)
        sys.exit(EXIT_BUSY)
    finish(code)


def finish(code: int) -> None:
    """End a crawl process now that everything is stored, printed and logged.

    Python's own teardown of Scrapy's module graph takes 0.5-1 s (measured on this project's
    machine: `import scrapy` alone, 0.46 s), most of the 2 s a Ctrl-C may take; the crawl has
    closed its archive and WARC files by now, so flush and leave.  In-process callers (click's
    test runner swaps sys.stdout) get an ordinary exit.
    """
    if sys.stdout is not sys.__stdout__:
        sys.exit(code)
    import logging
    import os

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (BrokenPipeError, ValueError):
            pass
    os._exit(code)


def crawl_settings(db: str, sources_dir: str, warc_dir: str, mirror: str | None,
                   back_to: str | None, refresh: bool, overrides: tuple[str, ...], *,
                   redis_url: str | None = None, quiet: bool = False, verbose: int = 0,
                   log_file: str | None = None) -> dict[str, Any]:
    from newsarchive.crawling.run import mirror_overrides

    settings: dict[str, Any] = {
        "NEWSARCHIVE_DB": db,
        "NEWSARCHIVE_SOURCES_DIR": sources_dir,
        "NEWSARCHIVE_WARC_DIR": warc_dir,
        "NEWSARCHIVE_SINCE": back_to or "",
        "NEWSARCHIVE_REFRESH": refresh,
        "LOG_LEVEL": ("WARNING", "INFO", "DEBUG")[min(verbose, 2)],
    }
    if quiet:
        settings["NEWSARCHIVE_PROGRESS"] = False
        if not log_file and not verbose:
            settings["LOG_LEVEL"] = "CRITICAL"  # the summary says what failed
    if log_file:
        settings["LOG_FILE"] = log_file
        settings["LOG_FILE_APPEND"] = True
    if mirror:
        settings.update(mirror_overrides(mirror))
    if redis_url:
        from newsarchive.distributed import missing_extra, redis_overrides

        if hint := missing_extra():
            raise ConfigError(hint)
        try:
            settings.update(redis_overrides(redis_url))
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--redis") from exc
    for item in overrides:
        if "=" not in item:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="-s")
        k, v = item.split("=", 1)
        settings[k.strip()] = v
    return settings


# ---- before the crawl: the archive, stale runs, articles that would move ------------------------
def prepare_archive(db: str, ids: list[str], sources: dict[str, Source], *, reassign: bool,
                    strict: bool) -> dict[str, str]:
    """Refuse silent moves, then open (create, upgrade) the archive and close dead runs.

    Runs while this process holds the sources' locks, so a ``running`` row of theirs is a
    dead process's (``abandoned``).  Returns {id: why} for the sources refused because their
    crawl would move articles archived under another source; ``strict`` (ids named on the
    command line) makes that an error instead, and then nothing at all is written.
    """
    from newsarchive.crawling.runlog import now_iso
    from newsarchive.crawling.runstate import reap_abandoned

    refused: dict[str, str] = {}
    if not reassign:
        for sid, by_owner in _moves_in(db, [sources[i] for i in ids], sources).items():
            detail = ", ".join(f"{n} from {owner}" for owner, n in sorted(by_owner.items()))
            message = (f"crawl {sid} would move archived articles to {sid} ({detail}): their "
                       f"URLs are on hosts {sid}'s definition claims. Pass --reassign to move "
                       "them, or crawl the source they are archived under")
            if strict:
                raise ConfigError(message)
            refused[sid] = message
    remaining = [i for i in ids if i not in refused]
    if remaining:
        with open_write(db) as archive:
            reaped = reap_abandoned(archive.conn, remaining, now_iso())
        if reaped:
            click.echo(f"note: {reaped} earlier run(s) of {', '.join(remaining)} had died "
                       "without finishing; marked abandoned", err=True)
    return refused


def _moves_in(db: str, crawled: list[Source],
              sources: dict[str, Source]) -> dict[str, dict[str, int]]:
    """would_move() on the archive at ``db``, read-only; {} when there is none yet."""
    from newsarchive.archive.readonly import connect_readonly

    path = Path(db)
    if not path.exists() or path.stat().st_size == 0:
        return {}
    conn = connect_readonly(path)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
            return {}  # not an archive (yet): open_write says what it is
        return would_move(conn, crawled, sources)
    finally:
        conn.close()


def _host_owners(prefix: str, sources: dict[str, Source]) -> set[str]:
    """The definitions that claim ``prefix`` ("scheme://host:port/") most specifically: an
    exact domain beats a parent, and a paper owns its host on its own port only."""
    best, owners = 0, set()
    for s in sources.values():
        match = s.host_match(prefix)
        if match > best:
            best, owners = match, {s.id}
        elif match and match == best:
            owners.add(s.id)
    return owners


def would_move(conn: Any, crawled: list[Source],
               sources: dict[str, Source]) -> dict[str, dict[str, int]]:
    """{crawled id: {source now holding them: articles}} for articles a crawl could move.

    Only hosts (and ports) a crawled definition claims most specifically count, so a paper's
    subdomain archive defined on its own stays its own, as does a paper on another port.
    Walks the (source, url) index with one seek per distinct (source, host and port) and counts
    only the pairs that would move: milliseconds at a million articles, where a scan of the
    index took 3 s.
    """
    ids = {s.id for s in crawled}
    moves: dict[str, dict[str, int]] = {}
    owners_of: dict[str, set[str]] = {}
    for holder, prefix in _archived_hosts(conn):
        owners = owners_of.setdefault(prefix, _host_owners(prefix, sources))
        for sid in owners & ids:
            if holder != sid:
                n = _count_prefix(conn, holder, prefix)
                by = moves.setdefault(sid, {})
                by[holder or "no source"] = by.get(holder or "no source", 0) + n
    return moves


_PAST = "\U0010ffff"  # sorts after every character a URL holds


def _url_prefix(url: str) -> str:
    """"https://host:port/" of an archived URL."""
    scheme, _, rest = url.partition("://")
    netloc = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return f"{scheme}://{netloc}/"


def _archived_hosts(conn: Any) -> list[tuple[str | None, str]]:
    """Every distinct (source, URL prefix) in the archive, by skip-scan of the index."""
    found: list[tuple[str | None, str]] = []
    holders: list[str | None] = []
    (source,) = conn.execute("SELECT min(source) FROM articles").fetchone()
    while source is not None:
        holders.append(source)
        (source,) = conn.execute("SELECT min(source) FROM articles WHERE source > ?",
                                 (source,)).fetchone()
    if conn.execute("SELECT 1 FROM articles WHERE source IS NULL LIMIT 1").fetchone():
        holders.append(None)
    for holder in holders:
        where = "source IS ?" if holder is None else "source = ?"
        (url,) = conn.execute(f"SELECT min(url) FROM articles WHERE {where}",
                              (holder,)).fetchone()
        while url is not None:
            prefix = _url_prefix(url)
            found.append((holder, prefix))
            (url,) = conn.execute(f"SELECT min(url) FROM articles WHERE {where} AND url > ?",
                                  (holder, prefix + _PAST)).fetchone()
    return found


def _count_prefix(conn: Any, holder: str | None, prefix: str) -> int:
    where = "source IS ?" if holder is None else "source = ?"
    (n,) = conn.execute(f"SELECT count(*) FROM articles WHERE {where} AND url >= ? AND url < ?",
                        (holder, prefix, prefix + _PAST)).fetchone()
    return int(n)


# ---- the run and its report ------------------------------------------------------------------
def run_and_report(ids: list[str], settings: dict[str, Any], db: str, *,
                   distributed: bool = False, quiet: bool = False,
                   refused: dict[str, str] | None = None) -> int:
    from newsarchive.crawling.run import run_crawls

    started = time.monotonic()
    outcomes = run_crawls(ids, settings) if ids else []
    elapsed = time.monotonic() - started
    return report(outcomes, elapsed, db, distributed=distributed, quiet=quiet,
                  refused=refused or {})


def _counts(o: CrawlOutcome) -> dict[str, Any]:
    from newsarchive.crawling.runstate import run_state

    s = o.stats
    return {
        "source": o.source,
        "pages": s.get("downloader/response_count", 0),
        "new": s.get("newsarchive/articles/new", 0),
        "updated": s.get("newsarchive/articles/updated", 0),
        "unchanged": s.get("newsarchive/articles/unchanged", 0),
        "skipped": s.get("newsarchive/skipped_known", 0),
        "flagged": _sum_prefix(s, "newsarchive/flagged/"),
        "judged": _sum_prefix(s, "newsarchive/judged/"),
        "pushed": s.get("newsarchive/articles/pushed", 0),
        "dropped": sum(v for k, v in s.items() if k.startswith("newsarchive/dropped/")),
        "errors": sum(v for k, v in s.items() if k.startswith("newsarchive/fetch_errors/")),
        "state": run_state(o.finish_reason, s),
    }


def _sum_prefix(stats: dict[str, Any], prefix: str) -> int:
    return sum(int(v) for k, v in stats.items() if k.startswith(prefix))


def kinds_line(outcomes: list[CrawlOutcome]) -> str | None:
    """Each kind of page the run kept, e.g. ``kept: 36 article, 4 video; flagged: 4 short_body;
    not articles: 2 listing``, or None when nothing was fetched."""
    parts = []
    for prefix, label in (("newsarchive/page_type/", "kept"), ("newsarchive/flagged/", "flagged"),
                          ("newsarchive/judged/", "not articles")):
        counts: dict[str, int] = {}
        for o in outcomes:
            for k, v in o.stats.items():
                if k.startswith(prefix):
                    counts[k.removeprefix(prefix)] = counts.get(k.removeprefix(prefix), 0) + int(v)
        if counts:
            parts.append(f"{label}: " + ", ".join(f"{n} {kind}" for kind, n in
                                                  sorted(counts.items(), key=lambda x: -x[1])))
    return "; ".join(parts) or None


def report(outcomes: list[CrawlOutcome], elapsed: float, db: str, *, distributed: bool,
           quiet: bool, refused: dict[str, str]) -> int:
    """Print the summary (or, with ``quiet``, only failures and totals); returns the exit code."""
    from newsarchive.crawling.runstate import FAILED, INTERRUPTED, failure_reason

    rows = [_counts(o) for o in outcomes]
    failed = [(r["source"], failure_reason(o.stats) or f"the crawl ended with {o.finish_reason}")
              for r, o in zip(rows, outcomes, strict=True) if r["state"] == FAILED]
    interrupted = any(r["state"] == INTERRUPTED for r in rows)
    counts = ([("pushed", "pushed to Redis")] if distributed else
              [("new", "new"), ("updated", "updated"), ("unchanged", "unchanged")])
    if not quiet and rows:
        click.echo(table(rows, [("source", "source"), ("pages", "pages"), *counts,
                                ("skipped", "already archived"), ("flagged", "flagged"),
                                ("judged", "not articles"), ("dropped", "dropped"),
                                ("errors", "fetch errors"), ("state", "state")]))
        kinds = kinds_line(outcomes)
        if kinds:
            click.echo(kinds)
    for source, why in failed:
        click.echo(f"error: {source}: {why}", err=not quiet)
    for why in refused.values():
        click.echo(f"error: {why}", err=not quiet)
    warnings: list[str] = []
    if not distributed and not interrupted:
        from newsarchive.crawling.health import assess_run

        warnings = [w for o in outcomes for w in assess_run(db, o.source, o.stats)]
    for w in warnings:
        click.echo(f"warning: {w}", err=not quiet)
    click.echo(_totals(rows, elapsed, db, distributed=distributed, refused=refused))
    if interrupted:
        click.echo("interrupted: what was fetched before the stop is stored; run the same "
                   "command again to carry on", err=True)
        return EXIT_INTERRUPTED
    if failed or refused:
        return 1
    return EXIT_WARNINGS if warnings else 0


def _totals(rows: list[dict[str, Any]], elapsed: float, db: str, *, distributed: bool,
            refused: dict[str, str]) -> str:
    def total(key: str) -> int:
        return sum(int(r[key]) for r in rows)

    states: dict[str, int] = {}
    for r in rows:
        states[r["state"]] = states.get(r["state"], 0) + 1
    if refused:
        states["refused"] = len(refused)
    papers = len(rows) + len(refused)
    state_text = ", ".join(f"{n} {state}" for state, n in sorted(states.items()))
    if distributed:
        stored = f"{total('pushed')} articles pushed to Redis for `newsarchive ingest`"
    else:
        stored = (f"{total('new')} new, {total('updated')} updated, "
                  f"{total('unchanged')} unchanged articles into {db}")
    return (f"crawled {papers} paper{'s' if papers != 1 else ''} in {elapsed:.1f} s "
            f"({state_text}): {total('pages')} pages, {stored}, "
            f"{total('errors')} fetch errors")


# ---- ingest ----------------------------------------------------------------------------------
@click.command()
@click.option("--redis", "redis_url", required=True, metavar="URL", envvar="NEWSARCHIVE_REDIS_URL",
              callback=validate_redis_url,
              help="The Redis the workers push to (redis://USER:PASSWORD@HOST:6379/0).")
@db_option
@sources_dir_option
@click.option("--batch", default=100, show_default=True, type=click.IntRange(1, 10000),
              help="Articles stored per transaction.")
@click.option("--stop-when-idle", type=float, default=None, metavar="SECONDS",
              help="Exit once the queue has been empty this long (default: run until stopped).")
def ingest(redis_url: str, db: str, sources_dir: str, batch: int,
           stop_when_idle: float | None) -> None:
    """The one archive writer of a distributed crawl: store what workers pushed to Redis."""
    import logging

    from newsarchive.distributed import missing_extra

    if hint := missing_extra():
        raise ConfigError(hint)
    import redis

    from newsarchive.crawling.stopping import CrawlStopped
    from newsarchive.distributed.ingest import run_ingester

    load_sources(sources_dir)  # a bad definition is an error now, not after the first batch
    if Path(db).exists():
        open_write(db).close()
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        n = run_ingester(redis_url, db, batch=batch, stop_when_idle=stop_when_idle,
                         sources_dir=sources_dir)
    except redis.exceptions.AuthenticationError as exc:
        raise ConfigError(f"Redis refused the credentials in --redis: {exc}") from exc
    except redis.exceptions.ConnectionError as exc:
        raise RunFailed(f"cannot reach Redis at the --redis address: {exc}") from exc
    except CrawlStopped:
        click.echo("stopped while waiting for Redis; nothing was lost", err=True)
        sys.exit(EXIT_INTERRUPTED)
    click.echo(f"stored {n} messages into {db}")


# ---- demo ------------------------------------------------------------------------------------
@click.command()
@db_option
@click.option("--query", default="dien bien", show_default=True, help="Sample search to run.")
def demo(db: str, query: str) -> None:
    """Serve the bundled mirror, crawl all of it, then print a summary and a sample search."""
    from newsarchive.cli.reading import print_hits, print_stats
    from newsarchive.crawling.run import run_crawls
    from newsarchive.mirror import build_sites
    from newsarchive.mirror.server import MirrorServer

    sources = load_sources(DEFAULT_SOURCES_DIR)
    ids = [i for i in build_sites() if i in sources]
    open_write(db).close()
    with MirrorServer() as server:
        click.echo(f"mirror of {len(ids)} provincial sites serving at {server.url}")
        settings = crawl_settings(db, DEFAULT_SOURCES_DIR, "data/warc", server.url, None, False,
                                  ())
        started = time.monotonic()
        outcomes = run_crawls(ids, settings)
        elapsed = time.monotonic() - started
    new = sum(o.stats.get("newsarchive/articles/new", 0) for o in outcomes)
    pages = sum(o.stats.get("downloader/response_count", 0) for o in outcomes)
    skipped = sum(o.stats.get("newsarchive/skipped_known", 0) for o in outcomes)
    click.echo(f"\ncrawl: {pages} pages fetched, {new} new articles, {skipped} article pages "
               f"skipped as already archived, {elapsed:.1f} s\n")
    with open_read(db) as archive:
        print_stats(archive, db)
        click.echo(f"\nsearch: {query!r}")
        print_hits(archive.search(query, limit=5))
    click.echo(
        "\nnext:\n"
        f"  .venv/bin/newsarchive search 'điện biên' --db {db}      # full-text search\n"
        f"  .venv/bin/newsarchive stats --db {db}                   # per-paper summary\n"
        f"  .venv/bin/newsarchive serve --db {db}                   # browse in Datasette\n"
        f"  sqlite3 {db} 'select source, count(*) from articles group by source'"
    )
    if any(o.finish_reason == "shutdown" for o in outcomes):
        sys.exit(EXIT_INTERRUPTED)
