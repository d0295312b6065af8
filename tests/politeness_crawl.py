"""Run one real Scrapy crawl for tests/test_politeness.py (a subprocess: the reactor can't restart).

Usage, from the repo root:
    python -m tests.politeness_crawl MIRROR_URL STATS_OUT [--without-politeness]

Crawls https://polite.test/, https://flaky.test/ and https://storm.test/ through the mirror
router (Host header), with the project's settings except storage, and writes the final Scrapy
stats as JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.crawler import CrawlerProcess

from newsarchive.crawling.run import project_settings

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scrapy.http import Response


class PolitenessProbeSpider(scrapy.Spider):
    name = "politeness_probe"
    start_urls = ["https://polite.test/", "https://flaky.test/",  # noqa: RUF012 (Scrapy's API)
                  "https://storm.test/"]
    allowed_domains = ["polite.test", "flaky.test", "storm.test"]  # noqa: RUF012

    def parse(self, response: Response, **kwargs: Any) -> Iterator[scrapy.Request]:
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, callback=self.parse)


def main(argv: list[str]) -> int:
    mirror, out = argv[0], argv[1]
    middlewares = {} if "--without-politeness" in argv else {
        "newsarchive.crawling.politeness.PolitenessMiddleware": 560,
    }
    settings = project_settings({
        "NEWSARCHIVE_MIRROR": mirror,
        "SPIDER_LOADER_CLASS": "scrapy.spiderloader.SpiderLoader",
        "SPIDER_MODULES": [],
        "DOWNLOADER_MIDDLEWARES": middlewares,
        "EXTENSIONS": {},
        "ITEM_PIPELINES": {},
        "NEWSARCHIVE_WARC_ENABLED": False,
        "NEWSARCHIVE_BACKOFF_BASE": 0.5,  # no Retry-After: 0.5 s, then 1 s, ...
        # No configured delay: whatever spacing the server sees comes from robots.txt and
        # Retry-After.  AutoThrottle stays on to prove it cannot undercut the Crawl-delay.
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 0,
        "DOWNLOAD_TIMEOUT": 10,
        "LOG_LEVEL": "INFO",
    })
    process = CrawlerProcess(settings, install_root_handler=True)
    crawler = process.create_crawler(PolitenessProbeSpider)
    process.crawl(crawler)
    process.start()
    stats = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
             for k, v in (crawler.stats.get_stats() if crawler.stats else {}).items()}
    Path(out).write_text(json.dumps(stats), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
