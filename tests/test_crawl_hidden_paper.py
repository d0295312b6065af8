"""A paper nobody defined, added as a user would add it, is archived whole and re-crawled cheaply.

Real processes throughout: `newsarchive sources add` discovers the generated paper
(tests/paper_site.py) on its own port of 127.0.0.1, `newsarchive crawl` runs Scrapy's engine
against it into a real SQLite file, twice.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import REPO, run_cli
from tests.paper_site import PaperServer

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hidden(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("hidden")
    src, db = work / "sources", work / "archive.db"
    common = ["--db", str(db), "--warc-dir", str(work / "warc"), "--sources-dir", str(src),
              "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
              "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "-s", "LOG_LEVEL=INFO"]
    with PaperServer(articles=40) as server:
        added = run_cli("sources", "add", "baobiencuong", "--url", server.url + "/",
                        "--name", "Báo Biên Cương", "--province", "Điện Biên",
                        "--sources-dir", str(src))
        assert added.returncode == 0, added.stderr
        before = len(server.requests)  # what `sources add` fetched is not the crawl's
        first = run_cli("crawl", "baobiencuong", *common)
        first_requests = server.requests[before:]
        second = run_cli("crawl", "baobiencuong", *common)
        second_requests = server.requests[before + len(first_requests):]
        truth = server.paper.truth()
        article_paths = {server.paper.path(n) for n in range(1, server.paper.n + 1)}
    return {"db": db, "first": first, "second": second, "truth": truth, "added": added,
            "first_requests": first_requests, "second_requests": second_requests,
            "article_paths": article_paths, "url": server.url}


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_sources_add_has_no_clash_on_a_shared_host(hidden: dict[str, Any]) -> None:
    assert "also claimed" not in hidden["added"].stderr


def test_the_whole_paper_is_archived_under_urls_that_keep_their_port(
        hidden: dict[str, Any]) -> None:
    assert hidden["first"].returncode == 0, hidden["first"].stderr[-3000:]
    archived = {url for (url,) in rows(hidden["db"], "select url from articles")}
    assert hidden["url"].rsplit(":", 1)[1]  # the paper has a port of its own
    missing = set(hidden["truth"]) - archived
    assert not missing, sorted(missing)
    assert all(u.startswith(hidden["url"] + "/") for u in archived)


@pytest.mark.parametrize(("kind", "page_type", "quality"), [
    ("brief", "article", "short_body"),
    ("video", "video", "lead_only"),
    ("sitemap_only", "article", None),
    ("related_only", "article", None),
    ("listed", "article", None),
])
def test_each_kind_is_stored_with_its_page_type_and_flag(
        hidden: dict[str, Any], kind: str, page_type: str, quality: str | None) -> None:
    got = {u: (t, q) for u, t, q in rows(hidden["db"],
                                          "select url, page_type, quality from articles")}
    urls = [u for u, k in hidden["truth"].items() if k == kind]
    assert urls
    assert {got.get(u) for u in urls} == {(page_type, quality)}


def test_the_summary_counts_each_kind(hidden: dict[str, Any]) -> None:
    out = hidden["first"].stdout
    truth = list(hidden["truth"].values())
    briefs, videos = truth.count("brief"), truth.count("video")
    kinds = next(line for line in out.splitlines() if line.startswith("kept: "))
    parts = dict(part.split(": ", 1) for part in kinds.split("; "))
    assert set(parts["kept"].split(", ")) == {f"{len(truth) - videos} article", f"{videos} video"}
    assert set(parts["flagged"].split(", ")) == {f"{briefs} short_body", f"{videos} lead_only"}
    header, _, row = out.splitlines()[:3]
    assert "flagged" in header
    assert "not articles" in header
    assert row.split()[0] == "baobiencuong"


def test_a_rerun_fetches_no_article_and_under_half_the_pages(hidden: dict[str, Any]) -> None:
    assert hidden["second"].returncode == 0, hidden["second"].stderr[-3000:]
    refetched = [p for p, _ in hidden["second_requests"] if p in hidden["article_paths"]]
    assert refetched == []
    assert len(hidden["second_requests"]) < len(hidden["first_requests"]) / 2, (
        len(hidden["second_requests"]), len(hidden["first_requests"]))
    (new,) = rows(hidden["db"], "select new from crawls order by id desc limit 1")[0]
    assert new == 0


def test_every_fetched_page_is_a_capture(hidden: dict[str, Any]) -> None:
    fetched = len(hidden["first_requests"]) + len(hidden["second_requests"])
    (captures,) = rows(hidden["db"], "select count(*) from captures")[0]
    assert captures == fetched


def test_a_killed_run_is_completed_from_the_frontier(tmp_path: Path) -> None:
    """The CI flake of issue 14: articles reached only through the related links of articles
    a killed run archived were never reached, as archived articles are not fetched again.
    The links wait in the frontier, and the next run starts from them."""
    src, db = tmp_path / "sources", tmp_path / "archive.db"
    common = ["--db", str(db), "--warc-dir", str(tmp_path / "warc"), "--sources-dir", str(src),
              "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
              "-s", "LOG_LEVEL=WARNING"]
    with PaperServer(articles=40) as server:
        added = run_cli("sources", "add", "baobiencuong", "--url", server.url + "/",
                        "--sources-dir", str(src))
        assert added.returncode == 0, added.stderr
        paper = server.paper
        server.release.clear()  # related-only articles hang: the run is killed while they wait
        proc = subprocess.Popen([sys.executable, "-m", "newsarchive.cli", "crawl",
                                 "baobiencuong", *common], cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            def orphans() -> list[str]:
                held = list(server.held)
                if not held or not db.exists():
                    return []
                try:
                    stored = {u for (u,) in rows(db, "select url from articles")}
                except sqlite3.Error:
                    return []
                # a child requested (and hanging) whose only parent is archived and committed
                return [p for p in held if paper.base + p not in stored and any(
                    paper.url(n - 1) in stored for n in range(5, paper.n + 1, 10)
                    if paper.path(n) == p)]

            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not orphans():
                time.sleep(0.05)
            assert orphans(), "no parent was archived while its child was in flight"
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        server.release.set()
        assert rows(db, "select count(*) from frontier")[0][0] > 0
        rerun = run_cli("crawl", "baobiencuong", *common)
        assert rerun.returncode == 0, rerun.stderr[-3000:]
        archived = {u for (u,) in rows(db, "select url from articles")}
        assert set(paper.truth()) <= archived
        assert rows(db, "select count(*) from frontier")[0][0] == 0


def test_sitemaps_named_only_in_robots_txt_are_read(tmp_path: Path) -> None:
    """A definition without ``sitemaps:`` still finds the gzipped sitemap, through the sitemap
    index that robots.txt names (Scrapy's Sitemap, gunzip and robots.txt parsing)."""
    src, db = tmp_path / "sources", tmp_path / "archive.db"
    with PaperServer(articles=20) as server:
        added = run_cli("sources", "add", "baobiencuong", "--url", server.url + "/",
                        "--sources-dir", str(src))
        assert added.returncode == 0, added.stderr
        path = src / "baobiencuong.yaml"
        lines = path.read_text(encoding="utf-8").splitlines()
        at = lines.index("sitemaps:")
        del lines[at:at + 2]  # the key and its one entry
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        crawl = run_cli("crawl", "baobiencuong", "--db", str(db), "--warc-dir",
                        str(tmp_path / "warc"), "--sources-dir", str(src),
                        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")
        assert crawl.returncode == 0, crawl.stderr[-3000:]
        requested = [p for p, _ in server.requests]
        only_in_sitemap = [u for u, k in server.paper.truth().items() if k == "sitemap_only"]
    assert "/sitemaps/bai-viet-1.xml.gz" in requested
    assert requested.count("/robots.txt") == 2  # sources add's, and the crawl's one
    archived = {u for (u,) in rows(db, "select url from articles")}
    assert only_in_sitemap
    assert set(only_in_sitemap) <= archived
