"""Open an archive without writing to it, wherever the copy lives.

Analysts are often handed a copy of the archive in a read-only directory or on read-only media.
The archive is in WAL mode, and SQLite opens a WAL database read-only (``mode=ro``) only when it
can find or create the ``-shm`` file beside it; in a read-only place the copy opens with
``immutable=1`` (SQLite then takes no locks, writes nothing and reads the main file alone).
That is safe for a copy nothing writes to; a ``-wal`` file without its ``-shm`` beside such a
copy holds writes that cannot be read, which :func:`connect_readonly` reports instead of
hiding.

:func:`check_archive_file` reads the 100-byte SQLite header, so a text file or a truncated copy
passed as ``--db`` is refused with one plain sentence before any query runs.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

logger = logging.getLogger(__name__)

_MAGIC = b"SQLite format 3\x00"


class ArchiveFileError(ValueError):
    """The file named as the archive cannot be used as one; the message names it and says why."""


def check_archive_file(path: str | Path) -> None:
    """Refuse a file that is not an SQLite database, or is shorter than its header says.

    An empty file passes (SQLite treats it as an empty database).  Cheap: reads 100 bytes.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            header = fh.read(100)
    except IsADirectoryError:
        raise ArchiveFileError(f"{p} is a directory, not an archive file") from None
    except OSError as exc:
        raise ArchiveFileError(f"{p}: cannot read it ({exc.strerror or exc})") from None
    if size == 0:
        return
    if not header.startswith(_MAGIC):
        raise ArchiveFileError(
            f"{p} is not an SQLite archive (it does not start with the SQLite header): "
            "check the --db path"
        )
    if len(header) < 100:
        raise ArchiveFileError(f"{p} is truncated ({size} bytes, shorter than its header)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    change_counter = int.from_bytes(header[24:28], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    # The in-header page count is trustworthy when written by SQLite >= 3.7.0 (valid_for matches).
    expected = pages * page_size
    if valid_for == change_counter and pages and size < expected:
        raise ArchiveFileError(
            f"{p} is truncated: {size:,} bytes where its header says {expected:,}; "
            "it is an incomplete copy: copy the archive again (sqlite3 SRC '.backup DEST' "
            "makes a consistent copy)"
        )


def _uri(path: Path, immutable: bool) -> str:
    return f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


def _probe(conn: sqlite3.Connection) -> None:
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


def _open(path: Path, immutable: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(_uri(path, immutable), uri=True, timeout=30)
    try:
        _probe(conn)
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def read_only_place(path: Path) -> bool:
    """True where nothing may be written beside the archive: read-only media, or a folder or
    file whose permission bits say read-only (root is held to them too: a copy made read-only
    on purpose must come back unchanged)."""
    p = path.resolve()
    return not all(os.access(x, os.W_OK) and x.stat().st_mode & 0o222 for x in (p.parent, p))


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``; ``immutable=1`` in a read-only place).

    Raises FileNotFoundError when there is no such file, ArchiveFileError when it is not an
    SQLite file, and sqlite3.Error when SQLite cannot read it.
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"no archive at {p}")
    check_archive_file(p)
    if not read_only_place(p):
        return _open(p, immutable=False)
    wal, shm = Path(f"{p}-wal"), Path(f"{p}-shm")
    pending = wal.is_file() and wal.stat().st_size > 0
    if pending and shm.is_file():
        try:  # a copy taken with its -wal and -shm: mode=ro reads the -wal too
            return _open(p, immutable=False)
        except sqlite3.OperationalError as exc:
            logger.debug("mode=ro failed on %s (%s); opening it immutable", p, exc)
    if pending:
        logger.warning(
            "%s has writes not yet merged into %s that cannot be read from a read-only "
            "place without its -shm file; they are left out. To see them, copy the "
            "archive with its -wal file to a writable place", wal, p)
    return _open(p, immutable=True)


def needs_immutable(path: str | Path) -> bool:
    """True when ``path`` is opened with ``immutable=1`` (for Datasette's ``--immutable``)."""
    p = Path(path)
    if not read_only_place(p):
        return False
    wal, shm = Path(f"{p}-wal"), Path(f"{p}-shm")
    return not (wal.is_file() and wal.stat().st_size > 0 and shm.is_file())


__all__ = ["ArchiveFileError", "check_archive_file", "connect_readonly", "needs_immutable",
           "read_only_place"]
