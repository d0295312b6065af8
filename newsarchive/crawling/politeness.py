"""Politeness a small provincial server notices: robots.txt Crawl-delay and Retry-After backoff.

Scrapy's RobotsTxtMiddleware obeys Allow/Disallow but ignores ``Crawl-delay`` and
``Request-rate``, and RetryMiddleware retries a 429/503 at once, ignoring ``Retry-After``.
This middleware fills both gaps on the site's *download slot* (Scrapy's per-host queue), so
every request to that host waits, not only the one that failed:

- when a robots.txt response comes back, its Crawl-delay (or Request-rate, whichever is slower)
  for our user agent becomes a floor under the slot's delay, with no random jitter below it;
  AutoThrottle may raise the delay but never take it below the floor;
- a 429 or 503 pauses the whole slot for ``Retry-After`` seconds (delta-seconds or an
  HTTP-date), or, without the header, for an exponential backoff (base * 2**(n-1) for the n-th
  failure in a row); the first good response restores the delay the slot had before.
  RetryMiddleware still decides *whether* to retry; this decides *when*.

The timing-critical part runs on the ``response_downloaded`` signal, which Scrapy sends before
it takes the next request off the slot's queue, so no queued request slips through early.

Settings (all optional):
  NEWSARCHIVE_OBEY_CRAWL_DELAY   True   apply robots.txt Crawl-delay / Request-rate
  NEWSARCHIVE_MAX_CRAWL_DELAY    60     cap (s) on a robots.txt delay (a site asking for more
                                        is crawled at this pace, with a warning)
  NEWSARCHIVE_BACKOFF_STATUSES   [429, 503]
  NEWSARCHIVE_BACKOFF_BASE       5      first backoff (s) when no Retry-After is given
  NEWSARCHIVE_BACKOFF_MAX        300    cap (s) on any backoff, Retry-After included
Stats: newsarchive/politeness/crawl_delay/<host>, newsarchive/politeness/backoff/<status>,
newsarchive/politeness/retry_after_honoured, newsarchive/politeness/backoff_seconds.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy import signals

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.core.downloader import Downloader, Slot
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

STATS_PREFIX = "newsarchive/politeness"


def parse_retry_after(value: str | bytes | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None.

    A date in the past means 0; garbage means None (the caller then uses its own backoff).
    """
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1", errors="replace")
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def robots_delay(robots_text: str, user_agent: str) -> float | None:
    """The delay robots.txt asks of ``user_agent``: max of Crawl-delay and Request-rate, or None."""
    from protego import Protego

    try:
        rp = Protego.parse(robots_text)
    except Exception:
        logger.warning("robots.txt could not be parsed for its Crawl-delay", exc_info=True)
        return None
    delays: list[float] = []
    crawl_delay = rp.crawl_delay(user_agent)
    if crawl_delay is not None and crawl_delay > 0:
        delays.append(float(crawl_delay))
    rate = rp.request_rate(user_agent)
    if rate is not None and rate.requests > 0 and rate.seconds > 0:
        delays.append(rate.seconds / rate.requests)
    return max(delays) if delays else None


@dataclass
class _Backoff:
    """A slot paused after 429/503: what to restore once the server answers normally again."""

    saved_delay: float
    saved_jitter: float
    failures: int = 0


class PolitenessMiddleware:
    """Downloader middleware: robots.txt Crawl-delay floor and Retry-After backoff per slot."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.obey_crawl_delay = settings.getbool("NEWSARCHIVE_OBEY_CRAWL_DELAY", True) and \
            settings.getbool("ROBOTSTXT_OBEY")
        self.max_crawl_delay = settings.getfloat("NEWSARCHIVE_MAX_CRAWL_DELAY", 60.0)
        self.backoff_statuses = {
            int(s) for s in settings.getlist("NEWSARCHIVE_BACKOFF_STATUSES", [429, 503])
        }
        self.backoff_base = settings.getfloat("NEWSARCHIVE_BACKOFF_BASE", 5.0)
        self.backoff_max = settings.getfloat("NEWSARCHIVE_BACKOFF_MAX", 300.0)
        self.user_agent = (settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT")
                           or "*")
        #: slot key -> minimum delay demanded by that host's robots.txt
        self.floors: dict[str, float] = {}
        self.backoffs: dict[str, _Backoff] = {}
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PolitenessMiddleware:
        return cls(crawler)

    # ---- helpers ---------------------------------------------------------------------------
    @property
    def _downloader(self) -> Downloader | None:
        engine = getattr(self.crawler, "engine", None)
        return getattr(engine, "downloader", None)

    def _slot(self, request: Request) -> tuple[str, Slot | None]:
        downloader = self._downloader
        if downloader is None:
            return "", None
        key = request.meta.get("download_slot") or downloader.get_slot_key(request)
        return key, downloader.slots.get(key)

    def _inc(self, key: str, count: float = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"{STATS_PREFIX}/{key}", count)  # type: ignore[arg-type]

    # ---- middleware hooks ------------------------------------------------------------------
    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        """Slots are created lazily and collected when idle; re-apply a known floor to new ones."""
        key, slot = self._slot(request)
        floor = self.floors.get(key)
        if floor is None:
            return
        if slot is None:
            downloader = self._downloader
            if downloader is not None:
                downloader.per_slot_settings.setdefault(key, {}).update(
                    {"delay": floor, "jitter": 0.0})
        elif key not in self.backoffs and slot.delay < floor:
            slot.delay, slot.jitter = floor, 0.0

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        return response

    # ---- signal: runs before the slot takes its next request -------------------------------
    def response_downloaded(self, response: Response, request: Request,
                            spider: Spider | None = None) -> None:
        key, slot = self._slot(request)
        if slot is None:
            return
        if self.obey_crawl_delay and request.meta.get("dont_obey_robotstxt") and \
                urlsplit(request.url).path == "/robots.txt":
            self._apply_robots(key, slot, response)
        if response.status in self.backoff_statuses:
            self._start_backoff(key, slot, request, response)
        elif key in self.backoffs and response.status < 400:
            self._end_backoff(key, slot)
        else:
            floor = self.floors.get(key)
            if floor is not None and key not in self.backoffs and slot.delay < floor:
                # AutoThrottle has just lowered the delay: put the floor back under it.
                slot.delay, slot.jitter = floor, 0.0

    def _apply_robots(self, key: str, slot: Slot, response: Response) -> None:
        if response.status != 200:
            return
        delay = robots_delay(response.body.decode("utf-8", errors="replace"), self.user_agent)
        if delay is None:
            return
        if delay > self.max_crawl_delay:
            logger.warning("%s asks for Crawl-delay %.0f s; capped at %.0f s "
                           "(NEWSARCHIVE_MAX_CRAWL_DELAY)", key, delay, self.max_crawl_delay)
            delay = self.max_crawl_delay
        self.floors[key] = delay
        logger.info("%s: robots.txt Crawl-delay %.2f s applied to its download slot", key, delay)
        if self.crawler.stats is not None:
            self.crawler.stats.set_value(f"{STATS_PREFIX}/crawl_delay/{key}", delay)
        if key in self.backoffs:
            self.backoffs[key].saved_delay = max(self.backoffs[key].saved_delay, delay)
            self.backoffs[key].saved_jitter = 0.0
        elif slot.delay < delay or slot.jitter:
            slot.delay, slot.jitter = max(slot.delay, delay), 0.0

    def _start_backoff(self, key: str, slot: Slot, request: Request, response: Response) -> None:
        state = self.backoffs.get(key)
        if state is None:
            state = _Backoff(saved_delay=slot.delay, saved_jitter=slot.jitter)
            self.backoffs[key] = state
        state.failures += 1
        retry_after = parse_retry_after(response.headers.get(b"Retry-After"))
        if retry_after is not None:
            wait = retry_after
            self._inc("retry_after_honoured")
        else:
            wait = self.backoff_base * 2 ** (state.failures - 1)
        if wait > self.backoff_max:
            logger.warning("%s: backoff of %.0f s capped at %.0f s (NEWSARCHIVE_BACKOFF_MAX)",
                           key, wait, self.backoff_max)
            wait = self.backoff_max
        wait = max(wait, self.floors.get(key, 0.0), state.saved_delay)
        # Pause the slot: the next request may start `wait` seconds from now, no sooner.
        slot.delay, slot.jitter = wait, 0.0
        slot.lastseen = time.monotonic()
        self._inc(f"backoff/{response.status}")
        self._inc("backoff_seconds", round(wait, 3))
        logger.info("HTTP %d from %s (%s); pausing %s for %.1f s (failure %d in a row)",
                    response.status, request.url,
                    "Retry-After" if retry_after is not None else "no Retry-After",
                    key, wait, state.failures)

    def _end_backoff(self, key: str, slot: Slot) -> None:
        state = self.backoffs.pop(key)
        slot.delay = max(state.saved_delay, self.floors.get(key, 0.0))
        slot.jitter = 0.0 if key in self.floors else state.saved_jitter

