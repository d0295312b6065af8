"""scrapy-redis's dupefilter with bounded memory: per-source key, compact fingerprints, expiry.

Upstream keeps one ever-growing set of 40-character hex fingerprints per spider
(rmax/scrapy-redis#144).  Here each source's set lives for one run: it is deleted when the run is
over (see :mod:`.leases`), and it expires ``NEWSARCHIVE_REDIS_DUPEFILTER_TTL`` seconds after the
last new URL if a run is abandoned.  Members are the first 16 bytes of Scrapy's own request
fingerprint (``REQUEST_FINGERPRINTER_CLASS``), not hex text.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy_redis.dupefilter import RFPDupeFilter

from newsarchive.distributed.connection import crawler_client
from newsarchive.distributed.keys import DUPEFILTER_KEY

if TYPE_CHECKING:
    import redis
    from scrapy import Request, Spider
    from scrapy.utils.request import RequestFingerprinterProtocol

logger = logging.getLogger(__name__)

#: Bytes of the SHA-1 request fingerprint kept: 128 bits, no collision in any realistic crawl.
FINGERPRINT_BYTES = 16
DEFAULT_TTL = 7 * 24 * 3600


class ExpiringDupeFilter(RFPDupeFilter):
    """Shared "seen requests" set of one source for one run (``DUPEFILTER_CLASS``)."""

    def __init__(self, server: redis.Redis, key: str, debug: bool = False, *,
                 ttl: float = DEFAULT_TTL,
                 fingerprinter: RequestFingerprinterProtocol | None = None) -> None:
        super().__init__(server, key, debug)
        self.ttl_ms = int(ttl * 1000)
        self.fingerprinter = fingerprinter

    @classmethod
    def from_spider(cls, spider: Spider) -> ExpiringDupeFilter:
        crawler = spider.crawler
        settings = crawler.settings
        key = (settings.get("SCHEDULER_DUPEFILTER_KEY") or DUPEFILTER_KEY) % {"spider": spider.name}
        return cls(
            crawler_client(crawler), key, settings.getbool("DUPEFILTER_DEBUG"),
            ttl=settings.getfloat("NEWSARCHIVE_REDIS_DUPEFILTER_TTL", DEFAULT_TTL),
            fingerprinter=crawler.request_fingerprinter,
        )

    def fingerprint(self, request: Request) -> bytes:
        if self.fingerprinter is None:
            return bytes.fromhex(self.request_fingerprint(request))[:FINGERPRINT_BYTES]
        return self.fingerprinter.fingerprint(request)[:FINGERPRINT_BYTES]

    def request_seen(self, request: Request) -> bool:
        pipe = self.server.pipeline(transaction=False)
        pipe.sadd(self.key, self.fingerprint(request))
        pipe.pexpire(self.key, self.ttl_ms)
        added, _ = pipe.execute()
        return int(added) == 0

    def close(self, reason: str = "") -> None:
        """Keep the set: other workers still use it (the run's end deletes it, or it expires)."""
