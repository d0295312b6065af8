"""Settings that switch a crawl to distributed mode (scrapy-redis over a real Redis server).

``redis_overrides(url, source_id)`` returns Scrapy settings to apply at command-line priority:
the shared scheduler and dupefilter (per-source keys), leases for killed workers, shared per-site
politeness, items pushed to Redis instead of written to SQLite, and WARC captures named per worker.
"""

from __future__ import annotations

from typing import Any

from newsarchive import settings as project
from newsarchive.distributed.keys import DUPEFILTER_KEY, ITEMS_KEY, QUEUE_KEY

STORE = "newsarchive.pipelines.store.StorePipeline"
CAPTURE = "newsarchive.crawling.capture.WarcCaptureMiddleware"
RUNLOG = "newsarchive.crawling.runlog.CrawlLogExtension"


def redis_overrides(redis_url: str, source_id: str | None = None) -> dict[str, Any]:
    """Scrapy settings for a distributed worker.

    Queue and dupefilter keys are per source (``newsarchive:<source>:requests``); they are
    templated on the spider name, so one process may crawl several sources.  ``source_id`` is
    only checked (the keys must not be shared by accident), not baked in.
    """
    if not redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError(f"{redis_url!r} is not a redis:// URL")
    if source_id is not None and (not source_id or ":" in source_id or "%" in source_id):
        raise ValueError(f"{source_id!r} cannot name Redis keys")
    pipelines = {k: v for k, v in project.ITEM_PIPELINES.items() if k != STORE}
    pipelines["newsarchive.distributed.pipeline.RedisPushPipeline"] = project.ITEM_PIPELINES[STORE]
    downloader = {k: v for k, v in project.DOWNLOADER_MIDDLEWARES.items() if k != CAPTURE}
    downloader.update({
        "newsarchive.distributed.capture.WorkerWarcCaptureMiddleware":
            project.DOWNLOADER_MIDDLEWARES.get(CAPTURE, 950),
        # After robots.txt and retries have decided to fetch, right before the download.
        "newsarchive.distributed.politeness.SharedPolitenessMiddleware": 960,
        "newsarchive.distributed.acks.LeaseAckDownloaderMiddleware": 1,
    })
    # Many workers crawl one source at once here, so a one-crawl-per-source lock must not apply.
    extensions = {k: v for k, v in project.EXTENSIONS.items()
                  if k != RUNLOG and not k.startswith("newsarchive.crawling.lock.")}
    extensions["newsarchive.distributed.runlog.WorkerRunLogExtension"] = project.EXTENSIONS.get(
        RUNLOG, 500)
    return {
        "REDIS_URL": redis_url,
        "SCHEDULER": "newsarchive.distributed.scheduler.SharedScheduler",
        "DUPEFILTER_CLASS": "newsarchive.distributed.dupefilter.ExpiringDupeFilter",
        "SCHEDULER_QUEUE_KEY": QUEUE_KEY,
        "SCHEDULER_DUPEFILTER_KEY": DUPEFILTER_KEY,
        # Workers come and go: the run's queue must outlive any one of them.  The run's end
        # (no queued request, no busy worker) deletes the dupefilter; the TTL covers abandoned runs.
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_FLUSH_ON_START": False,
        "NEWSARCHIVE_REDIS_ITEMS_KEY": ITEMS_KEY,
        "NEWSARCHIVE_REDIS_DUPEFILTER_TTL": 7 * 24 * 3600,
        "NEWSARCHIVE_REDIS_WORKER_TTL": 60,
        "NEWSARCHIVE_REDIS_RETRY": 2.0,
        "ITEM_PIPELINES": pipelines,
        "DOWNLOADER_MIDDLEWARES": downloader,
        "SPIDER_MIDDLEWARES": {"newsarchive.distributed.acks.LeaseAckSpiderMiddleware": 1},
        "EXTENSIONS": extensions,
    }
