"""One crawl per source at a time: an advisory ``flock`` on ``<data_dir>/locks/<source_id>.lock``.

A scheduled run that starts while the previous run of the same paper is still going must not
race it (two writers, duplicate fetches).  ``flock`` is released by the kernel when the holder
exits, even on SIGKILL, so a dead run never leaves a stale lock behind.  The lock file keeps the
holder's pid, start time and command line so the refusal can say who holds it.  Lock files are
never deleted: unlinking a lock file while another process waits on it would let two in.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: Lock files this process holds right now (resolved paths), so the Scrapy extension below can
#: tell "held by my own `newsarchive crawl`" from "held by another run".
_HELD: set[str] = set()


class SourceBusyError(RuntimeError):
    """Another live process holds the source's lock."""

    def __init__(self, source_id: str, holder: dict[str, Any], path: Path) -> None:
        self.source_id = source_id
        self.holder = holder
        self.path = path
        pid = holder.get("pid", "?")
        since = holder.get("started_at")
        command = holder.get("command")
        detail = f" since {since}" if since else ""
        detail += f" ({command})" if command else ""
        super().__init__(
            f"source {source_id!r} is already being crawled by pid {pid}{detail}; "
            f"wait for it to finish, or pass --wait to queue behind it (lock: {path})"
        )


def lock_path(data_dir: str | Path, source_id: str) -> Path:
    return Path(data_dir) / "locks" / f"{source_id}.lock"


def held_here(data_dir: str | Path, source_id: str) -> bool:
    """True when this very process holds the source's lock (e.g. `newsarchive crawl` took it)."""
    return str(lock_path(data_dir, source_id).resolve()) in _HELD


def read_holder(path: Path) -> dict[str, Any]:
    """What the current (or last) holder wrote into the lock file; {} when unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@contextlib.contextmanager
def acquire_source_lock(data_dir: str | Path, source_id: str, wait: bool = False,
                        timeout: float | None = None) -> Iterator[Path]:
    """Hold the run lock of ``source_id`` for the ``with`` block; yields the lock file path.

    Busy and ``wait`` false: raises :class:`SourceBusyError` at once, naming the holder's pid.
    ``wait`` true: blocks until the holder finishes (or ``timeout`` seconds pass, then raises
    SourceBusyError).  Locks are per process and per open file: a second acquire of the same
    source from the same process is refused too.
    """
    path = lock_path(data_dir, source_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _lock(fd, path, source_id, wait, timeout)
        holder = {
            "pid": os.getpid(),
            "source": source_id,
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": " ".join(Path(a).name if i == 0 else a
                                for i, a in enumerate(sys.argv))[:300],
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder, ensure_ascii=False).encode("utf-8"), 0)
        os.fsync(fd)
        key = str(path.resolve())
        _HELD.add(key)
        try:
            yield path
        finally:
            _HELD.discard(key)
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _lock(fd: int, path: Path, source_id: str, wait: bool, timeout: float | None) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        if not wait:
            raise SourceBusyError(source_id, read_holder(path), path) from None
    logger.info("source %s is locked by pid %s; waiting for it to finish",
                source_id, read_holder(path).get("pid", "?"))
    if timeout is None:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise SourceBusyError(source_id, read_holder(path), path) from None
            time.sleep(0.2)


@contextlib.contextmanager
def acquire_source_locks(data_dir: str | Path, source_ids: list[str], wait: bool = False,
                         timeout: float | None = None) -> Iterator[list[Path]]:
    """Hold the locks of several sources (sorted order, so two runs cannot deadlock)."""
    with contextlib.ExitStack() as stack:
        paths = [stack.enter_context(acquire_source_lock(data_dir, sid, wait, timeout))
                 for sid in sorted(set(source_ids))]
        yield paths


class SourceLockExtension:
    """Scrapy extension: the same lock for runs not started by `newsarchive crawl`.

    `scrapy crawl <id>` and Scrapyd jobs take the source's lock when the spider opens; when
    another run holds it, every request is dropped before it is scheduled (nothing is fetched)
    and the spider closes with finish reason ``source_busy``.  A no-op when this process already
    holds the lock (the CLI takes it before starting the reactor, so it can wait or refuse
    cleanly).  The lock lives beside the archive: ``dirname(NEWSARCHIVE_DB)/locks/``.
    Setting: NEWSARCHIVE_SOURCE_LOCK (default True).
    """

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.getbool("NEWSARCHIVE_SOURCE_LOCK", True):
            raise NotConfigured("NEWSARCHIVE_SOURCE_LOCK is off")
        self.crawler = crawler
        self.data_dir = Path(crawler.settings.get("NEWSARCHIVE_DB") or "data/archive.db").parent
        self.busy = False
        self._held: contextlib.AbstractContextManager[Path] | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.request_scheduled, signal=signals.request_scheduled)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SourceLockExtension:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        source = getattr(spider, "source", None)
        source_id = getattr(source, "id", None) or spider.name
        if held_here(self.data_dir, source_id):
            return
        held = acquire_source_lock(self.data_dir, source_id, wait=False)
        try:
            held.__enter__()
        except SourceBusyError as exc:
            self.busy = True
            logger.error("%s", exc)
            if self.crawler.stats is not None:
                self.crawler.stats.set_value("newsarchive/source_busy_pid", exc.holder.get("pid"))
            from scrapy.utils.defer import deferred_from_coro

            assert self.crawler.engine is not None
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="source_busy"))
            return
        self._held = held

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        if self.busy:
            raise IgnoreRequest("another run of this source holds its lock")

    def spider_closed(self, spider: Spider) -> None:
        if self._held is not None:
            self._held.__exit__(None, None, None)
            self._held = None
