"""Search filters: dates typed by people, provinces and categories typed any way, facet tokens.

Filters become facet tokens ANDed into the MATCH expression (see ``fts.py``), so FTS5 skips
through the doclists instead of testing article rows.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from newsarchive.archive.fts import day_token, month_token, year_token
from newsarchive.archive.search.query import QueryError
from newsarchive.vietnamese import fold

if TYPE_CHECKING:
    import sqlite3

_DAY_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_VN = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ONE_DAY = timedelta(days=1)


def parse_day(value: str | date | None, name: str) -> str | None:
    """A filter date as YYYY-MM-DD; accepts ISO or Vietnamese day-first 1/7/2022."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value).strip()
    m = _DAY_VN.match(text)
    if m:
        d, mth, y = (int(x) for x in m.groups())
    elif _DAY_ISO.match(text[:10]):
        y, mth, d = int(text[:4]), int(text[5:7]), int(text[8:10])
    else:
        raise QueryError(f"{name}: {value!r} is not a date (use YYYY-MM-DD or D/M/YYYY)")
    try:
        return date(y, mth, d).isoformat()
    except ValueError as exc:
        raise QueryError(f"{name}: {value!r} is not a valid date ({exc})") from None


def _same_name(a: str, b: str) -> bool:
    return fold(a).casefold().strip() == fold(b).casefold().strip()


def province_sources(conn: sqlite3.Connection, province: str) -> list[str]:
    """Ids of the sources in a province, however the province is typed (Điện Biên, dien bien)."""
    rows = conn.execute("SELECT id, province FROM sources WHERE province IS NOT NULL")
    return [sid for sid, name in rows if _same_name(name, province)]


def matching_categories(conn: sqlite3.Connection, category: str) -> list[str]:
    """Stored category names equal to ``category`` up to case and diacritics.

    Walks the distinct values of the category index with one seek each, so it costs the
    number of categories, not the number of articles.
    """
    rows = conn.execute(
        "WITH RECURSIVE c(name) AS ("
        " SELECT min(category) FROM articles"
        " UNION ALL SELECT (SELECT min(category) FROM articles WHERE category > c.name)"
        " FROM c WHERE c.name IS NOT NULL) "
        "SELECT name FROM c WHERE name IS NOT NULL"
    )
    return [name for (name,) in rows if _same_name(name, category)]


def _month_end(d: date) -> date:
    return date(d.year, 12, 31) if d.month == 12 else date(d.year, d.month + 1, 1) - _ONE_DAY


def day_cover(first: date, last: date) -> list[str]:
    """Facet tokens covering the days first..last: whole years and whole months where they
    fit, single days only at the ragged ends (at most ~90 tokens, usually a handful)."""
    tokens: list[str] = []
    d = first
    try:
        while d <= last:
            if d.month == 1 and d.day == 1 and date(d.year, 12, 31) <= last:
                tokens.append(year_token(d.year))
                d = date(d.year + 1, 1, 1)
            elif d.day == 1 and _month_end(d) <= last:
                tokens.append(month_token(d.year, d.month))
                d = _month_end(d) + _ONE_DAY
            else:
                tokens.append(day_token(d.isoformat()))
                d += _ONE_DAY
    except (OverflowError, ValueError):  # ran past 9999-12-31
        pass
    return tokens


def date_tokens(
    conn: sqlite3.Connection, since_day: str | None, until_day: str | None
) -> list[str] | None:
    """The facet tokens for a published-day range; None when the archive's own dates cannot be
    read as days (then the filter is applied to the article rows instead)."""
    lo, hi = conn.execute(
        "SELECT (SELECT min(published_day) FROM articles), "
        "(SELECT max(published_day) FROM articles)"
    ).fetchone()
    if lo is None:
        return []  # no article has a published day: none can pass a date filter
    try:
        first = date.fromisoformat(since_day) if since_day else date(int(lo[:4]), 1, 1)
        last = date.fromisoformat(until_day) if until_day else date(int(hi[:4]), 12, 31)
    except ValueError:
        return None
    if first > last:
        return []
    return day_cover(first, last)


def facet_match(groups: list[list[str]]) -> str:
    """AND of OR-groups of facet tokens (which hold only letters, digits and the mark)."""
    parts = []
    for tokens in groups:
        alts = " OR ".join(f'"{t}"' for t in tokens)
        parts.append(f"({alts})" if len(tokens) > 1 else alts)
    return " AND ".join(parts)


