"""The download handler of a crawl that renders: scrapy-playwright for marked requests, the
mirror-aware HTTP handler for the rest, and what the server served kept beside the rendered DOM.

scrapy-playwright hands the spider the DOM after the page's scripts ran; the archive must also
keep the bytes the server sent (WARC ``response``), so the page's own navigation response is
read while the page is still open and travels in ``request.meta["newsarchive_served"]`` to the
capture middleware.  With ``NEWSARCHIVE_MIRROR`` every request the browser makes (the page,
its scripts, a JSON API it calls) is answered by the offline mirror, under its real URL.

Enabled per spider by :func:`newsarchive.crawling.requests.render_settings`, only for sources
that render; importing this module needs the ``render`` extra.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from scrapy_playwright.page import PageMethod

from newsarchive import render
from newsarchive.crawling.mirror import MirrorAwareDownloadHandler

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

logger = logging.getLogger(__name__)

SERVED_KEY = "newsarchive_served"


class RenderingDownloadHandler(  # scrapy-playwright ships no type hints: its class is Any
        MirrorAwareDownloadHandler, ScrapyPlaywrightDownloadHandler):  # type: ignore[misc]
    """``meta["playwright"]`` requests go to the browser; all others as plain (mirrored) HTTP."""

    async def download_request(self, request: Request) -> Response:
        if not request.meta.get("playwright"):
            return await MirrorAwareDownloadHandler.download_request(self, request)
        # Set here, not by the spider: a bound method cannot be serialised with the request
        # (disk or Redis queues), and it is removed before the request travels on.
        request.meta["playwright_page_init_callback"] = self._prepare_page
        try:
            response: Response = await ScrapyPlaywrightDownloadHandler.download_request(
                self, request)
            return response
        finally:
            request.meta.pop("playwright_page_init_callback", None)

    async def _prepare_page(self, page: Any, request: Request) -> None:
        """Watch for the page's own response; route the browser to the mirror when crawling it."""
        holder: dict[str, Any] = {}

        def keep(response: Any) -> None:
            if (response.frame == page.main_frame and response.request.is_navigation_request()
                    and not 300 <= response.status < 400):
                holder["response"] = response

        page.on("response", keep)
        if self._mirror:
            await page.route("**/*", _mirror_route(self._mirror, request))
        methods = list(request.meta.get("playwright_page_methods") or ())
        request.meta["playwright_page_methods"] = [*methods,
                                                   PageMethod(_keep_served, holder, request)]


async def _keep_served(page: Any, holder: dict[str, Any], request: Request) -> None:
    """PageMethod run last, page still open: the served status, headers and bytes to meta."""
    response = holder.get("response")
    if response is None:
        return
    try:
        body = await response.body()
        headers = await response.headers_array()
    except Exception as exc:  # the body is gone (an aborted or replaced navigation)
        logger.debug("served body of %s not available: %s", request.url, exc)
        return
    request.meta[SERVED_KEY] = {
        "status": response.status,
        "headers": [(h["name"], h["value"]) for h in headers],
        "body": body,
    }


def _mirror_route(mirror: str, scrapy_request: Request) -> Any:
    """A ``page.route`` handler answering from the mirror.

    It takes over from scrapy-playwright's own route, so it applies the same rules: the page's
    navigation carries the Scrapy request's headers (the definition's, the User-Agent), other
    requests the browser's with Scrapy's User-Agent, and images, media and fonts are skipped.
    """
    scrapy_headers = {k.decode("latin-1").lower(): b", ".join(v).decode("latin-1")
                      for k, v in scrapy_request.headers.items()}
    agent = scrapy_headers.get("user-agent")

    async def handle(route: Any) -> None:
        req = route.request
        if render.skip_resource(req):
            await route.abort()
            return
        headers = dict(req.headers)
        if req.is_navigation_request() and req.frame.parent_frame is None:
            headers.update(scrapy_headers)
        elif agent:
            headers["user-agent"] = agent
        status, got, body = await asyncio.to_thread(
            render.mirror_fetch, mirror, req.url, req.method, headers, req.post_data_buffer)
        keep = {k: v for k, v in got.items()
                if k.lower() not in ("content-length", "transfer-encoding", "connection")}
        await route.fulfill(status=status, headers=keep, body=body)

    return handle


__all__ = ["SERVED_KEY", "RenderingDownloadHandler"]
