"""User query -> FTS5 query over the Vietnamese-aware index, bm25 ranking, snippets, filters.

Query language (what `newsarchive search` documents):
  words            every word must appear (AND)
  "a phrase"       the words next to each other; an unclosed quote closes at the end
  word*            prefix
  -word, NOT word  exclude articles with the word (or -"a phrase")
  a OR b           either; OR binds to its neighbours: ``a OR b c`` = (a or b) and c
A word typed with tone marks or đ matches that exact word in either tone style (hòa = hoà, but
má is not mạ); a word typed without marks matches every marked variant (dien = điện), exact
spellings first.  Punctuation is a separator, as in the index.  Nothing the user types reaches
FTS5 unquoted, so no input produces an SQLite syntax error; input with no word to look for
raises :class:`QueryError` with a message meant for the user.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsarchive.archive.fts import (
    BM25_CONFIG,
    BM25_WEIGHTS,
    EXACT_COLUMNS,
    FTS_TABLE,
    article_text,
)
from newsarchive.vietnamese import fold, to_style

MAX_TERMS = 64
SNIPPET_TOKENS = 16
BM25_EXPR = f"bm25({FTS_TABLE}, {', '.join(str(w) for w in BM25_WEIGHTS)})"
#: Above this many matches, rank only the newest this-many (see search()).
RANK_WINDOW = 2000

_OPEN, _CLOSE, _ELLIPSIS = "\ue000", "\ue001", "\ue002"
_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"\w+")
_ADJACENT_RE = re.compile(f"{_CLOSE}(\\s+){_OPEN}")
_DAY_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_VN = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


class QueryError(ValueError):
    """A search query or filter that cannot be run; the message is written for the user."""


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    url: str
    source: str | None
    title: str | None
    published: str | None
    snippet: str  # the match marked with [ ]
    rank: float  # bm25: lower is better


@dataclass
class _Term:
    tokens: list[str]
    prefix: bool = False
    negated: bool = False


def _is_token_char(ch: str) -> bool:
    """Mirror of FTS5 unicode61's default token characters (letters, numbers, private use)."""
    cat = unicodedata.category(ch)
    return cat[0] in "LNM" or cat == "Co"


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    cur: list[str] = []
    for ch in text:
        if _is_token_char(ch):
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def _lex(query: str) -> list[_Term | str]:
    """Split a user query into terms and the operators "OR" / "NOT"."""
    items: list[_Term | str] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        negated = False
        if ch == "-" and i + 1 < n and not query[i + 1].isspace():
            negated = True
            i += 1
            while i < n and query[i] == "-":
                i += 1
            if i >= n:
                break
            ch = query[i]
        if ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                end = n  # unbalanced quote: the phrase runs to the end
            inner = query[i + 1 : end]
            i = end + 1
            prefix = False
            if i < n and query[i] == "*":
                prefix = True
                i += 1
            toks = _tokens(inner)
            if toks:
                items.append(_Term(toks, prefix=prefix, negated=negated))
            continue
        start = i
        while i < n and not query[i].isspace() and query[i] != '"':
            i += 1
        word = query[start:i]
        if not negated and word in ("OR", "|", "||"):
            items.append("OR")
            continue
        if not negated and word in ("AND", "&", "&&", "+"):
            continue  # AND is what adjacent words mean anyway
        if not negated and word == "NOT":
            items.append("NOT")
            continue
        toks = _tokens(word)
        if toks:
            prefix = word.rstrip(")]}!?.,;:").endswith("*")
            items.append(_Term(toks, prefix=prefix, negated=negated))
    return items


def _quote(tokens: list[str], prefix: bool) -> str:
    # Tokens hold only letters, marks and digits: nothing inside the quotes needs escaping.
    return '"' + " ".join(tokens) + '"' + (" *" if prefix else "")


def _has_marks(tokens: list[str]) -> bool:
    return any(fold(t) != t for t in tokens)


def term_expression(term: _Term, *, exact: bool = False) -> str:
    """One term as an FTS5 expression.

    A marked word needs no column filter: the folded columns hold no marks, so it can only
    match the exact columns (in either tone style, hence the OR).  An unmarked word matches
    everywhere, the folded columns included.  ``exact`` (used to rank exact spellings first)
    keeps an unmarked word to the exact columns.  Column filters cost FTS5 position decoding,
    so they are used only where they change the result.
    """
    if _has_marks(term.tokens):
        phrase = " ".join(term.tokens)
        variants = []
        for style in ("old", "new"):
            v = _quote(to_style(phrase, style).split(" "), term.prefix)
            if v not in variants:
                variants.append(v)
        return "(" + " OR ".join(variants) + ")"
    if exact:
        return "{" + " ".join(EXACT_COLUMNS) + "} : " + _quote(term.tokens, term.prefix)
    return _quote(term.tokens, term.prefix)


@dataclass
class ParsedQuery:
    """A user query after parsing: AND-ed groups of OR-ed terms, and excluded terms."""

    groups: list[list[_Term]]
    negatives: list[_Term]

    def fts(self, *, exact: bool = False) -> str:
        parts = []
        for g in self.groups:
            exprs = [term_expression(t, exact=exact) for t in g]
            parts.append(exprs[0] if len(exprs) == 1 else "(" + " OR ".join(exprs) + ")")
        expr = " AND ".join(f"({p})" if len(self.groups) > 1 else p for p in parts)
        if self.negatives:
            negs = " OR ".join(term_expression(t) for t in self.negatives)
            expr = f"({expr}) NOT ({negs})"
        return expr

    @property
    def phrase(self) -> str | None:
        """The folded words of a plain multi-word query ("dien bien"), for a proximity boost."""
        if len(self.groups) < 2 or any(len(g) != 1 or g[0].prefix for g in self.groups):
            return None
        return " ".join(fold(tok).casefold() for g in self.groups for tok in g[0].tokens)

    def phrase_in(self, text: str | None) -> bool:
        """True when the query's words stand together, in order, in ``text`` (folded)."""
        phrase = self.phrase
        if not phrase or not text:
            return False
        words = " ".join(_WORD_RE.findall(fold(text).casefold()))
        return f" {phrase} " in f" {words} "

    @property
    def has_unmarked(self) -> bool:
        return any(not _has_marks(t.tokens) for g in self.groups for t in g)

    def spelled_exactly(self, *texts: str | None) -> bool:
        """True when every unmarked word of the query appears unmarked in the texts."""
        words = set(_WORD_RE.findall(" ".join(t or "" for t in texts).casefold()))
        for group in self.groups:
            for term in group:
                if _has_marks(term.tokens):
                    continue
                *head, last = [tok.casefold() for tok in term.tokens]
                if not set(head) <= words:
                    return False
                if term.prefix:
                    if not any(w.startswith(last) for w in words):
                        return False
                elif last not in words:
                    return False
        return True


def parse_query(query: str) -> ParsedQuery:
    """Parse a user query, or raise QueryError with a message for the user."""
    if not isinstance(query, str):
        raise QueryError("the search query must be text")
    query = unicodedata.normalize("NFC", query.replace("\u00a0", " ")).strip()
    if not query:
        raise QueryError("empty search: type one or more words to look for")
    items = _lex(query)
    # NOT applies to the next term; dangling operators are dropped.
    terms: list[_Term | str] = []
    pending_not = False
    for it in items:
        if it == "NOT":
            pending_not = True
        elif it == "OR":
            if terms and terms[-1] != "OR" and not pending_not:
                terms.append("OR")
        else:
            assert isinstance(it, _Term)
            if pending_not:
                it.negated = True
                pending_not = False
            terms.append(it)
    negatives = [t for t in terms if isinstance(t, _Term) and t.negated]
    # Group positives into AND-ed OR-chains; OR next to an exclusion is ignored.
    groups: list[list[_Term]] = []
    join_next = False
    for t in terms:
        if t == "OR":
            join_next = bool(groups)
            continue
        assert isinstance(t, _Term)
        if t.negated:
            join_next = False
            continue
        if join_next:
            groups[-1].append(t)
        else:
            groups.append([t])
        join_next = False
    if len(negatives) + sum(len(g) for g in groups) > MAX_TERMS:
        raise QueryError(f"too many search terms (at most {MAX_TERMS})")
    if not groups:
        if negatives:
            raise QueryError("the query only excludes words; add at least one word to look for")
        raise QueryError(
            f"no words to search for in {query!r}: type letters or numbers, not only operators "
            "or punctuation"
        )
    return ParsedQuery(groups, negatives)


def to_fts_query(query: str) -> str:
    """Translate a user query into an FTS5 MATCH expression, or raise QueryError."""
    return parse_query(query).fts()


def parse_day(value: str | date | None, name: str) -> str | None:
    """A filter date as YYYY-MM-DD; accepts ISO or Vietnamese day-first 1/7/2022."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value).strip()
    m = _DAY_VN.match(text)
    if m:
        d, mth, y = (int(x) for x in m.groups())
    elif _DAY_ISO.match(text[:10]):
        y, mth, d = int(text[:4]), int(text[5:7]), int(text[8:10])
    else:
        raise QueryError(f"{name}: {value!r} is not a date (use YYYY-MM-DD or D/M/YYYY)")
    try:
        return date(y, mth, d).isoformat()
    except ValueError as exc:
        raise QueryError(f"{name}: {value!r} is not a valid date ({exc})") from None


def _restore_snippet(snip: str, column_text: str | None, original: str) -> str:
    """Put the original spelling back into a snippet cut from a transformed index column.

    The old-style, new-style and folded renderings keep one character per character of the NFC
    original, so offsets map 1:1; when they do not (odd input), the indexed text is shown.
    """
    snip = _ADJACENT_RE.sub(r"\1", snip)  # "[Điện] [Biên]" -> "[Điện Biên]"
    lead = snip.startswith(_ELLIPSIS)
    trail = snip.endswith(_ELLIPSIS)
    core = snip.strip(_ELLIPSIS)
    plain = core.replace(_OPEN, "").replace(_CLOSE, "")
    pos = column_text.find(plain) if column_text else -1
    if pos >= 0 and column_text is not None and len(column_text) == len(original):
        out: list[str] = []
        i = pos
        for ch in core:
            if ch == _OPEN:
                out.append("[")
            elif ch == _CLOSE:
                out.append("]")
            else:
                out.append(original[i])
                i += 1
        core = "".join(out)
    else:
        core = core.replace(_OPEN, "[").replace(_CLOSE, "]")
    core = _SPACE_RE.sub(" ", core).strip()
    return ("…" if lead else "") + core + ("…" if trail else "")


def _same_name(a: str, b: str) -> bool:
    return fold(a).casefold().strip() == fold(b).casefold().strip()


def province_sources(conn: sqlite3.Connection, province: str) -> list[str]:
    """Ids of the sources in a province, however the province is typed (Điện Biên, dien bien)."""
    rows = conn.execute("SELECT id, province FROM sources WHERE province IS NOT NULL")
    return [sid for sid, name in rows if _same_name(name, province)]


def matching_categories(conn: sqlite3.Connection, category: str) -> list[str]:
    """Stored category names equal to ``category`` up to case and diacritics.

    Walks the distinct values of the category index with one seek each, so it costs the
    number of categories, not the number of articles.
    """
    rows = conn.execute(
        "WITH RECURSIVE c(name) AS ("
        " SELECT min(category) FROM articles"
        " UNION ALL SELECT (SELECT min(category) FROM articles WHERE category > c.name)"
        " FROM c WHERE c.name IS NOT NULL) "
        "SELECT name FROM c WHERE name IS NOT NULL"
    )
    return [name for (name,) in rows if _same_name(name, category)]


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
    if source:
        where.append("a.source = ?")
        params.append(source)
    if province:
        ids = province_sources(conn, province)
        where.append(f"a.source IN ({', '.join('?' for _ in ids) or 'NULL'})")
        params.extend(ids)
    if category:
        names = matching_categories(conn, category)
        where.append(f"a.category IN ({', '.join('?' for _ in names) or 'NULL'})")
        params.extend(names)
    if since_day:
        where.append("a.published_day >= ?")
        params.append(since_day)
    if until_day:
        where.append("a.published_day <= ?")
        params.append(until_day)
    marks = f"'{_OPEN}', '{_CLOSE}', '{_ELLIPSIS}', {SNIPPET_TOKENS}"
    snippets = (
        f"snippet({FTS_TABLE}, 1, {marks}), snippet({FTS_TABLE}, 3, {marks}), "
        f"snippet({FTS_TABLE}, 5, {marks}), "
        f"highlight({FTS_TABLE}, 0, '{_OPEN}', '{_CLOSE}'), "
        f"highlight({FTS_TABLE}, 2, '{_OPEN}', '{_CLOSE}'), "
        f"highlight({FTS_TABLE}, 4, '{_OPEN}', '{_CLOSE}'), "
        f"{FTS_TABLE}.text, {FTS_TABLE}.text_new, {FTS_TABLE}.text_fold, "
        f"{FTS_TABLE}.title, {FTS_TABLE}.title_new, {FTS_TABLE}.title_fold"
    )
    filters = f" AND {' AND '.join(where)}" if where else ""
    join = f" JOIN articles a ON a.id = {FTS_TABLE}.rowid" if where else ""
    # No filters: FTS5 sorts by rank itself ("rank MATCH" sets this query's weights).
    ranked_sql = (
        f"SELECT rowid, rank FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH ? AND rank MATCH ? ORDER BY rank LIMIT ?"
    )
    # The newest `window` matches: the window's lowest rowid, then bm25 over rowid >= it
    # (FTS5 seeks to the range; its rank-sorted path would score every match).  With filters
    # bm25 is computed only for rows that pass them.
    floor_sql = (
        f"SELECT {FTS_TABLE}.rowid FROM {FTS_TABLE}{join} WHERE {FTS_TABLE} MATCH ?{filters} "
        f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT 1 OFFSET ?"
    )
    windowed_sql = (
        f"SELECT {FTS_TABLE}.rowid, {BM25_EXPR} AS score FROM {FTS_TABLE}{join} "
        f"WHERE {FTS_TABLE} MATCH ?{filters} AND {FTS_TABLE}.rowid >= ? ORDER BY score LIMIT ?"
    )
    want = int(limit)
    # Unmarked words: rank exact spellings first among the best candidates; several words:
    # articles where they stand together as a phrase ("Điện Biên") before scattered ones.
    rerank = parsed.has_unmarked or parsed.phrase is not None
    pool = max(want * 5, 100) if rerank else want
    try:
        floor = None
        if rank_window:
            window = max(int(rank_window), want)
            floor = conn.execute(floor_sql, [fts, *params, window - 1]).fetchone()
        if floor is not None:  # more matches than the window: rank the newest ones
            ranked = conn.execute(windowed_sql, [fts, *params, floor[0], pool]).fetchall()
        elif where:
            ranked = conn.execute(windowed_sql, [fts, *params, 0, pool]).fetchall()
        else:
            ranked = conn.execute(ranked_sql, [fts, BM25_CONFIG, pool]).fetchall()
        if not ranked:
            return []
        if rerank:
            ids = [r[0] for r in ranked]
            texts = {
                rid: (title, text)
                for rid, title, text in conn.execute(
                    f"SELECT rowid, title, text FROM {FTS_TABLE} "
                    f"WHERE rowid IN ({', '.join('?' for _ in ids)})",
                    ids,
                )
            }

            def tier(rid: int) -> tuple[bool, bool, bool]:
                title, text = texts.get(rid, (None, None))
                exact = parsed.has_unmarked and parsed.spelled_exactly(title, text)
                return (not exact, not parsed.phrase_in(title), not parsed.phrase_in(text))

            # sorted() is stable: within a tier the bm25 order stands.
            ranked = sorted(ranked, key=lambda r: tier(r[0]))
        ranked = ranked[:want]
        ids = [r[0] for r in ranked]
        snips = {
            r[0]: r[1:]
            for r in conn.execute(
                f"SELECT rowid, {snippets} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? "
                f"AND rowid IN ({', '.join('?' for _ in ids)})",
                [fts, *ids],
            )
        }
    except sqlite3.OperationalError as exc:  # should not happen: every term is quoted
        raise QueryError(f"the search index could not run this query: {exc}") from None
    rows = [(rid, score, *snips[rid]) for rid, score in ranked if rid in snips]
    return _hits(conn, rows)


def _hits(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> list[SearchHit]:
    ids = [r[0] for r in rows]
    qmarks = ", ".join("?" for _ in ids)
    articles = {
        a[0]: a
        for a in conn.execute(
            "SELECT a.id, a.url, a.source, a.title, a.published, a.sapo, a.body, "
            "(SELECT json_group_array(text) FROM (SELECT text FROM captions c "
            " WHERE c.article_id = a.id ORDER BY position)) "
            f"FROM articles a WHERE a.id IN ({qmarks})",
            ids,
        )
    }
    hits = []
    for r in rows:
        a = articles.get(r[0])
        if a is None:
            continue
        original = article_text(a[5], a[6], json.loads(a[7] or "[]"))
        title = a[3] or ""
        candidates = [
            (r[2], r[8], original),
            (r[3], r[9], original),
            (r[4], r[10], original),
            (r[5], r[11], title),
            (r[6], r[12], title),
            (r[7], r[13], title),
        ]
        snip, column, source_text = next(
            ((s, c, o) for s, c, o in candidates if s and _OPEN in s), candidates[0]
        )
        hits.append(
            SearchHit(
                article_id=r[0],
                url=a[1],
                source=a[2],
                title=a[3],
                published=a[4],
                snippet=_restore_snippet(snip or "", column, source_text),
                rank=float(r[1]),
            )
        )
    return hits
