"""`sources check` against the mirror: a good definition passes, a broken one says why."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING, Any

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
STATIC = [sid for sid in MIRRORED if not SOURCES[sid].renders("articles")]
RENDERED = [sid for sid in MIRRORED if SOURCES[sid].renders("articles")]


@pytest.fixture(scope="module")
def server() -> Iterator[MirrorServer]:
    with MirrorServer() as mirror:
        yield mirror


@pytest.fixture(scope="module")
def fetch(server: MirrorServer) -> Fetch:
    return make_fetch(server.url, timeout=10)


def _passes(sid: str, report: dict[str, Any]) -> None:
    assert report["ok"], format_report(report)
    truth = {t["url"]: t for t in SITES[sid].articles()}
    assert report["article_links_found"] >= min(12, len(truth))
    assert all(a["is_article"] and a["url"] in truth for a in report["articles"])
    assert len(report["articles"]) == min(4, len(truth))
    for a in report["articles"]:
        assert a["title"] == truth[a["url"]]["title"]
        assert a["body_chars"] == len(truth[a["url"]]["body"])
    assert report["coverage"]["published"] == 1.0
    assert all(f["ok"] and f["article_links"] > 0 for f in report["feeds"])
    assert report["robots"]["found"]
    assert report["robots"]["home_allowed"]
    assert report["evidence"]["rows"] >= 1
    assert "PASS" in format_report(report)


@pytest.mark.parametrize("sid", STATIC)
def test_shipped_definition_passes_against_the_mirror(sid: str, server: MirrorServer) -> None:
    """With the definition's own headers (hanoimoi answers 403 without browser ones)."""
    fetch = make_fetch(server.url, timeout=10, headers=SOURCES[sid].headers)
    _passes(sid, check_source(SOURCES[sid], fetch, max_articles=4))


@pytest.mark.browser
@pytest.mark.parametrize("sid", RENDERED)
def test_rendered_definition_passes_with_a_browser(sid: str, server: MirrorServer) -> None:
    from newsarchive.render import Renderer, unavailable_reason

    if unavailable_reason():
        pytest.skip(unavailable_reason())
    with Renderer(server.url) as render:
        report = check_source(SOURCES[sid], make_fetch(server.url, timeout=10), max_articles=4,
                              render=render)
    _passes(sid, report)


def test_without_a_browser_rendered_pages_are_flagged(fetch: Fetch) -> None:
    report = check_source(SOURCES["baothanhhoa"], fetch, max_articles=4)
    assert "articles need rendering and were read without a browser" in report["warnings"]
    assert "warning: articles need rendering" in format_report(report)


def test_json_listing_api_is_read(fetch: Fetch) -> None:
    report = check_source(SOURCES["baodienbienphu"], fetch, max_articles=2)
    assert len(report["listing_api"]) == 4
    assert sum(i["article_links"] for i in report["listing_api"]) >= 8
    assert "listing API: https://api-dienbien.baodienbienphu.vn/" in format_report(report)


def test_hanoimoi_without_browser_headers_fails_with_403(fetch: Fetch) -> None:
    report = check_source(SOURCES["hanoimoi"], fetch, max_articles=2)
    assert not report["ok"]
    assert any("403" in p for p in report["problems"])


def test_evidence_age_is_shown_and_old_evidence_warned(fetch: Fetch) -> None:
    today = date(2026, 11, 27)
    report = check_source(SOURCES["baolaichau"], fetch, max_articles=1, today=today)
    ev = report["evidence"]
    assert (ev["newest"], ev["oldest"]) == ("2026-01-23", "2020-08-29")
    assert ev["newest_age"] == "10 months"
    assert ev["before_mergers"] is False
    text = format_report(report)
    assert "evidence: 2 rows, newest 2026-01-23 (10 months ago), oldest 2020-08-29" in text
    old = dataclasses.replace(SOURCES["baolaichau"], evidence=(SOURCES["baolaichau"].evidence[1],))
    report = check_source(old, fetch, max_articles=1, today=today)
    assert report["evidence"]["before_mergers"] is True
    assert "predates the 2025 mergers" in format_report(report)


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
