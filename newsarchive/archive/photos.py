"""Photos an article shows without a caption (``Article.photos``), one row per photo.

Captioned photos live in ``captions``; these are the rest, so that the crawl's photo pipeline,
``newsarchive media fetch`` and the reading room know every photo of an article.  Rows are
keyed by the article's canonical URL, not its id: the store writes them in the same transaction
as the article, and readers join on ``articles.url``.  The set is replaced on every store, also
when the article's content is unchanged, so re-extracting an archive fills it in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Sequence

TABLE = "article_photos"


def replace_photos(conn: sqlite3.Connection, article_url: str, urls: Sequence[str]) -> None:
    """Make ``urls`` (page order) the article's uncaptioned photos."""
    conn.execute(f"DELETE FROM {TABLE} WHERE article_url = ?", (article_url,))
    if urls:
        conn.executemany(
            f"INSERT OR IGNORE INTO {TABLE} (article_url, position, url) VALUES (?, ?, ?)",
            [(article_url, i, u) for i, u in enumerate(urls)],
        )


def photos_of(conn: sqlite3.Connection, article_url: str) -> list[str]:
    """The article's uncaptioned photos in page order."""
    return [r[0] for r in conn.execute(
        f"SELECT url FROM {TABLE} WHERE article_url = ? ORDER BY position", (article_url,))]
