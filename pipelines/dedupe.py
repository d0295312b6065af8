"""Drop a second item with the same canonical URL in one run (aliases, www/non-www, tracking
parameters)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newsarchive.items import Article


class DedupePipeline:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        return cls(crawler.stats)

    def process_item(self, item: Article, spider: Spider | None = None) -> Article:
        if item.url in self.seen:
            self.stats.inc_value("newsarchive/dropped/duplicate_url")
            raise DropItem(f"duplicate_url: {item.url}")
        self.seen.add(item.url)
        return item
