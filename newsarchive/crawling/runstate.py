"""What state a run ended in, said honestly: finished, failed, interrupted or abandoned.

A run's row in ``crawls`` is what cron mail, `newsarchive stats` and analysts see later, so a
paper that could not be reached must not read "finished":

- ``finished``: the crawl ran to its end (or to a limit you set, e.g. CLOSESPIDER_PAGECOUNT).
- ``failed``: no page of the paper could be fetched (every request ended in a network error
  or an HTTP error status), or the crawl could not start.
- ``interrupted``: stopped by Ctrl-C or SIGTERM; what was stored before stays.
- ``abandoned``: the row said ``running`` but its process is gone (killed, power cut); found
  when the next run of the paper takes its lock, or shown so by `newsarchive stats`.
- ``source_busy``: another run of the paper held its lock, nothing was fetched.
- ``running``: a run in progress.
"""

from __future__ import annotations

import fcntl
import os
from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterable
    from pathlib import Path

FINISHED = "finished"
FAILED = "failed"
INTERRUPTED = "interrupted"
ABANDONED = "abandoned"
RUNNING = "running"
STATES = (FINISHED, FAILED, INTERRUPTED, ABANDONED, "source_busy", RUNNING)

_STATUS = "downloader/response_status_count/"
_ROBOTS_STATUS = "robotstxt/response_status_count/"
_EXCEPTION = "downloader/exception_type_count/"
_LIMITS = ("closespider_",)


def _ok_status(code: str) -> bool:
    return code.startswith("2") or code == "304"


def failure_reason(stats: dict[str, Any]) -> str | None:
    """Why this run fetched nothing of its paper, in a few words; None when it fetched pages.

    robots.txt does not count as a page: a site that serves robots.txt and refuses everything
    else has still failed.
    """
    if stats.get("finish_reason") == "start_error":
        return "the crawl could not start (see the log above)"
    if stats.get("newsarchive/cannot_render"):  # the paper needs a browser this machine lacks
        return str(stats["newsarchive/cannot_render"])
    ok = sum(int(v) for k, v in stats.items() if k.startswith(_STATUS)
             and _ok_status(k.removeprefix(_STATUS)))
    ok -= sum(int(v) for k, v in stats.items() if k.startswith(_ROBOTS_STATUS)
              and _ok_status(k.removeprefix(_ROBOTS_STATUS)))
    if ok > 0:
        return None
    errors: Counter[str] = Counter()
    for k, v in stats.items():
        if k.startswith(_EXCEPTION):
            errors[k.rsplit("/", 1)[-1].rsplit(".", 1)[-1]] += int(v)
        elif k.startswith(_STATUS) and not _ok_status(k.removeprefix(_STATUS)):
            errors[f"HTTP {k.removeprefix(_STATUS)}"] += int(v)
    if not errors:
        return None  # nothing was tried (e.g. a distributed worker that found the queue empty)
    what = ", ".join(f"{name} x{n}" for name, n in errors.most_common(3))
    return f"no page could be fetched ({what}): site down, unreachable or refusing us?"


def run_state(reason: str, stats: dict[str, Any]) -> str:
    """The ``crawls.state`` of a run that closed with Scrapy finish ``reason``."""
    if reason in ("shutdown", "cancelled"):
        return INTERRUPTED
    if reason == "source_busy":
        return reason
    if reason == FINISHED or reason.startswith(_LIMITS):
        return FAILED if failure_reason({**stats, "finish_reason": reason}) else FINISHED
    return FAILED


def lock_state(data_dir: str | Path, source_id: str) -> str:
    """"held" (a live process runs this paper), "free", or "unknown" (no lock file here)."""
    from newsarchive.crawling.lock import lock_path

    path = lock_path(data_dir, source_id)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return "unknown"
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return "held"
    except OSError:
        return "unknown"
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return "free"
    finally:
        os.close(fd)


def reap_abandoned(conn: sqlite3.Connection, source_ids: Iterable[str], when: str) -> int:
    """Mark ``running`` rows of these sources ``abandoned``; call only while holding their locks.

    Holding a source's lock proves no other process runs it, so its ``running`` rows belong to
    processes that died.  Returns the number of rows changed (committed).
    """
    ids = sorted(set(source_ids))
    if not ids:
        return 0
    marks = ", ".join("?" for _ in ids)
    with conn:
        cur = conn.execute(
            f"UPDATE crawls SET state = ?, finished_at = coalesce(finished_at, ?) "
            f"WHERE state = ? AND source IN ({marks})", [ABANDONED, when, RUNNING, *ids])
    return cur.rowcount


def mark_interrupted(db: str | Path, crawl_ids: Iterable[int], when: str,
                     timeout: float = 1.0) -> int:
    """Best effort, from a forced stop: these runs' rows say ``interrupted`` (if still running)."""
    import sqlite3

    ids = [int(i) for i in crawl_ids if i]
    if not ids:
        return 0
    try:
        conn = sqlite3.connect(str(db), timeout=timeout)
    except sqlite3.Error:
        return 0
    try:
        with conn:
            cur = conn.execute(
                f"UPDATE crawls SET state = ?, finished_at = ? WHERE state = ? "
                f"AND id IN ({', '.join('?' for _ in ids)})", [INTERRUPTED, when, RUNNING, *ids])
        return cur.rowcount
    except sqlite3.Error:
        return 0  # the archive is busy; the next run of the paper marks the row abandoned
    finally:
        conn.close()
