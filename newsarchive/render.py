"""Rendering pages in a real browser: where Chromium is, how it is launched, whether it can be.

Some papers build their listings from a JSON API in the browser, or decode article bodies with
JavaScript (registry-evidence rows RE026, RE071, RE077, RE095).  Those pages are rendered with
Chromium through Playwright (``pip install 'newsarchive[render]'``, which also brings
scrapy-playwright for the crawl).  This module is the one place that knows

- which browser: Debian's ``/usr/bin/chromium`` when present (no download needed), else the
  browser Playwright installed for itself (``python -m playwright install chromium``);
- how it is launched (headless, flags that keep it quiet and small);
- whether rendering is available at all, and the one-line message to print when it is not;
- how a browser page reaches the offline mirror: every request it makes is answered from the
  mirror server, keeping the real URL (so scripts see the real origin, and CORS applies).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)

#: Debian's and Ubuntu's Chromium, used before Playwright's own download.
SYSTEM_CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
#: Flags for a crawler's browser: no GPU, no background traffic of its own, no sandbox (the
#: crawl runs unprivileged in containers where the sandbox cannot start).
CHROMIUM_FLAGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-dev-shm-usage")
INSTALL_HINT = ("rendering needs the render extra and a Chromium: "
                "pip install 'newsarchive[render]', then apt-get install chromium "
                "(or: python -m playwright install chromium)")
#: Resource types a crawl never needs to render a page's text (saves bandwidth and memory).
SKIPPED_RESOURCES = frozenset({"image", "media", "font"})


def system_chromium() -> str | None:
    """The system Chromium's path, or None.  ``NEWSARCHIVE_CHROMIUM`` overrides the search."""
    override = os.environ.get("NEWSARCHIVE_CHROMIUM")
    if override:
        return override if Path(override).is_file() else None
    for path in SYSTEM_CHROMIUM:
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
    return shutil.which("chromium")


def playwright_chromium() -> str | None:
    """Playwright's own downloaded Chromium, if one is installed (looked up on disk only)."""
    root = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
                or Path.home() / ".cache" / "ms-playwright")
    if not root.is_dir():
        return None
    for exe in sorted(root.glob("chromium*/chrome-linux*/chrome"), reverse=True):
        if os.access(exe, os.X_OK):
            return str(exe)
    for exe in sorted(root.glob("chromium_headless_shell*/chrome-*/*headless_shell"),
                      reverse=True):
        if os.access(exe, os.X_OK):
            return str(exe)
    return None


def browser_path() -> str | None:
    """The browser to launch: the system Chromium first, else Playwright's."""
    return system_chromium() or playwright_chromium()


def launch_options(*, headless: bool = True) -> dict[str, Any]:
    """Keyword arguments for ``playwright.chromium.launch`` (and PLAYWRIGHT_LAUNCH_OPTIONS)."""
    opts: dict[str, Any] = {"headless": headless, "args": list(CHROMIUM_FLAGS)}
    system = system_chromium()
    if system:
        opts["executable_path"] = system
    return opts


def unavailable_reason() -> str | None:
    """None when pages can be rendered here; else the one line saying what is missing."""
    # Looked up, not imported: every crawl process asks this for each rendering definition.
    if importlib.util.find_spec("playwright") is None:
        return f"the playwright package is not installed; {INSTALL_HINT}"
    if browser_path() is None:
        return f"no Chromium found; {INSTALL_HINT}"
    return None


def render_available() -> bool:
    return unavailable_reason() is None


def scrapy_settings(*, max_contexts: int = 1, max_pages: int = 4) -> dict[str, Any]:
    """Settings that turn scrapy-playwright on for requests carrying ``meta["playwright"]``.

    Only those requests go through the browser; every other request keeps Scrapy's own
    downloader.  Concurrency (and so memory) is bounded by one browser, ``max_contexts``
    contexts and ``max_pages`` pages per context; images, media and fonts are not fetched.
    """
    return {
        "DOWNLOAD_HANDLERS": {
            "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
            "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
        },
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": launch_options(),
        "PLAYWRIGHT_MAX_CONTEXTS": max_contexts,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": max_pages,
        "PLAYWRIGHT_ABORT_REQUEST": skip_resource,
    }


async def wait_quietly(page: Any, selector: str, timeout_ms: float) -> bool:
    """A crawl's PageMethod: wait until ``selector`` is in the DOM, at most ``timeout_ms``.

    A page that never shows it (a body that was not script-built after all, a changed
    template) is still kept and extracted as it is; returns whether the selector appeared.
    """
    try:
        await page.wait_for_selector(selector, state="attached", timeout=timeout_ms)
    except Exception as exc:  # playwright's TimeoutError, or a page closed meanwhile
        logger.info("%s did not show %r within %d ms: %s", page.url, selector, timeout_ms,
                    str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return False
    return True


def skip_resource(request: Any) -> bool:
    """PLAYWRIGHT_ABORT_REQUEST predicate: drop images, media and fonts while rendering."""
    return str(getattr(request, "resource_type", "")) in SKIPPED_RESOURCES


# ---- the offline mirror, seen from a browser ---------------------------------------------------
def mirror_fetch(mirror: str, url: str, method: str = "GET",
                 headers: dict[str, str] | None = None,
                 body: bytes | None = None, timeout: float = 30.0
                 ) -> tuple[int, dict[str, str], bytes]:
    """Fetch ``url`` from the mirror server at ``mirror`` with the real Host header.

    Returns (status, headers, body); HTTP errors are returned, not raised, as a browser sees them.
    """
    parts = urlsplit(url)
    target = mirror.rstrip("/") + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    send = {k: v for k, v in (headers or {}).items()
            if k.lower() not in ("host", "content-length", "connection", "accept-encoding")}
    send["Host"] = parts.hostname or ""
    req = urllib.request.Request(target, data=body, method=method, headers=send)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers.items()), exc.read()


def _fulfil_args(status: int, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    keep = {k: v for k, v in headers.items()
            if k.lower() not in ("content-length", "transfer-encoding", "connection")}
    return {"status": status, "headers": keep, "body": body}


def sync_mirror_route(mirror: str) -> Callable[[Any], None]:
    """A handler for ``page.route("**/*", ...)`` (sync Playwright) answering from the mirror."""

    def handle(route: Any) -> None:
        req = route.request
        status, headers, body = mirror_fetch(mirror, req.url, req.method, dict(req.headers),
                                             req.post_data_buffer)
        route.fulfill(**_fulfil_args(status, headers, body))

    return handle


def async_mirror_route(mirror: str) -> Callable[[Any], Awaitable[None]]:
    """The same for async Playwright (scrapy-playwright's ``playwright_page_init_callback``);
    the blocking fetch runs in a worker thread so the reactor's loop keeps going."""
    import asyncio

    async def handle(route: Any) -> None:
        req = route.request
        status, headers, body = await asyncio.to_thread(
            mirror_fetch, mirror, req.url, req.method, dict(req.headers), req.post_data_buffer)
        await route.fulfill(**_fulfil_args(status, headers, body))

    return handle


class Renderer:
    """Render pages one at a time in one headless Chromium (sync API): ``renderer(url)`` returns
    the DOM after the page's scripts ran and the network went quiet.

    Used by ``sources add`` (to see what a browser sees) and ``sources check``.  With ``mirror``
    every request goes to the offline mirror.  ``json_responses`` keeps (url, body) of the JSON
    answers the last page fetched: a listing API shows up there.
    """

    def __init__(self, mirror: str | None = None, headers: dict[str, str] | None = None,
                 timeout: float = 30.0) -> None:
        self.mirror = mirror
        self.headers = dict(headers or {})
        self.timeout_ms = timeout * 1000
        self.json_responses: list[tuple[str, bytes]] = []
        self._pw: Any = None
        self._browser: Any = None
        self._context: Any = None

    def _start(self) -> Any:
        if self._context is None:
            reason = unavailable_reason()
            if reason:
                raise RuntimeError(reason)
            from playwright.sync_api import sync_playwright

            self._pw = sync_playwright().start()
            self._browser = self._pw.chromium.launch(**launch_options())
            agent = self.headers.get("User-Agent")
            extra = {k: v for k, v in self.headers.items() if k.lower() != "user-agent"}
            self._context = self._browser.new_context(
                user_agent=agent, extra_http_headers=extra or None)
            if self.mirror:
                self._context.route("**/*", sync_mirror_route(self.mirror))
        return self._context

    def __call__(self, url: str) -> bytes:
        context = self._start()
        page = context.new_page()
        self.json_responses = []

        def keep(response: Any) -> None:
            kind = (response.headers.get("content-type") or "").lower()
            if "json" in kind:
                try:
                    self.json_responses.append((response.url, response.body()))
                except Exception:  # a response whose body is gone (redirect, aborted)
                    pass

        page.on("response", keep)
        try:
            response = page.goto(url, timeout=self.timeout_ms)
            if response is not None and response.status >= 400:
                raise OSError(f"HTTP Error {response.status} for {url}")
            page.wait_for_load_state("networkidle", timeout=self.timeout_ms)
            return str(page.content()).encode("utf-8")
        finally:
            page.close()

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._pw is not None:
            self._pw.stop()
        self._pw = self._browser = self._context = None

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = [
    "CHROMIUM_FLAGS",
    "INSTALL_HINT",
    "Renderer",
    "async_mirror_route",
    "browser_path",
    "launch_options",
    "mirror_fetch",
    "playwright_chromium",
    "render_available",
    "scrapy_settings",
    "skip_resource",
    "sync_mirror_route",
    "system_chromium",
    "unavailable_reason",
    "wait_quietly",
]
