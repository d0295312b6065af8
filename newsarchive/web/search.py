"""Reader search for the web: typed query -> safe FTS5 expression, ranked results, snippets.

Datasette's own ``?_search=`` keeps working on the articles table (newest first); this module
backs ``/archive/-/search``, which orders by bm25 and shows where the words were found, in the
original Vietnamese text even when the query was typed without tone marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newsarchive.web.text import word_matches, words

#: bm25 weights in FTS column order (title, text, title_new, text_new, title_fold, text_fold):
#: a hit in the headline counts eight times a hit in the text.
BM25 = "bm25(articles_fts, 8.0, 1.0, 8.0, 1.0, 8.0, 1.0)"
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


@dataclass
class ParsedQuery:
    """A reader's query: phrases that must appear, phrases that must not, prefix words."""

    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    prefixes: set[str] = field(default_factory=set)

    def terms(self) -> list[str]:
        """Every word to highlight."""
        return [w for phrase in self.include for w in phrase.split()]

    def fts(self) -> str | None:
        """The FTS5 MATCH expression, or None when nothing searchable was typed."""
        if not self.include:
            return None

        def quote(phrase: str) -> str:
            return f'"{phrase}"' + ("*" if phrase in self.prefixes else "")

        expr = " ".join(quote(p) for p in self.include)
        for phrase in self.exclude:
            expr = f"({expr}) NOT {quote(phrase)}"
        return expr


def parse_query(query: str | None) -> ParsedQuery:
    """Words and "quoted phrases"; ``-word`` excludes, ``word*`` is a prefix.

    Never raises: quotes are balanced, operators and punctuation dropped, so malformed input
    (``"Điện Biên"!``, a bare ``-``, ``AND`` alone) becomes a plain word search or nothing.
    """
    parsed = ParsedQuery()
    for minus, quoted, bare in _TOKEN.findall(query or ""):
        negate = bool(minus)
        text = quoted
        prefix = False
        if bare:
            if bare in OPERATORS:
                continue
            negate = bare.startswith("-") and len(bare) > 1
            prefix = bare.endswith("*")
            text = bare
        phrase = " ".join(_WORD.findall(text))
        if not phrase:
            continue
        if prefix and " " not in phrase:
            parsed.prefixes.add(phrase)
        (parsed.exclude if negate else parsed.include).append(phrase)
    if not parsed.include:  # "-x" alone: search for nothing rather than everything
        parsed.exclude.clear()
    return parsed


def search_match(query: str | None) -> str:
    """SQL function ``search_match(:q)``: a MATCH expression that is always valid.

    An empty query gives ``""``, which matches no row.
    """
    return parse_query(query).fts() or '""'


def highlight(
    text: str | None,
    query: str | ParsedQuery,
    *,
    width: int = 30,
    before: int = 8,
    marks: tuple[str, str] = ("[", "]"),
) -> str:
    """A window of about ``width`` words around the first match, matched words marked.

    Matching follows the index: unmarked terms match every marked variant, marked terms match
    either tone-mark style.  Without a match the text's opening words are returned.
    """
    if not text:
        return ""
    parsed = parse_query(query) if isinstance(query, str) else query
    terms = parsed.terms()
    found = words(text)
    if not found:
        return ""
    hits = [i for i, m in enumerate(found) if any(word_matches(m.group(), t) for t in terms)]
    start = max(0, hits[0] - before) if hits else 0
    end = min(len(found), start + width)
    hit_set = set(hits)
    pieces: list[str] = []
    cursor = found[start].start()
    for i in range(start, end):
        m = found[i]
        pieces.append(text[cursor : m.start()])
        pieces.append(f"{marks[0]}{m.group()}{marks[1]}" if i in hit_set else m.group())
        cursor = m.end()
    snippet = " ".join("".join(pieces).split())
    if start > 0:
        snippet = "… " + snippet
    if end < len(found):
        snippet += " …"
    return snippet


def vi_snippet(text: object, query: object) -> str | None:
    """SQL function ``vi_snippet(text, :q)`` for canned queries: matches in [brackets]."""
    if not isinstance(text, str):
        return None
    return highlight(text, query if isinstance(query, str) else "")


@dataclass
class SearchPage:
    """One page of ranked results plus the numbers around it."""

    query: str
    match: str | None
    hits: list[dict[str, Any]]
    total: int | None
    papers: list[dict[str, Any]]
    page: int
    per_page: int
    error: str | None = None

    @property
    def has_next(self) -> bool:
        if self.total is not None:
            return self.page * self.per_page < self.total
        return len(self.hits) == self.per_page


def filter_sql(filters: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """Extra WHERE terms for the search page's paper / province / year filters."""
    from newsarchive.web.facets import month_range, year_range

    where = ""
    params: dict[str, Any] = {}
    if filters.get("source"):
        where += " and a.source = :source"
        params["source"] = filters["source"]
    if filters.get("province"):
        where += " and a.source in (select id from sources where province = :province)"
        params["province"] = filters["province"]
    for key, make_range in (("year", year_range), ("month", month_range)):
        if filters.get(key):
            bounds = make_range(filters[key]) or ("9999", "0000")
            where += f" and a.published_day >= :{key}_from and a.published_day < :{key}_to"
            params[f"{key}_from"], params[f"{key}_to"] = bounds
    return where, params


def results_sql(where: str) -> str:
    return (
        "select a.id, a.title, a.published, a.author, a.source, s.name as paper, s.province,"
        f" a.sapo, a.body, {BM25} as rank"
        " from articles_fts join articles a on a.id = articles_fts.rowid"
        " left join sources s on s.id = a.source"
        f" where articles_fts match :match{where}"
        " order by rank limit :limit offset :offset"
    )


def count_sql(where: str) -> str:
    if not where:
        return "select count(*) from articles_fts where articles_fts match :match"
    return (
        "select count(*) from articles_fts join articles a on a.id = articles_fts.rowid"
        f" where articles_fts match :match{where}"
    )


def papers_sql(where: str) -> str:
    return (
        "select a.source as source, s.name as paper, count(*) as count"
        " from articles_fts join articles a on a.id = articles_fts.rowid"
        " left join sources s on s.id = a.source"
        f" where articles_fts match :match{where}"
        " group by a.source order by count desc limit 15"
    )
