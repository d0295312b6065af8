"""Read commands: `search`, `stats`, `export`, `history`.  They open the archive read-only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsarchive.cli.common import (
    check_archive_province,
    check_archive_sources,
    db_option,
    open_read,
    published_range_options,
    table,
)
from newsarchive.cli.errors import ConfigError, RunFailed

if TYPE_CHECKING:
    from newsarchive.archive import Archive, SearchHit


class QueryWordsCommand(click.Command):
    """Query words may start with '-' (``search -dien``: without 'dien') or follow ``--``.

    Known options are parsed as usual, wherever they stand; any other word that starts with a
    single '-' is part of the query.  An unknown ``--long`` option is still an error (a typo
    must not silently become a search word); put it after ``--`` to search for it.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        takes_value: dict[str, bool] = {}
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                for name in (*param.opts, *param.secondary_opts):
                    takes_value[name] = not (param.is_flag or param.count)
        options: list[str] = []
        words: list[str] = []
        i = 0
        while i < len(args):
            arg = args[i]
            name = arg.split("=", 1)[0]
            if arg == "--":
                words.extend(args[i + 1:])
                break
            if name in takes_value:
                options.append(arg)
                if takes_value[name] and "=" not in arg and i + 1 < len(args):
                    options.append(args[i + 1])
                    i += 1
            elif arg.startswith("--") and len(arg) > 2:
                options.append(arg)  # unknown long option: click says so
            else:
                words.append(arg)
            i += 1
        return super().parse_args(ctx, [*options, "--", *words])


@click.command(cls=QueryWordsCommand)
@click.argument("words", nargs=-1, required=True)
@db_option
@click.option("--source", default=None, help="Only this source id.")
@click.option("--province", default=None,
              help="Only papers of this province (dien bien = Điện Biên).")
@click.option("--category", default=None, help="Only this category (as the papers name it).")
@published_range_options
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 10000),
              help="How many hits to show.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def search(words: tuple[str, ...], db: str, source: str | None, province: str | None,
           category: str | None, since: str | None, until: str | None, limit: int,
           as_json: bool) -> None:
    """Full-text search, ranked by relevance. 'dien bien' finds 'Điện Biên'.

    WORDS: every word must appear; "a phrase" in quotes; word* for a prefix; -word or NOT word
    to exclude; a OR b.  Words may be given unquoted (search dien bien) and may start with '-'
    (search nong thon -covid).
    """
    from newsarchive.archive import QueryError

    query = " ".join(words)
    with open_read(db) as archive:
        check_archive_sources(archive, [source], db)
        check_archive_province(archive, province, db)
        try:
            hits = archive.search(query, source=source, province=province, category=category,
                                  since=since, until=until, limit=limit)
        except QueryError as exc:
            raise ConfigError(f"cannot search for {query!r}: {exc}") from exc
    if as_json:
        from dataclasses import asdict

        for h in hits:
            click.echo(json.dumps(asdict(h), ensure_ascii=False))
        return
    if not hits:
        click.echo("no matches")
        return
    print_hits(hits)


def print_hits(hits: list[SearchHit]) -> None:
    if not hits:
        click.echo("  no matches")
    for n, h in enumerate(hits, 1):
        day = (h.published or "")[:10]
        click.echo(f"{n:>3}. {h.title}")
        click.echo(f"     {h.source} · {day} · {h.url}")
        if h.snippet:
            click.echo(f"     {h.snippet}")


# ---- stats -----------------------------------------------------------------------------------
@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON.")
def stats(db: str, as_json: bool) -> None:
    """Per paper: articles, first and last published day, its last run and its health."""
    with open_read(db) as archive:
        rows, warnings = paper_rows(archive, db)
    if as_json:
        for r in rows:
            r["warnings"] = warnings.get(r["id"], [])
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    _print_paper_rows(rows, warnings)


def print_stats(archive: Archive, db: str) -> None:
    rows, warnings = paper_rows(archive, db)
    _print_paper_rows(rows, warnings)


def _print_paper_rows(rows: list[dict[str, Any]], warnings: dict[str, list[str]]) -> None:
    click.echo(table(rows, [("id", "source"), ("province", "province"), ("articles", "articles"),
                            ("first_published", "first published"),
                            ("last_published", "last published"),
                            ("last_run", "last run"), ("last_run_state", "state"),
                            ("last_run_pages", "pages"), ("last_run_new", "new"),
                            ("health", "health")]))
    for source in sorted(warnings):
        for w in warnings[source]:
            click.echo(f"warning: {w}")


def paper_rows(archive: Archive, db: str) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """source_stats() plus each paper's last run (state, pages, new) and health; warnings."""
    from newsarchive.crawling.health import assess_latest
    from newsarchive.crawling.runstate import ABANDONED, FAILED, RUNNING, lock_state

    rows = archive.source_stats()
    last: dict[str, dict[str, Any]] = {}
    cur = archive.conn.execute(
        "SELECT source, started_at, finished_at, state, pages, new FROM crawls "
        "WHERE id IN (SELECT max(id) FROM crawls WHERE source IS NOT NULL GROUP BY source)")
    for source, started, finished, state, pages, new in cur:
        if state == RUNNING and lock_state(Path(db).resolve().parent, source) == "free":
            state = ABANDONED  # its process is gone (the next crawl records it so)
        last[source] = {"started": started, "finished": finished, "state": state,
                        "pages": pages, "new": new}
    warnings = assess_latest(db)
    for r in rows:
        run = last.get(r["id"], {})
        r["last_run"] = (run.get("started") or "")[:19].replace("T", " ") or None
        r["last_run_state"] = run.get("state")
        r["last_run_pages"] = run.get("pages")
        r["last_run_new"] = run.get("new")
        if not run:
            r["health"] = "never crawled"
        elif run["state"] in (FAILED, ABANDONED):
            r["health"] = run["state"]
        elif warnings.get(r["id"]):
            r["health"] = f"{len(warnings[r['id']])} warning(s)"
        else:
            r["health"] = "ok" if run["state"] == "finished" else run["state"]
    return rows, {k: v for k, v in warnings.items() if v}


# ---- export ----------------------------------------------------------------------------------
@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default=None,
              help="jsonl, csv or parquet; by default taken from the -o file's extension "
                   "(JSONL on standard output).")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="Output file (a FILE.manifest.json is written beside it); stdout if omitted.")
@click.option("--source", default=None, help="Only this source id.")
@click.option("--province", default=None, help="Only papers of this province.")
@click.option("--category", default=None, help="Only this category.")
@published_range_options
@click.option("--excel", is_flag=True,
              help="CSV for Excel: start the file with a UTF-8 byte-order mark.")
@click.option("--segmented", is_flag=True,
              help="Add title_segmented and text_segmented: words joined by '_' (underthesea; "
                   "needs pip install 'newsarchive[segment]').")
@click.option("--media", "with_media", is_flag=True,
              help="Write the articles' stored photos into media/ beside -o FILE and list them "
                   "(url, path, size) in a media field.")
@click.option("--warc-dir", default="data/warc", show_default=True,
              help="Where the photos' WARC records are (with --media).")
def export(db: str, fmt: str | None, output: str | None, source: str | None,
           province: str | None, category: str | None, since: str | None, until: str | None,
           excel: bool, segmented: bool, with_media: bool, warc_dir: str) -> None:
    """Export articles (every field, NFC text) as JSONL, CSV or Parquet, in constant memory."""
    from newsarchive.archive.export import ExportError, export_articles, format_for

    try:
        fmt = format_for(output, fmt)
    except ExportError as exc:
        raise ConfigError(str(exc)) from exc
    if output and Path(db).exists() and Path(output).resolve() == Path(db).resolve():
        raise ConfigError(f"-o {output} is the archive itself: choose another output file")
    if output and any(p.exists() and not p.is_dir() for p in Path(output).parents):
        raise ConfigError(f"{output}: cannot write it (a folder in that path is a file)")
    with open_read(db) as archive:
        check_archive_sources(archive, [source], db)
        check_archive_province(archive, province, db)
        try:
            manifest = export_articles(archive, fmt, output, source=source, province=province,
                                       category=category, since=since, until=until,
                                       segmented=segmented, excel=excel,
                                       media_warc_dir=warc_dir if with_media else None)
        except ExportError as exc:
            raise ConfigError(str(exc)) from exc
        except OSError as exc:
            if output is None or isinstance(exc, BrokenPipeError):
                raise
            raise ConfigError(f"{output}: cannot write it ({exc.strerror or exc})") from exc
    if output:
        click.echo(f"wrote {manifest['rows']} articles to {output} as {fmt} "
                   f"(manifest: {manifest.get('manifest_file')})", err=True)


# ---- history ---------------------------------------------------------------------------------
@click.command()
@click.argument("url")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print versions and diffs as JSON.")
def history(url: str, db: str, as_json: bool) -> None:
    """Every stored version of one article, with a word-level diff between consecutive ones.

    URL may be written as you found it: http or https, with or without www., a trailing slash
    or tracking parameters (utm_source, fbclid) all find the archived article.
    """
    from newsarchive.archive.history import find_article_urls, render_history
    from newsarchive.archive.history import history as article_history

    with open_read(db) as archive:
        found = find_article_urls(archive.conn, url)
        if not found:
            raise RunFailed(f"{url} is not in {db} (nor its http/https, www or "
                            "trailing-slash variants)")
        stored = found[0]
        data = article_history(archive, stored) if as_json else render_history(archive, stored)
    if stored != url:
        click.echo(f"note: archived as {stored}", err=True)
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if as_json else data)
