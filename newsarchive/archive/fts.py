"""The Vietnamese-aware full-text index: each field indexed in old tone style, new style and folded.

Why three copies: tone marks tell words apart (má, mà, mạ, ma), so marked words must match
exactly, in either tone-mark style (hòa = hoà); unmarked words must match every marked variant
(dien bien = Điện Biên, and đ is a letter of its own that ``remove_diacritics`` would not fold).
With the three renderings as separate FTS5 columns and ``remove_diacritics 0``, a plain FTS5
MATCH — as Datasette issues it, with no custom tokenizer or function loaded — already behaves:
a marked term only hits the exact columns, an unmarked term also hits the folded ones.

A seventh column, ``facets``, holds the article's filter values as tokens no text contains (a
private-use mark, a kind letter, the value): source, category, published day, month and year.
Search filters then join the MATCH expression, so FTS5 intersects doclists instead of reading
an article row for every match to test it (at a million articles a filter passing 1 match in
30 read 60,000 rows to fill the rank window).
"""

from __future__ import annotations

import functools
import json
import re
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
#: The filter-token column, after the six text columns (not in FTS_COLUMNS: it holds no text).
FACETS_COLUMN = "facets"
#: Starts every facet token: private use, so the tokenizer keeps it in the token and no
#: typed query or printed text produces it.
FACET_MARK = "\ue010"
#: bm25 weights in FTS_COLUMNS order: headline hits count most, folded hits less than exact ones.
#: The facets column has no weight here (bm25 then counts it 1.0, but no text term ever hits
#: it); search() passes 0.0 for it, because its filter tokens do hit it.
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


_DAY_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def source_token(source: str) -> str:
    """The facet token of a source id (hex of its UTF-8: any id, case kept, one token)."""
    return f"{FACET_MARK}s{source.encode('utf-8').hex()}"


def category_token(category: str) -> str:
    return f"{FACET_MARK}c{category.encode('utf-8').hex()}"


def day_token(day: str) -> str:
    """``2024-06-15`` -> the day's token; month_token / year_token cover whole months, years."""
    return f"{FACET_MARK}d{day[:4]}{day[5:7]}{day[8:10]}"


def month_token(year: int, month: int) -> str:
    return f"{FACET_MARK}m{year:04d}{month:02d}"


def year_token(year: int) -> str:
    return f"{FACET_MARK}y{year:04d}"


@functools.lru_cache(maxsize=4096)
def facets(source: str | None, category: str | None, day: str | None) -> str:
    """The facets column value: a token per filterable value the article has (cached: a crawl
    stores many articles of one paper, section and day)."""
    out = []
    if isinstance(source, str):
        out.append(source_token(source))
    if isinstance(category, str):
        out.append(category_token(category))
    if isinstance(day, str) and _DAY_RE.match(day):
        out += [day_token(day), month_token(int(day[:4]), int(day[5:7])), year_token(int(day[:4]))]
    return " ".join(out)


_INSERT = (
    f"INSERT INTO {FTS_TABLE}(rowid, {', '.join(FTS_COLUMNS)}, {FACETS_COLUMN}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
#: Before migration 0007 the table had no facets column (migration 0003 still builds that one).
_INSERT_V1 = (
    f"INSERT INTO {FTS_TABLE}(rowid, {', '.join(FTS_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def index_article(
    conn: sqlite3.Connection,
    article_id: int,
    title: str | None,
    text: str,
    text_fold: str | None = None,
    facet_tokens: str = "",
) -> None:
    """Add an article to the index (caller holds the transaction); see :func:`facets`."""
    conn.execute(_INSERT, (article_id, *fts_values(title, text, text_fold), facet_tokens))


def reindex_article(
    conn: sqlite3.Connection,
    article_id: int,
    title: str | None,
    text: str,
    text_fold: str | None = None,
    facet_tokens: str = "",
) -> None:
    """Replace an article's index entry (caller holds the transaction)."""
    conn.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", (article_id,))
    index_article(conn, article_id, title, text, text_fold, facet_tokens)


def update_facets(conn: sqlite3.Connection, article_id: int, facet_tokens: str) -> None:
    """Re-tag an indexed article whose source, category or published day changed."""
    conn.execute(
        f"UPDATE {FTS_TABLE} SET {FACETS_COLUMN} = ? WHERE rowid = ?", (facet_tokens, article_id)
    )


def has_facets(conn: sqlite3.Connection) -> bool:
    """True once migration 0007 gave the index its facets column."""
    row = conn.execute(
        "SELECT 1 FROM pragma_table_info(?) WHERE name = ?", (FTS_TABLE, FACETS_COLUMN)
    ).fetchone()
    return row is not None


def article_texts(
    conn: sqlite3.Connection, ids: Sequence[int] | None = None
) -> Iterable[tuple[int, str | None, str, str]]:
    """(id, title, searchable text, facets) for the given articles, or all; captions in order."""
    sql = (
        "SELECT a.id, a.title, a.sapo, a.body, a.source, a.category, a.published_day, "
        "(SELECT json_group_array(text) FROM "
        " (SELECT text FROM captions c WHERE c.article_id = a.id ORDER BY position)) "
        "FROM articles a"
    )
    params: list[int] = []
    if ids is not None:
        sql += f" WHERE a.id IN ({', '.join('?' for _ in ids)})"
        params = list(ids)
    for article_id, title, sapo, body, source, category, day, caps in conn.execute(sql, params):
        text = article_text(sapo, body, json.loads(caps or "[]"))
        yield article_id, title, text, facets(source, category, day)


def rebuild_fts(conn: sqlite3.Connection) -> int:
    """Rebuild the whole index from articles and captions (after folding or tone rules change)."""
    conn.execute(f"DELETE FROM {FTS_TABLE}")
    with_facets = has_facets(conn)
    count = 0
    for article_id, title, text, facet_tokens in article_texts(conn):
        if with_facets:
            index_article(conn, article_id, title, text, facet_tokens=facet_tokens)
        else:
            conn.execute(_INSERT_V1, (article_id, *fts_values(title, text)))
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
