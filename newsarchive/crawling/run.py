"""Run crawls of one or more sources in this process with Scrapy's real engine.

Used by `newsarchive crawl` and `newsarchive demo`; `scrapy crawl <id>` reaches the same spiders
through the project's spider loader.

Stopping: the first SIGINT/SIGTERM stops every crawl within about a second (nothing new is
fetched; requests waiting for their turn and downloads still in flight are cut short and go
back to the queue; what was stored stays, and each run's row says ``interrupted``).  A second
signal stops the process at once, after marking the runs ``interrupted``.  Either signal also
wakes code that waits for Redis (:mod:`newsarchive.crawling.stopping`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from newsarchive.crawling import stopping

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: Seconds a download already on the wire may take to finish after the first stop signal.
STOP_GRACE = 0.3
#: Seconds the second signal waits for the reactor before exiting from another thread.
FORCE_WAIT = 1.0


@dataclass
class CrawlOutcome:
    source: str
    finish_reason: str
    stats: dict[str, Any]


def project_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """newsarchive's Scrapy settings with command-line priority overrides applied."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newsarchive.settings")
    settings = Settings()
    settings.setmodule("newsarchive.settings", priority="project")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def mirror_overrides(mirror_url: str) -> dict[str, Any]:
    """Settings for crawling the local mirror: routed to loopback, no need to be slow."""
    return {
        "NEWSARCHIVE_MIRROR": mirror_url,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
        "NEWSARCHIVE_BACKOFF_BASE": 0.5,
        "NEWSARCHIVE_BACKOFF_MAX": 5.0,
    }


def run_crawls(source_ids: list[str],
               overrides: dict[str, Any] | None = None) -> list[CrawlOutcome]:
    """Crawl the given sources concurrently in one reactor; returns each crawl's outcome.

    A stop signal ends the crawls early (their outcomes say ``shutdown``); a second one exits
    the process with status 130.
    """
    settings = project_settings(overrides)
    Path(settings.get("NEWSARCHIVE_DB")).parent.mkdir(parents=True, exist_ok=True)
    process = CrawlerProcess(settings)
    crawlers = []
    stopper = _QuickStop(settings.get("NEWSARCHIVE_DB"))
    with stopper.handling_signals():
        for source_id in source_ids:
            crawler = process.create_crawler(source_id)
            crawlers.append((source_id, crawler))
            stopper.crawlers.append(crawler)
            if stopping.requested():
                break
            process.crawl(crawler).addErrback(_quiet_if_stopping)
        process.start(install_signal_handlers=False)
    outcomes = []
    for source_id, crawler in crawlers:
        stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
        reason = stats.get("finish_reason") or ("shutdown" if stopping.requested() else "unknown")
        outcomes.append(CrawlOutcome(source_id, str(reason), stats))
    return outcomes


class _QuickStop:
    """A crawl process's signals: stop quickly on the first, at once on the second."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.crawlers: list[Crawler] = []
        self.signals = 0

    @contextlib.contextmanager
    def handling_signals(self) -> Iterator[None]:
        stopping.reset()
        previous = {s: signal.signal(s, self._on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)

    def _on_signal(self, signum: int, frame: Any) -> None:
        # Runs between two bytecodes of the reactor thread: write with os.write, never logging.
        reactor = _reactor()
        self.signals += 1
        stopping.request()
        if self.signals == 1:
            os.write(2, b"\nstopping: the pages in hand are stored, nothing new is fetched "
                        b"(press Ctrl-C again to stop at once)\n")
            reactor.callFromThread(self._stop_crawls)
            return
        if self.signals == 2:
            stopping.force()
            os.write(2, b"stopping at once\n")
            # In the reactor thread if it still turns (the usual case), else from a timer.
            reactor.callFromThread(self._finish_now)
            threading.Timer(FORCE_WAIT, self._force_exit).start()

    def _crawl_ids(self) -> list[int]:
        ids = [c.stats.get_value("newsarchive/crawl_id") for c in self.crawlers if c.stats]
        return [int(i) for i in ids if i]

    def _finish_now(self) -> None:
        """Keep what is stored (commit), mark the runs interrupted, exit: no more waiting."""
        from newsarchive.crawling.runlog import now_iso
        from newsarchive.crawling.runstate import mark_interrupted

        try:
            marked = self._commit_and_mark(now_iso())
        except Exception as exc:  # the archive's connection is not usable here: use our own
            os.write(2, f"could not record the runs through the crawl's archive ({exc})\n"
                     .encode())
            marked = mark_interrupted(self.db, self._crawl_ids(), now_iso())
        os.write(2, f"stopped at once; {marked} run(s) marked interrupted\n".encode())
        os._exit(130)

    def _commit_and_mark(self, when: str) -> int:
        """Commit what the archive writer holds, then mark this process's runs interrupted."""
        from newsarchive.crawling.runstate import mark_interrupted
        from newsarchive.crawling.writer import crawl_writer, has_writer

        for crawler in self.crawlers:
            if has_writer(crawler):
                crawl_writer(crawler).flush(timeout=FORCE_WAIT)
                break  # one writer per archive file
        return mark_interrupted(self.db, self._crawl_ids(), when, timeout=FORCE_WAIT)

    def _force_exit(self) -> None:
        """The reactor did not get to _finish_now: mark the runs from here, and exit."""
        from newsarchive.crawling.runlog import now_iso
        from newsarchive.crawling.runstate import mark_interrupted

        marked = mark_interrupted(self.db, self._crawl_ids(), now_iso())
        os.write(2, f"stopped at once; {marked} run(s) marked interrupted\n".encode())
        os._exit(130)

    def _stop_crawls(self) -> None:
        for crawler in self.crawlers:
            if crawler.crawling and crawler.engine is not None and crawler.engine.running:
                from scrapy.utils.defer import deferred_from_coro

                deferred_from_coro(crawler.stop_async())
        for crawler in self.crawlers:
            _cut_queued(crawler)
        _reactor().callLater(STOP_GRACE, _abort_connections, self.crawlers)


def _quiet_if_stopping(failure: Any) -> Any:
    """A crawl that a stop signal cut short while it was starting (e.g. waiting for Redis)
    fails inside Scrapy; that is the stop doing its job, not an error to print."""
    if stopping.requested():
        logger.debug("crawl stopped while starting: %s", failure.getErrorMessage())
        return None
    return failure


def _reactor() -> Any:
    from twisted.internet import reactor

    return reactor


def _cut_queued(crawler: Crawler) -> None:
    """Requests waiting in the downloader for their politeness delay: back to the queue.

    Every request the downloader holds is marked retryable whatever its retry count, so the
    retry middleware hands it back to the scheduler (where the stop leaves it) instead of
    reporting a fetch error the site did not cause.
    """
    from twisted.python.failure import Failure

    engine = crawler.engine
    if engine is None:
        return
    for request in list(engine.downloader.active):
        request.meta["max_retry_times"] = request.meta.get("retry_times", 0) + 1_000
    for slot in list(engine.downloader.slots.values()):
        while slot.queue:
            _request, deferred = slot.queue.popleft()
            deferred.errback(Failure(stopping.CrawlStopped()))  # type: ignore[no-untyped-call]


def _abort_connections(crawlers: list[Crawler]) -> None:
    """Downloads still on the wire after the grace period: close their connections.

    Repeated until the crawls have closed: Twisted's connection pool retries a GET once on a
    fresh connection when a reused one fails, so one pass is not always the last.
    """
    from twisted.internet import tcp

    reactor = _reactor()
    for selectable in {*reactor.getReaders(), *reactor.getWriters()}:
        if isinstance(selectable, tcp.Client):
            selectable.abortConnection()  # type: ignore[no-untyped-call]
    if any(c.engine is not None and c.engine.spider is not None for c in crawlers):
        reactor.callLater(STOP_GRACE / 2, _abort_connections, crawlers)  # still closing
