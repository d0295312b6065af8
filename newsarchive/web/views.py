"""The reader's search page, ``/archive/-/search``: relevance-ranked, with snippets and filters."""

from __future__ import annotations

import logging
import urllib.parse
from typing import TYPE_CHECKING, Any

from datasette.database import QueryInterrupted
from datasette.utils import sqlite3
from datasette.utils.asgi import NotFound, Response

from newsarchive.web.config import DATABASE_NAME
from newsarchive.web.search import (
    MARK_CLOSE,
    MARK_OPEN,
    SearchPage,
    count_sql,
    filter_sql,
    highlight,
    papers_sql,
    parse_query,
    results_sql,
)

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.utils.asgi import Request

logger = logging.getLogger(__name__)

PER_PAGE = 20
MAX_PAGE = 50
FILTERS = ("source", "province", "year", "month")


def _page_number(raw: str | None) -> int:
    try:
        return min(max(1, int(raw or "1")), MAX_PAGE)
    except ValueError:
        return 1


async def run_search(
    db: Database, query: str, filters: dict[str, str], page: int = 1, per_page: int = PER_PAGE
) -> SearchPage:
    """Ranked hits for one page; the total and per-paper counts are skipped if they run long."""
    parsed = parse_query(query)
    match = parsed.fts()
    result = SearchPage(query, match, [], None, [], page, per_page)
    if match is None:
        return result
    where, params = filter_sql(filters)
    params.update({"match": match, "limit": per_page, "offset": (page - 1) * per_page})
    try:
        rows = await db.execute(results_sql(where), params)
    except QueryInterrupted:
        result.error = "The search took too long. Add a word or pick a paper to narrow it."
        return result
    except sqlite3.OperationalError as exc:  # parse_query should make this unreachable
        logger.warning("search %r failed: %s", query, exc)
        result.error = "That search could not be understood. Try plain words."
        return result
    for row in rows.rows:
        hit = dict(row)
        text = "\n".join(t for t in (hit.pop("sapo"), hit.pop("body")) if t)
        hit["snippet"] = highlight(text, parsed, marks=(MARK_OPEN, MARK_CLOSE))
        result.hits.append(hit)
    try:
        counted = await db.execute(count_sql(where), params, custom_time_limit=400)
        result.total = counted.first()[0]
    except QueryInterrupted:
        result.total = None
    if not filters.get("source"):
        try:
            by_paper = await db.execute(papers_sql(where), params, custom_time_limit=400)
            result.papers = [dict(r) for r in by_paper.rows]
        except QueryInterrupted:
            result.papers = []
    return result


def _url(path: str, args: dict[str, Any]) -> str:
    clean = {k: v for k, v in args.items() if v not in (None, "")}
    return path + ("?" + urllib.parse.urlencode(clean) if clean else "")


async def search_view(datasette: Datasette, request: Request) -> Response:
    """GET /archive/-/search?q=...&source=&province=&year=&month=&page="""
    if request.url_vars.get("database") != DATABASE_NAME:
        raise NotFound("Search is available for the archive database only")
    db = datasette.get_database(DATABASE_NAME)
    query = (request.args.get("q") or "").strip()
    filters = {k: request.args.get(k) or "" for k in FILTERS}
    page = _page_number(request.args.get("page"))
    result = await run_search(db, query, filters, page)
    path = request.path
    base_args: dict[str, Any] = {"q": query, **filters}
    context = {
        "database": DATABASE_NAME,
        "result": result,
        "query": query,
        "filters": filters,
        "mark_open": MARK_OPEN,
        "mark_close": MARK_CLOSE,
        "next_url": _url(path, {**base_args, "page": page + 1}) if result.has_next else None,
        "prev_url": _url(path, {**base_args, "page": page - 1}) if page > 1 else None,
        "table_url": _url(
            datasette.urls.table(DATABASE_NAME, "articles"),
            {"_search": query, "_sort_desc": "published_day"},
        ),
        "paper_urls": {
            p["source"]: _url(path, {**base_args, "source": p["source"]}) for p in result.papers
        },
        "clear_urls": {k: _url(path, {**base_args, k: ""}) for k in FILTERS if filters[k]},
    }
    html = await datasette.render_template(
        "newsarchive-search.html", context, request=request, view_name="newsarchive_search"
    )
    return Response.html(html)
