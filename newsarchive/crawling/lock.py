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
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


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
            "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "command": " ".join(os.path.basename(a) if i == 0 else a
                                for i, a in enumerate(sys.argv))[:300],
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder, ensure_ascii=False).encode("utf-8"), 0)
        os.fsync(fd)
        try:
            yield path
        finally:
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
