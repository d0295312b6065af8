"""`sources add` discovery against the mirror: the written definition loads and crawls."""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING, Any

import pytest

from newsarchive.mirror import build_sites
from newsarchive.mirror.server import MirrorServer
from newsarchive.sources import load_file, load_sources
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
    fetch = make_fetch(mirror.url, timeout=10)
    return {sid: discover_source(site.url("/"), fetch) for sid, site in SITES.items()}


def _truth(site: Site, *, articles: bool) -> list[str]:
    return [t["url"] for t in site.truth
            if bool(t["is_article"]) == articles and not t.get("fault")]


@pytest.mark.parametrize("sid", sorted(SITES))
def test_discovery_finds_feed_sitemap_sections_and_article_shape(
        sid: str, discovered: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    site, data = SITES[sid], discovered[sid]
    assert data["id"] == sid
    assert data["homepage"] == site.url("/")
    assert data["sitemaps"] == [site.url("/sitemap.xml")]  # from robots.txt
    assert data["feeds"]
    assert all(f.startswith(site.base_url) for f in data["feeds"])
    assert all(re.sub(r"^https?://[^/]+", "", f) in site.pages for f in data["feeds"])

    path = write_definition(tmp_path, data)
    source = load_file(path)  # the loader accepts what was written
    assert path.name == f"{sid}.yaml"
    assert "_evidence" not in path.read_text(encoding="utf-8")

    articles, others = _truth(site, articles=True), _truth(site, articles=False)
    assert len(articles) >= 20
    assert others
    assert [u for u in articles if not source.is_article_url(u)] == []
    assert [u for u in others if source.is_article_url(u)] == []
    listings = [t["url"] for t in site.truth if t.get("page_type") == "listing"]
    assert source.listing_url_pattern
    assert [u for u in listings if not re.search(source.listing_url_pattern, u)] == []
    assert len(source.start_urls) >= 3  # home plus sections from the menu


def test_discovered_definitions_crawl_the_mirror(
        discovered: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    """Written to a user sources dir, the definitions override the shipped ones and crawl."""
    defs = tmp_path / "sources"
    for data in discovered.values():
        write_definition(defs, data)
    assert {sid: s.path for sid, s in load_sources([defs]).items() if sid in SITES} == {
        sid: str(defs / f"{sid}.yaml") for sid in SITES}
    db = tmp_path / "archive.db"
    with MirrorServer() as server:
        result = run_cli("crawl", *sorted(SITES), "--mirror", server.url, "--db", str(db),
                         "--warc-dir", str(tmp_path / "warc"), "--sources-dir", str(defs),
                         "-s", "LOG_LEVEL=WARNING", "-s", "DOWNLOAD_TIMEOUT=5", timeout=240)
        requested = {(h, p) for h, p, _ in server.requests}
    assert result.returncode == 0, result.stderr[-3000:]
    conn = sqlite3.connect(db)
    try:
        stored = {url for (url,) in conn.execute("select url from articles")}
    finally:
        conn.close()
    for sid, site in SITES.items():
        truth = _truth(site, articles=True)
        missing = [u for u in truth if u not in stored]
        assert len(missing) <= len(truth) // 10, f"{sid}: not archived: {missing}"
        disallowed = [p for h, p in requested if h == site.host
                      and p.startswith(("/Print.aspx", "/tim-kiem", "/news/print/", "/seek/",
                                        "/wp-admin/", "/search/", "/in-bai/"))]
        assert disallowed == [], f"{sid}: robots.txt ignored for {disallowed}"


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
