"""The bundled mirror: real HTTP on 127.0.0.1, pages that carry their truth, links that resolve.

The crawl and extraction tests score against these sites, so the mirror itself must be right:
every truth field must be visible on its page, every internal link must resolve (except the one
deliberate dead link per site), robots.txt must disallow something the pages really link to.
"""

from __future__ import annotations

import html
import http.client
import re
import threading
import time
import unicodedata
import urllib.robotparser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest

from newsarchive.mirror import build_sites
from newsarchive.mirror.model import Page, Site
from newsarchive.mirror.server import MirrorServer, normalize_host
from newsarchive.mirror.truth import TRUTH_PATH, load_truth, truth_records
from newsarchive.sources import load_sources

MINE = ("baodienbienphu", "baolaichau")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED_PATH = (
    "/tin-tuc/chinh-tri/203517/ban-dan-van-tinh-uy-dien-bien-ky-ket-chuong-trinh-phoi-hop-"
    "day-manh-tuyen-truyen-cong-tac-dan-van-giai-doan-2021-2025"
)
SEED_TITLE = (
    "Ban Dân vận Tỉnh ủy Điện Biên: Ký kết chương trình phối hợp đẩy mạnh tuyên truyền công "
    "tác dân vận giai đoạn 2021 - 2025"
)


@pytest.fixture(scope="module")
def sites() -> dict[str, Site]:
    return build_sites()


@pytest.fixture(scope="module")
def fault_sites() -> dict[str, Site]:
    return build_sites(faults=True)


def _get(
    server: MirrorServer, host: str, path: str, method: str = "GET", timeout: float = 10
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        conn.request(method, path, headers={"Host": host})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


# --------------------------------------------------------------------------- decoding helpers


def _tcvn3_table() -> dict[int, str]:
    """byte -> lower-case letter, from the shared Unikey-derived table."""
    table: dict[int, str] = {}
    for line in (SHARED / "vi" / "tcvn3.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        letter, hexbyte = cols[0], cols[2]
        b = int(hexbyte, 16)
        if b not in table or letter.islower():
            table[b] = letter
    return table


def page_text(site: Site, rec: dict[str, Any], pg: Page) -> str:
    """The page's markup as Unicode, decoded the way its truth says, entities unescaped."""
    enc = rec.get("encoding", "utf-8")
    if enc == "cp1258":
        text = unicodedata.normalize("NFC", pg.body.decode("cp1258"))
    elif enc == "tcvn3":
        if not SHARED.is_dir():
            pytest.skip("shared TCVN3 table not available")
        table = _tcvn3_table()

        def conv(m: re.Match[bytes]) -> bytes:
            seg = m.group(1)
            return b"".join(
                table[b].encode("utf-8") if b >= 0x80 and b in table else bytes([b]) for b in seg
            )

        raw = re.sub(rb'<font face="\.VnTime">(.*?)</font>', conv, pg.body, flags=re.S)
        text = raw.decode("utf-8")
    else:
        text = pg.body.decode("utf-8")
    return html.unescape(text)


def _path(site: Site, url: str) -> str:
    parts = urlsplit(url)
    assert normalize_host(parts.netloc) == site.host, url
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _hrefs(site: Site, path: str, pg: Page) -> list[str]:
    """Absolute URLs a crawler may follow: every <a href>, and <link href> with rel canonical,
    alternate (feeds), next or prev (not stylesheets or WordPress shortlinks)."""
    if not pg.content_type.startswith("text/html") or pg.status != 200 or not pg.body.strip():
        return []
    doc = lxml.html.fromstring(pg.body)
    out = []
    follow = "@rel='canonical' or @rel='alternate' or @rel='next' or @rel='prev'"
    for el in doc.xpath(f"//a[@href] | //link[@href][{follow}]"):
        href = el.get("href").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        out.append(urljoin(site.url(path), href))
    return out


# --------------------------------------------------------------------------- sites and truth


def test_every_site_has_enough_articles_and_builds_fast() -> None:
    start = time.perf_counter()
    sites = build_sites(cached=False)
    elapsed = time.perf_counter() - start
    assert set(MINE) <= set(sites)
    counts = {sid: len(s.articles()) for sid, s in sites.items()}
    assert all(n >= 25 for n in counts.values()), counts
    assert sum(counts.values()) >= 25 * len(sites)
    if len(sites) >= 4:
        assert sum(counts.values()) >= 100, counts
    assert elapsed < 1.0, f"building all sites took {elapsed:.2f}s"


def test_a_broken_site_module_does_not_take_the_others_down(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import newsarchive.mirror as mirror

    monkeypatch.setattr(
        mirror,
        "SITE_MODULES",
        ["newsarchive.mirror.sites.does_not_exist", "json", "newsarchive.mirror.sites.baolaichau"],
    )
    built = mirror.build_sites(cached=False)
    assert list(built) == ["baolaichau"]
    assert "does_not_exist" in caplog.text
    assert "json" in caplog.text


@pytest.mark.parametrize("source_id", MINE)
def test_truth_fields_are_visible_on_each_article_page(
    sites: dict[str, Site], source_id: str
) -> None:
    site = sites[source_id]
    arts = site.articles()
    for rec in arts:
        pg = site.pages[_path(site, rec["url"])]
        text = page_text(site, rec, pg)
        assert rec["title"] in text, rec["url"]
        for para in rec["body"].split("\n\n"):
            assert para in text, (rec["url"], para[:60])
        if rec["sapo"]:
            assert rec["sapo"] in text
            assert rec["sapo"] not in rec["body"]
        for cap in rec["captions"]:
            assert cap["image_url"].startswith(site.base_url)
            assert _path(site, cap["image_url"]) in site.pages
            words = cap["text"].split()
            assert " ".join(words[:3]) in text
            assert " ".join(words[-3:]) in text
            assert cap["text"] not in rec["body"]
            if cap["credit"]:
                assert cap["credit"] in text
        for name in (rec["author"] or "").split("; "):
            assert name in text
        if rec["credit"]:
            assert rec["credit"] in text
        y, m, d = (int(x) for x in rec["published"][:10].split("-"))
        if source_id == "baodienbienphu":
            assert f", {d}/{m}/{y}" in text
        else:
            hhmm = rec["published"][11:16]
            assert f" - {d:02d}/{m:02d}/{y} {hhmm}" in text
        assert rec["category"] in text
        for tag in rec["tags"]:
            assert tag in text
        assert unicodedata.is_normalized("NFC", rec["body"])


def test_truth_records_are_complete_and_well_formed(sites: dict[str, Site]) -> None:
    keys = {
        "url",
        "source",
        "is_article",
        "page_type",
        "title",
        "sapo",
        "body",
        "captions",
        "published",
        "modified",
        "author",
        "credit",
        "category",
        "tags",
        "encoding",
        "notes",
    }
    for sid in MINE:
        for rec in sites[sid].truth:
            assert rec["source"] == sid
            if not rec["is_article"]:
                assert rec["page_type"] in {"home", "listing", "tag"}
                continue
            assert keys <= set(rec), rec["url"]
            assert rec["page_type"] in {"article", "gallery", "video"}
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:00\+07:00)?", rec["published"])
            assert rec["published"][:10] < "2026-11-27"
            assert 1 <= len(rec["body"].split("\n\n"))


@pytest.mark.parametrize("source_id", MINE)
def test_each_site_has_the_variety_the_extractor_must_handle(
    sites: dict[str, Site], source_id: str
) -> None:
    arts = sites[source_id].articles()
    assert any(a["page_type"] == "gallery" for a in arts)
    assert any(a["author"] is None for a in arts)
    assert any(a["sapo"] for a in arts)
    assert any(a["sapo"] is None for a in arts)
    assert any(len(a["captions"]) >= 2 for a in arts)
    assert any(not a["captions"] for a in arts)
    years = {a["published"][:4] for a in arts}
    assert {"2019", "2022", "2025", "2026"} <= years
    bodies = "\n".join(a["body"] for a in arts)
    assert re.search(r"\b(?:hòa|khỏe|thủy|tọa|hóa)", bodies)
    assert re.search(r"\b(?:hoà|khoẻ|thuỷ|toạ|hoá|Thoà)", bodies)
    credits = {a["credit"] for a in arts}
    assert "TTXVN" in credits


def test_baodienbienphu_has_a_long_article_and_legacy_encoded_pages(sites: dict[str, Site]) -> None:
    arts = sites["baodienbienphu"].articles()
    assert max(len(a["body"].split("\n\n")) for a in arts) >= 40
    encodings = {a["encoding"] for a in arts}
    pytest.importorskip("newsarchive.vietnamese", reason="legacy encoder not present")
    assert {"cp1258", "tcvn3"} <= encodings


def test_legacy_pages_really_are_in_legacy_bytes(sites: dict[str, Site]) -> None:
    site = sites["baodienbienphu"]
    legacy = {a["encoding"]: a for a in site.articles() if a["encoding"] != "utf-8"}
    if not legacy:
        pytest.skip("newsarchive.vietnamese.encode_legacy not available")
    cp = site.pages[_path(site, legacy["cp1258"]["url"])]
    assert cp.content_type == "text/html; charset=windows-1258"
    with pytest.raises(UnicodeDecodeError):
        cp.body.decode("utf-8")
    assert legacy["cp1258"]["title"] not in cp.body.decode("cp1258")  # decomposed, not NFC
    tc = site.pages[_path(site, legacy["tcvn3"]["url"])]
    assert tc.content_type == "text/html; charset=iso-8859-1"
    chrome = re.sub(rb'<font face="\.VnTime">.*?</font>', b"", tc.body, flags=re.S)
    assert chrome.isascii()
    assert b'<font face=".VnTime">' in tc.body
    assert legacy["tcvn3"]["published"] == "2008-05-28"


def test_seed_page_is_exactly_the_issue_appendix(sites: dict[str, Site]) -> None:
    site = sites["baodienbienphu"]
    rec = next(a for a in site.articles() if a["url"] == site.url(SEED_PATH))
    assert rec["title"] == SEED_TITLE
    assert rec["published"] == "2022-07-01"
    assert rec["sapo"] is None
    assert rec["author"] is None
    assert rec["credit"] == "baodienbienphu.info.vn"
    assert rec["body"].endswith("sức lan tỏa trong cộng đồng.")
    assert len(rec["body"].split("\n\n")) == 2
    assert rec["captions"][0]["text"] == (
        "Lãnh đạo Ban Dân vận Tỉnh ủy, Báo Điện Biên Phủ, Đài PT-TH tỉnh ký kết Chương trình phối "
        "hợp "
        "trước sự chứng kiến của lãnh đạo tỉnh và đại biểu"
    )
    raw = site.pages[SEED_PATH].body.decode("utf-8")
    assert "Chương trình phối hợp<br />trước sự chứng kiến" in raw
    text = lxml.html.fromstring(raw).text_content()
    order = [
        "Thứ Sáu, 1/7/2022",
        SEED_TITLE,
        "Chương trình phối hợp giữa Ban Dân vận",
        "sức lan tỏa trong cộng đồng.",
        "(baodienbienphu.info.vn)",
        "Gửi cho bạn bè",
        "Phản hồi",
        "Thông tin người gửi phản hồi",
        "Xem nhiều nhất",
    ]
    body_start = text.index("Trang chủ »")
    positions = [text.index(s, body_start) for s in order]
    assert positions == sorted(positions)
    # The header clock is the crawl day, in the same format, above the article's own date line.
    assert text.index("Thứ Sáu, 27/11/2026") < positions[0]


def test_committed_truth_file_matches_the_sites() -> None:
    assert TRUTH_PATH.exists(), "run: python -m newsarchive.mirror.truth"
    committed, built = load_truth(), truth_records()
    stale = sorted(
        {r["url"] for r in committed if r not in built}
        | {r["url"] for r in built if r not in committed}
    )
    assert stale == [], "truth.jsonl is stale (python -m newsarchive.mirror.truth)"
    assert committed == built  # same order too
    assert not any(r.get("fault") for r in committed)


# --------------------------------------------------------------------------- links, robots, feeds


def test_every_internal_link_resolves_except_one_dead_link(fault_sites: dict[str, Site]) -> None:
    for sid, site in fault_sites.items():
        missing: set[str] = set()
        offsite: set[str] = set()
        for path, pg in site.pages.items():
            for url in _hrefs(site, path, pg):
                host = normalize_host(urlsplit(url).netloc)
                if host != site.host:
                    offsite.add(host)
                    continue
                if _path(site, url) not in site.pages:
                    missing.add(url)
        assert len(missing) == 1, (sid, sorted(missing))
        dead = missing.pop()
        assert site.url(_path(site, dead)) == dead
        assert offsite, f"{sid}: no off-site links (share bars, ads) on any page"


@pytest.mark.parametrize("source_id", MINE)
def test_dead_link_looks_like_an_article(sites: dict[str, Site], source_id: str) -> None:
    site = sites[source_id]
    source = load_sources()[source_id]
    dead = [
        u
        for p, pg in site.pages.items()
        for u in _hrefs(site, p, pg)
        if normalize_host(urlsplit(u).netloc) == site.host and _path(site, u) not in site.pages
    ]
    assert dead
    assert all(source.is_article_url(u) for u in dead)


def test_robots_disallows_a_path_that_pages_link_to(sites: dict[str, Site]) -> None:
    for sid, site in sites.items():
        robots_txt = site.pages["/robots.txt"].body.decode("utf-8")
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(robots_txt.splitlines())
        assert f"Sitemap: {site.url('/sitemap.xml')}" in robots_txt, sid
        linked = {
            u
            for p, pg in site.pages.items()
            for u in _hrefs(site, p, pg)
            if normalize_host(urlsplit(u).netloc) == site.host
        }
        blocked = {u for u in linked if not parser.can_fetch("newsarchive", u)}
        assert blocked, f"{sid}: robots.txt blocks nothing the pages link to"
        # ...and no article the truth expects is blocked.
        for rec in site.articles():
            assert parser.can_fetch("newsarchive", rec["url"]), rec["url"]


def test_sitemaps_and_feeds_list_the_articles(sites: dict[str, Site]) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    for sid in MINE:
        site = sites[sid]
        tree = lxml.etree.fromstring(site.pages["/sitemap.xml"].body)
        locs = {
            e.findtext("s:loc", namespaces=ns): e.findtext("s:lastmod", namespaces=ns)
            for e in tree.findall("s:url", ns)
        }
        for rec in site.articles():
            assert locs.get(rec["url"]) == rec["published"]
        home = lxml.html.fromstring(site.pages["/"].body)
        feed_hrefs = home.xpath('//link[@rel="alternate"][@type="application/rss+xml"]/@href')
        assert feed_hrefs
        feed = lxml.etree.fromstring(
            site.pages[_path(site, urljoin(site.url("/"), feed_hrefs[0]))].body
        )
        links = feed.xpath("//item/link/text()")
        assert len(links) >= 10
        assert all(_path(site, u) in site.pages for u in links)


@pytest.mark.parametrize("source_id", MINE)
def test_article_pattern_matches_articles_and_nothing_else(
    sites: dict[str, Site], source_id: str
) -> None:
    site = sites[source_id]
    source = load_sources()[source_id]
    articles = {r["url"] for r in site.articles()}
    matching = {site.url(p) for p in site.pages if source.is_article_url(site.url(p))}
    assert matching == articles
    listing = re.compile(source.listing_url_pattern or "^$")
    listings = [r["url"] for r in site.truth if r["page_type"] == "listing"]
    assert len(listings) >= 2
    assert all(listing.search(u) for u in listings)
    assert not any(listing.search(u) for u in articles)


def test_listings_paginate_with_a_next_page_link(sites: dict[str, Site]) -> None:
    for sid in MINE:
        site = sites[sid]
        first, second = [r["url"] for r in site.truth if r["page_type"] == "listing"][:2]
        doc = site.pages[_path(site, first)].body.decode("utf-8")
        assert "Trang sau" in doc
        assert html.escape(_path(site, second)) in doc or _path(site, second) in doc


# --------------------------------------------------------------------------- the server


def test_server_dispatches_on_host_and_records_every_request(sites: dict[str, Site]) -> None:
    with MirrorServer(sites=sites) as server:
        assert server.url == f"http://127.0.0.1:{server.port}"
        status, headers, body = _get(server, "baodienbienphu.info.vn", SEED_PATH)
        assert status == 200
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert int(headers["content-length"]) == len(body)
        assert SEED_TITLE in body.decode("utf-8")
        # www. and the port are ignored; the same path on another host is that host's page.
        status, _, body2 = _get(server, "www.baodienbienphu.info.vn:443", SEED_PATH)
        assert (status, body2) == (200, body)
        status, _, lc = _get(server, "baolaichau.vn", "/")
        assert status == 200
        assert "Báo Lai Châu" in lc.decode("utf-8")
        status, _, _ = _get(server, "baolaichau.vn", SEED_PATH)
        assert status == 404
        status, _, _ = _get(server, "www.facebook.com", "/sharer/sharer.php")
        assert status == 404
        status, headers, empty = _get(server, "baolaichau.vn", "/robots.txt", method="HEAD")
        assert status == 200
        assert empty == b""
        assert int(headers["content-length"]) > 0
        assert server.requests == [
            ("baodienbienphu.info.vn", SEED_PATH, 200),
            ("baodienbienphu.info.vn", SEED_PATH, 200),
            ("baolaichau.vn", "/", 200),
            ("baolaichau.vn", SEED_PATH, 404),
            ("facebook.com", "/sharer/sharer.php", 404),
            ("baolaichau.vn", "/robots.txt", 200),
        ]


def test_server_keeps_connections_alive(sites: dict[str, Site]) -> None:
    with MirrorServer(sites=sites) as server:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        try:
            for path in ("/", "/robots.txt", "/sitemap.xml"):
                conn.request("GET", path, headers={"Host": "baolaichau.vn"})
                resp = conn.getresponse()
                assert resp.status == 200
                assert resp.read()
        finally:
            conn.close()
        assert [r[1] for r in server.requests] == ["/", "/robots.txt", "/sitemap.xml"]


def test_fault_pages_are_linked_and_misbehave_as_promised(fault_sites: dict[str, Site]) -> None:
    site = fault_sites["baodienbienphu"]
    source = load_sources()["baodienbienphu"]
    with MirrorServer(faults=True, slow_seconds=0.6, sites=fault_sites) as server:
        _, _, home = _get(server, site.host, "/")
        linked = {
            _path(site, u)
            for u in _hrefs(site, "/", Page(home))
            if normalize_host(urlsplit(u).netloc) == site.host
        }
        fault_paths = [p for p in site.pages
                       if "/29000" in p and int(p.split("/")[3]) <= 290006]
        assert len(fault_paths) == 6
        assert set(fault_paths) <= linked
        assert all(source.is_article_url(site.url(p)) for p in fault_paths)
        got = {
            p: _get(server, site.host, p)
            for p in fault_paths
            if not p.startswith("/tin-tuc/xa-hoi/290006")
        }
        statuses = sorted(s for s, _, _ in got.values())
        assert statuses == [200, 200, 200, 200, 500]
        bodies = [b for s, _, b in got.values() if s == 200]
        assert b"" in bodies  # empty page
        assert any(b"\x00" in b for b in bodies)  # binary served as text/html
        assert any(b.rstrip().endswith(b"</html>") is False and len(b) > 1000 for b in bodies)
        wrong = next(h for s, h, _ in got.values() if "iso-8859-1" in h["content-type"].lower())
        assert wrong["content-type"] == "text/html; charset=ISO-8859-1"
        wrong_truth = [r for r in site.truth if r.get("fault") == "wrong-charset"]
        assert len(wrong_truth) == 1
        _, _, wrong_body = _get(server, site.host, _path(site, wrong_truth[0]["url"]))
        assert wrong_truth[0]["body"].split("\n\n")[0] in wrong_body.decode("utf-8")

        # The slow page waits slow_seconds; other requests are answered meanwhile.
        slow = next(p for p in fault_paths if p.startswith("/tin-tuc/xa-hoi/290006"))
        done: dict[str, float] = {}

        def fetch_slow() -> None:
            t0 = time.perf_counter()
            status, _, _ = _get(server, site.host, slow)
            done["slow"] = time.perf_counter() - t0
            done["status"] = status

        worker = threading.Thread(target=fetch_slow)
        worker.start()
        time.sleep(0.05)
        t0 = time.perf_counter()
        assert _get(server, site.host, "/robots.txt")[0] == 200
        assert time.perf_counter() - t0 < 0.4
        worker.join(5)
        assert done["status"] == 200
        assert done["slow"] >= 0.55


def test_fault_pages_are_absent_without_fault_mode(sites: dict[str, Site]) -> None:
    site = sites["baodienbienphu"]
    assert not [p for p in site.pages if "/29000" in p]
    assert not any(r.get("fault") for r in site.truth)


def test_stop_does_not_wait_for_a_slow_request(fault_sites: dict[str, Site]) -> None:
    site = fault_sites["baodienbienphu"]
    slow = next(p for p in site.pages if p.startswith("/tin-tuc/xa-hoi/290006"))
    server = MirrorServer(faults=True, slow_seconds=30, sites=fault_sites).start()
    worker = threading.Thread(target=lambda: _get(server, site.host, slow, timeout=5))
    worker.start()
    time.sleep(0.1)
    t0 = time.perf_counter()
    server.stop()
    assert time.perf_counter() - t0 < 2
    worker.join(6)
    assert not worker.is_alive()


@pytest.mark.parametrize("source_id", MINE)
def test_registry_selectors_pick_the_truth_fields(sites: dict[str, Site], source_id: str) -> None:
    from parsel import Selector

    site = sites[source_id]
    sel = load_sources()[source_id].selectors
    for rec in site.articles():
        if rec["encoding"] != "utf-8":
            continue
        doc = Selector(text=site.pages[_path(site, rec["url"])].body.decode("utf-8"))

        def text(css: str, doc: Selector = doc) -> str:
            return " ".join(" ".join(doc.css(css).css("::text").getall()).split())

        assert text(sel["title"]) == rec["title"]
        assert text(sel["sapo"]) == (rec["sapo"] or "")
        assert text(sel["category"]) == rec["category"]
        day = rec["published"][:10].split("-")
        assert day[0] in text(sel["published"])
        body = text(sel["body"])
        for para in rec["body"].split("\n\n"):
            assert " ".join(para.split()) in body
        captions = [
            " ".join(" ".join(el.css("::text").getall()).split()) for el in doc.css(sel["captions"])
        ]
        expected = [c["text"] for c in rec["captions"]]
        # Every selected caption is a truth caption (credit after it); on NukeViet one inline
        # caption is a bare italic paragraph that no selector can tell from text.
        assert [c for c in captions if not any(c.startswith(e) for e in expected)] == []
        assert len(expected) - (source_id == "baolaichau") <= len(captions) <= len(expected)
        if "tags" in sel:
            assert sorted(doc.css(sel["tags"]).css("::text").getall()) == sorted(rec["tags"])


def test_server_runs_from_the_command_line() -> None:
    import socket
    import subprocess
    import sys

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.mirror.server", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/robots.txt", headers={"Host": "baodienbienphu.info.vn"})
                resp = conn.getresponse()
                break
            except OSError:
                assert proc.poll() is None, "server exited"
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        assert resp.status == 200
        assert b"Disallow: /Print.aspx" in resp.read()
        conn.close()
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}" in out


def test_network_fault_pages(fault_sites: dict[str, Site]) -> None:
    """503 with Retry-After once, a dropped connection, an oversized page, a redirect loop."""
    import http.client

    site = fault_sites["baodienbienphu"]
    with MirrorServer(faults=True, slow_seconds=0.1, sites=fault_sites) as server:
        busy = "/tin-tuc/xa-hoi/290007/lich-cat-dien-tuan-toi"
        status, headers, _ = _get(server, site.host, busy)
        assert (status, headers.get("retry-after")) == (503, "1")
        assert _get(server, site.host, busy)[0] == 200
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        conn.request("GET", "/tin-tuc/xa-hoi/290008/danh-sach-ho-ngheo-nam-2026",
                     headers={"Host": site.host})
        with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
            conn.getresponse()
        conn.close()
        status, _, body = _get(server, site.host, "/tin-tuc/xa-hoi/290009/toan-van-bao-cao-chinh-tri")
        assert status == 200 and len(body) > 8 * 1024 * 1024
        status, headers, _ = _get(server, site.host, "/tin-tuc/xa-hoi/290010/chuyen-huong-a")
        assert status == 302 and headers["location"].endswith("/290011/chuyen-huong-b")
        status, headers, _ = _get(server, site.host, "/tin-tuc/xa-hoi/290011/chuyen-huong-b")
        assert status == 302 and headers["location"].endswith("/290010/chuyen-huong-a")
