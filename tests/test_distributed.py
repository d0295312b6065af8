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
             "--appendonly", "yes", "--appendfsync", "everysec", "--protected-mode", "yes",
             "--logfile", str(self.workdir / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                self.client().ping()
                return
            except Exception:
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
        #: When set, article requests after the first ``hold_after`` wait until ``gate`` opens,
        #: so a test can act while workers hold requests and the run cannot end early.
        self.hold_after: int | None = None
        self.gate = threading.Event()
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
            self.pages[path] = self._page(article_title(path), related,
                                          f"<article>{body}</article>")

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
        def do_GET(self) -> None:
            with data.lock:
                data.log.append((time.monotonic(), self.path))
                articles = sum(1 for _, p in data.log if p.startswith("/bai/"))
            if data.hold_after is not None and articles > data.hold_after:
                data.gate.wait(30)
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

        def handle(self) -> None:
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):
                pass  # a worker killed mid-request

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
        "NEWSARCHIVE_REDIS_WORKER_TTL": 5,  # generous: a starved CI core must not look dead
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


def _mirror_worker_main() -> None:
    """Entry point of a worker subprocess crawling the mirror with the project's own spider."""
    from newsarchive.crawling.run import mirror_overrides, run_crawls
    from newsarchive.distributed import redis_overrides

    args = json.loads(sys.argv[1])
    settings: dict[str, Any] = {
        "NEWSARCHIVE_DB": args["db"],
        "NEWSARCHIVE_SOURCES_DIR": args["sources_dir"],
        "NEWSARCHIVE_WARC_DIR": args["warc_dir"],
        **mirror_overrides(args["base"]),
        **redis_overrides(args["redis_url"]),
        "NEWSARCHIVE_REDIS_SITE_DELAY": args["delay"],
        "NEWSARCHIVE_REDIS_WORKER_TTL": 5,  # generous: a starved CI core must not look dead
        "NEWSARCHIVE_REDIS_RETRY": 0.5,
        "DOWNLOAD_TIMEOUT": 5,
        "LOG_FILE": args["log"],
        "LOG_LEVEL": "INFO",
        "NEWSARCHIVE_PROGRESS": False,
    }
    outcomes = run_crawls(args["source"].split(","), settings)
    sys.exit(0 if all(o.finish_reason == "finished" for o in outcomes) else 1)


def start_worker(redis_url: str, base: str, log: Path, delay: float,
                 **extra: str) -> subprocess.Popen[bytes]:
    """A crawl worker: the test site's spider, or (``source=``) the project's for the mirror."""
    main = "_mirror_worker_main" if "source" in extra else "_site_worker_main"
    code = f"from tests.test_distributed import {main}; {main}()"
    arg = json.dumps({"redis_url": redis_url, "base": base, "log": str(log), "delay": delay,
                      **extra})
    with log.with_suffix(".err").open("ab") as err:
        return subprocess.Popen([sys.executable, "-c", code, arg], cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=err)


def start_ingester(redis_url: str, db: Path, log: Path, *, batch: int = 5,
                   stop_when_idle: float | None = None) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "newsarchive.distributed.ingest", redis_url, str(db),
           "--batch", str(batch)]
    if stop_when_idle is not None:
        cmd += ["--stop-when-idle", str(stop_when_idle)]
    with log.open("ab") as err:
        return subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)


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
        return conn.execute(
            "SELECT url, title, body, version FROM articles ORDER BY url").fetchall()
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
    queue, seen = s["SCHEDULER_QUEUE_KEY"], s["SCHEDULER_DUPEFILTER_KEY"]
    assert queue % {"spider": "baodienbienphu"} == "newsarchive:baodienbienphu:requests"
    assert seen % {"spider": "baohagiang"} == "newsarchive:baohagiang:dupefilter"
    assert "newsarchive.pipelines.store.StorePipeline" not in s["ITEM_PIPELINES"]
    assert s["ITEM_PIPELINES"]["newsarchive.distributed.pipeline.RedisPushPipeline"] == 400
    assert "newsarchive.crawling.capture.WarcCaptureMiddleware" not in s["DOWNLOADER_MIDDLEWARES"]
    with pytest.raises(ValueError, match="redis://"):
        redis_overrides("10.0.0.5:6379", "baodienbienphu")


# ---- the documented deployment ---------------------------------------------------------------
def test_deploy_redis_conf_lets_only_its_acl_users_in(tmp_path: Path) -> None:
    """deploy/redis.conf as shipped (address, paths and passwords filled in) is no open Redis."""
    import redis
    from scrapy import Request

    from newsarchive.distributed.connection import Outage, connect
    from newsarchive.distributed.dupefilter import ExpiringDupeFilter
    from newsarchive.distributed.leases import LeaseBook

    conf = (REPO / "deploy" / "redis.conf").read_text(encoding="utf-8")
    assert re.search(r"^bind (?!0\.0\.0\.0)", conf, re.M)
    assert "\nprotected-mode yes" in conf
    assert "\nuser default off" in conf
    assert "requirepass" not in conf.replace("# ", "")
    port = _free_port()
    conf = re.sub(r"^bind .*$", "bind 127.0.0.1", conf, flags=re.M)
    conf = re.sub(r"^port .*$", f"port {port}", conf, flags=re.M)
    conf = re.sub(r"^dir .*$", f"dir {tmp_path}", conf, flags=re.M)
    conf = re.sub(r"^logfile .*$", f"logfile {tmp_path / 'redis.log'}", conf, flags=re.M)
    conf = conf.replace("CHANGE-ME-crawler-password", "cpw").replace(
        "CHANGE-ME-ingester-password", "ipw").replace("CHANGE-ME-admin-password", "apw")
    (tmp_path / "redis.conf").write_text(conf, encoding="utf-8")
    proc = subprocess.Popen(["redis-server", str(tmp_path / "redis.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    crawler = redis.Redis.from_url(f"redis://crawler:cpw@127.0.0.1:{port}/0")
    ingester = redis.Redis.from_url(f"redis://ingester:ipw@127.0.0.1:{port}/0")
    anonymous = connect(f"redis://127.0.0.1:{port}/0")
    try:
        wait_for(lambda: (tmp_path / "redis.log").exists()
                 and "Ready to accept" in (tmp_path / "redis.log").read_text(), 10, "redis")
        with pytest.raises(redis.exceptions.AuthenticationError):
            anonymous.ping()
        book = LeaseBook(crawler, Outage("redis://", "test"), source="baodienbienphu",
                         worker="w1", queue_key="newsarchive:baodienbienphu:requests",
                         dupefilter_key="newsarchive:baodienbienphu:dupefilter", ttl=5)
        book.register()
        crawler.zadd("newsarchive:baodienbienphu:requests", {b"request": 0})
        assert book.pop() == (b"request", 0.0)
        assert book.survey(idle=False) == (0, 1, 0)
        assert book.leave(finished=False) == 1
        df = ExpiringDupeFilter(crawler, "newsarchive:baodienbienphu:dupefilter")
        assert not df.request_seen(Request("https://baodienbienphu.info.vn/"))
        crawler.lpush("newsarchive:items", b"{}")
        assert ingester.blmove("newsarchive:items", "newsarchive:items:processing", 1,
                               "RIGHT", "LEFT") == b"{}"
        from newsarchive.distributed.known import load_known, publish_known, url_fingerprint

        url = "https://baodienbienphu.info.vn/tin-tuc/bai-1.html"
        publish_known(ingester, [("baodienbienphu", url)])
        assert load_known(crawler, "baodienbienphu") == {url_fingerprint(url)}
        with pytest.raises(redis.exceptions.NoPermissionError):
            crawler.flushall()
        with pytest.raises(redis.exceptions.NoPermissionError):
            ingester.zcard("newsarchive:baodienbienphu:requests")
    finally:
        for client in (crawler, ingester, anonymous):
            client.close()
        proc.terminate()
        proc.wait(10)


# ---- dupefilter memory -------------------------------------------------------------------------
def test_dupefilter_is_per_source_expires_and_stays_small(rclient: redis.Redis) -> None:
    from scrapy import Request

    from newsarchive.distributed.dupefilter import ExpiringDupeFilter

    n = 10_000
    df = ExpiringDupeFilter(rclient, "newsarchive:baodienbienphu:dupefilter", ttl=3600)
    other = ExpiringDupeFilter(rclient, "newsarchive:baohagiang:dupefilter", ttl=3600)
    urls = [f"https://baodienbienphu.info.vn/tin-tuc/thoi-su/bai-{i}.html" for i in range(n)]
    assert not any(df.request_seen(Request(u)) for u in urls)
    assert df.request_seen(Request(urls[123]))
    assert not other.request_seen(Request(urls[123]))  # another paper's set
    assert 0 < rclient.ttl(df.key) <= 3600
    # Upstream's members are 40-character hex fingerprints of the same requests.
    upstream = "scrapy-redis:dupefilter"
    pipe = rclient.pipeline(transaction=False)
    for u in urls:
        pipe.sadd(upstream, df.request_fingerprint(Request(u)))
    pipe.execute()
    ours, theirs = (rclient.memory_usage(k, samples=0) / n for k in (df.key, upstream))
    assert ours < 0.85 * theirs, f"{ours:.1f} vs upstream {theirs:.1f} bytes per URL"


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
    from newsarchive.distributed.connection import Outage
    from newsarchive.distributed.ingest import Ingester, run_ingester
    from newsarchive.distributed.queue import ItemConsumer, ItemPusher, make_message

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
    # 30 article records + the home page; the re-sent record of bài 7 is registered once.
    assert conn.execute("SELECT count(*) FROM captures").fetchone()[0] == 31
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
        # Kill while a batch is parked (taken from the queue, not yet acknowledged).
        wait_for(lambda floor=floor: len(archived(db)) >= floor
                 and rclient.llen("newsarchive:items:processing") > 0, 30, f"{floor} stored")
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
        assert "[py.warnings]" not in text, f"{log}:\n{text[-3000:]}"
        assert "Warning:" not in text, f"{log}:\n{text[-3000:]}"
        assert "Traceback" not in text, f"{log}:\n{text[-3000:]}"


def test_three_workers_survive_a_killed_worker_and_a_killed_ingester(
        rclient: redis.Redis, redis_server: RedisServer, site: tuple[Site, str],
        tmp_path: Path) -> None:
    data, base = site
    delay = 0.12  # ~8 s of crawling: a restarted worker (3-4 s to start) joins the same run
    db = tmp_path / "archive.db"
    ilog = tmp_path / "ingest.log"
    logs = [tmp_path / f"worker{i}.log" for i in range(4)]
    data.hold_after = 10  # the site stalls after ten articles until the gate opens
    ingester = start_ingester(redis_server.url, db, ilog, batch=5)
    workers = [start_worker(redis_server.url, base, logs[i], delay) for i in range(3)]
    try:
        wait_for(lambda: len(data.served("/bai/")) > 12, 40, "workers stuck on slow pages")
        # A worker (re)started now joins the run in progress...
        workers.append(start_worker(redis_server.url, base, logs[3], delay))
        wait_for(lambda: logs[3].exists() and "joined the crawl" in logs[3].read_text(), 40,
                 "the new worker joining")
        # ... and the worker holding the most requests dies (its id carries its pid).
        keys = {int(k.decode().rsplit(":", 1)[1].split("-")[-2]): k
                for k in rclient.keys("newsarchive:testsite:inflight:*")}
        victim = max(workers[:3], key=lambda w: rclient.zcard(keys[w.pid]) if w.pid in keys else 0)
        kill(victim)
        lost_with_victim = rclient.zcard(keys[victim.pid])  # taken, unfinished: fetched again
        assert lost_with_victim > 0
        workers.remove(victim)
        data.gate.set()
        wait_for(lambda: len(archived(db)) >= 8, 30, "articles reaching the archive")
        kill(ingester)
        ingester = start_ingester(redis_server.url, db, ilog, batch=5)
        for w in workers:
            assert w.wait(60) == 0, Path(json.loads(w.args[-1])["log"]).read_text()[-3000:]
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
    # Only the killed worker's requests were fetched again (the restarted one joined the run).
    assert len(data.served("/bai/")) <= len(expected) + lost_with_victim
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
    survivors = [Path(json.loads(w.args[-1])["log"]) for w in workers]
    _assert_clean_logs(survivors)
    assert "put back in the queue" in "".join(p.read_text(encoding="utf-8") for p in survivors)


def test_workers_wait_out_a_redis_outage_and_finish_the_crawl(
        site: tuple[Site, str], tmp_path: Path) -> None:
    """Redis goes away mid-crawl and comes back: one log line each way, nothing lost."""
    data, base = site
    server = RedisServer(tmp_path / "redis")
    server.start()
    db, ilog = tmp_path / "archive.db", tmp_path / "ingest.log"
    logs = [tmp_path / f"worker{i}.log" for i in range(2)]
    ingester = start_ingester(server.url, db, ilog, batch=5)
    workers = [start_worker(server.url, base, log, 0.05) for log in logs]
    try:
        wait_for(lambda: len(data.served("/bai/")) >= 10, 40, "ten articles fetched")
        server.stop()
        time.sleep(3)
        server.start()  # same port, same data (append-only file)
        for w in workers:
            assert w.wait(60) == 0, Path(json.loads(w.args[-1])["log"]).read_text()[-3000:]
        wait_for(lambda: server.client().llen("newsarchive:items") == 0, 20, "items drained")
        ingester.send_signal(signal.SIGTERM)
        assert ingester.wait(20) == 0, ilog.read_text()
    finally:
        for p in [*workers, ingester]:
            if p.poll() is None:
                kill(p)
        server.stop()
    expected = {base + p for p in article_paths()}
    assert {url for url, *_ in archived(db)} == expected
    for log in logs:
        text = log.read_text(encoding="utf-8")
        assert text.count("is unreachable") == 1, text[-3000:]
        assert text.count("is reachable again") == 1
        assert "Traceback" not in text
    assert "is unreachable" in ilog.read_text()


# ---- the real thing: the project's spider, extractor and pipelines on the bundled mirror -------
ARTICLE_FIELDS = (
    "url, source, title, sapo, body, published, modified, author, credit, category, tags")


def article_rows(db: Path) -> dict[str, tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        arts = {r[0]: r for r in conn.execute(f"SELECT {ARTICLE_FIELDS}, version FROM articles")}
        caps: dict[str, list[tuple[Any, ...]]] = {}
        for url, *cap in conn.execute(
                "SELECT a.url, c.position, c.text, c.image_url, c.credit FROM captions c "
                "JOIN articles a ON a.id = c.article_id ORDER BY a.url, c.position"):
            caps.setdefault(url, []).append(tuple(cap))
    finally:
        conn.close()
    return {url: (*row, tuple(caps.get(url, []))) for url, row in arts.items()}


def test_three_workers_on_the_mirror_archive_what_one_process_archives(
        rclient: redis.Redis, redis_server: RedisServer, tmp_path: Path) -> None:
    from newsarchive.archive import Archive
    from newsarchive.mirror.server import MirrorServer
    from tests.conftest import run_cli

    source, delay = "baodienbienphu", 0.12
    single, db = tmp_path / "single.db", tmp_path / "archive.db"
    warc, sources = tmp_path / "warc", tmp_path / "sources"
    ilog = tmp_path / "ingest.log"
    logs = [tmp_path / f"worker{i}.log" for i in range(4)]
    with MirrorServer() as mirror:
        one = run_cli("crawl", source, "--mirror", mirror.url, "--db", str(single),
                      "--warc-dir", str(tmp_path / "warc-single"), "--sources-dir", str(sources))
        assert one.returncode == 0, one.stderr[-3000:]
        served_single = len(mirror.requests)
        Archive(db).close()  # created once, before workers and ingester open it
        extra = {"source": source, "db": str(db), "warc_dir": str(warc),
                 "sources_dir": str(sources)}
        ingester = start_ingester(redis_server.url, db, ilog, batch=4)
        workers = [start_worker(redis_server.url, mirror.url, logs[i], delay, **extra)
                   for i in range(3)]
        try:
            wait_for(lambda: len(mirror.requests) >= served_single + 10, 40, "ten pages fetched")
            held = {int(k.decode().rsplit(":", 1)[1].split("-")[-2]): rclient.zcard(k)
                    for k in rclient.keys(f"newsarchive:{source}:inflight:*")}
            victim = max(workers, key=lambda w: held.get(w.pid, 0))
            kill(victim)
            workers.remove(victim)
            workers.append(start_worker(redis_server.url, mirror.url, logs[3], delay, **extra))
            wait_for(lambda: len(archived(db)) >= 4, 30, "articles reaching the archive")
            kill(ingester)
            ingester = start_ingester(redis_server.url, db, ilog, batch=4)
            for w in workers:
                assert w.wait(60) == 0, Path(json.loads(w.args[-1])["log"]).read_text()[-3000:]
            wait_for(lambda: rclient.llen("newsarchive:items") == 0, 20, "the item queue drained")
            ingester.send_signal(signal.SIGTERM)
            assert ingester.wait(20) == 0, ilog.read_text()

            # Next scheduled run, by a worker on a machine without the archive: like the
            # single-process re-run it fetches listings, not the articles archived already.
            mark = len(mirror.requests)
            again = run_cli("crawl", source, "--mirror", mirror.url, "--db", str(single),
                            "--warc-dir", str(tmp_path / "warc-single"),
                            "--sources-dir", str(sources))
            assert again.returncode == 0, again.stderr[-3000:]
            rerun_single = sorted(p for _, p, _ in mirror.requests[mark:])
            mark = len(mirror.requests)
            ingester = start_ingester(redis_server.url, db, ilog, batch=4)
            remote = {**extra, "db": str(tmp_path / "remote-worker.db")}
            workers.append(start_worker(redis_server.url, mirror.url, tmp_path / "rerun.log",
                                        delay, **remote))
            assert workers[-1].wait(60) == 0, (tmp_path / "rerun.log").read_text()[-3000:]
            rerun_distributed = sorted(p for _, p, _ in mirror.requests[mark:])
            dead = {p for _, p, status in mirror.requests if status in (404, 410)}
            wait_for(lambda: rclient.llen("newsarchive:items") == 0, 20, "the item queue drained")
            ingester.send_signal(signal.SIGTERM)
            assert ingester.wait(20) == 0, ilog.read_text()
        finally:
            for p in [*workers, ingester]:
                if p.poll() is None:
                    kill(p)

    # The same pages, except that a worker without the archive's capture history retries the
    # links that were dead last time (a single-process re-run skips them).
    assert [p for p in rerun_distributed if p not in dead] == [p for p in rerun_single
                                                                if p not in dead]
    assert "archived article URLs known from Redis" in (tmp_path / "rerun.log").read_text()
    expected, got = article_rows(single), article_rows(db)
    assert len(expected) >= 20
    assert got == expected  # same articles, same fields, captions, one version each
    conn = sqlite3.connect(db)
    try:
        files = {r[0] for r in conn.execute(
            "SELECT c.warc_file FROM articles a JOIN captures c ON c.id = a.capture_id")}
        unlinked = conn.execute("SELECT count(*) FROM articles WHERE capture_id IS NULL").fetchone()
        crawls = conn.execute("SELECT count(*), sum(pages) FROM crawls WHERE source = ?",
                              (source,)).fetchone()
        outcomes = conn.execute("SELECT new, updated, unchanged FROM crawls WHERE source = ? "
                                "ORDER BY id", (source,)).fetchall()
    finally:
        conn.close()
    assert unlinked == (0,)
    assert files
    assert all((warc / f).exists() or (warc / Path(f).name).exists() for f in files)
    assert all(source in Path(f).name for f in files)
    assert crawls[0] == 4  # one run-log row per surviving worker, and the re-run's
    assert crawls[1] > 0
    # Workers cannot know what the archive made of their articles; the ingester fills it in.
    assert sum(new for new, _, _ in outcomes[:3]) > 0
    assert outcomes[3][:2] == (0, 0)  # the re-run found nothing new
    survivors = [Path(json.loads(w.args[-1])["log"]) for w in workers]
    _assert_clean_logs(survivors)


def test_cli_workers_and_ingest_command_archive_a_mirror_paper(
        rclient: redis.Redis, redis_server: RedisServer, tmp_path: Path) -> None:
    """The user-facing commands: two `newsarchive crawl --redis` workers, one
    `newsarchive ingest`."""
    from newsarchive.mirror import build_sites
    from newsarchive.mirror.server import MirrorServer
    from tests.conftest import run_cli

    db = tmp_path / "archive.db"
    with MirrorServer() as mirror:
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "newsarchive.cli", "crawl", "baotayninh", "--redis",
                 redis_server.url, "--mirror", mirror.url, "--db", str(tmp_path / f"w{n}.db"),
                 "--warc-dir", str(tmp_path / f"warc{n}"), "--sources-dir", str(tmp_path / "src"),
                 "-s", f"NEWSARCHIVE_WORKER_ID=w{n}", "-s", "LOG_LEVEL=WARNING"],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            for n in range(2)
        ]
        outs = [w.communicate(timeout=120)[0] for w in workers]
    assert all(w.returncode == 0 for w in workers), outs
    assert all("pushed to Redis" in o for o in outs)
    res = run_cli("ingest", "--redis", redis_server.url, "--db", str(db), "--stop-when-idle", "2",
                  "--sources-dir", str(tmp_path / "src"), timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    truth = {t["url"] for t in build_sites()["baotayninh"].truth  # malformed pages included
             if t.get("is_article") and "render" not in t.get("needs", [])}
    conn = sqlite3.connect(db)
    try:
        urls = [r[0] for r in conn.execute("select url from articles")]
    finally:
        conn.close()
    assert len(urls) == len(set(urls))
    assert set(urls) == truth


def test_ingest_with_wrong_password_is_one_clear_line(redis_server: RedisServer,
                                                      tmp_path: Path) -> None:
    from tests.conftest import run_cli

    bad = f"redis://:wrong@127.0.0.1:{redis_server.port}/0"
    res = run_cli("ingest", "--redis", bad, "--db", str(tmp_path / "a.db"),
                  "--stop-when-idle", "1", timeout=60)
    assert res.returncode == 2  # a configuration error: fix --redis and run again
    assert "Traceback" not in res.stderr
