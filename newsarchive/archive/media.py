"""Photos kept with their articles: which photos an article has, whether fetched bytes are a
photo, where they sit in the WARC files, and the ``media`` table that records each one.

One row per photo URL (migration ``0008_media``).  ``status`` is ``stored`` (the bytes are in
the WARC record of ``capture_id``) or ``failed`` (``error`` says why; a later crawl of the paper
or ``newsarchive media fetch`` tries again).  Captions link to their photo through
``captions.media_id``, kept by triggers on the URL.  Identical bytes under a second URL are
written to the WARC as a revisit record that points at the first; both rows then name the
capture that holds the bytes.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import warnings
from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsarchive.archive.store import utc_now

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterable
    from pathlib import Path

    from newsarchive.archive.store import Archive
    from newsarchive.archive.warc import Headers, WarcLocation, WarcWriter
    from newsarchive.items import Article
    from newsarchive.sources import Source

logger = logging.getLogger(__name__)

STORED, FAILED = "stored", "failed"
#: The size cap on one photo (NEWSARCHIVE_MEDIA_MAX_BYTES): larger files are recorded as failed.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: Failed photos are retried by later crawls until they have failed this often
#: (NEWSARCHIVE_MEDIA_MAX_ATTEMPTS); `newsarchive media fetch` retries every failed photo.
DEFAULT_MAX_ATTEMPTS = 3


class PhotoError(ValueError):
    """Fetched bytes that cannot be kept as a photo; the message is the reason recorded."""


@dataclass(frozen=True)
class PhotoFacts:
    """What the bytes are, read by Pillow (the server's Content-Type is not trusted)."""

    mime_type: str
    width: int
    height: int
    sha1: str
    size: int


@dataclass
class PhotoBacklog:
    """An archived article's photos that are not stored yet."""

    article_id: int
    article_url: str
    source: str | None
    urls: list[str] = field(default_factory=list)


def photo_urls(article: Article) -> list[str]:
    """The article's photo URLs, captioned ones first, each in page order and once (http and
    https only)."""
    urls: list[str] = []
    for url in [c.image_url or "" for c in article.captions] + list(article.photos):
        url = url.strip()
        if urlsplit(url).scheme in ("http", "https") and url not in urls:
            urls.append(url)
    return urls


def _on_hosts(host: str, domains: Iterable[str]) -> bool:
    for domain in domains:
        domain = domain.lower().removeprefix("www.")
        if domain and (host == domain or host.endswith("." + domain)):
            return True
    return False


def photo_host_problem(url: str, source: Source | None) -> str | None:
    """Why a photo URL is not fetched for ``source``, or None when it may be.

    Photos come from the paper's own hosts and their subdomains (img.baolaichau.vn for
    baolaichau.vn), and from the CDN hosts its definition lists in ``media_domains``.
    """
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if not host:
        return "no host in the photo URL"
    if source is None:
        return "the article's paper has no definition"
    if _on_hosts(host, source.all_domains) or _on_hosts(host, source.media_domains):
        return None
    return f"{host} is not one of {source.id}'s photo hosts (add it to media_domains)"


def payload_digest(body: bytes) -> str:
    """The WARC payload digest warcio writes: ``sha1:`` and the base32 SHA-1."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def check_photo(body: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> PhotoFacts:
    """Type, size and dimensions of fetched bytes; PhotoError when they are no photo to keep."""
    from PIL import Image, UnidentifiedImageError

    if not body:
        raise PhotoError("empty response")
    if len(body) > max_bytes:
        raise PhotoError(f"{len(body):,} bytes, over the {max_bytes:,}-byte cap")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(body)) as img:
                kind, (width, height) = img.format, img.size
                img.verify()
    except (UnidentifiedImageError, Image.DecompressionBombWarning) as exc:
        if isinstance(exc, Image.DecompressionBombWarning):
            raise PhotoError("too many pixels to be a news photo") from None
        raise PhotoError("not an image (Pillow cannot read it)") from None
    except Image.DecompressionBombError:
        raise PhotoError("too many pixels to be a news photo") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise PhotoError(f"broken image: {exc}") from None
    mime = Image.MIME.get(kind or "", "")
    if not mime.startswith("image/"):
        raise PhotoError(f"not a web image format ({kind})")
    return PhotoFacts(mime, int(width), int(height), hashlib.sha1(body).hexdigest(), len(body))


# -- the WARC side ---------------------------------------------------------------------------


def write_photo_record(
    writer: WarcWriter,
    conn: sqlite3.Connection,
    url: str,
    *,
    status: int,
    body: bytes,
    headers: Headers,
    request_headers: Headers,
    method: str,
    fetched_at: str,
) -> WarcLocation:
    """Write a photo response to the WARC, as a revisit record when its bytes are archived.

    The archive's earlier captures are the memory: the first full record with the same
    payload digest (any URL, any run) is the one the revisit points at.
    """
    if status == 200 and body:
        digest = payload_digest(body)
        first = conn.execute(
            "SELECT final_url, fetched_at FROM captures WHERE digest = ? AND status = 200 "
            "AND warc_file IS NOT NULL ORDER BY id LIMIT 1",
            (digest,),
        ).fetchone()
        if first is not None:
            return writer.write_revisit(
                url,
                digest=digest,
                refers_to_url=first[0],
                refers_to_date=first[1],
                status=status,
                headers=headers,
                request_headers=request_headers,
                method=method,
                fetched_at=fetched_at,
            )
    return writer.write_response(
        url,
        status=status,
        body=body,
        headers=headers,
        request_headers=request_headers,
        method=method,
        fetched_at=fetched_at,
    )


def payload_capture(conn: sqlite3.Connection, digest: str | None) -> int | None:
    """The capture whose WARC record holds these bytes (the first full record with the digest)."""
    if not digest:
        return None
    row = conn.execute(
        "SELECT id FROM captures WHERE digest = ? AND status = 200 AND warc_file IS NOT NULL "
        "ORDER BY id LIMIT 1",
        (digest,),
    ).fetchone()
    return int(row[0]) if row else None


# -- the media table -------------------------------------------------------------------------


def article_id_for(conn: sqlite3.Connection, url: str) -> int | None:
    row = conn.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
    return int(row[0]) if row else None


def stored_photo(conn: sqlite3.Connection, url: str) -> dict[str, Any] | None:
    """The media row of a photo already stored under this URL, else None."""
    cur = conn.execute("SELECT * FROM media WHERE url = ? AND status = ?", (url, STORED))
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def record_stored(
    archive: Archive,
    url: str,
    facts: PhotoFacts,
    *,
    capture_id: int | None,
    article_id: int | None,
    fetched_at: str | None = None,
) -> int:
    """Record a photo whose bytes are in the WARC; returns its media id."""
    with archive._write() as conn:
        conn.execute(
            "INSERT INTO media (url, article_id, status, error, attempts, sha1, mime_type, "
            "width, height, bytes, capture_id, fetched_at) "
            "VALUES (?, ?, ?, NULL, 1, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET status = excluded.status, error = NULL, "
            "attempts = media.attempts + 1, sha1 = excluded.sha1, "
            "mime_type = excluded.mime_type, width = excluded.width, "
            "height = excluded.height, bytes = excluded.bytes, "
            "capture_id = excluded.capture_id, fetched_at = excluded.fetched_at, "
            "article_id = coalesce(media.article_id, excluded.article_id)",
            (
                url,
                article_id,
                STORED,
                facts.sha1,
                facts.mime_type,
                facts.width,
                facts.height,
                facts.size,
                capture_id,
                fetched_at or utc_now(),
            ),
        )
        row = conn.execute("SELECT id FROM media WHERE url = ?", (url,)).fetchone()
    return int(row[0])


def record_failed(
    archive: Archive,
    url: str,
    error: str,
    *,
    article_id: int | None,
    attempted: bool = True,
    fetched_at: str | None = None,
) -> int:
    """Record why a photo is not stored (``attempted``: a request was made and counts as a try).

    A photo already stored stays stored: a later failure does not lose its bytes.
    """
    with archive._write() as conn:
        conn.execute(
            "INSERT INTO media (url, article_id, status, error, attempts, fetched_at) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET error = excluded.error, "
            "attempts = media.attempts + excluded.attempts, fetched_at = excluded.fetched_at, "
            "article_id = coalesce(media.article_id, excluded.article_id) "
            "WHERE media.status != ?",
            (url, article_id, FAILED, error[:500], int(attempted), fetched_at or utc_now(), STORED),
        )
        row = conn.execute("SELECT id FROM media WHERE url = ?", (url,)).fetchone()
    return int(row[0])


def backlog(
    conn: sqlite3.Connection,
    *,
    source_id: str | None = None,
    max_attempts: int | None = DEFAULT_MAX_ATTEMPTS,
) -> list[PhotoBacklog]:
    """Archived articles with photos not stored yet: never tried, or failed fewer than
    ``max_attempts`` times (None: every failed photo), in article order."""
    # every photo of an article: captioned ones (captions) and the rest (article_photos)
    photos = "SELECT article_id, position, image_url AS url FROM captions"
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'article_photos'").fetchone():
        photos += (" UNION ALL SELECT a.id, 100000 + p.position, p.url FROM article_photos p "
                   "JOIN articles a ON a.url = p.article_url")
    sql = (
        f"SELECT a.id, a.url, a.source, c.url FROM articles a JOIN ({photos}) c "
        "ON c.article_id = a.id LEFT JOIN media m ON m.url = c.url "
        "WHERE (c.url LIKE 'http://%' OR c.url LIKE 'https://%') "
        "AND (m.id IS NULL OR (m.status = ?"
    )
    params: list[Any] = [FAILED]
    if max_attempts is not None:
        sql += " AND m.attempts < ?"
        params.append(max_attempts)
    sql += "))"
    if source_id is not None:
        sql += " AND a.source = ?"
        params.append(source_id)
    sql += " ORDER BY a.id, c.position"
    found: dict[int, PhotoBacklog] = {}
    for article_id, article_url, source, url in conn.execute(sql, params):
        item = found.setdefault(article_id, PhotoBacklog(article_id, article_url, source))
        if url not in item.urls:
            item.urls.append(url)
    return list(found.values())


def media_summary(conn: sqlite3.Connection, source_id: str | None = None) -> dict[str, Any]:
    """Counts of stored and failed photos, the stored bytes, and failures by reason."""
    where, params = ("", []) if source_id is None else (
        " WHERE article_id IN (SELECT id FROM articles WHERE source = ?)", [source_id])
    rows = conn.execute(
        f"SELECT status, count(*), coalesce(sum(bytes), 0) FROM media{where} GROUP BY status",
        params,
    ).fetchall()
    summary: dict[str, Any] = {STORED: 0, FAILED: 0, "bytes": 0}
    for status, count, size in rows:
        summary[status] = count
        if status == STORED:
            summary["bytes"] = size
    reasons = conn.execute(
        f"SELECT error, count(*) FROM media{where}{' AND' if where else ' WHERE'} status = ? "
        "GROUP BY error ORDER BY count(*) DESC LIMIT 10",
        [*params, FAILED],
    ).fetchall()
    summary["reasons"] = {r[0]: r[1] for r in reasons}
    summary["waiting"] = sum(len(b.urls) for b in backlog(conn, source_id=source_id,
                                                            max_attempts=None))
    return summary


# -- reading photos back ---------------------------------------------------------------------


@dataclass(frozen=True)
class PhotoLocation:
    """Where a stored photo's bytes are."""

    media_id: int
    sha1: str
    mime_type: str
    warc_file: str
    warc_offset: int


PHOTO_SQL = (
    "SELECT m.id, m.sha1, m.mime_type, c.warc_file, c.warc_offset FROM media m "
    "JOIN captures c ON c.id = m.capture_id WHERE m.status = 'stored' AND c.warc_file IS NOT NULL"
)


def photo_location(conn: sqlite3.Connection, media_id: int) -> PhotoLocation | None:
    row = conn.execute(PHOTO_SQL + " AND m.id = ?", (media_id,)).fetchone()
    return PhotoLocation(*row) if row else None


def read_photo(warc_dir: str | Path, where: PhotoLocation) -> bytes:
    """The photo's bytes from its WARC record; ValueError when they are not what was stored."""
    from newsarchive.archive.warc import read_response

    body = read_response(warc_dir, where.warc_file, where.warc_offset).body
    if hashlib.sha1(body).hexdigest() != where.sha1:
        raise ValueError(f"{where.warc_file}:{where.warc_offset} does not hold photo {where.sha1}")
    return body


EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif",
              "image/webp": ".webp", "image/avif": ".avif", "image/bmp": ".bmp",
              "image/tiff": ".tif"}


def file_name(sha1: str, mime_type: str | None) -> str:
    """A photo's file name in exports: its SHA-1 and the extension of its type."""
    return sha1 + EXTENSIONS.get(mime_type or "", ".bin")


# -- exports ---------------------------------------------------------------------------------

EXPORT_SQL = (
    "SELECT m.url, m.status, m.error, m.sha1, m.mime_type, m.width, m.height, m.bytes, "
    "c.warc_file, c.warc_offset FROM ("
    "SELECT 0 AS part, position, media_id FROM captions WHERE article_id = :id "
    "UNION ALL SELECT 1, p.position, m.id FROM article_photos p "
    "JOIN articles a ON a.url = p.article_url JOIN media m ON m.url = p.url WHERE a.id = :id"
    ") cap JOIN media m ON m.id = cap.media_id "
    "LEFT JOIN captures c ON c.id = m.capture_id ORDER BY cap.part, cap.position"
)


class PhotoExport:
    """Writes the stored photos of exported articles into ``out_dir`` (one file per distinct
    photo, named by its SHA-1) and gives each row a ``media`` list with the file's path
    relative to the export file (None for a photo that is not stored, with the reason)."""

    def __init__(self, conn: sqlite3.Connection, warc_dir: str | Path, out_dir: Path,
                 relative_to: Path) -> None:
        self.conn = conn
        self.warc_dir = warc_dir
        self.out_dir = out_dir
        self.relative_to = relative_to
        self.files = 0
        self.bytes = 0
        self.not_stored = 0
        self._written: dict[str, str | None] = {}
        # an archive from before migration 0010 (opened read-only) lists captioned photos only
        self.sql = EXPORT_SQL if conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'article_photos'").fetchone() else (
            EXPORT_SQL.replace(" UNION ALL SELECT 1, p.position, m.id FROM article_photos p "
                               "JOIN articles a ON a.url = p.article_url JOIN media m "
                               "ON m.url = p.url WHERE a.id = :id", ""))

    def rows(self, rows: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        for row in rows:
            row["media"] = self.for_article(int(row["id"]))
            yield row

    def for_article(self, article_id: int) -> list[dict[str, Any]]:
        listed = []
        for (url, status, error, sha1, mime, width, height, size, warc_file,
             offset) in self.conn.execute(self.sql, {"id": article_id}):
            path = None
            if status == STORED and sha1 and warc_file is not None:
                path, error = self._write(sha1, mime, warc_file, offset)
            if path is None:
                self.not_stored += 1
            listed.append({"url": url, "path": path, "sha1": sha1, "mime_type": mime,
                           "width": width, "height": height, "bytes": size,
                           "error": None if path else error})
        return listed

    def _write(self, sha1: str, mime: str | None, warc_file: str,
               offset: int) -> tuple[str | None, str | None]:
        if sha1 in self._written:
            done = self._written[sha1]
            return done, None if done else "its WARC record cannot be read"
        target = self.out_dir / file_name(sha1, mime)
        try:
            body = read_photo(self.warc_dir, PhotoLocation(0, sha1, mime or "", warc_file, offset))
        except (OSError, ValueError) as exc:
            logger.warning("photo %s not exported: %s", sha1, exc)
            self._written[sha1] = None
            return None, f"its WARC record cannot be read: {exc}"
        self.out_dir.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        self.files += 1
        self.bytes += len(body)
        relative = target.relative_to(self.relative_to).as_posix()
        self._written[sha1] = relative
        return relative, None

    def manifest(self) -> dict[str, Any]:
        return {"dir": self.out_dir.relative_to(self.relative_to).as_posix(),
                "files": self.files, "bytes": self.bytes, "not_stored": self.not_stored}
