"""Read one page of a paper's JSON listing API: the article URLs, their dates, the next page.

Some papers render their category pages in the browser from a JSON API (baodienbienphu.vn's
``api-dienbien.baodienbienphu.vn``, registry-evidence RE026).  Asking the API directly finds the
same articles without a browser.  A definition describes the API in ``listing_api``::

    listing_api:
      url: https://api.example.vn/list?category_slug={category}&page={page}&limit=20
      categories: [chinh-tri, kinh-te]     # fills {category}
      first_page: 1                         # default 1
      max_pages: 50                         # pages per category at most (default 100)
      items: data.list                      # dotted path to the list of items
      url_field: link                       # dotted path to an absolute (or relative) URL, or
      url_template: https://example.vn/{article_type_slug|tin-bai}/{category_slug}/{article_slug}
      date_field: publish_date              # optional: dotted path to the item's date

``url_template`` fills ``{field}`` from the item (dotted paths allowed); ``{field|word}`` uses
``word`` when the item lacks the field or leaves it empty.  This module is pure: the spider (and
``sources add``) fetch the pages, :func:`parse_listing_page` reads them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import quote, urljoin

DEFAULT_FIRST_PAGE = 1
DEFAULT_MAX_PAGES = 100
_PLACEHOLDER_RE = re.compile(r"\{([^{}|]+)(?:\|([^{}]*))?\}")
_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{1,2})/(\d{1,2})/(\d{4})")


class ListingApiError(ValueError):
    """The page is not JSON, or has no list where the definition says the items are."""


@dataclass(frozen=True)
class ListedArticle:
    url: str
    #: The date as the API gives it (ISO or day-first), or None.
    published: str | None = None

    @property
    def day(self) -> date | None:
        """The calendar day of ``published`` (ISO, or day-first ``d/m/yyyy``), or None."""
        return parse_day(self.published)


@dataclass(frozen=True)
class ListingPage:
    items: tuple[ListedArticle, ...] = ()
    #: The next page's API URL, or None when this was the last page to read.
    next_url: str | None = None
    page: int = DEFAULT_FIRST_PAGE
    category: str | None = None
    skipped: tuple[str, ...] = field(default_factory=tuple)  # items without a usable URL


def parse_day(value: str | None) -> date | None:
    """``2026-01-08T18:21:00+07:00`` / ``2026-01-08`` / ``08/01/2026 18:21`` -> a date."""
    if not value:
        return None
    m = _DAY_RE.search(str(value))
    if not m:
        return None
    try:
        if m.group(1):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return date(int(m.group(6)), int(m.group(5)), int(m.group(4)))  # Vietnamese: day first
    except ValueError:
        return None


def page_url(api: dict[str, Any], page: int | None = None, category: str | None = None) -> str:
    """The API URL of ``page`` (default: the first) in ``category``."""
    number = api.get("first_page", DEFAULT_FIRST_PAGE) if page is None else page
    url = str(api["url"]).replace("{page}", str(number))
    if "{category}" in url:
        if category is None:
            raise ListingApiError("this listing API needs a category")
        url = url.replace("{category}", quote(category, safe=""))
    return url


def start_urls(api: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(first page URL, category) for every category (one entry when the URL has none)."""
    if "{category}" not in str(api["url"]):
        return [(page_url(api), None)]
    return [(page_url(api, category=c), c) for c in api.get("categories") or []]


def _get(item: Any, path: str) -> Any:
    value = item
    for key in path.split("."):
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            return None
    return value


def _fill(template: str, item: Any) -> str | None:
    missing = False

    def one(m: re.Match[str]) -> str:
        nonlocal missing
        value = _get(item, m.group(1).strip())
        if value in (None, ""):
            if m.group(2) is not None:
                return m.group(2)
            missing = True
            return ""
        return quote(str(value), safe="/-_.~%")

    out = _PLACEHOLDER_RE.sub(one, template)
    return None if missing else out


def parse_listing_page(body: bytes | str | dict[str, Any] | list[Any], api: dict[str, Any], *,
                       page: int | None = None, category: str | None = None,
                       base_url: str | None = None, since: date | None = None) -> ListingPage:
    """The articles on one API page and the URL of the next page to read.

    ``page`` is the number of the page ``body`` answers (default: the first).  There is a next
    page while this one listed items, ``max_pages`` is not reached, and (with ``since``) not
    every dated item is older than ``since``.  Relative URLs are resolved against ``base_url``
    (default: the API URL).  Raises :class:`ListingApiError` when the body is not JSON or holds
    no list at ``items``.
    """
    first = int(api.get("first_page", DEFAULT_FIRST_PAGE))
    number = first if page is None else page
    data: Any = body
    if isinstance(body, bytes | str):
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise ListingApiError(f"not JSON: {exc}") from exc
    items_path = api.get("items")
    raw_items = _get(data, str(items_path)) if items_path else data
    if not isinstance(raw_items, list):
        raise ListingApiError(f"no list at {items_path or 'the top level'!r}")
    base = base_url or page_url(api, number, category)
    found: list[ListedArticle] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for raw in raw_items:
        url: Any = None
        if api.get("url_field"):
            url = _get(raw, str(api["url_field"]))
        if not url and api.get("url_template"):
            url = _fill(str(api["url_template"]), raw)
        if not isinstance(url, str) or not url.strip():
            skipped.append(json.dumps(raw, ensure_ascii=False)[:80])
            continue
        absolute = urljoin(base, url.strip())
        if absolute in seen:
            continue
        seen.add(absolute)
        when = _get(raw, str(api["date_field"])) if api.get("date_field") else None
        found.append(ListedArticle(absolute, str(when) if when not in (None, "") else None))
    last = first + int(api.get("max_pages", DEFAULT_MAX_PAGES)) - 1
    more = bool(raw_items) and number < last
    if more and since is not None:
        days = [a.day for a in found if a.day is not None]
        if days and all(d < since for d in days):
            more = False
    next_url = page_url(api, number + 1, category) if more else None
    return ListingPage(tuple(found), next_url, number, category, tuple(skipped))


__all__ = ["ListedArticle", "ListingApiError", "ListingPage", "page_url", "parse_day",
           "parse_listing_page", "start_urls"]
