"""The bundled mirror: real HTTP on 127.0.0.1, pages that carry their truth, links that resolve,
and the difficulties of the real provincial web reproduced as the registry evidence records them.

The crawl and extraction tests score against these sites, so the mirror itself must be right:
every truth field must be visible on its page (or, for script-built bodies, must not be), every
internal link must resolve the way a browser resolves it (``<base href>`` included), and each
difficulty (403 without browser headers, JSON listing API, gzipped sitemap index, malformed HTML,
old domains) must really be there.
"""

from __future__ import annotations

import gzip
import html
import http.client
import io
import re
import threading
import time
import unicodedata
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest

from newsarchive.extract import extract
from newsarchive.mirror import build_sites
from newsarchive.mirror.model import Page, Site
from newsarchive.mirror.server import MirrorServer, normalize_host
from newsarchive.mirror.truth import TRUTH_PATH, load_truth, truth_records
from newsarchive.sources import BROWSER_HEADERS, load_sources

NEEDS = {"render", "listing_api", "browser_headers", "whole_document"}
FIELDS = {"url", "source", "is_article", "page_type", "title", "sapo", "body", "captions",
          "published", "modified", "author", "credit", "category", "tags", "encoding", "notes"}
#: The markup families the registry evidence shows, by the mirror paper that carries each.
FAMILIES = {
    "baodienbienphu": "/tin-bai/ + JSON listing API + div.editor-content (RE026)",
    "baolaichau": "/<category>/<slug>-<id> (RE052)",
    "baotuyenquang": "date-folder /<cat>/<YYYYMM>/<slug>-<id>/ (RE099)",
    "baotayninh": "-a<id>.html #contentNews, malformed HTML (RE088, RE089)",
    "baocantho": "-a<id>.html #newscontents, <base href> to a template folder (RE015)",
    "baodongkhoi": "subdomain archive of a merged paper, old domain's <base> (RE105, RE028)",
    "baothanhhoa": "#dcontent with script-decoded bodies (RE094, RE095)",
    "baoquangngai": "body injected from an inline script (RE077)",
    "hanoimoi": "b-maincontent, 403 without browser headers (RE107, RE109)",
    "baogialai": "cms-body (RE033)",
    "baohungyen": "#content-detail (RE045)",
}


@pytest.fixture(scope="module")
def sites() -> dict[str, Site]:
    return build_sites()


@pytest.fixture(scope="module")
def fault_sites() -> dict[str, Site]:
    return build_sites(faults=True)


def _get(server: MirrorServer, host: str, path: str, method: str = "GET", timeout: float = 10,
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        conn.request(method, path, headers={"Host": host, **(headers or {})})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def _key(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _page(site: Site, url: str) -> Page | None:
    host = normalize_host(urlsplit(url).netloc)
    return site.all_hosts().get(host, {}).get(_key(url))


def _text(pg: Page) -> str:
    return html.unescape(pg.body.decode("utf-8"))


def _hrefs(url: str, pg: Page, *, base: bool = True) -> list[str]:
    """Absolute URLs of a page's <a href> and feed/canonical links, resolved as a browser does
    (against <base href> when ``base``)."""
    if not pg.content_type.startswith("text/html") or pg.status != 200 or not pg.body.strip():
        return []
    body = pg.body.replace(b"</html>\n<head>", b"\n<head>")  # the malformed pages, parsed whole
    doc = lxml.html.document_fromstring(body)
    root = url
    found = doc.xpath("//base/@href")
    if base and found:
        root = urljoin(url, str(found[0]).strip())
    out = []
    follow = "@rel='canonical' or @rel='alternate' or @rel='stylesheet'"
    for el in doc.xpath(f"//a[@href] | //link[@href][{follow}]"):
        href = el.get("href").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        out.append(urljoin(root, href).split("#", 1)[0])
    return out


def _disallowed(site: Site, url: str) -> bool:
    host = normalize_host(urlsplit(url).netloc)
    robots = site.all_hosts().get(host, {}).get("/robots.txt")
    if robots is None:
        return False
    rules = [line.split(":", 1)[1].strip() for line in robots.body.decode().splitlines()
             if line.lower().startswith("disallow:")]
    return any(r and urlsplit(url).path.startswith(r) for r in rules)


# --------------------------------------------------------------------------- sites and truth
def test_every_family_is_there_with_enough_articles_and_builds_fast() -> None:
    start = time.perf_counter()
    built = build_sites(cached=False)
    elapsed = time.perf_counter() - start
    assert set(built) == set(FAMILIES)
    counts = {sid: len(s.articles()) for sid, s in built.items()}
    assert sum(counts.values()) >= 120, counts
    assert all(n >= 3 for n in counts.values()), counts
    assert elapsed < 2.0, f"building all sites took {elapsed:.2f}s"


def test_a_broken_site_module_does_not_take_the_others_down(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import newsarchive.mirror as mirror

    monkeypatch.setattr(
        mirror, "SITE_MODULES",
        ["newsarchive.mirror.sites.does_not_exist", "json", "newsarchive.mirror.sites.baolaichau"],
    )
    built = mirror.build_sites(cached=False)
    assert list(built) == ["baolaichau"]
    assert "does_not_exist" in caplog.text
    assert "json" in caplog.text


def test_truth_records_are_complete_and_well_formed(sites: dict[str, Site]) -> None:
    for sid, site in sites.items():
        urls = [r["url"] for r in site.truth]
        assert len(urls) == len(set(urls)), sid
        for rec in site.truth:
            assert rec["source"] == sid
            assert set(rec.get("needs", [])) <= NEEDS, rec["url"]
            assert _page(site, rec["url"]) is not None, rec["url"]
            if not rec["is_article"]:
                continue
            assert set(rec) - {"needs", "photo_faults"} == FIELDS, rec["url"]
            for field in ("title", "sapo", "body", "author", "credit"):
                if rec[field]:
                    assert unicodedata.is_normalized("NFC", rec[field])
            assert rec["published"][:4] >= ("2008" if rec["encoding"] != "utf-8" else "2019")
            for cap in rec["captions"]:
                assert cap["image_url"].startswith("https://")


def test_truth_fields_are_on_the_static_page_unless_a_script_builds_them(
        sites: dict[str, Site]) -> None:
    for site in sites.values():
        for rec in site.articles():
            if rec["encoding"] != "utf-8":
                continue  # legacy bytes: tests/test_vietnamese_charset.py decodes them
            text = _text(_page(site, rec["url"]))  # type: ignore[arg-type]
            assert rec["title"] in text, rec["url"]
            paragraphs = rec["body"].split("\n\n")
            if "render" in rec.get("needs", []):
                # encoded, or shipped in a script: no element of the served HTML shows the words
                visible = re.sub(r"(?s)<script.*?</script>", "", text)
                assert paragraphs[0] not in visible, rec["url"]
                continue
            for para in paragraphs:
                assert para in text, (rec["url"], para[:50])
            if rec["sapo"]:
                assert rec["sapo"] in text
            for cap in rec["captions"]:
                assert cap["text"].split(" ")[0] in text


def test_committed_truth_file_matches_the_sites() -> None:
    committed = load_truth(TRUTH_PATH)
    assert committed == truth_records(), (
        "regenerate with `python -m newsarchive.mirror.truth`")
    assert not any(r.get("fault") for r in committed)


def test_each_difficulty_is_carried_by_some_article(sites: dict[str, Site]) -> None:
    needs: dict[str, set[str]] = {}
    for sid, site in sites.items():
        for rec in site.articles():
            for n in rec.get("needs", []):
                needs.setdefault(n, set()).add(sid)
    assert needs == {"listing_api": {"baodienbienphu"},
                     "render": {"baothanhhoa", "baoquangngai"},
                     "browser_headers": {"hanoimoi"}, "whole_document": {"baotayninh"}}
    # most of every paper is plain: the difficulties sit beside ordinary pages
    for sid in ("baothanhhoa", "baoquangngai", "baotayninh"):
        plain = [r for r in sites[sid].articles() if not r.get("needs")]
        assert plain, sid


# --------------------------------------------------------------------------- links and discovery
def test_every_internal_link_resolves_as_a_browser_resolves_it(
        fault_sites: dict[str, Site]) -> None:
    dead = []
    for sid, site in fault_sites.items():
        for host, pages in site.all_hosts().items():
            for path, pg in pages.items():
                for url in _hrefs(f"https://{host}{path}", pg):
                    target_host = normalize_host(urlsplit(url).netloc)
                    if target_host not in site.all_hosts() or _disallowed(site, url):
                        continue
                    target = _page(site, url)
                    if target is None or target.status == 404:
                        dead.append((sid, path, url))
    assert {u for _, _, u in dead} == {"https://baodienbienphu.vn/tin-bai/xa-hoi/"
                                       "bai-viet-da-go-bo-199873"}, dead[:5]


def test_base_href_sends_relative_links_where_a_browser_goes(sites: dict[str, Site]) -> None:
    dongkhoi = sites["baodongkhoi"]
    old = dongkhoi.hosts["baodongkhoi.vn"]["/"]
    with_base = _hrefs("https://baodongkhoi.vn/", old)
    without = _hrefs("https://baodongkhoi.vn/", old, base=False)
    articles = {r["url"] for r in dongkhoi.articles()}
    assert articles <= set(with_base)  # the old domain's <base> points at the archive subdomain
    assert not articles & set(without)
    assert all(_page(dongkhoi, u) is None for u in without if "-a" in u)  # 404 on the old host
    cantho = sites["baocantho"]
    home = cantho.pages["/"]
    template = b"https://baocantho.com.vn/static/templates/version1/homepage/"
    assert b'<base href="' + template + b'">' in home.body
    contact = [u for u in _hrefs("https://baocantho.com.vn/", home) if u.endswith("lien-he.html")]
    assert contact == ["https://baocantho.com.vn/static/templates/version1/homepage/lien-he.html"]
    wrong = [u for u in _hrefs("https://baocantho.com.vn/", home, base=False)
             if u.endswith("lien-he.html")]
    assert _page(cantho, wrong[0]) is None


def test_article_patterns_match_articles_and_nothing_else(sites: dict[str, Site]) -> None:
    sources = load_sources()
    for sid, site in sites.items():
        source = sources[sid]
        for rec in site.truth:
            assert source.is_article_url(rec["url"]) == rec["is_article"], rec["url"]
            assert source.owns_url(rec["url"])


def test_robots_sitemaps_and_feeds_list_existing_articles(sites: dict[str, Site]) -> None:
    sources = load_sources()
    for sid, site in sites.items():
        articles = {r["url"] for r in site.articles()}
        source = sources[sid]
        for feed_url in source.feeds:
            pg = _page(site, feed_url)
            assert pg is not None, feed_url
            assert pg.status == 200, feed_url
            root = lxml.etree.fromstring(pg.body)
            links = set(root.xpath("//item/link/text()"))
            assert links, feed_url
            assert links <= articles, feed_url
        for sm in source.sitemaps:
            assert f"Sitemap: {sm}" in site.pages["/robots.txt"].body.decode()


def test_a_sitemap_index_names_gzipped_sitemaps(sites: dict[str, Site]) -> None:
    site = sites["baotuyenquang"]
    robots = site.pages["/robots.txt"].body.decode()
    assert "Sitemap: https://baotuyenquang.com.vn/sitemap.xml" in robots
    index = lxml.etree.fromstring(site.pages["/sitemap.xml"].body)
    assert index.tag.endswith("sitemapindex")
    locs = index.xpath("//*[local-name()='loc']/text()")
    assert len(locs) >= 3
    assert all(loc.endswith(".xml.gz") for loc in locs)
    listed: set[str] = set()
    for loc in locs:
        pg = _page(site, loc)
        assert pg is not None
        assert pg.content_type == "application/gzip"
        urlset = lxml.etree.fromstring(gzip.decompress(pg.body))
        listed |= set(urlset.xpath("//*[local-name()='url']/*[local-name()='loc']/text()"))
    assert listed == {r["url"] for r in site.articles()}


# --------------------------------------------------------------------------- the difficulties
def test_json_listing_api_lists_every_article_with_its_date(sites: dict[str, Site]) -> None:
    from newsarchive.sources.listing_api import parse_listing_page, start_urls

    site = sites["baodienbienphu"]
    api = load_sources()["baodienbienphu"].listing_api
    found: dict[str, str | None] = {}
    for url, category in start_urls(api):
        n = 1
        while url:
            pg = _page(site, url)
            assert pg is not None, url
            assert pg.headers["Access-Control-Allow-Origin"] == "*"  # the browser's fetch needs it
            listing = parse_listing_page(pg.body, api, page=n, category=category)
            found.update({a.url: a.published for a in listing.items})
            url, n = listing.next_url, n + 1  # type: ignore[assignment]
    truth = {r["url"]: r for r in site.articles()}
    assert set(found) == set(truth)
    assert all(found[u] and found[u][:10] == truth[u]["published"][:10] for u in found)
    # the category pages themselves link no article in their HTML
    for rec in site.truth:
        if rec["page_type"] == "listing":
            assert not [u for u in _hrefs(rec["url"], _page(site, rec["url"]))  # type: ignore[arg-type]
                        if "/tin-bai/" in u]


def test_listing_api_reader_pages_and_stops(sites: dict[str, Site]) -> None:
    from newsarchive.sources.listing_api import ListingApiError, parse_listing_page

    api = {"url": "https://api.example.vn/list?c={category}&p={page}", "categories": ["x"],
           "items": "data.list", "url_template": "https://example.vn/{type|tin-bai}/{slug}",
           "date_field": "d", "max_pages": 3}
    body = {"data": {"list": [{"slug": "mot", "d": "2025-03-01 08:00:00"},
                              {"slug": "hai", "type": "video", "d": "01/02/2025"},
                              {"d": "2025-01-01"}]}}
    page = parse_listing_page(body, api, page=2, category="x")
    assert [a.url for a in page.items] == ["https://example.vn/tin-bai/mot",
                                           "https://example.vn/video/hai"]
    assert page.items[1].day is not None
    assert page.items[1].day.month == 2
    assert page.next_url == "https://api.example.vn/list?c=x&p=3"
    assert len(page.skipped) == 1
    assert parse_listing_page(body, api, page=3, category="x").next_url is None  # max_pages
    from datetime import date

    assert parse_listing_page(body, api, page=1, category="x",
                              since=date(2025, 6, 1)).next_url is None  # all older
    assert parse_listing_page({"data": {"list": []}}, api, category="x").next_url is None
    with pytest.raises(ListingApiError, match=r"no list at 'data\.list'"):
        parse_listing_page(b'{"data": {}}', api, category="x")
    with pytest.raises(ListingApiError, match="not JSON"):
        parse_listing_page(b"<html>", api, category="x")


def test_hanoimoi_answers_403_without_browser_headers(sites: dict[str, Site]) -> None:
    with MirrorServer(sites=sites) as server:
        plain = {"User-Agent": "newsarchive/0.1 (+https://github.com/newsarchive/newsarchive)"}
        for path in ("/", "/robots.txt", "/khai-truong-tuyen-xe-buyt-dien-noi-san-bay-729871.html"):
            assert _get(server, "hanoimoi.vn", path, headers=plain)[0] == 403
            status, _, body = _get(server, "hanoimoi.vn", path, headers=BROWSER_HEADERS)
            assert status == 200
            assert body
        assert _get(server, "baolaichau.vn", "/", headers=plain)[0] == 200  # only that paper


def test_malformed_pages_stop_libxml2_but_hold_the_whole_article(sites: dict[str, Site]) -> None:
    site = sites["baotayninh"]
    source = load_sources()["baotayninh"]
    malformed = [r for r in site.articles() if "whole_document" in r.get("needs", [])]
    assert len(malformed) >= 3
    for rec in malformed:
        body = _page(site, rec["url"]).body  # type: ignore[union-attr]
        root = lxml.etree.fromstring(body, lxml.etree.HTMLParser(recover=True))
        assert not "".join(root.itertext()).strip()  # the parser stopped at the early </html>
        whole = body.replace(b"</html>\n<head>", b"\n<head>", 1)
        got = extract(whole, rec["url"], source).article
        assert got is not None
        assert got.title == rec["title"]
        assert got.body == rec["body"]


def test_old_domains_and_extra_hosts_are_served(sites: dict[str, Site]) -> None:
    with MirrorServer(sites=sites) as server:
        status, headers, _ = _get(server, "baodienbienphu.info.vn", "/")
        assert (status, headers["location"]) == (301, "https://baodienbienphu.vn/")
        status, headers, body = _get(server, "api-dienbien.baodienbienphu.vn",
                                     "/api/web/menu-get-list")
        assert status == 200
        assert headers["content-type"].startswith("application/json")
        assert b'"menu_slug"' in body
        assert _get(server, "www.baodongkhoi.vn", "/")[0] == 200


# --------------------------------------------------------------------------- photos
def test_photos_are_real_images_of_news_sizes_and_differ_by_url(sites: dict[str, Site]) -> None:
    from PIL import Image

    seen: dict[bytes, str] = {}
    formats = set()
    portrait = 0
    sizes = set()
    with MirrorServer(sites=sites) as server:
        for _sid, site in sites.items():
            for rec in site.articles()[:4]:
                for cap in rec["captions"]:
                    parts = urlsplit(cap["image_url"])
                    status, headers, body = _get(server, parts.hostname or "", parts.path,
                                                 headers=BROWSER_HEADERS)
                    assert status == 200, cap["image_url"]
                    img = Image.open(io.BytesIO(body))
                    img.verify()
                    formats.add(img.format)
                    assert headers["content-type"] == Image.MIME[img.format]  # type: ignore[index]
                    w, h = img.size
                    sizes.add((w, h))
                    portrait += h > w
                    assert 600 <= w <= 1200
                    assert 500 <= h <= 1100
                    assert seen.setdefault(body, cap["image_url"]) == cap["image_url"]
        for first in list(seen.values())[:3]:
            parts = urlsplit(first)
            again = _get(server, parts.hostname or "", parts.path, headers=BROWSER_HEADERS)[2]
            assert seen[again] == first  # the same URL gives the same bytes
    assert "JPEG" in formats
    assert "WEBP" in formats
    assert "PNG" in formats
    assert len(sizes) >= 3
    assert portrait >= 1


def test_photo_hosts_are_declared_and_broken_photos_exist(fault_sites: dict[str, Site]) -> None:
    sources = load_sources()
    assert "cdn.baogialai.com.vn" in sources["baogialai"].media_domains
    assert "media-dienbien.baodienbienphu.vn" in sources["baodienbienphu"].media_domains
    site = fault_sites["baodienbienphu"]
    faults = {u: k for r in site.truth for u, k in (r.get("photo_faults") or {}).items()}
    assert sorted(faults.values()) == ["404", "html", "huge"]
    with MirrorServer(sites=fault_sites) as server:
        for url, kind in faults.items():
            status, headers, body = _get(server, "media-dienbien.baodienbienphu.vn",
                                         urlsplit(url).path)
            if kind == "404":
                assert status == 404
            elif kind == "html":
                assert status == 200
                assert headers["content-type"].startswith("text/html")
            else:
                assert status == 200
                assert len(body) > 5 * 1024 * 1024
                assert body.startswith(b"\x89PNG")


# --------------------------------------------------------------------------- server and faults
def test_server_dispatches_on_host_and_records_every_request(sites: dict[str, Site]) -> None:
    path = sites["baolaichau"].articles()[0]["url"].split("baolaichau.vn", 1)[1]
    with MirrorServer(sites=sites) as server:
        status, headers, body = _get(server, "baolaichau.vn", path)
        assert status == 200
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert int(headers["content-length"]) == len(body)
        status, _, body2 = _get(server, "www.baolaichau.vn:443", path)
        assert (status, body2) == (200, body)
        assert _get(server, "baotayninh.vn", path)[0] == 404
        assert _get(server, "www.facebook.com", "/sharer/sharer.php")[0] == 404
        status, headers, empty = _get(server, "baolaichau.vn", "/robots.txt", method="HEAD")
        assert status == 200
        assert empty == b""
        assert int(headers["content-length"]) > 0
        assert server.requests == [
            ("baolaichau.vn", path, 200), ("baolaichau.vn", path, 200),
            ("baotayninh.vn", path, 404), ("facebook.com", "/sharer/sharer.php", 404),
            ("baolaichau.vn", "/robots.txt", 200),
        ]


def test_server_keeps_connections_alive(sites: dict[str, Site]) -> None:
    with MirrorServer(sites=sites) as server:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        try:
            for path in ("/", "/robots.txt", "/sitemap.xml"):
                conn.request("GET", path, headers={"Host": "baogialai.com.vn"})
                resp = conn.getresponse()
                assert resp.status == 200
                assert resp.read()
        finally:
            conn.close()
        assert [r[1] for r in server.requests] == ["/", "/robots.txt", "/sitemap.xml"]


def _fault(site: Site, number: int) -> str:
    return next(p for p in site.pages if p.endswith(f"-{number}"))


def test_fault_pages_are_linked_and_misbehave_as_promised(fault_sites: dict[str, Site]) -> None:
    site = fault_sites["baodienbienphu"]
    source = load_sources()["baodienbienphu"]
    with MirrorServer(faults=True, slow_seconds=0.6, sites=fault_sites) as server:
        _, _, home = _get(server, site.host, "/")
        linked = {_key(u) for u in _hrefs(site.base_url + "/", Page(home))}
        fault_paths = [_fault(site, n) for n in range(290001, 290007)]
        assert set(fault_paths) <= linked
        assert all(source.is_article_url(site.url(p)) for p in fault_paths)
        got = {p: _get(server, site.host, p) for p in fault_paths if not p.endswith("290006")}
        assert sorted(s for s, _, _ in got.values()) == [200, 200, 200, 200, 500]
        bodies = [b for s, _, b in got.values() if s == 200]
        assert b"" in bodies
        assert any(b"\x00" in b for b in bodies)
        assert any(not b.rstrip().endswith(b"</html>") and len(b) > 1000 for b in bodies)
        wrong = next(h for s, h, _ in got.values() if "iso-8859-1" in h["content-type"].lower())
        assert wrong["content-type"] == "text/html; charset=ISO-8859-1"
        wrong_truth = [r for r in site.truth if r.get("fault") == "wrong-charset"]
        assert len(wrong_truth) == 1
        slow = _fault(site, 290006)
        done: dict[str, float] = {}

        def fetch_slow() -> None:
            t0 = time.perf_counter()
            done["status"] = _get(server, site.host, slow)[0]
            done["slow"] = time.perf_counter() - t0

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
    assert not [p for p in site.pages if "-29000" in p]
    assert not any(r.get("fault") or r.get("photo_faults") for r in site.truth)


def test_network_fault_pages(fault_sites: dict[str, Site]) -> None:
    """503 with Retry-After once, a dropped connection, an oversized page, a redirect loop."""
    site = fault_sites["baodienbienphu"]
    with MirrorServer(faults=True, slow_seconds=0.1, sites=fault_sites) as server:
        busy = _fault(site, 290007)
        status, headers, _ = _get(server, site.host, busy)
        assert (status, headers.get("retry-after")) == (503, "1")
        assert _get(server, site.host, busy)[0] == 200
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        conn.request("GET", _fault(site, 290008), headers={"Host": site.host})
        with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
            conn.getresponse()
        conn.close()
        status, _, body = _get(server, site.host, _fault(site, 290009))
        assert status == 200
        assert len(body) > 8 * 1024 * 1024
        status, headers, _ = _get(server, site.host, _fault(site, 290010))
        assert status == 302
        assert headers["location"].endswith("-290011")
        status, headers, _ = _get(server, site.host, _fault(site, 290011))
        assert status == 302
        assert headers["location"].endswith("-290010")


def test_stop_does_not_wait_for_a_slow_request(fault_sites: dict[str, Site]) -> None:
    site = fault_sites["baodienbienphu"]
    slow = _fault(site, 290006)
    server = MirrorServer(faults=True, slow_seconds=30, sites=fault_sites).start()
    worker = threading.Thread(target=lambda: _get(server, site.host, slow, timeout=5))
    worker.start()
    time.sleep(0.1)
    t0 = time.perf_counter()
    server.stop()
    assert time.perf_counter() - t0 < 2
    worker.join(6)
    assert not worker.is_alive()


def test_server_runs_from_the_command_line() -> None:
    import socket
    import subprocess
    import sys

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.mirror.server", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/robots.txt", headers={"Host": "baodienbienphu.vn"})
                resp = conn.getresponse()
                break
            except OSError:
                assert proc.poll() is None, "server exited"
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        assert resp.status == 200
        assert b"Disallow: /tim-kiem" in resp.read()
        conn.close()
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}" in out
