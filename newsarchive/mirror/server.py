"""A threaded HTTP/1.1 server on 127.0.0.1 that serves every mirror site by its Host header.

The crawler fetches real URLs (``https://baodienbienphu.info.vn/...``); the lead's download
handler sends them here with the original Host header, so one port serves all sites.  Every
request is recorded, so tests can prove that no off-site host or disallowed path was requested.
"""

from __future__ import annotations

import argparse
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsarchive.mirror import build_sites
from newsarchive.mirror.model import Page, Site

if TYPE_CHECKING:
    from types import TracebackType

LOGGER = logging.getLogger(__name__)

_NOT_FOUND = Page(
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>404 - Không tìm thấy'
    "</title></head><body><h1>404 - Không tìm thấy trang</h1></body></html>".encode(),
    status=404,
)
_UNKNOWN_HOST = Page(b"unknown host\n", content_type="text/plain; charset=utf-8", status=404)
_FORBIDDEN = Page(
    b"<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden"
    b"</h1><p>Access denied.</p></body></html>", status=403,
)


def _browser_like(headers: Any) -> bool:
    """What a bot filter in front of a paper checks: a browser's User-Agent and languages."""
    agent = headers.get("User-Agent") or ""
    return agent.startswith("Mozilla/") and bool(headers.get("Accept-Language"))


def normalize_host(value: str | None) -> str:
    """``WWW.Site.vn:8080`` -> ``site.vn`` (port and leading www. stripped, lower-case)."""
    host = (value or "").strip().lower()
    if host.startswith("["):  # IPv6 literal
        host = host.split("]", 1)[0] + "]"
    else:
        host = host.rsplit(":", 1)[0] if ":" in host else host
    return host.removeprefix("www.")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "newsarchive-mirror"
    sys_version = ""
    server: _Server
    timeout = 30

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, *, send_body: bool) -> None:
        target = self.path
        header_host = self.headers.get("Host")
        if target.startswith(("http://", "https://")):  # absolute-form (proxy style)
            parts = urlsplit(target)
            header_host = parts.netloc or header_host
            target = parts.path or "/"
            if parts.query:
                target += "?" + parts.query
        host = normalize_host(header_host)
        page, site = self.server.mirror.lookup(host, target)
        if site is not None and site.browser_only and not _browser_like(self.headers):
            page = _FORBIDDEN
        if page.reset:
            self.server.mirror.record(host, target, 0)
            self.close_connection = True
            self.connection.shutdown(2)  # RST/FIN with no response at all
            return
        if page.fail_first and self.server.mirror.hit(host, target) <= page.fail_first:
            page = Page(b"Service Unavailable", "text/plain; charset=utf-8", 503,
                        {"Retry-After": "1"})
        self.server.mirror.record(host, target, page.status)
        if page.delay > 0:
            # Fault pages: wait, but give up at once when the server stops.
            self.server.mirror.stopping.wait(self.server.mirror.slow_seconds)
        try:
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            body = page.data()
            self.send_header("Content-Length", str(len(body)))
            for name, value in page.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if send_body:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            LOGGER.debug("client went away during %s%s", host, target)

    def log_message(self, format: str, *args: Any) -> None:
        LOGGER.debug("%s - " + format, self.address_string(), *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    mirror: MirrorServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        LOGGER.debug("error while serving %s", client_address, exc_info=True)


class MirrorServer:
    """Serve the mirror on ``host:port`` (port 0 = any free port).  Use as a context manager.

    ``faults=True`` adds the fault pages on baodienbienphu.info.vn; the slow one waits
    ``slow_seconds`` before answering.  ``requests`` lists ``(host, path_with_query, status)`` of
    every request in arrival order (hosts normalised: no port, no www.).
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        faults: bool = False,
        slow_seconds: float = 5.0,
        sites: dict[str, Site] | None = None,
    ) -> None:
        self.bind_host = host
        self.bind_port = port
        self.faults = faults
        self.slow_seconds = slow_seconds
        self.sites: dict[str, Site] = sites if sites is not None else build_sites(faults=faults)
        self._by_host: dict[str, tuple[Site, dict[str, Page]]] = {}
        for s in self.sites.values():
            for h, pages in s.all_hosts().items():
                self._by_host[normalize_host(h)] = (s, pages)
        self._lock = threading.Lock()
        self._requests: list[tuple[str, str, int]] = []
        self._hits: dict[tuple[str, str], int] = {}
        self.stopping = threading.Event()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lookup and recording (called from handler threads) --------------------------------
    def lookup(self, host: str, target: str) -> tuple[Page, Site | None]:
        found = self._by_host.get(host)
        if found is None:
            return _UNKNOWN_HOST, None
        site, pages = found
        page = pages.get(target)
        if page is None and "#" in target:
            page = pages.get(target.split("#", 1)[0])
        if page is None:
            page = pages.get("/404", _NOT_FOUND)
        return page, site

    def hit(self, host: str, target: str) -> int:
        """How many times this page has been requested, this one included."""
        with self._lock:
            n = self._hits.get((host, target), 0) + 1
            self._hits[(host, target)] = n
            return n

    def record(self, host: str, target: str, status: int) -> None:
        with self._lock:
            self._requests.append((host, target, status))

    @property
    def requests(self) -> list[tuple[str, str, int]]:
        """A snapshot of every request so far, in order."""
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    # -- lifecycle ---------------------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("server not started")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self.bind_host}:{self.port}"

    def start(self) -> MirrorServer:
        if self._httpd is not None:
            return self
        self.stopping.clear()
        httpd = _Server((self.bind_host, self.bind_port), _Handler)
        httpd.mirror = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            name="mirror-server",
            kwargs={"poll_interval": 0.1},
            daemon=True,
        )
        self._thread.start()
        LOGGER.info("mirror serving %d sites at %s", len(self.sites), self.url)
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def serve_forever(port: int = 8000, faults: bool = False, host: str = "127.0.0.1") -> None:
    """Run the mirror in the foreground until Ctrl-C."""
    server = MirrorServer(host, port, faults=faults).start()
    for site in server.sites.values():
        LOGGER.info("  %s -> %s (%d pages)", site.base_url, server.url, len(site.pages))
    try:
        server.stopping.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the bundled mirror sites by Host header.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--faults", action="store_true", help="also serve the fault pages")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    serve_forever(args.port, args.faults, args.host)


if __name__ == "__main__":
    main()
