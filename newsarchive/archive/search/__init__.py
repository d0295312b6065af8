"""Full-text search over the Vietnamese-aware index, split by job.

- :mod:`.query`: the query language (a user's words -> an FTS5 MATCH expression);
- :mod:`.filters`: dates, provinces and categories as people type them, and facet tokens;
- :mod:`.ranking`: bm25 ranking with exact spellings and phrases first (:func:`search`);
- :mod:`.snippets`: hits with the match marked, in the page's own spelling.
"""

from __future__ import annotations

from newsarchive.archive.search.filters import (
    day_cover,
    matching_categories,
    parse_day,
    province_sources,
)
from newsarchive.archive.search.query import (
    MAX_TERMS,
    ParsedQuery,
    QueryError,
    parse_query,
    to_fts_query,
)
from newsarchive.archive.search.ranking import BM25_EXPR, RANK_WINDOW, search
from newsarchive.archive.search.snippets import SNIPPET_TOKENS, SearchHit

__all__ = [
    "BM25_EXPR",
    "MAX_TERMS",
    "RANK_WINDOW",
    "SNIPPET_TOKENS",
    "ParsedQuery",
    "QueryError",
    "SearchHit",
    "day_cover",
    "matching_categories",
    "parse_day",
    "parse_query",
    "province_sources",
    "search",
    "to_fts_query",
]
