"""Datasette plugin hooks for the archive (the package's ``datasette`` entry point).

Thin: each hook hands over to a module of ``newsarchive.web``, where the logic is typed and
tested.  Registers the SQL functions, the table config, the table search (``tablesearch``),
the reader facets and filters, the relevance-ranked search page, the photo routes, and the
data behind the home, table and article pages.  Datasette loads this module while it imports
itself, so everything beyond ``hookimpl`` is imported inside the hooks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from datasette import hookimpl as _hookimpl

from newsarchive.web.config import DATABASE_NAME, PLUGIN_NAME, config_metadata

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

_Hook = TypeVar("_Hook", bound="Callable[..., Any]")


def hookimpl(function: _Hook) -> _Hook:
    """Datasette's hookimpl marker, typed (Datasette ships no type hints)."""
    return cast("_Hook", _hookimpl(function))


def hookimpl_last(function: _Hook) -> _Hook:
    """Run after other plugins' implementations of the hook (``trylast``)."""
    return cast("_Hook", _hookimpl(trylast=True)(function))


#: Read the archive through mmap: a search on a large archive touches many scattered rows, and
#: mapped pages skip a copy per page read (measured: searches 30-40 % faster at 100k rows).
MMAP_BYTES = 2**31


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    from newsarchive.archive import register_functions
    from newsarchive.web.search import search_match, vi_snippet

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
    from newsarchive.web.facets import FACET_CLASSES

    return list(FACET_CLASSES)


@hookimpl_last  # last, so its search context overrides Datasette's own (no fts_table)
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    if database != DATABASE_NAME:
        return None

    async def inner() -> Any:
        from newsarchive.web.facets import filters_for_request
        from newsarchive.web.tablesearch import search_filters

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
    from newsarchive.web.photos import photo_view
    from newsarchive.web.views import search_view

    return [
        (r"^/(?P<database>[^/]+)/-/search$", search_view),
        (r"^/(?P<database>[^/]+)/-/photo/(?P<media_id>\d+)(?P<thumb>/thumb)?$", photo_view),
    ]


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.static_plugins(PLUGIN_NAME, "newsarchive.css")]


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    from newsarchive.web import labels
    from newsarchive.web.chart import monthly_small_multiples
    from newsarchive.web.dates import date_source, reader_date, reader_month, short_date
    from newsarchive.web.text import (
        cells,
        marked,
        paragraphs,
        photo_credit,
        photo_reason,
        safe_url,
    )

    env.filters["paragraphs"] = paragraphs
    env.filters["safe_url"] = safe_url
    env.filters["marked"] = marked
    env.filters["cells"] = cells
    env.filters["vi_date"] = reader_date
    env.filters["short_date"] = short_date
    env.filters["vi_month"] = reader_month
    env.filters["date_source"] = date_source
    env.filters["photo_credit"] = photo_credit
    env.filters["photo_reason"] = photo_reason
    env.filters["vi_number"] = labels.number
    env.globals["vi_number"] = labels.number
    env.globals["monthly_chart"] = monthly_small_multiples
    env.globals["vi"] = labels.label
    env.globals["vi_column"] = labels.column
    env.globals["vi_table"] = labels.table
    env.globals["vi_lookup"] = labels.lookup


@hookimpl
def extra_template_vars(
    view_name: str, database: str | None, table: str | None, request: Any, datasette: Any
) -> Any:
    async def inner() -> dict[str, Any]:
        from newsarchive.web import pages
        from newsarchive.web.photos import first_photos

        if DATABASE_NAME not in datasette.databases:
            return {}
        db = datasette.get_database(DATABASE_NAME)
        if view_name == "index":
            return {"papers": await pages.papers(db)}
        if database != DATABASE_NAME:
            return {}
        if view_name == "row" and table == "articles":
            from datasette.utils import urlsafe_components

            pks = urlsafe_components(request.url_vars["pks"])
            return {"page": await pages.article_page(db, pks[0])}
        if view_name == "table" and table == "articles":

            async def photos_for(ids: list[Any]) -> dict[int, dict[str, Any]]:
                return await first_photos(db, ids)

            return {"photos_for": photos_for, "paper_names": await pages.paper_names(db)}
        return {}

    return inner


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str | None,
                datasette: Any, row: Any) -> Any:
    """The media table shows each stored photo as a thumbnail linking to the photo."""
    if database != DATABASE_NAME or table != "media" or column != "sha1" or not value:
        return None
    from markupsafe import Markup, escape

    base = f"{datasette.urls.database(DATABASE_NAME)}/-/photo/{int(row['id'])}"
    return Markup(
        f'<a href="{base}"><img class="na-thumb" src="{base}/thumb" alt="" loading="lazy">'
        f"</a><br><code>{escape(value)}</code>"
    )


@hookimpl
def asgi_wrapper() -> Any:
    from newsarchive.web.tablesearch import nocount_for_searches

    return nocount_for_searches
