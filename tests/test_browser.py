"""The reading room in a real browser: headless Chromium (Debian's) driven by Playwright, at
desktop and phone width, against a real `newsarchive serve` on an archive made by a real crawl
with photos, after the papers' server (the mirror) has been stopped.

Every request the browser makes to anything but the reading room is refused and recorded, so
a photo that is not served from the archive itself shows up as a failure, not as a picture.
Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from newsarchive.archive import Archive
from newsarchive.mirror import build_sites
from newsarchive.mirror.server import MirrorServer
from newsarchive.web.fixtures import HOSTILE_TITLE, hostile_article
from tests.conftest import run_cli
from tests.photo_site import SOURCE_ID, build_photo_sites, write_definition

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {"desktop": {"width": 1200, "height": 900}, "phone": {"width": 390, "height": 844}}
#: A paper of the bundled mirror, crawled beside the photo paper.
MIRROR_PAPER = "baodienbienphu"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real crawl of two papers with their photos; the papers' server is stopped after it."""
    work = tmp_path_factory.mktemp("browser")
    write_definition(work / "sources")
    db = work / "data" / "archive.db"
    with MirrorServer(sites={**build_sites(), **build_photo_sites()}) as mirror:
        result = run_cli("crawl", SOURCE_ID, MIRROR_PAPER, "--mirror", mirror.url, "--db",
                         str(db), "--warc-dir", str(work / "data" / "warc"), "--sources-dir",
                         str(work / "sources"))
        assert result.returncode == 0, result.stderr[-2000:]
        (work / "mirror-url").write_text(mirror.url)  # stopped below; checked at the end
    with Archive(db) as stored:  # hostile markup, as a page might carry it
        stored.store_article(hostile_article())
    return db


@pytest.fixture(scope="module")
def server(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`newsarchive serve` on a free loopback port; yields its base URL."""
    port = _free_port()
    log = (tmp_path_factory.getbasetemp() / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.cli", "serve", "--db", str(archive), "--port",
         str(port)], stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"newsarchive serve did not start: see {log.name}")
                time.sleep(0.2)
        yield base
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=15)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed: pip install playwright"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module", params=list(WIDTHS))
def page(request: pytest.FixtureRequest, browser: Browser, server: str) -> Iterator[Page]:
    """A page at one width; requests to anything but the reading room are refused and kept."""
    context = browser.new_context(viewport=WIDTHS[request.param])
    elsewhere: list[str] = []

    def refuse(route: Any) -> None:
        elsewhere.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(server), refuse)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.width_name = request.param  # type: ignore[attr-defined]
    pg.elsewhere = elsewhere  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert elsewhere == [], f"requests left the reading room: {elsewhere[:5]}"


def shot(pg: Page, name: str) -> None:
    pg.screenshot(path=str(ARTIFACTS / f"browser-{name}-{pg.width_name}.png"),  # type: ignore[attr-defined]
                  full_page=True)


def photos_on_page(pg: Page) -> list[dict[str, Any]]:
    """Every photo on the page, scrolled into view and loaded (they load lazily)."""
    result: list[dict[str, Any]] = pg.evaluate(
        """async () => {
            const out = [];
            for (const img of document.querySelectorAll('img')) {
                img.scrollIntoView();
                if (!img.complete) {
                    await new Promise(done => { img.onload = img.onerror = done; });
                }
                const box = img.getBoundingClientRect();
                out.push({src: img.currentSrc, natural: img.naturalWidth,
                          shown: box.width > 0 && box.height > 0,
                          figure: !!img.closest('figure')});
            }
            return out;
        }"""
    )
    return result


def page_checks(pg: Page) -> None:
    """What no page may show: a query object in a search box, a doubled credit, two boxes."""
    boxes = pg.locator("input[type=search]")
    assert boxes.count() <= 1
    if boxes.count():
        assert not boxes.first.input_value().startswith("{")
    text = pg.locator("body").inner_text()
    assert "Ảnh: Ảnh:" not in text
    assert "{'sql'" not in text
    assert pg.evaluate("typeof window.__pwned") == "undefined"


def stored_captions(db: Path, *, uncaptioned: bool = False) -> dict[int, int]:
    """Article id -> how many of its captions have a stored photo (or, with ``uncaptioned``,
    how many of the photos it shows without a caption)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    sql = ("select a.id, count(*) from article_photos p join articles a on a.url = p.article_url"
           " join media m on m.url = p.url where m.status = 'stored' group by a.id"
           if uncaptioned else
           "select c.article_id, count(*) from captions c join media m on m.id = c.media_id"
           " where m.status = 'stored' group by c.article_id")
    try:
        return dict(conn.execute(sql).fetchall())
    finally:
        conn.close()


def test_every_captioned_photo_shows_from_the_archive_itself(
    archive: Path, server: str, page: Page
) -> None:
    expected = stored_captions(archive)
    assert len(expected) >= 8  # articles of both papers, with photos
    bare = stored_captions(archive, uncaptioned=True)
    assert bare  # photos printed with no caption are shown too
    for article_id in sorted(expected.keys() | bare.keys()):
        count = expected.get(article_id, 0)
        page.goto(f"{server}/archive/articles/{article_id}")
        found = [p for p in photos_on_page(page) if p["figure"]]
        assert len(found) == count + bare.get(article_id, 0), article_id
        for photo in found:
            assert photo["src"].startswith(f"{server}/archive/-/photo/"), photo
            assert photo["natural"] > 0, photo
            assert photo["shown"], photo
        assert page.locator("figcaption .na-caption").count() >= count
        page_checks(page)
    shot(page, "article")


def test_a_photo_not_kept_shows_why(archive: Path, server: str, page: Page) -> None:
    conn = sqlite3.connect(f"file:{archive}?mode=ro", uri=True)
    article_id = conn.execute(
        "select c.article_id from captions c join media m on m.id = c.media_id"
        " where m.error like '%robots.txt%'").fetchone()[0]
    conn.close()
    page.goto(f"{server}/archive/articles/{article_id}")
    missing = page.locator(".na-photo-missing")
    assert missing.count() == 2  # robots.txt, not one of the paper's photo hosts
    reasons = missing.all_inner_texts()
    assert "robots.txt của báo không cho tải" in reasons[0]
    assert "máy chủ chưa khai báo cho báo này" in reasons[1]
    assert next(p for p in photos_on_page(page) if p["figure"])["natural"] == 700  # the big one
    shot(page, "article-missing-photos")


def test_lists_show_thumbnails_and_the_paper_list_has_no_query_object(
    server: str, page: Page
) -> None:
    page.goto(server + "/")
    page_checks(page)
    shot(page, "home")
    page.get_by_role("link", name="Báo Thử Nghiệm").click()
    page.wait_for_url("**/archive/articles?source=baothunghiem")
    page_checks(page)
    assert page.locator("#na-q").input_value() == ""
    thumbs = [p for p in photos_on_page(page) if "/thumb" in p["src"]]
    assert len(thumbs) == 3  # the three articles with a stored photo
    assert all(p["natural"] > 0 and p["src"].startswith(server) for p in thumbs)
    if page.width_name == "phone":  # type: ignore[attr-defined]
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, "the list is wider than the phone"
    shot(page, "paper-list")


def test_search_from_home_and_read_the_first_result(server: str, page: Page) -> None:
    page.goto(server + "/")
    page.fill("#na-q", "ruong bac thang")
    page.press("#na-q", "Enter")
    page.wait_for_url("**/archive/-/search?q=ruong+bac+thang*")
    page_checks(page)
    first = page.locator("a.na-hit-title").first
    headline = first.inner_text()
    assert "vụ mùa" in headline or "giống lúa" in headline
    assert page.locator(".na-snippet mark").count() >= 1
    assert all(p["natural"] > 0 for p in photos_on_page(page))
    shot(page, "search")
    first.click()
    page.wait_for_url("**/archive/articles/*")
    assert page.locator("h1.na-headline").inner_text() == headline
    date = page.locator(".na-date").inner_text()
    assert date.startswith("Thứ ")
    assert "/6/2025" in date
    assert "date from" not in page.locator(".na-meta").inner_text()
    page.locator(".na-provenance summary").click()
    assert "Ngày đăng đọc từ" in page.locator(".na-provenance").inner_text()
    if page.width_name == "phone":  # type: ignore[attr-defined]
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, "the article is wider than the phone"


def test_the_chart_is_drawn_on_the_server(server: str, page: Page) -> None:
    page.goto(server + "/archive/articles_per_month")
    page_checks(page)
    assert page.locator("figure.na-multiple").count() == 3  # all papers, and one per paper
    assert page.locator("figure.na-multiple svg rect").count() > 3
    assert page.title().startswith("Số bài mỗi tháng của từng báo")
    shot(page, "chart")


def test_planted_script_onerror_and_javascript_link_stay_inert(server: str, page: Page) -> None:
    page.goto(server + "/archive/-/search?q=hoa+ban")
    page.get_by_role("link", name=HOSTILE_TITLE).click()
    page.wait_for_url("**/archive/articles/*")
    page.wait_for_load_state("networkidle")
    body = page.locator(".na-body").inner_text()
    assert '<script>window.__pwned = "script"</script>' in body  # shown as text
    assert "javascript:" not in "".join(
        page.eval_on_selector_all(
            "a[href], img[src]",
            "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))",
        )
    )
    shot(page, "hostile")
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_the_papers_server_was_down_throughout(archive: Path, server: str) -> None:
    """The server the crawl fetched the papers from is stopped, yet every stored photo is
    served (and the pages above asked the reading room only)."""
    mirror = (archive.parent.parent / "mirror-url").read_text()
    with pytest.raises(urllib.error.URLError, match="refused"):
        urllib.request.urlopen(f"{mirror}/robots.txt", timeout=2)
    conn = sqlite3.connect(f"file:{archive}?mode=ro", uri=True)
    stored = [r[0] for r in conn.execute("select id from media where status = 'stored'")]
    conn.close()
    assert len(stored) >= 10
    for media_id in stored:
        with urllib.request.urlopen(f"{server}/archive/-/photo/{media_id}") as r:
            assert r.status == 200
            assert r.headers["Content-Type"].startswith("image/")
