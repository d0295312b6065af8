"""Tell the lease book when a taken request is finished, so a crash redoes as little as possible.

A request is finished when its callback's output has been consumed (new links are in the shared
queue) and every item it produced has left the item pipelines (pushed to Redis or dropped), or
when its download failed for good.  Anything these hooks miss is cleared when the worker is idle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy import signals

from newsarchive.distributed.leases import LEASE_META
from newsarchive.distributed.scheduler import lease_book

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable, Iterator

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class LeaseAckSpiderMiddleware:
    """Outermost spider middleware (``SPIDER_MIDDLEWARES`` order 1)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.items: dict[int, int] = {}
        self.consumed: set[int] = set()
        for sig in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self._item_done, signal=sig)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeaseAckSpiderMiddleware:
        return cls(crawler)

    def _lease(self, response: Any) -> int | None:
        meta = getattr(response, "meta", None) if response is not None else None
        try:
            number = meta.get(LEASE_META) if meta is not None else None
        except AttributeError:  # a Response without a request has no meta
            return None
        return number if isinstance(number, int) else None

    def _maybe_finish(self, lease: int, response: Response) -> None:
        if lease in self.consumed and not self.items.get(lease):
            self.consumed.discard(lease)
            self.items.pop(lease, None)
            book = lease_book(self.crawler)
            if book is not None:
                book.finish(response.meta)

    def _item_done(self, item: Any = None, response: Any = None, **kwargs: Any) -> None:
        lease = self._lease(response)
        if lease is None or lease not in self.items:
            return
        self.items[lease] -= 1
        self._maybe_finish(lease, response)

    def _count(self, lease: int | None, output: Any) -> None:
        from scrapy import Request

        if lease is not None and output is not None and not isinstance(output, Request):
            self.items[lease] = self.items.get(lease, 0) + 1

    def _consumed(self, lease: int | None, response: Response) -> None:
        """The spider has yielded everything for this response (sync and async paths alike)."""
        if lease is not None:
            self.consumed.add(lease)
            self._maybe_finish(lease, response)

    def process_spider_output(self, response: Response, result: Iterable[Any],
                              spider: Spider | None = None) -> Iterator[Any]:
        lease = self._lease(response)
        try:
            for output in result:
                self._count(lease, output)
                yield output
        finally:
            self._consumed(lease, response)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any],
                                          spider: Spider | None = None) -> AsyncIterator[Any]:
        lease = self._lease(response)
        try:
            async for output in result:
                self._count(lease, output)
                yield output
        finally:
            self._consumed(lease, response)


class LeaseAckDownloaderMiddleware:
    """Outermost downloader middleware (``DOWNLOADER_MIDDLEWARES`` order 1): final failures."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeaseAckDownloaderMiddleware:
        return cls(crawler)

    def process_exception(self, request: Request, exception: BaseException,
                          spider: Spider | None = None) -> None:
        book = lease_book(self.crawler)
        if book is not None:
            book.finish(request.meta)
