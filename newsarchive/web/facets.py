"""Reader facets Datasette lacks: province (through the papers table), year and month.

Each facet links to a ``_province`` / ``_year`` / ``_month`` query argument, which
:func:`filters_for_request` turns into SQL.  Year and month become ranges on the indexed
``published_day`` column, so a selected month is an index range scan, not a LIKE over 1M rows.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import TYPE_CHECKING, Any

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.utils.asgi import Request

YEAR_RE = re.compile(r"^\d{4}$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
#: Query arguments this module understands (all start with "_", so Datasette leaves them alone).
FILTER_ARGS = ("_province", "_year", "_month")


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


def filters_for_request(request: Request, table: str) -> FilterArguments | None:
    """SQL for ``_province``, ``_year`` and ``_month`` on the articles table."""
    if table != "articles":
        return None
    where: list[str] = []
    params: dict[str, Any] = {}
    described: list[str] = []
    province = request.args.get("_province")
    if province:
        where.append("source in (select id from sources where province = :na_province)")
        params["na_province"] = province
        described.append(f'province is "{province}"')
    for key, make_range in (("_year", year_range), ("_month", month_range)):
        value = request.args.get(key)
        if not value:
            continue
        bounds = make_range(value)
        if bounds is None:
            where.append("0")  # a malformed date selects nothing, rather than everything
            described.append(f'{key[1:]} "{value}" is not a valid {key[1:]}')
            continue
        name = key[1:]
        where.append(f"published_day >= :na_{name}_from and published_day < :na_{name}_to")
        params[f"na_{name}_from"], params[f"na_{name}_to"] = bounds
        described.append(f"published in {value}")
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
    return request.path + (f"?{query}" if query else "")


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


FACET_CLASSES = [YearFacet, MonthFacet, ProvinceFacet]
