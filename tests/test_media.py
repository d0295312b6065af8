"""Photos kept with their articles: real crawls (Scrapy's engine, the `newsarchive` command in a
subprocess) of a paper with real photos served on 127.0.0.1, then the archive and WARC read back.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import sqlite3
import time
from typing import TYPE_CHECKING, Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from newsarchive.archive import Archive
from newsarchive.archive.media import (
    PhotoError,
    backlog,
    check_photo,
    photo_host_problem,
    photo_location,
    read_photo,
)
from newsarchive.mirror.model import Page
from newsarchive.mirror.server import MirrorServer
from newsarchive.sources import load_sources
from tests.conftest import run_cli
from tests.photo_site import (
    CAP,
    CDN,
    FAILED,
    HOST,
    MISSING_PHOTO,
    OFFSITE,
    SOURCE_ID,
    STORED,
    build_photo_sites,
    photo_bytes,
    photos,
    write_definition,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def crawl(server: MirrorServer, work: Path, *extra: str, command: str = "crawl") -> Any:
    args = [command] if command == "crawl" else ["media", "fetch"]
    result = run_cli(
        *args, SOURCE_ID, "--mirror", server.url, "--db", str(work / "archive.db"),
        "--warc-dir", str(work / "warc"), "--sources-dir", str(work / "sources"),
        "-s", f"NEWSARCHIVE_MEDIA_MAX_BYTES={CAP}", *extra,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def media_rows(work: Path) -> dict[str, dict[str, Any]]:
    conn = sqlite3.connect(work / "archive.db")
    conn.row_factory = sqlite3.Row
    try:
        return {r["url"]: dict(r) for r in conn.execute(
            "select m.*, a.url as article_url from media m left join articles a "
            "on a.id = m.article_id")}
    finally:
        conn.close()


def query(work: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(work / "archive.db")
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One crawl of the photo paper, with the server's request log."""
    work = tmp_path_factory.mktemp("media")
    write_definition(work / "sources")
    with MirrorServer(sites=build_photo_sites()) as server:
        result = crawl(server, work)
        yield {"work": work, "result": result, "requests": server.requests}


# --- the crawl ----------------------------------------------------------------------------


def test_every_photo_is_stored_or_failed_with_its_reason(crawled: dict[str, Any]) -> None:
    rows = media_rows(crawled["work"])
    assert {u for u, r in rows.items() if r["status"] == "stored"} == STORED
    failed = {u: r["error"] for u, r in rows.items() if r["status"] == "failed"}
    assert set(failed) == set(FAILED)
    for url, words in FAILED.items():
        assert words in failed[url], (url, failed[url])
    assert f"over the {CAP:,}-byte cap" in failed[f"https://{HOST}/anh/2025/06/le-hoi-lon.jpg"]
    # each reason is also in the crawl's log, with the photo's URL
    for url in FAILED:
        if OFFSITE not in url:
            assert any(url in line and "photo not kept" in line
                       for line in crawled["result"].stderr.splitlines()), url


def test_stored_photos_record_type_size_and_their_article(crawled: dict[str, Any]) -> None:
    rows = media_rows(crawled["work"])
    truth = photos()
    for url in STORED:
        row, body = rows[url], truth[url]
        assert row["sha1"] == hashlib.sha1(body).hexdigest()
        assert row["bytes"] == len(body)
        assert row["mime_type"] == ("image/png" if url.endswith(".png") else "image/jpeg")
        assert (row["width"], row["height"]) == {
            f"https://{CDN}/2025/06/cay-ma.png": (300, 200),
            f"https://{HOST}/anh/2025/06/giong-lua.jpg": (800, 533),
            f"https://{HOST}/anh/2025/06/cong-tieu-nuoc.jpg": (600, 400),
        }.get(url, (640, 400))
        assert str(row["article_url"]).startswith(f"https://{HOST}/tin-tuc/")
    assert rows[f"https://{CDN}/2025/06/cay-ma.png"]["article_url"].endswith("-1001.html")


def test_photos_come_after_their_article_through_robots_and_declared_hosts_only(
    crawled: dict[str, Any],
) -> None:
    requested = crawled["requests"]
    hosts = {h for h, _, _ in requested}
    assert OFFSITE not in hosts  # not the paper's, not in media_domains: never asked
    assert (CDN, "/robots.txt", 200) in requested  # the CDN's robots.txt is read too
    assert not any(p.startswith("/anh-rieng/") for h, p, _ in requested if h == HOST)
    order = [p for h, p, _ in requested if h == HOST]
    for photo, article in (("/anh/2025/06/giong-lua.jpg", "-1002.html"),
                           ("/anh/2025/06/kenh-muong.jpg", "-1003.html")):
        article_at = next(i for i, p in enumerate(order) if p.endswith(article))
        assert order.index(photo) > article_at
    # each photo is asked for once (the copy under a second URL is its own request)
    photo_requests = [p for h, p, _ in requested if "/anh/" in p]
    assert len(photo_requests) == len(set(photo_requests))


def test_a_photo_without_a_caption_is_kept_with_its_article(crawled: dict[str, Any]) -> None:
    """A photo printed between paragraphs with no caption is fetched, stored and listed with
    the article it sits in, after the captioned ones; it is not a caption."""
    bare = f"https://{HOST}/anh/2025/06/cong-tieu-nuoc.jpg"
    work = crawled["work"]
    assert media_rows(work)[bare]["status"] == "stored"
    assert media_rows(work)[bare]["article_url"].endswith("-1003.html")
    assert query(work, "select article_url, position from article_photos where url = ?",
                 bare) == [(f"https://{HOST}/tin-tuc/thuy-loi-nang-cap-1003.html", 0)]
    assert query(work, "select count(*) from captions where image_url = ?", bare) == [(0,)]
    with Archive(work / "archive.db", readonly=True) as stored:
        article = stored.get_article(f"https://{HOST}/tin-tuc/thuy-loi-nang-cap-1003.html")
    assert article is not None
    assert article["photos"] == [bare]


def test_captions_link_to_their_photo(crawled: dict[str, Any]) -> None:
    links = query(crawled["work"], "select c.image_url, m.url, m.status from captions c "
                  "left join media m on m.id = c.media_id")
    assert len(links) == len(STORED) + len(FAILED) - 1  # one photo has no caption
    assert all(image == media for image, media, _ in links)


def test_photo_bytes_are_in_the_warc_once_with_a_revisit_for_the_copy(
    crawled: dict[str, Any],
) -> None:
    work = crawled["work"]
    records: list[tuple[str, str, str | None]] = []
    for path in sorted((work / "warc").glob("*.warc.gz")):
        assert b"\xff\xd8\xff" in gzip.decompress(path.read_bytes())  # any gzip reader reads it
        with path.open("rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type in ("response", "revisit"):
                    records.append((rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI"),
                                    rec.rec_headers.get_header("WARC-Refers-To-Target-URI")))
    original = f"https://{HOST}/anh/2025/06/ruong-bac-thang.jpg"
    copy = f"https://{HOST}/anh/2025/06/ruong-bac-thang-ban-sao.jpg"
    kinds = {url: (kind, refers) for kind, url, refers in records}
    stored_first = next(u for _, u, _ in records if u in (original, copy))
    other = copy if stored_first == original else original
    assert kinds[stored_first] == ("response", None)
    assert kinds[other] == ("revisit", stored_first)
    rows = media_rows(work)
    assert rows[original]["capture_id"] == rows[copy]["capture_id"]
    with Archive(work / "archive.db", readonly=True) as archive:
        for url in STORED:
            where = photo_location(archive.conn, rows[url]["id"])
            assert where is not None
            assert read_photo(work / "warc", where) == photos()[url]


def test_a_later_crawl_retries_failed_photos(tmp_path: Path) -> None:
    write_definition(tmp_path / "sources")
    sites = build_photo_sites()
    with MirrorServer(sites=sites) as server:
        crawl(server, tmp_path)
        missing = f"https://{HOST}{MISSING_PHOTO}"
        assert media_rows(tmp_path)[missing]["status"] == "failed"
        # the paper puts the photo back; the next crawl finds no new article but fetches it
        sites[SOURCE_ID].pages[MISSING_PHOTO] = Page(photo_bytes(9), "image/jpeg")
        server.clear_requests()
        second = crawl(server, tmp_path)
        again = server.requests
    rows = media_rows(tmp_path)
    assert (rows[missing]["status"], rows[missing]["attempts"]) == ("stored", 2)
    assert rows[missing]["error"] is None
    assert "4 new" not in second.stdout
    assert not any(p.startswith("/tin-tuc/") and p.endswith("-1003.html") for _, p, _ in again)
    # stored photos are not fetched again; the other failures are tried again
    assert not any(p == "/anh/2025/06/giong-lua.jpg" for _, p, _ in again)
    assert ("baothunghiem.vn", "/anh/2025/06/trang-loi.jpg", 200) in again
    assert rows[f"https://{HOST}/anh/2025/06/trang-loi.jpg"]["attempts"] == 2


def test_media_fetch_backfills_an_archive_crawled_without_photos(tmp_path: Path) -> None:
    write_definition(tmp_path / "sources")
    with MirrorServer(sites=build_photo_sites()) as server:
        crawl(server, tmp_path, "-s", "NEWSARCHIVE_MEDIA_ENABLED=0")
        assert media_rows(tmp_path) == {}
        assert not any(p.startswith("/anh/") for _, p, _ in server.requests)
        status = run_cli("media", "status", "--db", str(tmp_path / "archive.db"))
        assert f"waiting: {len(STORED) + len(FAILED)}" in status.stdout
        server.clear_requests()
        fetched = crawl(server, tmp_path, command="media")
        requested = server.requests
        again = crawl(server, tmp_path, command="media")
    rows = media_rows(tmp_path)
    assert {u for u, r in rows.items() if r["status"] == "stored"} == STORED
    assert set(FAILED) <= set(rows)
    assert not any(p.startswith("/tin-tuc/") for _, p, _ in requested)  # photos only
    # the photos start together on each host: every one of them waits for robots.txt
    # (newsarchive/crawling/robots.py; Scrapy 2.19 let all but the first through)
    assert not any(p.startswith("/anh-rieng/") for _, p, _ in requested)
    assert "robots.txt" in rows[f"https://{HOST}/anh-rieng/2025/06/hau-truong.jpg"]["error"]
    assert fetched.stdout.splitlines()[2].split()[:4] == [
        SOURCE_ID, str(len(STORED) + len(FAILED)), str(len(STORED)), "0"]
    assert f"photos stored: {len(STORED)}" in fetched.stdout
    assert "HTTP 404" in fetched.stdout
    assert "waiting: 5" in fetched.stdout  # the failed ones, for the next `media fetch`
    # a second run retries the failures only (every failed photo, however often it failed)
    assert again.stdout.splitlines()[2].split()[:5] == [SOURCE_ID, "5", "0", "0", "4"]
    crawls = query(tmp_path, "select command, state from crawls order by id")
    assert crawls[-1][1] == "finished"
    assert "media fetch" in crawls[-1][0]


def test_reextract_keeps_the_links_and_skips_photo_captures(crawled: dict[str, Any],
                                                            tmp_path: Path) -> None:
    work = crawled["work"]
    db = tmp_path / "copy.db"
    db.write_bytes((work / "archive.db").read_bytes())
    result = run_cli("reextract", "--db", str(db), "--warc-dir", str(work / "warc"),
                     "--sources-dir", str(work / "sources"))
    assert result.returncode == 0, result.stderr
    pages = query(work, "select count(distinct url) from captures where status = 200 "
                        "and url not in (select url from media)")[0][0]
    assert f"re-extracted {pages} captures" in result.stdout  # no photo read as a page
    assert "unchanged 4" in result.stdout
    assert "unreadable" not in result.stdout
    conn = sqlite3.connect(db)
    try:
        links = conn.execute("select c.image_url, m.url from captions c "
                             "join media m on m.id = c.media_id").fetchall()
        # every photo but the uncaptioned one has a caption
        assert len(links) == len(STORED) + len(FAILED) - 1
        assert conn.execute("select count(*) from article_photos").fetchone()[0] == 1
        # captions written again (an article's captions change) link again by themselves
        conn.execute("delete from captions")
        conn.execute("insert into captions (article_id, position, text, image_url) "
                     "select article_id, 0, 'x', url from media")
        unlinked = conn.execute("select count(*) from captions where media_id is null")
        assert unlinked.fetchone()[0] == 0
    finally:
        conn.close()


def test_export_writes_the_photos_beside_the_rows(crawled: dict[str, Any], tmp_path: Path) -> None:
    work = crawled["work"]
    out = tmp_path / "out" / "articles.jsonl"
    result = run_cli("export", "--db", str(work / "archive.db"), "-o", str(out),
                     "--media", "--warc-dir", str(work / "warc"))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    listed = [m for r in rows for m in r["media"]]
    stored = [m for m in listed if m["path"]]
    assert {m["url"] for m in stored} == STORED
    truth = photos()
    for m in stored:
        assert (out.parent / m["path"]).read_bytes() == truth[m["url"]]
    assert len({m["path"] for m in stored}) == len(STORED) - 1  # the copy shares its file
    assert {m["url"] for m in listed if not m["path"]} == set(FAILED)
    manifest = json.loads(out.with_name("articles.jsonl.manifest.json").read_text())
    assert manifest["media"]["files"] == len(STORED) - 1
    by_url = {r["url"]: r for r in rows}
    assert by_url[f"https://{HOST}/tin-tuc/thuy-loi-nang-cap-1003.html"]["photos"] == [
        f"https://{HOST}/anh/2025/06/cong-tieu-nuoc.jpg"]


# --- the pieces on their own --------------------------------------------------------------


def test_check_photo_reads_type_and_size_from_the_bytes() -> None:
    facts = check_photo(photo_bytes(1, (320, 240), "PNG"))
    assert (facts.mime_type, facts.width, facts.height) == ("image/png", 320, 240)
    with pytest.raises(PhotoError, match="not an image"):
        check_photo(b"<html><body>403 Forbidden</body></html>")
    with pytest.raises(PhotoError, match="cap"):
        check_photo(photo_bytes(1), max_bytes=1000)
    with pytest.raises(PhotoError, match="broken"):
        check_photo(photo_bytes(1)[:600])
    with pytest.raises(PhotoError, match="empty"):
        check_photo(b"")


def test_photo_hosts_are_the_papers_own_and_its_media_domains(tmp_path: Path) -> None:
    write_definition(tmp_path)
    source = load_sources([tmp_path])[SOURCE_ID]
    assert photo_host_problem(f"https://{HOST}/a.jpg", source) is None
    assert photo_host_problem(f"https://img.{HOST}/a.jpg", source) is None  # a subdomain
    assert photo_host_problem(f"https://www.{HOST}/a.jpg", source) is None
    assert photo_host_problem(f"https://{CDN}/a.jpg", source) is None  # via media_domains
    problem = photo_host_problem("https://fake-baothunghiem.vn/a.jpg", source)
    assert "media_domains" in str(problem)


def test_backlog_lists_photos_never_tried_or_failed_less_than_the_limit(tmp_path: Path) -> None:
    from newsarchive.archive.media import record_failed, record_stored
    from newsarchive.items import Article, Caption

    with Archive(tmp_path / "a.db") as archive:
        archive.store_article(Article(
            url=f"https://{HOST}/tin-tuc/a-1.html", source=SOURCE_ID, title="Bài một",
            body="Nội dung. " * 30,
            captions=[Caption("Một", f"https://{HOST}/1.jpg"), Caption("Hai", f"https://{HOST}/2.jpg"),
                      Caption("Ba", f"https://{HOST}/3.jpg"), Caption("Bốn", None),
                      Caption("Năm", "javascript:alert(1)")]))
        facts = check_photo(photo_bytes(1))
        record_stored(archive, f"https://{HOST}/1.jpg", facts, capture_id=None, article_id=1)
        for _ in range(3):
            record_failed(archive, f"https://{HOST}/2.jpg", "HTTP 500", article_id=1)
        archive.commit()
        waiting = backlog(archive.conn)
        assert [b.urls for b in waiting] == [[f"https://{HOST}/3.jpg"]]
        everything = backlog(archive.conn, max_attempts=None)
        assert everything[0].urls == [f"https://{HOST}/2.jpg", f"https://{HOST}/3.jpg"]
        # a failure after the photo was stored does not lose it
        record_failed(archive, f"https://{HOST}/1.jpg", "HTTP 503", article_id=1)
        row = archive.conn.execute("select status, error from media where url = ?",
                                   (f"https://{HOST}/1.jpg",)).fetchone()
        assert row == ("stored", None)


def test_photos_share_the_papers_download_slot_and_delay(tmp_path: Path) -> None:
    """Photos on the paper's host wait their turn behind its pages: one at a time, spaced."""
    write_definition(tmp_path / "sources")

    times: list[tuple[float, str, str]] = []

    class TimedServer(MirrorServer):

        def record(self, host: str, target: str, status: int) -> None:
            times.append((time.monotonic(), host, target))
            super().record(host, target, status)

    with TimedServer(sites=build_photo_sites()) as server:
        crawl(server, tmp_path, "-s", "DOWNLOAD_DELAY=0.3", "-s",
              "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "DOWNLOAD_DELAY_JITTER=0")
    on_paper = [(t, p) for t, h, p in times if h == HOST]
    photo_at = [i for i, (_, p) in enumerate(on_paper) if p.startswith("/anh/")]
    assert len(photo_at) >= 5
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(on_paper)]
    assert min(gaps[i - 1] for i in photo_at if i > 0) >= 0.3 * 0.9  # no jitter asked
