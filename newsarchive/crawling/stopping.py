"""Process-wide "please stop" flags, so code that waits (for Redis, for a queue) obeys signals.

The crawl's signal handler (:mod:`newsarchive.crawling.run`) sets :func:`request` on the first
SIGINT/SIGTERM and :func:`force` on the second.  A loop that waits calls :func:`sleep` instead
of ``time.sleep``: it returns early, raising :class:`CrawlStopped`, once a stop was asked for.
"""

from __future__ import annotations

import time

from twisted.internet.error import ConnectionDone

#: Plain flags, not threading.Event: they are set from signal handlers, where taking a lock the
#: interrupted code may hold would deadlock.
_flags = {"stop": False, "force": False}
_POLL = 0.1


class CrawlStopped(ConnectionDone):
    """A wait or a download cut short because the crawl is stopping.

    A ConnectionDone, so Scrapy's retry middleware puts an interrupted download back in the
    queue (which is then dropped, or kept for the next run by a persistent queue) instead of
    calling it a failure of the site.
    """

    def __init__(self, what: str = "the crawl is stopping") -> None:
        super().__init__(what)


def request() -> None:
    _flags["stop"] = True


def force() -> None:
    _flags["stop"] = _flags["force"] = True


def reset() -> None:
    _flags["stop"] = _flags["force"] = False


def requested() -> bool:
    return _flags["stop"]


def forced() -> bool:
    return _flags["force"]


def sleep(seconds: float, *, until_forced: bool = False) -> None:
    """Wait ``seconds``; raise CrawlStopped as soon as a stop (or, with ``until_forced``, a
    forced stop) is requested.  ``until_forced`` suits waits that protect data (pushing held
    items): the first signal lets them finish, the second cuts them short."""
    flag = "force" if until_forced else "stop"
    deadline = time.monotonic() + seconds
    while not _flags[flag]:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(_POLL, left))
    raise CrawlStopped()
