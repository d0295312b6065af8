"""A bare Scrapy spider that only fetches a list of URLs: the baseline for the crawl benchmark.

Same engine, same mirror routing and concurrency as `newsarchive crawl --mirror`, but no
extraction, pipelines, WARC capture or run log.  Usage: python bare_fetch.py MIRROR_URL URLS_FILE
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls: list[str], **kw: object) -> None:
        super().__init__(**kw)
        self.urls = urls

    async def start(self):  # type: ignore[no-untyped-def]
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response: scrapy.http.Response) -> None:
        return None


def main() -> None:
    mirror, urls_file = sys.argv[1], sys.argv[2]
    lines = Path(urls_file).read_text(encoding="utf-8").splitlines()
    urls = [u.strip() for u in lines if u.strip()]
    process = CrawlerProcess({
        "LOG_LEVEL": "WARNING",
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
        "DOWNLOAD_DELAY": 0,
        "NEWSARCHIVE_MIRROR": mirror,
        "DOWNLOAD_HANDLERS": {
            "http": "newsarchive.crawling.mirror.MirrorAwareDownloadHandler",
            "https": "newsarchive.crawling.mirror.MirrorAwareDownloadHandler",
        },
    })
    started = time.monotonic()
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, urls=urls)
    process.start()
    print(f"{time.monotonic() - started:.3f}")
    # The crawl alone (spider opened to closed, as Scrapy's stats time it): the steady-state
    # benchmark compares this with the same figure of a full `newsarchive crawl`.
    stats = crawler.stats.get_stats() if crawler.stats else {}
    print(f"elapsed {stats.get('elapsed_time_seconds', 0):.3f} "
          f"responses {stats.get('response_received_count', 0)}")


if __name__ == "__main__":
    main()
