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
from datetime import date, timedelta
from typing import Any

from newsarchive.archive.fts import (
    BM25_WEIGHTS,
    EXACT_COLUMNS,
    FTS_TABLE,
    article_text,
    category_token,
    day_token,
    has_facets,
    month_token,
    source_token,
    year_token,
)
from newsarchive.vietnamese import fold, to_style

MAX_TERMS = 64
SNIPPET_TOKENS = 16
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
    match the exact columns.  Its old-style spelling alone finds every article with the word
    in either style, because the old-style columns hold every word in old style; the
    new-style spelling would find the same articles through the new-style columns at the
    cost of a second doclist (bm25 reads every phrase's whole doclist for its IDF, 5-8 ms at
    a million articles).  search() weighs the old-style columns for both styles, so a marked
    word now scores as an unmarked one always did: one phrase, both styles' weight (before,
    it counted as two phrases).  A prefix keeps both spellings: ``hoà*`` also starts
    ``hoàng``, which ``hòa*`` does not.  An unmarked word matches everywhere,
    the folded columns included.  ``exact`` (used to rank exact spellings first) keeps an
    unmarked word to the exact columns.  Column filters cost FTS5 position decoding, so they
    are used only where they change the result.
    """
    if _has_marks(term.tokens):
        phrase = " ".join(term.tokens)
        variants = []
        for style in ("old", "new") if term.prefix else ("old",):
            v = _quote(to_style(phrase, style).split(" "), term.prefix)
            if v not in variants:
                variants.append(v)
        return variants[0] if len(variants) == 1 else "(" + " OR ".join(variants) + ")"
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


def _month_end(d: date) -> date:
    return date(d.year, 12, 31) if d.month == 12 else date(d.year, d.month + 1, 1) - _ONE_DAY


def day_cover(first: date, last: date) -> list[str]:
    """Facet tokens covering the days first..last: whole years and whole months where they
    fit, single days only at the ragged ends (at most ~90 tokens, usually a handful)."""
    tokens: list[str] = []
    d = first
    try:
        while d <= last:
            if d.month == 1 and d.day == 1 and date(d.year, 12, 31) <= last:
                tokens.append(year_token(d.year))
                d = date(d.year + 1, 1, 1)
            elif d.day == 1 and _month_end(d) <= last:
                tokens.append(month_token(d.year, d.month))
                d = _month_end(d) + _ONE_DAY
            else:
                tokens.append(day_token(d.isoformat()))
                d += _ONE_DAY
    except (OverflowError, ValueError):  # ran past 9999-12-31
        pass
    return tokens


def _date_tokens(
    conn: sqlite3.Connection, since_day: str | None, until_day: str | None
) -> list[str] | None:
    """The facet tokens for a published-day range; None when the archive's own dates cannot be
    read as days (then the filter is applied to the article rows instead)."""
    lo, hi = conn.execute(
        "SELECT (SELECT min(published_day) FROM articles), "
        "(SELECT max(published_day) FROM articles)"
    ).fetchone()
    if lo is None:
        return []  # no article has a published day: none can pass a date filter
    try:
        first = date.fromisoformat(since_day) if since_day else date(int(lo[:4]), 1, 1)
        last = date.fromisoformat(until_day) if until_day else date(int(hi[:4]), 12, 31)
    except ValueError:
        return None
    if first > last:
        return []
    return day_cover(first, last)


def _facet_match(groups: list[list[str]]) -> str:
    """AND of OR-groups of facet tokens (which hold only letters, digits and the mark)."""
    parts = []
    for tokens in groups:
        alts = " OR ".join(f'"{t}"' for t in tokens)
        parts.append(f"({alts})" if len(tokens) > 1 else alts)
    return " AND ".join(parts)


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
    value_filters = []
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
        days = _date_tokens(conn, since_day, until_day) if faceted else None
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
            match = f"({fts}) AND {_facet_match(groups)}" if groups else fts
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
                f"SELECT rowid, {_SNIPPETS_FOLD if fold_too else _SNIPPETS} FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH ?{by_range if has_prefix else ' AND ' + in_ids}",
                [fts, *((min(ids), max(ids)) if has_prefix else ()), *ids],
            )
        }
    except sqlite3.OperationalError as exc:  # should not happen: every term is quoted
        raise QueryError(f"the search index could not run this query: {exc}") from None
    rows = [(rid, score, *snips[rid]) for rid, score in ranked if rid in snips]
    # Facets only narrow the search: each hit is checked against its article row as well.
    return _hits(conn, rows, where if faceted else [], params if faceted else [])


_ONE_DAY = timedelta(days=1)
_MARKS = f"'{_OPEN}', '{_CLOSE}', '{_ELLIPSIS}', {SNIPPET_TOKENS}"
# Snippet sources, best first: the old-style text holds every marked term's match (a marked
# word is looked up in old style there, see term_expression), the folded text every unmarked
# term's; the headlines when the text has no match.  The new-style columns would repeat the
# old-style ones.
_SNIPPETS = (
    f"snippet({FTS_TABLE}, 1, {_MARKS}), {FTS_TABLE}.text, "
    f"highlight({FTS_TABLE}, 0, '{_OPEN}', '{_CLOSE}'), {FTS_TABLE}.title"
)
_SNIPPETS_FOLD = (
    f"{_SNIPPETS}, snippet({FTS_TABLE}, 5, {_MARKS}), {FTS_TABLE}.text_fold, "
    f"highlight({FTS_TABLE}, 4, '{_OPEN}', '{_CLOSE}'), {FTS_TABLE}.title_fold"
)
_NEWEST_SQL = (
    f"SELECT rowid, {BM25_EXPR} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? "
    "ORDER BY rowid DESC LIMIT ?"
)
# Every match ranked: FTS5 sorts by rank itself ("rank MATCH" sets this query's weights).
_RANKED_SQL = (
    f"SELECT rowid, rank FROM {FTS_TABLE} "
    f"WHERE {FTS_TABLE} MATCH ? AND rank MATCH ? ORDER BY rank LIMIT ?"
)


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
                if _has_marks(term.tokens):
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


def _hits(
    conn: sqlite3.Connection,
    rows: list[tuple[Any, ...]],
    where: list[str] | None = None,
    params: list[object] | None = None,
) -> list[SearchHit]:
    ids = [r[0] for r in rows]
    qmarks = ", ".join("?" for _ in ids)
    check = "".join(f" AND {w}" for w in where or [])
    articles = {
        a[0]: a
        for a in conn.execute(
            "SELECT a.id, a.url, a.source, a.title, a.published, a.sapo, a.body, "
            "(SELECT json_group_array(text) FROM (SELECT text FROM captions c "
            " WHERE c.article_id = a.id ORDER BY position)) "
            f"FROM articles a WHERE a.id IN ({qmarks}){check}",
            [*ids, *(params or [])],
        )
    }
    hits = []
    for r in rows:
        a = articles.get(r[0])
        if a is None:
            continue
        original = article_text(a[5], a[6], json.loads(a[7] or "[]"))
        title = a[3] or ""
        # (snippet, indexed column it was cut from, original text): see _SNIPPETS
        candidates = [(r[2], r[3], original), (r[4], r[5], title)]
        if len(r) > 6:
            candidates[1:1] = [(r[6], r[7], original)]
            candidates.append((r[8], r[9], title))
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
