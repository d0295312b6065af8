"""The archive's photos, served by the reading room itself: ``/archive/-/photo/<id>`` (the
bytes as archived) and ``/archive/-/photo/<id>/thumb`` (a small JPEG for lists).

Bytes come from the WARC record the ``media`` row names, never from the paper's server, so
every photo shows with the papers unreachable.  Thumbnails are made with Pillow on first use
and kept in memory (bounded): nothing is written to disk, so the archive can sit in a
read-only directory.  Photos never change under an id (they are addressed by SHA-1), so
browsers may keep them for a year.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import OrderedDict
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datasette.utils.asgi import NotFound, Response

from newsarchive.archive.media import PHOTO_SQL, PhotoLocation, read_photo
from newsarchive.web.config import DATABASE_NAME

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.utils.asgi import Request

logger = logging.getLogger(__name__)

THUMB_WIDTH = 320  # shown at up to 160 CSS px: sharp on a 2x phone screen
THUMB_HEIGHT = 240
CACHE_BYTES = 32 * 1024 * 1024
HEADERS = {
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
}


class _ThumbCache:
    """Least-recently-used thumbnails, up to ``limit`` bytes in all (shared by threads)."""

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit = limit
        self.size = 0
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: str, value: bytes) -> None:
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self.size += len(value)
            while self.size > self.limit and self._items:
                _, dropped = self._items.popitem(last=False)
                self.size -= len(dropped)


THUMBS = _ThumbCache()


def make_thumbnail(body: bytes, width: int = THUMB_WIDTH, height: int = THUMB_HEIGHT) -> bytes:
    """A JPEG no larger than width x height, the photo's proportions kept."""
    from PIL import Image, ImageOps

    with Image.open(BytesIO(body)) as img:
        img.seek(0)  # the first frame of an animation
        small = ImageOps.exif_transpose(img)
        small.thumbnail((width, height))
        if small.mode not in ("RGB", "L"):
            background = Image.new("RGB", small.size, (255, 255, 255))
            rgba = small.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            small = background
        out = BytesIO()
        small.save(out, format="JPEG", quality=82, optimize=True)
        return out.getvalue()


def warc_dir(datasette: Datasette, db: Database) -> Path:
    """Where the WARC files are: the plugin's ``warc_dir`` (metadata ``plugins.newsarchive``,
    set by ``newsarchive serve --warc-dir``), else the ``warc`` folder beside the archive."""
    config = datasette.plugin_config("newsarchive") or {}
    if config.get("warc_dir"):
        return Path(str(config["warc_dir"]))
    return Path(db.path or ".").resolve().parent / "warc"


async def _location(db: Database, media_id: int) -> PhotoLocation:
    rows = await db.execute(PHOTO_SQL + " AND m.id = :id", {"id": media_id})
    row = rows.first()
    if row is None:
        raise NotFound("Ảnh này không có trong kho lưu trữ")
    return PhotoLocation(*row)


async def photo_view(datasette: Datasette, request: Request) -> Response:
    """GET /archive/-/photo/<id> and /archive/-/photo/<id>/thumb"""
    if request.url_vars.get("database") != DATABASE_NAME:
        raise NotFound("Chỉ kho lưu trữ có ảnh")
    db = datasette.get_database(DATABASE_NAME)
    where = await _location(db, int(request.url_vars["media_id"]))
    thumb = bool(request.url_vars.get("thumb"))
    etag = f'"{where.sha1}{"-t" if thumb else ""}"'
    if request.headers.get("if-none-match") == etag:
        return Response("", status=304, headers={**HEADERS, "ETag": etag})
    folder = warc_dir(datasette, db)
    try:
        body = await asyncio.to_thread(_photo_bytes, folder, where, thumb)
    except (OSError, ValueError) as exc:
        logger.warning("photo %s unreadable: %s", where.media_id, exc)
        raise NotFound("Không đọc được ảnh này trong tệp WARC") from None
    return Response(
        body,
        content_type="image/jpeg" if thumb else where.mime_type,
        headers={**HEADERS, "ETag": etag},
    )


def _photo_bytes(folder: Path, where: PhotoLocation, thumb: bool) -> bytes:
    if not thumb:
        return read_photo(folder, where)
    cached = THUMBS.get(where.sha1)
    if cached is None:
        cached = make_thumbnail(read_photo(folder, where))
        THUMBS.put(where.sha1, cached)
    return cached


async def first_photos(db: Database, article_ids: list[Any]) -> dict[int, dict[str, Any]]:
    """The first stored photo of each article (by caption order): id, width, height."""
    ids = [int(i) for i in article_ids if str(i).isdigit()]
    if not ids:
        return {}
    params = {f"a{i}": article_id for i, article_id in enumerate(ids)}
    rows = await db.execute(
        "SELECT c.article_id, m.id, m.width, m.height, c.text FROM captions c "
        "JOIN media m ON m.id = c.media_id AND m.status = 'stored' "
        f"WHERE c.article_id IN ({', '.join(':' + k for k in params)}) "
        "ORDER BY c.article_id, c.position",
        params,
    )
    found: dict[int, dict[str, Any]] = {}
    for article_id, media_id, width, height, text in rows.rows:
        found.setdefault(int(article_id), {"id": media_id, "width": width, "height": height,
                                           "text": text})
    return found
