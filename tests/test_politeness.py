"""robots.txt Crawl-delay and Retry-After, measured at a real server by a real Scrapy crawl.

A tiny virtual-hosted server on 127.0.0.1 plays three sites: polite.test (robots.txt says
Crawl-delay: 1), flaky.test (its page answers 503 with Retry-After: 1 once, then 200) and
storm.test (429 without Retry-After twice, then 200: exponential backoff from 0.5 s).
The crawl runs in a subprocess through the project's mirror router and settings.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import threading
import time
from datetime import UTC
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from newsarchive.crawling.politeness import parse_retry_after, robots_delay

if TYPE_CHECKING:
    from collections.abc import Iterator

REPO = Path(__file__).resolve().parents[1]
TOLERANCE = 0.05  # timer granularity between Scrapy's call_later and our clock


def _page(links: list[str], text: str) -> bytes:
    anchors = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{text}</title>'
            f"</head><body><p>{text}</p><ul>{anchors}</ul></body></html>").encode()


class _Sites(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
        pass

    def do_GET(self) -> None:
        host = (self.headers.get("Host") or "").split(":")[0]
        with self.server.lock:
            self.server.hits.append((host, self.path, time.monotonic()))
            flaky_seen = sum(1 for h, p, _ in self.server.hits if (h, p) == ("flaky.test", "/tin"))
            storm_seen = sum(1 for h, p, _ in self.server.hits if (h, p) == ("storm.test", "/"))
        status, headers, body = 404, {}, b"khong co"
        if host == "polite.test":
            if self.path == "/robots.txt":
                status, body = 200, b"User-agent: *\nCrawl-delay: 1\nDisallow: /rieng/\n"
            elif self.path == "/":
                status, body = 200, _page(["/bai-1", "/bai-2", "/bai-3", "/rieng/x"],
                                          "Trang chủ Báo Lịch Sự")
            elif self.path.startswith("/bai-"):
                status, body = 200, _page([], f"Bài {self.path[-1]}: tin địa phương")
        elif host == "flaky.test":
            if self.path == "/robots.txt":
                status, body = 200, b"User-agent: *\nAllow: /\n"
            elif self.path == "/":
                status, body = 200, _page(["/tin"], "Trang chủ Báo Quá Tải")
            elif self.path == "/tin":
                if flaky_seen == 1:
                    status, headers, body = 503, {"Retry-After": "1"}, b"qua tai, thu lai sau"
                else:
                    status, body = 200, _page([], "Tin đã tải lại được")
        elif host == "storm.test":
            if self.path == "/robots.txt":
                status, body = 200, b"User-agent: *\nAllow: /\n"
            elif self.path == "/":  # 429 without Retry-After twice, then fine
                status, body = (429, b"qua nhieu yeu cau") if storm_seen <= 2 else (
                    200, _page([], "Trang chủ Báo Bão Tải"))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Sites)
        self.lock = threading.Lock()
        self.hits: list[tuple[str, str, float]] = []


@pytest.fixture
def sites() -> Iterator[_Server]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _crawl(server: _Server, tmp_path: Path, *extra: str) -> dict[str, Any]:
    out = tmp_path / "stats.json"
    mirror = f"http://127.0.0.1:{server.server_address[1]}"
    proc = subprocess.run([sys.executable, "-m", "tests.politeness_crawl", mirror, str(out),
                           *extra], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-3000:]
    stats: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return stats


def _times(server: _Server, host: str, skip_robots: bool = True) -> list[tuple[str, float]]:
    return [(p, t) for h, p, t in server.hits
            if h == host and not (skip_robots and p == "/robots.txt")]


def test_crawl_delay_spaces_requests_and_retry_after_is_waited_out(
        sites: _Server, tmp_path: Path) -> None:
    stats = _crawl(sites, tmp_path)

    polite = _times(sites, "polite.test", skip_robots=False)
    assert next(p for p, _ in polite) == "/robots.txt"
    assert sorted(p for p, _ in polite[1:]) == ["/", "/bai-1", "/bai-2", "/bai-3"]  # /rieng/ obeyed
    gaps = [b - a for (_, a), (_, b) in itertools.pairwise(polite)]
    # Scrapy counts the delay from when it *sent* robots.txt; the first connection's setup
    # makes the server see that one a little late, so allow it more slack.
    assert gaps[0] >= 0.8, f"first page came {gaps[0]:.2f} s after robots.txt"
    assert min(gaps[1:]) >= 1.0 - TOLERANCE, f"requests to polite.test came {gaps} s apart"
    assert stats["newsarchive/politeness/crawl_delay/polite.test"] == 1.0

    flaky = [t for p, t in _times(sites, "flaky.test") if p == "/tin"]
    assert len(flaky) == 2, "the 503 page is retried once and then succeeds"
    waited = flaky[1] - flaky[0]
    assert waited >= 1.0 - TOLERANCE, f"retry came {waited:.2f} s after the 503"
    assert stats["downloader/response_status_count/503"] == 1
    assert stats["newsarchive/politeness/backoff/503"] == 1
    assert stats["newsarchive/politeness/retry_after_honoured"] == 1
    assert "newsarchive/politeness/crawl_delay/flaky.test" not in stats

    storm = [t for _, t in _times(sites, "storm.test")]
    assert len(storm) == 3, "429 twice (retried), then 200"
    first_wait, second_wait = storm[1] - storm[0], storm[2] - storm[1]
    assert first_wait >= 0.5 - TOLERANCE, f"first backoff only {first_wait:.2f} s"
    assert second_wait >= 1.0 - TOLERANCE, f"second backoff only {second_wait:.2f} s (exponential)"
    assert stats["newsarchive/politeness/backoff/429"] == 2


def test_without_the_middleware_the_same_crawl_is_neither_spaced_nor_paused(
        sites: _Server, tmp_path: Path) -> None:
    """Control: the waits above are the middleware's doing, not Scrapy's defaults."""
    stats = _crawl(sites, tmp_path, "--without-politeness")
    polite = _times(sites, "polite.test")
    gaps = [b - a for (_, a), (_, b) in itertools.pairwise(polite)]
    assert len(polite) == 4
    assert max(gaps) < 0.9, f"unexpectedly slow without the middleware: {gaps}"
    flaky = [t for p, t in _times(sites, "flaky.test") if p == "/tin"]
    assert len(flaky) == 2
    assert flaky[1] - flaky[0] < 0.9
    storm = [t for _, t in _times(sites, "storm.test")]
    assert len(storm) == 3
    assert storm[2] - storm[0] < 0.9
    assert not any(k.startswith("newsarchive/politeness/") for k in stats)


@pytest.mark.parametrize(("header", "seconds"), [
    ("120", 120.0),
    (b"7", 7.0),
    ("Fri, 27 Nov 2026 10:00:30 GMT", 30.0),
    ("Fri, 27 Nov 2026 09:59:00 GMT", 0.0),  # already past: go now
    ("ngày mai", None),
    ("", None),
    (None, None),
])
def test_parse_retry_after(header: str | bytes | None, seconds: float | None) -> None:
    from datetime import datetime

    now = datetime(2026, 11, 27, 10, 0, 0, tzinfo=UTC).timestamp()
    assert parse_retry_after(header, now=now) == seconds


def test_robots_delay_takes_the_slower_of_crawl_delay_and_request_rate() -> None:
    ua = "newsarchive/0.1 (+https://example.org)"
    assert robots_delay("User-agent: *\nCrawl-delay: 2\n", ua) == 2.0
    assert robots_delay("User-agent: *\nCrawl-delay: 2\nRequest-rate: 1/10s\n", ua) == 10.0
    assert robots_delay("User-agent: *\nDisallow: /in-bai/\n", ua) is None
    # A group for another bot does not apply to us.
    assert robots_delay("User-agent: Googlebot\nCrawl-delay: 30\n\nUser-agent: *\nAllow: /\n",
                        ua) is None
