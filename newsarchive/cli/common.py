"""What every command shares: options with one meaning each, source loading, archive opening."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsarchive.cli.errors import ConfigError, remember_db, remember_file

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from newsarchive.archive import Archive
    from newsarchive.sources import Source

DEFAULT_DB = "data/archive.db"
DEFAULT_SOURCES_DIR = "data/sources"


# ---- options ---------------------------------------------------------------------------------
def db_option(f: Any) -> Any:
    return click.option(
        "--db", "db", default=DEFAULT_DB, show_default=True, envvar="NEWSARCHIVE_DB",
        type=click.Path(dir_okay=False), help="SQLite archive file (env NEWSARCHIVE_DB).",
    )(f)


def sources_dir_option(f: Any) -> Any:
    return click.option(
        "--sources-dir", default=DEFAULT_SOURCES_DIR, show_default=True,
        envvar="NEWSARCHIVE_SOURCES_DIR", type=click.Path(file_okay=False),
        help="Your own source definitions, read beside the shipped registry.",
    )(f)


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A day typed as YYYY-MM-DD or day-first D/M/YYYY, as YYYY-MM-DD."""
    from newsarchive.archive.search import QueryError
    from newsarchive.archive.search.filters import parse_day

    if value is None or value == "":
        return None
    try:
        return parse_day(value, param.name or "date")
    except QueryError:
        raise click.BadParameter(
            f"{value!r} is not a date like 2019-01-01 (or day-first 1/7/2019)") from None


def day_option(*names: str, help: str) -> Callable[[Any], Any]:
    return click.option(*names, default=None, metavar="DATE", callback=_day, help=help)


def published_range_options(f: Any) -> Any:
    """--since/--until: the same meaning in every command, the article's publication day."""
    f = day_option("--until", help="Only articles published on or before this day "
                   "(YYYY-MM-DD or D/M/YYYY).")(f)
    return day_option("--since", help="Only articles published on or after this day "
                      "(YYYY-MM-DD or D/M/YYYY).")(f)


# ---- source definitions ----------------------------------------------------------------------
def load_sources(sources_dir: str) -> dict[str, Source]:
    """Shipped definitions plus the user's; a bad file is a one-line error (exit 2)."""
    from newsarchive.sources import SourceError
    from newsarchive.sources import load_sources as load

    try:
        return load([Path(sources_dir)])
    except SourceError as exc:
        raise ConfigError(str(exc)) from exc
    except UnicodeDecodeError as exc:
        bad = _undecodable(Path(sources_dir))
        raise ConfigError(f"{bad or sources_dir}: a source definition must be UTF-8 text "
                          f"({exc.reason})") from exc
    except OSError as exc:
        raise ConfigError(f"{exc.filename or sources_dir}: {exc.strerror or exc}") from exc


def _undecodable(folder: Path) -> Path | None:
    for path in sorted(folder.glob("*.yaml")):
        try:
            path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            return path
    return None


def unknown_source_error(unknown: Iterable[str], known: Iterable[str], where: str) -> ConfigError:
    names = ", ".join(repr(u) for u in unknown)
    known = sorted(known)
    listing = ", ".join(known[:12]) + (f" and {len(known) - 12} more" if len(known) > 12 else "")
    return ConfigError(f"unknown source {names} in {where}" +
                       (f" (known: {listing})" if known else " (it has none)"))


def require_defined(ids: Iterable[str], sources: dict[str, Source], sources_dir: str) -> None:
    """Every id must be a defined source (shipped or in ``sources_dir``)."""
    unknown = [i for i in ids if i not in sources]
    if unknown:
        raise ConfigError(
            f"unknown source {', '.join(repr(u) for u in unknown)}: not in the shipped registry "
            f"or {sources_dir} (see `newsarchive sources list`)")


# ---- the archive -----------------------------------------------------------------------------
def open_read(db: str) -> Archive:
    """The archive opened read-only (works on a copy in a read-only directory)."""
    from newsarchive.archive import Archive

    remember_db(db)
    path = Path(db)
    if not path.exists():
        raise ConfigError(f"no archive at {db}: pass its path with --db, or make one with "
                          "`newsarchive crawl` (or `make demo`)")
    archive = Archive(path, readonly=True)
    try:
        _require_archive_tables(archive, db)
    except BaseException:
        archive.close()
        raise
    return archive


def open_write(db: str) -> Archive:
    """The archive opened for writing (created when missing); refuses files that are not ours."""
    from newsarchive.archive import Archive
    from newsarchive.archive.readonly import check_archive_file, connect_readonly

    remember_db(db)
    path = Path(db)
    if path.exists() and path.stat().st_size > 0:
        check_archive_file(path)
        conn = connect_readonly(path)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
        if tables and "articles" not in tables:
            raise ConfigError(f"{db} is an SQLite database but not a newsarchive archive "
                              "(no articles table): pass another --db")
    return Archive(path)


def _require_archive_tables(archive: Archive, db: str) -> None:
    row = archive.conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'articles'"
    ).fetchone()
    if not row[0]:
        raise ConfigError(f"{db} is not a newsarchive archive (no articles table): "
                          "check the --db path")


def check_archive_sources(archive: Archive, ids: Iterable[str | None], db: str) -> None:
    """Refuse a --source the archive has never heard of (an empty result would hide a typo)."""
    wanted = [i for i in ids if i]
    if not wanted:
        return
    unknown = [i for i in wanted if archive.conn.execute(
        "SELECT 1 FROM sources WHERE id = ? UNION ALL SELECT 1 FROM articles WHERE source = ? "
        "LIMIT 1", (i, i)).fetchone() is None]
    if unknown:
        known = [r[0] for r in archive.conn.execute("SELECT id FROM sources ORDER BY id")]
        raise unknown_source_error(unknown, known, db)


def check_archive_province(archive: Archive, province: str | None, db: str) -> None:
    """Refuse a --province no paper in the archive belongs to (a typo would look like 'none')."""
    from newsarchive.archive.search.filters import province_sources

    if province and not province_sources(archive.conn, province):
        known = sorted({r[0] for r in archive.conn.execute(
            "SELECT DISTINCT province FROM sources WHERE province IS NOT NULL")})
        raise ConfigError(f"no paper of province {province!r} in {db}"
                          + (f" (provinces: {', '.join(known)})" if known else ""))


def reading(path: str | Path) -> None:
    """Note an input file for error messages (warcio, YAML, decoding errors name it)."""
    remember_file(path)


# ---- output ----------------------------------------------------------------------------------
def table(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> str:
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
