"""Raw capture: every fetched response (with its request) goes to gzipped, size-rotated WARC files.

Each response also gets a row in the archive's ``captures`` table, written by the archive writer
(:mod:`newsarchive.crawling.writer`, off the reactor thread), and the capture reference travels
to the spider in ``request.meta["newsarchive_capture"]`` so the stored article version links to
the exact bytes it was extracted from (``newsarchive reextract`` replays them).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet.defer import Deferred, DeferredLock

from newsarchive.crawling.writer import DONE, crawl_writer, wait_for

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from newsarchive.archive import Archive

logger = logging.getLogger(__name__)


class WarcCaptureMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.getbool("NEWSARCHIVE_WARC_ENABLED"):
            raise NotConfigured("NEWSARCHIVE_WARC_ENABLED is off")
        from newsarchive.archive.warc import WarcWriter

        self.crawler = crawler
        self.dir = Path(crawler.settings.get("NEWSARCHIVE_WARC_DIR"))
        self.writer: Any = None
        self._writer_cls = WarcWriter
        self.max_bytes = crawler.settings.getint("NEWSARCHIVE_WARC_MAX_BYTES")
        self._photos = DeferredLock()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCaptureMiddleware:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        self.writer = self._writer_cls(self.dir, max_bytes=self.max_bytes, prefix=spider.name)
        self.archive: Any = _WriterCaptures(self.crawler)

    def spider_closed(self, spider: Spider) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
            self.archive.close()

    async def process_response(self, request: Request, response: Response,
                               spider: Spider | None = None) -> Response:
        if self.writer is None:
            return response
        if request.meta.get("newsarchive_media") is None:
            return await self._capture(request, response, None)
        # Photos: bytes already archived are written as a revisit record (archive/media.py).
        # One photo at a time from the digest lookup to its capture row's place in the writer's
        # queue, so the second copy of a photo finds the first one's row.
        await wait_for(self._photos.acquire())
        try:
            first = await self.archive.first_capture(response.status, response.body)
        except BaseException:
            self._photos.release()
            raise
        return await self._capture(request, response, first)

    async def _capture(self, request: Request, response: Response, first: Any) -> Response:
        fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
        write = self.writer.write_response
        if request.meta.get("newsarchive_media") is not None:
            from functools import partial

            from newsarchive.archive.media import write_photo_record

            found: Any = _Found(first)  # what write_photo_record reads from a connection
            write = partial(write_photo_record, self.writer, found)
        status, headers, body = response.status, _headers(response.headers), response.body
        extra: dict[str, Any] = {}
        served = request.meta.get("newsarchive_served")
        if "playwright" in response.flags and served:
            # Rendered in a browser: the record keeps what the server sent, and the DOM the
            # spider extracts from follows it as a conversion record (archive/warc.py).
            status, headers, body = served["status"], served["headers"], served["body"]
            extra["rendered"] = response.body
        try:
            try:
                ref = write(
                    response.url,
                    status=status,
                    headers=headers,
                    body=body,
                    method=request.method,
                    request_headers=_headers(request.headers),
                    fetched_at=fetched_at,
                    **extra,
                )
            except OSError as exc:  # disk full, permissions: keep crawling, say so loudly
                logger.error("WARC capture failed for %s: %s", response.url, exc)
                self.crawler.stats.inc_value("newsarchive/warc_errors")
                return response
            # The WARC record's payload digest; hash the body only if the writer gave none.
            digest = ref.digest or "sha256:" + hashlib.sha256(body).hexdigest()
            capture_id: Any = self.archive.record_capture(
                crawl_id=self.crawler.stats.get_value("newsarchive/crawl_id"),
                url=request.meta.get("redirect_urls", [request.url])[0],
                final_url=response.url,
                status=response.status,
                fetched_at=fetched_at,
                content_type=(response.headers.get(b"Content-Type") or b"").decode("latin-1")
                or None,
                digest=digest,
                warc_file=ref.filename,
                warc_offset=ref.offset,
                warc_length=ref.length,
            )
        finally:
            if request.meta.get("newsarchive_media") is not None:
                self._photos.release()
        if isinstance(capture_id, Deferred):
            try:
                capture_id = await wait_for(capture_id)
            except Exception as exc:  # logged by the writer; the page itself goes on
                logger.error("capture row not written for %s: %s", response.url, exc)
                capture_id = None
        request.meta["newsarchive_capture"] = {
            "capture_id": capture_id,
            "warc_file": ref.filename,
            "warc_offset": ref.offset,
            "digest": digest,
            "fetched_at": fetched_at,
        }
        return response


def _record_capture(archive: Archive, fields: dict[str, Any]) -> int:
    return archive.record_capture(**fields)


class _WriterCaptures:
    """The capture rows' way into the archive: the crawl's writer thread."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.writer = crawl_writer(crawler)

    def record_capture(self, **fields: Any) -> Deferred[int]:
        d = self.writer.submit(_record_capture, fields, when=DONE)
        assert d is not None
        return d

    async def first_capture(self, status: int, body: bytes) -> Any:
        """(final_url, fetched_at) of the first full record of these bytes, or None: asked on
        the writer's connection, which also sees the captures it has not committed yet."""
        from newsarchive.archive.media import payload_digest

        if status != 200 or not body:
            return None
        d = self.writer.submit(_first_capture, payload_digest(body), when=DONE)
        assert d is not None
        return await wait_for(d)

    def close(self) -> None:
        return None


_FIRST_CAPTURE = ("SELECT final_url, fetched_at FROM captures WHERE digest = ? AND status = 200 "
                  "AND warc_file IS NOT NULL ORDER BY id LIMIT 1")


def _first_capture(archive: Archive, digest: str) -> Any:
    return archive.conn.execute(_FIRST_CAPTURE, (digest,)).fetchone()


class _Found:
    """The answer of :func:`_first_capture`, in the shape write_photo_record reads it from a
    connection (``execute(...).fetchone()``)."""

    def __init__(self, row: Any) -> None:
        self.row = row

    def execute(self, sql: str, params: Any = ()) -> _Found:
        return self

    def fetchone(self) -> Any:
        return self.row


def _headers(headers: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for key, values in headers.items():
        k = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        for v in values:
            out.append((k, v.decode("latin-1") if isinstance(v, bytes) else str(v)))
    return out
