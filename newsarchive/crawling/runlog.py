"""Record every run in the ``crawls`` table, and show live progress on a terminal.

A run's row holds start/end, exit state, pages fetched, articles new/updated/unchanged, drops by
reason, HTTP errors by status and per-field coverage, so `newsarchive stats` and analysts can see
when a paper's extraction broke.
"""

from __future__ import annotations

import logging
import sys
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future

from newsarchive.crawling.runstate import run_state
from newsarchive.crawling.state import spider_source
from newsarchive.crawling.writer import COMMITTED, crawl_writer

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newsarchive.archive import Archive
    from newsarchive.items import Article
    from newsarchive.sources import Source

logger = logging.getLogger(__name__)

COVERAGE_FIELDS = ("published", "author", "sapo", "captions", "category")


def count_coverage(stats: StatsCollector, article: Article) -> None:
    """Count which of the coverage fields this stored (or pushed) article has."""
    for name in COVERAGE_FIELDS:
        if getattr(article, name):
            stats.inc_value(f"newsarchive/coverage/{name}")


def now_iso() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def summarize_stats(stats: dict[str, Any]) -> dict[str, Any]:
    """Turn Scrapy's flat stats into the run-log fields of the crawls table."""
    prefix_status = "downloader/response_status_count/"
    http_errors = {
        k.removeprefix(prefix_status): v
        for k, v in stats.items()
        if k.startswith(prefix_status) and not k.removeprefix(prefix_status).startswith(("2", "3"))
    }
    for k, v in stats.items():
        if k.startswith("downloader/exception_type_count/"):
            http_errors[k.rsplit("/", 1)[-1].rsplit(".", 1)[-1]] = v
    dropped = {
        k.removeprefix("newsarchive/dropped/"): v
        for k, v in stats.items()
        if k.startswith("newsarchive/dropped/")
    }
    flagged = {
        k.removeprefix("newsarchive/flagged/"): v
        for k, v in stats.items()
        if k.startswith("newsarchive/flagged/")
    }
    stored = sum(stats.get(f"newsarchive/articles/{k}", 0) for k in ("new", "updated", "unchanged"))
    coverage = {
        f: round(stats.get(f"newsarchive/coverage/{f}", 0) / stored, 4) if stored else None
        for f in COVERAGE_FIELDS
    }
    return {
        "pages": stats.get("downloader/response_count", 0),
        "new": stats.get("newsarchive/articles/new", 0),
        "updated": stats.get("newsarchive/articles/updated", 0),
        "unchanged": stats.get("newsarchive/articles/unchanged", 0),
        "dropped": dropped,
        "flagged": flagged,
        "http_errors": http_errors,
        "coverage": coverage,
    }


class CrawlLogExtension:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats
        self.crawl_id: int | None = None
        self.progress = crawler.settings.getbool("NEWSARCHIVE_PROGRESS") and sys.stderr.isatty()
        self._task: Any = None
        self._opening: Any = None
        self._started = time.monotonic()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlLogExtension:
        return cls(crawler)

    async def spider_opened(self, spider: Spider) -> None:
        source = spider_source(self.crawler)
        command = " ".join(sys.argv[1:])[:500]
        d = crawl_writer(self.crawler).submit(
            open_run, source, source.id if source else spider.name, command, when=COMMITTED)
        assert d is not None
        self._opening = d

        def opened(crawl_id: int) -> None:
            self.crawl_id = crawl_id
            spider.crawl_id = crawl_id  # type: ignore[attr-defined]
            self.stats.set_value("newsarchive/crawl_id", crawl_id)
            if self.progress:
                from twisted.internet import task

                self._task = task.LoopingCall(self._show_progress, spider)
                self._task.start(2.0, now=False)

        opened(await maybe_deferred_to_future(d))

    def _show_progress(self, spider: Spider) -> None:
        s = self.stats.get_stats()
        elapsed = max(time.monotonic() - self._started, 1e-6)
        pages = s.get("downloader/response_count", 0)
        errors = sum(v for k, v in s.items() if k.startswith("downloader/exception_type_count/"))
        errors += sum(
            v
            for k, v in s.items()
            if k.startswith("downloader/response_status_count/")
            and k.rsplit("/", 1)[-1][0] in "45"
        )
        sys.stderr.write(
            f"\r[{spider.name}] pages {pages}  new {s.get('newsarchive/articles/new', 0)}  "
            f"errors {errors}  {pages / elapsed:.1f} pages/s   "
        )
        sys.stderr.flush()

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        if self._task is not None and self._task.running:
            self._task.stop()
            sys.stderr.write("\n")
        if self.crawl_id is None and self._opening is not None:
            # Closed while its row was being written (another run holds the paper's lock).
            # The row exists or will: wait for it, then record how the run ended.
            await maybe_deferred_to_future(self._opening)
        if self.crawl_id is None:
            return
        stats = dict(self.stats.get_stats())
        summary = summarize_stats(stats)
        state = run_state(reason, stats)  # failed / interrupted, never a false "finished"
        summary["stats"] = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                            for k, v in stats.items()}
        d = crawl_writer(self.crawler).submit(_finish_run, self.crawl_id, state, summary,
                                              when=COMMITTED)
        assert d is not None
        await maybe_deferred_to_future(d)


def open_run(archive: Archive, source: Source | None, name: str, command: str) -> int:
    """The run's ``running`` row, committed at once (stats and a later reaper see it)."""
    if source is not None:
        archive.upsert_source(source)
    crawl_id = archive.start_crawl(name, command)
    archive.commit()
    return crawl_id


def _finish_run(archive: Archive, crawl_id: int, state: str, summary: dict[str, Any]) -> None:
    archive.finish_crawl(crawl_id, state, summary)
