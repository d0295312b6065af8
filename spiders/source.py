"""The generic spider: discovery from a source definition, extraction by the pure extractor.

Discovery reads feeds first, then sitemaps (Scrapy's ``Sitemap`` and ``gunzip``: gzipped files,
sitemap indexes, and the ``Sitemap:`` lines of robots.txt), then home and category pages with
pagination; links are found by Scrapy's ``LinkExtractor``.  Every request goes through Scrapy's
duplicate filter, whose memory is the archive (:mod:`newsarchive.crawling.dupefilter`): pages
archived or judged not to be articles are not requested again, so a scheduled re-run fetches
only listing pages and what is new.  Until a crawl of the source has finished once, every
listing is paginated and the run resumes from the URLs earlier runs found but did not fetch
(:mod:`newsarchive.crawling.frontier`), so a killed first crawl still completes.

Every fetched page is kept: articles (thin ones flagged by the validate pipeline) are stored,
other pages are judged (listing, tag, other, empty, not HTML) and remembered.
"""

from __future__ import annotations

import functools
import logging
import re
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import scrapy
from lxml import etree
from scrapy.exceptions import IgnoreRequest
from scrapy.linkextractors import LinkExtractor
from scrapy.selector import Selector
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.response import get_base_url
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from newsarchive.archive import pages
from newsarchive.crawling.dupefilter import PAGE
from newsarchive.crawling.requests import (
    header_settings,
    listing_api_starts,
    render_meta,
    render_problem,
    render_settings,
)
from newsarchive.crawling.state import acquire_archive, release_archive
from newsarchive.crawling.writer import DONE, crawl_writer, writes_archive
from newsarchive.extract import extract, read_page
from newsarchive.sources.listing_api import ListingApiError
from newsarchive.sources.listing_api import parse_listing_page as parse_api_page
from newsarchive.urls import canonicalize_url

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable, Iterator

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

    from newsarchive.archive import Archive
    from newsarchive.sources import Source

logger = logging.getLogger(__name__)

GONE_STATUSES = (404, 410)
#: Bytes that never appear in a text page (controls other than tab, newline, return).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13))


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
        #: Canonical URLs not to fetch again: archived, judged, dead (the archive's memory).
        self.known: set[str] = set()
        self.completed_before = False
        self.shared_scheduler = False
        self.last_finished_day: date | None = None
        #: URLs earlier runs discovered and did not fetch (resumed by the frontier middleware).
        self.frontier: list[tuple[str, str]] = []
        # Hosts are checked by owns_url (host and port): LinkExtractor's allow_domains compares
        # the whole netloc, so it would refuse every link of a paper on a non-default port.
        self.link_extractor = LinkExtractor(deny=self.source.deny_url_patterns,
                                            tags=("a", "area"), attrs=("href",), unique=False)
        # A URL is canonicalised by the dupefilter, the listing's "anything new?" and the
        # frontier bookkeeping: once is enough (w3lib's canonicalize_url is not cheap).
        self.canonical = functools.lru_cache(maxsize=4096)(self._canonicalize)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SourceSpider:
        kwargs.setdefault("since", crawler.settings.get("NEWSARCHIVE_SINCE") or None)
        kwargs.setdefault("refresh", crawler.settings.getbool("NEWSARCHIVE_REFRESH"))
        from newsarchive.crawling.logformat import install_log_filters

        install_log_filters()
        spider: SourceSpider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._closed, signal=scrapy.signals.spider_closed)
        crawler.signals.connect(spider._robots_parsed, signal=scrapy.signals.robots_parsed)
        # With a shared (Redis) scheduler the dupefilter is what keeps workers from fetching
        # the same article twice, so article requests must go through it.
        spider.shared_scheduler = "newsarchive.distributed" in str(
            crawler.settings.get("SCHEDULER", ""))
        archive = acquire_archive(crawler)
        try:
            spider._remember(archive, crawler.settings.getint("NEWSARCHIVE_REVISIT_DAYS"),
                             crawler.settings.getint("NEWSARCHIVE_REJUDGE_DAYS"))
        finally:
            release_archive(crawler)
        return spider

    def _remember(self, archive: Archive, revisit_days: int, rejudge_days: int) -> None:
        """Load what the archive knows of this source: what not to fetch, where to resume."""
        sid = self.source.id
        if not self.refresh:
            self.known = archive.known_urls(sid) - _revisit_set(archive, sid, revisit_days)
            since = None
            if rejudge_days > 0:
                since = (datetime.now(UTC) - timedelta(days=rejudge_days)).isoformat(
                    timespec="seconds")
            self.known |= pages.judged_urls(archive.conn, sid, since)
            # Links that were dead (404/410) last time are not retried; --refresh retries.
            self.known |= {
                canonicalize_url(u, self.source)
                for (u,) in archive.db.execute(
                    "select url from captures where status in (404, 410) and url not in "
                    "(select url from captures where status = 200)")
                if self.source.owns_url(u)
            }
        self.frontier = pages.frontier(archive.conn, sid)
        last = archive.db.execute(
            "select max(started_at) from crawls where source = ? and state = 'finished'",
            [sid],
        ).fetchone()[0]
        # Until one crawl of this source has finished (the first, or one that was killed),
        # every listing is paginated so the archive gets complete.
        self.completed_before = last is not None
        self.last_finished_day = _parse_day(last)

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
            yield scrapy.Request(url, callback=self.parse_sitemap, priority=20,
                                 errback=self.on_error)
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
        days = [a.day for a in page.items if a.day is not None]
        urls = []
        for item in page.items:
            if since and item.day and item.day < since:
                self.crawler.stats.inc_value("newsarchive/older_than_since")
                continue
            if self.source.owns_url(item.url) and not self._is_denied(item.url):
                urls.append(item.url)
        new_here = any(self._is_new(u) for u in urls)
        for url in urls:
            req = self._page_request(url)
            if req is not None:
                yield req
        if since and days and all(d < since for d in days):
            self.crawler.stats.inc_value("newsarchive/backfill_stopped")
            return
        if page.next_url is None:
            return
        archived_elsewhere = bool(getattr(self.known, "fingerprints", None))
        complete_pass = not (self.completed_before or archived_elsewhere)
        if new_here or complete_pass or self.refresh:
            yield self._api_request(page.next_url, page.page + 1, page.category)
        else:
            self.crawler.stats.inc_value("newsarchive/pagination_stopped")

    def _is_denied(self, url: str) -> bool:
        return any(re.search(p, url) for p in self.source.deny_url_patterns)

    def _canonicalize(self, url: str) -> str:
        return canonicalize_url(url, self.source)

    def _canonical(self, url: str) -> str:
        return self.canonical(url)

    # ---- requests (each built in one small method) -------------------------------------------
    def _page_request(self, url: str, **meta: Any) -> scrapy.Request | None:
        """A request for an article candidate; the duplicate filter drops it when the archive
        already holds or judged it (None here only for a shared scheduler, whose filter does
        not know the archive)."""
        if self.shared_scheduler and self._canonical(url) in self.known:
            self.crawler.stats.inc_value("newsarchive/skipped_known")
            return None
        return self.make_request(
            url, "articles", callback=self.parse_article, errback=self.on_error, priority=5,
            meta={"handle_httpstatus_list": list(GONE_STATUSES), PAGE: True, **meta},
        )

    def _listing_request(self, url: str) -> scrapy.Request:
        return self.make_request(url, "listings", callback=self.parse_listing, priority=1,
                                 errback=self.on_error)

    def _sitemap_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_sitemap, priority=20, errback=self.on_error)

    def resume_requests(self) -> Iterator[scrapy.Request]:
        """After ``start()``: the pages earlier runs discovered and did not fetch (see
        crawling/frontier.py); and the paper's robots.txt, for its ``Sitemap:`` lines, when
        robots.txt is not obeyed (else Scrapy fetches it anyway: see :meth:`_robots_parsed`)."""
        home = urlsplit(self.source.homepage)
        obeyed = self.crawler.settings.getbool("ROBOTSTXT_OBEY")
        if not obeyed and home.scheme in ("http", "https") and home.netloc:
            yield scrapy.Request(f"{home.scheme}://{home.netloc}/robots.txt",
                                 callback=self.parse_robots, errback=self.on_error, priority=25,
                                 meta={"dont_obey_robotstxt": True})
        if self.frontier:
            logger.info("%s: resuming %d pages found by earlier runs and not fetched yet",
                        self.source.id, len(self.frontier))
            self.crawler.stats.set_value("newsarchive/frontier_resumed", len(self.frontier))
        for url, kind in self.frontier:
            req = self._page_request(url) if kind == "page" else self._listing_request(url)
            if req is not None:
                yield req

    # ---- links -------------------------------------------------------------------------------
    def _links(self, response: Response) -> list[str]:
        """The paper's own links on the page (LinkExtractor over the page's one parse)."""
        if not isinstance(response, scrapy.http.TextResponse):
            return []
        try:
            links = self.link_extractor.extract_links(response)
        except (ValueError, etree.LxmlError):
            return []
        out = []
        for link in links:
            url = link.url.split("#", 1)[0]
            if url and self.source.owns_url(url):
                out.append(url)
        return list(dict.fromkeys(out))

    def _is_new(self, url: str) -> bool:
        """Neither in the archive's memory nor requested already in this run."""
        key = self._canonical(url)
        if key in self.known:
            return False
        seen = getattr(self._dupefilter(), "seen", None)
        return seen is None or not seen(url)

    def _dupefilter(self) -> Any:
        """This run's duplicate filter (Scrapy's engine holds it in its scheduler)."""
        engine = getattr(self.crawler, "engine", None)
        return getattr(getattr(engine, "scheduler", None), "df", None)

    def _route_links(self, urls: Iterable[str], follow_listings: bool
                     ) -> Iterator[scrapy.Request]:
        listing_re = self.source.listing_url_pattern
        for url in dict.fromkeys(urls):
            if self.source.is_article_url(url):
                req = self._page_request(url)
                if req is not None:
                    yield req
            elif follow_listings and listing_re and re.search(listing_re, url):
                yield self._listing_request(url)

    # ---- discovery ---------------------------------------------------------------------------
    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, scrapy.http.TextResponse):
            return
        yield from self._follow_listing(response, self._links(response))

    def _follow_listing(self, response: Response, links: list[str]
                        ) -> Iterator[scrapy.Request]:
        """Articles and next pages linked from a listing page (``links``: its own links)."""
        since = _parse_day(self.since)
        passed_since = False
        if since:
            # Backfill: listing items carry dates; skip articles older than --since, and stop
            # paginating once every dated item on the page is older.
            days = _listing_days(response)
            dated = [days[u] for u in links if u in days and self.source.is_article_url(u)]
            old = {u for u in links if u in days and days[u] < since}
            if old:
                self.crawler.stats.inc_value("newsarchive/older_than_since", len(old))
            links = [u for u in links if u not in old]
            passed_since = bool(dated) and all(d < since for d in dated)
        new_here = any(self._is_new(u) for u in links if self.source.is_article_url(u))
        yield from self._route_links(links, follow_listings=False)
        if passed_since:
            self.crawler.stats.inc_value("newsarchive/backfill_stopped")
            return
        # Pagination stops after a page with nothing new, once a crawl of the source has
        # finished; before that every listing is followed so the archive gets complete.
        # Distributed workers have no local archive: the ingester's published URLs stand in.
        archived_elsewhere = bool(getattr(self.known, "fingerprints", None))
        complete_pass = not (self.completed_before or archived_elsewhere)
        if new_here or complete_pass or self.refresh:
            yield from self._route_links(links, follow_listings=True)
        else:
            self.crawler.stats.inc_value("newsarchive/pagination_stopped")

    def _xml_root(self, response: Response, kind: str) -> Any:
        """The parsed feed, or None (logged and counted) when it is not XML."""
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
        links = [t.strip() for t in
                 root.xpath("//*[local-name()='item']/*[local-name()='link']/text()")]
        links += [str(h) for h in
                  root.xpath("//*[local-name()='entry']/*[local-name()='link']/@href")]
        urls = [urljoin(response.url, u) for u in links if u]
        yield from self._route_links([u for u in urls if self.source.owns_url(u)],
                                     follow_listings=False)

    def _robots_parsed(self, robotparser: Any, request: scrapy.Request) -> None:
        """Scrapy's ``robots_parsed`` signal: the ``Sitemap:`` lines of the robots.txt that
        the robots middleware fetched for the paper's own host are discovery too."""
        if urlsplit(request.url).netloc != urlsplit(self.source.homepage).netloc:
            return
        parsed = getattr(robotparser, "rp", robotparser)  # Protego (Scrapy's default parser)
        found = getattr(parsed, "sitemaps", None)
        if found is None and hasattr(parsed, "site_maps"):  # urllib's RobotFileParser
            found = parsed.site_maps()
        engine = self.crawler.engine
        for url in found or ():
            url = urljoin(request.url, str(url).strip())
            if engine is not None and self.source.owns_url(url):
                engine.crawl(self._sitemap_request(url))

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """The ``Sitemap:`` lines of robots.txt (as Scrapy's SitemapSpider reads them)."""
        if response.status != 200 or not isinstance(response, scrapy.http.TextResponse):
            return
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            if self.source.owns_url(url):
                yield self._sitemap_request(url)

    def _sitemap_body(self, response: Response) -> bytes | None:
        """The sitemap's XML: as served, or gunzipped (``.xml.gz``), as SitemapSpider does."""
        if isinstance(response, scrapy.http.XmlResponse):
            return response.body
        if gzip_magic_number(response):
            try:
                return gunzip(response.body, max_size=self.crawler.settings.getint(
                    "DOWNLOAD_MAXSIZE"))
            except (OSError, EOFError, ValueError):  # also over the size limit
                return None
        path = urlsplit(response.url).path
        if path.endswith((".xml", ".xml.gz")) or response.body.lstrip().startswith(b"<?xml"):
            return response.body
        return None

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        body = self._sitemap_body(response)
        sitemap = None
        if body:
            try:
                sitemap = Sitemap(body)
            except (etree.XMLSyntaxError, StopIteration, ValueError):
                sitemap = None
        if sitemap is None or sitemap.type not in ("sitemapindex", "urlset"):
            logger.warning("sitemap %s is not a sitemap; skipped", response.url)
            self.crawler.stats.inc_value("newsarchive/sitemap_errors")
            return
        since = _parse_day(self.since)
        # A child sitemap unchanged since the last finished crawl lists nothing new.
        unchanged_before = None if self.refresh else (since or self.last_finished_day)
        urls = []
        try:
            for entry in sitemap:
                loc = urljoin(response.url, (entry.get("loc") or "").strip())
                lastmod = _parse_day((entry.get("lastmod") or "").strip())
                if not loc or not self.source.owns_url(loc):
                    continue
                if sitemap.type == "sitemapindex":
                    if unchanged_before and lastmod and lastmod < unchanged_before:
                        self.crawler.stats.inc_value("newsarchive/sitemaps_unchanged")
                        continue
                    yield self._sitemap_request(loc)
                elif not (since and lastmod and lastmod < since):
                    urls.append(loc)
        except etree.XMLSyntaxError:
            logger.warning("sitemap %s is cut short; read what came before", response.url)
        yield from self._route_links(urls, follow_listings=False)

    # ---- pages -------------------------------------------------------------------------------
    def _write(self, fn: Any, *args: Any) -> Any:
        """Hand a write to the archive writer (none in a distributed worker: skipped)."""
        if not writes_archive(self.crawler):
            return None
        return crawl_writer(self.crawler).submit(fn, *args, when=DONE)

    def _judge(self, response: Response, page_type: str) -> None:
        """Remember a fetched page that is not an article, so a re-run does not fetch it."""
        self.crawler.stats.inc_value(f"newsarchive/judged/{page_type}")
        capture = response.meta.get("newsarchive_capture") or {}
        self._write(_judge_page, self._canonical(response.url), self.source.id, page_type,
                    capture.get("capture_id"))

    def parse_article(self, response: Response) -> Iterator[Any]:
        # Fetched: the URLs it was asked under leave the frontier (a redirect, or an article
        # whose canonical link names another URL, is not stored under the URL it was found as).
        for url in {*response.meta.get("redirect_urls", ()), response.url}:
            self._write(_leave_frontier, self._canonical(url))
        if response.status in GONE_STATUSES:
            logger.warning("dead link (HTTP %d): %s", response.status, response.url)
            self.crawler.stats.inc_value(f"newsarchive/dead_links/{response.status}")
            # An archived article that is now 404/410 is marked gone; its content stays.
            when = datetime.now(UTC).isoformat(timespec="seconds")
            d = self._write(_mark_gone, self._canonical(response.url), response.status, when)
            if d is not None:
                d.addCallback(self._count_gone)
            return
        problem = _unusable_body(response)
        if problem:
            logger.warning("%s: %s", problem, response.url)
            self.crawler.stats.inc_value(f"newsarchive/bad_pages/{problem.replace(' ', '_')}")
            self._judge(response, "empty" if problem == "empty page" else "not_html")
            return
        # One parse per page: the extractor's tree is also the response's selector, so
        # LinkExtractor (and any response.xpath/css) reads it instead of parsing the page again.
        # TextResponse keeps its selector in ``_cached_selector``; nothing else sets it.
        # Links are read first: extraction prepares the tree in place (scripts dropped).
        page = read_page(response.body)
        if page.root is not None and isinstance(response, scrapy.http.TextResponse):
            response._cached_selector = Selector(root=page.root, type="html")
        links = self._links(response)
        result = extract(page, response.url, self.source)
        if not result.is_article or result.article is None:
            self.crawler.stats.inc_value(f"newsarchive/not_article/{result.page_type}")
            self._judge(response, result.page_type)
            if result.page_type in ("listing", "tag", "home"):
                yield from self._follow_listing(response, links)
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
        # Related-news links inside articles discover more articles (never listings).  They go
        # before the article: their frontier rows are then never committed after the article.
        yield from self._route_links(links, follow_listings=False)
        yield article

    def _count_gone(self, marked: bool) -> None:
        if marked:
            self.crawler.stats.inc_value("newsarchive/articles/gone")

    def on_error(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        kind = type(failure.value).__name__
        reason = failure.getErrorMessage() or kind
        logger.warning("failed %s: %s (%s)", url, kind, reason)
        self.crawler.stats.inc_value(f"newsarchive/fetch_errors/{kind}")
        if request is not None and request.meta.get(PAGE) and isinstance(failure.value,
                                                                        IgnoreRequest):
            # Never to be fetched (robots.txt): it leaves the frontier.  A page that failed
            # for a passing reason (timeout, 5xx) stays there for the next run.
            self._write(_leave_frontier, self._canonical(request.url))


def _judge_page(archive: Archive, url: str, source: str, page_type: str,
                capture_id: int | None) -> None:
    archive.judge_page(url, source, page_type, capture_id)


def _mark_gone(archive: Archive, url: str, status: int, when: str) -> bool:
    return archive.mark_gone(url, status, when)


def _leave_frontier(archive: Archive, url: str) -> None:
    archive.leave_frontier(url)  # fetched, or never to be fetched


def _unusable_body(response: Response) -> str | None:
    """A short reason when a 200 response cannot be an HTML page, else None."""
    body = response.body
    if not body.strip():
        return "empty page"
    head = body[:2048]
    if b"\x00" in head or not isinstance(response, scrapy.http.TextResponse):
        return "not an HTML page"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if len(head) - controls < 0.9 * len(head):
        return "not an HTML page"
    return None


def _revisit_set(archive: Any, source_id: str, days: int) -> set[str]:
    """Archived articles young enough to be re-checked for edits (published in the last N days)."""
    if days <= 0:
        return set()
    cutoff = (datetime.now(UTC).date() - timedelta(days=days)).isoformat()
    rows = archive.db.execute(
        "select url from articles where source = ? and published_day >= ? and gone_at is null",
        [source_id, cutoff],
    ).fetchall()
    return {r[0] for r in rows}


def _listing_days(response: Response) -> dict[str, date]:
    """Dates printed beside article links on a listing page (the link's small enclosing block),
    read from the page's one parse (the response's selector, shared with LinkExtractor; on a
    page that reached ``parse_article`` first, the extractor's tree)."""
    from newsarchive.extract.dates import parse_date

    if not isinstance(response, scrapy.http.TextResponse):
        return {}
    try:
        doc = response.selector.root
    except (ValueError, etree.LxmlError):
        return {}
    days: dict[str, date] = {}
    base = get_base_url(response)  # a <base href> counts, as in a browser and LinkExtractor
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
