"""A page the crawler parsed once (``read_page``) extracts exactly as its bytes do.

The crawler reads a page's links from the tree and then hands that tree to ``extract`` so the page
is not parsed twice; extraction prepares the tree in place, so a second reading parses again.
"""

from __future__ import annotations

import pytest

from newsarchive.extract import extract, read_page
from newsarchive.mirror import build_sites
from newsarchive.sources import load_sources

TITLE = "Điện Biên đón đoàn khách quốc tế đầu tiên qua cửa khẩu Tây Trang"
PARAS = [
    "Sáng 12/3, Ban Quản lý cửa khẩu Quốc tế Tây Trang làm thủ tục cho đoàn 36 du khách "
    "từ Lào sang tham quan thành phố Điện Biên Phủ.",
    "Theo kế hoạch, đoàn sẽ thăm Đồi A1, Bảo tàng Chiến thắng lịch sử Điện Biên Phủ và "
    "cánh đồng Mường Thanh trong hai ngày.",
]

_CP1252_UNDEFINED = frozenset((0x81, 0x8D, 0x8F, 0x90, 0x9D))


def _article_html() -> str:
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    return (
        "<html lang='vi'><head><meta charset='utf-8'><title>" + TITLE + "</title></head>"
        "<body><article><h1>" + TITLE + "</h1><div class='date'>12/03/2025 08:30</div>"
        + paras + "</article></body></html>"
    )


def _mirror_articles() -> list[tuple[bytes, str, object]]:
    sources = load_sources()
    out = []
    for sid, site in sorted(build_sites().items()):
        truth = {t["url"] for t in site.articles()}
        for path, page in sorted(site.pages.items()):
            if site.url(path) in truth and page.body:
                out.append((page.body, site.url(path), sources.get(sid)))
    return out


def test_a_shared_tree_gives_the_answer_the_bytes_give() -> None:
    pages = _mirror_articles()
    assert len(pages) > 50
    for html, url, source in pages:
        from_bytes = extract(html, url, source)  # type: ignore[arg-type]
        shared = read_page(html)
        assert shared.root is not None
        from_tree = extract(shared, url, source)  # type: ignore[arg-type]
        assert from_tree.page_type == from_bytes.page_type, url
        assert from_tree.article == from_bytes.article, url


def test_a_shared_tree_read_twice_is_parsed_again() -> None:
    shared = read_page(_article_html().encode("utf-8"))
    first = extract(shared, "https://baodienbienphu.info.vn/tin-tuc/a-1.html")
    again = extract(shared, "https://baodienbienphu.info.vn/tin-tuc/a-1.html")
    assert first.article is not None
    assert again.article is not None
    assert again.article.body == first.article.body == "\n\n".join(PARAS)


@pytest.mark.parametrize("given", ["bytes", "shared"])
def test_a_mojibake_page_is_repaired_either_way(given: str) -> None:
    """UTF-8 read as cp1252 (bytes cp1252 leaves undefined read as Latin-1, as browsers do) and
    saved again: the shared tree holds the mojibake, so extraction parses the repaired text once
    more (the one kind of page read twice).  Its paragraphs are hidden from the body finders
    until then, so the repair cannot wait for an article to be found."""
    raw = _article_html().encode("utf-8")
    html = "".join(
        chr(b) if b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in raw
    ).encode("utf-8")
    page = read_page(html) if given == "shared" else html
    result = extract(page, "https://baodienbienphu.info.vn/tin-tuc/a-2.html")
    assert result.article is not None
    assert result.article.title == TITLE
    assert result.article.body == "\n\n".join(PARAS)


@pytest.mark.parametrize("broken", [
    b"", b"   ", b"\x00\x01\x02\xff\xfe", "<p>\ud800 nửa cặp</p>", b"<" * 5000,
    b"<div>" * 20000 + "Tin cuối cùng".encode(),
])
def test_a_broken_page_read_for_sharing_never_raises(broken: bytes | str) -> None:
    shared = read_page(broken)
    result = extract(shared, "https://baodienbienphu.info.vn/tin-tuc/a-3.html")
    assert not result.is_article
