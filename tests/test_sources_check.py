"""`sources check` against the mirror: a good definition passes, a broken one says why."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pytest

from newsarchive.mirror import build_sites
from newsarchive.mirror.server import MirrorServer
from newsarchive.sources import Source, load_sources
from newsarchive.sources.check import check_source, format_report
from newsarchive.sources.discover import Fetch, make_fetch

if TYPE_CHECKING:
    from collections.abc import Iterator

SITES = build_sites()
SOURCES = load_sources()
MIRRORED = sorted(sid for sid in SITES if sid in SOURCES)


@pytest.fixture(scope="module")
def fetch() -> Iterator[Fetch]:
    with MirrorServer() as server:
        yield make_fetch(server.url, timeout=10)


@pytest.mark.parametrize("sid", MIRRORED)
def test_shipped_definition_passes_against_the_mirror(sid: str, fetch: Fetch) -> None:
    report = check_source(SOURCES[sid], fetch, max_articles=4)
    assert report["ok"], format_report(report)
    truth = {t["url"] for t in SITES[sid].articles()}
    assert report["article_links_found"] >= 20
    assert all(a["is_article"] and a["url"] in truth for a in report["articles"])
    assert len(report["articles"]) == 4
    assert report["coverage"]["published"] == 1.0
    assert report["coverage"]["title"] == 1.0
    assert all(f["ok"] and f["article_links"] > 0 for f in report["feeds"])
    assert report["robots"]["found"]
    assert report["robots"]["home_allowed"]
    assert "PASS" in format_report(report)


def test_pattern_matching_section_pages_fails_with_the_reason(fetch: Fetch) -> None:
    good = SOURCES[MIRRORED[0]]
    broad = dataclasses.replace(good, article_url_pattern=r"^https?://", feeds=(), sitemaps=())
    report = check_source(broad, fetch, max_articles=3)
    assert not report["ok"]
    assert any("did not extract as articles" in p for p in report["problems"]), report["problems"]


def test_dead_feed_and_wrong_pattern_are_reported(fetch: Fetch) -> None:
    good = SOURCES[MIRRORED[0]]
    broken = dataclasses.replace(
        good, feeds=(good.homepage.rstrip("/") + "/rss/khong-ton-tai.rss",), sitemaps=(),
        article_url_pattern=r"/bai-viet/\d+\.htm$")
    report = check_source(broken, fetch)
    assert not report["ok"]
    text = "\n".join(report["problems"])
    assert "khong-ton-tai.rss failed" in text
    assert "404" in text
    assert "no article links found" in text
    assert report["articles"] == []
    assert report["coverage"]["published"] is None
    assert "FAIL" in format_report(report)


def test_unreachable_site_is_a_report_not_a_crash() -> None:
    def fetch(url: str) -> bytes:
        raise ConnectionRefusedError("connection refused")

    source = Source(id="baomau", name="Báo Mẫu", homepage="https://baomau.vn/",
                    start_urls=("https://baomau.vn/",), article_url_pattern=r"-\d+\.html$")
    report = check_source(source, fetch)
    assert not report["ok"]
    assert report["robots"]["found"] is False
    assert any("start page https://baomau.vn/ failed" in p for p in report["problems"])


def test_check_and_add_fetches_are_spaced_for_real_sites() -> None:
    """`sources add/check` against a live site wait between requests (1 s by default)."""
    import time

    site = SITES[MIRRORED[0]]
    with MirrorServer() as server:
        polite = make_fetch(server.url, min_interval=0.4)
        started = time.monotonic()
        for path in ("/robots.txt", "/", "/robots.txt"):
            assert polite(site.url(path))
        assert time.monotonic() - started >= 0.8
        assert [p for h, p, _ in server.requests] == ["/robots.txt", "/", "/robots.txt"]
