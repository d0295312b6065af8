"""The one archive writer of a distributed crawl: drain the Redis item queue into SQLite.

Each batch is moved onto a processing list (``LMOVE``), stored in ONE SQLite transaction that also
records every message id in ``ingest_ledger``, and only then removed from Redis.  After a kill at
any point the batch is still parked in Redis; on restart it is replayed and the ids already
committed are skipped.  So a killed ingester loses nothing and stores nothing twice.

After each commit it also publishes, per source, fingerprints of the stored article URLs (so
workers on machines without the archive skip archived articles, see :mod:`.known`) and counts
each worker's articles by outcome (new / updated / unchanged) for that worker's ``crawls`` row.
"""

from __future__ import annotations

import logging
import signal
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsarchive.crawling import stopping as crawl_stopping
from newsarchive.distributed.connection import REDIS_DOWN, Outage, connect, wait_for_redis
from newsarchive.distributed.keys import ITEMS_KEY, outcomes_key
from newsarchive.distributed.known import publish_known, seed_known
from newsarchive.distributed.queue import ItemConsumer, decode
from newsarchive.items import Article

if TYPE_CHECKING:
    import sqlite3

    import redis

    from newsarchive.archive import Archive
    from newsarchive.sources import Source

logger = logging.getLogger(__name__)

LEDGER_DDL = (
    "CREATE TABLE IF NOT EXISTS ingest_ledger (message_id TEXT PRIMARY KEY, kind TEXT, "
    "outcome TEXT, ingested_at TEXT)"
)
CAPTURE_INDEX_DDL = (
    "CREATE INDEX IF NOT EXISTS idx_captures_warc ON captures(warc_file, warc_offset)"
)


class Ingester:
    """Stores queue messages into an open archive; see :func:`run_ingester`."""

    def __init__(self, archive: Archive, sources: dict[str, Source] | None = None,
                 client: redis.Redis | None = None) -> None:
        self.archive = archive
        self.sources = sources or {}
        self.client = client
        rows = archive.conn.execute("SELECT id FROM sources")
        self.known_sources: set[str] = {r[0] for r in rows}
        self.counts: dict[str, int] = {}
        #: (source, url) of articles stored in the current batch, published after the commit.
        self.stored_urls: list[tuple[str, str]] = []
        #: Article outcomes per worker in the current batch ("new", "updated", "unchanged"), kept
        #: in Redis between batches so each worker's crawls row gets them when its run ends.
        self.outcomes: dict[str, dict[str, int]] = {}
        self.finished_workers: set[str] = set()
        with archive.transaction() as conn:
            conn.execute(LEDGER_DDL)
            conn.execute(CAPTURE_INDEX_DDL)

    def store_batch(self, raws: list[bytes]) -> tuple[int, list[tuple[bytes, str]]]:
        """Store a batch in one transaction: (messages stored, [(raw, error) not storable]).

        Messages whose id the ledger already holds (a replayed batch) are skipped.
        """
        import sqlite3

        bad: list[tuple[bytes, str]] = []
        stored = 0
        with self.archive.transaction() as conn:
            for raw in raws:
                try:
                    message = decode(raw)
                except (ValueError, UnicodeDecodeError) as exc:
                    bad.append((raw, f"undecodable: {exc}"))
                    continue
                mid = str(message["id"])
                done = conn.execute("SELECT outcome FROM ingest_ledger WHERE message_id = ?",
                                    (mid,)).fetchone()
                if done:
                    # Committed before a crash: only redo what lives in Redis (known URLs, counts).
                    self._count("replayed_skipped")
                    self._note(message, str(done[0]))
                    continue
                try:
                    with self.archive.transaction():
                        outcome = self._store(conn, message)
                        conn.execute(
                            "INSERT INTO ingest_ledger VALUES (?, ?, ?, datetime('now'))",
                            (mid, message["kind"], outcome),
                        )
                except (KeyError, TypeError, ValueError, sqlite3.IntegrityError) as exc:
                    bad.append((raw, f"{type(exc).__name__}: {exc}"))
                    continue
                stored += 1
                self._note(message, outcome)
                self._count(f"{message['kind']}/{outcome}")
        return stored, bad

    def _note(self, message: dict[str, Any], outcome: str) -> None:
        article = message.get("article") if message.get("kind") == "article" else None
        if not isinstance(article, dict):
            return
        if article.get("source") and article.get("url"):
            self.stored_urls.append((str(article["source"]), str(article["url"])))
        per_worker = self.outcomes.setdefault(str(message.get("worker")), {})
        per_worker[outcome] = per_worker.get(outcome, 0) + 1

    def _worker_outcomes(self, worker: str) -> dict[str, int]:
        """Outcomes of a worker's articles so far: earlier batches (Redis) plus this one."""
        totals = dict(self.outcomes.get(worker, {}))
        if self.client is not None:
            for k, v in self.client.hgetall(outcomes_key(worker)).items():
                key = k.decode() if isinstance(k, bytes) else str(k)
                totals[key] = totals.get(key, 0) + int(v)
        return totals

    def after_commit(self) -> None:
        """Publish what the committed batch means for Redis: known URLs and outcome counts."""
        if self.client is not None:
            publish_known(self.client, self.stored_urls)
            pipe = self.client.pipeline(transaction=True)
            for worker, counts in self.outcomes.items():
                if worker in self.finished_workers:
                    continue
                for outcome, n in counts.items():
                    pipe.hincrby(outcomes_key(worker), outcome, n)
                pipe.expire(outcomes_key(worker), 7 * 24 * 3600)
            for worker in self.finished_workers:
                pipe.delete(outcomes_key(worker))
            pipe.execute()
        self.stored_urls, self.outcomes, self.finished_workers = [], {}, set()

    def forget_ledger(self) -> None:
        """The parked batch is gone from Redis: its ids can never be replayed again."""
        with self.archive.transaction() as conn:
            conn.execute("DELETE FROM ingest_ledger")

    def _count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1

    def _ensure_source(self, source_id: str | None) -> None:
        if not source_id or source_id in self.known_sources:
            return
        source = self.sources.get(source_id)
        if source is not None:
            self.archive.upsert_source(source)
        self.known_sources.add(source_id)

    def _capture_id(self, conn: sqlite3.Connection, capture: dict[str, Any]) -> int | None:
        """The row of this WARC record, registered once however often it is announced."""
        warc_file, offset = capture.get("warc_file"), capture.get("warc_offset")
        if warc_file is not None and offset is not None:
            row = conn.execute("SELECT id FROM captures WHERE warc_file = ? AND warc_offset = ?",
                               (warc_file, offset)).fetchone()
            if row:
                return int(row[0])
        if not capture.get("url"):
            return None
        return self.archive.record_capture(
            crawl_id=None, url=capture["url"], final_url=capture.get("final_url") or capture["url"],
            status=int(capture.get("status") or 0), fetched_at=capture.get("fetched_at") or "",
            content_type=capture.get("content_type"), digest=capture.get("digest"),
            warc_file=warc_file, warc_offset=offset, warc_length=capture.get("warc_length"),
        )

    def _store(self, conn: sqlite3.Connection, message: dict[str, Any]) -> str:
        kind = message["kind"]
        if kind == "capture":
            self._capture_id(conn, message["capture"])
            return "registered"
        if kind == "article":
            article = Article.from_dict(message["article"])
            self._ensure_source(article.source)
            capture_id = self._capture_id(conn, {
                "url": article.fetched_url, "final_url": article.fetched_url,
                "status": article.http_status, "fetched_at": article.fetched_at,
                "digest": article.content_digest, "warc_file": article.warc_file,
                "warc_offset": article.warc_offset,
            }) if article.warc_file else article.capture_id
            return self.archive.store_article(article, capture_id=capture_id)
        if kind == "crawl":
            crawl = message["crawl"]
            self._ensure_source(crawl.get("source"))
            worker = str(message.get("worker"))
            summary = dict(crawl.get("summary") or {})
            counts = self._worker_outcomes(worker)
            for outcome in ("new", "updated", "unchanged"):
                summary[outcome] = counts.get(outcome, 0)
            self.finished_workers.add(worker)
            crawl_id = self.archive.start_crawl(crawl.get("source"), crawl.get("command", ""),
                                                started_at=crawl.get("started_at"))
            self.archive.finish_crawl(crawl_id, crawl.get("state", "finished"), summary,
                                      finished_at=crawl.get("finished_at"))
            return "logged"
        raise ValueError(f"unknown message kind {kind!r}")


def run_ingester(redis_url: str, db_path: str | Path, *, batch: int = 100,
                 stop_when_idle: float | None = None, sources_dir: str | Path | None = None,
                 items_key: str = ITEMS_KEY, poll: float = 1.0) -> int:
    """Drain the item queue into the archive at ``db_path``; returns the messages stored.

    Runs until SIGTERM/SIGINT (finishing the current batch first), or, with ``stop_when_idle``,
    once the queue has been empty for that many seconds.  Redis outages are waited out.
    """
    from newsarchive.archive import Archive
    from newsarchive.sources import load_sources

    client = connect(redis_url)
    outage = Outage(redis_url, "the ingester")
    wait_for_redis(client, outage)
    consumer = ItemConsumer(client, key=items_key)
    sources = load_sources([Path(sources_dir)] if sources_dir else [])
    stopping: list[int] = []

    def _stop(signum: int, frame: Any) -> None:
        if stopping:  # a second signal: stop now (the parked batch is replayed next time)
            raise SystemExit(128 + signum)
        logger.info("stopping after the current batch (signal again to stop at once)")
        stopping.append(signum)
        crawl_stopping.request()  # a wait for Redis ends now

    previous = {s: signal.signal(s, _stop) for s in (signal.SIGTERM, signal.SIGINT)}
    stored = 0
    try:
        with Archive(db_path) as archive:
            ingester = Ingester(archive, sources, client)
            seeded = _retrying(outage, client, lambda: seed_known(client, archive))
            if seeded:
                logger.info("published %d archived URLs for workers on other machines", seeded)
            parked = _retrying(outage, client, consumer.parked)
            if parked:
                logger.info("replaying a batch of %d messages left by an ingester that stopped",
                            len(parked))
                stored += _commit(ingester, consumer, parked, outage, client)
            idle_since = time.monotonic()
            while not stopping:
                raws = _retrying(outage, client, lambda: consumer.take(batch, poll))
                if not raws:
                    idle = time.monotonic() - idle_since
                    if stop_when_idle is not None and idle >= stop_when_idle:
                        break
                    continue
                stored += _commit(ingester, consumer, raws, outage, client)
                idle_since = time.monotonic()
            logger.info("ingester stopping: %d messages stored (%s)", stored,
                        ", ".join(f"{k} {v}" for k, v in sorted(ingester.counts.items())))
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        client.close()
    return stored


def _commit(ingester: Ingester, consumer: ItemConsumer, raws: list[bytes], outage: Outage,
            client: redis.Redis) -> int:
    stored, bad = ingester.store_batch(raws)
    for raw, error in bad:
        logger.error("cannot store a queue message (kept in %s): %s", consumer.dead, error)
        _retrying(outage, client, lambda raw=raw, error=error: consumer.bury(raw, error))
    _retrying(outage, client, ingester.after_commit)
    _retrying(outage, client, consumer.done)
    ingester.forget_ledger()
    return stored


def _retrying(outage: Outage, client: redis.Redis, call: Any) -> Any:
    """Run a Redis call, waiting out outages (one log line) instead of failing."""
    while True:
        try:
            result = call()
        except REDIS_DOWN as exc:
            outage.failed(exc)
            wait_for_redis(client, outage)
            continue
        outage.ok()
        return result


def main(argv: list[str] | None = None) -> int:
    """``python -m newsarchive.distributed.ingest REDIS_URL DB`` (like ``newsarchive ingest``)."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("redis_url")
    parser.add_argument("db")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--stop-when-idle", type=float, default=None)
    parser.add_argument("--sources-dir", default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    run_ingester(args.redis_url, args.db, batch=args.batch, stop_when_idle=args.stop_when_idle,
                 sources_dir=args.sources_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
