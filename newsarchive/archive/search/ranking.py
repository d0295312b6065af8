"""Ranked search: bm25 over the Vietnamese-aware index, exact spellings and phrases first.

bm25 costs a few microseconds per matching article, so a query matching hundreds of thousands
would take seconds: above ``RANK_WINDOW`` matches only the newest matches are ranked (see
:func:`search`).
"""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING

from newsarchive.archive.fts import (
    BM25_WEIGHTS,
    FTS_TABLE,
    category_token,
    has_facets,
    source_token,
)
from newsarchive.archive.search.filters import (
    date_tokens,
    facet_match,
    matching_categories,
    parse_day,
    province_sources,
)
from newsarchive.archive.search.query import ParsedQuery, QueryError, has_marks, parse_query
from newsarchive.archive.search.snippets import SNIPPETS, SNIPPETS_FOLD, SearchHit, hits

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

#: Query-time bm25 weights: the old-style columns count for both styles (a marked word is
#: looked up in old style only, see term_expression; an unmarked word is spelled the same in
#: both, so its score is exactly what BM25_WEIGHTS give), the new-style ones 0, the facets
#: column (filter tokens) 0.
_WEIGHTS = ", ".join(
    str(w)
    for w in (
        BM25_WEIGHTS[0] + BM25_WEIGHTS[2],
        BM25_WEIGHTS[1] + BM25_WEIGHTS[3],
        0.0,
        0.0,
        BM25_WEIGHTS[4],
        BM25_WEIGHTS[5],
        0.0,
    )
)
BM25_EXPR = f"bm25({FTS_TABLE}, {_WEIGHTS})"
_RANK_CONFIG = f"bm25({_WEIGHTS})"
#: Above this many matches, rank only the newest this-many (see search()).
RANK_WINDOW = 2000


_NEWEST_SQL = (
    f"SELECT rowid, {BM25_EXPR} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? "
    "ORDER BY rowid DESC LIMIT ?"
)
# Every match ranked: FTS5 sorts by rank itself ("rank MATCH" sets this query's weights).
_RANKED_SQL = (
    f"SELECT rowid, rank FROM {FTS_TABLE} "
    f"WHERE {FTS_TABLE} MATCH ? AND rank MATCH ? ORDER BY rank LIMIT ?"
)


def search(
    conn: sqlite3.Connection,
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
    """Ranked hits for a user query; every value reaches SQLite as a bound parameter.

    bm25 costs a few microseconds per matching article, so a query matching hundreds of
    thousands would take seconds.  When a query matches more than ``rank_window`` articles,
    only the ``rank_window`` most recently archived matches are ranked (the newest part of
    the archive); ``rank_window=None`` ranks every match.

    Filters become facet tokens ANDed into the MATCH expression (fts.py), so FTS5 skips
    through the doclists; the article rows are checked again only for the hits returned.
    """
    parsed = parse_query(query)
    fts = parsed.fts()
    since_day, until_day = parse_day(since, "since"), parse_day(until, "until")
    if since_day and until_day and since_day > until_day:
        raise QueryError(f"since ({since_day}) is after until ({until_day})")
    if limit < 1:
        raise QueryError("limit must be at least 1")
    where: list[str] = []
    params: list[object] = []
    groups: list[list[str]] = []
    # Each filter: the article rows' test (checked on the hits) and its facet tokens (MATCH).
    value_filters: list[tuple[str, list[str], Callable[[str], str]]] = []
    if source:
        value_filters.append(("source", [source], source_token))
    if province:
        value_filters.append(("source", province_sources(conn, province), source_token))
    if category:
        value_filters.append(("category", matching_categories(conn, category), category_token))
    for column, values, token in value_filters:
        if not values:
            return []  # an unknown province or category matches nothing
        where.append(f"a.{column} IN ({', '.join('?' for _ in values)})")
        params.extend(values)
        groups.append([token(v) for v in values])
    faceted = bool(where or since_day or until_day) and has_facets(conn)
    if since_day or until_day:
        if since_day:
            where.append("a.published_day >= ?")
            params.append(since_day)
        if until_day:
            where.append("a.published_day <= ?")
            params.append(until_day)
        days = date_tokens(conn, since_day, until_day) if faceted else None
        if days == []:
            return []
        if days is None:
            faceted = False
        else:
            groups.append(days)
    want = int(limit)
    # Unmarked words: rank exact spellings first among the best candidates; several words:
    # articles where they stand together as a phrase ("Điện Biên") before scattered ones.
    rerank = parsed.has_unmarked or parsed.phrase is not None
    pool = max(want * 5, 100) if rerank else want
    try:
        if where and not faceted:
            ranked = _ranked_by_rows(conn, fts, where, params, pool, rank_window, want)
        else:
            match = f"({fts}) AND {facet_match(groups)}" if groups else fts
            if rank_window:
                # The newest `window` matches in one walk down the doclists (rowid order needs
                # no sort), bm25 computed for those only, then sorted here.
                window = max(int(rank_window), want)
                rows = conn.execute(_NEWEST_SQL, (match, window)).fetchall()
                ranked = sorted(rows, key=_score)[:pool]
            else:
                ranked = conn.execute(_RANKED_SQL, (match, _RANK_CONFIG, pool)).fetchall()
        if not ranked:
            return []
        if rerank:
            ranked = _rerank(conn, parsed, ranked)
        ranked = ranked[:want]
        ids = [r[0] for r in ranked]
        fold_too = parsed.has_unmarked
        # rowid IN runs the MATCH once per id; a prefix term (no prefix index) merges the
        # doclists of every word it covers each time, so with one the MATCH runs once over the
        # ids' rowid range and "+rowid IN" (not offered to FTS5) picks the rows.
        in_ids = f"rowid IN ({', '.join('?' for _ in ids)})"
        has_prefix = any(t.prefix for g in parsed.groups for t in g)
        by_range = f" AND rowid BETWEEN ? AND ? AND +{in_ids}"
        snips = {
            r[0]: r[1:]
            for r in conn.execute(
                f"SELECT rowid, {SNIPPETS_FOLD if fold_too else SNIPPETS} FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH ?{by_range if has_prefix else ' AND ' + in_ids}",
                [fts, *((min(ids), max(ids)) if has_prefix else ()), *ids],
            )
        }
    except sqlite3.OperationalError as exc:  # should not happen: every term is quoted
        raise QueryError(f"the search index could not run this query: {exc}") from None
    rows = [(rid, score, *snips[rid]) for rid, score in ranked if rid in snips]
    # Facets only narrow the search: each hit is checked against its article row as well.
    return hits(conn, rows, where if faceted else [], params if faceted else [])


def _score(row: tuple[int, float]) -> float:
    return row[1]


def _ranked_by_rows(
    conn: sqlite3.Connection,
    fts: str,
    where: list[str],
    params: list[object],
    pool: int,
    rank_window: int | None,
    want: int,
) -> list[tuple[int, float]]:
    """Filters tested on the article row of each match: for an index without facets."""
    filters = " AND ".join(where)
    join = f" JOIN articles a ON a.id = {FTS_TABLE}.rowid"
    floor_sql = (
        f"SELECT {FTS_TABLE}.rowid FROM {FTS_TABLE}{join} WHERE {FTS_TABLE} MATCH ? AND "
        f"{filters} ORDER BY {FTS_TABLE}.rowid DESC LIMIT 1 OFFSET ?"
    )
    windowed_sql = (
        f"SELECT {FTS_TABLE}.rowid, {BM25_EXPR} AS score FROM {FTS_TABLE}{join} "
        f"WHERE {FTS_TABLE} MATCH ? AND {filters} AND {FTS_TABLE}.rowid >= ? "
        "ORDER BY score LIMIT ?"
    )
    floor = None
    if rank_window:
        window = max(int(rank_window), want)
        floor = conn.execute(floor_sql, [fts, *params, window - 1]).fetchone()
    lowest = floor[0] if floor is not None else 0
    return conn.execute(windowed_sql, [fts, *params, lowest, pool]).fetchall()


def _word_re(token: str, *, prefix: bool = False) -> str:
    return re.escape(token.lower()) + ("" if prefix else r"\b")


def _found(pattern: re.Pattern[str], text: str) -> bool:
    """A match of ``pattern`` that starts a word.  The patterns start with a literal, which the
    regex engine scans for quickly; a leading ``\b`` would make it try every position."""
    for m in pattern.finditer(text):
        i = m.start()
        if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):
            return True
    return False


def _rerank(
    conn: sqlite3.Connection, parsed: ParsedQuery, ranked: list[tuple[int, float]]
) -> list[tuple[int, float]]:
    """Exact spellings of unmarked words first, then the words standing together as a phrase
    (in the headline, then the text); bm25 order within each tier.

    Works on the index's stored columns (the folded ones are already folded), lower-cased,
    with one compiled pattern per word, instead of splitting a hundred texts into words.
    """
    exact: list[re.Pattern[str]] = []
    if parsed.has_unmarked:
        for group in parsed.groups:
            for term in group:
                if has_marks(term.tokens):
                    continue
                *head, last = term.tokens
                exact += [re.compile(_word_re(t)) for t in head]
                exact.append(re.compile(_word_re(last, prefix=term.prefix)))
    phrase = parsed.phrase
    together = re.compile(r"\W+".join(_word_re(w) for w in phrase.split(" "))) if phrase else None
    ids = [r[0] for r in ranked]
    texts = {
        row[0]: row[1:]
        for row in conn.execute(
            f"SELECT rowid, title, text, title_fold, text_fold FROM {FTS_TABLE} "
            f"WHERE rowid IN ({', '.join('?' for _ in ids)})",
            ids,
        )
    }

    def tier(rid: int) -> tuple[bool, bool, bool]:
        title, text, title_fold, text_fold = texts.get(rid, (None, None, None, None))
        if exact:
            words = f"{title or ''}\n{text or ''}".lower()
            spelled = all(_found(p, words) for p in exact)
        else:
            spelled = False
        if together is None:
            return (not spelled, True, True)
        in_title = _found(together, (title_fold or "").lower())
        in_text = _found(together, (text_fold or "").lower())
        return (not spelled, not in_title, not in_text)

    # sorted() is stable: within a tier the bm25 order stands.
    return sorted(ranked, key=lambda r: tier(r[0]))


