"""Write articles into the SQLite archive through the crawl's archive writer.

Each article is one transaction's worth of rows (article, version, captions, FTS), written on the
writer thread (:mod:`newsarchive.crawling.writer`); the item moves on once it is committed, so
the photos pipeline after this one finds the article's row.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from newsarchive.crawling.runlog import count_coverage
from newsarchive.crawling.writer import COMMITTED, crawl_writer, wait_for

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newsarchive.archive import Archive
    from newsarchive.items import Article

logger = logging.getLogger(__name__)


def _store(archive: Archive, item: Article, crawl_id: Any) -> str:
    return archive.store_article(item, crawl_id=crawl_id, capture_id=item.capture_id)


class StorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    async def process_item(self, item: Article, spider: Spider | None = None) -> Article:
        crawl_id = self.stats.get_value("newsarchive/crawl_id")
        d = crawl_writer(self.crawler).submit(_store, item, crawl_id, when=COMMITTED)
        assert d is not None
        outcome = await wait_for(d)
        self.stats.inc_value(f"newsarchive/articles/{outcome}")
        self.stats.inc_value(f"newsarchive/page_type/{item.page_type}")
        count_coverage(self.stats, item)
        return item
