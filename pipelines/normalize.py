"""Normalise every text field of an Article: NFC, invisible characters, Ð->Đ, one tone style.

The raw capture (WARC) keeps the page as served; the archive holds the cleaned text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from newsarchive.vietnamese import normalize_text

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

    from newsarchive.items import Article

TEXT_FIELDS = ("title", "sapo", "body", "author", "credit", "category")


def normalize_article(article: Article, style: str) -> Article:
    """Normalise in place and return the article (also used by re-extraction)."""
    for name in TEXT_FIELDS:
        value = getattr(article, name)
        if value:
            # normalize_text keeps paragraph breaks ("\n\n") in the body.
            cleaned = normalize_text(value, style=style)
            setattr(article, name, cleaned if (cleaned or name == "body") else None)
    article.tags = [t for t in (normalize_text(t, style=style) for t in article.tags) if t]
    for cap in article.captions:
        if cap.text:
            cap.text = normalize_text(cap.text, style=style) or None
        if cap.credit:
            cap.credit = normalize_text(cap.credit, style=style) or None
    return article


class NormalizePipeline:
    def __init__(self, style: str) -> None:
        if style not in ("old", "new"):
            raise NotConfigured(f"NEWSARCHIVE_TONE_STYLE must be 'old' or 'new', not {style!r}")
        self.style = style

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalizePipeline:
        return cls(crawler.settings.get("NEWSARCHIVE_TONE_STYLE", "old"))

    def process_item(self, item: Article, spider: Spider | None = None) -> Article:
        return normalize_article(item, self.style)
