"""The seed page of the end-to-end issue: an ASP.NET-era baodienbienphu.info.vn article."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsarchive.extract import extract

if TYPE_CHECKING:
    from newsarchive.items import ExtractResult

FIXTURE = Path(__file__).parent / "fixtures" / "baodienbienphu_seed.html"
URL = "https://baodienbienphu.info.vn/Tin-tuc/Chinh-tri/172436/Default.aspx?utm_source=facebook"
TITLE = (
    "Ban Dân vận Tỉnh ủy Điện Biên: Ký kết chương trình phối hợp đẩy mạnh tuyên truyền "
    "công tác dân vận giai đoạn 2021 - 2025"
)
CAPTION = (
    "Lãnh đạo Ban Dân vận Tỉnh ủy, Báo Điện Biên Phủ, Đài PT-TH tỉnh ký kết Chương trình phối hợp "
    "trước sự chứng kiến của lãnh đạo tỉnh và đại biểu"
)


@pytest.fixture(scope="module")
def result() -> ExtractResult:
    return extract(FIXTURE.read_bytes(), URL)


def test_seed_is_an_article(result: ExtractResult) -> None:
    assert result.is_article
    assert result.page_type == "article"


def test_seed_headline_exactly(result: ExtractResult) -> None:
    assert result.article is not None
    assert result.article.title == TITLE


def test_seed_date_is_day_first_and_not_the_header_clock(result: ExtractResult) -> None:
    a = result.article
    assert a is not None
    assert (
        a.published == "2022-07-01"
    )  # "Thứ Sáu, 1/7/2022" — 1 July, not 7 January, not 27/11/2026
    assert a.date_from == "page"
    assert a.date_raw == "Thứ Sáu, 1/7/2022"
    assert a.modified is None


def test_seed_caption_joined_across_the_line_break(result: ExtractResult) -> None:
    a = result.article
    assert a is not None
    assert len(a.captions) == 1
    cap = a.captions[0]
    assert cap.text == CAPTION
    assert (
        cap.image_url == "https://baodienbienphu.info.vn/Uploads/Images/2022/7/1/ky-ket-dan-van.jpg"
    )
    assert cap.credit is None


def test_seed_credit_and_no_author(result: ExtractResult) -> None:
    a = result.article
    assert a is not None
    assert a.credit == "baodienbienphu.info.vn"
    assert a.author is None


def test_seed_body_is_the_two_paragraphs_only(result: ExtractResult) -> None:
    a = result.article
    assert a is not None
    paragraphs = a.body.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Chương trình phối hợp giữa Ban Dân vận Tỉnh ủy")
    assert a.body.endswith("tạo hiệu ứng xã hội tích cực, sức lan tỏa trong cộng đồng.")
    for chrome in (
        "baodienbienphu.info.vn",
        "Gửi cho bạn bè",
        "Phản hồi",
        "Xem nhiều nhất",
        CAPTION[:30],
    ):
        assert chrome not in a.body
    assert a.sapo is None


def test_seed_url_is_canonical_and_category_from_breadcrumb(result: ExtractResult) -> None:
    a = result.article
    assert a is not None
    assert a.url == "https://baodienbienphu.info.vn/Tin-tuc/Chinh-tri/172436/Default.aspx"
    assert a.category == "Chính trị"


def test_seed_text_is_nfc_even_when_the_page_is_decomposed() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", FIXTURE.read_text(encoding="utf-8"))
    a = extract(nfd.encode("utf-8"), URL).article
    assert a is not None
    assert a.title == TITLE
    assert a.published == "2022-07-01"
    assert unicodedata.is_normalized("NFC", a.body)


def test_seed_with_the_papers_definition_gives_the_same_fields(result: ExtractResult) -> None:
    """The source's selectors target today's markup; on the older portal page the other layers
    still give every field, and the URL the definition does not know is still an article."""
    from newsarchive.sources import load_sources

    source = load_sources().get("baodienbienphu")
    if source is None:
        pytest.skip("no baodienbienphu definition in the registry")
    with_source = extract(FIXTURE.read_bytes(), URL, source)
    assert with_source.is_article
    a, b = with_source.article, result.article
    assert a is not None
    assert b is not None
    assert a.source == "baodienbienphu"
    for field in (
        "title",
        "body",
        "sapo",
        "captions",
        "published",
        "date_from",
        "author",
        "credit",
        "category",
    ):
        assert getattr(a, field) == getattr(b, field), field
