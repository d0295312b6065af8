"""The run log for workers: each worker's crawl summary goes to the ingester as a "crawl" message.

Replaces :class:`~newsarchive.crawling.runlog.CrawlLogExtension` on workers (which writes the
``crawls`` table directly); the ingester writes one ``crawls`` row per worker run.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING, Any

from scrapy import signals

from newsarchive.crawling.runlog import now_iso, summarize_stats
from newsarchive.distributed.connection import crawler_worker
from newsarchive.distributed.pipeline import crawler_pusher
from newsarchive.distributed.queue import make_message

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler


logger = logging.getLogger(__name__)


class WorkerRunLogExtension:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.started_at = now_iso()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WorkerRunLogExtension:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        self.started_at = now_iso()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats: dict[str, Any] = dict(self.crawler.stats.get_stats())
        summary = summarize_stats(stats)
        summary["stats"] = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                            for k, v in stats.items()}
        worker = crawler_worker(self.crawler)
        payload = {
            "source": spider.name,
            "worker": worker,
            "command": f"[worker {worker}] " + " ".join(sys.argv[1:])[:450],
            "started_at": self.started_at,
            "finished_at": now_iso(),
            "state": "finished" if reason == "finished" else reason,
            "summary": summary,
        }
        pusher = crawler_pusher(self.crawler)
        deadline = time.monotonic() + self.crawler.settings.getfloat(
            "NEWSARCHIVE_REDIS_CLOSE_WAIT", 60.0)
        sent = pusher.push(make_message("crawl", payload, worker=worker))
        while not sent and time.monotonic() < deadline:
            time.sleep(self.crawler.settings.getfloat("NEWSARCHIVE_REDIS_RETRY", 2.0))
            sent = pusher.flush()
        if not sent:
            logger.error("the run log of worker %s could not reach Redis; its crawls row is "
                         "missing (its articles were pushed earlier)", worker)
