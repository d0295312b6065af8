"""The crawl's memory beyond articles: judged pages and the frontier (migration 0009).

A page judged not to be an article (a listing, a tag page, an empty answer) is remembered so a
re-run does not fetch it again; a URL discovered but not fetched yet waits in the frontier so
the next run starts from it.  Plain functions over a connection: the archive writer
(:mod:`newsarchive.crawling.writer`) calls the writing ones on its own thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterable


def judge_page(conn: sqlite3.Connection, url: str, source: str | None, page_type: str,
               when: str, capture_id: int | None = None) -> None:
    """Remember that ``url`` is not an article (``page_type`` says what it is)."""
    conn.execute(
        "INSERT INTO pages (url, source, page_type, judged_at, capture_id) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(url) DO UPDATE SET source = excluded.source, page_type = excluded.page_type, "
        "judged_at = excluded.judged_at, capture_id = excluded.capture_id",
        (url, source, page_type, when, capture_id),
    )
    conn.execute("DELETE FROM frontier WHERE url = ?", (url,))


def add_frontier(conn: sqlite3.Connection, source: str | None,
                 found: Iterable[tuple[str, str]], when: str) -> None:
    """Remember discovered ``(url, kind)`` pairs until they are fetched (kind: page, listing)."""
    conn.executemany(
        "INSERT INTO frontier (url, source, kind, found_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(url) DO NOTHING",
        [(url, source, kind, when) for url, kind in found],
    )


def fetched(conn: sqlite3.Connection, url: str) -> None:
    """A frontier URL was fetched and answered (stored, judged or gone): it leaves the frontier."""
    conn.execute("DELETE FROM frontier WHERE url = ?", (url,))


def frontier(conn: sqlite3.Connection, source: str) -> list[tuple[str, str]]:
    """The (url, kind) pairs of ``source`` discovered by earlier runs and never fetched."""
    return [(str(u), str(k)) for u, k in conn.execute(
        "SELECT url, kind FROM frontier WHERE source = ? ORDER BY found_at, url", (source,))]


def judged_urls(conn: sqlite3.Connection, source: str, since: str | None) -> set[str]:
    """URLs of ``source`` judged not to be articles (since ``since``, an ISO time; None: all)."""
    if since is None:
        rows = conn.execute("SELECT url FROM pages WHERE source = ?", (source,))
    else:
        rows = conn.execute("SELECT url FROM pages WHERE source = ? AND judged_at >= ?",
                            (source, since))
    return {str(r[0]) for r in rows}
