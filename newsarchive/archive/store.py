"""The Archive: one SQLite file holding sources, crawls, captures, articles, versions and the index.

Articles are written by :meth:`Archive.store_article` (one transaction: row, captions, version,
FTS, near-duplicate sketch; the writing itself is :mod:`newsarchive.archive.articles`), so a
crawl killed mid-write leaves either the whole article or none of it.  WAL mode lets Datasette,
sqlite3 and pandas read while a crawl writes.  Every value from a page is a bound parameter;
SQL text is built only from constants in this package.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from newsarchive.archive import pages
from newsarchive.archive.articles import (
    Content,
    content_hash,
    published_day,
    utc_now,
    write_article,
)
from newsarchive.archive.fts import (
    article_texts,
    rebuild_fts,
    register_functions,
)
from newsarchive.archive.fts import reindex_article as _reindex
from newsarchive.archive.migrations import apply_migrations, pending_migrations, schema_version
from newsarchive.archive.photos import photos_of
from newsarchive.archive.readonly import connect_readonly
from newsarchive.archive.search import RANK_WINDOW, SearchHit, search

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date

    from newsarchive.items import Article
    from newsarchive.sources import Source

logger = logging.getLogger(__name__)


class TransactionAborted(sqlite3.OperationalError):
    """A write inside :meth:`Archive.transaction` failed and the transaction was rolled back."""


class Archive:
    """The archive database.  ``readonly=True`` opens an existing file without writing to it."""

    def __init__(
        self,
        path: str | Path,
        *,
        readonly: bool = False,
        commit_every: int = 1,
        commit_seconds: float = 2.0,
    ) -> None:
        """Open (and create or upgrade) the archive.

        ``commit_every`` > 1 groups writes: a commit after that many writes or ``commit_seconds``
        after the group's first write (checked on each write), on :meth:`commit` and on close.
        A crash loses at most the open group, never part of an article; grouped commits are
        what makes a crawl's ingest several times faster (FTS5 writes a segment per commit).
        """
        self.path = Path(path)
        self.readonly = readonly
        self.commit_every = max(1, int(commit_every))
        self.commit_seconds = float(commit_seconds)
        self._pending = 0
        self._group_started = 0.0
        self._depth = 0
        self._aborted = False
        if readonly:
            # mode=ro, or immutable=1 for a copy on read-only media (archive/readonly.py).
            conn = connect_readonly(self.path)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=30)
        conn.execute("PRAGMA busy_timeout = 30000")
        register_functions(conn)
        self.conn = conn
        self.db = Database(conn)
        if readonly:
            pending = pending_migrations(self.db)
            if pending:
                logger.warning("archive %s is behind: migrations %s not applied", path, pending)
        else:
            self.db.enable_wal()
            conn.execute("PRAGMA synchronous = NORMAL")
            # Fewer, larger checkpoints while a crawl writes; a bigger cache for index updates:
            # each article touches random pages of the url, content-hash and sketch b-trees,
            # which at a million articles far outgrow 64 MB (ingest 1,700/s there vs 2,100/s
            # with 256 MB; the cache only grows as pages are read).
            conn.execute("PRAGMA wal_autocheckpoint = 10000")
            conn.execute("PRAGMA cache_size = -262144")
            # Python's SQLite is built with secure_delete on: every page FTS5 frees when it
            # merges segments would be written again as zeros.  Nothing the archive frees is
            # private (the texts stay in articles and article_versions); ~7% of ingest CPU.
            conn.execute("PRAGMA secure_delete = OFF")
            apply_migrations(self.db)

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        if self.conn.in_transaction and self._depth == 0:
            self.commit()
        if not self.readonly:
            try:
                self.conn.execute("PRAGMA optimize")
            except sqlite3.Error:  # pragma: no cover - best effort
                logger.debug("PRAGMA optimize failed", exc_info=True)
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> str:
        return schema_version(self.db)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Commit everything written inside the block together (BEGIN IMMEDIATE ... COMMIT).

        Nested blocks join the outer one.  No savepoints: FTS5 flushes its in-memory index at
        every savepoint, which would cost more than the batching saves.  If a write inside
        fails, the whole transaction is rolled back (nothing is ever half-stored) and the
        exception propagates; the outer block then raises TransactionAborted.
        """
        conn = self.conn
        outer = self._depth == 0
        if outer and not conn.in_transaction:
            conn.execute("BEGIN IMMEDIATE")
            self._begun()
        self._depth += 1
        try:
            yield conn
        except BaseException:
            self._depth -= 1
            self._abort()
            if outer:
                self._aborted = False
            raise
        self._depth -= 1
        if outer:
            if self._aborted:
                self._aborted = False
                if conn.in_transaction:  # writes made after the failure go too
                    conn.execute("ROLLBACK")
                raise TransactionAborted(
                    "a write inside this transaction failed and everything was rolled back"
                )
            self.commit()

    def commit(self) -> None:
        """Commit pending grouped writes now (e.g. when a crawl goes idle)."""
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self._pending = 0

    def _begun(self) -> None:
        self._pending = 0
        self._group_started = time.monotonic()

    def _abort(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        if self._pending > 1:
            logger.warning("rolled back %d uncommitted writes", self._pending)
        self._pending = 0
        if self._depth > 0:
            self._aborted = True

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One logical write (an article with its rows): atomic, committed per the group policy."""
        conn = self.conn
        if not conn.in_transaction:
            conn.execute("BEGIN IMMEDIATE")
            self._begun()
        try:
            yield conn
        except BaseException:
            self._abort()
            raise
        self._pending += 1
        if self._depth == 0 and (
            self._pending >= self.commit_every
            or time.monotonic() - self._group_started >= self.commit_seconds
        ):
            self.commit()

    batch = transaction

    # -- sources and crawls ----------------------------------------------------------------

    def upsert_source(self, source: Source) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO sources (id, name, province, kind, homepage, domains, verified, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "name = excluded.name, province = excluded.province, kind = excluded.kind, "
                "homepage = excluded.homepage, domains = excluded.domains, "
                "verified = excluded.verified, updated_at = excluded.updated_at",
                (
                    source.id,
                    source.name,
                    source.province,
                    source.kind,
                    source.homepage,
                    json.dumps(list(source.all_domains), ensure_ascii=False),
                    int(bool(source.verified)),
                    utc_now(),
                ),
            )

    def start_crawl(
        self, source_id: str | None, command: str = "", *, started_at: str | None = None
    ) -> int:
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO crawls (source, command, started_at, state, pages, new, updated, "
                "unchanged) VALUES (?, ?, ?, 'running', 0, 0, 0, 0)",
                (source_id, command, started_at or utc_now()),
            )
        return int(cur.lastrowid or 0)

    def finish_crawl(
        self,
        crawl_id: int,
        state: str,
        stats: dict[str, Any],
        *,
        finished_at: str | None = None,
    ) -> None:
        """Close a crawl row.  ``stats``: Scrapy's stats dict (newsarchive/* keys) or plain keys."""

        def pick(name: str, *alts: str) -> Any:
            for key in (name, *alts):
                if key in stats:
                    return stats[key]
            return None

        def prefixed(prefix: str) -> dict[str, Any]:
            return {k[len(prefix) :]: v for k, v in stats.items() if k.startswith(prefix)}

        dropped = pick("dropped") or prefixed("newsarchive/dropped/")
        coverage = pick("coverage") or prefixed("newsarchive/coverage/")
        http_errors = pick("http_errors") or {
            k: v
            for k, v in prefixed("downloader/response_status_count/").items()
            if not k.startswith(("2", "3"))
        }
        with self._write() as conn:
            conn.execute(
                "UPDATE crawls SET finished_at = ?, state = ?, pages = ?, new = ?, updated = ?, "
                "unchanged = ?, dropped = ?, http_errors = ?, coverage = ?, stats = ? "
                "WHERE id = ?",
                (
                    finished_at or utc_now(),
                    state,
                    pick("pages", "response_received_count") or 0,
                    pick("new", "newsarchive/articles/new") or 0,
                    pick("updated", "newsarchive/articles/updated") or 0,
                    pick("unchanged", "newsarchive/articles/unchanged") or 0,
                    json.dumps(dropped, ensure_ascii=False, default=str),
                    json.dumps(http_errors, ensure_ascii=False, default=str),
                    json.dumps(coverage, ensure_ascii=False, default=str),
                    json.dumps(stats, ensure_ascii=False, default=str, sort_keys=True),
                    crawl_id,
                ),
            )

    def record_capture(
        self,
        *,
        crawl_id: int | None,
        url: str,
        final_url: str,
        status: int,
        fetched_at: str,
        content_type: str | None,
        digest: str | None,
        warc_file: str | None,
        warc_offset: int | None,
        warc_length: int | None,
    ) -> int:
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO captures (crawl_id, url, final_url, status, fetched_at, content_type, "
                "digest, warc_file, warc_offset, warc_length) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    crawl_id,
                    url,
                    final_url,
                    status,
                    fetched_at,
                    content_type,
                    digest,
                    warc_file,
                    warc_offset,
                    warc_length,
                ),
            )
        return int(cur.lastrowid or 0)

    # -- articles --------------------------------------------------------------------------

    def store_article(
        self, article: Article, crawl_id: int | None = None, capture_id: int | None = None
    ) -> str:
        """Insert or update one article: "new", "updated" (content or metadata) or "unchanged".

        Changed title/sapo/body/captions add a version; the same content only moves last_seen.
        New or changed content that another paper already carried (same content hash, or a
        near-duplicate text: :mod:`newsarchive.archive.neardup`) gets ``duplicate_of``.
        ``crawl_id`` is accepted for the pipeline's bookkeeping; the capture row links the crawl.
        One transaction (:mod:`newsarchive.archive.articles`).
        """
        if not article.url:
            raise ValueError("an article needs its canonical url")
        content = Content.of(article)
        with self._write() as conn:
            # Fetched and stored: it leaves the frontier, and it is no longer a judged non-article.
            conn.execute("DELETE FROM frontier WHERE url = ?", (article.url,))
            conn.execute("DELETE FROM pages WHERE url = ?", (article.url,))
            return write_article(conn, content, capture_id)

    def mark_gone(self, url: str, status: int, when: str) -> bool:
        """Mark an archived page as answering 404/410; its content stays.  False: unknown URL."""
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE articles SET gone_at = ?, http_status = ? WHERE url = ?",
                (when, status, url),
            )
            pages.fetched(conn, url)
        return cur.rowcount > 0

    # -- the crawl's memory of pages that are not articles, and of URLs not fetched yet -----

    def judge_page(self, url: str, source: str | None, page_type: str,
                   capture_id: int | None = None, when: str | None = None) -> None:
        """Remember that ``url`` is not an article (see :mod:`newsarchive.archive.pages`)."""
        with self._write() as conn:
            pages.judge_page(conn, url, source, page_type, when or utc_now(), capture_id)

    def add_frontier(self, source: str | None, found: list[tuple[str, str]],
                     when: str | None = None) -> None:
        """Remember discovered (url, kind) pairs until they are fetched."""
        with self._write() as conn:
            pages.add_frontier(conn, source, found, when or utc_now())

    def leave_frontier(self, url: str) -> None:
        """``url`` was fetched, or will never be (robots.txt forbids it): forget it."""
        with self._write() as conn:
            pages.fetched(conn, url)

    def known_urls(self, source_id: str | None = None) -> set[str]:
        """Canonical URLs already archived (from the (source, url) index alone)."""
        if source_id is None:
            rows = self.conn.execute("SELECT url FROM articles")
        else:
            rows = self.conn.execute("SELECT url FROM articles WHERE source = ?", (source_id,))
        return {r[0] for r in rows}

    def get_article(self, url: str) -> dict[str, Any] | None:
        """The current row of an article with its captions, as plain values."""
        cur = self.conn.execute("SELECT * FROM articles WHERE url = ?", (url,))
        row = cur.fetchone()
        if row is None:
            return None
        data = dict(zip([d[0] for d in cur.description], row, strict=True))
        data["tags"] = json.loads(data["tags"] or "[]")
        data["captions"] = [
            {"text": t, "image_url": u, "credit": c}
            for t, u, c in self.conn.execute(
                "SELECT text, image_url, credit FROM captions WHERE article_id = ? "
                "ORDER BY position",
                (data["id"],),
            )
        ]
        data["photos"] = photos_of(self.conn, url)
        return data

    # -- reading ---------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        source: str | None = None,
        province: str | None = None,
        category: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        limit: int = 20,
        rank_window: int | None = RANK_WINDOW,
    ) -> list[SearchHit]:
        """bm25-ranked hits; raises QueryError (a ValueError) on input with nothing to search.

        See :func:`newsarchive.archive.search.search` for ``rank_window``.
        """
        return search(
            self.conn,
            query,
            source=source,
            province=province,
            category=category,
            since=since,
            until=until,
            limit=limit,
            rank_window=rank_window,
        )

    def source_stats(self) -> list[dict[str, Any]]:
        """Per source: id, name, province, articles, first/last published day, last crawl.

        A crawl row without a source (``crawl --all``) counts as a crawl of every source.
        """
        cur = self.conn.execute(
            """
            WITH ids AS (
                SELECT id FROM sources
                UNION SELECT DISTINCT source FROM articles WHERE source IS NOT NULL
            )
            SELECT ids.id, s.name, s.province,
                (SELECT count(*) FROM articles a WHERE a.source = ids.id) AS articles,
                (SELECT min(published_day) FROM articles a WHERE a.source = ids.id)
                    AS first_published,
                (SELECT max(published_day) FROM articles a WHERE a.source = ids.id)
                    AS last_published,
                (SELECT max(started_at) FROM crawls c
                    WHERE c.source = ids.id OR c.source IS NULL) AS last_crawl,
                (SELECT state FROM crawls c WHERE c.source = ids.id OR c.source IS NULL
                    ORDER BY started_at DESC, id DESC LIMIT 1) AS last_crawl_state
            FROM ids LEFT JOIN sources s ON s.id = ids.id
            ORDER BY ids.id
            """
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    def rebuild_fts(self) -> int:
        """Re-index every article (after the folding or tone rules change)."""
        with self._write() as conn:
            return rebuild_fts(conn)

    def reindex_article(self, article_id: int) -> None:
        with self._write() as conn:
            for aid, title, text, facet_tokens in article_texts(conn, [article_id]):
                _reindex(conn, aid, title, text, facet_tokens=facet_tokens)


__all__ = ["Archive", "TransactionAborted", "content_hash", "published_day", "utc_now"]
