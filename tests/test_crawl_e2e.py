"""End to end: Scrapy's real engine crawls the mirror over real HTTP into a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from typing import TYPE_CHECKING, Any

import pytest

from newsarchive.crawling.requests import needs_browser
from newsarchive.mirror import build_sites
from newsarchive.mirror.server import MirrorServer
from newsarchive.render import unavailable_reason
from newsarchive.sources import load_sources
from tests.conftest import run_cli
from tests.test_mirror import FAMILIES
from tests.truth_check import articles as stored_articles
from tests.truth_check import field_problems

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

CRAWL_FLAGS = ["-s", "DOWNLOAD_TIMEOUT=3", "-s", "RETRY_TIMES=1", "-s", "LOG_LEVEL=INFO"]
#: Without a browser here (no Chromium, or no render extra) the papers whose pages are built
#: by scripts cannot be crawled: each run fails with one line saying how to install one, and
#: their articles are left out of the checks.  CI installs Debian's chromium (.ci/run).
UNREACHABLE = ({sid for sid, src in load_sources().items()
                if sid in build_sites() and needs_browser(src)}
               if unavailable_reason() else set())


def reachable(t: dict[str, Any]) -> bool:
    return t["source"] not in UNREACHABLE


def failed_papers(run: Any) -> set[str]:
    return {line.split(":")[1].strip() for line in run.stderr.splitlines()
            if line.startswith("error: ")}


@pytest.fixture(scope="module")
def truth() -> list[dict[str, Any]]:
    records = []
    for site in build_sites().values():
        records.extend(r for r in site.truth if not r.get("fault"))
    return records


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One full crawl of the mirror (with fault pages on), then an immediate re-run."""
    work = tmp_path_factory.mktemp("crawl")
    db = work / "archive.db"
    with MirrorServer(faults=True, slow_seconds=6.0) as server:
        first = run_cli("crawl", "--all", "--mirror", server.url, "--db", str(db),
                        "--warc-dir", str(work / "warc"), "--sources-dir", str(work / "sources"),
                        *CRAWL_FLAGS)
        first_requests = list(server.requests)
        second = run_cli("crawl", "--all", "--mirror", server.url, "--db", str(db),
                         "--warc-dir", str(work / "warc"), "--sources-dir", str(work / "sources"),
                         *CRAWL_FLAGS)
        second_requests = list(server.requests[len(first_requests):])
    return {"db": db, "work": work, "first": first, "second": second,
            "first_requests": first_requests, "second_requests": second_requests}


def rows(db: Path, sql: str, *params: Any) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_crawl_completes(crawl: dict[str, Any]) -> None:
    for run in (crawl["first"], crawl["second"]):
        assert failed_papers(run) == UNREACHABLE, run.stderr[-3000:]
        assert run.returncode == (1 if UNREACHABLE else 0), run.stderr[-3000:]


def test_every_truth_article_archived_once_with_its_fields(
        crawl: dict[str, Any], truth: list[dict[str, Any]]) -> None:
    db = crawl["db"]
    articles = [t for t in truth if t["is_article"] and reachable(t)]
    assert len(articles) >= 90
    by_url = stored_articles(db)
    assert len(by_url) == len(rows(db, "select url from articles"))  # one row per URL
    problems = field_problems(articles, by_url, also=("sapo", "author", "credit"))
    for t in articles:
        if t["url"] in by_url:
            assert unicodedata.is_normalized("NFC", by_url[t["url"]]["body"])
    assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} problems)"


@pytest.mark.parametrize("family", sorted(FAMILIES), ids=sorted(FAMILIES))
def test_each_mirror_family_is_archived_field_by_field(
        crawl: dict[str, Any], truth: list[dict[str, Any]], family: str) -> None:
    """Per paper (each carrying one of the difficulties of tests/test_mirror.py's FAMILIES):
    every article of its truth archived with its title, date, body and captions."""
    if family in UNREACHABLE:
        pytest.skip(f"{family} needs a browser: {unavailable_reason()}")
    db = crawl["db"]
    mine = [t for t in truth if t["is_article"] and t["source"] == family]
    assert mine
    problems = field_problems(mine, stored_articles(db, family))
    assert not problems, f"{family} ({FAMILIES[family]}):\n" + "\n".join(problems)


def test_no_non_articles_archived(crawl: dict[str, Any], truth: list[dict[str, Any]]) -> None:
    non_articles = {t["url"] for t in truth if not t["is_article"]}
    archived = {r["url"] for r in rows(crawl["db"], "select url from articles")}
    assert not (non_articles & archived)


def test_robots_disallowed_and_offsite_never_requested(crawl: dict[str, Any]) -> None:
    sites = build_sites()
    hosts = {h for s in sites.values() for h in s.all_hosts()}
    requested = crawl["first_requests"] + crawl["second_requests"]
    offsite = {h for h, _, _ in requested if h.removeprefix("www.") not in hosts}
    assert not offsite
    for site in sites.values():
        robots = site.pages["/robots.txt"].body.decode()
        disallowed = [line.split(":", 1)[1].strip() for line in robots.splitlines()
                      if line.lower().startswith("disallow:") and line.split(":", 1)[1].strip()]
        assert disallowed, site.host
        for host, path, _ in requested:
            if host.removeprefix("www.") == site.host:
                assert not any(path.startswith(d) for d in disallowed), (host, path)


@pytest.mark.parametrize(
    ("fault", "logged"),
    [
        ("bai-viet-da-go-bo-199873", "dead link (HTTP 404)"),
        ("-290001", "empty page"),
        ("-290002", "not an HTML page"),
        ("-290003", "stored with quality flag short_body"),  # truncated HTML: kept, flagged
        ("-290005", "HttpError"),  # 500, retried, then given up
        ("-290006", "DownloadTimeoutError"),  # slower than DOWNLOAD_TIMEOUT
        ("-290008", "DownloadFailedError"),  # connection dropped without a response
        ("-290009", "DownloadCancelledError"),  # larger than DOWNLOAD_MAXSIZE
        ("-290010", "max redirections reached"),  # redirect loop
    ],
)
def test_each_fault_is_logged_with_its_url_and_reason(crawl: dict[str, Any], fault: str,
                                                      logged: str) -> None:
    lines = [line for line in crawl["first"].stderr.splitlines()
             if fault in line and logged in line]
    assert lines, f"no log line for {fault} mentioning {logged!r}"


def test_faults_do_not_lose_the_crawl(crawl: dict[str, Any]) -> None:
    """A 503 with Retry-After is retried after the wait and archived; everything else survives."""
    busy = [(p, s) for h, p, s in crawl["first_requests"] if "-290007" in p]
    assert [s for _, s in busy][:2] == [503, 200]
    conn = sqlite3.connect(crawl["db"])
    try:
        found = conn.execute(
            "select count(*) from articles where fetched_url like '%-290007'").fetchone()[0]
        assert found == 1
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_rerun_finds_nothing_new_and_refetches_no_article(
        crawl: dict[str, Any], truth: list[dict[str, Any]]) -> None:
    out = crawl["second"].stdout
    assert crawl["second"].returncode == (1 if UNREACHABLE else 0)
    article_paths = set()
    for t in truth:
        if t["is_article"] and reachable(t):
            from urllib.parse import urlsplit

            parts = urlsplit(t["url"])
            query = f"?{parts.query}" if parts.query else ""
            article_paths.add((parts.hostname, parts.path + query))
    refetched = [(h, p) for h, p, _ in crawl["second_requests"] if (h, p) in article_paths]
    assert refetched == []
    new_counts = rows(crawl["db"], "select new from crawls order by id desc limit 4")
    assert all(r["new"] == 0 for r in new_counts), out


def test_crawls_table_records_each_run(crawl: dict[str, Any]) -> None:
    runs = rows(crawl["db"], "select * from crawls order by id")
    assert len(runs) == 2 * len(build_sites())
    for r in runs:
        assert r["started_at"]
        assert r["finished_at"]
        assert r["state"] == ("failed" if r["source"] in UNREACHABLE else "finished")
        json.loads(r["coverage"])
