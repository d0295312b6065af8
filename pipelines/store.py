"""Write articles into the SQLite archive (one transaction each: article, version, captions, FTS)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from newsarchive.crawling.runlog import count_coverage
from newsarchive.crawling.state import acquire_archive, release_archive

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newsarchive.archive import Archive
    from newsarchive.items import Article

logger = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats  # type: ignore[assignment]
        self.archive: Archive | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        self.archive = acquire_archive(self.crawler)

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.archive is not None:
            release_archive(self.crawler)
            self.archive = None

    def process_item(self, item: Article, spider: Spider | None = None) -> Article:
        assert self.archive is not None
        crawl_id = self.stats.get_value("newsarchive/crawl_id")
        outcome = self.archive.store_article(item, crawl_id=crawl_id, capture_id=item.capture_id)
        self.stats.inc_value(f"newsarchive/articles/{outcome}")
        count_coverage(self.stats, item)
        return item
