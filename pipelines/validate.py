"""Judge the quality of an extracted article: thin pages are flagged, never dropped.

A news brief shorter than ``NEWSARCHIVE_MIN_BODY_CHARS``, a video page with only a lead, or a
page without a headline is still what the paper published: it is archived with a ``quality``
flag saying why it is thin (counted as ``newsarchive/flagged/<reason>``), so analysts can leave
it out and a re-run does not fetch it again.  Only an item that is not an article at all is
dropped (the spider does not send those).
"""

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


def quality_flag(article: Article, min_body_chars: int) -> str | None:
    """Why an article is thin (no_title, lead_only, no_body, short_body), or None."""
    if not article.title or not article.title.strip():
        return "no_title"
    if not article.body or not article.body.strip():
        return "lead_only" if article.sapo and article.sapo.strip() else "no_body"
    # Video and gallery pages legitimately carry little text.
    if article.page_type == "article" and len(article.body) < min_body_chars:
        return "short_body"
    return None


def judge_article(article: Article, min_body_chars: int) -> bool:
    """Set the article's quality flag; False when it is not an article at all (re-extraction
    uses this too, so a re-extracted archive flags what a crawl would)."""
    if article.page_type not in ARTICLE_TYPES:
        return False
    article.quality = quality_flag(article, min_body_chars)
    return True


class ValidatePipeline:
    def __init__(self, stats: StatsCollector, min_body_chars: int) -> None:
        self.stats = stats
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler.stats, crawler.settings.getint("NEWSARCHIVE_MIN_BODY_CHARS"))

    def process_item(self, item: Article, spider: Spider | None = None) -> Article:
        if not judge_article(item, self.min_body_chars):
            self.stats.inc_value("newsarchive/dropped/not_article")
            raise DropItem(f"not_article: {item.url}")
        if item.quality:
            self.stats.inc_value(f"newsarchive/flagged/{item.quality}")
            logger.info("stored with quality flag %s: %s", item.quality, item.url)
        return item
