"""A paper nobody defined, added as a user would add it, is archived whole and re-crawled cheaply.

Real processes throughout: `newsarchive sources add` discovers the generated paper
(tests/paper_site.py) on its own port of 127.0.0.1, `newsarchive crawl` runs Scrapy's engine
against it into a real SQLite file, twice.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import run_cli
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
    kinds = next(line for line in out.splitlines() if line.startswith("kept: "))
    assert f"{truth.count('video')} video" in kinds, out
    assert f"{len(truth) - truth.count('video')} article" in kinds, out
    assert f"flagged: {truth.count('brief')} short_body, {truth.count('video')} lead_only" in (
        kinds.replace(f"{truth.count('video')} lead_only, {truth.count('brief')} short_body",
                      f"{truth.count('brief')} short_body, {truth.count('video')} lead_only")), out
    header, _, row = out.splitlines()[:3]
    assert "flagged" in header and "not articles" in header
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
