"""Reader facets for the articles table: paper, province, category, year and month.

Each facet links to a query argument (``source``, ``category``, ``_province``, ``_year``,
``_month``); :func:`filters_for_request` turns the ``_`` ones into SQL.  Year and month become
ranges on the indexed ``published_day`` column, so a selected month is an index range scan.

Speed on a large archive: every facet query reads each matching row, and on 1M articles that
costs about 3 µs a row.  :class:`ArticleFacets` therefore computes all five facets in one pass
(or, for the unfiltered table, from the covering indexes) and keeps the result until the
archive file changes.  The page waits for that pass only ``facet_time_limit_ms``; a longer pass
goes on in the background (bounded by ``sql_time_limit_ms``) and its facets show on the next
load, instead of being cancelled as Datasette's own facets would be.  Year, month and province
stay available one by one as ``_facet_year=``, ``_facet_month=`` and ``_facet_province=``.
"""

from __future__ import annotations

import asyncio
import re
import time
import urllib.parse
from collections import Counter
from typing import TYPE_CHECKING, Any

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite
from datasette.utils.asgi import BadRequest

from newsarchive.web.dates import reader_month
from newsarchive.web.pages import file_stamp
from newsarchive.web.tablesearch import SEEK_CLAUSE, WALK_CLAUSE

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.utils.asgi import Request

YEAR_RE = re.compile(r"^\d{4}$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def month_range(month: str) -> tuple[str, str] | None:
    """"2024-03" -> ("2024-03-01", "2024-04-01"); None when not a month."""
    match = MONTH_RE.match(month)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    year, mon = int(match.group(1)), int(match.group(2))
    nxt = f"{year + 1:04d}-01" if mon == 12 else f"{year:04d}-{mon + 1:02d}"
    return f"{month}-01", f"{nxt}-01"


def year_range(year: str) -> tuple[str, str] | None:
    if not YEAR_RE.match(year):
        return None
    return f"{year}-01-01", f"{int(year) + 1:04d}-01-01"


def bad_year(value: str) -> str | None:
    """Why ``value`` is not a year a reader can filter by, in Vietnamese; None when it is."""
    if YEAR_RE.match(value):
        return None
    return f"«{value}» không phải là một năm: hãy ghi năm bằng bốn chữ số, ví dụ 2024."


def bad_month(value: str) -> str | None:
    """Why ``value`` is not a month (YYYY-MM), in Vietnamese; None when it is."""
    if month_range(value) is not None:
        return None
    return (f"«{value}» không phải là một tháng: hãy ghi năm rồi tháng, "
            "ví dụ 2024-03 là tháng 3/2024.")


def filters_for_request(request: Request, table: str) -> FilterArguments | None:
    """SQL for ``_province``, ``_year`` and ``_month`` on the articles table.

    A year or month that is not one is a 400 with a plain message (in the page and the JSON),
    rather than an empty result the reader cannot explain.
    """
    if table != "articles":
        return None
    where: list[str] = []
    params: dict[str, Any] = {}
    described: list[str] = []
    province = request.args.get("_province")
    if province:
        where.append("source in (select id from sources where province = :na_province)")
        params["na_province"] = province
        described.append(f"tỉnh {province}")
    for key, make_range, problem in (("_year", year_range, bad_year),
                                     ("_month", month_range, bad_month)):
        value = request.args.get(key)
        if not value:
            continue
        bounds = make_range(value)
        if bounds is None:
            raise BadRequest(problem(value) or value)
        name = key[1:]
        where.append(f"published_day >= :na_{name}_from and published_day < :na_{name}_to")
        params[f"na_{name}_from"], params[f"na_{name}_to"] = bounds
        described.append(f"đăng trong {reader_month(value) if name == 'month' else value}")
    if not where:
        return None
    return FilterArguments(where, params=params, human_descriptions=described)


def _toggle_path(request: Request, key: str, value: str | None) -> str:
    """The current URL with ``key`` set to value (or removed), and paging reset."""
    pairs = [
        (k, v)
        for k, v in urllib.parse.parse_qsl(request.query_string, keep_blank_values=True)
        if k not in (key, "_next")
    ]
    if value is not None:
        pairs.append((key, value))
    query = urllib.parse.urlencode(pairs)
    return str(request.path) + (f"?{query}" if query else "")


class _DerivedFacet(Facet):  # type: ignore[misc]
    """A facet whose value is an SQL expression, selected through one query argument."""

    type = ""
    arg = ""
    label = ""
    order = "count desc, value"

    def value_sql(self, column: str) -> str:
        raise NotImplementedError

    def from_sql(self, column: str) -> str:
        return f"({self.sql})"

    async def suggest(self) -> list[dict[str, Any]]:
        return []

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        results: list[dict[str, Any]] = []
        timed_out: list[str] = []
        size = self.get_facet_size()
        selected_value = self.request.args.get(self.arg)
        ds: Datasette = self.ds
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            expr = self.value_sql(escape_sqlite(column))
            sql = (
                f"select {expr} as value, count(*) as count from {self.from_sql(column)} "
                f"where {expr} is not null group by value order by {self.order} limit {size + 1}"
            )
            try:
                rows = await ds.execute(
                    self.database,
                    sql,
                    self.params,
                    truncate=False,
                    custom_time_limit=ds.setting("facet_time_limit_ms"),
                )
            except QueryInterrupted:
                timed_out.append(self.label)
                continue
            values = []
            for row in rows.rows[:size]:
                value = str(row["value"])
                selected = value == selected_value
                path = _toggle_path(self.request, self.arg, None if selected else value)
                values.append(
                    {
                        "value": value,
                        "label": value,
                        "count": row["count"],
                        "toggle_url": ds.absolute_url(self.request, ds.urls.path(path)),
                        "selected": selected,
                    }
                )
            results.append(
                {
                    "name": self.label,
                    "type": self.type,
                    "hideable": source_and_config["source"] != "metadata",
                    "toggle_url": ds.urls.path(
                        _toggle_path(self.request, f"_facet_{self.type}", None)
                    ),
                    "results": values,
                    "truncated": len(rows.rows) > size,
                }
            )
        return results, timed_out


class YearFacet(_DerivedFacet):
    """``{year: published_day}``: articles per year, newest first."""

    type = "year"
    arg = "_year"
    label = "year"
    order = "value desc"

    def value_sql(self, column: str) -> str:
        return f"substr({column}, 1, 4)"


class MonthFacet(_DerivedFacet):
    """``{month: published_day}``: articles per month, newest first."""

    type = "month"
    arg = "_month"
    label = "month"
    order = "value desc"

    def value_sql(self, column: str) -> str:
        return f"substr({column}, 1, 7)"


class ProvinceFacet(_DerivedFacet):
    """``{province: source}``: articles per province, via the papers table."""

    type = "province"
    arg = "_province"
    label = "province"

    def value_sql(self, column: str) -> str:
        return "na_sources.province"

    def from_sql(self, column: str) -> str:
        return (
            f"({self.sql}) as na_rows join sources as na_sources "
            f"on na_sources.id = na_rows.{escape_sqlite(column)}"
        )


#: Facet name -> (query argument it selects with, label); in display order.
ARTICLE_FACETS = {
    "paper": "source",
    "province": "_province",
    "category": "category",
    "year": "_year",
    "month": "_month",
}
Counts = dict[str, Counter[str]]
#: (db path, sql, params) -> (file stamp, monotonic time, counts or None when it timed out)
_cache: dict[tuple[str, str, str], tuple[tuple[float, ...], float, Counts | None]] = {}
_pending: dict[tuple[str, str, str], asyncio.Task[Counts | None]] = {}
CACHE_SIZE = 256
CACHE_MAX_AGE = 3600.0
CACHE_MIN_AGE = 60.0
#: What the page says while a long facet pass is still running.
STILL_COUNTING = "các con số đang được đếm cho lần tìm này: hãy tải lại trang sau giây lát"


class ArticleFacets(Facet):  # type: ignore[misc]
    """``{articles: {facets: [paper, province, category, year, month]}}``: all in one pass."""

    type = "articles"

    async def suggest(self) -> list[dict[str, Any]]:
        return []

    def _names(self) -> list[str]:
        names: list[str] = []
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            wanted = config.get("facets") if isinstance(config, dict) else None
            names += [n for n in (wanted or ARTICLE_FACETS) if n in ARTICLE_FACETS]
        return list(dict.fromkeys(names))

    async def _counts(self) -> Counts | bool | None:
        """Value counts per facet; None when the archive is too big to count in time, False
        while a pass that outlasted the page's wait is still running."""
        ds: Datasette = self.ds
        db = ds.get_database(self.database)
        params = self.params if isinstance(self.params, dict) else {}
        key = (db.path or self.database, self.sql, repr(sorted(params.items())))
        stamp = file_stamp(db.path)
        now = time.monotonic()
        cached = _cache.get(key)
        if cached:
            age = now - cached[1]
            if age < CACHE_MIN_AGE or (cached[0] == stamp and age < CACHE_MAX_AGE):
                return cached[2]
        task = _pending.get(key)
        if task is None:
            task = asyncio.ensure_future(self._count_and_keep(key, stamp, db.name))
            _pending[key] = task
        wait = ds.setting("facet_time_limit_ms") / 1000
        try:
            return await asyncio.wait_for(asyncio.shield(task), timeout=wait)
        except TimeoutError:
            return False

    async def _count_and_keep(
        self, key: tuple[str, str, str], stamp: tuple[float, ...], database: str
    ) -> Counts | None:
        try:
            counts: Counts | None = await self._count(database)
        except QueryInterrupted:
            counts = None  # remembered too: a page of a huge search should not retry each time
        finally:
            _pending.pop(key, None)
        if len(_cache) >= CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        _cache[key] = (stamp, time.monotonic(), counts)
        return counts

    async def _count(self, database: str) -> Counts:
        ds: Datasette = self.ds
        limit = ds.setting("sql_time_limit_ms")
        counts: Counts = {
            name: Counter() for name in ("source", "province", "category", "year", "month")
        }
        if " where " not in self.sql.lower():
            # The whole table: one small query per column, each read from its index.
            for column, sql in (
                ("source", "select source, count(*) from articles group by source"),
                ("category", "select category, count(*) from articles group by category"),
                ("month", "select substr(published_day, 1, 7), count(*) from articles group by 1"),
            ):
                rows = await ds.execute(database, sql, custom_time_limit=limit)
                for value, n in rows.rows:
                    if value is not None:
                        counts[column][str(value)] += n
        else:
            # A broad search walks the date index for its first page (tablesearch.py); counting
            # every match is faster reading them by id.
            inner = self.sql.replace(WALK_CLAUSE, SEEK_CLAUSE)
            sql = (
                "select source, category, substr(published_day, 1, 7), count(*)"
                f" from ({inner}) group by 1, 2, 3"
            )
            rows = await ds.execute(
                database, sql, self.params, truncate=False, custom_time_limit=limit
            )
            columns = ("source", "category", "month")
            for *values, n in rows.rows:
                for column, value in zip(columns, values, strict=True):
                    if value is not None:
                        counts[column][str(value)] += n
        provinces = dict((await ds.execute(database, "select id, province from sources")).rows)
        for source, n in counts["source"].items():
            if provinces.get(source):
                counts["province"][provinces[source]] += n
        for month, n in counts["month"].items():
            counts["year"][month[:4]] += n
        counts["paper"] = counts.pop("source")
        return counts

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        names = self._names()
        if not names or self.table != "articles":
            return [], []
        counts = await self._counts()
        if counts is False:
            return [], [STILL_COUNTING]
        if not counts or counts is True:
            return [], names
        ds: Datasette = self.ds
        size = self.get_facet_size()
        labels: dict[str, str] = {}
        if "paper" in names:
            rows = await ds.execute(self.database, "select id, name from sources")
            labels = {str(i): str(n) for i, n in rows.rows if n}
        results = []
        for name in names:
            arg = ARTICLE_FACETS[name]
            selected_value = self.request.args.get(arg)
            if name in ("year", "month"):
                ordered = sorted(counts[name].items(), reverse=True)
            else:
                ordered = sorted(counts[name].items(), key=lambda item: (-item[1], item[0]))
            values = []
            for value, n in ordered[:size]:
                selected = value == selected_value
                path = _toggle_path(self.request, arg, None if selected else value)
                values.append(
                    {
                        "value": value,
                        "label": labels.get(value, value) if name == "paper" else (
                            reader_month(value) if name == "month" else value),
                        "count": n,
                        "toggle_url": ds.absolute_url(self.request, ds.urls.path(path)),
                        "selected": selected,
                    }
                )
            results.append(
                {
                    "name": name,
                    "type": self.type,
                    "hideable": False,
                    "toggle_url": "",
                    "results": values,
                    "truncated": len(ordered) > size,
                }
            )
        return results, []


FACET_CLASSES = [ArticleFacets, YearFacet, MonthFacet, ProvinceFacet]
