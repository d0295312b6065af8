"""Photos of every stored article, fetched the Scrapy way: a media pipeline (the machinery of
Scrapy's FilesPipeline and ImagesPipeline) that requests them through the engine after the
article is stored, so robots.txt, the per-host download slots and delays, retries and the WARC
capture middleware all apply, exactly as for pages.

Each photo's bytes go to the WARC (a revisit record when the same bytes are archived already)
and get a ``media`` row; a photo that cannot be kept is recorded as failed with the reason.
When the crawl has nothing else to do, the paper's photos still missing from earlier runs are
fetched too (failed ones until ``NEWSARCHIVE_MEDIA_MAX_ATTEMPTS``); ``newsarchive media fetch``
runs only that part, for archives crawled before photos were kept.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy import signals
from scrapy.exceptions import (
    DontCloseSpider,
    DownloadCancelledError,
    IgnoreRequest,
    NotConfigured,
)
from scrapy.pipelines.media import FileException, MediaPipeline
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import DeferredList

from newsarchive.archive.media import (
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_MAX_BYTES,
    PhotoBacklog,
    PhotoError,
    PhotoFacts,
    article_id_for,
    backlog,
    check_photo,
    file_name,
    payload_capture,
    photo_host_problem,
    photo_urls,
    record_failed,
    record_stored,
    stored_photo,
)
from newsarchive.crawling.state import acquire_archive, release_archive, spider_source
from newsarchive.crawling.writer import crawl_writer
from newsarchive.items import Article

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response
    from scrapy.pipelines.media import FileInfo, FileInfoOrError
    from twisted.python.failure import Failure

    from newsarchive.archive import Archive
    from newsarchive.sources import Source

logger = logging.getLogger(__name__)

STORE_PIPELINE = "newsarchive.pipelines.store.StorePipeline"
ACCEPT = "image/avif,image/webp,image/apng,image/*,*/*;q=0.8"
#: Articles whose photos are requested at once when fetching the backlog.
BACKLOG_BATCH = 50


def failure_reason(error: BaseException | None, max_bytes: int) -> str:
    """The reason recorded for a photo that could not be kept, in a reader's words."""
    if isinstance(error, DownloadCancelledError):
        return f"over the {max_bytes:,}-byte cap (NEWSARCHIVE_MEDIA_MAX_BYTES)"
    message = str(error) if error is not None else ""
    if isinstance(error, FileException | IgnoreRequest):
        return message or type(error).__name__
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


class PhotosPipeline(MediaPipeline):
    """Fetch, check and record the photos of each article (after StorePipeline)."""

    LOG_FAILED_RESULTS = False  # every failure is recorded and logged once, in media_failed

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("NEWSARCHIVE_MEDIA_ENABLED", True):
            raise NotConfigured("NEWSARCHIVE_MEDIA_ENABLED is off")
        if not settings.getbool("NEWSARCHIVE_WARC_ENABLED"):
            raise NotConfigured("photos are kept in the WARC: NEWSARCHIVE_WARC_ENABLED is off")
        if STORE_PIPELINE not in settings.getwithbase("ITEM_PIPELINES"):
            # Distributed workers do not write the archive: `newsarchive media fetch` after
            # `newsarchive ingest` fetches the photos where the archive is.
            raise NotConfigured("no archive is written by this crawl")
        super().__init__(crawler=crawler)
        self._handle_statuses(True)  # photos behind redirects are followed like pages
        self.max_bytes = settings.getint("NEWSARCHIVE_MEDIA_MAX_BYTES", DEFAULT_MAX_BYTES)
        self.max_attempts = settings.getint("NEWSARCHIVE_MEDIA_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)
        self.archive: Archive | None = None
        self.tried: set[str] = set()
        self._backlog: Any = None
        self._backlog_done = False
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PhotosPipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        super().open_spider()
        self.archive = acquire_archive(self.crawler)
        source = spider_source(self.crawler)
        opened = self.crawler.spider
        if source is not None and opened is not None and source.media_domains:
            # The photo CDNs join the spider's allowed domains before the offsite middleware
            # reads them (spider_opened), so their robots.txt is fetched and obeyed like the
            # paper's: Scrapy drops a robots.txt request to a host outside allowed_domains.
            allowed = list(getattr(opened, "allowed_domains", None) or [])
            opened.allowed_domains = allowed + [  # type: ignore[attr-defined]
                d for d in source.media_domains if d not in allowed
            ]

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.archive is not None:
            release_archive(self.crawler)
            self.archive = None

    # -- which photos ------------------------------------------------------------------------

    def _write(self, fn: Any, *args: Any) -> None:
        """A media row goes to the archive through the crawl's one writer (its own connection
        here only reads)."""
        crawl_writer(self.crawler).submit(fn, *args)

    def _stat(self, key: str, n: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newsarchive/photos/{key}", n)

    def get_media_requests(self, item: Any, info: MediaPipeline.SpiderInfo) -> list[Request]:
        assert self.archive is not None
        article_id: int | None
        if isinstance(item, PhotoBacklog):
            urls, article_url, article_id = item.urls, item.article_url, item.article_id
        elif isinstance(item, Article):
            urls, article_url = photo_urls(item), item.url
            article_id = article_id_for(self.archive.conn, item.url) if urls else None
        else:
            return []
        source: Source | None = spider_source(self.crawler)
        requests = []
        for url in urls:
            self.tried.add(url)
            problem = photo_host_problem(url, source)
            if problem:
                self._write(_photo_failed, url, problem, article_id, False)
                self._stat("not_fetched/host")
                continue
            requests.append(scrapy.Request(
                url,
                headers={"Accept": ACCEPT, "Referer": article_url},
                meta={
                    "newsarchive_media": {"article_id": article_id, "article_url": article_url},
                    "allow_offsite": True,  # hosts are checked above (own hosts, media_domains)
                    "download_maxsize": self.max_bytes,
                    "download_warnsize": self.max_bytes,
                },
            ))
        return requests

    def media_to_download(
        self, request: Request, info: MediaPipeline.SpiderInfo, *, item: Any = None
    ) -> Any:
        """A photo already stored under this URL is not fetched again."""
        assert self.archive is not None
        row = stored_photo(self.archive.conn, request.url)
        if row is None:
            return None
        self._stat("already_stored")
        return {"url": request.url, "path": file_name(row["sha1"], row["mime_type"]),
                "checksum": row["sha1"], "status": "uptodate"}

    # -- what came back ----------------------------------------------------------------------

    def media_downloaded(
        self,
        response: Response,
        request: Request,
        info: MediaPipeline.SpiderInfo,
        *,
        item: Any = None,
    ) -> FileInfo:
        assert self.archive is not None
        if response.status != 200:
            raise FileException(f"HTTP {response.status}")
        try:
            facts = check_photo(response.body, self.max_bytes)
        except PhotoError as exc:
            raise FileException(str(exc)) from None
        capture = request.meta.get("newsarchive_capture")
        if not capture:
            raise FileException("the WARC capture of the photo failed (see the log)")
        wanted = request.meta["newsarchive_media"]
        self._write(_photo_stored, request.url, facts, capture.get("digest"),
                    capture.get("capture_id"), wanted.get("article_id"), capture.get("fetched_at"))
        self._stat("stored")
        self._stat("bytes", facts.size)
        return {"url": request.url, "path": file_name(facts.sha1, facts.mime_type),
                "checksum": facts.sha1, "status": "downloaded"}

    def media_failed(
        self, failure: Failure, request: Request, info: MediaPipeline.SpiderInfo
    ) -> Any:
        """Record the reason; the item goes on (a photo never holds up its article)."""
        assert self.archive is not None
        reason = failure_reason(failure.value, self.max_bytes)
        wanted = request.meta.get("newsarchive_media") or {}
        self._write(_photo_failed, request.url, reason, wanted.get("article_id"), True)
        logger.warning("photo not kept: %s (%s)", request.url, reason)
        self._stat("failed")
        return None

    def item_completed(
        self, results: list[FileInfoOrError], item: Any, info: MediaPipeline.SpiderInfo
    ) -> Any:
        return item

    def file_path(
        self,
        request: Request,
        response: Response | None = None,
        info: MediaPipeline.SpiderInfo | None = None,
        *,
        item: Any = None,
    ) -> str:
        """Photos have no file of their own: they are WARC records (see archive/media.py)."""
        return request.url

    # -- photos left from earlier runs ---------------------------------------------------------

    def spider_idle(self, spider: Spider) -> None:
        """Once the crawl is idle, fetch the paper's photos that earlier runs did not keep."""
        if self._backlog_done or self.archive is None:
            return
        if self._backlog is None:
            source = spider_source(self.crawler)
            retry_all = getattr(spider, "retry_all_failed", False)
            waiting = [
                PhotoBacklog(b.article_id, b.article_url, b.source,
                             [u for u in b.urls if u not in self.tried])
                for b in backlog(self.archive.conn, source_id=source.id if source else None,
                                 max_attempts=None if retry_all else self.max_attempts)
            ]
            waiting = [b for b in waiting if b.urls]
            if not waiting:
                self._backlog_done = True
                return
            logger.info("fetching %d photos left from earlier runs",
                        sum(len(b.urls) for b in waiting))
            self._stat("backlog", sum(len(b.urls) for b in waiting))
            self._backlog = deferred_from_coro(self._fetch_backlog(waiting))
            self._backlog.addBoth(self._backlog_finished)
        raise DontCloseSpider

    async def _fetch_backlog(self, waiting: list[PhotoBacklog]) -> None:
        for start in range(0, len(waiting), BACKLOG_BATCH):
            batch = [deferred_from_coro(self.process_item(b)) for b in
                     waiting[start : start + BACKLOG_BATCH]]
            await maybe_deferred_to_future(DeferredList(batch, consumeErrors=True))

    def _backlog_finished(self, result: Any) -> None:
        self._backlog_done = True
        if hasattr(result, "getErrorMessage"):
            logger.error("fetching the photo backlog stopped: %s", result.getErrorMessage())
        engine = self.crawler.engine
        if isinstance(self.crawler.spider, PhotoBacklogSpider) and engine and (
            engine.spider_is_idle()
        ):
            # Nothing else to do: close now rather than at the engine's next idle check (5 s).
            deferred_from_coro(engine.close_spider_async(reason="finished"))


class PhotoBacklogSpider(scrapy.Spider):
    """A crawl of one paper's photo backlog only (``newsarchive media fetch``): no pages, so
    the pipeline's idle step is all it does, with the paper's politeness and its lock."""

    source: Source
    retry_all_failed = True

    async def start(self) -> AsyncIterator[Any]:
        return
        yield


def backlog_spider_for(source: Source) -> type[PhotoBacklogSpider]:
    """The backlog spider of one paper, with the same politeness settings as its crawls."""
    from newsarchive.spiders.source import spider_class_for

    custom = dict(spider_class_for(source).custom_settings or {})
    name = "".join(part.capitalize() for part in source.id.split("_")) + "PhotoSpider"
    return type(name, (PhotoBacklogSpider,), {
        "name": source.id, "source": source, "custom_settings": custom,
        "allowed_domains": [*source.all_domains, *source.media_domains],
    })


def fetch_backlog(sources: list[Source], overrides: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Crawl the photo backlog of each paper in one reactor; returns each crawl's Scrapy stats."""
    from pathlib import Path

    from scrapy.crawler import CrawlerProcess

    from newsarchive.crawling.run import project_settings

    settings = project_settings(overrides)
    Path(settings.get("NEWSARCHIVE_DB")).parent.mkdir(parents=True, exist_ok=True)
    process = CrawlerProcess(settings)
    crawlers = []
    for source in sources:
        crawler = process.create_crawler(backlog_spider_for(source))
        crawlers.append((source.id, crawler))
        process.crawl(crawler)
    process.start()
    return {sid: dict(c.stats.get_stats()) if c.stats else {} for sid, c in crawlers}


def _photo_stored(archive: Archive, url: str, facts: PhotoFacts, digest: str | None,
                  capture_id: int | None, article_id: int | None, fetched_at: str | None
                  ) -> None:
    """On the writer: the media row of a kept photo, linked to the first full record of its
    bytes (the writer's connection sees captures not committed yet)."""
    first = payload_capture(archive.conn, digest)
    record_stored(archive, url, facts, capture_id=first or capture_id, article_id=article_id,
                  fetched_at=fetched_at)


def _photo_failed(archive: Archive, url: str, reason: str, article_id: int | None,
                  attempted: bool) -> None:
    record_failed(archive, url, reason, article_id=article_id, attempted=attempted)
