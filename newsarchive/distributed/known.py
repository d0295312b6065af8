"""Which article URLs are archived already, for workers on machines without the archive.

A single-process crawl skips archived article URLs by asking the archive (``known_urls``), which
also stops pagination once a listing page has nothing new.  A worker on another machine has no
archive, so the ingester keeps, per source, a Redis set of 8-byte fingerprints of the canonical
URLs it has stored (~56 B per URL), and the worker's scheduler merges it into the spider's
``known`` set when the crawl opens (``NEWSARCHIVE_REDIS_KNOWN_URLS``, on by default).
A fingerprint collision (about 1 in 10^10 for a paper with 500,000 articles) would skip a URL.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from newsarchive.distributed.keys import known_key

if TYPE_CHECKING:
    from collections.abc import Iterable

    import redis

FINGERPRINT_BYTES = 8


def url_fingerprint(url: str) -> bytes:
    return hashlib.sha1(url.encode("utf-8")).digest()[:FINGERPRINT_BYTES]


class KnownUrls(set[str]):
    """The spider's own known URLs plus the fingerprints the ingester published."""

    def __init__(self, local: Iterable[str], fingerprints: Iterable[bytes]) -> None:
        super().__init__(local)
        self.fingerprints = frozenset(fingerprints)

    def __contains__(self, url: object) -> bool:
        if super().__contains__(url):
            return True
        return isinstance(url, str) and url_fingerprint(url) in self.fingerprints

    def __len__(self) -> int:
        return max(super().__len__(), len(self.fingerprints))


def load_known(client: redis.Redis, source: str) -> set[bytes]:
    members: set[bytes] = set()
    for member in client.sscan_iter(known_key(source), count=10_000):
        members.add(bytes(member))
    return members


def publish_known(client: redis.Redis, pairs: Iterable[tuple[str, str]]) -> None:
    """Add (source, canonical url) pairs to the sources' known sets."""
    by_source: dict[str, list[bytes]] = {}
    for source, url in pairs:
        by_source.setdefault(source, []).append(url_fingerprint(url))
    if not by_source:
        return
    pipe = client.pipeline(transaction=False)
    for source, fps in by_source.items():
        for i in range(0, len(fps), 10_000):
            pipe.sadd(known_key(source), *fps[i:i + 10_000])
    pipe.execute()


def seed_known(client: redis.Redis, archive: Any) -> int:
    """Publish the archive's URLs for every source whose known set is missing; returns URLs sent."""
    sources = [r[0] for r in archive.conn.execute(
        "SELECT DISTINCT source FROM articles WHERE source IS NOT NULL")]
    sent = 0
    for source in sources:
        if client.exists(known_key(source)):
            continue
        urls = archive.known_urls(source)
        publish_known(client, ((source, u) for u in urls))
        sent += len(urls)
    return sent
