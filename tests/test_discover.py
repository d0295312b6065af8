"""`sources add` discovery against the mirror: the written definition loads and crawls."""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING, Any

import pytest

from newsarchive.mirror import build_sites
from newsarchive.mirror.server import MirrorServer
from newsarchive.sources import BROWSER_HEADERS, load_file, load_sources, source_from_dict
from newsarchive.sources.discover import (
    DiscoveryError,
    discover_source,
    infer_article_pattern,
    make_fetch,
    sources_sharing_hosts,
    write_definition,
)
from tests.conftest import run_cli

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from newsarchive.mirror.model import Site

SITES = build_sites()


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer() as server:
        yield server


@pytest.fixture(scope="module")
def discovered(mirror: MirrorServer) -> dict[str, dict[str, Any]]:
    """Static discovery (no browser) of every paper, with browser headers when refused."""
    fetch = make_fetch(mirror.url, timeout=10)
    browser = make_fetch(mirror.url, timeout=10, headers=BROWSER_HEADERS)
    return {sid: discover_source(site.url("/"), fetch, browser_fetch=browser)
            for sid, site in SITES.items()}


def _truth(site: Site, *, articles: bool, static_only: bool = False) -> list[str]:
    """Truth URLs; ``static_only``: the articles a definition discovered without a browser
    reaches (it has no ``render`` and no ``listing_api``: those are found by rendering)."""
    return [t["url"] for t in site.truth
            if bool(t["is_article"]) == articles and not t.get("fault")
            and not (static_only and {"listing_api", "render"} & set(t.get("needs", [])))]


@pytest.mark.parametrize("sid", sorted(SITES))
def test_discovery_finds_feeds_sitemaps_sections_and_article_shape(
        sid: str, discovered: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    site, data = SITES[sid], discovered[sid]
    assert data["id"] == sid.replace("baodongkhoi", "dongkhoi")
    assert data["homepage"] == site.url("/")
    robots = site.pages["/robots.txt"].body.decode()
    assert data["sitemaps"] == [line.split(": ", 1)[1] for line in robots.splitlines()
                                if line.startswith("Sitemap: ")]  # from robots.txt
    declared = b'type="application/rss+xml"' in site.pages["/"].body
    assert bool(data["feeds"]) == declared
    assert all(re.sub(r"^https?://[^/]+", "", f) in site.pages for f in data["feeds"])
    assert (data.get("headers") == "browser") == site.browser_only

    path = write_definition(tmp_path, {**data, "id": sid})
    source = load_file(path)  # the loader accepts what was written
    assert "_evidence" not in path.read_text(encoding="utf-8")
    articles, others = _truth(site, articles=True), _truth(site, articles=False)
    assert [u for u in articles if not source.is_article_url(u)] == []
    assert [u for u in others if source.is_article_url(u)] == []
    listings = [t["url"] for t in site.truth if t.get("page_type") == "listing"
                and "-event" not in t["url"]]
    assert source.listing_url_pattern
    assert [u for u in listings if not re.search(source.listing_url_pattern, u)] == []
    assert len(source.start_urls) >= 3  # home plus sections from the menu


def test_discovered_definitions_crawl_the_mirror(
        discovered: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    """Written to a user sources dir, the definitions override the shipped ones and crawl every
    article a definition discovered without a browser can reach: with the browser headers it
    found a paper needs (hanoimoi), and malformed pages read whole (baotayninh)."""
    defs = tmp_path / "sources"
    for sid, data in discovered.items():
        write_definition(defs, {**data, "id": sid})
    assert {sid: s.path for sid, s in load_sources([defs]).items() if sid in SITES} == {
        sid: str(defs / f"{sid}.yaml") for sid in SITES}
    static = sorted(SITES)
    db = tmp_path / "archive.db"
    with MirrorServer() as server:
        result = run_cli("crawl", *static, "--mirror", server.url, "--db", str(db),
                         "--warc-dir", str(tmp_path / "warc"), "--sources-dir", str(defs),
                         "-s", "LOG_LEVEL=WARNING", "-s", "DOWNLOAD_TIMEOUT=5", timeout=240)
        requested = {(h, p) for h, p, _ in server.requests}
    assert result.returncode == 0, result.stderr[-3000:]
    conn = sqlite3.connect(db)
    try:
        stored = {url for (url,) in conn.execute("select url from articles")}
    finally:
        conn.close()
    for sid in static:
        site = SITES[sid]
        truth = _truth(site, articles=True, static_only=True)
        missing = [u for u in truth if u not in stored]
        assert len(missing) <= len(truth) // 10, f"{sid}: not archived: {missing}"
        robots = site.pages["/robots.txt"].body.decode()
        rules = [ln.split(":", 1)[1].strip() for ln in robots.splitlines()
                 if ln.startswith("Disallow:")]
        disallowed = [p for h, p in requested if h == site.host
                      and any(r and p.startswith(r) for r in rules)]
        assert disallowed == [], f"{sid}: robots.txt ignored for {disallowed}"


@pytest.mark.browser
def test_discovery_detects_render_listing_api_headers_and_base(mirror: MirrorServer) -> None:
    """What a site needs, found the way a user's `sources add` finds it, with real Chromium."""
    from newsarchive.render import Renderer, unavailable_reason

    if unavailable_reason():
        pytest.skip(unavailable_reason())
    fetch = make_fetch(mirror.url, timeout=10)
    browser = make_fetch(mirror.url, timeout=10, headers=BROWSER_HEADERS)
    with Renderer(mirror.url) as render:
        def add(url: str) -> dict[str, Any]:
            return discover_source(url, fetch, browser_fetch=browser, render=render)

        dbp = add("https://baodienbienphu.vn/")
        plain = add("https://baolaichau.vn/")
        encoded = add("https://baothanhhoa.vn/")
        injected = add("https://baoquangngai.vn/")
        malformed = add("https://baotayninh.vn/")
        moved = add("https://baodongkhoi.vn/")
    shipped = load_sources()["baodienbienphu"].listing_api
    assert dbp["render"] == {"listings": "js"}
    # the same API the shipped definition describes (which adds only a page limit)
    assert dbp["listing_api"] == {k: v for k, v in shipped.items() if k != "max_pages"}
    assert plain.get("render") is None
    assert plain.get("listing_api") is None
    assert encoded["render"] == {"articles": "js"}
    assert injected["render"] == {"articles": "js"}
    assert malformed.get("render") is None  # parsed whole, not run: no browser needed
    assert moved["homepage"] == "https://dongkhoi.baovinhlong.vn/"
    assert moved["domains"] == ["dongkhoi.baovinhlong.vn", "baodongkhoi.vn"]
    source = source_from_dict({k: v for k, v in dbp.items() if not k.startswith("_")})
    site = SITES["baodienbienphu"]
    assert all(source.is_article_url(t["url"]) for t in site.articles())


# ---- shapes without a mirror: the pattern must separate articles from sections ----------------
def test_inference_keeps_listing_and_pagination_links_out() -> None:
    articles = [f"https://baomau.vn/{cat}/{slug}-{n}.html" for cat, slug, n in [
        ("thoi-su", "hoi-nghi-tinh-uy-lan-thu-muoi-hai", 10231),
        ("kinh-te", "gia-ca-phe-tang-manh-dau-vu", 10244),
        ("van-hoa", "le-hoi-dua-thuyen-tren-song-lam", 10307),
        ("thoi-su", "khanh-thanh-cau-vuot-lu-o-xa-bien-gioi", 10311),
    ]]
    others = ["https://baomau.vn/thoi-su/", "https://baomau.vn/thoi-su/page-2.html",
              "https://baomau.vn/thoi-su/trang-12.html", "https://baomau.vn/lien-he.html"]
    pattern = infer_article_pattern(articles, others)
    assert pattern is not None
    assert all(re.search(pattern, u) for u in articles)
    assert not any(re.search(pattern, u) for u in others)
    assert re.search(pattern, "https://baomau.vn/xa-hoi/truong-hoc-moi-cho-hoc-sinh-vung-cao-10420.html")


def test_inference_handles_old_portals_with_ids_in_the_query() -> None:
    articles = [f"https://baomau.vn/News/Details.aspx?NewsID={n}" for n in (20871, 20902, 21013)]
    others = ["https://baomau.vn/News/List.aspx?CatID=3", "https://baomau.vn/News/List.aspx?CatID=3&page=2",
              "https://baomau.vn/Default.aspx"]
    pattern = infer_article_pattern(articles, others)
    assert pattern is not None
    assert re.search(pattern, "https://baomau.vn/News/Details.aspx?NewsID=30555&utm_source=zalo")
    assert not any(re.search(pattern, u) for u in others)


def test_unreachable_home_page_is_a_clear_error() -> None:
    def fetch(url: str) -> bytes:
        raise OSError("connection refused")

    with pytest.raises(DiscoveryError, match=r"cannot fetch https://baomau\.vn/"):
        discover_source("https://baomau.vn/", fetch)


def test_existing_definition_is_not_overwritten(discovered: dict[str, dict[str, Any]],
                                                tmp_path: Path) -> None:
    data = next(iter(discovered.values()))
    write_definition(tmp_path, data)
    with pytest.raises(FileExistsError):
        write_definition(tmp_path, data)
    assert write_definition(tmp_path, {**data, "province": "Điện Biên"}, overwrite=True)
    assert load_file(tmp_path / f"{data['id']}.yaml").province == "Điện Biên"


def test_adding_a_paper_whose_host_is_already_defined_is_flagged(
        discovered: dict[str, dict[str, Any]]) -> None:
    shipped = load_sources()
    data = next(iter(discovered.values()))
    assert sources_sharing_hosts({**data, "id": "ban_sao"}, shipped) == [data["id"]]
    assert sources_sharing_hosts(data, shipped) == []  # the same id replaces, not clashes
    fresh = {"id": "baomoi_tinh", "homepage": "https://baomoi-tinh.vn/", "domains": []}
    assert sources_sharing_hosts(fresh, shipped) == []
