"""Exports of the articles table: JSON Lines, CSV or Parquet, streamed, with a manifest.

Rows are read with a cursor and written one batch at a time, so memory stays flat however big the
archive is.  Every text value leaves NFC.  The manifest says what the file is: filters, row
count, schema version, tool version and the crawl windows the rows come from, so an analyst can
cite an export months later.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
import unicodedata
from importlib import metadata
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newsarchive.archive.search import matching_categories, parse_day, province_sources
from newsarchive.archive.store import utc_now

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterator
    from datetime import date

    from newsarchive.archive.store import Archive

FORMATS = ("jsonl", "csv", "parquet")
#: File name endings and the format each one means.
EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
#: What Excel needs to read a CSV as UTF-8 rather than the Windows code page.
BOM = "\ufeff"
BATCH = 500
#: Exported fields: every articles column, then the source's name and province, then captions.
ARTICLE_COLUMNS = (
    "id",
    "url",
    "source",
    "title",
    "sapo",
    "body",
    "published",
    "published_day",
    "modified",
    "author",
    "credit",
    "category",
    "tags",
    "date_from",
    "date_raw",
    "page_type",
    "language",
    "quality",
    "image_count",
    "word_count",
    "content_hash",
    "first_seen",
    "last_seen",
    "fetched_url",
    "http_status",
    "gone_at",
    "duplicate_of",
    "version",
    "capture_id",
)
INT_COLUMNS = frozenset(
    {"id", "image_count", "word_count", "http_status", "duplicate_of", "version", "capture_id"}
)
FIELDS = (*ARTICLE_COLUMNS, "source_name", "province", "captions", "photos")
#: Added by ``segmented=True``: the title, and the lead then the body, as segmented words.
SEGMENTED_FIELDS = ("title_segmented", "text_segmented")


def _media_arrow_type(pa: Any) -> Any:
    """The Parquet type of one entry of the ``media`` list (``--media``)."""
    return pa.struct([("url", pa.string()), ("path", pa.string()), ("sha1", pa.string()),
                      ("mime_type", pa.string()), ("width", pa.int64()),
                      ("height", pa.int64()), ("bytes", pa.int64()), ("error", pa.string())])


class ExportError(ValueError):
    """An export that cannot be made (unknown format, missing optional library, bad filter)."""


def format_for(output: str | Path | None, fmt: str | None) -> str:
    """The export format: from the output file's extension, checked against ``fmt`` if given.

    ``-o x.csv`` writes CSV; ``-o x.csv --format jsonl`` is refused rather than writing JSONL
    into a file every tool will read as CSV.  Standard output defaults to JSONL.
    """
    if fmt is not None and fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if output is None:
        return fmt or "jsonl"
    suffix = Path(output).suffix.lower()
    by_name = EXTENSIONS.get(suffix)
    if fmt and by_name and fmt != by_name:
        raise ExportError(f"{output} is named as {by_name.upper()} but --format is {fmt}: "
                          f"name the file .{fmt}, or drop --format")
    if by_name or fmt:
        return by_name or str(fmt)
    raise ExportError(f"cannot tell the format of {output} from its name: end it in "
                      ".jsonl, .csv or .parquet, or pass --format")


def _nfc(value: Any) -> Any:
    if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value


def _filters_sql(conn: sqlite3.Connection, filters: dict[str, str | None]) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if filters.get("source"):
        where.append("a.source = ?")
        params.append(filters["source"])
    if filters.get("province"):
        ids = province_sources(conn, str(filters["province"]))
        where.append(f"a.source IN ({', '.join('?' for _ in ids) or 'NULL'})")
        params.extend(ids)
    if filters.get("category"):
        names = matching_categories(conn, str(filters["category"]))
        where.append(f"a.category IN ({', '.join('?' for _ in names) or 'NULL'})")
        params.extend(names)
    if filters.get("since"):
        where.append("a.published_day >= ?")
        params.append(filters["since"])
    if filters.get("until"):
        where.append("a.published_day <= ?")
        params.append(filters["until"])
    return (" WHERE " + " AND ".join(where)) if where else "", params


def iter_articles(archive: Archive, **filters: str | None) -> Iterator[dict[str, Any]]:
    """Every matching article as a dict of FIELDS (tags and captions as lists), in id order."""
    where, params = _filters_sql(archive.conn, filters)
    cols = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS)
    # uncaptioned photos (migration 0010; an older archive opened read-only has none)
    photos = ("(SELECT json_group_array(url) FROM (SELECT url FROM article_photos p "
              "WHERE p.article_url = a.url ORDER BY position))" if archive.conn.execute(
                  "SELECT 1 FROM sqlite_master WHERE name = 'article_photos'").fetchone()
              else "'[]'")
    sql = (
        f"SELECT {cols}, s.name, s.province, "
        "(SELECT json_group_array(json_object('text', text, 'image_url', image_url, "
        "'credit', credit)) FROM (SELECT * FROM captions c WHERE c.article_id = a.id "
        "ORDER BY position)), "
        f"{photos} "
        f"FROM articles a LEFT JOIN sources s ON s.id = a.source{where} ORDER BY a.id"
    )
    cur = archive.conn.execute(sql, params)
    while True:
        rows = cur.fetchmany(BATCH)
        if not rows:
            return
        for row in rows:
            record = {name: _nfc(value) for name, value in zip(FIELDS, row, strict=True)}
            record["tags"] = json.loads(record["tags"] or "[]")
            record["photos"] = json.loads(record["photos"] or "[]")
            record["captions"] = [
                {k: _nfc(v) for k, v in c.items()} for c in json.loads(record["captions"] or "[]")
            ]
            yield record


def _with_segmentation(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Add SEGMENTED_FIELDS to each row (the text is the lead, a blank line, then the body)."""
    from newsarchive.vietnamese.wordseg import segment

    for row in rows:
        row["title_segmented"] = segment(row["title"])
        parts = [p for p in (row["sapo"], row["body"]) if p]
        row["text_segmented"] = segment("\n\n".join(parts)) if parts else None
        yield row


def _write_jsonl(rows: Iterator[dict[str, Any]], stream: IO[str]) -> int:
    n = 0
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False))
        stream.write("\n")
        n += 1
    return n


def _write_csv(
    rows: Iterator[dict[str, Any]], stream: IO[str], fields: tuple[str, ...] = FIELDS
) -> int:
    writer = csv.DictWriter(stream, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        row["tags"] = json.dumps(row["tags"], ensure_ascii=False)
        row["captions"] = json.dumps(row["captions"], ensure_ascii=False)
        row["photos"] = json.dumps(row["photos"], ensure_ascii=False)
        if "media" in row:
            row["media"] = json.dumps(row["media"], ensure_ascii=False)
        writer.writerow(row)
        n += 1
    return n


def _write_text(rows: Iterator[dict[str, Any]], stream: IO[str], fmt: str,
                fields: tuple[str, ...], excel: bool) -> int:
    if fmt == "jsonl":
        return _write_jsonl(rows, stream)
    if excel:
        stream.write(BOM)
    return _write_csv(rows, stream, fields)


def _write_parquet(
    rows: Iterator[dict[str, Any]], path: Path, fields: tuple[str, ...] = FIELDS
) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError(
            "parquet export needs pyarrow, which is not installed: `pip install pyarrow`, "
            "or export --format jsonl / csv"
        ) from None
    caption = pa.struct(
        [("text", pa.string()), ("image_url", pa.string()), ("credit", pa.string())]
    )

    def arrow_type(name: str) -> Any:
        if name == "media":
            return pa.list_(_media_arrow_type(pa))
        if name in ("tags", "photos"):
            return pa.list_(pa.string())
        if name == "captions":
            return pa.list_(caption)
        return pa.int64() if name in INT_COLUMNS else pa.string()

    schema = pa.schema([(name, arrow_type(name)) for name in fields])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def tool_version() -> str:
    try:
        return metadata.version("newsarchive")
    except metadata.PackageNotFoundError:
        return "unknown"


def crawl_windows(archive: Archive, source: str | None) -> list[dict[str, Any]]:
    """Per crawled source (None = a crawl of all sources): first start, last finish, runs."""
    sql = (
        "SELECT source, min(started_at), max(finished_at), count(*) FROM crawls "
        "WHERE state != 'running'"
    )
    params: list[Any] = []
    if source:
        sql += " AND (source = ? OR source IS NULL)"
        params.append(source)
    sql += " GROUP BY source ORDER BY source"
    return [
        {"source": r[0], "first_started": r[1], "last_finished": r[2], "crawls": r[3]}
        for r in archive.conn.execute(sql, params)
    ]


def export_articles(
    archive: Archive,
    fmt: str,
    output: str | Path | None = None,
    *,
    source: str | None = None,
    province: str | None = None,
    category: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    stream: IO[str] | None = None,
    segmented: bool = False,
    excel: bool = False,
    media_warc_dir: str | Path | None = None,
) -> dict[str, Any]:
    """Write the export; returns the manifest (also written beside a file as FILE.manifest.json).

    With no ``output`` the rows go to ``stream`` (default stdout) and only the returned
    manifest describes them; parquet always needs a file.  ``segmented`` adds SEGMENTED_FIELDS
    (needs the ``segment`` extra, checked before anything is written).  ``excel`` starts a CSV
    with a byte-order mark, so Excel reads its Vietnamese as UTF-8.  A file appears only
    complete: rows go to a hidden ``.FILE.part`` renamed at the end (removed on failure).
    ``media_warc_dir`` writes the articles' stored photos, read from those WARC files, into
    ``media/`` beside the output file and adds a ``media`` list to each row (archive/media.py,
    PhotoExport).
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if excel and fmt != "csv":
        raise ExportError("--excel applies to CSV exports only (-o FILE.csv)")
    try:
        filters = {
            "source": source,
            "province": province,
            "category": category,
            "since": parse_day(since, "since"),
            "until": parse_day(until, "until"),
        }
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    segmentation = _segmentation(segmented)
    fields = (*FIELDS, *SEGMENTED_FIELDS) if segmentation else FIELDS
    rows = iter_articles(archive, **filters)
    if segmentation:
        rows = _with_segmentation(rows)
    path = Path(output) if output is not None else None
    if fmt == "parquet" and path is None:
        raise ExportError("parquet export needs an output file (-o FILE.parquet)")
    photos = None
    if media_warc_dir is not None:
        if path is None:
            raise ExportError("--media needs an output file (-o FILE): the photos go beside it")
        from newsarchive.archive.media import PhotoExport

        base = path.parent.resolve()
        photos = PhotoExport(archive.conn, media_warc_dir, base / "media", base)
        rows = iter(photos.rows(rows))
        fields = (*fields, "media")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f".{path.name}.part")
        try:
            if fmt == "parquet":
                count = _write_parquet(rows, part, fields)
            else:
                with part.open("w", encoding="utf-8", newline="") as fh:
                    count = _write_text(rows, fh, fmt, fields, excel)
            part.replace(path)
        finally:
            part.unlink(missing_ok=True)
    else:
        count = _write_text(rows, stream or sys.stdout, fmt, fields, excel)
    manifest: dict[str, Any] = {
        "tool": "newsarchive",
        "tool_version": tool_version(),
        "created_at": utc_now(),
        "archive": str(archive.path),
        "schema_version": archive.schema_version,
        "format": fmt,
        "file": path.name if path else None,
        "rows": count,
        "fields": list(fields),
        "filters": {k: v for k, v in filters.items() if v},
        "crawl_windows": crawl_windows(archive, source),
        "text_normalization": "NFC",
    }
    if segmentation:
        manifest["segmentation"] = segmentation
    if excel:
        manifest["byte_order_mark"] = True
    if photos is not None:
        manifest["media"] = photos.manifest()
    if path is not None:
        manifest["sha256"] = _sha256(path)
        manifest_path = path.with_name(path.name + ".manifest.json")
        manifest_path.write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        manifest["manifest_file"] = manifest_path.name
    return manifest


def _segmentation(segmented: bool) -> dict[str, Any] | None:
    """The manifest's account of the segmentation, or None; fails early if the extra is missing."""
    if not segmented:
        return None
    from newsarchive.vietnamese.wordseg import SegmenterMissing, require_segmenter

    try:
        tool = require_segmenter()
    except SegmenterMissing as exc:
        raise ExportError(str(exc)) from None
    return {
        **tool,
        "fields": {"title_segmented": "title", "text_segmented": "sapo, blank line, body"},
        "format": "syllables of a word joined by '_', words and punctuation separated by "
        "one space, line breaks kept; letters and tone marks unchanged",
    }


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
