"""Log lines a researcher can read: a dropped article is one line with its reason and URL.

Scrapy's default logs the whole item (the full article body) for every drop.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.logformatter import LogFormatter, LogFormatterResult

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.http import Response
    from twisted.python.failure import Failure


class ConciseLogFormatter(LogFormatter):
    def dropped(self, item: Any, exception: BaseException, response: Response | Failure | None,
                spider: Spider) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        result["msg"] = "Dropped %(exception)s"
        result["args"] = {"exception": exception}
        return result


class OneLineDownloadErrors(logging.Filter):
    """A robots.txt that cannot be fetched (dead server, refused) is one line, not a traceback.

    Scrapy's RobotsTxtMiddleware logs the failure with exc_info; the reason is already in the
    message, and a researcher's log of a dead site should read as such.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and str(record.msg).startswith("Error downloading"):
            record.exc_info = None
            record.exc_text = None
        return True


def install_log_filters() -> None:
    """Idempotently attach the filters to Scrapy's loggers."""
    robots = logging.getLogger("scrapy.downloadermiddlewares.robotstxt")
    if not any(isinstance(f, OneLineDownloadErrors) for f in robots.filters):
        robots.addFilter(OneLineDownloadErrors())
