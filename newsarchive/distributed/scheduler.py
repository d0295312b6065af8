"""scrapy-redis's scheduler adapted to Scrapy 2.19 and to workers that die or lose Redis.

* Scrapy 2.19 deprecates the ``spider`` argument of ``StatsCollector`` methods (scrapy/scrapy#7011);
  scrapy-redis 0.9.1 (the latest release) still passes ``spider=`` from ``enqueue_request`` and
  ``next_request``, so every scheduled request logged a ScrapyDeprecationWarning.  This subclass
  counts its stats without it.
* Taken requests are leased (:mod:`.leases`): a killed worker's requests return to the queue.
* A worker only finishes when the whole run is over (no queued request, no live worker holding
  one), so workers that start while others are still discovering links do not quit early.
* While Redis is unreachable, new requests wait in memory, the spider stays open, and one log line
  says so; nothing crashes.
"""

from __future__ import annotations

import logging
from collections import deque
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from newsarchive.distributed.connection import (
    REDIS_DOWN,
    crawler_client,
    crawler_outage,
    crawler_worker,
    wait_for_redis,
)
from newsarchive.distributed.known import KnownUrls, load_known
from newsarchive.distributed.leases import LeaseBook

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

    from newsarchive.distributed.connection import Outage

logger = logging.getLogger(__name__)

_BOOKS: WeakKeyDictionary[Any, LeaseBook] = WeakKeyDictionary()


def lease_book(crawler: Crawler) -> LeaseBook | None:
    """The running worker's lease book (used by the ack middlewares and the item pipeline)."""
    return _BOOKS.get(crawler)


class LeasedPriorityQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop parks the request in the worker's in-flight set."""

    book: LeaseBook

    def pop(self, timeout: int = 0) -> Request | None:
        taken = self.book.pop()
        if taken is None:
            return None
        data, _score = taken
        request: Request = self._decode_request(data)
        self.book.hold(request, data)
        return request


class SharedScheduler(Scheduler):
    """``SCHEDULER`` for distributed crawls (see the module docstring)."""

    crawler: Crawler
    outage: Outage
    worker: str
    ttl: float
    df: Any  # scrapy-redis sets the dupefilter in open()
    backlog: deque[Request]
    book: LeaseBook | None
    _heartbeat: LoopingCall | None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScheduler:
        outage = crawler_outage(crawler)
        wait_for_redis(crawler_client(crawler), outage,
                       retry_every=crawler.settings.getfloat("NEWSARCHIVE_REDIS_RETRY", 2.0))
        instance: SharedScheduler = super().from_settings(crawler.settings)
        instance.server = crawler_client(crawler)
        instance.stats = crawler.stats
        instance.crawler = crawler
        instance.outage = outage
        instance.worker = crawler_worker(crawler)
        instance.ttl = crawler.settings.getfloat("NEWSARCHIVE_REDIS_WORKER_TTL", 60.0)
        instance.backlog = deque()
        instance.book = None
        instance._heartbeat = None
        crawler.signals.connect(instance._spider_idle, signal=signals.spider_idle)
        return instance

    # -- lifecycle --------------------------------------------------------------------------
    def open(self, spider: Spider) -> None:
        self.spider = spider
        queue = LeasedPriorityQueue(server=self.server, spider=spider,
                                    key=self.queue_key % {"spider": spider.name},
                                    serializer=self.serializer)
        if not self.df:
            from scrapy.utils.misc import load_object

            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        self.book = LeaseBook(self.server, self.outage, source=spider.name, worker=self.worker,
                              queue_key=queue.key, dupefilter_key=self.df.key, ttl=self.ttl)
        self.book.blockers.append(lambda: bool(self.backlog))
        queue.book = self.book
        self.queue = queue
        _BOOKS[self.crawler] = self.book
        while True:
            try:
                self.book.register()
                waiting = len(queue)
                break
            except REDIS_DOWN as exc:
                self.outage.failed(exc)
                wait_for_redis(self.server, self.outage)
        logger.info("worker %s joined the crawl of %s (%d requests already queued)",
                    self.worker, spider.name, waiting)
        self._share_known_urls(spider)
        self._heartbeat = LoopingCall(self._beat)
        self._heartbeat.start(max(self.ttl / 4, 0.2), now=False)

    def close(self, reason: str) -> None:
        if self._heartbeat is not None and self._heartbeat.running:
            self._heartbeat.stop()
        if self.book is None:
            return
        try:
            self._flush_backlog()
            returned = self.book.leave(finished=reason == "finished" and not self.backlog)
        except REDIS_DOWN as exc:
            self.outage.failed(exc)
            logger.error("worker %s stopped while Redis was unreachable: %d new requests were not "
                         "queued; its taken requests return to the queue when its heartbeat "
                         "expires", self.worker, len(self.backlog))
            return
        if returned:
            logger.info("worker %s stopped (%s): %d unfinished requests returned to the queue",
                        self.worker, reason, returned)

    def _share_known_urls(self, spider: Spider) -> None:
        """Give the spider the archive's URLs even when this machine has no archive."""
        local = getattr(spider, "known", None)
        if (not self.crawler.settings.getbool("NEWSARCHIVE_REDIS_KNOWN_URLS", True)
                or not isinstance(local, set) or getattr(spider, "refresh", False)):
            return
        try:
            fingerprints = load_known(self.server, spider.name)
        except REDIS_DOWN as exc:
            self.outage.failed(exc)
            return
        spider.known = KnownUrls(local, fingerprints)  # type: ignore[attr-defined]
        logger.info("%s: %d archived article URLs known from Redis, %d from the local archive",
                    spider.name, len(fingerprints), len(local))

    # -- the scheduler interface ------------------------------------------------------------
    def enqueue_request(self, request: Request) -> bool:
        if self.backlog and not self._flush_backlog():
            self.backlog.append(request)
            return True
        try:
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            self.queue.push(request)
        except REDIS_DOWN as exc:
            # Whether the dupefilter saw it is unknown: keep it, and queue it unfiltered later.
            self.outage.failed(exc)
            self.backlog.append(request)
            return True
        self.outage.ok()
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        if self.backlog:
            self._flush_backlog()
        try:
            request = self.queue.pop()
        except REDIS_DOWN as exc:
            self.outage.failed(exc)
            return None
        self.outage.ok()
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        if self.backlog:
            return True
        try:
            return len(self.queue) > 0
        except REDIS_DOWN as exc:
            self.outage.failed(exc)
            return True  # keep the spider open until Redis is back

    def _flush_backlog(self) -> bool:
        seen: set[bytes] = set()
        while self.backlog:
            request = self.backlog[0]
            fp = self.crawler.request_fingerprinter.fingerprint(request)
            try:
                if fp not in seen or request.dont_filter:
                    self.queue.push(request)
            except REDIS_DOWN as exc:
                self.outage.failed(exc)
                return False
            seen.add(fp)
            self.backlog.popleft()
        self.outage.ok()
        return True

    # -- coordination with the other workers ------------------------------------------------
    def _beat(self) -> None:
        assert self.book is not None
        try:
            self.book.heartbeat()
            if self.backlog:
                self._flush_backlog()
            _, busy, queued = self.book.survey(idle=False)
        except REDIS_DOWN as exc:
            self.outage.failed(exc)
            return
        self.outage.ok()
        if queued or not busy:
            self._wake_engine()  # fetch what peers queued, or notice promptly that the run is over

    def _wake_engine(self) -> None:
        """Ask the engine to poll the queue now instead of at its next 5 s heartbeat.

        Scrapy has no public call for this; ``engine._slot.nextcall`` is what ``engine.crawl()``
        schedules itself.  Without it an idle worker still wakes, only up to 5 s later.
        """
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()

    def _spider_idle(self, spider: Spider) -> None:
        """Finish only when the run is over for every worker; otherwise wait for more work."""
        if self.book is None:
            return
        try:
            if self.backlog and not self._flush_backlog():
                raise DontCloseSpider
            _, busy, queued = self.book.survey(idle=True)
        except REDIS_DOWN as exc:
            self.outage.failed(exc)
            raise DontCloseSpider from None
        if busy or queued:
            raise DontCloseSpider
        logger.info("worker %s: the crawl of %s is complete (nothing queued, no worker busy)",
                    self.worker, spider.name)
