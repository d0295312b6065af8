"""Per-site politeness across all workers: one Redis-held "next allowed fetch" time per site.

Scrapy's ``DOWNLOAD_DELAY`` is per process, so three workers would hit a paper three times as
often.  Before each download this middleware reserves the site's next slot atomically (a Lua
script reading the Redis server's clock) and waits until it comes, so the configured delay holds
between any two fetches from the same site, whichever workers make them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future

from newsarchive.distributed.connection import REDIS_DOWN, Outage, crawler_client
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
    """``DOWNLOADER_MIDDLEWARES`` entry; delay from ``NEWSARCHIVE_REDIS_SITE_DELAY`` or DOWNLOAD_DELAY."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        delay = settings.get("NEWSARCHIVE_REDIS_SITE_DELAY")
        self.delay = float(delay) if delay not in (None, "") else settings.getfloat("DOWNLOAD_DELAY")
        if self.delay <= 0:
            raise NotConfigured("no per-site delay to share")
        self.client = crawler_client(crawler)
        self.outage = Outage(settings.get("REDIS_URL"), "politeness (falling back to each "
                                                        "worker's own DOWNLOAD_DELAY)")
        self.crawler = crawler
        self._reserve = self.client.register_script(RESERVE_SCRIPT)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedPolitenessMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        site = site_of(request.url)
        if not site:
            return None
        try:
            wait_ms = int(self._reserve(keys=[polite_key(site)], args=[int(self.delay * 1000)]))
        except REDIS_DOWN as exc:
            self.outage.failed(exc)
            return None
        self.outage.ok()
        if wait_ms > 0:
            self.crawler.stats.inc_value("newsarchive/redis/polite_waits")  # type: ignore[union-attr]
            from twisted.internet import reactor
            from twisted.internet.task import deferLater

            await maybe_deferred_to_future(deferLater(reactor, wait_ms / 1000.0, lambda: None))
        return None
