"""The reader's search page, ``/archive/-/search``: ranked hits with snippets and filters.

Matching and ranking are the archive's own (:func:`newsarchive.archive.search.search`, the
same as `newsarchive search`), run on Datasette's read-only connection.
"""

from __future__ import annotations

import calendar
import urllib.parse
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from datasette.database import QueryInterrupted
from datasette.utils.asgi import NotFound, Response

from newsarchive.archive.search import RANK_WINDOW, QueryError, search, to_fts_query
from newsarchive.web.config import DATABASE_NAME
from newsarchive.web.photos import first_photos
from newsarchive.web.search import MARK_CLOSE, MARK_OPEN, highlight, query_terms

if TYPE_CHECKING:
    import sqlite3

    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.utils.asgi import Request

PER_PAGE = 20
MAX_PAGE = 50
FILTERS = ("source", "province", "year", "month")
#: Counting hits per paper reads every matching article; skip it for very broad searches.
PAPER_COUNT_LIMIT = 50_000


@dataclass
class SearchPage:
    """One page of hits plus the numbers around it."""

    query: str
    hits: list[dict[str, Any]] = field(default_factory=list)
    total: int | None = None
    papers: list[dict[str, Any]] = field(default_factory=list)
    page: int = 1
    per_page: int = PER_PAGE
    error: str | None = None
    has_next: bool = False

    @property
    def ranked_all(self) -> bool:
        """False when only the newest RANK_WINDOW matches were ranked."""
        return self.total is not None and self.total <= RANK_WINDOW


def _page_number(raw: str | None) -> int:
    try:
        return min(max(1, int(raw or "1")), MAX_PAGE)
    except ValueError:
        return 1


class FilterError(ValueError):
    """A filter value a reader typed that means nothing (``year=abc``); the message says so."""


def date_bounds(filters: dict[str, str]) -> tuple[str | None, str | None]:
    """``year=2024`` / ``month=2024-03`` as the archive's since/until days (inclusive).

    Raises FilterError, in Vietnamese, for a year or month that is not one.
    """
    from newsarchive.web.facets import bad_month, bad_year

    month, year = filters.get("month") or "", filters.get("year") or ""
    if month:
        problem = bad_month(month)
        if problem:
            raise FilterError(problem)
        y, m = int(month[:4]), int(month[5:7])
        last = calendar.monthrange(y, m)[1]
        return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{last:02d}"
    if year:
        problem = bad_year(year)
        if problem:
            raise FilterError(problem)
        return f"{year}-01-01", f"{year}-12-31"
    return None, None


#: The archive's query errors (English, for the command line) in the reader's words.
QUERY_ERRORS = (
    ("empty search", "Hãy gõ một vài từ để tìm."),
    ("only excludes words", "Câu tìm kiếm chỉ có từ bị loại trừ (-từ): hãy thêm ít nhất một từ "
                            "cần tìm."),
    ("no words to search for", "Không có từ nào để tìm: hãy gõ chữ hoặc số, không chỉ dấu câu "
                               "hay toán tử."),
    ("too many search terms", "Câu tìm kiếm có quá nhiều từ: hãy bớt đi."),
)


def reader_error(exc: Exception) -> str:
    message = str(exc)
    for needle, vietnamese in QUERY_ERRORS:
        if needle in message:
            return vietnamese
    return f"Không tìm được với câu này ({message})."


async def run_search(
    db: Database, query: str, filters: dict[str, str], page: int = 1, per_page: int = PER_PAGE
) -> SearchPage:
    """Hits for one page; the total and the per-paper counts only where they are cheap."""
    result = SearchPage(query, page=page, per_page=per_page)
    try:
        match = to_fts_query(query)
        since, until = date_bounds(filters)
    except (QueryError, FilterError) as exc:
        result.error = reader_error(exc) if isinstance(exc, QueryError) else str(exc)
        return result
    wanted = page * per_page + 1  # one more than shown, to know whether a next page exists

    def run(conn: sqlite3.Connection) -> list[Any]:
        return search(
            conn,
            query,
            source=filters.get("source") or None,
            province=filters.get("province") or None,
            since=since,
            until=until,
            limit=wanted,
        )

    try:
        found = await db.execute_fn(run)
    except QueryError as exc:
        result.error = reader_error(exc)
        return result
    result.has_next = len(found) == wanted
    shown = found[(page - 1) * per_page : page * per_page]
    result.hits = await _details(db, shown, query_terms(query))
    filtered = any(filters.values())
    if not filtered:
        try:
            counted = await db.execute(
                "select count(*) from articles_fts where articles_fts match :match",
                {"match": match},
                custom_time_limit=400,
            )
            result.total = counted.first()[0]
        except QueryInterrupted:
            return result
        if result.total <= PAPER_COUNT_LIMIT:
            try:
                by_paper = await db.execute(
                    "select a.source as source, s.name as paper, count(*) as count"
                    " from articles_fts join articles a on a.id = articles_fts.rowid"
                    " left join sources s on s.id = a.source"
                    " where articles_fts match :match group by a.source"
                    " order by count desc limit 15",
                    {"match": match},
                    custom_time_limit=400,
                )
                result.papers = [dict(r) for r in by_paper.rows]
            except QueryInterrupted:
                result.papers = []
    return result


async def _details(db: Database, hits: list[Any], terms: list[str]) -> list[dict[str, Any]]:
    """Paper, province, author and a snippet of the original text for each hit, in order."""
    if not hits:
        return []
    ids = [h.article_id for h in hits]
    params = {f"id{i}": article_id for i, article_id in enumerate(ids)}
    rows = await db.execute(
        "select a.id, a.title, a.published, a.author, a.source, s.name as paper, s.province,"
        " a.sapo, a.body from articles a left join sources s on s.id = a.source"
        f" where a.id in ({', '.join(':' + k for k in params)})",
        params,
    )
    by_id = {r["id"]: dict(r) for r in rows.rows}
    photos = await first_photos(db, ids) if await db.table_exists("media") else {}
    out = []
    for article_id in ids:
        hit = by_id.get(article_id)
        if hit is None:
            continue
        text = "\n".join(t for t in (hit.pop("sapo"), hit.pop("body")) if t)
        hit["snippet"] = highlight(text, terms, marks=(MARK_OPEN, MARK_CLOSE))
        hit["photo"] = photos.get(int(article_id))
        out.append(hit)
    return out


def _url(path: str, args: dict[str, Any]) -> str:
    clean = {k: v for k, v in args.items() if v not in (None, "")}
    return path + ("?" + urllib.parse.urlencode(clean) if clean else "")


async def search_view(datasette: Datasette, request: Request) -> Response:
    """GET /archive/-/search?q=...&source=&province=&year=&month=&page="""
    if request.url_vars.get("database") != DATABASE_NAME:
        raise NotFound("Chỉ tìm được trong kho lưu trữ")
    db = datasette.get_database(DATABASE_NAME)
    query = (request.args.get("q") or "").strip()
    filters = {k: (request.args.get(k) or "").strip() for k in FILTERS}
    page = _page_number(request.args.get("page"))
    result = await run_search(db, query, filters, page) if query else SearchPage(query)
    if not query:
        try:
            date_bounds(filters)
        except FilterError as exc:
            result.error = str(exc)
    path = request.path
    base_args: dict[str, Any] = {"q": query, **filters}
    context = {
        "database": DATABASE_NAME,
        "result": result,
        "query": query,
        "na_query": query,
        "filters": filters,
        "rank_window": RANK_WINDOW,
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
