"""Drop what is not an article worth keeping, with a reason counted in the crawl stats."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem

from newsarchive.items import ARTICLE_TYPES, Article

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


def rejection_reason(article: Article, min_body_chars: int) -> str | None:
    """Why an extracted article should not be stored, or None to keep it."""
    if article.page_type not in ARTICLE_TYPES:
        return "not_article"
    if not article.title or not article.title.strip():
        return "no_title"
    if not article.body or not article.body.strip():
        return "no_body"
    # Video and gallery pages legitimately carry little text.
    if article.page_type == "article" and len(article.body) < min_body_chars:
        return "short_body"
    return None


class ValidatePipeline:
    def __init__(self, stats: StatsCollector, min_body_chars: int) -> None:
        self.stats = stats
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler.stats, crawler.settings.getint("NEWSARCHIVE_MIN_BODY_CHARS"))  # type: ignore[arg-type]

    def process_item(self, item: Article, spider: Spider | None = None) -> Article:
        reason = rejection_reason(item, self.min_body_chars)
        if reason:
            self.stats.inc_value(f"newsarchive/dropped/{reason}")
            raise DropItem(f"{reason}: {item.url}")
        return item
