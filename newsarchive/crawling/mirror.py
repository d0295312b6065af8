"""Route requests for the real provincial sites to the bundled offline mirror.

When NEWSARCHIVE_MIRROR is set (e.g. ``http://127.0.0.1:8765``) every request is sent to that
address with the original Host header, and the response keeps the original URL.  Spiders,
robots.txt, link extraction and the archive therefore see the real URLs, while no traffic
leaves the machine.  The handler is installed only then, by :class:`MirrorAddon` (a Scrapy
add-on, so ``-s NEWSARCHIVE_MIRROR=...`` on ``scrapy crawl`` works too); a production crawl
runs Scrapy's own handlers.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)


class MirrorAwareDownloadHandler(HTTP11DownloadHandler):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._mirror = (crawler.settings.get("NEWSARCHIVE_MIRROR") or "").rstrip("/")

    async def download_request(self, request: Request) -> Response:
        if not self._mirror:
            return await super().download_request(request)
        parts = urlsplit(request.url)
        target = self._mirror + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        routed = request.replace(url=target)
        routed.headers[b"Host"] = (parts.hostname or "").encode("idna")
        response = await super().download_request(routed)
        return response.replace(url=request.url, request=request)


HANDLER = "newsarchive.crawling.mirror.MirrorAwareDownloadHandler"


class MirrorAddon:
    """Installs the mirror's download handler when NEWSARCHIVE_MIRROR is set (``ADDONS``)."""

    def update_settings(self, settings: BaseSettings) -> None:
        if settings.get("NEWSARCHIVE_MIRROR"):
            # At add-on priority: a browser handler set on the command line (render) wins.
            handlers = dict(settings.getdict("DOWNLOAD_HANDLERS"))
            handlers.update({"http": HANDLER, "https": HANDLER})
            settings.set("DOWNLOAD_HANDLERS", handlers, priority="addon")
