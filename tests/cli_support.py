"""Helpers for the command-line tests: the real `main` in-process, archive fingerprints, and a
small provincial paper served on 127.0.0.1 (optionally slow, to interrupt crawls mid-download)."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from newsarchive.cli import main


def invoke(*args: str) -> Result:
    """`newsarchive ARGS` through click's runner on the real `main` (no subprocess)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def digest(db: Path) -> str:
    """sha256 over the archive file and its -wal file: any write changes it."""
    h = hashlib.sha256()
    for path in (db, Path(f"{db}-wal")):
        if path.exists():
            h.update(path.read_bytes())
    return h.hexdigest()


def snapshot(db: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every article (url, source, title, version) and every run row, in order."""
    conn = sqlite3.connect(db)
    try:
        articles = conn.execute(
            "select url, source, title, version from articles order by url").fetchall()
        runs = conn.execute("select id, source, state from crawls order by id").fetchall()
    finally:
        conn.close()
    return articles, runs


def error_line(stderr: str) -> str:
    """The one line a failing command printed (asserts there is exactly one, no traceback)."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr, stderr
    assert len(lines) == 1, stderr
    return lines[0]


# ---- a paper on loopback ----------------------------------------------------------------------
_PLACES = ["Mường Tè", "Sìn Hồ", "Phong Thổ", "Than Uyên", "Tân Uyên", "Nậm Nhùn", "Tam Đường"]
_TOPICS = ["đường bê tông về bản", "trồng chè Shan tuyết", "lớp học xóa mù chữ",
           "nước sạch cho điểm trường", "mùa gặt ruộng bậc thang", "chợ phiên vùng cao"]


def article_html(n: int) -> str:
    place, topic = _PLACES[n % len(_PLACES)], _TOPICS[n % len(_TOPICS)]
    day = 1 + n % 27
    paragraphs = "".join(
        f"<p>Đoạn {k}: người dân huyện {place} phấn khởi với {topic}; chính quyền xã cho biết "
        f"đã có {10 + n + k} hộ tham gia trong năm nay, kế hoạch năm sau mở rộng thêm "
        f"{3 + k} thôn bản.</p>" for k in range(1, 6))
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>Huyện {place}: {topic} (bài {n})</title></head><body><article>"
        f"<h1>Huyện {place}: {topic} (bài {n})</h1>"
        f'<p class="date">{day:02d}/03/2024 08:{n % 60:02d}</p>'
        f"{paragraphs}<p>Hoàng Lan</p></article></body></html>")


class _QuietServer(ThreadingHTTPServer):
    """An interrupted crawl hangs up mid-request; that is expected here, not worth a traceback."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class LocalPaper:
    """A threaded HTTP server on 127.0.0.1 serving one paper: a home page listing ``articles``
    article links and the article pages; after the first ``fast`` article requests, each
    article is answered after ``delay`` seconds (change ``delay`` any time)."""

    def __init__(self, articles: int = 6, delay: float = 0.0, fast: int = 0) -> None:
        self.articles = articles
        self.delay = delay
        self.fast = fast
        self.served = 0
        self._count = threading.Lock()
        self.requests: list[str] = []
        self._stop = threading.Event()
        paper = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                paper.requests.append(self.path)
                if self.path == "/robots.txt":
                    body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
                elif self.path == "/":
                    links = "".join(
                        f'<li><a href="/thoi-su/bai-viet-{i}-a{1000 + i}.html">Bài {i}</a></li>'
                        for i in range(paper.articles))
                    body = ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
                            f"<title>Báo Thử</title></head><body><ul>{links}</ul></body></html>"
                            ).encode()
                    kind = "text/html; charset=utf-8"
                elif self.path.startswith("/thoi-su/bai-viet-"):
                    n = int(self.path.rsplit("-a", 1)[1].split(".")[0]) - 1000
                    with paper._count:
                        paper.served += 1
                        slow = paper.served > paper.fast
                    if paper.delay and slow:
                        paper._stop.wait(paper.delay)
                    body, kind = article_html(n).encode(), "text/html; charset=utf-8"
                else:
                    self.send_error(404)
                    return
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the crawler hung up (an interrupted crawl)

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> LocalPaper:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()

    def definition(self, folder: Path, source_id: str = "baothu", *,
                   verified: bool = True) -> Path:
        """Write a source definition for this paper into ``folder``."""
        return write_definition(folder, source_id, self.url, verified=verified)


#: Settings for crawling a loopback paper without the real sites' politeness delays.
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "RETRY_TIMES=0"]


def write_definition(folder: Path, source_id: str, home: str, *, verified: bool = True,
                     pattern: str | None = "-a\\d+\\.html$") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{source_id}.yaml"
    lines = [f"id: {source_id}", f"name: Báo {source_id}", "province: Lai Châu",
             f"homepage: {home}", f"verified: {'true' if verified else 'false'}"]
    if pattern:
        lines.append(f"article_url_pattern: '{pattern}'")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def dead_url() -> str:
    """An address on 127.0.0.1 where nothing listens."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/"


def wait_for(condition: Any, timeout: float = 60.0, every: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False
