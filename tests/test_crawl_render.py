"""Crawling papers a plain fetch cannot read: rendered pages, JSON listing APIs, browser headers.

Every crawl is Scrapy's real engine (and, where a page is rendered, real headless Chromium through
scrapy-playwright) against the mirror over loopback.  Tests that need Chromium skip only when
none is installed (CI installs Debian's chromium, .ci/run).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from newsarchive.archive.warc import WarcWriter, iter_responses, read_response
from newsarchive.crawling.requests import MAX_PAGES
from newsarchive.mirror import build_sites
from newsarchive.mirror.server import MirrorServer
from newsarchive.render import unavailable_reason
from tests.conftest import run_cli
from tests.render_site import build as build_scripted
from tests.truth_check import articles, field_problems

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.slow

#: No browser at all: the crawl must say so and go on with the other papers.
NO_BROWSER_ENV = {"NEWSARCHIVE_CHROMIUM": "/nonexistent/chromium",
                  "PLAYWRIGHT_BROWSERS_PATH": "/nonexistent/ms-playwright"}


def needs_chromium() -> None:
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)


def crawl(*args: str, work: Path, mirror: str, env: dict[str, str] | None = None) -> Any:
    return run_cli("crawl", *args, "--mirror", mirror, "--db", str(work / "a.db"),
                   "--warc-dir", str(work / "warc"), "--sources-dir", str(work / "src"),
                   "-s", "DOWNLOAD_TIMEOUT=20", env=env, timeout=400)


def error_lines(run: Any) -> list[str]:
    return [line for line in run.stderr.splitlines() if line.startswith("error: ")]


# ---- the WARC keeps what was served and what was rendered -----------------------------------
def test_warc_keeps_the_served_bytes_and_the_rendered_dom(tmp_path: Path) -> None:
    served = b"<html><body><div id=x data-enc=1>c2NyYW1ibGVk</div><script></script></body></html>"
    rendered = "<html><body><div id=x><p>Đã giải mã</p></div></body></html>".encode()
    with WarcWriter(tmp_path) as writer:
        ref = writer.write_response("https://bao.example.vn/a-1.htm", status=200, body=served,
                                    headers=[("Content-Type", "text/html")], rendered=rendered)
        writer.write_response("https://bao.example.vn/b-2.htm", status=200, body=b"<p>plain</p>",
                              headers=[("Content-Type", "text/html")])
    path = tmp_path / ref.filename
    back = read_response(tmp_path, ref.filename, ref.offset)
    assert (back.body, back.rendered, back.page) == (served, rendered, rendered)
    listed = {r.url.rsplit("/", 1)[1]: r for r in iter_responses(path)}
    assert listed["a-1.htm"].rendered == rendered  # what warc-import extracts from
    assert listed["b-2.htm"].rendered is None
    assert read_response(tmp_path, ref.filename, listed["b-2.htm"].offset).rendered is None
    with path.open("rb") as fh:
        records = [(r.rec_type, dict(r.rec_headers.headers), r.content_stream().read())
                   for r in ArchiveIterator(fh)]
    response = next(h for t, h, _ in records if t == "response")
    conversion = [(h, body) for t, h, body in records if t == "conversion"]
    assert len(conversion) == 1  # only the rendered page has one
    headers, body = conversion[0]
    assert body == rendered
    assert headers["WARC-Refers-To"] == response["WARC-Record-ID"]
    assert headers["WARC-Target-URI"] == "https://bao.example.vn/a-1.htm"


# ---- without a browser ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer() as server:
        yield server


def test_without_a_browser_one_line_names_the_paper_and_the_others_crawl(
        tmp_path: Path, mirror: MirrorServer) -> None:
    run = crawl("baothanhhoa", "hanoimoi", "baodienbienphu", work=tmp_path, mirror=mirror.url,
                env=NO_BROWSER_ENV)
    assert run.returncode == 1, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    lines = error_lines(run)
    assert len(lines) == 1, run.stderr[-2000:]
    assert lines[0].startswith("error: baothanhhoa: its articles are built by scripts")
    assert "pip install 'newsarchive[render]'" in lines[0]
    by_source: dict[str, int] = {}
    for row in articles(tmp_path / "a.db").values():
        by_source[row["source"]] = by_source.get(row["source"], 0) + 1
    sites = build_sites()
    # hanoimoi (403 without browser headers) is read; baodienbienphu's listings need no
    # browser when its JSON API is read directly.
    assert by_source == {sid: len([t for t in sites[sid].articles() if not t.get("fault")])
                         for sid in ("hanoimoi", "baodienbienphu")}
    assert not [r for h, p, r in mirror.requests if h == "baothanhhoa.vn"
                and p not in ("/robots.txt",)]


# ---- the JSON listing API ---------------------------------------------------------------------
def test_listing_api_backfill_stops_at_older_items(tmp_path: Path) -> None:
    site = build_sites()["baodienbienphu"]
    arts = [t for t in site.articles() if not t.get("fault")]
    days = sorted(t["published"][:10] for t in arts)
    since = days[len(days) // 2]
    with MirrorServer() as server:
        run = crawl("baodienbienphu", "--back-to", since, work=tmp_path, mirror=server.url,
                    env=NO_BROWSER_ENV)  # the API alone: no rendered listings
        api_pages = [p for h, p, _ in server.requests if h == "api-dienbien.baodienbienphu.vn"
                     and "page=" in p]
    assert run.returncode in (0, 3), run.stderr[-2000:]
    stored = set(articles(tmp_path / "a.db"))
    recent = {t["url"] for t in arts if t["published"][:10] >= since}
    older_api_only = {t["url"] for t in arts if t["published"][:10] < since
                      and "listing_api" in t.get("needs", [])}
    assert recent <= stored
    assert older_api_only
    assert not (older_api_only & stored)
    # paging stopped at the first page of only older items, before the end of each category
    full = {p for p in site.all_hosts()["api-dienbien.baodienbienphu.vn"] if "page=" in p}
    assert set(api_pages) < full


def test_listing_api_pages_are_bounded_by_max_pages(tmp_path: Path) -> None:
    import yaml

    from newsarchive.sources import load_sources

    src = tmp_path / "src"
    src.mkdir()
    shipped = yaml.safe_load(Path(load_sources()["baodienbienphu"].path or "").read_text(
        encoding="utf-8"))
    shipped["listing_api"]["max_pages"] = 1
    (src / "baodienbienphu.yaml").write_text(yaml.safe_dump(shipped, allow_unicode=True),
                                            encoding="utf-8")
    with MirrorServer() as server:
        run = crawl("baodienbienphu", work=tmp_path, mirror=server.url, env=NO_BROWSER_ENV)
        api_pages = sorted(p for h, p, _ in server.requests
                           if h == "api-dienbien.baodienbienphu.vn" and "page=" in p)
    assert run.returncode in (0, 3), run.stderr[-2000:]
    assert len(api_pages) == len(shipped["listing_api"]["categories"])
    assert all(p.endswith("page=1") for p in api_pages)


# ---- rendering, per kind ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def rendered_crawl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    needs_chromium()
    work = tmp_path_factory.mktemp("rendered")
    with MirrorServer() as server:
        run = crawl("baoquangngai", "baodienbienphu", "baothanhhoa", "hanoimoi", work=work,
                    mirror=server.url)
        requests = list(server.requests)
    return {"run": run, "work": work, "requests": requests}


def warc_records(warc_dir: Path) -> list[tuple[str, str, dict[str, str], bytes]]:
    out = []
    for path in sorted(warc_dir.glob("*.warc.gz")):
        with path.open("rb") as fh:
            for r in ArchiveIterator(fh):
                body = r.content_stream().read()
                out.append((r.rec_type, r.rec_headers.get_header("WARC-Target-URI") or "",
                            dict(r.rec_headers.headers), body))
    return out


@pytest.mark.browser
def test_only_the_kinds_a_definition_marks_are_rendered(rendered_crawl: dict[str, Any]) -> None:
    run = rendered_crawl["run"]
    assert run.returncode == 0, run.stderr[-3000:]
    records = warc_records(rendered_crawl["work"] / "warc")
    rendered = {url for kind, url, _, _ in records if kind == "conversion"}
    sites = build_sites()
    for sid, kind in (("baoquangngai", "articles"), ("baothanhhoa", "articles"),
                      ("baodienbienphu", "listings")):
        site = sites[sid]
        article_urls = {t["url"] for t in site.articles()}
        mine = {u for u in rendered if site.host in u}
        assert mine, sid
        if kind == "articles":
            assert mine <= article_urls, sid  # its listings stayed plain HTTP
        else:
            assert not (mine & article_urls), sid  # its articles stayed plain HTTP
    assert not [u for u in rendered if "hanoimoi" in u or "api-dienbien" in u]
    # hanoimoi refuses clients without browser headers: none of its answers was a 403
    statuses = {s for h, _, s in rendered_crawl["requests"] if h == "hanoimoi.vn"}
    assert statuses == {200}


@pytest.mark.browser
def test_rendered_articles_match_their_truth_and_the_warc_keeps_both(
        rendered_crawl: dict[str, Any]) -> None:
    work = rendered_crawl["work"]
    sites = build_sites()
    truth = [t for sid in ("baoquangngai", "baothanhhoa", "baodienbienphu", "hanoimoi")
             for t in sites[sid].articles() if not t.get("fault")]
    assert any("render" in t.get("needs", []) for t in truth)
    stored = articles(work / "a.db")
    assert field_problems(truth, stored) == []
    # a script-decoded article: its capture is the scrambled page the server sent, and the
    # DOM the body was read from follows it
    rec = next(t for t in sites["baothanhhoa"].articles() if "render" in t.get("needs", []))
    conn = sqlite3.connect(work / "a.db")
    try:
        warc_file, offset = conn.execute(
            "select warc_file, warc_offset from captures where id = ?",
            [stored[rec["url"]]["capture_id"]]).fetchone()
    finally:
        conn.close()
    served = read_response(work / "warc", warc_file, offset)
    first = rec["body"].split("\n\n")[0]
    assert b'data-enc="1"' in served.body
    assert first.encode() not in served.body
    assert served.rendered is not None
    assert first in served.rendered.decode("utf-8")


@pytest.mark.browser
def test_reextract_reads_the_rendered_dom_without_a_browser(
        rendered_crawl: dict[str, Any]) -> None:
    work = rendered_crawl["work"]
    before = articles(work / "a.db")
    res = run_cli("reextract", "--db", str(work / "a.db"), "--warc-dir", str(work / "warc"),
                  "--sources-dir", str(work / "src"), env=NO_BROWSER_ENV)
    assert res.returncode == 0, res.stderr[-2000:]
    after = articles(work / "a.db")
    assert {u: r["body"] for u, r in after.items()} == {u: r["body"] for u, r in before.items()}


# ---- the "done when" ----------------------------------------------------------------
@pytest.mark.browser
def test_a_paper_with_api_listings_and_script_bodies_added_by_a_user_is_archived_whole(
        tmp_path: Path) -> None:
    """A paper whose category pages are built from a JSON API and whose every body is decoded
    by script: `sources add ID --url` finds both, and its crawl archives every article with
    title, date, body and captions right."""
    needs_chromium()
    site = build_scripted()
    src = tmp_path / "src"
    with MirrorServer(sites={"baodienbienphu": site}) as server:
        add = run_cli("sources", "add", "dienbien_js", "--url", "https://baodienbienphu.vn/",
                      "--mirror", server.url, "--sources-dir", str(src), "--force")
        assert add.returncode == 0, add.stderr[-2000:]
        written = (src / "dienbien_js.yaml").read_text(encoding="utf-8")
        run = crawl("dienbien_js", work=tmp_path, mirror=server.url)
    assert "listing_api:" in written, written
    assert "articles: js" in written, written
    assert run.returncode == 0, run.stderr[-3000:]
    truth = [t for t in site.articles() if not t.get("fault")]
    assert len(truth) >= 25
    stored = articles(tmp_path / "a.db")
    assert field_problems(truth, stored) == []
    assert len(stored) == len(truth)
    conn = sqlite3.connect(tmp_path / "a.db")
    try:
        state, stats = conn.execute("select state, stats from crawls").fetchone()
    finally:
        conn.close()
    assert state == "finished"
    # the browser was used, and at most the bounded number of pages were open at once
    stats = json.loads(stats)["stats"]
    assert stats["playwright/page_count"] >= 8
    assert stats["playwright/page_count/max_concurrent"] <= MAX_PAGES


# ---- <base href> ------------------------------------------------------------------------------
def test_links_resolve_against_base_href_as_in_a_browser(tmp_path: Path,
                                                         mirror: MirrorServer) -> None:
    """baodongkhoi.vn's home page points its <base> at the archive on dongkhoi.baovinhlong.vn
    and links relatively: resolved as a browser does, every link lands on the archive."""
    import yaml

    from newsarchive.sources import load_sources

    src = tmp_path / "src"
    src.mkdir()
    data = yaml.safe_load(Path(load_sources()["baodongkhoi"].path or "").read_text(
        encoding="utf-8"))
    data["start_urls"] = ["https://baodongkhoi.vn/"]  # only the old domain's home page
    (src / "baodongkhoi.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                         encoding="utf-8")
    mirror.clear_requests()
    run = crawl("baodongkhoi", work=tmp_path, mirror=mirror.url)
    old_host = sorted({p for h, p, _ in mirror.requests if h == "baodongkhoi.vn"})
    assert run.returncode in (0, 3), run.stderr[-2000:]
    assert old_host == ["/", "/robots.txt"]  # nothing asked of the old host but its home
    truth = [t for t in build_sites()["baodongkhoi"].articles() if not t.get("fault")]
    assert field_problems(truth, articles(tmp_path / "a.db")) == []
