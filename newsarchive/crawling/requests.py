"""Building a source's requests: its headers, which requests a browser renders, its listing API.

Kept apart from the spider so discovery code never needs to know how a request is fetched:

- a definition's ``headers`` (``headers: browser`` for sites that refuse clients which do not
  look like a browser, registry-evidence RE109) go on every request of its crawl, robots.txt
  and photos included, through the spider's own settings;
- ``render`` marks listings, articles or both: only those requests carry
  ``meta["playwright"]`` (scrapy-playwright renders them); everything else stays plain HTTP;
- ``listing_api`` gives the first API page of every category; :mod:`newsarchive.sources.
  listing_api` reads each page.
"""

from __future__ import annotations

import importlib.util
import logging
from typing import TYPE_CHECKING, Any

from newsarchive import render
from newsarchive.sources import listing_api

if TYPE_CHECKING:
    from newsarchive.sources import Source

logger = logging.getLogger(__name__)

#: Milliseconds a rendered page may take to show what the definition says to wait for.
WAIT_TIMEOUT_MS = 15_000
#: Pages one browser context renders at once (and so the browser's memory): see render.py.
MAX_PAGES = 4
#: Scrapy's own default headers, kept under a definition's (a browser sends both).
_SCRAPY_DEFAULT_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en",
}
_WAIT_KEY = {"listings": "listing_wait", "articles": "article_wait"}


def header_settings(source: Source) -> dict[str, Any]:
    """Spider settings sending the definition's headers on every request of its crawl.

    Settings rather than per-request headers, so the requests Scrapy makes by itself
    (robots.txt, retries, redirects, photos) carry them too.  robots.txt rules are still
    matched against the project's own name.
    """
    if not source.headers:
        return {}
    headers = dict(source.headers)
    agent = next((headers.pop(k) for k in list(headers) if k.lower() == "user-agent"), None)
    out: dict[str, Any] = {"DEFAULT_REQUEST_HEADERS": {**_SCRAPY_DEFAULT_HEADERS, **headers},
                           "ROBOTSTXT_USER_AGENT": "newsarchive"}
    if agent:
        out["USER_AGENT"] = agent
    return out


def needs_browser(source: Source) -> bool:
    """True when the crawl cannot find or read the paper's articles without rendering.

    Rendered listings are not needed when a listing API lists the same articles.
    """
    return source.renders("articles") or (source.renders("listings")
                                          and not source.listing_api)


def render_settings(source: Source) -> dict[str, Any]:
    """Spider settings turning scrapy-playwright on, for a source that renders and only when a
    browser is available here ({} otherwise: the spider says what is missing)."""
    if not source.render or render.unavailable_reason() is not None:
        return {}
    if importlib.util.find_spec("scrapy_playwright") is None:
        return {}
    settings = render.scrapy_settings(max_pages=MAX_PAGES)
    handler = "newsarchive.crawling.browser.RenderingDownloadHandler"
    settings["DOWNLOAD_HANDLERS"] = {"http": handler, "https": handler}
    settings["PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT"] = WAIT_TIMEOUT_MS * 2
    return settings


def render_problem(source: Source) -> str | None:
    """The one line to print when ``source`` needs a browser and none can be used; else None."""
    if not needs_browser(source) or render_settings(source):
        return None
    what = "articles" if source.renders("articles") else "listings"
    reason = render.unavailable_reason() or (
        f"scrapy-playwright is not installed; {render.INSTALL_HINT}")
    return f"its {what} are built by scripts and need a browser, but {reason}"


def render_meta(source: Source, kind: str, enabled: bool = True) -> dict[str, Any]:
    """Request meta for a ``kind`` ("listings" or "articles") page: rendered when the definition
    marks that kind ``js``, waiting for the definition's selector when it names one."""
    if not enabled or not source.renders(kind):
        return {}
    from scrapy_playwright.page import PageMethod

    methods = []
    wait = source.render.get(_WAIT_KEY[kind])
    if wait:
        methods.append(PageMethod(render.wait_quietly, wait, WAIT_TIMEOUT_MS))
    return {"playwright": True, "playwright_page_methods": methods}


def listing_api_starts(source: Source) -> list[tuple[str, str | None]]:
    """(URL, category) of the first API page of every category; [] without an API."""
    if not source.listing_api:
        return []
    return listing_api.start_urls(source.listing_api)


__all__ = ["header_settings", "listing_api_starts", "needs_browser", "render_meta",
           "render_problem", "render_settings"]
