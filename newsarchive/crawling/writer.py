"""The one component that writes the archive during a crawl: a thread with its own connection.

Captures, articles, page judgements, the frontier, gone-marks and the run log reach SQLite only
through :class:`ArchiveWriter`: components on Scrapy's reactor thread hand it a function of the
archive and get a Deferred back, so no SQLite write ever runs on the reactor thread.

Commits are grouped (as Scrapy's ``FeedExporter`` batches its output): the writer commits when
no write has arrived for ``linger`` seconds, after ``batch`` writes, or ``max_age`` seconds
after the group's first write.  FTS5 writes an index segment per commit, so one commit per
article would halve ingest speed.  The queue is bounded (``NEWSARCHIVE_WRITER_QUEUE``): when it
is full the crawl waits instead of holding pages in memory.  A SIGKILL loses only the open group,
never a committed write; a write that fails is reported to whoever asked for it, and the other
writes of its group are written again (SQLite rolled the group back).

Hand-overs are batched both ways: writes asked for in one turn of the reactor reach the queue
together at the end of that turn, and results go back to the reactor one batch per call, so the
two threads wake each other once per turn rather than once per write (``py-spy --gil`` put 5.7%
of the reactor thread's GIL samples in ``Queue.put``'s wake-up on a 2,000-article crawl; the
crawl benchmark's run-to-run spread on a 2-core machine is too wide to show the gain).

One writer per archive file per process, shared by the crawls of ``crawl --all``.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy.crawler import Crawler

    from newsarchive.archive import Archive

logger = logging.getLogger(__name__)

STORE_PIPELINE = "newsarchive.pipelines.store.StorePipeline"
#: The writer connection's SQLite page cache, in KiB.
CACHE_KIB = 8192

#: When a caller's Deferred fires: after the write ran (its result is known), or after the
#: write is committed (visible to other connections, safe from a kill).
DONE, COMMITTED = "done", "committed"


@dataclass
class _Op:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    deferred: defer.Deferred[Any] | None = None
    when: str = DONE
    result: Any = None


@dataclass
class _Control:
    kind: str  # "flush" or "stop"
    event: threading.Event = field(default_factory=threading.Event)


class ArchiveWriter:
    """A writer thread over one archive file (see the module docstring)."""

    def __init__(self, path: str | Path, *, maxsize: int = 1000, linger: float = 0.25,
                 batch: int = 200, max_age: float = 1.0) -> None:
        self.path = str(path)
        self.linger = linger
        self.batch = batch
        self.max_age = max_age
        self._queue: queue.Queue[list[_Op] | _Control] = queue.Queue(maxsize=max(1, maxsize))
        #: Writes asked for in this turn of the reactor, handed over together at its end.
        self._pending: list[_Op] = []
        #: Results ready for the reactor thread, handed back together (writer thread only).
        self._ready: list[tuple[defer.Deferred[Any], Any]] = []
        self._thread = threading.Thread(target=self._run, name="archive-writer", daemon=True)
        self._open_error: BaseException | None = None
        self._opened = threading.Event()
        self._stopped: defer.Deferred[None] | None = None
        self.commits = 0
        #: Items the reactor side has put on the queue (a turn's writes count once).
        self.handovers = 0
        #: How results reach the reactor thread (tests without a reactor call them in place).
        self.call_from_thread: Callable[..., Any] | None = None

    # -- the reactor side ------------------------------------------------------------------

    def start(self) -> None:
        self._thread.start()
        self._opened.wait()
        if self._open_error is not None:
            raise self._open_error

    def submit(self, fn: Callable[..., Any], *args: Any, when: str | None = None
               ) -> defer.Deferred[Any] | None:
        """Run ``fn(archive, *args)`` on the writer thread.

        ``when`` None: nothing to wait for (a failure is logged).  DONE or COMMITTED: a Deferred
        fired on the reactor thread with the result (or the failure) at that point.
        """
        d: defer.Deferred[Any] | None = defer.Deferred() if when else None
        op = _Op(fn, args, d, when or DONE)
        reactor = _running_reactor()
        if reactor is None:
            self._queue.put([op])  # no reactor turn to wait for (tests, command-line tools)
            self.handovers += 1
            return d
        if not self._pending:
            reactor.callLater(0, self._hand_over)
        self._pending.append(op)
        return d

    def _hand_over(self) -> None:
        """Queue the writes asked for during this turn of the reactor, as one item."""
        if self._pending:
            ops, self._pending = self._pending, []
            self._queue.put(ops)
            self.handovers += 1

    def flush(self, timeout: float | None = None) -> bool:
        """Block until everything queued so far is committed (a stop signal's last act)."""
        if not self._thread.is_alive():
            return True
        self._hand_over()
        control = _Control("flush")
        try:
            self._queue.put(control, timeout=timeout)
        except queue.Full:
            return False
        return control.event.wait(timeout)

    def stop(self) -> defer.Deferred[None]:
        """Commit what is queued, close the connection, end the thread; fires when done."""
        if self._stopped is None:
            from twisted.internet import reactor

            control = _Control("stop")
            self._stopped = defer.Deferred()
            stopped = self._stopped
            self._hand_over()
            self._queue.put(control)

            def wait() -> None:
                control.event.wait()
                reactor.callFromThread(stopped.callback, None)

            threading.Thread(target=wait, name="archive-writer-stop", daemon=True).start()
        return self._stopped

    def stop_blocking(self, timeout: float | None = None) -> None:
        """:meth:`stop` without a reactor (tests, command-line tools)."""
        control = _Control("stop")
        self._hand_over()
        self._queue.put(control)
        control.event.wait(timeout)

    # -- the writer thread -----------------------------------------------------------------

    def _run(self) -> None:
        from newsarchive.archive import Archive

        try:
            # Commits are the writer's own decision (commit_every/commit_seconds never fire).
            archive = Archive(self.path, commit_every=1 << 30, commit_seconds=float("inf"))
            # A crawl writes a few articles a second: a bounded page cache keeps the crawl's
            # memory flat however large the archive grows (bulk ingest keeps the big one).
            archive.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        except BaseException as exc:  # reported by start()
            self._open_error = exc
            self._opened.set()
            return
        self._opened.set()
        group: list[_Op] = []
        group_started = 0.0
        while True:
            try:
                item = self._queue.get(timeout=self.linger if group else None)
            except queue.Empty:
                self._commit(archive, group)
                self._deliver()
                continue
            if isinstance(item, _Control):
                self._commit(archive, group)
                self._deliver()
                if item.kind == "stop":
                    try:
                        archive.close()
                    finally:
                        item.event.set()
                    return
                item.event.set()
                continue
            for op in item:
                if not group:
                    group_started = time.monotonic()
                if self._execute(archive, op, group):
                    group.append(op)
                if len(group) >= self.batch or time.monotonic() - group_started >= self.max_age:
                    self._commit(archive, group)
            self._deliver()

    def _execute(self, archive: Archive, op: _Op, group: list[_Op]) -> bool:
        """Run one write; True when it joined the open group."""
        try:
            op.result = op.fn(archive, *op.args)
        except Exception as exc:
            logger.error("archive write %s failed: %s", getattr(op.fn, "__name__", op.fn), exc)
            self._fire(op, exc)
            if group and not archive.conn.in_transaction:
                self._replay(archive, group)
            return False
        if op.when == DONE:
            self._fire(op, op.result)
        return True

    def _replay(self, archive: Archive, group: list[_Op]) -> None:
        """A failed write rolled its group back: write the others again."""
        logger.warning("writing %d rolled-back writes again", len(group))
        kept = []
        for op in group:
            try:
                op.fn(archive, *op.args)
                kept.append(op)
            except Exception as exc:
                logger.error("archive write %s failed again: %s",
                             getattr(op.fn, "__name__", op.fn), exc)
                if op.when == COMMITTED:
                    self._fire(op, exc)
        group[:] = kept

    def _commit(self, archive: Archive, group: list[_Op]) -> None:
        try:
            archive.commit()
        except Exception as exc:
            logger.error("archive commit failed: %s", exc)
            for op in group:
                if op.when == COMMITTED:
                    self._fire(op, exc)
            group.clear()
            return
        self.commits += 1
        for op in group:
            if op.when == COMMITTED:
                self._fire(op, op.result)
        group.clear()

    def _fire(self, op: _Op, result: Any) -> None:
        """Hold ``op``'s result for the next :meth:`_deliver` (its Deferred fires once)."""
        d = op.deferred
        if d is None:
            return
        op.deferred = None
        self._ready.append((d, result))

    def _deliver(self) -> None:
        """Hand the results held so far to the reactor thread, in order, in one call."""
        if not self._ready:
            return
        ready, self._ready = self._ready, []
        if self.call_from_thread is not None:  # tests without a reactor: one call per result
            for d, result in ready:
                self.call_from_thread(*_firing(d, result))
            return
        from twisted.internet import reactor

        reactor.callFromThread(_fire_all, ready)


def _firing(d: defer.Deferred[Any], result: Any) -> tuple[Callable[[Any], Any], Any]:
    """(the Deferred's callback or errback, what to call it with) for a write's result."""
    from twisted.python.failure import Failure

    if isinstance(result, BaseException):
        return d.errback, Failure(result)  # type: ignore[no-untyped-call]
    return d.callback, result


def _fire_all(ready: list[tuple[defer.Deferred[Any], Any]]) -> None:
    """On the reactor thread: fire each held result's Deferred, in order."""
    for d, result in ready:
        fire, value = _firing(d, result)
        fire(value)


def _running_reactor() -> Any:
    """The running reactor, or None (no reactor installed, or not running)."""
    from scrapy.utils.reactor import is_reactor_installed

    if not is_reactor_installed():
        return None
    from twisted.internet import reactor

    return reactor if reactor.running else None


async def wait_for(d: defer.Deferred[Any]) -> Any:
    """Await a writer's Deferred in a Scrapy coroutine (under the asyncio reactor or Twisted's)."""
    from scrapy.utils.reactor import is_reactor_installed

    if is_reactor_installed():
        return await maybe_deferred_to_future(d)
    return await d  # driven by twisted's ensureDeferred (tests without a reactor)


# ---- one writer per archive file in a crawl process ------------------------------------------

_WRITERS: dict[str, tuple[ArchiveWriter, int]] = {}


def _db_path(crawler: Crawler) -> str:
    return str(Path(crawler.settings.get("NEWSARCHIVE_DB")).resolve())


def acquire_writer(crawler: Crawler) -> ArchiveWriter:
    """The writer of NEWSARCHIVE_DB (started on first use); pair with :func:`release_writer`."""
    path = _db_path(crawler)
    if path in _WRITERS:
        writer, n = _WRITERS[path]
        _WRITERS[path] = (writer, n + 1)
        return writer
    writer = ArchiveWriter(path, maxsize=crawler.settings.getint("NEWSARCHIVE_WRITER_QUEUE", 1000))
    writer.start()
    _WRITERS[path] = (writer, 1)
    return writer


def release_writer(crawler: Crawler) -> defer.Deferred[None]:
    """Drop one use; the last one stops the writer (the Deferred fires once all is committed)."""
    path = _db_path(crawler)
    if path not in _WRITERS:
        return defer.succeed(None)
    writer, n = _WRITERS[path]
    if n > 1:
        _WRITERS[path] = (writer, n - 1)
        return defer.succeed(None)
    del _WRITERS[path]
    return writer.stop()


_HELD: weakref.WeakKeyDictionary[Crawler, ArchiveWriter] = weakref.WeakKeyDictionary()


def writes_archive(crawler: Crawler) -> bool:
    """True when this crawl writes the archive (a distributed worker does not: the ingester
    does)."""
    return STORE_PIPELINE in crawler.settings.getwithbase("ITEM_PIPELINES")


def crawl_writer(crawler: Crawler) -> ArchiveWriter:
    """The archive writer of this crawl: acquired on first use, released when its engine stops
    (after every ``spider_closed`` handler has queued its last write)."""
    writer = _HELD.get(crawler)
    if writer is None:
        writer = acquire_writer(crawler)
        _HELD[crawler] = writer

        async def engine_stopped() -> None:
            if _HELD.pop(crawler, None) is not None:
                await maybe_deferred_to_future(release_writer(crawler))

        crawler.signals.connect(engine_stopped, signal=signals.engine_stopped, weak=False)
    return writer


def has_writer(crawler: Crawler) -> bool:
    """True when some crawl of this process holds a writer of this crawl's archive."""
    return _db_path(crawler) in _WRITERS
