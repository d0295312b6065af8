"""The Báo Hà Giang (WordPress) and Báo Tây Ninh (modern CMS) mirror sites.

Crawl and extraction tests score against these pages, so the pages must hold what their truth
records say, every link must lead somewhere real (except the one deliberate dead link), and the
traps (wrong JSON-LD date, "(BTN) - " prefix, VNI page, security plant) must really be there.
"""

from __future__ import annotations

import http.client
import json
import re
import unicodedata
import urllib.robotparser
from collections.abc import Iterator
from datetime import date
from types import ModuleType
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest
from w3lib.url import safe_url_string

from newsarchive.mirror.model import Page, Site
from newsarchive.mirror.server import MirrorServer
from newsarchive.mirror.sites import baohagiang, baotayninh
from newsarchive.sources import load_sources
from newsarchive.vietnamese import encode_legacy

MODULES: dict[str, ModuleType] = {"baohagiang": baohagiang, "baotayninh": baotayninh}
WEEKDAYS = ("hai", "ba", "tư", "năm", "sáu", "bảy")  # Thứ Hai (Monday) .. Thứ Bảy (Saturday)
DATE_LINE_RE = re.compile(
    r"(Thứ (?:hai|ba|tư|năm|sáu|bảy)|Chủ nhật)\s*[,:]?\s*(?:\d{1,2}:\d{2}\s+)?(?:ngày\s+)?"
    r"(\d{1,2})/(\d{1,2})/(\d{4})",
    re.IGNORECASE,
)


@pytest.fixture(scope="module", params=sorted(MODULES))
def site(request: pytest.FixtureRequest) -> Site:
    return MODULES[request.param].build()


@pytest.fixture(scope="module")
def both() -> dict[str, Site]:
    return {sid: mod.build() for sid, mod in MODULES.items()}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _doc(pg: Page) -> lxml.html.HtmlElement:
    charset = pg.content_type.split("charset=")[-1] if "charset=" in pg.content_type else "utf-8"
    if charset.lower() == "windows-1252":  # the VNI page: chrome is ASCII with references
        return lxml.html.document_fromstring(pg.body.decode("latin-1"))
    return lxml.html.document_fromstring(pg.body.decode(charset))


def _visible(pg: Page) -> str:
    doc = _doc(pg)
    for bad in doc.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return _norm(doc.text_content())


def _html_pages(site: Site) -> Iterator[tuple[str, Page]]:
    for path, pg in site.pages.items():
        if pg.status == 200 and pg.content_type.startswith("text/html"):
            yield path, pg


def _key(site: Site, url: str) -> str | None:
    """Page key (path plus query) of a same-site absolute URL, else None."""
    parts = urlsplit(url)
    if (parts.hostname or "").removeprefix("www.") != site.host:
        return None
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _links(site: Site) -> dict[str, set[str]]:
    """Every same-site <a href> target (as a page key) -> the pages linking to it."""
    found: dict[str, set[str]] = {}
    for path, pg in _html_pages(site):
        for href in _doc(pg).xpath("//a/@href"):
            if href.startswith(("javascript:", "mailto:", "#")):
                continue
            key = _key(site, urljoin(site.url(path), href.split("#")[0]))
            if key is not None:
                found.setdefault(key, set()).add(path)
    return found


def _article_pages(site: Site) -> Iterator[tuple[dict[str, Any], Page]]:
    for rec in site.articles():
        key = _key(site, rec["url"])
        assert key is not None
        yield rec, site.pages[key]


# --------------------------------------------------------------------------- the whole site


def test_site_has_enough_articles_spread_over_years(site: Site) -> None:
    arts = site.articles()
    assert len(arts) >= 25
    years = {int(r["published"][:4]) for r in arts}
    assert min(years) <= 2019 and max(years) >= 2025
    assert {r["page_type"] for r in arts} >= {"article", "gallery"} or any(
        r["page_type"] == "video" for r in arts)
    assert any(r["author"] is None for r in arts), "at least one author-less article"
    assert any(r["sapo"] is None for r in arts) and any(r["sapo"] for r in arts)
    assert max(len(r["body"].split("\n\n")) for r in arts) >= 40, "one long article"
    for r in arts:
        assert r["source"] == site.source_id
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:00\+07:00)?", r["published"]), r["url"]
        for field in ("title", "sapo", "body"):
            if r[field]:
                assert unicodedata.normalize("NFC", r[field]) == r[field]
                assert "<" not in r[field], (r["url"], field)


def test_both_sites_have_a_gallery_and_btn_a_video(both: dict[str, Site]) -> None:
    types = {sid: {r["page_type"] for r in s.articles()} for sid, s in both.items()}
    assert "gallery" in types["baohagiang"]
    assert "video" in types["baotayninh"]


def test_every_truth_field_appears_on_its_page(site: Site) -> None:
    for rec, pg in _article_pages(site):
        if rec["encoding"] != "utf-8":
            continue  # the legacy page has its own test
        text = _visible(pg)
        raw = pg.body.decode("utf-8")
        assert _norm(rec["title"]) in text
        if rec["sapo"]:
            assert _norm(rec["sapo"]) in text, rec["url"]
        for para in rec["body"].split("\n\n"):
            assert _norm(para) in text, (rec["url"], para)
        for cap in rec["captions"]:
            assert _norm(cap["text"]) in text, (rec["url"], cap)
            if cap["credit"]:
                assert cap["credit"] in text
            assert cap["image_url"] in raw
        for name in (rec["author"] or "").split("; "):
            assert name in text
        if rec["credit"] == "TTXVN":
            assert "Theo TTXVN" in text
        assert rec["category"] in text
        for tag in rec["tags"]:
            assert tag in text
        day = date.fromisoformat(rec["published"][:10])
        assert f"{day.day:02d}/{day.month:02d}/{day.year}" in text
        if "T" in rec["published"]:
            assert rec["published"][11:16] in text
        if rec["modified"]:
            assert rec["modified"] in raw


def test_header_clock_shows_the_crawl_day_not_the_article_day(site: Site) -> None:
    for rec, pg in _article_pages(site):
        if rec["encoding"] != "utf-8":
            continue
        head = _visible(pg)[:300]
        assert "27/11/2026" in head, rec["url"]


def test_weekday_names_match_their_dates(site: Site) -> None:
    checked = 0
    for _, pg in _html_pages(site):
        for m in DATE_LINE_RE.finditer(_visible(pg)):
            name, d, mo, y = m.groups()
            weekday = date(int(y), int(mo), int(d)).weekday()
            expected = "chủ nhật" if weekday == 6 else f"thứ {WEEKDAYS[weekday]}"
            assert name.lower() == expected, m.group(0)
            checked += 1
    assert checked > len(site.articles())


def test_internal_links_resolve_except_the_dead_link(site: Site) -> None:
    module = MODULES[site.source_id]
    links = _links(site)
    assert module.DEAD_LINK in links, "the dead link is linked from a page"
    assert module.DEAD_LINK not in site.pages, "the server answers it 404"
    broken = sorted(k for k in links if k != module.DEAD_LINK and (
        k not in site.pages or site.pages[k].status != 200))
    assert broken == []
    # Scrapy requests safe_url_string(url); the page keys must be exactly what it sends.
    for key in links:
        assert safe_url_string(site.url(key)) == site.url(key)


def test_every_article_is_linked_and_listings_paginate(site: Site) -> None:
    links = _links(site)
    for rec in site.articles():
        assert _key(site, rec["url"]) in links, rec["url"]
    listings = [r for r in site.truth if r["page_type"] == "listing"]
    page2 = [r for r in listings if "page/2/" in r["url"] or "page=2" in r["url"]]
    assert len(page2) >= 2, "at least two categories with a second page"
    for rec in page2:
        key = _key(site, rec["url"])
        assert key in links
        assert "Trang sau" in _visible(site.pages[key]) or "Trang trước" in _visible(site.pages[key])
    assert any(r["page_type"] == "tag" for r in site.truth)


def test_robots_disallows_a_linked_path_but_no_article(site: Site) -> None:
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(site.pages["/robots.txt"].body.decode("utf-8").splitlines())
    linked = [site.url(k) for k in _links(site)]
    assert any(not parser.can_fetch("newsarchive", u) for u in linked)
    for rec in site.articles():
        assert parser.can_fetch("newsarchive", rec["url"])
    assert parser.site_maps() == [site.url("/sitemap.xml")]


def _xml(pg: Page) -> lxml.etree._Element:
    return lxml.etree.fromstring(pg.body)


def test_feed_and_sitemap_list_existing_articles(site: Site) -> None:
    arts = {r["url"] for r in site.articles()}
    feed_paths = {
        _key(site, urljoin(site.url("/"), href))
        for _, pg in _html_pages(site)
        for href in _doc(pg).xpath('//link[@type="application/rss+xml"]/@href')
    }
    assert len(feed_paths) == 1
    feed = _xml(site.pages[feed_paths.pop()])  # type: ignore[index]
    feed_links = [e.text for e in feed.iter("link")][1:]
    assert len(feed_links) >= 15
    assert set(feed_links) <= arts

    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = _xml(site.pages["/sitemap.xml"])
    if root.tag == f"{ns}sitemapindex":
        children = [_key(site, e.text or "") for e in root.iter(f"{ns}loc")]
        urlsets = [_xml(site.pages[c]) for c in children if c]
    else:
        urlsets = [root]
    listed: set[str] = set()
    for us in urlsets:
        for url in us.iter(f"{ns}url"):
            listed.add(url.findtext(f"{ns}loc") or "")
            assert url.findtext(f"{ns}lastmod")
    assert arts <= listed


def test_json_ld_parses(site: Site) -> None:
    blocks = 0
    for _, pg in _html_pages(site):
        for script in _doc(pg).xpath('//script[@type="application/ld+json"]'):
            json.loads(script.text)
            blocks += 1
    assert blocks >= 20


# --------------------------------------------------------------------------- Báo Hà Giang


def _graph(pg: Page) -> dict[str, dict[str, Any]]:
    (script,) = _doc(pg).xpath('//script[@type="application/ld+json"]')
    return {node["@type"]: node for node in json.loads(script.text)["@graph"]}


def test_hagiang_yoast_graph_and_meta(both: dict[str, Site]) -> None:
    site = both["baohagiang"]
    wrong = 0
    for rec, pg in _article_pages(site):
        graph = _graph(pg)
        art = graph["NewsArticle"]
        assert art["headline"] == rec["title"]
        assert {"WebPage", "Organization", "Person", "BreadcrumbList"} <= set(graph)
        doc = _doc(pg)
        meta = {m.get("property"): m.get("content") for m in doc.xpath("//meta[@property]")}
        assert meta["article:published_time"] == rec["published"]
        assert meta["article:section"] == rec["category"]
        assert sorted(doc.xpath('//meta[@property="article:tag"]/@content')) == sorted(rec["tags"])
        assert meta["og:title"] in (rec["title"], f"{rec['title']} - Báo Hà Giang")
        if art["datePublished"] != rec["published"]:
            wrong += 1
            assert art["datePublished"].startswith("2026-11-27T")
            assert "JSON-LD" in (rec["notes"] or "")
    assert wrong == 1, "exactly one post has a stale JSON-LD date"
    og_suffixes = [_doc(pg).xpath('//meta[@property="og:title"]/@content')[0].endswith("Báo Hà Giang")
                   for _, pg in _article_pages(site)]
    assert any(og_suffixes) and not all(og_suffixes)


def test_hagiang_captions_are_lazy_wp_figures(both: dict[str, Site]) -> None:
    site = both["baohagiang"]
    split = 0
    for rec, pg in _article_pages(site):
        doc = _doc(pg)
        lazy = doc.xpath('//div[contains(@class,"entry-content")]//img[@data-src]/@data-src')
        assert [c["image_url"] for c in rec["captions"]] == lazy
        split += sum(1 for c in doc.xpath('//div[contains(@class,"entry-content")]'
                                          '//*[self::figcaption or self::p][br]'))
    assert split >= 1, "one caption printed over two lines"


def test_hagiang_security_plant_is_in_the_body_but_not_the_truth(both: dict[str, Site]) -> None:
    site = both["baohagiang"]
    planted = [(r, pg) for r, pg in _article_pages(site) if b"__pwned" in pg.body]
    assert len(planted) == 1
    rec, pg = planted[0]
    (body,) = _doc(pg).xpath('//div[contains(@class,"entry-content")]')
    body_html = lxml.html.tostring(body, encoding="unicode")
    assert "<script>window.__pwned=1</script>" in body_html
    assert 'onerror="window.__pwned=2"' in body_html
    assert 'href="javascript:window.__pwned=3"' in body_html
    assert "pwned" not in rec["body"] and "tại bảng tin của thôn" in rec["body"]


# --------------------------------------------------------------------------- Báo Tây Ninh


def test_tayninh_lead_prefix_is_printed_but_not_in_truth(both: dict[str, Site]) -> None:
    site = both["baotayninh"]
    for rec, pg in _article_pages(site):
        if rec["encoding"] != "utf-8":
            continue
        assert not (rec["sapo"] or "").startswith("(BTN)")
        if rec["sapo"]:
            assert f"(BTN) - {_norm(rec['sapo'])}" in _visible(pg)
            assert rec["credit"] == "BTN"  # the lead tag as printed


def test_tayninh_date_lines_and_ids(both: dict[str, Site]) -> None:
    site = both["baotayninh"]
    day_only = 0
    for rec, pg in _article_pages(site):
        assert re.search(r"-a\d+\.html$|/video/xem-video/[a-z0-9-]+-\d+\.html$", rec["url"])
        if rec["encoding"] != "utf-8":
            continue
        (line,) = _doc(pg).xpath('//div[@class="date-line"]/text()')
        if "T" in rec["published"]:
            assert re.fullmatch(r"(Thứ (hai|ba|tư|năm|sáu|bảy)|Chủ nhật): \d\d:\d\d ngày \d\d/\d\d/\d{4}",
                                line), line
        else:
            day_only += 1
            assert ":" not in line
            assert not _doc(pg).xpath('//meta[@property="article:published_time"]')
    assert day_only == 1
    several = [r["author"] for r in site.articles() if r["author"] and "; " in r["author"]]
    assert "Vũ Nguyệt; Nhật Quang" in several


def test_tayninh_vni_page_is_windows_1252_with_vni_text(both: dict[str, Site]) -> None:
    site = both["baotayninh"]
    legacy = [(r, pg) for r, pg in _article_pages(site) if r["encoding"] != "utf-8"]
    assert len(legacy) == 1
    rec, pg = legacy[0]
    assert rec["encoding"] == "vni"
    assert pg.content_type == "text/html; charset=windows-1252"
    assert b'<font face="VNI-Times">' in pg.body
    for para in rec["body"].split("\n\n"):
        assert encode_legacy(para, "vni") in pg.body
    assert encode_legacy(rec["title"], "vni") in pg.body
    assert encode_legacy(f"(BTN) - {rec['sapo']}", "vni") in pg.body
    # Outside the VNI segments the page is plain ASCII (references for Vietnamese letters).
    chrome = re.sub(rb'<font face="VNI-Times">.*?</font>', b"", pg.body, flags=re.S)
    assert chrome.isascii()
    assert rec["title"] in _norm(_doc(pg).findtext(".//title") or "")


# --------------------------------------------------------------------------- served for real


def test_sources_match_the_mirror_urls(both: dict[str, Site]) -> None:
    sources = load_sources()
    for sid, site in both.items():
        src = sources[sid]
        assert src.host == site.host
        arts = {r["url"] for r in site.articles()}
        dead = site.url(MODULES[sid].DEAD_LINK)
        for key in site.pages:
            url = site.url(key)
            assert src.is_article_url(url) == (url in arts or url == dead), url
        listings = [r["url"] for r in site.truth if r["page_type"] in ("listing", "tag")]
        assert src.listing_url_pattern
        assert all(re.search(src.listing_url_pattern, u) for u in listings)


def _get(port: int, host: str, path: str) -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": host})
        resp = conn.getresponse()
        return resp.status, resp.getheader("Content-Type") or "", resp.read()
    finally:
        conn.close()


def test_served_over_http_by_host(both: dict[str, Site]) -> None:
    with MirrorServer(sites=both) as server:
        status, ctype, body = _get(server.port, "www.baohagiang.vn", "/feed/")
        assert status == 200 and "rss" in ctype and b"<rss" in body
        tag = baotayninh.tag_path("Núi Bà Đen")
        status, _, body = _get(server.port, "baotayninh.vn", tag)
        assert status == 200 and "Núi Bà Đen".encode() in body
        vni = next(r for r in both["baotayninh"].articles() if r["encoding"] == "vni")
        status, ctype, _ = _get(server.port, "baotayninh.vn", urlsplit(vni["url"]).path)
        assert (status, ctype) == (200, "text/html; charset=windows-1252")
        status, _, _ = _get(server.port, "baotayninh.vn", baotayninh.DEAD_LINK)
        assert status == 404
        assert [r[2] for r in server.requests] == [200, 200, 200, 404]
