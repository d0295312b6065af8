"""One archive connection per crawl process, shared by the capture middleware, pipelines and run log.

SQLite has one writer; every component of a crawl runs in the reactor thread, so sharing one
connection keeps writes serial and avoids lock contention between crawlers of the same process.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from newsarchive.archive import Archive
    from newsarchive.sources import Source

_ARCHIVES: dict[str, tuple[Archive, int]] = {}


def acquire_archive(crawler: Crawler) -> Archive:
    """Open (or reuse) the archive named by NEWSARCHIVE_DB; pair each call with release_archive."""
    from newsarchive.archive import Archive

    path = str(Path(crawler.settings.get("NEWSARCHIVE_DB")).resolve())
    if path in _ARCHIVES:
        archive, n = _ARCHIVES[path]
        _ARCHIVES[path] = (archive, n + 1)
        return archive
    # Grouped commits (every 100 articles or 2 s): FTS5 flushes its index at each commit, so
    # one commit per article halves ingest speed.  A killed crawl loses at most the open group,
    # which the next run fetches again; never part of an article.
    archive = Archive(path, commit_every=100, commit_seconds=2.0)
    _ARCHIVES[path] = (archive, 1)
    return archive


def release_archive(crawler: Crawler) -> None:
    path = str(Path(crawler.settings.get("NEWSARCHIVE_DB")).resolve())
    if path not in _ARCHIVES:
        return
    archive, n = _ARCHIVES[path]
    if n <= 1:
        del _ARCHIVES[path]
        archive.close()
    else:
        _ARCHIVES[path] = (archive, n - 1)


def spider_source(crawler: Crawler) -> Source | None:
    spider = crawler.spider
    return getattr(spider, "source", None) if spider is not None else None
