"""One Scrapy run that fetches and extracts the same kind of article page, first plain, then
rendered in Chromium through newsarchive's rendering download handler (scrapy-playwright,
bounded pages, mirror routing), sampling the browser's memory as it goes.

Usage: python render_fetch.py MIRROR_URL URLS_FILE OUT_JSON MARKER
URLS_FILE holds lines "static URL" and "rendered URL"; MARKER is text of the article's body.
Writes pages/s of each phase, how many pages' extracted body holds MARKER, and the Chromium
processes' RSS and PSS (summed, from /proc) every SAMPLE_EVERY rendered pages.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess

from newsarchive.crawling.requests import MAX_PAGES
from newsarchive.extract import extract
from newsarchive.render import scrapy_settings

SAMPLE_EVERY = 20


def browser_memory(root: int) -> tuple[int, int]:
    """(RSS, PSS) bytes summed over every Chromium process descending from ``root``.

    RSS counts memory the processes share once per process; PSS shares it out, so its sum is
    what the browser really holds."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        names[pid] = stat[stat.index("(") + 1:stat.rindex(")")]
        parents[pid] = int(stat[stat.rindex(")") + 2:].split()[1])
    rss = pss = 0
    for pid, name in names.items():
        p, hops = pid, 0
        while p in parents and p != root and hops < 50:
            p, hops = parents[p], hops + 1
        if p != root or ("chrom" not in name.lower() and "headless" not in name.lower()):
            continue
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss += int(line.split()[1]) * 1024
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                pss += int(line.split()[1]) * 1024
    return rss, pss


class RenderBench(scrapy.Spider):
    name = "renderbench"

    def __init__(self, static: list[str], rendered: list[str], marker: str,
                 **kw: Any) -> None:
        super().__init__(**kw)
        self.static, self.rendered, self.marker = static, rendered, marker
        self.times: dict[str, list[float]] = {"static": [], "rendered": []}
        self.bodies: dict[str, int] = {"static": 0, "rendered": 0}
        self.memory: list[tuple[int, int]] = []

    async def start(self):  # type: ignore[no-untyped-def]
        for url in self.static:
            yield scrapy.Request(url, callback=self.parse, cb_kwargs={"kind": "static"},
                                 dont_filter=True)

    def parse(self, response: scrapy.http.Response, kind: str) -> Any:
        result = extract(response.body, response.url, None)
        self.times[kind].append(time.monotonic())
        if result.article is not None and self.marker in (result.article.body or ""):
            self.bodies[kind] += 1
        if kind == "static" and len(self.times["static"]) == len(self.static):
            for url in self.rendered:  # the second phase starts when the first is done
                yield scrapy.Request(url, callback=self.parse, cb_kwargs={"kind": "rendered"},
                                     dont_filter=True, meta={"playwright": True})
        if kind == "rendered" and len(self.times["rendered"]) % SAMPLE_EVERY == 0:
            self.memory.append(browser_memory(os.getpid()))


def main() -> None:
    mirror, urls_file, out, marker = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
    static, rendered = [], []
    for line in urls_file.read_text(encoding="utf-8").splitlines():
        kind, url = line.split(" ", 1)
        (static if kind == "static" else rendered).append(url)
    settings = scrapy_settings(max_pages=MAX_PAGES)
    handler = "newsarchive.crawling.browser.RenderingDownloadHandler"
    settings.update({
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "NEWSARCHIVE_MIRROR": mirror, "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False, "CONCURRENT_REQUESTS": 8,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "DOWNLOAD_DELAY": 0,
    })
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(RenderBench)
    process.crawl(crawler, static=static, rendered=rendered, marker=marker)
    process.start()
    spider: RenderBench = crawler.spider  # type: ignore[assignment]

    def rate(kind: str) -> float:
        t = spider.times[kind]
        return (len(t) - 1) / (t[-1] - t[0]) if len(t) > 1 and t[-1] > t[0] else 0.0

    out.write_text(json.dumps({
        "static": {"pages": len(spider.times["static"]), "with_body": spider.bodies["static"],
                   "pages_per_s": rate("static")},
        "rendered": {"pages": len(spider.times["rendered"]),
                     "with_body": spider.bodies["rendered"], "pages_per_s": rate("rendered")},
        "rss": [r for r, _ in spider.memory],
        "pss": [p for _, p in spider.memory],
        "stats": {k: v for k, v in crawler.stats.get_stats().items()
                  if str(k).startswith("playwright/page_count")},
    }, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
