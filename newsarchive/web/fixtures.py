"""The web layer's fixture: the archive's fixture plus one article with hostile markup.

Scraped pages can carry markup meant to run in a reader's browser.  The planted article keeps
a ``<script>``, an ``onerror=`` and a ``javascript:`` link in its text and a ``javascript:``
image URL in its caption; every page must show them as inert text.

    python -m newsarchive.web.fixtures data/archive.db   # write it, then `newsarchive serve`
"""

from __future__ import annotations

import sys
import zlib
from io import BytesIO
from typing import TYPE_CHECKING

from newsarchive.archive import Archive
from newsarchive.archive.fixtures import build_fixture_archive
from newsarchive.items import Article, Caption

if TYPE_CHECKING:
    from pathlib import Path

HOSTILE_URL = "https://baodienbienphu.info.vn/tin-tuc/van-hoa/225999/le-hoi-hoa-ban-dien-bien"
HOSTILE_TITLE = "Lễ hội Hoa Ban Điện Biên rực rỡ sắc màu <b>2025</b>"
#: Each sets window.__pwned if a browser ever runs it.
HOSTILE_SNIPPETS = (
    '<script>window.__pwned = "script"</script>',
    "<img src=x onerror=\"window.__pwned = 'onerror'\">",
    "<a href=\"javascript:window.__pwned = 'link'\">Xem thêm</a>",
)


def hostile_article() -> Article:
    """An article whose text and caption carry script, event-handler and javascript: markup."""
    return Article(
        url=HOSTILE_URL,
        source="baodienbienphu",
        title=HOSTILE_TITLE,
        sapo="Lễ hội Hoa Ban tỉnh Điện Biên thu hút hàng nghìn du khách "
        "về thành phố Điện Biên Phủ.",
        body="Những cánh hoa ban trắng phủ kín các con đường của thành phố Điện Biên Phủ.\n\n"
        f"Mã nhúng lạ trong bài gốc: {HOSTILE_SNIPPETS[0]} {HOSTILE_SNIPPETS[1]}\n\n"
        f"Đường dẫn lạ: {HOSTILE_SNIPPETS[2]}\n\n"
        "Ban tổ chức cho biết lễ hội năm nay có thêm phần thi trình diễn trang phục dân tộc.",
        captions=[
            Caption(
                "Thiếu nữ Thái bên cây hoa ban nở trắng.",
                "javascript:window.__pwned='image'",
                "Quang Hưng",
            ),
        ],
        published="2025-03-08T07:15:00+07:00",
        author="Quang Hưng",
        credit="baodienbienphu.info.vn",
        category="Văn hóa",
        date_from="meta",
        fetched_at="2025-03-09T01:00:00+00:00",
        fetched_url=HOSTILE_URL,
        http_status=200,
    )


def syndicated_articles() -> list[Article]:
    """One agency story carried word for word by two papers (same content hash)."""
    story = {
        "title": "Cao tốc Sơn La - Điện Biên sẽ khởi công trong năm 2025",
        "sapo": "Bộ Giao thông vận tải cho biết dự án cao tốc nối Sơn La với Điện Biên "
        "đã hoàn thành báo cáo nghiên cứu tiền khả thi.",
        "body": "Tuyến cao tốc dài khoảng 140 km, đi qua nhiều huyện vùng cao.\n\n"
        "Khi hoàn thành, thời gian đi từ Hà Nội lên Điện Biên Phủ rút ngắn còn khoảng 6 giờ.",
        "credit": "TTXVN",
        "author": "Thanh Bình",
        "category": "Kinh tế",
        "date_from": "page",
        "http_status": 200,
    }
    copies = [
        ("baolaichau", "https://baolaichau.vn/kinh-te/cao-toc-son-la-dien-bien-70111.html",
         "2025-01-15T09:00:00+07:00"),
        ("baosonla", "https://baosonla.vn/kinh-te/cao-toc-son-la-dien-bien-61234.html",
         "2025-01-15T10:30:00+07:00"),
    ]
    photo = Caption("Đoạn đèo trên quốc lộ 6 qua huyện Tuần Giáo.",
                    "https://baotintuc.vn/images/2025/01/quoc-lo-6.jpg", "TTXVN")
    return [
        Article(url=url, source=source, published=published, fetched_url=url, captions=[photo],
                photos=[BARE_PHOTO] if source == "baolaichau" else [],
                fetched_at="2025-01-16T01:00:00+00:00", **story)  # type: ignore[arg-type]
        for source, url, published in copies
    ]


#: A photo one of the syndicated copies prints with no caption (Article.photos).
BARE_PHOTO = "https://baolaichau.vn/media/2025/01/cong-truong-cao-toc.jpg"


#: A photo the fixture records as not kept (the article page shows why, not an empty box).
MISSING_PHOTO = "https://baolaichau.vn/media/2023/09/ban-tru.jpg"


def photo(url: str, size: tuple[int, int] = (800, 533)) -> bytes:
    """A real JPEG for a photo URL: stripes in a colour drawn from the URL (no two alike)."""
    from PIL import Image

    seed = zlib.crc32(url.encode())
    base = (seed & 0xFF, (seed >> 8) & 0xFF, (seed >> 16) & 0xFF)
    img = Image.new("RGB", size, base)
    for x in range(0, size[0], 40):
        img.paste(tuple(255 - c for c in base), (x, 0, x + 12, size[1]))
    out = BytesIO()
    img.save(out, format="JPEG", quality=80)
    return out.getvalue()


def add_photos(archive: Archive, warc_dir: Path) -> int:
    """Archive every photo with a web URL, captioned or not (MISSING_PHOTO fails), the way a
    crawl does: a WARC record, a capture row and a media row.  Returns the photos stored."""
    from newsarchive.archive.media import check_photo, record_failed, record_stored
    from newsarchive.archive.warc import WarcWriter

    photos = ("select image_url as url, article_id from captions union all "
              "select p.url, a.id from article_photos p join articles a on a.url = p.article_url")
    urls = [r[0] for r in archive.conn.execute(
        "select distinct image_url from captions where image_url like 'http%' order by id")]
    urls += [r[0] for r in archive.conn.execute("select url from article_photos order by url")
             if r[0] not in urls]
    stored = 0
    for old in warc_dir.glob("fixture-*.warc.gz"):  # the fixture's own, from an earlier build
        old.unlink()
    with WarcWriter(warc_dir, prefix="fixture") as writer:
        for url in urls:
            article_id = archive.conn.execute(
                f"select min(article_id) from ({photos}) where url = ?", (url,)).fetchone()[0]
            if url == MISSING_PHOTO:
                record_failed(archive, url, "HTTP 404", article_id=article_id)
                continue
            body = photo(url)
            when = "2025-03-09T01:00:00+00:00"
            where = writer.write_response(url, status=200, body=body, fetched_at=when,
                                          headers=[("Content-Type", "image/jpeg")])
            capture_id = archive.record_capture(
                crawl_id=None, url=url, final_url=url, status=200, fetched_at=when,
                content_type="image/jpeg", digest=where.digest, warc_file=where.filename,
                warc_offset=where.offset, warc_length=where.length)
            record_stored(archive, url, check_photo(body), capture_id=capture_id,
                          article_id=article_id, fetched_at=when)
            stored += 1
    archive.commit()
    return stored


def build_web_fixture(path: str | Path) -> Path:
    """The package fixture archive at ``path``, plus the hostile and syndicated articles, and
    their photos in ``warc/`` beside it (where ``newsarchive serve`` looks for them)."""
    path = build_fixture_archive(path)
    with Archive(path) as archive:
        archive.store_article(hostile_article())
        for article in syndicated_articles():
            archive.store_article(article)
        add_photos(archive, path.resolve().parent / "warc")
    return path


if __name__ == "__main__":  # pragma: no cover - manual use
    print(build_web_fixture(sys.argv[1] if len(sys.argv) > 1 else "data/archive.db"))
