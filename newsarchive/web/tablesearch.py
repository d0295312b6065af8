"""``?_search=`` on the articles table, done by this plugin so a large archive stays fast.

Datasette's own table search writes ``id in (select rowid from articles_fts where ...)``, reads
every matching article row to sort by date, and counts them all again: on 1M articles a
search matching 80,000 takes over a second, one matching 700,000 several.  This module keeps
the same URL and the same query syntax (Datasette's escaping, ``_searchmode=raw``,
``_search_<column>``) and changes only how SQLite is asked:

* it counts the matches in the index first (milliseconds: one FTS row per article);
* for a broad search sorted by date it writes ``+id in (...)``: the unary plus makes SQLite
  walk the ``published_day`` index from the newest day and stop after one page, instead of
  reading every match and sorting them;
* the HTML page shows that index count (``_nocount``), so Datasette does not count again.
  JSON and CSV keep Datasette's own count.
"""

from __future__ import annotations

import re
import time
import urllib.parse
from typing import TYPE_CHECKING, Any

from datasette.database import QueryInterrupted
from datasette.filters import FilterArguments
from datasette.utils import escape_fts, escape_sqlite, sqlite3
from datasette.utils.asgi import BadRequest

from newsarchive.archive.fts import FTS_COLUMNS, FTS_TABLE
from newsarchive.web.config import DATABASE_NAME, FILTER_ARGS, table_config
from newsarchive.web.pages import file_stamp

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.utils.asgi import Request

    ASGIApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]

#: Above this many matches a date-sorted page walks the date index (see the module docstring).
WALK_THRESHOLD = 20_000
#: The marker the facet pass looks for to read matches by id again (see facets.py).
WALK_CLAUSE = "+id in (select rowid from articles_fts"
SEEK_CLAUSE = "id in (select rowid from articles_fts"
DATE_SORTS = (None, "", "published_day", "published")
TABLE_PAGE = re.compile(rf"^/{DATABASE_NAME}/articles/?$")
_counts: dict[tuple[str, str, tuple[float, ...]], tuple[float, int]] = {}
COUNT_TTL = 60.0


async def fts_count(db: Database, match: str) -> int | None:
    """Rows of the index matching an FTS5 expression; None on a syntax error or timeout."""
    key = (db.path or db.name, match, file_stamp(db.path))
    now = time.monotonic()
    if key in _counts and now - _counts[key][0] < COUNT_TTL:
        return _counts[key][1]
    try:
        rows = await db.execute(
            f"select count(*) from {FTS_TABLE} where {FTS_TABLE} match :match",
            {"match": match},
            custom_time_limit=1000,
        )
    except (QueryInterrupted, sqlite3.OperationalError):
        return None
    if len(_counts) > 512:
        _counts.clear()
    _counts[key] = (now, int(rows.first()[0]))
    return _counts[key][1]


def _raw_mode(request: Request) -> bool:
    mode = str(request.args.get("_searchmode") or "")
    if mode in ("raw", "escaped"):
        return mode == "raw"
    return bool(table_config("articles").get("searchmode") == "raw")


async def search_filters(
    request: Request, datasette: Datasette, database: str, table: str
) -> FilterArguments | None:
    """The WHERE clause, description and page context for ``_search`` on the articles table."""
    if database != DATABASE_NAME or table != "articles" or request.args.get("_fts_table"):
        return None  # ?_fts_table= asks for Datasette's own search: leave it to Datasette
    db = datasette.get_database(DATABASE_NAME)
    raw = _raw_mode(request)
    where: list[str] = []
    params: dict[str, Any] = {}
    described: list[str] = []
    context: dict[str, Any] = {"supports_search": True, "search": "", "search_total": None}
    search = request.args.get("_search")
    if search:
        match = search if raw else escape_fts(search)
        total = await fts_count(db, match)
        sort = request.args.get("_sort") or request.args.get("_sort_desc")
        walk = total is not None and total > WALK_THRESHOLD and sort in DATE_SORTS
        clause = WALK_CLAUSE if walk else SEEK_CLAUSE
        match_sql = ":na_search" if raw else "escape_fts(:na_search)"
        where.append(f"{clause} where {FTS_TABLE} match {match_sql})")
        params["na_search"] = search
        described.append(f"khớp với «{search}»")
        context["search"] = search
        context["search_total"] = total
    for i, key in enumerate(k for k in request.args if k.startswith("_search_")):
        column = key[len("_search_") :]
        if column not in FTS_COLUMNS:
            raise BadRequest(f"Không tìm được theo cột «{column}»")
        text = request.args.get(key) or ""
        match_sql = f":na_search_{i}" if raw else f"escape_fts(:na_search_{i})"
        where.append(f"{SEEK_CLAUSE} where {escape_sqlite(column)} match {match_sql})")
        params[f"na_search_{i}"] = text
        described.append(f"cột {column} khớp với «{text}»")
        context["search"] = text
        context["search_total"] = None
    if _filtered(request.args.keys()) or len(where) > 1:
        context["search_total"] = None  # other filters: only the article rows can count
    if not where:
        return FilterArguments([], extra_context={"supports_search": True})
    return FilterArguments(
        where, params=params, human_descriptions=described, extra_context=context
    )


def _filtered(keys: Any) -> bool:
    """Column filters or reader facets selected: then only the article rows can count."""
    return any(not k.startswith("_") or k in FILTER_ARGS for k in keys)


def nocount_for_searches(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: add ``_nocount=1`` to HTML articles-page requests that only search.

    The page shows the index's count instead (``search_total``); with column filters the
    rows must be counted, so Datasette still does it.
    """

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") == "http" and TABLE_PAGE.match(scope.get("path", "")):
            query = scope.get("query_string", b"").decode("latin-1")
            pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
            keys = {k for k, _ in pairs}
            searching = any(k == "_search" and v for k, v in pairs)
            if searching and not _filtered(keys) and "_nocount" not in keys:
                scope = {**scope, "query_string": (query + "&_nocount=1").encode("latin-1")}
        await app(scope, receive, send)

    return wrapped
