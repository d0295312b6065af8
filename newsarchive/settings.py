"""Scrapy settings for newsarchive: polite by default, every project knob prefixed NEWSARCHIVE_.

Per-source politeness overrides come from the source definition (the spider's custom settings);
one-off overrides from ``-s KEY=VALUE``.  See README "Settings".
"""

from __future__ import annotations

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["newsarchive.spiders"]
NEWSPIDER_MODULE = "newsarchive.spiders"
SPIDER_LOADER_CLASS = "newsarchive.crawling.loader.SourceSpiderLoader"

# Identify the project and a contact, as archivists should.
USER_AGENT = (
    "newsarchive/0.1 (+https://github.com/newsarchive/newsarchive; "
    "research archive of Vietnamese provincial press)"
)
ROBOTSTXT_OBEY = True

# Provincial sites are small servers: one request at a time per site, a delay, and AutoThrottle.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10

# No control console listens while crawling.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# Spider output of one page handled at once: a page yields one article and its links, and
# Scrapy starts this many asyncio workers for every page (100 by default: ~100 tasks a page).
CONCURRENT_ITEMS = 8

COOKIES_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
LOG_FORMATTER = "newsarchive.crawling.logformat.ConciseLogFormatter"

# Requests for the real sites go to the offline mirror only when NEWSARCHIVE_MIRROR is set.
ADDONS = {"newsarchive.crawling.mirror.MirrorAddon": 0}

# Scrapy's own de-duplication, with the archive as its memory (crawling/dupefilter.py).
DUPEFILTER_CLASS = "newsarchive.crawling.dupefilter.ArchiveDupeFilter"

SPIDER_MIDDLEWARES = {
    # Resume what earlier runs discovered but did not fetch, and read robots.txt Sitemap: lines.
    "newsarchive.crawling.frontier.FrontierMiddleware": 50,
}

DOWNLOADER_MIDDLEWARES = {
    # Scrapy's, fixed so requests that start together on a new host all obey robots.txt.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newsarchive.crawling.robots.RobotsTxtMiddleware": 100,
    # robots.txt Crawl-delay as a floor under the site's delay; Retry-After / backoff on 429, 503.
    "newsarchive.crawling.politeness.PolitenessMiddleware": 560,
    # Close to the downloader so it sees exactly what came off the wire.
    "newsarchive.crawling.capture.WarcCaptureMiddleware": 950,
}

ITEM_PIPELINES = {
    "newsarchive.pipelines.normalize.NormalizePipeline": 100,
    "newsarchive.pipelines.validate.ValidatePipeline": 200,
    "newsarchive.pipelines.dedupe.DedupePipeline": 300,
    "newsarchive.pipelines.store.StorePipeline": 400,
    # After the store: each stored article's photos, through the engine (pipelines/media.py).
    "newsarchive.pipelines.media.PhotosPipeline": 500,
}

EXTENSIONS = {
    # Two runs of one source never overlap (covers `scrapy crawl` and Scrapyd jobs too).
    "newsarchive.crawling.lock.SourceLockExtension": 400,
    "newsarchive.crawling.runlog.CrawlLogExtension": 500,
}

# --- newsarchive's own settings (documented in README "Settings") ---
NEWSARCHIVE_DB = "data/archive.db"
NEWSARCHIVE_WARC_DIR = "data/warc"
NEWSARCHIVE_WARC_ENABLED = True
NEWSARCHIVE_WARC_MAX_BYTES = 100 * 1024 * 1024
NEWSARCHIVE_SOURCES_DIR = "data/sources"
NEWSARCHIVE_TONE_STYLE = "old"
NEWSARCHIVE_MIN_BODY_CHARS = 200
NEWSARCHIVE_MIRROR = ""
NEWSARCHIVE_SINCE = ""
NEWSARCHIVE_REFRESH = False
# Articles published in the last N days are re-fetched on each run to catch edits (0 = never).
NEWSARCHIVE_REVISIT_DAYS = 2
# Pages judged not to be articles are not fetched again for this many days (0 = every run).
NEWSARCHIVE_REJUDGE_DAYS = 30
# The archive writer's queue: at most this many writes wait (the crawl waits when it is full).
NEWSARCHIVE_WRITER_QUEUE = 1000
NEWSARCHIVE_PROGRESS = True
NEWSARCHIVE_SOURCE_LOCK = True
NEWSARCHIVE_OBEY_CRAWL_DELAY = True
NEWSARCHIVE_MAX_CRAWL_DELAY = 60.0
NEWSARCHIVE_BACKOFF_STATUSES = [429, 503]
NEWSARCHIVE_BACKOFF_BASE = 5.0
NEWSARCHIVE_BACKOFF_MAX = 300.0
# Photos of each article, kept in the WARC and the media table (README "Photos").
NEWSARCHIVE_MEDIA_ENABLED = True
NEWSARCHIVE_MEDIA_MAX_BYTES = 5 * 1024 * 1024
NEWSARCHIVE_MEDIA_MAX_ATTEMPTS = 3

# Distributed mode (`newsarchive crawl --redis URL`, `newsarchive ingest`); see README.
NEWSARCHIVE_REDIS_ITEMS_KEY = "newsarchive:items"
NEWSARCHIVE_REDIS_DUPEFILTER_TTL = 7 * 24 * 3600
NEWSARCHIVE_REDIS_WORKER_TTL = 60
NEWSARCHIVE_REDIS_RETRY = 2.0
NEWSARCHIVE_REDIS_KNOWN_URLS = True
NEWSARCHIVE_REDIS_CLOSE_WAIT = 60
