"""Search for the web pages, in the same query language and ranking as `newsarchive search`.

The archive parses queries (words, "phrases", word*, -word, OR; marks or no marks) and ranks
hits (exact spellings first, bm25 among the newest matches); this module adds what pages need:
an SQL function that never fails for canned queries, and snippets that show the original
Vietnamese text with the matched words marked, even when the query was typed without marks.
"""

from __future__ import annotations

from newsarchive.archive.search import QueryError, parse_query, to_fts_query
from newsarchive.web.text import MARK_CLOSE, MARK_OPEN, word_matches, words

__all__ = ["MARK_CLOSE", "MARK_OPEN", "highlight", "query_terms", "search_match", "vi_snippet"]


def search_match(query: object) -> str:
    """SQL function ``search_match(:q)``: the archive's MATCH expression, always valid.

    Input with nothing to search for (empty, only punctuation or operators) gives ``""``,
    which matches no row, instead of an error.
    """
    try:
        return to_fts_query(query if isinstance(query, str) else "")
    except QueryError:
        return '""'


def query_terms(query: str) -> list[str]:
    """The words a query looks for (exclusions left out), for highlighting."""
    try:
        parsed = parse_query(query)
    except QueryError:
        return []
    return [tok for group in parsed.groups for term in group for tok in term.tokens]


def highlight(
    text: str | None,
    query: str | list[str],
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
    terms = query_terms(query) if isinstance(query, str) else query
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
