"""Extraction behaviours on small pages written for each hard case of Vietnamese provincial
sites."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from newsarchive.extract import extract
from newsarchive.sources import source_from_dict

if TYPE_CHECKING:
    from newsarchive.items import Article

P1 = (
    "Sáng nay, Ủy ban nhân dân huyện Mường Chà tổ chức hội nghị tổng kết chương trình xây dựng "
    "nông thôn mới giai đoạn 2021 - 2025, với sự tham dự của đại diện các xã và hợp tác xã."
)
P2 = (
    "Theo báo cáo, đến nay toàn huyện có 5 xã đạt chuẩn nông thôn mới, thu nhập bình quân đầu "
    "người tăng gần gấp đôi so với đầu nhiệm kỳ, tỷ lệ hộ nghèo giảm còn dưới 20%."
)
P3 = (
    "Phát biểu kết luận, lãnh đạo huyện đề nghị các xã tiếp tục huy động nguồn lực, ưu tiên "
    "làm đường giao thông nội bản và phát triển cây dược liệu dưới tán rừng."
)
TITLE = "Mường Chà tổng kết chương trình xây dựng nông thôn mới"
URL = "https://baomuongcha.example.vn/tin-tuc/kinh-te/mung-cha-tong-ket-nong-thon-moi-2451.html"


def page(body: str, head: str = "", title: str = TITLE) -> str:
    return (
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{title} - Báo Mường Chà</title>{head}</head><body>"
        "<div class='header'><span class='today'>Thứ Sáu, 27/11/2026</span>"
        "<ul class='menu'><li><a href='/'>Trang chủ</a></li><li><a href='/kinh-te'>Kinh "
        "tế</a></li></ul></div>"
        f"<div class='main'>{body}</div>"
        "<div class='footer'><p>Giấy phép số 12/GP-BTTTT ngày 05/01/2021. © 2026 Báo Mường "
        "Chà</p></div>"
        "</body></html>"
    )


def article(html: str, url: str = URL, **kw: object) -> Article:
    result = extract(html.encode("utf-8"), url, **kw)  # type: ignore[arg-type]
    assert result.is_article, result.page_type
    assert result.article is not None
    return result.article


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def test_related_box_inside_the_body_and_inline_ads_are_dropped() -> None:
    html = page(
        f"<h1>{TITLE}</h1><div class='date'>Thứ Năm, 05/03/2024 08:30</div>"
        f"<div class='article-content'><p>{P1}</p>"
        "<div class='box-tinlienquan'><h3>Tin liên quan</h3><ul>"
        "<li><a href='/a-1.html'>Tuần Giáo ra quân làm đường giao thông nông thôn</a> "
        "(02/03/2024)</li>"
        "<li><a href='/a-2.html'>Điện Biên Đông trồng mới 300 ha sơn tra</a> "
        "(28/02/2024)</li></ul></div>"
        f"<p>{P2}</p><div class='ads'><a href='https://quangcao.example.vn'><img "
        f"src='/qc/banner.gif'></a>"
        "<span>Quảng cáo</span></div>"
        f"<p>{P3}</p>"
        "<div class='share'>Chia sẻ <a href='https://facebook.com/sharer'>Facebook</a> <a "
        "href='https://zalo.me/share'>Zalo</a></div>"
        "</div>"
        "<div class='xemnhieu'><h3>Xem nhiều nhất</h3><ul><li><a href='/b-3.html'>Lễ hội Hoa Ban "
        "năm nay có gì mới</a></li></ul></div>"
    )
    a = article(html)
    assert a.body == "\n\n".join([P1, P2, P3])
    assert a.published == "2024-03-05T08:30:00+07:00"
    assert a.date_from == "page"
    assert a.title == TITLE


def test_header_clock_and_related_dates_are_not_the_article_date() -> None:
    html = page(
        "<ul class='other-news'><li><a href='/x-9.html'>Huyện Nậm Pồ khánh thành cầu treo bản Nà "
        "Cang</a>"
        " <span>12/11/2026</span></li></ul>"
        f"<h1>{TITLE}</h1><p class='meta'>Cập nhật lúc 16:20, 14/06/2019</p>"
        f"<div class='detail-content'>{paragraphs(P1, P2)}</div>"
    )
    a = article(html)
    assert a.published == "2019-06-14T16:20:00+07:00"
    assert not a.published.startswith("2026")


def test_meta_date_that_disagrees_with_the_page_loses() -> None:
    head = "<meta property='article:published_time' content='2026-11-27T01:00:00+00:00'>"
    html = page(
        f"<h1>{TITLE}</h1><div class='post-date'>Thứ sáu - 14/06/2019 05:51</div>"
        f"<div class='entry-content'>{paragraphs(P1, P2)}</div>",
        head=head,
    )
    a = article(html)
    assert a.published == "2019-06-14T05:51:00+07:00"
    assert a.date_from == "page"


def test_meta_date_that_agrees_gives_the_time() -> None:
    head = "<meta property='article:published_time' content='2024-02-09T08:00:00Z'>"
    html = page(
        f"<h1>{TITLE}</h1><div class='post-date'>09/02/2024</div>"
        f"<div class='entry-content'>{paragraphs(P1, P2)}</div>",
        head=head,
    )
    a = article(html)
    assert a.published == "2024-02-09T15:00:00+07:00"
    assert a.date_from == "meta"
    assert a.date_raw == "2024-02-09T08:00:00Z"


def test_date_only_in_the_url() -> None:
    html = page(f"<h1>{TITLE}</h1><div class='entry-content'>{paragraphs(P1, P2)}</div>")
    a = article(html, url="https://baomuongcha.example.vn/2023/05/14/nong-thon-moi/")
    assert a.published == "2023-05-14"
    assert a.date_from == "url"


def test_jsonld_graph_person_by_reference_and_organisation_author_rejected() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "@id": "https://x.vn/#org", "name": "Báo Mường Chà"},
            {"@type": "Person", "@id": "https://x.vn/#/person/1", "name": "Lò Thị Hoa"},
            {
                "@type": "NewsArticle",
                "headline": TITLE,
                "datePublished": "2024-04-01T07:15:00+07:00",
                "dateModified": "2024-04-01T09:00:00+07:00",
                "author": {"@id": "https://x.vn/#/person/1"},
                "publisher": {"@id": "https://x.vn/#org"},
                "articleSection": "Kinh tế",
                "keywords": "nông thôn mới, Mường Chà",
            },
        ],
    }
    head = f"<script type='application/ld+json'>{json.dumps(graph, ensure_ascii=False)}</script>"
    html = page(f"<h1>{TITLE}</h1><div class='entry-content'>{paragraphs(P1, P2)}</div>", head=head)
    a = article(html)
    assert a.author == "Lò Thị Hoa"
    assert a.published == "2024-04-01T07:15:00+07:00"
    assert a.date_from == "jsonld"
    assert a.modified == "2024-04-01T09:00:00+07:00"
    assert a.category == "Kinh tế"
    assert a.tags == ["nông thôn mới", "Mường Chà"]

    graph["@graph"][2]["author"] = {"@type": "Organization", "name": "Báo Mường Chà"}  # type: ignore[index]
    head = f"<script type='application/ld+json'>{json.dumps(graph, ensure_ascii=False)}</script>"
    html = page(f"<h1>{TITLE}</h1><div class='entry-content'>{paragraphs(P1, P2)}</div>", head=head)
    assert article(html).author is None


def test_title_from_meta_loses_the_site_name_and_slogan_is_not_a_sapo() -> None:
    head = (
        f"<meta property='og:title' content='{TITLE} | Báo Mường Chà'>"
        "<meta property='og:site_name' content='Báo Mường Chà'>"
        "<meta property='og:description' content='Báo Mường Chà - Tiếng nói của Đảng bộ, chính "
        "quyền và nhân dân'>"
    )
    html = page(f"<div class='entry-content'>{paragraphs(P1, P2, P3)}</div>", head=head)
    a = article(html)
    assert a.title == TITLE
    assert a.sapo is None
    assert a.body.startswith(P1[:40])


def test_captions_figure_table_italic_and_lazy_images() -> None:
    html = page(
        f"<h1>{TITLE}</h1><div class='article-content'>"
        "<figure><img src='data:image/gif;base64,R0lGOD' data-src='/uploads/2024/03/hoi-nghi.jpg'>"
        "<figcaption>Quang cảnh hội nghị. Ảnh: Minh Hà</figcaption></figure>"
        f"<p>{P1}</p>"
        "<table class='image'><tr><td><img src='/uploads/2024/03/duong-ban.jpg'></td></tr>"
        "<tr><td>Đường bê tông về bản Huổi Lếch<br>do người dân hiến đất làm</td></tr></table>"
        f"<p>{P2}</p>"
        "<p style='text-align:center'><img srcset='/u/a-300.jpg 300w, /u/a-800.jpg 800w'></p>"
        "<p style='text-align:center'><em>Vườn sơn tra của gia đình anh Mùa A Chư (Ảnh minh "
        "họa)</em></p>"
        f"<p>{P3}</p></div>"
    )
    a = article(html)
    assert [(c.text, c.image_url, c.credit) for c in a.captions] == [
        (
            "Quang cảnh hội nghị.",
            "https://baomuongcha.example.vn/uploads/2024/03/hoi-nghi.jpg",
            "Ảnh: Minh Hà",
        ),
        (
            "Đường bê tông về bản Huổi Lếch do người dân hiến đất làm",
            "https://baomuongcha.example.vn/uploads/2024/03/duong-ban.jpg",
            None,
        ),
        (
            "Vườn sơn tra của gia đình anh Mùa A Chư",
            "https://baomuongcha.example.vn/u/a-800.jpg",
            "Ảnh minh họa",
        ),
    ]
    assert a.body == "\n\n".join([P1, P2, P3])


@pytest.mark.parametrize(
    ("closing", "author", "credit"),
    [
        (
            "<p style='text-align:right'><strong>Bài, ảnh: Hoàng Châu</strong></p>",
            "Hoàng Châu",
            None,
        ),
        ("<p><strong>Thu Hằng - Quang Long</strong></p>", "Thu Hằng; Quang Long", None),
        ("<p>Theo TTXVN</p>", None, "TTXVN"),
        ("<p style='text-align:right'><b>Nhóm PV</b></p>", "Nhóm PV", None),
        (
            "<p><b>Văn Thành</b></p><p>(baodienbienphu.info.vn)</p>",
            "Văn Thành",
            "baodienbienphu.info.vn",
        ),
    ],
)
def test_closing_bylines_and_credits_leave_the_body(
    closing: str, author: str | None, credit: str | None
) -> None:
    html = page(f"<h1>{TITLE}</h1><div class='detail-content'>{paragraphs(P1, P2)}{closing}</div>")
    a = article(html)
    assert (a.author, a.credit) == (author, credit)
    assert a.body == f"{P1}\n\n{P2}"


def test_outlet_prefix_leaves_the_sapo_and_becomes_the_credit() -> None:
    html = page(
        f"<h1>{TITLE}</h1><div class='sapo'>(BTN) - Ngày 9/2, Tỉnh ủy tổ chức họp mặt "
        "đầu xuân với các cơ quan báo chí trên địa bàn tỉnh.</div>"
        f"<div class='detail-content'>{paragraphs(P1, P2)}</div>"
    )
    a = article(html)
    assert (
        a.sapo
        == "Ngày 9/2, Tỉnh ủy tổ chức họp mặt đầu xuân với các cơ quan báo chí trên địa bàn tỉnh."
    )
    assert a.credit == "BTN"  # as printed, never expanded
    assert a.author is None


def test_bold_first_paragraph_is_the_sapo() -> None:
    lead = (
        "Nhiều xã vùng cao của huyện đã về đích nông thôn mới sớm hơn kế hoạch, đời sống bà con "
        "khởi sắc rõ rệt."
    )
    html = page(
        f"<h1>{TITLE}</h1><div "
        f"class='detail-content'><p><strong>{lead}</strong></p>{paragraphs(P1, P2)}</div>"
    )
    a = article(html)
    assert a.sapo == lead
    assert a.body == f"{P1}\n\n{P2}"


def test_published_and_updated_kept_apart() -> None:
    html = page(
        f"<h1>{TITLE}</h1><div class='meta'><span>Ngày đăng: 01/02/2024 08:00</span>"
        "<span> | Cập nhật: 03/02/2024 09:15</span></div>"
        f"<div class='detail-content'>{paragraphs(P1, P2)}</div>"
    )
    a = article(html)
    assert a.published == "2024-02-01T08:00:00+07:00"
    assert a.modified == "2024-02-03T09:15:00+07:00"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://baomuongcha.example.vn/", "home"),
        ("https://baomuongcha.example.vn/tag/nong-thon-moi/", "tag"),
        ("https://baomuongcha.example.vn/chuyen-muc/kinh-te?page=2", "listing"),
    ],
)
def test_listing_pages_yield_no_article(url: str, kind: str) -> None:
    teasers = "".join(
        f"<div class='item'><h3><a href='/tin-{i}.html'>Tin số {i}: huyện Mường Chà triển khai "
        f"nhiệm vụ mới</a></h3>"
        f"<p>Nội dung tóm tắt của tin số {i}, viết ngắn gọn cho trang chuyên mục.</p></div>"
        for i in range(12)
    )
    result = extract(page(f"<h1>Kinh tế</h1>{teasers}", title="Kinh tế").encode(), url)
    assert not result.is_article
    assert result.page_type == kind


def test_listing_without_url_hints_is_recognised_by_its_teasers() -> None:
    teasers = "".join(
        f"<div class='item'><h3><a href='/tin-{i}.html'>Tin số {i}: huyện Mường Chà triển khai "
        f"nhiệm vụ mới</a></h3>"
        f"<p>Nội dung tóm tắt của tin số {i}, viết ngắn gọn cho trang chuyên mục, đủ dài để giống "
        f"một đoạn văn.</p></div>"
        for i in range(12)
    )
    result = extract(
        page(f"<h1>Kinh tế</h1>{teasers}", title="Kinh tế").encode(), "https://x.vn/kinh-te/"
    )
    assert not result.is_article
    assert result.page_type == "listing"


def test_video_page_is_an_article_with_a_short_body() -> None:
    html = page(
        "<h1>Video: Lễ hội Hoa Ban 2024</h1><div class='date'>15/03/2024</div>"
        "<div class='detail-content'><iframe src='https://www.youtube.com/embed/abc123'></iframe>"
        "<p>Lễ hội Hoa Ban năm nay thu hút hàng nghìn du khách về thành phố Điện Biên "
        "Phủ.</p></div>",
        title="Video: Lễ hội Hoa Ban 2024",
    )
    result = extract(
        html.encode(), "https://baomuongcha.example.vn/video/le-hoi-hoa-ban-2024-3301.html"
    )
    assert result.is_article
    assert result.page_type == "video"
    assert result.article is not None
    assert result.article.body.startswith("Lễ hội Hoa Ban năm nay")


def test_gallery_page() -> None:
    figures = "".join(
        f"<figure><img src='/anh/cho-phien-{i}.jpg'><figcaption>Phiên chợ vùng cao, khoảnh khắc "
        f"{i}. "
        "Ảnh: Vân Khánh</figcaption></figure>"
        for i in range(5)
    )
    html = page(
        f"<h1>Phiên chợ vùng cao</h1><div class='date'>20/09/2025</div>"
        f"<div class='detail-content'><p>Chợ phiên họp vào Chủ nhật hằng tuần.</p>{figures}</div>",
        title="Phiên chợ vùng cao",
    )
    result = extract(
        html.encode(), "https://baomuongcha.example.vn/phong-su-anh/phien-cho-vung-cao-5521.html"
    )
    assert result.page_type == "gallery"
    assert result.article is not None
    assert len(result.article.captions) == 5
    assert all(c.credit == "Ảnh: Vân Khánh" for c in result.article.captions)


def test_source_selectors_come_first_and_are_recorded() -> None:
    source = source_from_dict(
        {
            "id": "baomuongcha",
            "name": "Báo Mường Chà",
            "homepage": "https://baomuongcha.example.vn/",
            "article_url_pattern": r"-\d+\.html$",
            "selectors": {
                "title": ".tieu-de-chinh",
                "body": "#noi-dung",
                "published": ".ngay-dang",
            },
        }
    )
    html = page(
        "<h1>Báo Mường Chà</h1><div class='tieu-de-chinh'>" + TITLE + "</div>"
        "<span class='ngay-dang'>Thứ Hai, 05/03/2024 - 10:15</span>"
        f"<div id='noi-dung'>{paragraphs(P1, P2)}</div><div class='entry-content'><p>{P3}</p></div>"
    )
    result = extract(html.encode(), URL, source)
    assert result.article is not None
    assert result.article.title == TITLE
    assert result.article.body == f"{P1}\n\n{P2}"
    assert result.article.published == "2024-03-05T10:15:00+07:00"
    assert result.provenance["title"] == "selector"
    assert result.provenance["body"] == "selector"
    assert result.provenance["published"] == "selector"
    assert result.article.source == "baomuongcha"


def test_source_url_patterns_decide_listing_pages() -> None:
    source = source_from_dict(
        {
            "id": "baomuongcha",
            "name": "Báo Mường Chà",
            "homepage": "https://baomuongcha.example.vn/",
            "article_url_pattern": r"-\d+\.html$",
            "listing_url_pattern": r"^https://baomuongcha\.example\.vn/[a-z-]+/(?:\?page=\d+)?$",
        }
    )
    html = page(f"<h1>{TITLE}</h1><div class='detail-content'>{paragraphs(P1, P2)}</div>")
    result = extract(html.encode(), "https://baomuongcha.example.vn/kinh-te/?page=3", source)
    assert result.page_type == "listing"
    assert not result.is_article
    # an article at a URL the pattern does not know (print or old path) is still read as one
    odd = extract(
        html.encode(), "https://baomuongcha.example.vn/print/Default.aspx?ItemID=2451", source
    )
    assert odd.is_article


def test_canonical_link_on_the_same_site_wins_and_tracking_is_dropped() -> None:
    head = (
        "<link rel='canonical' href='/tin-tuc/kinh-te/mung-cha-tong-ket-nong-thon-moi-2451.html'>"
    )
    html = page(
        f"<h1>{TITLE}</h1><div class='detail-content'>{paragraphs(P1, P2)}</div>", head=head
    )
    a = article(html, url="https://baomuongcha.example.vn/amp/2451?utm_source=zalo&zarsrc=1")
    assert a.url == URL
    head = "<link rel='canonical' href='https://aggregator.example.com/copy/2451'>"
    html = page(
        f"<h1>{TITLE}</h1><div class='detail-content'>{paragraphs(P1, P2)}</div>", head=head
    )
    assert article(html, url=URL + "?fbclid=abc").url == URL


def test_text_is_nfc_and_whitespace_clean_but_tone_style_kept() -> None:
    import unicodedata

    messy = (
        unicodedata.normalize(
            "NFD", "Hòa   bình\u00a0và  thuỷ\u200b lợi ở bản Nà Tăm được khởi công,"
        )
        + " "
        + P1
    )
    html = page(f"<h1>{TITLE}</h1><div class='detail-content'><p>{messy}</p><p>{P2}</p></div>")
    a = article(html)
    first = a.body.split("\n\n")[0]
    assert first.startswith("Hòa bình và thuỷ lợi ở bản Nà Tăm")  # both tone styles as written
    assert unicodedata.is_normalized("NFC", a.body)
    assert "\u200b" not in a.body
    assert "\u00a0" not in a.body


def test_windows_1258_page_is_decoded() -> None:
    vietnamese = pytest.importorskip("newsarchive.vietnamese")
    text = page(f"<h1>{TITLE}</h1><div class='detail-content'>{paragraphs(P1, P2)}</div>").replace(
        "charset='utf-8'", "charset='windows-1258'"
    )
    raw = vietnamese.encode_legacy(text, "cp1258")
    assert raw != text.encode("utf-8")
    result = extract(raw, URL)
    assert result.article is not None
    assert result.article.title == TITLE
    assert result.article.body == f"{P1}\n\n{P2}"


def test_amp_page_with_amp_img_caption() -> None:
    html = (
        "<!doctype html><html amp lang='vi'><head><meta charset='utf-8'>"
        f"<title>{TITLE}</title><link rel='canonical' href='{URL}'></head><body>"
        f"<header class='amp-header'><a href='/'>Báo Mường "
        f"Chà</a></header><article><h1>{TITLE}</h1>"
        "<time datetime='2024-03-05T08:30:00+07:00'>05/03/2024 08:30</time>"
        "<div class='article-body'><figure><amp-img src='/uploads/2024/03/hoi-nghi.jpg' "
        "width='800' height='533'"
        " layout='responsive'></amp-img><figcaption>Quang cảnh hội nghị. Ảnh: Minh "
        "Hà</figcaption></figure>"
        f"{paragraphs(P1, P2)}</div></article></body></html>"
    )
    a = article(
        html, url="https://baomuongcha.example.vn/amp/mung-cha-tong-ket-nong-thon-moi-2451.html"
    )
    assert a.url == URL
    assert a.title == TITLE
    assert a.published == "2024-03-05T08:30:00+07:00"
    assert a.body == f"{P1}\n\n{P2}"
    assert [(c.text, c.image_url, c.credit) for c in a.captions] == [
        (
            "Quang cảnh hội nghị.",
            "https://baomuongcha.example.vn/uploads/2024/03/hoi-nghi.jpg",
            "Ảnh: Minh Hà",
        )
    ]


def test_broken_selectors_in_a_definition_fall_back_to_the_other_layers(
    caplog: pytest.LogCaptureFixture,
) -> None:
    source = source_from_dict(
        {
            "id": "baomuongcha",
            "name": "Báo Mường Chà",
            "homepage": "https://baomuongcha.example.vn/",
            "selectors": {"title": "h1[[", "body": "//div[@class=", "published": ".khong-co"},
        }
    )
    html = page(
        f"<h1>{TITLE}</h1><div class='date'>Thứ Năm, 05/03/2024</div><div "
        f"class='detail-content'>{paragraphs(P1, P2)}</div>"
    )
    result = extract(html.encode(), URL, source)
    assert result.article is not None
    assert result.article.title == TITLE
    assert result.article.body == f"{P1}\n\n{P2}"
    assert result.article.published == "2024-03-05"
    assert "selector" not in result.provenance.values()
    assert any("selector" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("selector", ["td.chu-thich", "table.anh"])
def test_caption_selector_names_the_caption_or_its_block(selector: str) -> None:
    source = source_from_dict(
        {
            "id": "baomuongcha",
            "name": "Báo Mường Chà",
            "homepage": "https://baomuongcha.example.vn/",
            "selectors": {"captions": selector},
        }
    )
    html = page(
        f"<h1>{TITLE}</h1><div class='detail-content'><p>{P1}</p>"
        "<table class='anh'><tr><td><img src='/anh/cau-treo.jpg'></td></tr>"
        "<tr><td class='chu-thich'>Cầu treo bản Nà Cang<br>trong ngày khánh thành (Ảnh: Lò "
        "Hoa)</td></tr></table>"
        f"<p>{P2}</p></div>"
    )
    result = extract(html.encode(), URL, source)
    assert result.article is not None
    assert [(c.text, c.image_url, c.credit) for c in result.article.captions] == [
        (
            "Cầu treo bản Nà Cang trong ngày khánh thành",
            "https://baomuongcha.example.vn/anh/cau-treo.jpg",
            "Ảnh: Lò Hoa",
        )
    ]
    assert result.provenance["captions"] == "selector"
    assert result.article.body == f"{P1}\n\n{P2}"


def test_vnexpress_style_layout() -> None:
    html = (
        "<html lang='vi'><head><meta charset='utf-8'><title>Hà Giang mở rộng vùng chè Shan tuyết "
        "- VnE</title>"
        "<meta property='og:site_name' content='VnE'></head><body>"
        "<div class='header-content'><span class='time-now'>Thứ sáu, 27/11/2026</span></div>"
        "<section class='sidebar_1'><span class='date'>Thứ ba, 12/3/2024, 07:15 (GMT+7)</span>"
        "<h1 class='title-detail'>Hà Giang mở rộng vùng chè Shan tuyết</h1>"
        "<p class='description'>Nông dân vùng cao trồng mới hơn 300 ha chè Shan tuyết, chú trọng "
        "chế biến "
        "để nâng giá trị sản phẩm.</p>"
        f"<article class='fck_detail'><p class='Normal'>{P1}</p><p class='Normal'>{P2}</p>"
        "<p class='Normal' style='text-align:right;'><strong>Minh Hà</strong></p></article>"
        "<div class='box-tinlienquanv2'><article class='item-news'><h4><a href='/a-1.html'>"
        "Chè cổ thụ Suối Giàng vào vụ thu hoạch</a></h4></article></div></section></body></html>"
    )
    a = article(
        html, url="https://vne.example.vn/ha-giang-mo-rong-vung-che-shan-tuyet-4721001.html"
    )
    assert a.title == "Hà Giang mở rộng vùng chè Shan tuyết"
    assert a.sapo
    assert a.sapo.startswith("Nông dân vùng cao trồng mới")
    assert a.body == f"{P1}\n\n{P2}"
    assert a.author == "Minh Hà"
    assert a.published == "2024-03-12T07:15:00+07:00"


def test_dantri_style_layout_with_lead_prefix_and_source_line() -> None:
    html = (
        "<html lang='vi'><head><meta charset='utf-8'><title>Lai Châu: Khánh thành cầu treo bản Mồ "
        "Sì San | DT</title>"
        "</head><body><header><time>Thứ Sáu, 27/11/2026</time></header><main><article "
        "class='singular-container'>"
        "<h1 class='title-page detail'>Lai Châu: Khánh thành cầu treo bản Mồ Sì San</h1>"
        "<div class='author-wrap'><div class='author-name'><a href='/tac-gia/lo-hoa.htm'><b>Lò "
        "Hoa</b></a></div>"
        "<time class='author-time' datetime='2023-09-20 10:05'>Thứ tư, 20/09/2023 - "
        "10:05</time></div>"
        "<h2 class='singular-sapo'>(Dân trí) - Cây cầu treo dài 80 m giúp hơn 100 hộ dân bản Mồ "
        "Sì San đi lại "
        "an toàn trong mùa mưa lũ.</h2>"
        f"<div class='singular-content'>{paragraphs(P1, P2)}<p>Theo TTXVN</p></div>"
        "<div class='article-tags'><a href='/tag/cau-treo.htm'>cầu treo</a><a "
        "href='/tag/lai-chau.htm'>Lai Châu</a></div>"
        "</article></main></body></html>"
    )
    a = article(
        html,
        url="https://dt.example.vn/xa-hoi/khanh-thanh-cau-treo-ban-mo-si-san-20230920100500123.htm",
    )
    assert a.title == "Lai Châu: Khánh thành cầu treo bản Mồ Sì San"
    assert a.sapo == (
        "Cây cầu treo dài 80 m giúp hơn 100 hộ dân bản Mồ Sì San đi lại an toàn trong mùa mưa lũ."
    )
    assert a.credit == "Dân trí"
    assert a.author == "Lò Hoa"
    assert a.published == "2023-09-20T10:05:00+07:00"
    assert a.body == f"{P1}\n\n{P2}"
    assert a.tags == ["cầu treo", "Lai Châu"]
