"""Every Redis key newsarchive uses, in one place, so operators can find and inspect them,
and the worker names that appear in them."""

from __future__ import annotations

import os
import socket
import uuid

NAMESPACE = "newsarchive"

#: Templates that scrapy-redis fills with the spider name (= source id): per-source keys.
QUEUE_KEY = NAMESPACE + ":%(spider)s:requests"
DUPEFILTER_KEY = NAMESPACE + ":%(spider)s:dupefilter"

#: The one item queue all workers push to and the ingester drains.
ITEMS_KEY = NAMESPACE + ":items"


def processing_key(items_key: str = ITEMS_KEY) -> str:
    """Where the ingester parks a batch until it is committed to SQLite."""
    return items_key + ":processing"


def dead_key(items_key: str = ITEMS_KEY) -> str:
    """Messages the ingester could not store (kept with the error, never silently dropped)."""
    return items_key + ":dead"


def workers_key(source: str) -> str:
    """Set of worker ids that have crawled this source in the current run."""
    return f"{NAMESPACE}:{source}:workers"


def inflight_prefix(source: str) -> str:
    """Prefix of each worker's sorted set of requests it has taken but not finished."""
    return f"{NAMESPACE}:{source}:inflight:"


def alive_prefix(source: str) -> str:
    """Prefix of each worker's heartbeat key (expires when the worker dies)."""
    return f"{NAMESPACE}:{source}:alive:"


def polite_key(host: str) -> str:
    """Next-allowed fetch time (ms) of one site, shared by every worker."""
    return f"{NAMESPACE}:polite:{host}"


def known_key(source: str) -> str:
    """Fingerprints of the source's archived article URLs, kept by the ingester for workers."""
    return f"{NAMESPACE}:{source}:known"


def outcomes_key(worker: str) -> str:
    """Counts of a worker's articles by archive outcome, until its crawls row is written."""
    return f"{NAMESPACE}:outcomes:{worker}"


def worker_name() -> str:
    """host-pid-random: unique per worker process, readable in logs and WARC file names."""
    host = socket.gethostname().split(".")[0] or "host"
    return f"{host}-{os.getpid()}-{uuid.uuid4().hex[:4]}"
