"""Distributed crawling against a REAL redis-server on 127.0.0.1 (started here, password-protected).

Crawl workers and the ingester run as real subprocesses; they are SIGKILLed mid-run and the
archive must still hold every article exactly once.  Skips only when redis-server is missing.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    import redis

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None,
    reason="redis-server is not installed (Debian: apt-get install redis-server); "
           "the distributed tests need a real Redis",
)


# ---- a real Redis server ---------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer:
    """redis-server on a free loopback port, with a password, data in a temp dir."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.port = _free_port()
        self.password = secrets.token_hex(16)
        self.url = f"redis://:{self.password}@127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--requirepass", self.password, "--dir", str(self.workdir), "--save", "",
             "--appendonly", "yes", "--appendfsync", "always", "--protected-mode", "yes",
             "--logfile", str(self.workdir / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                self.client().ping()
                return
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start; see {self.workdir / 'redis.log'}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None

    def client(self) -> redis.Redis:
        import redis

        return redis.Redis.from_url(self.url)


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def rclient(redis_server: RedisServer) -> Iterator[redis.Redis]:
    client = redis_server.client()
    client.flushall()
    yield client
    client.close()


# ---- a small Vietnamese news site, served for real ---------------------------------------------
CATEGORIES = {"thoi-su": "Thời sự", "kinh-te": "Kinh tế", "van-hoa": "Văn hóa"}
PAGES_PER_CATEGORY = 3
ARTICLES_PER_PAGE = 6
TOPICS = [
    "Nông dân Mường Phăng thu hoạch cà phê", "Điện Biên khởi công đường nối Tây Trang",
    "Học sinh vùng cao Tủa Chùa vào năm học mới", "Lễ hội hoa ban thu hút du khách",
    "Hợp tác xã Thanh Nưa mở rộng trồng lúa nếp", "Ngày hội văn hóa các dân tộc Mường Nhé",
]


def article_paths() -> list[str]:
    return [f"/bai/{c}-{p}-{i}.html" for c in CATEGORIES
            for p in range(1, PAGES_PER_CATEGORY + 1) for i in range(1, ARTICLES_PER_PAGE + 1)]


def article_title(path: str) -> str:
    n = article_paths().index(path)
    return f"{TOPICS[n % len(TOPICS)]} (kỳ {n + 1})"


def article_body(path: str) -> str:
    n = article_paths().index(path)
    return (f"Sáng {1 + n % 28}/7, {TOPICS[n % len(TOPICS)].lower()} trong niềm vui của bà con."
            "\n\nTheo ông Lò Văn Hùng, chủ tịch xã, năm nay sản lượng tăng rõ rệt nhờ thời tiết "
            "thuận lợi và giống mới.")


class Site:
    """The site's pages plus a log of (time, path) of every request it answered."""

    def __init__(self) -> None:
        self.log: list[tuple[float, str]] = []
        self.lock = threading.Lock()
        paths = article_paths()
        self.pages: dict[str, str] = {"/": self._page("Trang chủ", [
            (f"/chuyen-muc/{c}/trang-1", name) for c, name in CATEGORIES.items()])}
        for c, name in CATEGORIES.items():
            for p in range(1, PAGES_PER_CATEGORY + 1):
                links = [(f"/bai/{c}-{p}-{i}.html", "") for i in range(1, ARTICLES_PER_PAGE + 1)]
                if p < PAGES_PER_CATEGORY:
                    links.append((f"/chuyen-muc/{c}/trang-{p + 1}", "Trang sau"))
                self.pages[f"/chuyen-muc/{c}/trang-{p}"] = self._page(name, links)
        for n, path in enumerate(paths):
            related = [(paths[(n + 7) % len(paths)], "Tin liên quan"),
                       (paths[(n + 20) % len(paths)], "Tin liên quan")]
            body = "".join(f"<p>{para}</p>" for para in article_body(path).split("\n\n"))
            self.pages[path] = self._page(article_title(path), related, f"<article>{body}</article>")

    @staticmethod
    def _page(title: str, links: list[tuple[str, str]], extra: str = "") -> str:
        anchors = "".join(f'<a href="{href}">{text or href}</a>' for href, text in links)
        return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>'
                f"</head><body><h1>{title}</h1>{extra}<nav>{anchors}</nav></body></html>")

    def served(self, prefix: str = "/") -> list[tuple[float, str]]:
        with self.lock:
            return [(t, p) for t, p in self.log if p.startswith(prefix)]


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    data = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            with data.lock:
                data.log.append((time.monotonic(), self.path))
            page = data.pages.get(self.path)
            if page is None:
                self.send_response(404)
                self.end_headers()
                return
            if self.path.startswith("/bai/"):
                time.sleep(0.02)  # a little server time, so kills land mid-request
            body = page.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield data, f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


# ---- worker and ingester processes ---------------------------------------------------------------
def _site_worker_main() -> None:
    """Entry point of a worker subprocess: crawl the test site through Redis (argv[1] = JSON)."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from newsarchive.crawling.run import project_settings
    from newsarchive.distributed import redis_overrides
    from newsarchive.items import Article

    args = json.loads(sys.argv[1])
    base = args["base"]

    class SiteSpider(scrapy.Spider):
        name = "testsite"

        async def start(self) -> Any:
            yield scrapy.Request(base + "/")

        def parse(self, response: Any) -> Any:
            for href in response.css("a::attr(href)").getall():
                callback = self.parse_article if "/bai/" in href else self.parse
                yield response.follow(href, callback=callback)

        def parse_article(self, response: Any) -> Any:
            paras = response.css("article p::text").getall()
            yield Article(url=response.url, source="testsite",
                          title=response.css("h1::text").get(), body="\n\n".join(paras),
                          fetched_url=response.url, http_status=response.status)
            yield from self.parse(response)

    overrides = redis_overrides(args["redis_url"], "testsite")
    overrides.update({
        "ITEM_PIPELINES": {"newsarchive.distributed.pipeline.RedisPushPipeline": 400},
        "NEWSARCHIVE_WARC_ENABLED": False,
        "NEWSARCHIVE_REDIS_SITE_DELAY": args["delay"],
        "NEWSARCHIVE_REDIS_WORKER_TTL": 2,
        "NEWSARCHIVE_REDIS_RETRY": 0.5,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
        "LOG_FILE": args["log"],
        "LOG_LEVEL": "INFO",
        "NEWSARCHIVE_PROGRESS": False,
    })
    process = CrawlerProcess(project_settings(overrides), install_root_handler=True)
    process.crawl(SiteSpider)
    process.start()


def start_worker(redis_url: str, base: str, log: Path, delay: float) -> subprocess.Popen[bytes]:
    code = "from tests.test_distributed import _site_worker_main; _site_worker_main()"
    arg = json.dumps({"redis_url": redis_url, "base": base, "log": str(log), "delay": delay})
    return subprocess.Popen([sys.executable, "-c", code, arg], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def start_ingester(redis_url: str, db: Path, log: Path, *, batch: int = 5,
                   stop_when_idle: float | None = None) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "newsarchive.distributed.ingest", redis_url, str(db),
           "--batch", str(batch)]
    if stop_when_idle is not None:
        cmd += ["--stop-when-idle", str(stop_when_idle)]
    return subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=log.open("ab"))


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def archived(db: Path) -> list[tuple[str, str, str, int]]:
    """(url, title, body, version) of every archived article."""
    if not db.exists():
        return []
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT url, title, body, version FROM articles ORDER BY url").fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


def kill(proc: subprocess.Popen[bytes]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)


# ---- settings ----------------------------------------------------------------------------------
def test_overrides_switch_a_crawl_to_shared_queue_and_redis_items() -> None:
    from newsarchive.distributed import redis_overrides

    s = redis_overrides("redis://:pw@10.0.0.5:6379/0", "baodienbienphu")
    assert s["SCHEDULER"].endswith("SharedScheduler")
    assert s["SCHEDULER_QUEUE_KEY"] % {"spider": "baodienbienphu"} == "newsarchive:baodienbienphu:requests"
    assert s["SCHEDULER_DUPEFILTER_KEY"] % {"spider": "baohagiang"} == "newsarchive:baohagiang:dupefilter"
    assert "pipelines.store.StorePipeline" not in s["ITEM_PIPELINES"]
    assert s["ITEM_PIPELINES"]["newsarchive.distributed.pipeline.RedisPushPipeline"] == 400
    assert "newsarchive.crawling.capture.WarcCaptureMiddleware" not in s["DOWNLOADER_MIDDLEWARES"]
    with pytest.raises(ValueError, match="redis://"):
        redis_overrides("10.0.0.5:6379", "baodienbienphu")


# ---- dupefilter memory -------------------------------------------------------------------------
def test_dupefilter_is_per_source_expires_and_stays_small(rclient: redis.Redis) -> None:
    from scrapy import Request

    from newsarchive.distributed.dupefilter import ExpiringDupeFilter

    n = 20_000
    df = ExpiringDupeFilter(rclient, "newsarchive:baodienbienphu:dupefilter", ttl=3600)
    other = ExpiringDupeFilter(rclient, "newsarchive:baohagiang:dupefilter", ttl=3600)
    urls = [f"https://baodienbienphu.info.vn/tin-tuc/thoi-su/bai-{i}.html" for i in range(n)]
    assert not any(df.request_seen(Request(u)) for u in urls)
    assert df.request_seen(Request(urls[123]))
    assert not other.request_seen(Request(urls[123]))  # another paper's set
    assert 0 < rclient.ttl(df.key) <= 3600
    per_url = rclient.memory_usage(df.key) / n
    # 40-char hex members (upstream) cost ~ 80 B/URL here; 16-byte members must stay well below.
    assert per_url < 70, f"{per_url:.1f} bytes per URL"


# ---- the reliable item queue and the ingester --------------------------------------------------
def _article_message(n: int, *, body_suffix: str = "") -> dict[str, Any]:
    from newsarchive.distributed.queue import make_message
    from newsarchive.items import Article, Caption

    article = Article(
        url=f"https://baodienbienphu.info.vn/tin-tuc/kinh-te/bai-{n}.html",
        source="baodienbienphu", title=f"Mường Ảng phát triển cà phê bền vững (bài {n})",
        body="Huyện Mường Ảng hiện có hơn 3.000 ha cà phê." + body_suffix,
        sapo="Cây cà phê đang giúp bà con thoát nghèo.", published="2024-07-01T08:30:00+07:00",
        captions=[Caption(text="Thu hoạch cà phê ở xã Ẳng Nưa.", credit="Hoàng Châu")],
        fetched_url=f"https://baodienbienphu.info.vn/tin-tuc/kinh-te/bai-{n}.html",
        fetched_at="2024-07-02T01:00:00+00:00", http_status=200,
        warc_file=f"baodienbienphu-w1-{n // 100}.warc.gz", warc_offset=1000 * n,
        content_digest=f"sha256:{n:064x}",
    )
    return make_message("article", article.to_dict(), worker="w1")


def test_ingester_replays_a_committed_but_unacknowledged_batch_once(
        rclient: redis.Redis, redis_server: RedisServer, tmp_path: Path) -> None:
    """The worst moment to die: after the SQLite commit, before Redis forgets the batch."""
    from newsarchive.archive import Archive
    from newsarchive.distributed.ingest import Ingester, run_ingester
    from newsarchive.distributed.queue import ItemConsumer, ItemPusher, make_message
    from newsarchive.distributed.connection import Outage

    pusher = ItemPusher(rclient, Outage(redis_server.url, "test"))
    for n in range(30):
        assert pusher.push(_article_message(n))
    assert pusher.push(_article_message(7, body_suffix=" Bản cập nhật."))  # a real new version
    assert pusher.push(make_message("capture", {
        "url": "https://baodienbienphu.info.vn/", "final_url": "https://baodienbienphu.info.vn/",
        "status": 200, "fetched_at": "2024-07-02T01:00:00+00:00", "content_type": "text/html",
        "digest": "sha256:00", "warc_file": "baodienbienphu-w1-home.warc.gz", "warc_offset": 0,
        "warc_length": 2048}, worker="w1"))
    db = tmp_path / "archive.db"
    consumer = ItemConsumer(rclient)
    with Archive(db) as archive:
        stored, bad = Ingester(archive).store_batch(consumer.take(20, 1))
    assert (stored, bad) == (20, [])
    # ... and the process "dies" here: no consumer.done().
    assert rclient.llen(consumer.processing) == 20

    stored_now = run_ingester(redis_server.url, db, batch=8, stop_when_idle=0.3)
    assert stored_now == 12  # the 20 replayed are skipped, only the rest is new work
    rows = archived(db)
    assert len(rows) == 30
    versions = {url.rsplit("-", 1)[1]: v for url, _, _, v in rows}
    assert versions.pop("7.html") == 2
    assert set(versions.values()) == {1}
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM article_versions").fetchone()[0] == 31
    assert conn.execute("SELECT count(*) FROM captures").fetchone()[0] == 30  # 1 home + 29 files
    assert conn.execute("SELECT count(*) FROM ingest_ledger").fetchone()[0] == 0
    conn.close()
    assert rclient.llen(consumer.processing) == 0
    assert rclient.llen(consumer.key) == 0


def test_ingester_sigkilled_repeatedly_loses_and_doubles_nothing(
        rclient: redis.Redis, redis_server: RedisServer, tmp_path: Path) -> None:
    from newsarchive.distributed.connection import Outage
    from newsarchive.distributed.queue import ItemPusher

    n = 1500
    pusher = ItemPusher(rclient, Outage(redis_server.url, "test"))
    for i in range(n):
        pusher.backlog.append(json.dumps(_article_message(i), ensure_ascii=False).encode())
    assert pusher.flush()
    db, log = tmp_path / "archive.db", tmp_path / "ingest.log"
    for round_ in range(3):
        proc = start_ingester(redis_server.url, db, log, batch=25)
        floor = (round_ + 1) * n // 5
        wait_for(lambda floor=floor: len(archived(db)) >= floor, 30, f"{floor} articles stored")
        kill(proc)
    proc = start_ingester(redis_server.url, db, log, batch=25, stop_when_idle=0.5)
    assert proc.wait(60) == 0, log.read_text()
    rows = archived(db)
    assert len(rows) == n
    assert {v for *_, v in rows} == {1}
    assert "replaying a batch" in log.read_text()
    assert rclient.llen("newsarchive:items:dead") == 0


# ---- crawl workers -----------------------------------------------------------------------------
def _assert_clean_logs(logs: list[Path]) -> None:
    for log in logs:
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        assert "[py.warnings]" not in text and "Warning:" not in text, f"{log}:\n{text[-3000:]}"
        assert "Traceback" not in text, f"{log}:\n{text[-3000:]}"


def test_three_workers_survive_a_killed_worker_and_a_killed_ingester(
        rclient: redis.Redis, redis_server: RedisServer, site: tuple[Site, str],
        tmp_path: Path) -> None:
    data, base = site
    delay = 0.06
    db = tmp_path / "archive.db"
    ilog = tmp_path / "ingest.log"
    logs = [tmp_path / f"worker{i}.log" for i in range(4)]
    ingester = start_ingester(redis_server.url, db, ilog, batch=5)
    workers = [start_worker(redis_server.url, base, logs[i], delay) for i in range(3)]
    try:
        wait_for(lambda: len(data.served("/bai/")) >= 12, 40, "a dozen articles fetched")
        kill(workers[0])
        wait_for(lambda: len(archived(db)) >= 8, 30, "articles reaching the archive")
        kill(ingester)
        ingester = start_ingester(redis_server.url, db, ilog, batch=5)
        workers.append(start_worker(redis_server.url, base, logs[3], delay))  # a restarted worker
        for w in workers[1:]:
            assert w.wait(60) == 0, w.stderr.read().decode() if w.stderr else ""
        wait_for(lambda: rclient.llen("newsarchive:items") == 0, 20, "the item queue drained")
        ingester.send_signal(signal.SIGTERM)
        assert ingester.wait(20) == 0, ilog.read_text()
    finally:
        for p in [*workers, ingester]:
            if p.poll() is None:
                kill(p)

    rows = archived(db)
    expected = {base + p: (article_title(p), article_body(p)) for p in article_paths()}
    assert {url: (title, body) for url, title, body, _ in rows} == expected
    assert {v for *_, v in rows} == {1}  # fetched twice or not, stored once
    # Shared politeness: the site saw at most one request per `delay`, across all workers.
    times = sorted(t for t, _ in data.served())
    assert len(times) >= len(expected)
    span = times[-1] - times[0]
    assert span >= (len(times) - 1) * delay * 0.9, (len(times), span)
    # The run is over: nothing queued or held, and its dupefilter is gone (bounded memory).
    assert rclient.zcard("newsarchive:testsite:requests") == 0
    assert not rclient.exists("newsarchive:testsite:dupefilter")
    assert not rclient.keys("newsarchive:testsite:inflight:*")
    assert rclient.scard("newsarchive:testsite:workers") == 0
    _assert_clean_logs(logs[1:])
    assert "put back in the queue" in "".join(
        p.read_text(encoding="utf-8") for p in logs[1:] if p.exists())
