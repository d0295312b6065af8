"""Distributed crawling: Scrapy workers share one queue in Redis, one ingester writes the archive.

Workers use scrapy-redis's scheduler (adapted in :mod:`.scheduler`) with per-source keys, share a
per-site politeness token (:mod:`.politeness`), and push extracted items to a reliable Redis list
(:mod:`.queue`, :mod:`.pipeline`).  ``newsarchive ingest --redis URL`` (:mod:`.ingest`) is the one
process that writes SQLite.  See deploy/redis.conf for a deployment that never exposes Redis.
"""

from __future__ import annotations

from importlib.util import find_spec

from newsarchive.distributed.settings import redis_overrides

__all__ = ["missing_extra", "redis_overrides"]


def missing_extra() -> str | None:
    """A one-line hint when the ``distributed`` extra is not installed, else None."""
    absent = [name for name in ("redis", "scrapy_redis") if find_spec(name) is None]
    if not absent:
        return None
    return (f"distributed crawling needs {' and '.join(absent)}: "
            "pip install 'newsarchive[distributed]'")
