"""Raw captures: WARC write/read-back, size rotation, import of other tools' WARCs, reextract."""

from __future__ import annotations

import gzip
import random
from io import BytesIO
from typing import TYPE_CHECKING

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsarchive.archive import Archive
from newsarchive.archive.warc import (
    WarcWriter,
    import_warc,
    iter_responses,
    read_response,
    reextract,
)
from newsarchive.sources import Source

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

LAICHAU = Source(
    id="baolaichau",
    name="Báo Lai Châu",
    homepage="https://baolaichau.vn/",
    province="Lai Châu",
    domains=("baolaichau.vn",),
)


def article_page(title: str, paragraphs: list[str], published: str) -> bytes:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{title} - Báo Lai Châu</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
<meta property="og:site_name" content="Báo Lai Châu">
</head><body>
<header><a href="/">Trang chủ</a> | <a href="/kinh-te">Kinh tế</a></header>
<article>
<h1 class="title">{title}</h1>
<div class="content">
{body}
</div>
</article>
<footer>Báo Lai Châu - Cơ quan của Đảng bộ tỉnh Lai Châu</footer>
</body></html>""".encode()


PAGES = {
    "https://baolaichau.vn/kinh-te/thu-hoach-che-xuan-33001": article_page(
        "Nông dân Tam Đường thu hoạch chè xuân",
        [
            "Những ngày này, nông dân huyện Tam Đường tất bật thu hoạch chè vụ xuân. Năm nay chè "
            "được mùa, được giá, mỗi ki-lô-gam búp tươi bán được cao hơn năm trước.",
            "Nhiều hợp tác xã đã ký hợp đồng bao tiêu sản phẩm với doanh nghiệp chế biến trong "
            "tỉnh, giúp bà con yên tâm đầu tư chăm sóc theo hướng an toàn.",
        ],
        "2024-04-12T08:00:00+07:00",
    ),
    "https://baolaichau.vn/xa-hoi/truong-hoc-vung-cao-33002": article_page(
        "Xây dựng trường học cho học sinh vùng cao Mường Tè",
        [
            "Từ nguồn vốn xã hội hóa, huyện Mường Tè vừa khánh thành thêm hai điểm trường "
            "kiên cố cho học sinh các bản xa trung tâm xã.",
            "Thầy cô giáo cho biết, phòng học mới khang trang giúp các em yên tâm đến lớp, "
            "tỷ lệ chuyên cần tăng rõ rệt so với năm học trước.",
        ],
        "2024-05-20T09:30:00+07:00",
    ),
}


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "archive.db") as a:
        yield a


def test_write_then_read_back_identical_bytes(tmp_path: Path) -> None:
    bodies = [
        "<html><body>Điện Biên hòa bình</body></html>".encode(),
        "Thủy điện".encode("cp1258", errors="replace") + b"\x00\xff\xfe binary",
        b"",
    ]
    with WarcWriter(tmp_path / "warc") as writer:
        locations = [
            writer.write_response(
                f"https://baodienbienphu.info.vn/a/{i}?trang=2",
                status=200,
                body=body,
                headers=[
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Encoding", "gzip"),
                ],
                request_headers={"User-Agent": "newsarchive (+contact)"},
                fetched_at="2024-09-01T08:00:00+07:00",
            )
            for i, body in enumerate(bodies)
        ]
    assert len({loc.filename for loc in locations}) == 1
    path = tmp_path / "warc" / locations[0].filename
    assert path.name.endswith(".warc.gz")
    gzip.decompress(path.read_bytes())  # a valid multi-member gzip file
    read = list(iter_responses(path))
    assert [r.body for r in read] == bodies
    for loc, body, r in zip(locations, bodies, read, strict=True):
        assert (r.offset, r.length, r.digest) == (loc.offset, loc.length, loc.digest)
        assert loc.digest
        assert loc.digest.startswith("sha1:")
        again = read_response(tmp_path / "warc", loc.filename, loc.offset)
        assert again.body == body
        assert again.status == 200
        assert again.fetched_at == "2024-09-01T01:00:00+00:00"
        assert again.url.endswith("?trang=2")
        # the body is stored decoded, so the wire header is kept only for the record
        assert ("X-Archive-Orig-Content-Encoding", "gzip") in again.headers
    with path.open("rb") as fh:
        kinds = [rec.rec_type for rec in ArchiveIterator(fh)]
    assert kinds == [
        "warcinfo",
        "response",
        "request",
        "response",
        "request",
        "response",
        "request",
    ]


def test_files_rotate_by_size(tmp_path: Path) -> None:
    body = random.Random(7).randbytes(3_000)  # incompressible, so sizes are predictable
    limit = 10_000
    with WarcWriter(tmp_path, max_bytes=limit, prefix="test") as writer:
        locs = [
            writer.write_response(f"https://baolaichau.vn/{i}", status=200, body=body)
            for i in range(12)
        ]
    files = [p.name for p in writer.files]
    assert sorted({loc.filename for loc in locs}) == sorted(files)
    assert len(files) >= 3
    assert all(f.startswith("test-") and f.endswith(".warc.gz") for f in files)
    for f in files[:-1]:  # a file closes once it reaches the limit, overshooting by one capture
        size = (tmp_path / f).stat().st_size
        assert limit <= size < limit + 2 * len(body)
    assert sum(len(list(iter_responses(tmp_path / f))) for f in files) == 12
    for loc in locs:
        assert read_response(tmp_path, loc.filename, loc.offset).body == body


def write_foreign_warc(path: Path) -> None:
    """A WARC as wget/Browsertrix write it: raw wire bytes (gzip content-encoding, chunked)."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "Wget/1.21"}))
        for i, (url, html) in enumerate(PAGES.items()):
            if i == 0:
                payload = gzip.compress(html)
                headers = [
                    ("Content-Type", "text/html; charset=UTF-8"),
                    ("Content-Encoding", "gzip"),
                ]
            else:
                payload = b"%x\r\n%s\r\n0\r\n\r\n" % (len(html), html)
                headers = [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")]
            headers.append(("Content-Length", str(len(payload))))
            record = writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(payload),
                length=len(payload),
                http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
            )
            writer.write_record(record)
        # things an importer must pass over
        writer.write_record(
            writer.create_warc_record(
                "https://baolaichau.vn/logo.png",
                "response",
                payload=BytesIO(b"\x89PNG\r\n"),
                length=6,
                http_headers=StatusAndHeaders(
                    "200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1"
                ),
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "https://example.com/khac",
                "response",
                payload=BytesIO(b"<html>other site</html>"),
                length=23,
                http_headers=StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
                ),
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "https://baolaichau.vn/khong-ton-tai",
                "response",
                payload=BytesIO(b"<html>404</html>"),
                length=16,
                http_headers=StatusAndHeaders(
                    "404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1"
                ),
            )
        )


def test_iter_responses_reads_warcio_written_wire_encodings(tmp_path: Path) -> None:
    path = tmp_path / "wget.warc.gz"
    write_foreign_warc(path)
    got = {r.url: r for r in iter_responses(path)}
    for url, html in PAGES.items():
        assert got[url].body == html  # content-encoding and chunking undone
        assert got[url].is_html
    assert not got["https://baolaichau.vn/logo.png"].is_html
    assert got["https://baolaichau.vn/khong-ton-tai"].status == 404


def test_import_foreign_warc_into_archive(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "wget.warc.gz"
    write_foreign_warc(path)
    counts = import_warc(archive, path, sources={LAICHAU.id: LAICHAU})
    assert counts["new"] == 2
    assert counts["off_source"] == 1
    assert counts["not_html_200"] == 2
    assert archive.known_urls("baolaichau") == set(PAGES)
    row = archive.get_article("https://baolaichau.vn/kinh-te/thu-hoach-che-xuan-33001")
    assert row is not None
    assert row["title"] == "Nông dân Tam Đường thu hoạch chè xuân"
    assert "bao tiêu sản phẩm" in row["body"]
    assert row["published_day"] == "2024-04-12"
    capture = archive.db["captures"].get(row["capture_id"])
    assert capture["warc_file"] == str(path.resolve())
    assert read_response("/", capture["warc_file"], capture["warc_offset"]).url == row["url"]
    assert [h.url for h in archive.search("tam duong")] == [row["url"]]
    crawl = archive.db["crawls"].get(capture["crawl_id"])
    assert crawl["state"] == "finished"
    assert crawl["command"].startswith("warc-import ")
    # importing the same file again changes nothing
    assert import_warc(archive, path, source=LAICHAU)["unchanged"] == 2


def test_reextract_rebuilds_rows_from_captures(tmp_path: Path) -> None:
    warc_dir = tmp_path / "warc"
    with Archive(tmp_path / "archive.db") as archive:
        crawl = archive.start_crawl("baolaichau", "test")
        with WarcWriter(warc_dir) as writer:
            for url, html in PAGES.items():
                loc = writer.write_response(
                    url,
                    status=200,
                    body=html,
                    headers={"Content-Type": "text/html; charset=utf-8"},
                    fetched_at="2024-06-01T03:00:00+00:00",
                )
                archive.record_capture(
                    crawl_id=crawl,
                    url=url,
                    final_url=url,
                    status=200,
                    fetched_at="2024-06-01T03:00:00+00:00",
                    content_type="text/html; charset=utf-8",
                    digest=loc.digest,
                    warc_file=loc.filename,
                    warc_offset=loc.offset,
                    warc_length=loc.length,
                )
        first = reextract(archive, warc_dir, sources={LAICHAU.id: LAICHAU})
        assert first == {"new": 2}
        rows = {r["url"]: r for r in archive.db["articles"].rows}
        assert set(rows) == set(PAGES)
        assert {r["source"] for r in rows.values()} == {"baolaichau"}
        assert {r["last_seen"] for r in rows.values()} == {"2024-06-01T03:00:00+00:00"}
        # the same extractor again: nothing changes, no new versions
        assert reextract(archive, warc_dir, sources={LAICHAU.id: LAICHAU}) == {"unchanged": 2}
        assert archive.db["article_versions"].count == 2
        assert reextract(archive, warc_dir, source_id="baosonla") == {}


def test_scrapy_headers_and_unicode_urls_are_written(tmp_path: Path) -> None:
    from scrapy.http import Headers

    url = "https://baodienbienphu.info.vn/tin-tức/thời-sự/điện-biên-1.html"
    headers = Headers({"Content-Type": "text/html", "Set-Cookie": ["a=1", "b=2"]})
    with WarcWriter(tmp_path) as writer:
        loc = writer.write_response(
            url, status=200, body=b"<html></html>", headers=headers, request_headers=headers
        )
    got = read_response(tmp_path, loc.filename, loc.offset)
    assert got.url == url
    assert [v for k, v in got.headers if k.lower() == "set-cookie"] == ["a=1", "b=2"]
    with (tmp_path / loc.filename).open("rb") as fh:
        request = next(r for r in ArchiveIterator(fh) if r.rec_type == "request")
        line = request.http_headers.protocol + " " + request.http_headers.statusline
    assert line.isascii()
    assert "/tin-t%E1%BB%A9c/" in line


def test_a_warc_cut_anywhere_reads_its_whole_records_then_says_it_is_truncated(
    tmp_path: Path,
) -> None:
    """Wherever a copy stops (inside a body, a header block, a gzip member), the reader gives
    the whole records before the cut and then WarcTruncatedError, never another exception and
    never a silent end (warcio alone trips over a header block cut before its URI)."""
    from newsarchive.archive.warc import WarcTruncatedError

    with WarcWriter(tmp_path / "warc") as writer:
        for i in range(6):
            writer.write_response(
                f"https://baolaichau.vn/thoi-su/tin-so-{i}-4365{i}.html", status=200,
                body=f"<html><body><p>Bản tin số {i} về mùa lúa ở Tam Đường.</p></body></html>"
                .encode() * 20,
                headers=[("Content-Type", "text/html; charset=utf-8")],
                request_headers={"User-Agent": "newsarchive"},
                fetched_at="2025-07-12T08:00:00+07:00")
    whole = next((tmp_path / "warc").glob("*.warc.gz"))
    data = whole.read_bytes()
    assert len(list(iter_responses(whole))) == 6
    boundaries = set()  # a file cut exactly between two records is a whole, shorter WARC
    with whole.open("rb") as fh:
        it = ArchiveIterator(fh)
        for record in it:
            record.content_stream().read()
            boundaries.add(it.get_record_offset())
    cut = tmp_path / "cut.warc.gz"
    for at in range(40, len(data) - 1, 23):
        cut.write_bytes(data[:at])
        got: list[str] = []
        if at in boundaries:
            got.extend(r.url for r in iter_responses(cut))
        else:
            with pytest.raises(WarcTruncatedError):
                got.extend(r.url for r in iter_responses(cut))
        assert got == [f"https://baolaichau.vn/thoi-su/tin-so-{i}-4365{i}.html"
                       for i in range(len(got))]
