"""Raw capture on a worker: WARC files named per worker, capture rows sent to the ingester.

The lead's :class:`~newsarchive.crawling.capture.WarcCaptureMiddleware` writes the WARC record and
then a ``captures`` row through the archive.  Workers must not write the archive, so this subclass
hands ``record_capture`` to Redis instead (a "capture" message the ingester registers), and puts
the worker id in WARC file names so files from many machines never collide.  Collect each
worker's WARC directory into the archive's (e.g. rsync) to re-extract from them later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsarchive.crawling.capture import WarcCaptureMiddleware
from newsarchive.distributed.connection import crawler_worker
from newsarchive.distributed.pipeline import crawler_pusher
from newsarchive.distributed.queue import make_message

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler


class CaptureForwarder:
    """Stands in for the archive in the capture middleware: ``record_capture`` goes to Redis."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.pusher = crawler_pusher(crawler)

    def record_capture(self, **capture: Any) -> None:
        capture.pop("crawl_id", None)  # the worker's crawl is not an archive row
        self.pusher.push(make_message("capture", capture, worker=crawler_worker(self.crawler)))
        return None  # the capture id is assigned by the ingester


class WorkerWarcCaptureMiddleware(WarcCaptureMiddleware):
    """``DOWNLOADER_MIDDLEWARES`` replacement for WarcCaptureMiddleware (order 950)."""

    def spider_opened(self, spider: Spider) -> None:
        prefix = f"{spider.name}-{crawler_worker(self.crawler)}"
        self.writer = self._writer_cls(self.dir, max_bytes=self.max_bytes, prefix=prefix)
        self.archive = CaptureForwarder(self.crawler)

    def spider_closed(self, spider: Spider) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
