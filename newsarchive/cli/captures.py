"""Commands over raw captures: `reextract` (our WARCs) and `warc-import` (other tools' WARCs)."""

from __future__ import annotations

import time
from typing import Any

import click

from newsarchive.cli.common import (
    check_archive_sources,
    day_option,
    db_option,
    load_sources,
    open_write,
    published_range_options,
    reading,
    require_defined,
    sources_dir_option,
)
from newsarchive.cli.errors import ConfigError, RunFailed


def prepare_article(style: str, min_body: int) -> Any:
    """Normalise and validate an extracted article the way the crawl pipelines do."""
    from newsarchive.pipelines.normalize import normalize_article
    from newsarchive.pipelines.validate import judge_article

    def prepare(article: Any) -> Any:
        article = normalize_article(article, style)
        return article if judge_article(article, min_body) else None

    return prepare


def _pipeline_prepare() -> Any:
    from newsarchive.settings import NEWSARCHIVE_MIN_BODY_CHARS, NEWSARCHIVE_TONE_STYLE

    return prepare_article(NEWSARCHIVE_TONE_STYLE, NEWSARCHIVE_MIN_BODY_CHARS)


@click.command()
@db_option
@click.option("--warc-dir", default="data/warc", show_default=True,
              help="Where the crawl wrote its WARC files.")
@click.option("--source", "source_id", default=None, help="Only this source's articles.")
@published_range_options
@day_option("--captured-since", help="Only captures fetched on or after this day.")
@sources_dir_option
def reextract(db: str, warc_dir: str, source_id: str | None, since: str | None,
              until: str | None, captured_since: str | None, sources_dir: str) -> None:
    """Rebuild article rows from the WARC captures with the current extractor (no network)."""
    from newsarchive.archive.warc import reextract as run_reextract

    sources = load_sources(sources_dir)
    started = time.monotonic()
    with open_write(db) as archive:
        check_archive_sources(archive, [source_id], db)
        counts = run_reextract(archive, warc_dir, source_id=source_id, since=captured_since,
                               published_since=since, published_until=until, sources=sources,
                               prepare=_pipeline_prepare())
    elapsed = time.monotonic() - started
    total = sum(counts.values())
    click.echo(", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "no captures")
    click.echo(f"re-extracted {total} captures in {elapsed:.1f} s")
    if counts.get("unreadable"):
        raise RunFailed(f"{counts['unreadable']} captures could not be read from {warc_dir} "
                        "(moved or damaged WARC files; see the warnings above)")


@click.command("warc-import")
@click.argument("warc_files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--source", "source_id", default=None,
              help="Attribute every record to this source (default: by the URL's host).")
@sources_dir_option
def warc_import(warc_files: tuple[str, ...], db: str, source_id: str | None,
                sources_dir: str) -> None:
    """Ingest WARC files made by other tools (wget, Browsertrix) for known sources.

    A file that ends inside a record (an interrupted download) has its complete records
    imported, is reported, and makes the command exit 1.
    """
    from newsarchive.archive.warc import WarcTruncatedError, check_warc, import_warc

    sources = load_sources(sources_dir)
    if source_id:
        require_defined([source_id], sources, sources_dir)
    for path in warc_files:  # every file is checked before the archive is touched
        reading(path)
        try:
            check_warc(path)
        except ValueError as exc:
            raise ConfigError(f"{path} is not a WARC file ({exc}): warc-import reads WARC "
                              "files (.warc, .warc.gz) such as wget --warc-file writes") from exc
        except Exception as exc:
            if type(exc).__module__.startswith("warcio"):
                raise ConfigError(
                    f"{path} is not a WARC file ({exc}): warc-import reads WARC files "
                    "(.warc, .warc.gz) such as wget --warc-file writes") from exc
            raise
    truncated: list[str] = []
    with open_write(db) as archive:
        for s in ([sources[source_id]] if source_id else sources.values()):
            archive.upsert_source(s)
        for path in warc_files:
            reading(path)
            try:
                counts = import_warc(archive, path, source=sources.get(source_id or ""),
                                     sources=sources, prepare=_pipeline_prepare())
            except WarcTruncatedError as exc:
                click.echo(f"{path}: " + ", ".join(f"{k} {v}" for k, v in
                                                   sorted(exc.counts.items())) + " (truncated)")
                truncated.append(f"{exc}; those were imported, the rest of the file is missing: "
                                 "get a complete copy and import it again")
                continue
            click.echo(f"{path}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if truncated:
        raise RunFailed(" | ".join(truncated))
