"""Per-site politeness across all workers: one Redis-held "next allowed fetch" time per site.

Scrapy's ``DOWNLOAD_DELAY`` is per process, so three workers would hit a paper three times as
often.  Before each download this middleware reserves the site's next slot atomically (a Lua
script reading the Redis server's clock) and waits until it comes, so the delay holds between
any two fetches from the same site, whichever workers make them.

The delay is ``NEWSARCHIVE_REDIS_SITE_DELAY`` if set, else the larger of ``DOWNLOAD_DELAY`` (the
source's politeness) and the worker's current download-slot delay, which already carries
AutoThrottle, a robots.txt Crawl-delay and Retry-After backoff.  While Redis is unreachable each
worker keeps only its own delay (one log line says Redis is away).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future

from newsarchive.distributed.connection import REDIS_DOWN, crawler_client, crawler_outage
from newsarchive.distributed.keys import polite_key

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

# KEYS: the site's key.  ARGV: delay in ms.  Returns how long the caller must wait (ms).
RESERVE_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nxt)
local delay = tonumber(ARGV[1])
redis.call('SET', KEYS[1], slot + delay, 'PX', delay + 60000)
return slot - now
"""


def site_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


class SharedPolitenessMiddleware:
    """``DOWNLOADER_MIDDLEWARES`` entry; delay: NEWSARCHIVE_REDIS_SITE_DELAY or DOWNLOAD_DELAY."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        fixed = settings.get("NEWSARCHIVE_REDIS_SITE_DELAY")
        self.fixed = fixed not in (None, "")
        self.delay = float(fixed) if self.fixed else settings.getfloat("DOWNLOAD_DELAY")
        if self.fixed and self.delay <= 0:
            raise NotConfigured("NEWSARCHIVE_REDIS_SITE_DELAY is 0: no shared per-site delay")
        self.client = crawler_client(crawler)
        self.outage = crawler_outage(crawler)
        self.crawler = crawler
        self._reserve = self.client.register_script(RESERVE_SCRIPT)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedPolitenessMiddleware:
        return cls(crawler)

    def _slot_delay(self, request: Request) -> float:
        """This worker's current delay for the request's download slot (0 before its first)."""
        downloader = getattr(self.crawler.engine, "downloader", None)
        if downloader is None:
            return 0.0
        slot = downloader.slots.get(downloader.get_slot_key(request))
        return float(getattr(slot, "delay", 0.0) or 0.0)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        site = site_of(request.url)
        delay = self.delay if self.fixed else max(self.delay, self._slot_delay(request))
        if not site or delay <= 0:
            return None
        try:
            wait_ms = int(self._reserve(keys=[polite_key(site)], args=[int(delay * 1000)]))
        except REDIS_DOWN as exc:
            self.outage.failed(exc)
            return None
        self.outage.ok()
        if wait_ms > 0:
            self.crawler.stats.inc_value("newsarchive/redis/polite_waits")
            from twisted.internet import reactor
            from twisted.internet.task import deferLater

            await maybe_deferred_to_future(deferLater(reactor, wait_ms / 1000.0, lambda: None))
        return None
