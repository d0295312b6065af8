"""The SQLite archive: schema, articles with versions, Vietnamese-aware search, exports, WARC."""

from __future__ import annotations

from newsarchive.archive.fts import register_functions
from newsarchive.archive.search import QueryError, SearchHit, to_fts_query
from newsarchive.archive.store import Archive

__all__ = ["Archive", "QueryError", "SearchHit", "register_functions", "to_fts_query"]
