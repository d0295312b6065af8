"""Datasette plugin hooks for the archive (loaded from ``--plugins-dir``).

Thin: each hook hands over to a module of ``newsarchive.web``, where the logic is typed and
tested.  Registers the SQL functions, the table config, the table search (``tablesearch``),
the reader facets and filters, the relevance-ranked search page, and the data behind the
home and article pages.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from datasette import hookimpl
from datasette.utils import urlsafe_components
from markupsafe import Markup, escape

from newsarchive.archive import register_functions
from newsarchive.web import pages
from newsarchive.web.chart import monthly_chart_svg
from newsarchive.web.config import DATABASE_NAME, STATIC_MOUNT, config_metadata
from newsarchive.web.facets import FACET_CLASSES, filters_for_request
from newsarchive.web.search import MARK_CLOSE, MARK_OPEN, search_match, vi_snippet
from newsarchive.web.tablesearch import nocount_for_searches, search_filters
from newsarchive.web.text import paragraphs, safe_url
from newsarchive.web.views import search_view

#: Read the archive through mmap: a search on a large archive touches many scattered rows, and
#: mapped pages skip a copy per page read (measured: searches 30-40 % faster at 100k rows).
MMAP_BYTES = 2**31


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.execute(f"pragma mmap_size = {MMAP_BYTES}")
    register_functions(conn)
    conn.create_function("search_match", 1, search_match, deterministic=True)
    conn.create_function("vi_snippet", 2, vi_snippet, deterministic=True)


@hookimpl
def get_metadata(
    datasette: Any, key: str, database: str | None, table: str | None
) -> dict[str, Any]:
    # Table options and canned queries from datasette.yaml (Datasette 0.65 reads them as metadata).
    return config_metadata()


@hookimpl
def register_facet_classes() -> list[type]:
    return list(FACET_CLASSES)


@hookimpl(trylast=True)  # last, so its search context overrides Datasette's own (no fts_table)
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    if database != DATABASE_NAME:
        return None

    async def inner() -> Any:
        searched = await search_filters(request, datasette, database, table)
        reader = filters_for_request(request, table)
        if reader is None:
            return searched
        if searched is not None:
            reader.where_clauses = searched.where_clauses + reader.where_clauses
            reader.params = {**searched.params, **reader.params}
            reader.human_descriptions = searched.human_descriptions + reader.human_descriptions
            reader.extra_context = {**searched.extra_context, **reader.extra_context}
        return reader

    return inner


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/(?P<database>[^/]+)/-/search$", search_view)]


@hookimpl
def extra_css_urls() -> list[str]:
    return [f"/{STATIC_MOUNT}/newsarchive.css"]


def _marked(snippet: str | None) -> Markup:
    """Escape a snippet, then turn its match markers into <mark> elements."""
    text = str(escape(snippet or ""))
    return Markup(text.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


def _cells(row: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A table-page row (list of cells) keyed by column name."""
    return {cell["column"]: cell for cell in row}


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters["paragraphs"] = paragraphs
    env.filters["safe_url"] = safe_url
    env.filters["marked"] = _marked
    env.filters["cells"] = _cells
    env.globals["monthly_chart"] = monthly_chart_svg


@hookimpl
def extra_template_vars(
    view_name: str, database: str | None, table: str | None, request: Any, datasette: Any
) -> Any:
    async def inner() -> dict[str, Any]:
        if DATABASE_NAME not in datasette.databases:
            return {}
        db = datasette.get_database(DATABASE_NAME)
        if view_name == "index":
            return {"papers": await pages.papers(db)}
        if view_name == "row" and database == DATABASE_NAME and table == "articles":
            pks = urlsafe_components(request.url_vars["pks"])
            return {"page": await pages.article_page(db, pks[0])}
        return {}

    return inner


@hookimpl
def asgi_wrapper() -> Any:
    return nocount_for_searches
