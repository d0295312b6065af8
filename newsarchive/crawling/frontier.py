"""Resume a crawl where earlier runs stopped, after the spider's own start requests.

A spider middleware (``SPIDER_MIDDLEWARES``), so the spider's ``start()`` stays as it is: after
the start requests it adds the spider's :meth:`resume_requests` - the paper's robots.txt (its
``Sitemap:`` lines are discovery) and the pages earlier runs discovered but never fetched (the
archive's ``frontier`` table, written by the duplicate filter and emptied as pages are stored or
judged).  A run killed after it archived an article therefore still reaches the links that
article held, even though the article itself is not fetched again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

if TYPE_CHECKING:
    from collections.abc import AsyncIterator


class FrontierMiddleware(BaseSpiderMiddleware):
    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item in start:
            yield item
        resume = getattr(self.crawler.spider, "resume_requests", None)
        if resume is not None:
            for request in resume():
                yield request
