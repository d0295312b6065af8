"""Item pipeline for distributed workers: push each article to Redis instead of writing SQLite.

It takes the store pipeline's place (``ITEM_PIPELINES`` order 400).  The message carries the
article exactly as ``Article.to_dict()`` gives it, including its capture reference (WARC file,
offset, digest, fetch time); ``newsarchive ingest`` stores it.  While Redis is unreachable items
wait in memory, in order; the worker does not finish until they are pushed.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from newsarchive.crawling.runlog import count_coverage
from newsarchive.distributed.connection import (
    REDIS_DOWN,
    crawler_client,
    crawler_outage,
    crawler_worker,
)
from newsarchive.distributed.queue import ItemPusher, make_message
from newsarchive.distributed.scheduler import lease_book

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newsarchive.items import Article

logger = logging.getLogger(__name__)

_PUSHERS: dict[int, ItemPusher] = {}


def crawler_pusher(crawler: Crawler) -> ItemPusher:
    """One ordered pusher per crawl, shared by the pipeline and the capture middleware."""
    pusher = _PUSHERS.get(id(crawler))
    if pusher is None:
        settings = crawler.settings
        pusher = ItemPusher(crawler_client(crawler), crawler_outage(crawler),
                            key=settings.get("NEWSARCHIVE_REDIS_ITEMS_KEY") or
                            "newsarchive:items")
        _PUSHERS[id(crawler)] = pusher
    return pusher


class RedisPushPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats
        self.pusher = crawler_pusher(crawler)
        self.retry = crawler.settings.getfloat("NEWSARCHIVE_REDIS_RETRY", 2.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisPushPipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        book = lease_book(self.crawler)
        if book is not None:
            book.blockers.append(lambda: bool(self.pusher.backlog))

    def process_item(self, item: Article, spider: Spider | None = None) -> Article:
        message = make_message("article", item.to_dict(), worker=crawler_worker(self.crawler))
        if self.pusher.push(message):
            self.stats.inc_value("newsarchive/redis/pushed")
        else:
            self.stats.inc_value("newsarchive/redis/held_while_down")
        self.stats.inc_value("newsarchive/articles/pushed")
        count_coverage(self.stats, item)
        return item

    def close_spider(self, spider: Spider | None = None) -> None:
        """Do not exit holding items: retry until Redis takes them (logged once while waiting)."""
        while not self.pusher.flush():
            time.sleep(self.retry)
        _PUSHERS.pop(id(self.crawler), None)
        try:
            book = lease_book(self.crawler)
            if book is not None:
                book.heartbeat()  # sends acks that waited for the backlog
        except REDIS_DOWN:
            pass
