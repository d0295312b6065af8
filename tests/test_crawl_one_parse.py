"""Each HTML page a crawl fetches is parsed once: links, listing dates and extraction share it.

A real `newsarchive crawl` of the generated paper (tests/paper_site.py, on its own port of
127.0.0.1), in a process where every lxml HTML parse is counted.  Before, an article page was
parsed by Scrapy's selector for its links and again by the extractor.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.conftest import REPO, run_cli
from tests.paper_site import PaperServer

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

#: Runs the CLI with lxml's parsing entry points wrapped; writes the HTML count to argv[1].
_COUNTING = """
import atexit, json, os, sys
from lxml import etree
counts = {"html": 0}
def counting(fn):
    def wrapper(*args, **kwargs):
        parser = kwargs.get("parser", args[1] if len(args) > 1 else None)
        if isinstance(parser, etree.HTMLParser) or fn is real_html:
            counts["html"] += 1
        return fn(*args, **kwargs)
    return wrapper
real_html = etree.HTML
etree.fromstring = counting(etree.fromstring)
etree.HTML = counting(etree.HTML)
etree.XML = counting(etree.XML)
etree.parse = counting(etree.parse)
out = sys.argv.pop(1)
def save():
    with open(out, "w") as f:
        f.write(json.dumps(counts))
atexit.register(save)
real_exit = os._exit
def exiting(code):  # the crawl command leaves with os._exit, past atexit
    save()
    real_exit(code)
os._exit = exiting
from newsarchive.cli import main
sys.argv[0] = "newsarchive"
main()
"""


def test_every_fetched_html_page_is_parsed_once(tmp_path: Path) -> None:
    src, db, counted = tmp_path / "sources", tmp_path / "archive.db", tmp_path / "parses.json"
    with PaperServer(articles=12) as server:
        added = run_cli("sources", "add", "baomuongthanh", "--url", server.url + "/",
                        "--name", "Báo Mường Thanh", "--province", "Điện Biên",
                        "--sources-dir", str(src))
        assert added.returncode == 0, added.stderr
        before = len(server.requests)
        crawl = subprocess.run(
            [sys.executable, "-c", _COUNTING, str(counted), "crawl", "baomuongthanh",
             "--db", str(db), "--warc-dir", str(tmp_path / "warc"), "--sources-dir", str(src),
             "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"],
            cwd=REPO, capture_output=True, text=True, timeout=600)
        fetched = server.requests[before:]
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    html_pages = [p for p, status in fetched
                  if status == 200 and "html" in server.paper.page(p.split("?")[0])[1]]
    articles = {server.paper.path(n) for n in range(1, server.paper.n + 1)}
    assert articles <= set(html_pages)  # the whole paper was read
    parses = json.loads(counted.read_text())["html"]
    assert parses == len(html_pages), (parses, len(html_pages))
