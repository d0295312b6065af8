"""newsarchive.render: where the browser is, what happens without one, and the scrapy-playwright
settings working in a real Scrapy crawl of the mirror (the building block the spider uses)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest

from newsarchive import render
from newsarchive.mirror import build_sites
from newsarchive.mirror.server import MirrorServer
from tests.conftest import REPO

if TYPE_CHECKING:
    from pathlib import Path


def test_launch_options_use_the_system_chromium_when_present(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("NEWSARCHIVE_CHROMIUM", str(fake))
    opts = render.launch_options()
    assert opts["executable_path"] == str(fake)
    assert opts["headless"] is True
    assert {"--no-sandbox", "--disable-gpu", "--disable-background-networking"} <= set(
        opts["args"])
    assert render.browser_path() == str(fake)


def test_without_a_browser_the_reason_is_one_line(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSARCHIVE_CHROMIUM", str(tmp_path / "none"))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "empty"))
    reason = render.unavailable_reason()
    assert reason is not None
    assert "\n" not in reason
    assert "pip install 'newsarchive[render]'" in reason
    assert "chromium" in reason
    assert not render.render_available()


def test_settings_route_only_marked_requests_through_the_browser() -> None:
    settings = render.scrapy_settings(max_pages=2)
    assert settings["DOWNLOAD_HANDLERS"]["https"].startswith("scrapy_playwright.")
    assert settings["TWISTED_REACTOR"].endswith("AsyncioSelectorReactor")
    assert settings["PLAYWRIGHT_MAX_PAGES_PER_CONTEXT"] == 2

    class Req:
        resource_type = "image"

    assert settings["PLAYWRIGHT_ABORT_REQUEST"](Req())


SPIDER = textwrap.dedent("""
    import json, sys
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from newsarchive.render import async_mirror_route, scrapy_settings

    MIRROR, URL, PLAIN = sys.argv[1], sys.argv[2], sys.argv[3]
    route = async_mirror_route(MIRROR)

    async def init(page, request):
        await page.route("**/*", route)

    class One(scrapy.Spider):
        name = "one"
        out = {}

        async def start(self):
            yield scrapy.Request(URL, meta={"playwright": True,
                                            "playwright_page_init_callback": init})

        def parse(self, response):
            self.out["status"] = response.status
            self.out["body"] = response.text

    process = CrawlerProcess({**scrapy_settings(), "LOG_LEVEL": "WARNING",
                              "ROBOTSTXT_OBEY": False})
    process.crawl(One)
    process.start()
    print(json.dumps({"status": One.out.get("status"),
                      "decoded": PLAIN in One.out.get("body", "")}))
""")


@pytest.mark.browser
@pytest.mark.slow
def test_scrapy_playwright_renders_a_script_decoded_body_from_the_mirror(tmp_path: Path) -> None:
    reason = render.unavailable_reason()
    if reason:
        pytest.skip(reason)
    pytest.importorskip("scrapy_playwright")
    site = build_sites()["baothanhhoa"]
    rec = next(r for r in site.articles() if "render" in r.get("needs", []))
    first = rec["body"].split("\n\n")[0]
    script = tmp_path / "one.py"
    script.write_text(SPIDER, encoding="utf-8")
    with MirrorServer() as server:
        res = subprocess.run([sys.executable, str(script), server.url, rec["url"], first],
                             cwd=REPO, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out == {"status": 200, "decoded": True}
