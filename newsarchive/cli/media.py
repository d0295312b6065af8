"""`media fetch|status`: photos kept with their articles (the WARC files and the media table)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from newsarchive.cli.common import (
    db_option,
    load_sources,
    open_read,
    require_defined,
    sources_dir_option,
    table,
)


@click.group()
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
    from newsarchive.cli.crawl import EXIT_BUSY, crawl_settings
    from newsarchive.crawling.lock import SourceBusyError, acquire_source_locks
    from newsarchive.pipelines.media import fetch_backlog

    sources = load_sources(sources_dir)
    require_defined(source_ids, sources, sources_dir)
    with open_read(db) as archive:
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
    settings = crawl_settings(db, sources_dir, warc_dir, mirror, None, False, overrides)
    try:
        with acquire_source_locks(Path(db).resolve().parent, ids, wait=wait_for_lock):
            stats = fetch_backlog([sources[i] for i in ids], settings)
    except SourceBusyError as exc:
        click.echo(f"newsarchive: {exc}", err=True)
        sys.exit(EXIT_BUSY)
    rows = [{
        "source": sid,
        "waiting": waiting.get(sid, 0),
        "stored": s.get("newsarchive/photos/stored", 0),
        "already": s.get("newsarchive/photos/already_stored", 0),
        "failed": s.get("newsarchive/photos/failed", 0),
        "host": s.get("newsarchive/photos/not_fetched/host", 0),
        "finish": s.get("finish_reason", "unknown"),
    } for sid, s in stats.items()]
    click.echo(table(rows, [("source", "source"), ("waiting", "waiting"), ("stored", "stored"),
                            ("already", "already stored"), ("failed", "failed"),
                            ("host", "not a photo host"), ("finish", "finish")]))
    with open_read(db) as archive:
        _print_media_summary(media_summary(archive.conn))
    sys.exit(1 if any(r["finish"] != "finished" for r in rows) else 0)


@media.command("status")
@click.argument("source_id", required=False)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def media_status(source_id: str | None, db: str, as_json: bool) -> None:
    """How many photos are stored, how many failed and why, how many wait for `media fetch`."""
    from newsarchive.archive.media import media_summary

    with open_read(db) as archive:
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
