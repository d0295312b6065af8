"""Scrapy's duplicate filter, keyed on the archive's canonical URL, with the archive as memory.

``RFPDupeFilter`` is extended rather than switched off: every request of a crawl goes through
it.  Two changes:

- a GET is known by its canonical URL under the paper's definition (``newsarchive.urls``:
  alias hosts, ``www.``, tracking parameters and session ids folded), so one article reached
  under two spellings is fetched once;
- an article candidate (``meta["newsarchive_page"]``) that the archive already holds, judged
  not to be an article, or saw dead is "seen" before the run starts: the spider loads that
  memory (``spider.known``, see ``SourceSpider._remember``).  A candidate that passes is written
  to the archive's frontier, so a run killed before fetching it resumes from it.

Requests produced by a redirect are never filtered: a redirect loop must reach
``REDIRECT_MAX_TIMES`` (and the errback) instead of vanishing here.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from scrapy.dupefilters import RFPDupeFilter

from newsarchive.urls import canonicalize_url

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler

#: request.meta key of an article candidate (set by the spider).
PAGE = "newsarchive_page"


class ArchiveDupeFilter(RFPDupeFilter):
    crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        df = super().from_crawler(crawler)
        df.crawler = crawler
        return df

    def _source(self) -> Any:
        spider = self.crawler.spider if self.crawler is not None else None
        return getattr(spider, "source", None)

    def canonical(self, url: str) -> str:
        spider = self.crawler.spider if self.crawler is not None else None
        cached = getattr(spider, "canonical", None)  # the spider's cache of the same function
        return cached(url) if cached is not None else canonicalize_url(url, self._source())

    def _key(self, request: Request) -> bytes:
        if request.method == "GET" and not request.body:
            return hashlib.sha1(self.canonical(request.url).encode("utf-8")).digest()
        return self.fingerprinter.fingerprint(request)

    def seen(self, url: str) -> bool:
        """True when a GET of ``url`` went through this filter already in this run."""
        return hashlib.sha1(self.canonical(url).encode("utf-8")).digest() in self._fingerprints

    def request_seen(self, request: Request) -> bool:
        if request.meta.get("redirect_times"):
            return False
        key = self._key(request)
        if key in self._fingerprints:
            return True
        self._fingerprints.add(key)
        if self.file:
            self.file.write(len(key).to_bytes(2, "big") + key)
        if request.meta.get(PAGE):
            return self._remembered(request)
        return False

    def _remembered(self, request: Request) -> bool:
        """An article candidate: in the archive's memory (filtered), else into the frontier."""
        spider = self.crawler.spider if self.crawler is not None else None
        url = self.canonical(request.url)
        if url in getattr(spider, "known", ()):
            if self.crawler is not None and self.crawler.stats is not None:
                self.crawler.stats.inc_value("newsarchive/skipped_known")
            return True
        source = self._source()
        from newsarchive.crawling.writer import crawl_writer, writes_archive

        if source is not None and self.crawler is not None and writes_archive(self.crawler):
            crawl_writer(self.crawler).submit(_to_frontier, source.id, url)
        return False


def _to_frontier(archive: Any, source_id: str, url: str) -> None:
    archive.add_frontier(source_id, [(url, "page")])
