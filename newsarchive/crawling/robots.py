"""Scrapy's RobotsTxtMiddleware, with robots.txt obeyed by every request that waits for it.

Scrapy 2.19 awaits a host's pending robots.txt with ``Deferred.asFuture``, which passes the
parser to the first waiter and ``None`` ("no robots.txt: allow") to every later one, so the
requests that start together on a new host (a paper's start pages, a batch of photos on a
CDN) are not checked.  Here each waiter gets its own relay of the result.  Drop this module
once Scrapy hands the parser to every waiter (scrapy/scrapy#6802 introduced the await).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxt
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.robotstxt import RobotParser


class RobotsTxtMiddleware(ScrapyRobotsTxt):
    async def robot_parser(self, request: Request) -> RobotParser | None:
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        waiter: Deferred[RobotParser | None] = Deferred()

        def relay(result: RobotParser | None) -> RobotParser | None:
            waiter.callback(result)
            return result  # unchanged for the next waiter

        pending.addCallback(relay)
        return await maybe_deferred_to_future(waiter)
