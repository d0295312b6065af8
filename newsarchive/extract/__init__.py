"""html -> Article: the pure extraction function every stage shares.

``extract(html, url, source)`` parses the page once and fills each field from the first layer
that gives a sane value: the source definition's selectors, structured metadata (JSON-LD,
OpenGraph, article:*, itemprop, Dublin Core) checked against the page, Vietnamese patterns on the
visible page, and generic detection.  ``ExtractResult.provenance`` names the layer per field.
No network, no database, no global state; it never raises.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from newsarchive.extract.page import PageExtractor
from newsarchive.items import ExtractResult

if TYPE_CHECKING:
    from newsarchive.sources import Source

LOG = logging.getLogger(__name__)

__all__ = ["extract"]


def extract(html: bytes | str, url: str, source: Source | None = None) -> ExtractResult:
    """Extract one page.  Garbage in gives ``ExtractResult("other")`` and a warning, never an error."""
    started = time.perf_counter()
    try:
        result = PageExtractor(html, url, source).run()
    except RecursionError:
        LOG.warning("extract: page too deeply nested, skipped: %s", url)
        return ExtractResult("other")
    except Exception as exc:  # a bad page must never stop a crawl
        LOG.warning("extract: failed on %s: %s: %s", url, type(exc).__name__, exc)
        return ExtractResult("other")
    elapsed = time.perf_counter() - started
    if elapsed > 2.0:
        LOG.warning("extract: slow page (%.1f s): %s", elapsed, url)
    return result
