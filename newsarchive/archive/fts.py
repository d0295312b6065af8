"""The Vietnamese-aware full-text index: each field indexed in old tone style, new style and folded.

Why three copies: tone marks tell words apart (má, mà, mạ, ma), so marked words must match
exactly, in either tone-mark style (hòa = hoà); unmarked words must match every marked variant
(dien bien = Điện Biên, and đ is a letter of its own that ``remove_diacritics`` would not fold).
With the three renderings as separate FTS5 columns and ``remove_diacritics 0``, a plain FTS5
MATCH — as Datasette issues it, with no custom tokenizer or function loaded — already behaves:
a marked term only hits the exact columns, an unmarked term also hits the folded ones.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from newsarchive.vietnamese import fold, to_style

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterable, Sequence

FTS_TABLE = "articles_fts"
FTS_COLUMNS = ("title", "text", "title_new", "text_new", "title_fold", "text_fold")
FTS_TOKENIZE = "unicode61 remove_diacritics 0"
#: The columns an unmarked word is held to when ranking exact spellings first.
EXACT_COLUMNS = ("title", "text", "title_new", "text_new")
#: bm25 weights in FTS_COLUMNS order: headline hits count most, folded hits less than exact ones.
BM25_WEIGHTS = (10.0, 1.0, 10.0, 1.0, 5.0, 0.5)
BM25_CONFIG = f"bm25({', '.join(str(w) for w in BM25_WEIGHTS)})"


def article_text(sapo: str | None, body: str | None, captions: Iterable[str | None]) -> str:
    """The searchable text of an article: lead, body and caption texts, blank-line separated."""
    parts = [sapo or "", body or "", *(c or "" for c in captions)]
    return "\n\n".join(p for p in parts if p)


def fts_values(
    title: str | None, text: str, text_fold: str | None = None
) -> tuple[str, str, str, str, str, str]:
    """The six column values for one article, in FTS_COLUMNS order.

    ``text_fold``: ``fold(text)`` when the caller already has it (store_article folds the lead
    and body once for both the index and the near-duplicate sketch).
    """
    title = title or ""
    return (
        to_style(title, "old"),
        to_style(text, "old"),
        to_style(title, "new"),
        to_style(text, "new"),
        fold(title),
        fold(text) if text_fold is None else text_fold,
    )


_INSERT = f"INSERT INTO {FTS_TABLE}(rowid, {', '.join(FTS_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)"


def index_article(
    conn: sqlite3.Connection,
    article_id: int,
    title: str | None,
    text: str,
    text_fold: str | None = None,
) -> None:
    """Add an article to the index (caller holds the transaction)."""
    conn.execute(_INSERT, (article_id, *fts_values(title, text, text_fold)))


def reindex_article(
    conn: sqlite3.Connection,
    article_id: int,
    title: str | None,
    text: str,
    text_fold: str | None = None,
) -> None:
    """Replace an article's index entry (caller holds the transaction)."""
    conn.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", (article_id,))
    index_article(conn, article_id, title, text, text_fold)


def article_texts(
    conn: sqlite3.Connection, ids: Sequence[int] | None = None
) -> Iterable[tuple[int, str | None, str]]:
    """(id, title, searchable text) for the given articles, or all, reading captions in order."""
    sql = (
        "SELECT a.id, a.title, a.sapo, a.body, "
        "(SELECT json_group_array(text) FROM "
        " (SELECT text FROM captions c WHERE c.article_id = a.id ORDER BY position)) "
        "FROM articles a"
    )
    params: list[int] = []
    if ids is not None:
        sql += f" WHERE a.id IN ({', '.join('?' for _ in ids)})"
        params = list(ids)
    for article_id, title, sapo, body, caps in conn.execute(sql, params):
        yield article_id, title, article_text(sapo, body, json.loads(caps or "[]"))


def rebuild_fts(conn: sqlite3.Connection) -> int:
    """Rebuild the whole index from articles and captions (after folding or tone rules change)."""
    conn.execute(f"DELETE FROM {FTS_TABLE}")
    count = 0
    for article_id, title, text in article_texts(conn):
        index_article(conn, article_id, title, text)
        count += 1
    return count


def _vi_fold(text: str | None) -> str | None:
    return fold(text) if isinstance(text, str) else text


def _vi_style(text: str | None, style: str | None) -> str | None:
    if isinstance(text, str) and style in ("old", "new"):
        return to_style(text, str(style))
    return text


def register_functions(conn: sqlite3.Connection) -> None:
    """SQL functions every archive connection gets: ``vi_fold(text)``, ``vi_style(text, style)``.

    Datasette calls this from its prepare_connection hook, so analysts can write
    ``where vi_fold(title) like '%dien bien%'`` there too.
    """
    conn.create_function("vi_fold", 1, _vi_fold, deterministic=True)
    conn.create_function("vi_style", 2, _vi_style, deterministic=True)
