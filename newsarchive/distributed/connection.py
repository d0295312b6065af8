"""Redis clients for workers and the ingester, and one clear log line while Redis is away.

Every component that talks to Redis treats connection errors as an outage: it keeps its data,
logs once that it is waiting, retries, and logs once more when Redis is back.  No crash loops.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit
from weakref import WeakKeyDictionary

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from newsarchive.distributed.keys import worker_name

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: Errors that mean "Redis is not reachable right now" (not programming errors).
REDIS_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError,
              redis.exceptions.BusyLoadingError, OSError)

#: Short timeouts and one quick retry (a pooled connection may be stale after a Redis restart):
#: callers handle outages themselves, and redis-py's default retries would freeze a worker's
#: reactor for seconds on every call while Redis is down.
CLIENT_PARAMS: dict[str, Any] = {
    "socket_timeout": 10,
    "socket_connect_timeout": 3,
    "health_check_interval": 15,
}


def safe_url(url: str) -> str:
    """The Redis URL with its password hidden, for logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    netloc = f"{user}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def connect(redis_url: str) -> redis.Redis:
    """A client for ``redis://[user:password@]host:port/db`` (bytes in, bytes out)."""
    retry = Retry(ExponentialBackoff(cap=0.2, base=0.02), 1)
    return redis.Redis.from_url(redis_url, retry=retry, **CLIENT_PARAMS)


class Outage:
    """Tracks whether Redis is reachable, logging one line when it goes and one when it returns."""

    def __init__(self, url: str, what: str) -> None:
        self.url = safe_url(url)
        self.what = what
        self.down_since: float | None = None

    @property
    def down(self) -> bool:
        return self.down_since is not None

    def failed(self, exc: BaseException) -> None:
        if self.down_since is None:
            self.down_since = time.monotonic()
            logger.warning(
                "Redis at %s is unreachable (%s: %s); %s waits and retries, nothing is lost",
                self.url, type(exc).__name__, exc, self.what,
            )

    def ok(self) -> None:
        if self.down_since is not None:
            logger.warning("Redis at %s is reachable again after %.0f s; %s carries on",
                           self.url, time.monotonic() - self.down_since, self.what)
            self.down_since = None


def wait_for_redis(client: redis.Redis, outage: Outage, *, retry_every: float = 2.0,
                   give_up_after: float | None = None) -> None:
    """Block until ``PING`` answers (logging the outage once); raise after ``give_up_after`` s."""
    started = time.monotonic()
    while True:
        try:
            client.ping()
        except redis.exceptions.AuthenticationError:
            raise  # a wrong password is a configuration error, not an outage
        except REDIS_DOWN as exc:
            outage.failed(exc)
            if give_up_after is not None and time.monotonic() - started > give_up_after:
                raise
            time.sleep(retry_every)
            continue
        outage.ok()
        return


_CLIENTS: WeakKeyDictionary[Any, redis.Redis] = WeakKeyDictionary()
_OUTAGES: WeakKeyDictionary[Any, Outage] = WeakKeyDictionary()
_WORKERS: WeakKeyDictionary[Any, str] = WeakKeyDictionary()


def crawler_worker(crawler: Crawler) -> str:
    """This worker's id (``NEWSARCHIVE_WORKER_ID`` or host-pid-random), fixed for the crawl."""
    worker = _WORKERS.get(crawler)
    if worker is None:
        worker = crawler.settings.get("NEWSARCHIVE_WORKER_ID") or worker_name()
        _WORKERS[crawler] = worker
    return worker


def crawler_outage(crawler: Crawler) -> Outage:
    """One outage tracker per crawl, so a worker says "Redis is away" once, not per component."""
    outage = _OUTAGES.get(crawler)
    if outage is None:
        outage = Outage(crawler.settings.get("REDIS_URL"), f"worker of {crawler.spidercls.name}")
        _OUTAGES[crawler] = outage
    return outage


def crawler_client(crawler: Crawler) -> redis.Redis:
    """One client per crawl (scheduler, dupefilter, pipeline and middlewares share its pool)."""
    client = _CLIENTS.get(crawler)
    if client is None:
        client = connect(crawler.settings.get("REDIS_URL"))
        _CLIENTS[crawler] = client
    return client
