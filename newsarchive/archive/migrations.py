"""The archive schema as named migrations: applied once each, in order, recorded in the database.

New columns, tables and indexes are added as new migrations at the end; existing migrations are
never edited (an archive built last year must upgrade, not break).  Column meanings: README,
"The archive schema".
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlite_utils.migrations import Migrations

from newsarchive.archive.fts import (
    BM25_CONFIG,
    FACETS_COLUMN,
    FTS_COLUMNS,
    FTS_TABLE,
    FTS_TOKENIZE,
    facets,
    rebuild_fts,
)
from newsarchive.archive.neardup import backfill as backfill_sketches

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database

logger = logging.getLogger(__name__)

MIGRATION_SET = "newsarchive"
migrations = Migrations(MIGRATION_SET)


def _run(db: Database, statements: list[str]) -> None:
    for sql in statements:
        db.execute(sql)


@migrations(name="0001_core_tables")
def _core_tables(db: Database) -> None:
    _run(
        db,
        [
            """CREATE TABLE sources (
                id TEXT PRIMARY KEY,
                name TEXT,
                province TEXT,
                kind TEXT,
                homepage TEXT,
                domains TEXT,          -- JSON list of hosts, current first
                verified INTEGER,
                updated_at TEXT
            )""",
            """CREATE TABLE crawls (
                id INTEGER PRIMARY KEY,
                source TEXT,
                command TEXT,
                started_at TEXT,
                finished_at TEXT,
                state TEXT,
                pages INTEGER,
                new INTEGER,
                updated INTEGER,
                unchanged INTEGER,
                dropped TEXT,          -- JSON {reason: count}
                http_errors TEXT,      -- JSON {status: count}
                coverage TEXT,         -- JSON {field: count}
                stats TEXT             -- JSON: every crawl stat
            )""",
            """CREATE TABLE captures (
                id INTEGER PRIMARY KEY,
                crawl_id INTEGER REFERENCES crawls(id),
                url TEXT,
                final_url TEXT,
                status INTEGER,
                fetched_at TEXT,
                content_type TEXT,
                digest TEXT,
                warc_file TEXT,
                warc_offset INTEGER,
                warc_length INTEGER
            )""",
            # The long texts (sapo, body) come last: SQLite reads a row from its start, so
            # filters and facets on the short columns never walk a body's overflow pages.
            """CREATE TABLE articles (
                id INTEGER PRIMARY KEY,
                url TEXT UNIQUE NOT NULL,
                source TEXT REFERENCES sources(id),
                title TEXT,
                published TEXT,
                published_day TEXT,
                modified TEXT,
                author TEXT,
                credit TEXT,
                category TEXT,
                tags TEXT,             -- JSON list
                date_from TEXT,
                date_raw TEXT,
                page_type TEXT,
                language TEXT,
                image_count INTEGER,
                word_count INTEGER,
                content_hash TEXT,
                first_seen TEXT,
                last_seen TEXT,
                fetched_url TEXT,
                http_status INTEGER,
                gone_at TEXT,
                duplicate_of INTEGER REFERENCES articles(id),
                version INTEGER,
                capture_id INTEGER REFERENCES captures(id),
                sapo TEXT,
                body TEXT
            )""",
            """CREATE TABLE captions (
                id INTEGER PRIMARY KEY,
                article_id INTEGER REFERENCES articles(id),
                position INTEGER,
                text TEXT,
                image_url TEXT,
                credit TEXT
            )""",
            """CREATE TABLE article_versions (
                id INTEGER PRIMARY KEY,
                article_id INTEGER REFERENCES articles(id),
                version INTEGER,
                content_hash TEXT,
                title TEXT,
                sapo TEXT,
                body TEXT,
                captions TEXT,         -- JSON list of {text, image_url, credit}
                published TEXT,
                modified TEXT,
                author TEXT,
                credit TEXT,
                first_fetched TEXT,
                last_fetched TEXT,
                capture_id INTEGER REFERENCES captures(id)
            )""",
        ],
    )


@migrations(name="0002_indexes")
def _indexes(db: Database) -> None:
    _run(
        db,
        [
            # (source, url) also answers known_urls(source) from the index alone.
            "CREATE INDEX idx_articles_source ON articles(source, url)",
            "CREATE INDEX idx_articles_published_day ON articles(published_day)",
            "CREATE INDEX idx_articles_category ON articles(category)",
            "CREATE INDEX idx_articles_content_hash ON articles(content_hash)",
            "CREATE INDEX idx_captions_article ON captions(article_id, position)",
            "CREATE UNIQUE INDEX idx_versions_article ON article_versions(article_id, version)",
            "CREATE INDEX idx_captures_url ON captures(url)",
            "CREATE INDEX idx_captures_crawl ON captures(crawl_id)",
            "CREATE INDEX idx_crawls_source ON crawls(source, started_at)",
        ],
    )


@migrations(name="0003_articles_fts")
def _articles_fts(db: Database) -> None:
    columns = ", ".join(FTS_COLUMNS)
    db.execute(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({columns}, tokenize='{FTS_TOKENIZE}')")
    # Default ranking for `ORDER BY rank` (what Datasette uses): headline hits weigh most.
    db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', ?)", [BM25_CONFIG])
    rebuild_fts(db.conn)


@migrations(name="0004_article_sketches")
def _article_sketches(db: Database) -> None:
    """Near-duplicate sketches (see neardup.py); existing articles are sketched and linked now."""
    _run(
        db,
        [
            # No REFERENCES on article_id: Datasette would list the sketch rows on every article.
            # WITHOUT ROWID with (h, article_id) as key: the table is itself the index on h.
            """CREATE TABLE article_sketches (
                article_id INTEGER NOT NULL,
                h INTEGER NOT NULL,
                PRIMARY KEY (h, article_id)
            ) WITHOUT ROWID""",
            "CREATE INDEX idx_sketches_article ON article_sketches(article_id)",
        ],
    )
    sketched, linked = backfill_sketches(db.conn)
    if sketched:
        logger.info("sketched %d archived articles, %d linked as near-duplicates", sketched, linked)


@migrations(name="0005_duplicate_of_index")
def _duplicate_of_index(db: Database) -> None:
    # Partial: only copies are indexed.  Datasette's row page counts the rows pointing at an
    # article (duplicate_of = ?), a full scan at a million rows without it.
    db.execute(
        "CREATE INDEX idx_articles_duplicate_of ON articles(duplicate_of) "
        "WHERE duplicate_of IS NOT NULL"
    )


@migrations(name="0006_ingest_ledger")
def _ingest_ledger(db: Database) -> None:
    """What the distributed ingester used to create on start; IF NOT EXISTS because archives
    it already ran on have both, and it still runs its own IF NOT EXISTS (harmless)."""
    _run(
        db,
        [
            "CREATE TABLE IF NOT EXISTS ingest_ledger (message_id TEXT PRIMARY KEY, kind TEXT, "
            "outcome TEXT, ingested_at TEXT)",
            "CREATE INDEX IF NOT EXISTS idx_captures_warc ON captures(warc_file, warc_offset)",
        ],
    )


#: Articles (rowids) copied per transaction by 0007: the WAL stays at tens of MB, not the
#: size of the whole index.
FTS_COPY_CHUNK = 5000


def _rowid_bounds(conn: sqlite3.Connection) -> tuple[int | None, int | None]:
    """The lowest and highest rowid in the index (None, None when it is empty)."""
    row = conn.execute(
        f"SELECT (SELECT rowid FROM {FTS_TABLE} ORDER BY rowid LIMIT 1), "
        f"(SELECT rowid FROM {FTS_TABLE} ORDER BY rowid DESC LIMIT 1)"
    ).fetchone()
    return row[0], row[1]


@migrations(name="0007_fts_facets", transactional=False)
def _fts_facets(db: Database) -> None:
    """The index gets a ``facets`` column (filter tokens, see fts.py) and is rebuilt with it.

    FTS5 cannot add a column, so a new table is filled from the old one's stored columns (no
    re-folding) plus each article's facets, in chunks that commit as they go, then replaces the
    old one in one transaction; ``optimize`` then merges the new index into one segment.  Cut
    short, it starts again on the next open: the old index stays in use until the swap.  Run
    it with crawls stopped: the swap refuses a copy whose row count no longer matches.
    ``secure_delete`` (on in Python's SQLite) is off meanwhile, or dropping the old index and
    merging segments would write every freed page again as zeros.
    """
    conn = db.conn
    if conn.in_transaction:
        conn.execute("COMMIT")
    (secure,) = conn.execute("PRAGMA secure_delete").fetchone()
    conn.execute("PRAGMA secure_delete = OFF")
    conn.create_function("newsarchive_facets", 3, facets, deterministic=True)
    new = f"{FTS_TABLE}_0007"
    columns = ", ".join(FTS_COLUMNS)
    copy = (
        f"INSERT INTO {new}(rowid, {columns}, {FACETS_COLUMN}) "
        f"SELECT f.rowid, {', '.join(f'f.{c}' for c in FTS_COLUMNS)}, "
        "newsarchive_facets(a.source, a.category, a.published_day) "
        f"FROM {FTS_TABLE} f LEFT JOIN articles a ON a.id = f.rowid "
        "WHERE f.rowid >= ? AND f.rowid < ? ORDER BY f.rowid"
    )
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(f"DROP TABLE IF EXISTS {new}")
        conn.execute(
            f"CREATE VIRTUAL TABLE {new} USING fts5({columns}, {FACETS_COLUMN}, "
            f"tokenize='{FTS_TOKENIZE}')"
        )
        conn.execute("COMMIT")
        start, last = _rowid_bounds(conn)
        if start is not None and last is not None:
            while start <= last:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(copy, (start, start + FTS_COPY_CHUNK))
                conn.execute("COMMIT")
                start += FTS_COPY_CHUNK
        conn.execute("BEGIN IMMEDIATE")
        # Another writer between the chunks (a crawl, a second process upgrading) would leave
        # the copy short: then stop, and the next open rebuilds it.
        counts = conn.execute(
            f"SELECT (SELECT count(*) FROM {FTS_TABLE}_docsize), "
            f"(SELECT count(*) FROM {new}_docsize)"
        ).fetchone()
        if counts[0] != counts[1]:
            raise RuntimeError(
                f"the search index changed while migration 0007 copied it ({counts[0]} rows, "
                f"{counts[1]} copied): stop other writers and open the archive again"
            )
        conn.execute(f"DROP TABLE {FTS_TABLE}")
        conn.execute(f"ALTER TABLE {new} RENAME TO {FTS_TABLE}")
        # The default ranking for `ORDER BY rank` (Datasette), as migration 0003 set it.
        conn.execute(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', ?)", [BM25_CONFIG]
        )
        conn.execute("COMMIT")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
        conn.execute("COMMIT")
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.execute(f"PRAGMA secure_delete = {int(secure)}")


@migrations(name="0008_media")
def _media(db: Database) -> None:
    """Photos kept with their articles (newsarchive.archive.media): one ``media`` row per photo
    URL, the bytes in the WARC (``capture_id``), and ``captions.media_id`` linking a caption to
    its photo.

    The link is kept by two triggers keyed on the photo's URL rather than by the code that
    writes captions: the store deletes and re-inserts an article's captions on every change
    (crawl, ``reextract``, the distributed ingester), and a photo may be archived before or
    after its caption row exists.  Whichever comes second links them.  Every statement is
    idempotent, so an archive whose migration records were rolled back upgrades again.
    """
    columns = {row[1] for row in db.execute("PRAGMA table_info(captions)").fetchall()}
    if "media_id" not in columns:
        db.execute("ALTER TABLE captions ADD COLUMN media_id INTEGER REFERENCES media(id)")
    _run(
        db,
        [
            """CREATE TABLE IF NOT EXISTS media (
                id INTEGER PRIMARY KEY,
                url TEXT UNIQUE NOT NULL,
                article_id INTEGER REFERENCES articles(id),  -- the article it was first seen in
                status TEXT NOT NULL,      -- stored or failed (see archive/media.py)
                error TEXT,                -- why it is not stored
                attempts INTEGER NOT NULL DEFAULT 0,
                sha1 TEXT,                 -- hex sha1 of the bytes
                mime_type TEXT,            -- from the bytes (Pillow), not from the server
                width INTEGER,
                height INTEGER,
                bytes INTEGER,
                capture_id INTEGER REFERENCES captures(id),  -- the WARC record with the bytes
                fetched_at TEXT            -- the last attempt
            )""",
            "CREATE INDEX IF NOT EXISTS idx_media_article ON media(article_id)",
            "CREATE INDEX IF NOT EXISTS idx_media_sha1 ON media(sha1)",
            "CREATE INDEX IF NOT EXISTS idx_media_status ON media(status)",
            "CREATE INDEX IF NOT EXISTS idx_captions_image_url ON captions(image_url)",
            "CREATE INDEX IF NOT EXISTS idx_captions_media ON captions(media_id) "
            "WHERE media_id IS NOT NULL",
            # A photo already archived under these bytes is written as a WARC revisit record.
            "CREATE INDEX IF NOT EXISTS idx_captures_digest ON captures(digest)",
            """CREATE TRIGGER IF NOT EXISTS captions_link_media AFTER INSERT ON captions
               WHEN NEW.media_id IS NULL
                 AND EXISTS (SELECT 1 FROM media WHERE url = NEW.image_url)
               BEGIN
                 UPDATE captions SET media_id = (SELECT id FROM media WHERE url = NEW.image_url)
                 WHERE id = NEW.id;
               END""",
            """CREATE TRIGGER IF NOT EXISTS media_link_captions AFTER INSERT ON media
               BEGIN
                 UPDATE captions SET media_id = NEW.id
                 WHERE image_url = NEW.url AND media_id IS NULL;
               END""",
        ],
    )


@migrations(name="0009_page_memory")
def _page_memory(db: Database) -> None:
    """What a crawl sees is kept (issue 14).

    ``articles.quality``: null for a complete article, else why it is thin (``short_body``,
    ``lead_only``, ``no_title``); such pages are stored and flagged, never dropped.
    ``pages``: the judgement of every fetched page that is not an article (listing, tag, other,
    an empty or non-HTML answer), so a re-run does not fetch it again.  ``frontier``: URLs
    discovered but not fetched yet; the next run starts from them, so a run killed after it
    archived an article still reaches the links that article held.
    """
    columns = {row[1] for row in db.execute("PRAGMA table_info(articles)").fetchall()}
    if "quality" not in columns:
        db.execute("ALTER TABLE articles ADD COLUMN quality TEXT")
    _run(
        db,
        [
            """CREATE TABLE IF NOT EXISTS pages (
                url TEXT PRIMARY KEY,      -- canonical URL
                source TEXT,
                page_type TEXT NOT NULL,   -- listing, tag, home, search, other, empty, not_html
                judged_at TEXT NOT NULL,
                capture_id INTEGER REFERENCES captures(id)
            )""",
            "CREATE INDEX IF NOT EXISTS idx_pages_source ON pages(source, judged_at)",
            """CREATE TABLE IF NOT EXISTS frontier (
                url TEXT PRIMARY KEY,      -- canonical URL, discovered and not fetched yet
                source TEXT,
                kind TEXT NOT NULL,        -- page (article candidate) or listing
                found_at TEXT NOT NULL
            )""",
            "CREATE INDEX IF NOT EXISTS idx_frontier_source ON frontier(source)",
        ],
    )


@migrations(name="0010_article_photos")
def _article_photos(db: Database) -> None:
    """Photos an article shows without a caption (newsarchive.archive.photos), so the photo
    pipeline, ``media fetch`` and the reading room know them; media rows join on the URL."""
    _run(
        db,
        [
            """CREATE TABLE IF NOT EXISTS article_photos (
                article_url TEXT NOT NULL,  -- articles.url
                position INTEGER NOT NULL,  -- page order among the article's uncaptioned photos
                url TEXT NOT NULL,
                PRIMARY KEY (article_url, url)
            )""",
            "CREATE INDEX IF NOT EXISTS idx_article_photos_url ON article_photos(url)",
        ],
    )


def apply_migrations(db: Database) -> list[str]:
    """Apply pending migrations; returns the names applied now (empty when up to date)."""
    pending = [m.name for m in migrations.pending(db)]
    if pending:
        migrations.apply(db)
        logger.info("archive migrations applied: %s", ", ".join(pending))
    return pending


def pending_migrations(db: Database) -> list[str]:
    return [m.name for m in migrations.pending(db)]


def schema_version(db: Database) -> str:
    """The name of the last applied migration: what exports record as the schema version."""
    applied = migrations.applied(db)
    return applied[-1].name if applied else ""
