"""The reading room in a real browser: headless Chromium (Debian's) driven by Playwright,
against the real `datasette` started with `datasette_args` on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsarchive.web import datasette_args
from newsarchive.web.fixtures import HOSTILE_TITLE, build_web_fixture

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`python -m datasette serve ...` on a free loopback port; yields its base URL."""
    archive = build_web_fixture(tmp_path_factory.mktemp("browser") / "archive.db")
    port = _free_port()
    pythonpath = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": pythonpath}
    log = (tmp_path_factory.getbasetemp() / "datasette.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "datasette", *datasette_args(archive, port=port)],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=REPO,
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
                    pytest.fail(f"datasette did not start: see {log.name}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Page]:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed: pip install playwright"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        # The archive's image URLs point at the real papers: no internet here, fail them fast.
        context.route(
            lambda url: not url.startswith(server), lambda route: route.abort()
        )
        pg = context.new_page()
        pg.set_default_timeout(15_000)
        yield pg
        context.close()
        browser.close()


def test_search_from_home_and_read_the_first_result(server: str, page: Page) -> None:
    pg = page
    pg.goto(server + "/")
    assert pg.locator("table.na-papers").get_by_text("Báo Điện Biên Phủ").is_visible()
    pg.screenshot(path=str(ARTIFACTS / "browser-home.png"), full_page=True)

    pg.fill("#na-q", "dien bien")
    pg.press("#na-q", "Enter")
    pg.wait_for_url("**/archive/-/search?q=dien+bien*")
    first = pg.locator("a.na-hit-title").first
    headline = first.inner_text()
    assert "Điện Biên" in headline
    assert pg.locator(".na-snippet mark").first.inner_text() in ("Điện", "Biên")
    pg.screenshot(path=str(ARTIFACTS / "browser-search.png"), full_page=True)

    first.click()
    pg.wait_for_url("**/archive/articles/*")
    assert pg.locator("h1.na-headline").inner_text() == headline
    assert pg.locator(".na-date").inner_text().startswith("20")
    caption = pg.locator("figcaption .na-caption").first
    assert caption.is_visible() and caption.inner_text().strip()
    pg.screenshot(path=str(ARTIFACTS / "browser-article.png"), full_page=True)
    assert pg.evaluate("typeof window.__pwned") == "undefined"


def test_planted_script_onerror_and_javascript_link_stay_inert(server: str, page: Page) -> None:
    pg = page
    pg.goto(server + "/archive/-/search?q=hoa+ban")
    pg.get_by_role("link", name=HOSTILE_TITLE).click()
    pg.wait_for_url("**/archive/articles/*")
    pg.wait_for_load_state("networkidle")
    body = pg.locator(".na-body").inner_text()
    assert '<script>window.__pwned = "script"</script>' in body  # shown as text
    assert "javascript:" not in "".join(
        pg.eval_on_selector_all(
            "a[href], img[src]",
            "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))",
        )
    )
    pg.screenshot(path=str(ARTIFACTS / "browser-hostile.png"), full_page=True)
    assert pg.evaluate("typeof window.__pwned") == "undefined"
