"""One reading connection per crawl process, shared by the spider and the photos pipeline.

Captures, articles, judgements, the frontier, gone-marks and the run log are written by the
archive writer (:mod:`newsarchive.crawling.writer`) on its own thread and connection.  This
connection reads what the crawl needs to know (archived URLs, photos already kept); the photos
pipeline's own rows still go through it, each committed at once so it never holds the lock.
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
    archive = Archive(path, commit_every=1)
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
