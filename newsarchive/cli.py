"""`newsarchive` command line: thin wrappers over the library, errors as one-line messages."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

DEFAULT_DB = "data/archive.db"


def db_option(f: Any) -> Any:
    return click.option(
        "--db", "db", default=DEFAULT_DB, show_default=True, envvar="NEWSARCHIVE_DB",
        type=click.Path(dir_okay=False), help="SQLite archive file.",
    )(f)


def sources_dir_option(f: Any) -> Any:
    return click.option(
        "--sources-dir", default="data/sources", show_default=True,
        envvar="NEWSARCHIVE_SOURCES_DIR", type=click.Path(file_okay=False),
        help="Your own source definitions, read beside the shipped registry.",
    )(f)


def _load_sources(sources_dir: str) -> dict[str, Any]:
    from newsarchive.sources import SourceError, load_sources

    try:
        return load_sources([Path(sources_dir)])
    except SourceError as exc:
        raise click.ClickException(str(exc)) from exc


def _open_archive(db: str, *, must_exist: bool = True) -> Any:
    from newsarchive.archive import Archive

    if must_exist and not Path(db).exists():
        raise click.ClickException(f"no archive at {db}: run `newsarchive crawl` (or `make demo`) first")
    return Archive(db)


def _table(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> str:
    """A plain aligned text table (no dependency; copes with Vietnamese letters)."""
    cells = [[h for _, h in columns]] + [
        ["" if r.get(k) is None else str(r.get(k)) for k, _ in columns] for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


@click.group()
@click.version_option(package_name="newsarchive")
def main() -> None:
    """Crawl Vietnam's provincial press into a searchable SQLite archive."""


# ---- crawling --------------------------------------------------------------------------------
@main.command()
@click.argument("source_ids", nargs=-1)
@click.option("--all", "all_sources", is_flag=True, help="Crawl every defined source.")
@db_option
@sources_dir_option
@click.option("--mirror", default=None, metavar="URL",
              help="Fetch from a running `newsarchive mirror serve` at URL instead of the real sites.")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Backfill back to this date.")
@click.option("--refresh", is_flag=True, help="Re-fetch articles already in the archive.")
@click.option("--warc-dir", default="data/warc", show_default=True, help="Where raw captures go.")
@click.option("--wait", "wait_for_lock", is_flag=True,
              help="If a run of the same source is still going, wait for it instead of exiting.")
@click.option("--redis", "redis_url", default=None, metavar="URL", envvar="NEWSARCHIVE_REDIS_URL",
              help="Distributed mode: share queue, dedupe and per-site politeness through Redis "
                   "(redis://USER:PASSWORD@HOST:6379/0); items go to `newsarchive ingest`.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy/newsarchive setting.")
def crawl(source_ids: tuple[str, ...], all_sources: bool, db: str, sources_dir: str,
          mirror: str | None, since: str | None, refresh: bool, warc_dir: str,
          wait_for_lock: bool, redis_url: str | None, overrides: tuple[str, ...]) -> None:
    """Crawl SOURCE_IDS (or --all) into the archive.

    Exit status: 0 done; 1 a crawl failed; 3 done but a paper's extraction coverage or article
    count dropped sharply against its previous runs (a redesign?); 75 a run of the same source
    is still going (see --wait).
    """
    sources = _load_sources(sources_dir)
    ids = list(source_ids)
    if all_sources:
        ids = list(sources)
        if mirror:
            from newsarchive.mirror import build_sites

            ids = [i for i in build_sites() if i in sources]
    if not ids:
        raise click.UsageError("name at least one source id, or --all (see `newsarchive sources list`)")
    unknown = [i for i in ids if i not in sources]
    if unknown:
        raise click.ClickException(f"unknown source(s): {', '.join(unknown)}")
    if since:
        _check_day(since)
    settings = _crawl_settings(db, sources_dir, warc_dir, mirror, since, refresh, overrides,
                               redis_url=redis_url)
    if redis_url:
        # Workers never write the archive and may run many at once; `newsarchive ingest` writes.
        sys.exit(_run_and_report(ids, settings, db, distributed=True))
    from newsarchive.crawling.lock import SourceBusyError, acquire_source_locks

    try:
        with acquire_source_locks(Path(db).resolve().parent, ids, wait=wait_for_lock):
            code = _run_and_report(ids, settings, db)
    except SourceBusyError as exc:
        click.echo(f"newsarchive: {exc}", err=True)
        sys.exit(75)  # EX_TEMPFAIL: cron and systemd retry later
    sys.exit(code)


def _check_day(value: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date like 2019-01-01") from exc


def _crawl_settings(db: str, sources_dir: str, warc_dir: str, mirror: str | None,
                    since: str | None, refresh: bool, overrides: tuple[str, ...],
                    redis_url: str | None = None) -> dict[str, Any]:
    from newsarchive.crawling.run import mirror_overrides

    settings: dict[str, Any] = {
        "NEWSARCHIVE_DB": db,
        "NEWSARCHIVE_SOURCES_DIR": sources_dir,
        "NEWSARCHIVE_WARC_DIR": warc_dir,
        "NEWSARCHIVE_SINCE": since or "",
        "NEWSARCHIVE_REFRESH": refresh,
    }
    if mirror:
        settings.update(mirror_overrides(mirror))
    if redis_url:
        from newsarchive.distributed import missing_extra, redis_overrides

        if hint := missing_extra():
            raise click.UsageError(hint)
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


def _run_and_report(ids: list[str], settings: dict[str, Any], db: str,
                    distributed: bool = False) -> int:
    from newsarchive.crawling.run import run_crawls

    started = time.monotonic()
    outcomes = run_crawls(ids, settings)
    elapsed = time.monotonic() - started
    rows = []
    failed = False
    for o in outcomes:
        s = o.stats
        rows.append({
            "source": o.source,
            "pages": s.get("downloader/response_count", 0),
            "new": s.get("newsarchive/articles/new", 0),
            "updated": s.get("newsarchive/articles/updated", 0),
            "unchanged": s.get("newsarchive/articles/unchanged", 0),
            "skipped": s.get("newsarchive/skipped_known", 0),
            "pushed": s.get("newsarchive/articles/pushed", 0),
            "dropped": sum(v for k, v in s.items() if k.startswith("newsarchive/dropped/")),
            "errors": sum(v for k, v in s.items() if k.startswith("newsarchive/fetch_errors/")),
            "finish": o.finish_reason,
        })
        failed = failed or o.finish_reason not in ("finished",)
        if rows[-1]["pages"] == 0 and rows[-1]["errors"]:
            click.echo(f"error: {o.source}: no page could be fetched (site down or unreachable?)",
                       err=True)
            failed = True
    counts = ([("pushed", "pushed to Redis")] if distributed else
              [("new", "new"), ("updated", "updated"), ("unchanged", "unchanged")])
    click.echo(_table(rows, [("source", "source"), ("pages", "pages"), *counts,
                             ("skipped", "already archived"), ("dropped", "dropped"),
                             ("errors", "fetch errors"), ("finish", "finish")]))
    if distributed:
        click.echo(f"crawled {len(ids)} source(s) in {elapsed:.1f} s; items wait in Redis for "
                   "`newsarchive ingest`")
        return 1 if failed else 0
    click.echo(f"crawled {len(ids)} source(s) in {elapsed:.1f} s into {db}")
    from newsarchive.crawling.health import assess_run

    warnings = [w for o in outcomes for w in assess_run(db, o.source, o.stats)]
    for w in warnings:
        click.echo(f"warning: {w}", err=True)
    return 1 if failed else (3 if warnings else 0)


@main.command()
@click.option("--redis", "redis_url", required=True, metavar="URL", envvar="NEWSARCHIVE_REDIS_URL")
@db_option
@sources_dir_option
@click.option("--batch", default=100, show_default=True, type=click.IntRange(1, 10000))
@click.option("--stop-when-idle", type=float, default=None, metavar="SECONDS",
              help="Exit once the queue has been empty this long (default: run until stopped).")
def ingest(redis_url: str, db: str, sources_dir: str, batch: int,
           stop_when_idle: float | None) -> None:
    """The one archive writer of a distributed crawl: store what workers pushed to Redis."""
    import logging

    from newsarchive.distributed import missing_extra

    if hint := missing_extra():
        raise click.UsageError(hint)
    import redis

    from newsarchive.distributed.ingest import run_ingester

    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        n = run_ingester(redis_url, db, batch=batch, stop_when_idle=stop_when_idle,
                         sources_dir=sources_dir)
    except redis.exceptions.AuthenticationError as exc:
        raise click.ClickException(f"Redis refused the credentials in --redis: {exc}") from exc
    except redis.exceptions.ConnectionError as exc:
        raise click.ClickException(f"cannot reach Redis at the --redis address: {exc}") from exc
    click.echo(f"stored {n} messages into {db}")


# ---- demo ------------------------------------------------------------------------------------
@main.command()
@db_option
@click.option("--query", default="dien bien", show_default=True, help="Sample search to run.")
def demo(db: str, query: str) -> None:
    """Serve the bundled mirror, crawl all of it, then print a summary and a sample search."""
    from newsarchive.crawling.run import run_crawls
    from newsarchive.mirror import build_sites
    from newsarchive.mirror.server import MirrorServer

    sources = _load_sources("data/sources")
    ids = [i for i in build_sites() if i in sources]
    with MirrorServer() as server:
        click.echo(f"mirror of {len(ids)} provincial sites serving at {server.url}")
        settings = _crawl_settings(db, "data/sources", "data/warc", server.url, None, False, ())
        settings["LOG_LEVEL"] = "WARNING"
        started = time.monotonic()
        outcomes = run_crawls(ids, settings)
        elapsed = time.monotonic() - started
    new = sum(o.stats.get("newsarchive/articles/new", 0) for o in outcomes)
    pages = sum(o.stats.get("downloader/response_count", 0) for o in outcomes)
    skipped = sum(o.stats.get("newsarchive/skipped_known", 0) for o in outcomes)
    click.echo(f"\ncrawl: {pages} pages fetched, {new} new articles, {skipped} article pages "
               f"skipped as already archived, {elapsed:.1f} s\n")
    with _open_archive(db) as archive:
        _print_stats(archive)
        click.echo(f"\nsearch: {query!r}")
        _print_hits(archive.search(query, limit=5))
    click.echo(
        "\nnext:\n"
        f"  .venv/bin/newsarchive search 'điện biên' --db {db}      # full-text search\n"
        f"  .venv/bin/newsarchive stats --db {db}                   # per-paper summary\n"
        f"  .venv/bin/newsarchive serve --db {db}                   # browse in Datasette\n"
        f"  sqlite3 {db} 'select source, count(*) from articles group by source'"
    )


# ---- reading ---------------------------------------------------------------------------------
@main.command()
@click.argument("query")
@db_option
@click.option("--source", default=None, help="Only this source id.")
@click.option("--province", default=None, help="Only papers of this province.")
@click.option("--category", default=None, help="Only this category.")
@click.option("--since", default=None, metavar="YYYY-MM-DD")
@click.option("--until", default=None, metavar="YYYY-MM-DD")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 10000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def search(query: str, db: str, source: str | None, province: str | None, category: str | None,
           since: str | None, until: str | None, limit: int, as_json: bool) -> None:
    """Full-text search, ranked by relevance. 'dien bien' finds 'Điện Biên'."""
    from newsarchive.archive import QueryError

    for day in (since, until):
        if day:
            _check_day(day)
    with _open_archive(db) as archive:
        try:
            hits = archive.search(query, source=source, province=province, category=category,
                                  since=since, until=until, limit=limit)
        except QueryError as exc:
            raise click.ClickException(f"cannot search for {query!r}: {exc}") from exc
    if as_json:
        from dataclasses import asdict

        for h in hits:
            click.echo(json.dumps(asdict(h), ensure_ascii=False))
        return
    if not hits:
        click.echo("no matches")
        return
    _print_hits(hits)


def _print_hits(hits: list[Any]) -> None:
    if not hits:
        click.echo("  no matches")
    for n, h in enumerate(hits, 1):
        day = (h.published or "")[:10]
        click.echo(f"{n:>3}. {h.title}")
        click.echo(f"     {h.source} · {day} · {h.url}")
        if h.snippet:
            click.echo(f"     {h.snippet}")


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True)
def stats(db: str, as_json: bool) -> None:
    """Per source: articles, first and last published date, last crawl."""
    with _open_archive(db) as archive:
        if as_json:
            click.echo(json.dumps(archive.source_stats(), ensure_ascii=False, indent=2))
            return
        _print_stats(archive)


def _print_stats(archive: Any) -> None:
    rows = archive.source_stats()
    click.echo(_table(rows, [("id", "source"), ("province", "province"), ("articles", "articles"),
                             ("first_published", "first published"),
                             ("last_published", "last published"),
                             ("last_crawl", "last crawl"), ("last_crawl_state", "state")]))


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl",
              show_default=True)
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="Output file (a FILE.manifest.json is written beside it); stdout if omitted.")
@click.option("--source", default=None)
@click.option("--province", default=None)
@click.option("--category", default=None)
@click.option("--since", default=None, metavar="YYYY-MM-DD")
@click.option("--until", default=None, metavar="YYYY-MM-DD")
@click.option("--segmented", is_flag=True,
              help="Add title_segmented and text_segmented: words joined by '_' (underthesea; "
                   "needs pip install 'newsarchive[segment]').")
@click.option("--media", "with_media", is_flag=True,
              help="Write the articles' stored photos into media/ beside -o FILE and list them "
                   "(url, path, size) in a media field.")
@click.option("--warc-dir", default="data/warc", show_default=True,
              help="Where the photos' WARC records are (with --media).")
def export(db: str, fmt: str, output: str | None, source: str | None, province: str | None,
           category: str | None, since: str | None, until: str | None, segmented: bool,
           with_media: bool, warc_dir: str) -> None:
    """Export articles (every field, NFC text) as JSONL, CSV or Parquet, in constant memory."""
    from newsarchive.archive.export import ExportError, export_articles

    with _open_archive(db) as archive:
        try:
            manifest = export_articles(archive, fmt, output, source=source, province=province,
                                       category=category, since=since, until=until,
                                       segmented=segmented,
                                       media_warc_dir=warc_dir if with_media else None)
        except ExportError as exc:
            raise click.ClickException(str(exc)) from exc
    if output:
        click.echo(f"wrote {manifest['rows']} articles to {output} "
                   f"(manifest: {manifest.get('manifest_file')})", err=True)


@main.command()
@click.argument("url")
@db_option
@click.option("--json", "as_json", is_flag=True)
def history(url: str, db: str, as_json: bool) -> None:
    """Every stored version of one article, with a word-level diff between consecutive ones."""
    from newsarchive.archive.history import history as article_history
    from newsarchive.archive.history import render_history
    from newsarchive.urls import canonicalize_url

    with _open_archive(db) as archive:
        candidates = [url, canonicalize_url(url)]
        for candidate in candidates:
            data = article_history(archive, candidate) if as_json else render_history(archive, candidate)
            if data:
                break
        else:
            raise click.ClickException(f"{url} is not in the archive")
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if as_json else data)


def _prepare(style: str, min_body: int) -> Any:
    """Normalise and validate an extracted article the way the crawl pipelines do."""
    from newsarchive.pipelines.normalize import normalize_article
    from newsarchive.pipelines.validate import rejection_reason

    def prepare(article: Any) -> Any:
        article = normalize_article(article, style)
        return None if rejection_reason(article, min_body) else article

    return prepare


@main.command()
@db_option
@click.option("--warc-dir", default="data/warc", show_default=True)
@click.option("--source", "source_id", default=None, help="Only this source.")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Only captures fetched since.")
@sources_dir_option
def reextract(db: str, warc_dir: str, source_id: str | None, since: str | None,
              sources_dir: str) -> None:
    """Rebuild article rows from the WARC captures with the current extractor (no network)."""
    from newsarchive.archive.warc import reextract as run_reextract
    from newsarchive.settings import NEWSARCHIVE_MIN_BODY_CHARS, NEWSARCHIVE_TONE_STYLE

    if since:
        _check_day(since)
    sources = _load_sources(sources_dir)
    started = time.monotonic()
    with _open_archive(db) as archive:
        counts = run_reextract(archive, warc_dir, source_id=source_id, since=since, sources=sources,
                               prepare=_prepare(NEWSARCHIVE_TONE_STYLE, NEWSARCHIVE_MIN_BODY_CHARS))
    elapsed = time.monotonic() - started
    total = sum(counts.values())
    click.echo(", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "no captures")
    click.echo(f"re-extracted {total} captures in {elapsed:.1f} s")


@main.command("warc-import")
@click.argument("warc_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--source", "source_id", default=None,
              help="Attribute every record to this source (default: by the URL's host).")
@sources_dir_option
def warc_import(warc_files: tuple[str, ...], db: str, source_id: str | None, sources_dir: str) -> None:
    """Ingest WARC files made by other tools (wget, Browsertrix) for known sources."""
    from newsarchive.archive import Archive
    from newsarchive.archive.warc import import_warc
    from newsarchive.settings import NEWSARCHIVE_MIN_BODY_CHARS, NEWSARCHIVE_TONE_STYLE

    sources = _load_sources(sources_dir)
    if source_id and source_id not in sources:
        raise click.ClickException(f"unknown source {source_id!r}")
    with Archive(db) as archive:
        for s in ([sources[source_id]] if source_id else sources.values()):
            archive.upsert_source(s)
        for path in warc_files:
            try:
                counts = import_warc(archive, path, source=sources.get(source_id or ""),
                                     sources=sources,
                                     prepare=_prepare(NEWSARCHIVE_TONE_STYLE,
                                                      NEWSARCHIVE_MIN_BODY_CHARS))
            except (OSError, ValueError) as exc:
                raise click.ClickException(f"{path}: {exc}") from exc
            click.echo(f"{path}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


# ---- extraction ------------------------------------------------------------------------------
@main.command()
@click.argument("file_or_url")
@click.option("--url", default=None, help="The page's URL, when FILE_OR_URL is a file.")
@click.option("--source", "source_id", default=None, help="Use this source definition.")
@sources_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (the stable contract).")
def extract(file_or_url: str, url: str | None, source_id: str | None, sources_dir: str,
            as_json: bool) -> None:
    """Extract one page: prints the article fields, or is_article false for other pages."""
    from newsarchive.extract import extract as run_extract
    from newsarchive.sources import source_for_url

    if file_or_url.startswith(("http://", "https://")):
        data = _fetch(file_or_url)
        url = url or file_or_url
    else:
        path = Path(file_or_url)
        if not path.is_file():
            raise click.ClickException(f"no such file: {file_or_url}")
        data = path.read_bytes()
        url = url or path.resolve().as_uri()
    if not _looks_like_html(data):
        raise click.ClickException(f"{file_or_url} is not an HTML page")
    sources = _load_sources(sources_dir)
    if source_id:
        if source_id not in sources:
            raise click.ClickException(f"unknown source {source_id!r}")
        source = sources[source_id]
    else:
        source = source_for_url(url, sources)
    result = run_extract(data, url, source)
    if result.is_article and result.article is not None:
        out: dict[str, Any] = {"is_article": True, **result.article.to_dict()}
        for k in ("fetched_url", "fetched_at", "http_status", "warc_file", "warc_offset",
                  "content_digest", "capture_id"):
            out.pop(k, None)
        if source is not None and not out.get("source"):
            out["source"] = source.id
    else:
        out = {"is_article": False, "page_type": result.page_type}
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False))
    else:
        for k, v in out.items():
            click.echo(f"{k}: {json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v}")


def _fetch(url: str) -> bytes:
    import urllib.error
    import urllib.request

    from newsarchive.settings import USER_AGENT

    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return bytes(resp.read(8 * 1024 * 1024))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise click.ClickException(f"cannot fetch {url}: {exc}") from exc


def _looks_like_html(data: bytes) -> bool:
    head = data[:4096].lower()
    if b"\x00" in head and b"<" not in head[:200]:
        return False
    return b"<" in head and any(t in head for t in (b"<html", b"<!doctype", b"<head", b"<body",
                                                     b"<div", b"<p", b"<meta", b"<title"))


@main.command("eval")
@click.option("--no-zyte", is_flag=True, help="Skip the zyte-dev pages (../shared/).")
@click.option("--no-peers", is_flag=True,
              help="Score newsarchive only (no trafilatura/newspaper4k).")
@click.option("--no-robustness", is_flag=True, help="Skip the scrambled-markup re-run.")
@click.option("--seed", type=int, default=12, show_default=True,
              help="Seed of the class/id renaming and chrome reordering.")
def eval_command(no_zyte: bool, no_peers: bool, no_robustness: bool, seed: int) -> None:
    """Score extraction: own pages, public dev sets, held-out pages, robustness, per family."""
    from newsarchive.evaluate import EvalError, run_eval

    try:
        run_eval(sys.stdout, zyte=not no_zyte, peers=not no_peers, robust=not no_robustness,
                 seed=seed)
    except EvalError as exc:
        raise click.ClickException(str(exc)) from exc


# ---- Vietnamese text -------------------------------------------------------------------------
@main.command()
@click.option("--style", type=click.Choice(["old", "new"]), default="old", show_default=True,
              help="Tone-mark style: old = hòa/thủy, new = hoà/thuỷ.")
@click.option("--fold", "do_fold", is_flag=True, help="Print the search-folded text (no marks, đ→d).")
def normalize(style: str, do_fold: bool) -> None:
    """Normalise Vietnamese text from stdin to stdout."""
    from newsarchive.vietnamese import fold, normalize_text

    data = sys.stdin.buffer.read()
    text = data.decode("utf-8", errors="replace")
    out_lines = []
    for line in text.splitlines():
        cleaned = normalize_text(line, style=style)
        out_lines.append(fold(cleaned) if do_fold else cleaned)
    sys.stdout.write("\n".join(out_lines) + ("\n" if text.endswith("\n") else ""))


# ---- sources ---------------------------------------------------------------------------------
@main.group()
def sources() -> None:
    """Source definitions (one file per paper)."""


@sources.command("list")
@sources_dir_option
@click.option("--json", "as_json", is_flag=True)
def sources_list(sources_dir: str, as_json: bool) -> None:
    """List every defined source."""
    found = _load_sources(sources_dir)
    rows = [{"id": s.id, "name": s.name, "province": s.province, "homepage": s.homepage,
             "verified": "yes" if s.verified else "no"} for s in found.values()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(_table(rows, [("id", "id"), ("name", "name"), ("province", "province"),
                             ("homepage", "homepage"), ("verified", "verified")]))


@sources.command("add")
@click.argument("source_id")
@click.option("--url", "home_url", required=True, help="The paper's home page.")
@click.option("--name", default=None, help="Display name, e.g. 'Báo Lai Châu'.")
@click.option("--province", default=None)
@click.option("--mirror", default=None, metavar="URL", help="Discover through the offline mirror.")
@click.option("--render/--no-render", "use_render", default=None,
              help="Compare pages with what Chromium renders (default: when rendering is "
                   "installed) to detect script-built listings and bodies and JSON listing APIs.")
@click.option("--force", is_flag=True, help="Overwrite an existing definition file.")
@sources_dir_option
def sources_add(source_id: str, home_url: str, name: str | None, province: str | None,
                mirror: str | None, use_render: bool | None, force: bool,
                sources_dir: str) -> None:
    """Discover a paper's feeds, sitemaps, sections, URL pattern and what it needs (headers,
    rendering, a JSON listing API); write its definition."""
    import contextlib

    from newsarchive.render import Renderer, unavailable_reason
    from newsarchive.sources import BROWSER_HEADERS, SourceError
    from newsarchive.sources.discover import (
        DiscoveryError,
        discover_source,
        make_fetch,
        sources_sharing_hosts,
        write_definition,
    )

    reason = unavailable_reason()
    if use_render and reason:
        raise click.ClickException(reason)
    if use_render is None and reason:
        click.echo(f"note: not comparing with rendered pages ({reason})", err=True)
    renderer = Renderer(mirror) if (use_render or use_render is None) and not reason else None
    try:
        with contextlib.closing(renderer) if renderer else contextlib.nullcontext():
            data = discover_source(home_url, make_fetch(mirror), source_id=source_id, name=name,
                                   province=province,
                                   browser_fetch=make_fetch(mirror, headers=BROWSER_HEADERS),
                                   render=renderer)
            if renderer is not None and data.get("headers") == "browser":
                renderer.headers = dict(BROWSER_HEADERS)
        path = write_definition(Path(sources_dir), data, overwrite=force)
    except (DiscoveryError, SourceError, FileExistsError, OSError, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {path}")
    click.echo(f"  feeds: {len(data.get('feeds') or [])}  sitemaps: {len(data.get('sitemaps') or [])}"
               f"  start pages: {len(data.get('start_urls') or [])}")
    click.echo(f"  article URLs match: {data.get('article_url_pattern')}")
    if len(data.get("domains") or []) > 1:
        click.echo(f"  hosts: {', '.join(data['domains'])} (its <base href> points to the first)")
    if data.get("headers"):
        click.echo("  headers: browser (the site answers 403 without browser-like headers)")
    for kind in data.get("render") or {}:
        what = "their links appear" if kind == "listings" else "the body appears"
        click.echo(f"  render: {kind} need a browser ({what} only after the page's scripts run)")
    if data.get("listing_api"):
        api = data["listing_api"]
        click.echo(f"  listing API: {api['url']}  ({len(api.get('categories') or [])} categories)")
    clash = sources_sharing_hosts(data, _load_sources(sources_dir))
    if clash:
        click.echo(f"  warning: its hosts are also claimed by {', '.join(clash)}", err=True)
    click.echo(f"next: newsarchive sources check {source_id}   then   newsarchive crawl {source_id}")


@sources.command("check")
@click.argument("source_id")
@click.option("--mirror", default=None, metavar="URL", help="Check against the offline mirror.")
@click.option("--articles", default=5, show_default=True, type=click.IntRange(1, 50))
@click.option("--json", "as_json", is_flag=True)
@sources_dir_option
def sources_check(source_id: str, mirror: str | None, articles: int, as_json: bool,
                  sources_dir: str) -> None:
    """Fetch a few pages of a source and report discovery, field coverage and evidence age."""
    import contextlib

    from newsarchive.render import Renderer, unavailable_reason
    from newsarchive.sources.check import check_source, format_report
    from newsarchive.sources.discover import make_fetch

    found = _load_sources(sources_dir)
    if source_id not in found:
        raise click.ClickException(f"unknown source {source_id!r}")
    source = found[source_id]
    needs_browser = source.renders("listings") or source.renders("articles")
    renderer = (Renderer(mirror, headers=source.headers)
                if needs_browser and unavailable_reason() is None else None)
    with contextlib.closing(renderer) if renderer else contextlib.nullcontext():
        report = check_source(source, make_fetch(mirror, headers=source.headers),
                              max_articles=articles, render=renderer)
    click.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else format_report(report))
    sys.exit(0 if report["ok"] else 1)


# ---- mirror ----------------------------------------------------------------------------------
@main.group()
def mirror() -> None:
    """The bundled offline mirror of provincial sites."""


@mirror.command("serve")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
@click.option("--faults", is_flag=True, help="Also serve broken pages (for tests).")
def mirror_serve(port: int, faults: bool) -> None:
    """Serve the mirror on 127.0.0.1:PORT until interrupted."""
    from newsarchive.mirror.server import MirrorServer

    with MirrorServer(port=port, faults=faults) as server:
        click.echo(f"mirror serving at {server.url}  (crawl with: newsarchive crawl --all --mirror {server.url})")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            click.echo("stopped")


# ---- photos ----------------------------------------------------------------------------------
@main.group()
def media() -> None:
    """Photos kept with their articles (in the WARC files and the media table)."""


@media.command("fetch")
@click.argument("source_ids", nargs=-1)
@db_option
@sources_dir_option
@click.option("--warc-dir", default="data/warc", show_default=True, help="Where raw captures go.")
@click.option("--mirror", default=None, metavar="URL",
              help="Fetch through the offline mirror at URL instead of the real sites.")
@click.option("--wait", "wait_for_lock", is_flag=True,
              help="Wait for a running crawl of the same paper instead of refusing.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Scrapy or NEWSARCHIVE_* setting for this run.")
def media_fetch(source_ids: tuple[str, ...], db: str, sources_dir: str, warc_dir: str,
                mirror: str | None, wait_for_lock: bool, overrides: tuple[str, ...]) -> None:
    """Fetch the photos of archived articles that are not stored yet (all papers by default).

    A real crawl of the photo URLs, as polite as the papers' crawls; failed photos are tried
    again.  Exit status: 0 done (failures are listed by reason); 1 a paper's run failed.
    """
    from newsarchive.archive.media import backlog, media_summary
    from newsarchive.crawling.lock import SourceBusyError, acquire_source_locks
    from newsarchive.pipelines.media import fetch_backlog

    sources = _load_sources(sources_dir)
    unknown = [i for i in source_ids if i not in sources]
    if unknown:
        raise click.ClickException(f"unknown source(s): {', '.join(unknown)}")
    with _open_archive(db) as archive:
        waiting: dict[str, int] = {}
        for item in backlog(archive.conn, max_attempts=None):
            waiting[item.source or ""] = waiting.get(item.source or "", 0) + len(item.urls)
    undefined = sorted(k or "(none)" for k in waiting if k not in sources)
    if undefined:
        click.echo(f"skipped: photos of papers with no definition: {', '.join(undefined)}",
                   err=True)
    ids = [i for i in (source_ids or sources) if waiting.get(i)]
    if not ids:
        click.echo("no photos waiting: every archived photo is stored")
        return
    settings = _crawl_settings(db, sources_dir, warc_dir, mirror, None, False, overrides)
    try:
        with acquire_source_locks(Path(db).resolve().parent, ids, wait=wait_for_lock):
            stats = fetch_backlog([sources[i] for i in ids], settings)
    except SourceBusyError as exc:
        click.echo(f"newsarchive: {exc}", err=True)
        sys.exit(75)
    rows = [{
        "source": sid,
        "waiting": waiting.get(sid, 0),
        "stored": s.get("newsarchive/photos/stored", 0),
        "already": s.get("newsarchive/photos/already_stored", 0),
        "failed": s.get("newsarchive/photos/failed", 0),
        "host": s.get("newsarchive/photos/not_fetched/host", 0),
        "finish": s.get("finish_reason", "unknown"),
    } for sid, s in stats.items()]
    click.echo(_table(rows, [("source", "source"), ("waiting", "waiting"), ("stored", "stored"),
                             ("already", "already stored"), ("failed", "failed"),
                             ("host", "not a photo host"), ("finish", "finish")]))
    with _open_archive(db) as archive:
        _print_media_summary(media_summary(archive.conn))
    sys.exit(1 if any(r["finish"] != "finished" for r in rows) else 0)


@media.command("status")
@click.argument("source_id", required=False)
@db_option
@click.option("--json", "as_json", is_flag=True)
def media_status(source_id: str | None, db: str, as_json: bool) -> None:
    """How many photos are stored, how many failed and why, how many wait for `media fetch`."""
    from newsarchive.archive.media import media_summary

    with _open_archive(db) as archive:
        summary = media_summary(archive.conn, source_id)
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        _print_media_summary(summary)


def _print_media_summary(summary: dict[str, Any]) -> None:
    click.echo(f"photos stored: {summary['stored']} ({summary['bytes'] / 1e6:.1f} MB); "
               f"failed: {summary['failed']}; waiting: {summary['waiting']}")
    for reason, count in summary["reasons"].items():
        click.echo(f"  {count:>6}  {reason}")


# ---- browsing --------------------------------------------------------------------------------
@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option("--warc-dir", default=None, type=click.Path(file_okay=False),
              help="Where the archive's WARC files (and so its photos) are "
                   "[default: warc/ beside the archive].")
@click.option("--immutable/--no-immutable", default=None,
              help="Open a frozen copy without locking (chosen by itself in a read-only place).")
def serve(db: str, host: str, port: int, warc_dir: str | None, immutable: bool | None) -> None:
    """Browse and search the archive in Datasette, photos included (read-only)."""
    from newsarchive.web import read_only_place
    from newsarchive.web import serve as web_serve

    path = Path(db)
    if not path.exists():
        raise click.ClickException(
            f"no archive at {db}: run `newsarchive crawl` (or `make demo`) first")
    photos = Path(warc_dir) if warc_dir else path.resolve().parent / "warc"
    if not photos.is_dir():
        click.echo(f"warning: no WARC folder at {photos}: pages show, photos do not "
                   "(pass --warc-dir)", err=True)
    frozen = read_only_place(path) if immutable is None else immutable
    mode = "immutable copy" if frozen else "read-only"
    click.echo(f"serving {db} ({mode}) at http://{host}:{port}/  (Ctrl-C to stop)", err=True)
    sys.exit(web_serve(path, host=host, port=port, warc_dir=photos, immutable=frozen))


if __name__ == "__main__":
    main()
