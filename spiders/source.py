"""The generic spider: discovery from a source definition, extraction by the pure extractor.

Discovery reads feeds first, then sitemaps, then home and category pages with pagination.
Article URLs already in the archive are not requested again (the archive is the crawl's memory),
so a scheduled re-run fetches only listing pages and what is new.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import scrapy
from lxml import etree
from lxml import html as lxml_html
from scrapy.http import Response

from newsarchive.crawling.requests import (
    header_settings,
    listing_api_starts,
    render_meta,
    render_problem,
    render_settings,
)
from newsarchive.crawling.state import acquire_archive, release_archive
from newsarchive.extract import extract
from newsarchive.sources.listing_api import ListingApiError
from newsarchive.sources.listing_api import parse_listing_page as parse_api_page
from newsarchive.urls import canonicalize_url

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

    from newsarchive.sources import Source

logger = logging.getLogger(__name__)

SKIP_EXTENSIONS = re.compile(
    r"\.(jpe?g|png|gif|webp|svg|bmp|ico|pdf|docx?|xlsx?|pptx?|zip|rar|mp[34]|avi|mov|wmv|flv|css|js)(\?|$)",
    re.IGNORECASE,
)
GONE_STATUSES = (404, 410)


class SourceSpider(scrapy.Spider):
    """Crawl one source.  Subclassed per definition by :func:`spider_class_for`."""

    source: Source
    #: Whether this crawl renders the pages the definition marks (a browser is available).
    renders: bool = False
    #: Why the paper cannot be crawled here (it needs a browser there is none of), or None.
    render_problem: str | None = None

    def __init__(self, *args: Any, since: str | None = None, refresh: str | bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed_domains = list(self.source.all_domains)
        self.since = since
        self.refresh = str(refresh).lower() in {"1", "true", "yes"} if refresh else False
        self.known: set[str] = set()
        self.queued: set[str] = set()
        self.skipped: set[str] = set()
        self.completed_before = False
        self.dead: set[str] = set()
        self.shared_scheduler = False
        self.last_finished_day: date | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SourceSpider:
        kwargs.setdefault("since", crawler.settings.get("NEWSARCHIVE_SINCE") or None)
        kwargs.setdefault("refresh", crawler.settings.getbool("NEWSARCHIVE_REFRESH"))
        from newsarchive.crawling.logformat import install_log_filters

        install_log_filters()
        spider: SourceSpider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._closed, signal=scrapy.signals.spider_closed)
        # With a shared (Redis) scheduler the dupefilter is what keeps workers from fetching
        # the same article twice, so article requests must go through it.
        spider.shared_scheduler = "newsarchive.distributed" in str(
            crawler.settings.get("SCHEDULER", ""))
        archive = acquire_archive(crawler)
        try:
            if not spider.refresh:
                spider.known = archive.known_urls(spider.source.id) - _revisit_set(
                    archive, spider.source.id, crawler.settings.getint("NEWSARCHIVE_REVISIT_DAYS"))
                # Links that were dead (404/410) last time are not retried; --refresh retries.
                spider.dead = {
                    canonicalize_url(u, spider.source)
                    for (u,) in archive.db.execute(
                        "select url from captures where status in (404, 410) and url not in "
                        "(select url from captures where status = 200)")
                    if spider.source.owns_url(u)
                }
            # Until one crawl of this source has finished (the first, or one that was killed),
            # start pages are always paginated so the archive gets complete.
            last = archive.db.execute(
                "select max(started_at) from crawls where source = ? and state = 'finished'",
                [spider.source.id],
            ).fetchone()[0]
            spider.completed_before = last is not None
            spider.last_finished_day = _parse_day(last)
        finally:
            release_archive(crawler)
        return spider

    def _closed(self, spider: scrapy.Spider) -> None:
        self.logger.info(
            "%s: %d article URLs were already archived and were not fetched again",
            self.source.id, self.crawler.stats.get_value("newsarchive/skipped_known", 0),
        )

    # ---- discovery -------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.render_problem:
            # One line in the run's report (runstate.failure_reason); other papers crawl on.
            self.crawler.stats.set_value("newsarchive/cannot_render", self.render_problem)
            return
        for url in self.source.feeds:
            yield scrapy.Request(url, callback=self.parse_feed, priority=30, errback=self.on_error)
        for url in self.source.sitemaps:
            yield scrapy.Request(url, callback=self.parse_sitemap, priority=20, errback=self.on_error)
        for url, category in listing_api_starts(self.source):
            yield self._api_request(url, None, category)
        for url in self.source.start_urls:
            yield self.make_request(url, "listings", callback=self.parse_listing, priority=10,
                                    errback=self.on_error, meta={"start_page": True})

    def make_request(self, url: str, kind: str, **kwargs: Any) -> scrapy.Request:
        """The request for a ``kind`` ("listings" or "articles") page: rendered in a browser
        when the definition marks that kind (see newsarchive/crawling/requests.py)."""
        meta = {**render_meta(self.source, kind, enabled=self.renders), **kwargs.pop("meta", {})}
        return scrapy.Request(url, meta=meta, **kwargs)

    # ---- listing API -----------------------------------------------------------------------
    def _api_request(self, url: str, page: int | None, category: str | None) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_listing_api, errback=self.on_error,
                              priority=15, meta={"api_page": page, "api_category": category,
                                                 "handle_httpstatus_list": [404]})

    def parse_listing_api(self, response: Response) -> Iterator[scrapy.Request]:
        """One page of the paper's JSON listing API: its articles, then the next page while
        this one listed something new (or the archive is not complete yet), up to max_pages;
        with --since, items older are skipped and paging stops at a page of only older ones."""
        if response.status == 404:  # past the last page of a category
            return
        api = self.source.listing_api
        since = _parse_day(self.since)
        try:
            page = parse_api_page(response.body, api, page=response.meta.get("api_page"),
                                  category=response.meta.get("api_category"),
                                  base_url=self.source.homepage, since=since)
        except ListingApiError as exc:
            logger.warning("listing API page %s skipped: %s", response.url, exc)
            self.crawler.stats.inc_value("newsarchive/listing_api_errors")
            return
        before = len(self.queued)
        days = [a.day for a in page.items if a.day is not None]
        for item in page.items:
            if since and item.day and item.day < since:
                self.crawler.stats.inc_value("newsarchive/older_than_since")
                continue
            if not self.source.owns_url(item.url) or self._is_denied(item.url):
                continue
            req = self._article_request(item.url)
            if req is not None:
                yield req
        if since and days and all(d < since for d in days):
            self.crawler.stats.inc_value("newsarchive/backfill_stopped")
            return
        if page.next_url is None:
            return
        archived_elsewhere = bool(getattr(self.known, "fingerprints", None))
        first_pass = not (self.completed_before or archived_elsewhere)
        if len(self.queued) > before or first_pass or self.refresh:
            yield self._api_request(page.next_url, page.page + 1, page.category)
        else:
            self.crawler.stats.inc_value("newsarchive/pagination_stopped")

    def _canonical(self, url: str) -> str:
        return canonicalize_url(url, self.source)

    def _is_denied(self, url: str) -> bool:
        return any(re.search(p, url) for p in self.source.deny_url_patterns)

    def _article_request(self, url: str, **meta: Any) -> scrapy.Request | None:
        """A request for an article URL, or None when it is archived or already queued."""
        canonical = self._canonical(url)
        if canonical in self.known:
            if canonical not in self.skipped:
                self.skipped.add(canonical)
                self.crawler.stats.inc_value("newsarchive/skipped_known")
            return None
        if canonical in self.queued or canonical in self.dead:
            return None
        self.queued.add(canonical)
        # dont_filter: `queued` already de-duplicates in one process, and a redirect loop must
        # reach REDIRECT_MAX_TIMES (and the errback) instead of vanishing in the dupefilter.
        return self.make_request(
            url, "articles", callback=self.parse_article, errback=self.on_error, priority=5,
            dont_filter=not self.shared_scheduler,
            meta={"handle_httpstatus_list": list(GONE_STATUSES), **meta},
        )

    def _links(self, response: Response, doc: Any = None) -> Iterator[str]:
        doc = _parse_html(response) if doc is None else doc
        if doc is None:
            return
        base = _base_url(response, doc)
        for href in doc.xpath("//a/@href"):
            href = str(href).strip()
            if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
                continue
            url = urljoin(base, href).split("#", 1)[0]
            if urlsplit(url).scheme not in ("http", "https"):
                continue
            if not self.source.owns_url(url) or SKIP_EXTENSIONS.search(url) or self._is_denied(url):
                continue
            yield url

    def _route_links(self, response: Response, urls: Iterator[str] | list[str],
                     follow_listings: bool) -> Iterator[scrapy.Request]:
        listing_re = self.source.listing_url_pattern
        seen: set[str] = set()
        for url in urls:
            if url in seen:
                continue
            seen.add(url)
            if self.source.is_article_url(url):
                req = self._article_request(url)
                if req is not None:
                    yield req
            elif follow_listings and listing_re and re.search(listing_re, url):
                yield self.make_request(url, "listings", callback=self.parse_listing,
                                        priority=1, errback=self.on_error)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, scrapy.http.TextResponse):
            return
        before = len(self.queued)
        doc = _parse_html(response)  # parsed once for the links and the listed dates
        links = list(self._links(response, doc))
        since = _parse_day(self.since)
        passed_since = False
        if since:
            # Backfill: listing items carry dates; skip articles older than --since, and stop
            # paginating once every dated item on the page is older.
            days = _listing_days(response, doc)
            dated = [days[u] for u in links if u in days and self.source.is_article_url(u)]
            old = {u for u in links if u in days and days[u] < since}
            if old:
                self.crawler.stats.inc_value("newsarchive/older_than_since", len(old))
            links = [u for u in links if u not in old]
            passed_since = bool(dated) and all(d < since for d in dated)
        yield from self._route_links(response, links, follow_listings=False)
        new_here = len(self.queued) - before
        if passed_since:
            self.crawler.stats.inc_value("newsarchive/backfill_stopped")
            return
        # Pagination stops after a page with nothing new (start pages are followed until a
        # crawl of the source has once finished).
        # Distributed workers have no local archive: the ingester's published URLs stand in.
        archived_elsewhere = bool(getattr(self.known, "fingerprints", None))
        first_pass = response.meta.get("start_page") and not (
            self.completed_before or archived_elsewhere)
        if new_here or first_pass or self.refresh:
            yield from self._route_links(response, links, follow_listings=True)
        else:
            self.crawler.stats.inc_value("newsarchive/pagination_stopped")

    def _xml_root(self, response: Response, kind: str) -> Any:
        """The parsed feed or sitemap, or None (logged and counted) when it is not XML."""
        try:
            root = etree.fromstring(response.body, parser=etree.XMLParser(
                recover=True, resolve_entities=False, no_network=True))
        except (etree.XMLSyntaxError, ValueError):
            root = None
        if root is None:
            logger.warning("%s %s is not XML; skipped", kind, response.url)
            self.crawler.stats.inc_value(f"newsarchive/{kind}_errors")
        return root

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        root = self._xml_root(response, "feed")
        if root is None:
            return
        links = [t.strip() for t in root.xpath("//*[local-name()='item']/*[local-name()='link']/text()")]
        links += [str(h) for h in root.xpath("//*[local-name()='entry']/*[local-name()='link']/@href")]
        urls = [urljoin(response.url, u) for u in links if u]
        yield from self._route_links(response, [u for u in urls if self.source.owns_url(u)],
                                     follow_listings=False)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        root = self._xml_root(response, "sitemap")
        if root is None:
            return
        since = _parse_day(self.since)
        # A child sitemap unchanged since the last finished crawl lists nothing new.
        unchanged_before = None if self.refresh else (since or self.last_finished_day)
        for node in root.xpath("//*[local-name()='sitemap']"):
            loc = "".join(node.xpath("./*[local-name()='loc']/text()")).strip()
            lastmod = _parse_day("".join(node.xpath("./*[local-name()='lastmod']/text()")).strip())
            if unchanged_before and lastmod and lastmod < unchanged_before:
                self.crawler.stats.inc_value("newsarchive/sitemaps_unchanged")
                continue
            if loc and self.source.owns_url(loc):
                yield scrapy.Request(loc, callback=self.parse_sitemap, priority=20,
                                     errback=self.on_error)
        urls = []
        for node in root.xpath("//*[local-name()='url']"):
            loc = "".join(node.xpath("./*[local-name()='loc']/text()")).strip()
            lastmod = _parse_day("".join(node.xpath("./*[local-name()='lastmod']/text()")).strip())
            if since and lastmod and lastmod < since:
                continue
            if loc and self.source.owns_url(loc):
                urls.append(loc)
        yield from self._route_links(response, urls, follow_listings=False)

    # ---- articles --------------------------------------------------------------------------
    def parse_article(self, response: Response) -> Iterator[Any]:
        if response.status in GONE_STATUSES:
            logger.warning("dead link (HTTP %d): %s", response.status, response.url)
            self.crawler.stats.inc_value(f"newsarchive/dead_links/{response.status}")
            # An archived article that is now 404/410 is marked gone; its content stays.
            archive = acquire_archive(self.crawler)
            try:
                when = datetime.now(UTC).isoformat(timespec="seconds")
                if archive.mark_gone(self._canonical(response.url), response.status, when):
                    self.crawler.stats.inc_value("newsarchive/articles/gone")
            finally:
                release_archive(self.crawler)
            return
        problem = _unusable_body(response)
        if problem:
            logger.warning("%s: %s", problem, response.url)
            self.crawler.stats.inc_value(f"newsarchive/bad_pages/{problem.replace(' ', '_')}")
            return
        result = extract(response.body, response.url, self.source)
        if not result.is_article or result.article is None:
            self.crawler.stats.inc_value(f"newsarchive/not_article/{result.page_type}")
            if result.page_type in ("listing", "tag", "home") and isinstance(
                response, scrapy.http.TextResponse
            ):
                yield from self.parse_listing(response)
            else:
                logger.info("not an article (%s): %s", result.page_type, response.url)
            return
        article = result.article
        article.source = self.source.id
        article.fetched_url = response.url
        article.http_status = response.status
        capture = response.meta.get("newsarchive_capture") or {}
        article.fetched_at = capture.get("fetched_at") or datetime.now(UTC).isoformat(
            timespec="seconds")
        article.warc_file = capture.get("warc_file")
        article.warc_offset = capture.get("warc_offset")
        article.content_digest = capture.get("digest")
        article.capture_id = capture.get("capture_id")
        since = _parse_day(self.since)
        if since and article.published and (_parse_day(article.published) or since) < since:
            self.crawler.stats.inc_value("newsarchive/older_than_since")
        yield article
        # Related-news links inside articles discover more articles (never listings).
        if isinstance(response, scrapy.http.TextResponse):
            yield from self._route_links(response, list(self._links(response)), follow_listings=False)

    def on_error(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        reason = failure.getErrorMessage() or failure.type.__name__
        logger.warning("failed %s: %s (%s)", url, failure.type.__name__, reason)
        self.crawler.stats.inc_value(f"newsarchive/fetch_errors/{failure.type.__name__}")


def _unusable_body(response: Response) -> str | None:
    """A short reason when a 200 response cannot be an HTML page, else None."""
    body = response.body
    if not body.strip():
        return "empty page"
    head = body[:2048]
    if b"\x00" in head or not isinstance(response, scrapy.http.TextResponse):
        return "not an HTML page"
    printable = sum(1 for b in head if b >= 32 or b in (9, 10, 13))
    if printable < 0.9 * len(head):
        return "not an HTML page"
    return None


def _revisit_set(archive: Any, source_id: str, days: int) -> set[str]:
    """Archived articles young enough to be re-checked for edits (published in the last N days)."""
    if days <= 0:
        return set()
    from datetime import timedelta

    cutoff = (datetime.now(UTC).date() - timedelta(days=days)).isoformat()
    rows = archive.db.execute(
        "select url from articles where source = ? and published_day >= ? and gone_at is null",
        [source_id, cutoff],
    ).fetchall()
    return {r[0] for r in rows}


def _parse_html(response: Response) -> Any:
    """The page as an lxml tree, or None when it cannot be parsed."""
    try:
        return lxml_html.fromstring(response.body)
    except (etree.ParserError, ValueError):
        return None


def _base_url(response: Response, doc: Any) -> str:
    """What relative links resolve against, as in a browser: the first ``<base href>`` (itself
    resolved against the page's URL), else the page's URL.  Papers point it at a template
    folder or at another host (registry-evidence RE015, RE028)."""
    for href in doc.xpath("//base[@href][1]/@href")[:1]:
        href = str(href).strip()
        if href and not href.lower().startswith(("javascript:", "data:")):
            return urljoin(response.url, href)
    return response.url


def _listing_days(response: Response, doc: Any) -> dict[str, date]:
    """Dates printed beside article links on a listing page (the link's small enclosing block)."""
    from newsarchive.extract.dates import parse_date

    if doc is None:
        return {}
    days: dict[str, date] = {}
    base = _base_url(response, doc)
    for a in doc.xpath("//a[@href]"):
        url = urljoin(base, str(a.get("href")).strip()).split("#", 1)[0]
        node = a.getparent()
        for _ in range(3):
            if node is None:
                break
            text = " ".join(node.itertext())
            if len(text) > 600:
                break
            found = parse_date(text)
            day = _parse_day(found) if found else None
            if day:
                days[url] = day
                break
            node = node.getparent()
    return days


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def spider_class_for(source: Source) -> type[SourceSpider]:
    """A spider class named after the source, carrying its politeness overrides."""
    custom: dict[str, Any] = {}
    pol = source.politeness or {}
    if "download_delay" in pol:
        custom["DOWNLOAD_DELAY"] = float(pol["download_delay"])
    if "concurrency" in pol:
        custom["CONCURRENT_REQUESTS_PER_DOMAIN"] = int(pol["concurrency"])
    if "autothrottle_target" in pol:
        custom["AUTOTHROTTLE_TARGET_CONCURRENCY"] = float(pol["autothrottle_target"])
    custom.update(header_settings(source))
    rendering = render_settings(source)
    custom.update(rendering)
    name = "".join(part.capitalize() for part in source.id.split("_")) + "Spider"
    return type(name, (SourceSpider,), {"name": source.id, "source": source,
                                        "custom_settings": custom,
                                        "renders": bool(rendering),
                                        "render_problem": render_problem(source)})
