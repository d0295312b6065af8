"""The cases of issue 12 that unseen pages show and the project's own pages did not, each on a
small page written for it in one of the markup families of the registry evidence.

Every page is extracted twice: as written, and with every class and id token renamed (a reader
sees no difference), because names are hints, never the only evidence.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import TYPE_CHECKING

import pytest

from newsarchive.extract import extract

if TYPE_CHECKING:
    from collections.abc import Mapping

    from newsarchive.items import Article, ExtractResult
    from newsarchive.sources import Source

P1 = (
    "Sáng 14/3, tại xã Quảng Khê, Ủy ban nhân dân huyện tổ chức lễ ra quân trồng rừng đầu năm "
    "với sự tham gia của hơn 500 đoàn viên thanh niên, bộ đội biên phòng và người dân địa phương."
)
P2 = (
    "Theo kế hoạch, năm nay huyện trồng mới 1.200 ha rừng sản xuất, chủ yếu là keo lai và quế, "
    "đồng thời chăm sóc, bảo vệ hơn 8.000 ha rừng phòng hộ đầu nguồn."
)
P3 = (
    "Phát biểu tại buổi lễ, Chủ tịch UBND huyện đề nghị các xã chuẩn bị tốt cây giống, hướng dẫn "
    "bà con trồng đúng kỹ thuật và gắn trồng rừng với phát triển kinh tế hộ gia đình."
)
LEAD = (
    "Hưởng ứng Tết trồng cây, huyện vùng cao đặt mục tiêu nâng tỷ lệ che phủ rừng lên 72% "
    "vào cuối năm, gắn với phát triển vùng nguyên liệu gỗ lớn."
)
TITLE = "Huyện vùng cao ra quân trồng 1.200 ha rừng"
BODY = f"{P1}\n\n{P2}\n\n{P3}"
URL = "https://baosongcau.example.vn/ra-quan-trong-rung-dau-nam-post48213.html"

MENU = (
    "<ul><li><a href='/'>Trang chủ</a></li><li><a href='/thoi-su'>Thời sự</a></li>"
    "<li><a href='/kinh-te'>Kinh tế</a></li><li><a href='/xa-hoi'>Xã hội</a></li>"
    "<li><a href='/van-hoa'>Văn hóa</a></li><li><a href='/the-thao'>Thể thao</a></li></ul>"
)
RELATED = (
    "<div class='box-related'><h3>Tin cùng chuyên mục</h3><ul>"
    "<li><a href='/a-48100.html'>Nông dân thu hoạch vụ quế sớm nhờ giá tăng</a></li>"
    "<li><a href='/a-48099.html'>Ra mắt hợp tác xã chế biến gỗ rừng trồng đầu tiên</a></li>"
    "<li><a href='/a-48098.html'>Xã biên giới khánh thành nhà văn hóa cộng đồng</a></li></ul></div>"
)
FOOTER = (
    "<div class='footer'><p>Báo Sông Cầu điện tử - Cơ quan của Đảng bộ tỉnh.</p>"
    "<p>Giấy phép số 56/GP-BTTTT cấp ngày 17/10/2025. Tổng biên tập: Nguyễn Văn Bình.</p>"
    "<p>© Bản quyền thuộc Báo Sông Cầu.</p></div>"
)


def portal(main: str, head: str = "", title: str = f"{TITLE} - Báo Sông Cầu") -> str:
    """A provincial paper's page: menu and today's date in the header, related box, footer."""
    return (
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{title}</title>{head}</head><body>"
        "<div class='top-header'><span class='current-date'>Thứ Hai, 07/12/2026</span>"
        "<a class='logo' href='/'><img src='/img/logo.png' alt='Báo Sông Cầu'></a></div>"
        f"<div class='main-menu'>{MENU}</div>"
        f"<div class='container'><div class='col-main'>{main}</div>"
        f"<div class='col-side'>{RELATED}</div></div>{FOOTER}</body></html>"
    )


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def renamed(html: str) -> str:
    """Every class and id token replaced by a meaningless one, the same token the same way."""

    def token(t: str) -> str:
        return "k" + hashlib.sha1(t.encode()).hexdigest()[:7]

    def attr(m: re.Match[str]) -> str:
        name, quote, value = m.group(1), m.group(2), m.group(3)
        return f"{name}={quote}{' '.join(token(t) for t in value.split())}{quote}"

    return re.sub(r"\b(class|id)=(['\"])(.*?)\2", attr, html)


MARKUP = pytest.mark.parametrize("markup", ["as written", "renamed"])


def run(html: str, markup: str, url: str = URL) -> ExtractResult:
    if markup == "renamed":
        html = renamed(html)
    return extract(html.encode("utf-8"), url)


def article(html: str, markup: str, url: str = URL) -> Article:
    result = run(html, markup, url)
    assert result.is_article, result.page_type
    assert result.article is not None
    return result.article


def ld(data: Mapping[str, object]) -> str:
    return f"<script type='application/ld+json'>{json.dumps(data, ensure_ascii=False)}</script>"


def test_renaming_changes_every_name_and_nothing_else() -> None:
    html = "<div class='a b' id='c'><p class='a'>x</p></div>"
    out = renamed(html)
    assert "'a" not in out
    assert out.count(renamed("<i class='a'>")[10:18]) == 2
    assert re.sub(r"k[0-9a-f]{7}", "", out) == "<div class=' ' id=''><p class=''>x</p></div>"


# ------------------------------------------------------------------ 1. outlet as author


@MARKUP
def test_jsonld_author_that_is_an_outlet_is_the_credit(markup: str) -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": TITLE,
        "datePublished": "2024-03-14T09:20:00+07:00",
        "author": {"@type": "Person", "name": "Dân trí"},
    }
    html = portal(
        f"<h1 class='article__title cms-title'>{TITLE}</h1>"
        "<div class='article__meta'><time datetime='2024-03-14T09:20:00+07:00'>14/03/2024 "
        "09:20</time></div>"
        f"<div class='article__body zce-content-body cms-body'>{paragraphs(P1, P2, P3)}</div>"
        "<div class='detail-source'><span>Theo Dân trí</span></div>",
        head=ld(data),
    )
    a = article(html, markup)
    assert a.credit == "Dân trí"
    assert a.author is None
    assert a.body == BODY


@MARKUP
def test_outlet_named_author_with_a_source_line(markup: str) -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": TITLE,
        "datePublished": "2024-03-14T09:20:00+07:00",
        "author": "Báo Bắc Kạn",
    }
    html = portal(
        f"<h1 class='name'>{TITLE}</h1><div class='date font5'>14/03/2024 | 09:20</div>"
        f"<div id='content-detail'>{paragraphs(P1, P2, P3)}"
        "<p style='text-align:right'><em>Nguồn: Báo Bắc Kạn</em></p></div>",
        head=ld(data),
    )
    a = article(html, markup)
    assert a.credit == "Báo Bắc Kạn"
    assert a.author is None
    assert a.body == BODY


@MARKUP
def test_the_papers_own_name_as_jsonld_author_is_neither_author_nor_credit(markup: str) -> None:
    data = {
        "@type": "NewsArticle",
        "headline": TITLE,
        "author": "Báo Sông Cầu",
        "datePublished": "2024-03-14T09:20:00+07:00",
    }
    html = portal(
        f"<h1>{TITLE}</h1><div class='meta'>14/03/2024 09:20</div>"
        f"<div class='detail-content'>{paragraphs(P1, P2, P3)}</div>",
        head=ld(data),
    )
    a = article(html, markup)
    assert (a.author, a.credit) == (None, None)


@MARKUP
@pytest.mark.parametrize(
    ("closing", "author", "credit"),
    [
        (
            "<p><strong>Minh Châu</strong></p><p><em>Theo báo Nhân Dân</em></p>",
            "Minh Châu",
            "báo Nhân Dân",
        ),
        ("<p style='text-align:right'><b>Theo VOV</b></p>", None, "VOV"),
        ("<p>Theo Báo Quảng Ninh</p>", None, "Báo Quảng Ninh"),
        ("<div class='source'>Nguồn: baoquangninh.vn</div>", None, "baoquangninh.vn"),
    ],
)
def test_reprint_lines_closing_the_body_are_the_credit(
    markup: str, closing: str, author: str | None, credit: str
) -> None:
    html = portal(
        f"<h1>{TITLE}</h1><span class='pubdate'>14/03/2024 - 09:20</span>"
        f"<div id='newscontents'><div "
        f"class='content-fck'>{paragraphs(P1, P2, P3)}{closing}</div></div>"
    )
    a = article(html, markup)
    assert (a.author, a.credit) == (author, credit)
    assert a.body == BODY


# ------------------------------------------------------------------ 2. lead tags


@MARKUP
@pytest.mark.parametrize("tag", ["Dân trí", "VTC News", "CTO", "NLĐO"])
def test_lead_tag_in_its_own_bold_span_is_the_credit_as_printed(markup: str, tag: str) -> None:
    html = portal(
        f"<h1 class='title-detail'>{TITLE}</h1><div class='date-time'>14/03/2024 09:20</div>"
        f"<h2 class='sapo'><span class='tag-source'><b>({tag})</b></span> - {LEAD}</h2>"
        f"<div class='detail-content'>{paragraphs(P1, P2, P3)}</div>"
    )
    a = article(html, markup)
    assert a.credit == tag
    assert a.sapo == LEAD
    assert a.body == BODY


@MARKUP
def test_lead_tag_opening_the_first_paragraph(markup: str) -> None:
    html = portal(
        f"<h1>{TITLE}</h1><div class='meta'>14/03/2024 09:20</div>"
        f"<div class='b-maincontent'><div class='entry'><p><strong>(NLĐO)-</strong> {LEAD}</p>"
        f"{paragraphs(P1, P2, P3)}</div></div>"
    )
    a = article(html, markup)
    assert a.credit == "NLĐO"
    assert "NLĐO" not in (a.sapo or "") + a.body
    assert f"{a.sapo or ''}\n\n{a.body}".strip() == f"{LEAD}\n\n{BODY}"


# ------------------------------------------------------------------ 3. bylines


@MARKUP
def test_theo_is_stripped_from_author_meta(markup: str) -> None:
    head = "<meta name='author' content='Theo Hồ Hương'>"
    html = portal(
        f"<h1>{TITLE}</h1><div class='date'>14/03/2024 09:20</div>"
        f"<div class='post-content'>{paragraphs(P1, P2, P3)}</div>",
        head=head,
    )
    a = article(html, markup)
    assert a.author == "Hồ Hương"
    assert a.credit is None


@MARKUP
def test_bold_name_with_tong_hop_is_the_author(markup: str) -> None:
    html = portal(
        f"<h1>{TITLE}</h1><div class='date'>14/03/2024 09:20</div>"
        f"<div id='dcontent'>{paragraphs(P1, P2, P3)}<p><strong>Minh Anh</strong> (tổng "
        f"hợp)</p></div>"
    )
    a = article(html, markup)
    assert a.author == "Minh Anh"
    assert a.body == BODY


@MARKUP
def test_header_byline_marked_by_data_role(markup: str) -> None:
    html = portal(
        f"<h1 class='text-2xl font-bold'>{TITLE}</h1>"
        "<div class='flex gap-2 text-sm'><span data-role='author'>Lê Thu Hà</span>"
        "<span>14/03/2024 09:20</span></div>"
        f"<div id='editor-detail'>{paragraphs(P1, P2, P3)}</div>"
    )
    a = article(html, markup)
    assert a.author == "Lê Thu Hà"
    assert a.body == BODY


@MARKUP
def test_tin_anh_closing_byline(markup: str) -> None:
    html = portal(
        f"<h1>{TITLE}</h1><div class='date'>14/03/2024 09:20</div>"
        f"<div class='td-post-content'>{paragraphs(P1, P2, P3)}"
        "<p style='text-align: right;'><strong>Tin, ảnh: P.Y</strong></p></div>"
    )
    a = article(html, markup)
    assert a.author == "P.Y"
    assert a.body == BODY


@MARKUP
def test_html_entities_inside_jsonld_strings_are_decoded(markup: str) -> None:
    head = (
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle", '
        '"headline": "Huy&#7879;n v&ugrave;ng cao ra qu&acirc;n tr&#7891;ng 1.200 ha r&#7915;ng", '
        '"datePublished": "2024-03-14T09:20:00+07:00", '
        '"author": {"@type": "Person", "name": "Nguy&#7877;n Nh&#7853;t Minh"}}</script>'
    )
    html = portal(f"<div class='article-body'>{paragraphs(P1, P2, P3)}</div>", head=head)
    a = article(html, markup)
    assert a.author == "Nguyễn Nhật Minh"
    assert a.title == TITLE


# ------------------------------------------------------------------ 4. dates


@MARKUP
def test_portal_header_date_and_footer_licence_date_are_never_taken(markup: str) -> None:
    html = portal(
        f"<h1>{TITLE}</h1>"
        f"<div class='noidung'>{paragraphs(P1, P2, P3)}</div>"
        "<div class='ngaydang'>Ngày đăng: 14/03/2024</div>"
    )
    a = article(html, markup)
    assert a.published == "2024-03-14"


@MARKUP
def test_no_visible_date_gives_no_date_rather_than_header_or_licence(markup: str) -> None:
    html = portal(f"<h1>{TITLE}</h1><div class='noidung'>{paragraphs(P1, P2, P3)}</div>")
    a = article(html, markup, url="https://baosongcau.example.vn/tin-tuc/ra-quan-trong-rung")
    assert a.published is None


@MARKUP
def test_jsonld_with_a_wrong_offset_is_outvoted(markup: str) -> None:
    head = (
        ld(
            {
                "@type": "NewsArticle",
                "headline": TITLE,
                "datePublished": "2024-03-14T09:20:00+08:00",
            }
        )
        + "<meta property='article:published_time' content='2024-03-14T09:20:00+07:00'>"
        + "<meta itemprop='datePublished' content='2024-03-14T09:20:00+07:00'>"
    )
    html = portal(
        f"<h1>{TITLE}</h1><div class='time'>Thứ Năm, 14/03/2024, 09:20 (GMT+7)</div>"
        f"<div class='detail__content'>{paragraphs(P1, P2, P3)}</div>",
        head=head,
    )
    a = article(html, markup)
    assert a.published == "2024-03-14T09:20:00+07:00"


@MARKUP
@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("14/03/2024 01:39 PM", "2024-03-14T13:39:00+07:00"),
        ("Thứ năm, 14/03/2024 - 01:39 PM", "2024-03-14T13:39:00+07:00"),
        ("01:39 PM, 14/03/2024", "2024-03-14T13:39:00+07:00"),
        ("14/03/2024 | 12:05 AM", "2024-03-14T00:05:00+07:00"),
        ("Cập nhật lúc 09:05 SA ngày 14/03/2024", "2024-03-14T09:05:00+07:00"),
    ],
)
def test_twelve_hour_clocks(markup: str, line: str, want: str) -> None:
    html = portal(
        f"<h1>{TITLE}</h1><div class='post-date'>{line}</div>"
        f"<div class='entry-content'>{paragraphs(P1, P2, P3)}</div>"
    )
    assert article(html, markup).published == want


# ------------------------------------------------------------------ 5. titles


@MARKUP
def test_generic_portal_title_loses_to_the_visible_headline(markup: str) -> None:
    head = "<meta property='og:title' content='Tin tức - Cổng thông tin điện tử tỉnh Sông Cầu'>"
    html = portal(
        f"<div class='news-detail'><h1 class='title'>{TITLE}</h1><div class='date'>14/03/2024</div>"
        f"{paragraphs(P1, P2, P3)}</div>",
        head=head,
        title="Tin tức - Cổng thông tin điện tử tỉnh Sông Cầu",
    )
    a = article(html, markup)
    assert a.title == TITLE


@MARKUP
def test_visible_headline_wins_over_a_different_seo_title(markup: str) -> None:
    seo = "Trồng rừng 2024: huyện vùng cao ra quân, mục tiêu 1.200 ha keo và quế"
    head = f"<meta property='og:title' content='{seo}'>" + ld(
        {"@type": "NewsArticle", "headline": seo}
    )
    html = portal(
        f"<h1 class='pTitle'>{TITLE}</h1><p class='pHead'>{LEAD}</p><div "
        f"class='date'>14/03/2024</div>"
        f"<div id='dcontent'>{paragraphs(P1, P2, P3)}</div>",
        head=head,
        title=seo,
    )
    a = article(html, markup)
    assert a.title == TITLE


# ------------------------------------------------------------------ 6. captions


@MARKUP
def test_one_caption_beside_a_group_of_photos(markup: str) -> None:
    html = portal(
        f"<h1>{TITLE}</h1><div class='date'>14/03/2024</div><div class='content-detail'><p>{P1}</p>"
        "<p><img src='/img/2024/03/trong-rung-1.jpg'></p><p><img "
        "src='/img/2024/03/trong-rung-2.jpg'></p>"
        "<p><img src='/img/2024/03/trong-rung-3.jpg'></p>"
        "<p style='text-align:center'><em>Đoàn viên thanh niên trồng keo trên đồi Pò Mản. Ảnh: "
        "Thu Trang</em></p>"
        f"{paragraphs(P2, P3)}</div>"
    )
    a = article(html, markup)
    assert [(c.text, c.credit) for c in a.captions] == [
        ("Đoàn viên thanh niên trồng keo trên đồi Pò Mản.", "Ảnh: Thu Trang")
    ]
    assert a.body == BODY


@MARKUP
def test_caption_beside_a_row_of_figures(markup: str) -> None:
    html = portal(
        f"<h1>{TITLE}</h1><div class='date'>14/03/2024</div><div "
        f"class='singular-content'><p>{P1}</p>"
        "<div class='photo-row'><figure><img src='/img/a.jpg'></figure><figure><img "
        "src='/img/b.jpg'></figure></div>"
        "<p class='img-note' style='text-align: center;'>Cây giống được vận chuyển lên đồi (trái) "
        "và trồng theo hàng (phải).</p>"
        f"{paragraphs(P2, P3)}</div>"
    )
    a = article(html, markup)
    assert [(c.text, c.credit) for c in a.captions] == [
        ("Cây giống được vận chuyển lên đồi (trái) và trồng theo hàng (phải).", None)
    ]
    assert a.body == BODY


@MARKUP
def test_caption_under_a_table_row_of_photos(markup: str) -> None:
    """Photos laid out in a one-row table, the caption a line after the table: one caption, and
    the row's other photos are kept as photos."""
    row = "".join(f"<td><img src='/img/2024/03/trong-rung-{i}.jpg'></td>" for i in (1, 2, 3))
    html = portal(
        f"<h1>{TITLE}</h1><div class='date'>14/03/2024</div><div class='content-detail'><p>{P1}</p>"
        f"<table class='image-group'><tr>{row}</tr></table>"
        "<p class='image-group-note'><em>Đoàn viên thanh niên trồng keo trên đồi Pò Mản. Ảnh: "
        "Thu Trang</em></p>"
        f"{paragraphs(P2, P3)}</div>"
    )
    a = article(html, markup)
    assert [(c.text, c.credit, c.image_url) for c in a.captions] == [
        ("Đoàn viên thanh niên trồng keo trên đồi Pò Mản.", "Ảnh: Thu Trang",
         "https://baosongcau.example.vn/img/2024/03/trong-rung-1.jpg")
    ]
    assert a.photos == [f"https://baosongcau.example.vn/img/2024/03/trong-rung-{i}.jpg"
                        for i in (2, 3)]
    assert a.body == BODY


@MARKUP
def test_illustration_note_alone_is_a_caption(markup: str) -> None:
    html = portal(
        f"<h1>{TITLE}</h1><div class='date'>14/03/2024</div><div "
        f"class='article-content'><p>{P1}</p>"
        "<figure class='image'><img src='/img/rung.jpg'><figcaption>Ảnh minh "
        "hoạ</figcaption></figure>"
        f"{paragraphs(P2)}<p><img src='/img/que.jpg'></p><p><em>Ảnh minh "
        f"họa</em></p>{paragraphs(P3)}</div>"
    )
    a = article(html, markup)
    assert [(c.text, c.credit) for c in a.captions] == [
        (None, "Ảnh minh hoạ"),
        (None, "Ảnh minh họa"),
    ]
    assert a.body == BODY


@MARKUP
def test_photo_credit_inside_a_caption_is_split_off_once(markup: str) -> None:
    html = portal(
        f"<h1>{TITLE}</h1><div class='date'>14/03/2024</div><div "
        f"class='article-content'><p>{P1}</p>"
        "<figure><img src='/img/rung.jpg'><figcaption><p>Rừng keo ở xã Quảng Khê.</p>"
        "<p class='author'>Ảnh: Hồng Nhung</p></figcaption></figure>"
        "<table class='image'><tr><td><img src='/img/que.jpg'></td></tr>"
        "<tr><td class='caption'>Người dân bóc vỏ quế <em>(Ảnh: Văn Long)</em></td></tr></table>"
        f"{paragraphs(P2, P3)}</div>"
    )
    a = article(html, markup)
    assert [(c.text, c.credit) for c in a.captions] == [
        ("Rừng keo ở xã Quảng Khê.", "Ảnh: Hồng Nhung"),
        ("Người dân bóc vỏ quế", "Ảnh: Văn Long"),
    ]
    assert a.body == BODY


# ------------------------------------------------------------------ 7. page type


@MARKUP
def test_listing_that_declares_og_type_article_is_not_an_article(markup: str) -> None:
    teasers = "".join(
        f"<article class='story'><a class='cms-link' href='/tin-{i}-post4{i:04d}.html'><img "
        f"src='/t/{i}.jpg'></a>"
        f"<h3 class='story__heading'><a class='cms-link' href='/tin-{i}-post4{i:04d}.html'>Tin "
        f"thời sự số {i}: "
        "tỉnh triển khai nhiệm vụ trọng tâm tháng Ba</a></h3>"
        f"<div class='story__summary'>Tóm tắt ngắn của tin số {i} về hoạt động của các sở, ngành "
        f"trong tỉnh "
        "những ngày đầu tháng.</div></article>"
        for i in range(15)
    )
    head = "<meta property='og:type' content='article'><meta property='og:title' content='Thời sự'>"
    html = portal(
        f"<h1 class='cate-title'>Thời sự</h1>{teasers}", head=head, title="Thời sự - Báo Sông Cầu"
    )
    result = run(html, markup, url="https://baosongcau.example.vn/thoi-su/")
    assert not result.is_article
    assert result.page_type == "listing"


@MARKUP
def test_no_article_with_an_empty_body_and_no_date(markup: str) -> None:
    html = portal(
        f"<h1>{TITLE}</h1><div class='content-detail'><p><img src='/img/banner-2024.jpg'></p></div>"
    )
    result = run(html, markup, url="https://baosongcau.example.vn/ra-quan-trong-rung")
    assert not result.is_article


@MARKUP
def test_page_typed_video_still_returns_its_text(markup: str) -> None:
    head = "<meta property='og:type' content='video.other'>"
    html = portal(
        f"<h1>{TITLE}</h1><div class='date'>14/03/2024 09:20</div>"
        "<div class='video-player'><video src='/media/trong-rung.mp4' controls></video></div>"
        f"<div class='video-desc'>{paragraphs(P1, P2, P3)}</div>",
        head=head,
    )
    result = run(
        html, markup, url="https://baosongcau.example.vn/video/ra-quan-trong-rung-48213.html"
    )
    assert result.is_article
    assert result.article is not None
    assert result.article.body == BODY


def test_a_document_closed_early_is_read_whole() -> None:
    """Some portals close <html> before their head and body: libxml2 would stop there."""
    html = portal(
        f"<h1>{TITLE}</h1><div class='date'>14/03/2024 09:20</div>"
        f"<div class='detail-content'>{paragraphs(P1, P2, P3)}</div>"
    ).replace("<html lang='vi'>", "<html lang='vi'><!-- portal v3 --></html>", 1)
    a = article(html, "as written")
    assert a.title == TITLE
    assert a.body == BODY


# ------------------------------------------------------------------ found after the first round


@MARKUP
def test_a_lead_printed_as_a_heading_opening_the_text(markup: str) -> None:
    """Dân trí, Tuổi Trẻ and Thanh Niên print the sapo as an <h2> opening the article text;
    renamed, only its place and its full stop say it is the lead."""
    html = portal(
        f"<h1>{TITLE}</h1><div class='date'>14/03/2024 09:20</div>"
        f"<div id='content-detail'><h2 class='sapo'>{LEAD}</h2>{paragraphs(P1, P2, P3)}</div>"
    )
    a = article(html, markup)
    assert a.sapo == LEAD
    assert a.body == BODY


@MARKUP
def test_a_section_heading_opening_the_text_is_not_the_lead(markup: str) -> None:
    section = "Nỗ lực của lực lượng vũ trang và thanh niên tình nguyện vùng biên giới"
    html = portal(
        f"<h1>{TITLE}</h1><div class='date'>14/03/2024 09:20</div>"
        f"<div id='content-detail'><h2>{section}</h2>{paragraphs(P1, P2, P3)}</div>"
    )
    a = article(html, markup)
    assert a.sapo != section


def _defined(**fields: object) -> Source:
    from newsarchive.sources import source_from_dict

    return source_from_dict({"id": "baosongcau", "name": "Báo Sông Cầu",
                             "homepage": "https://baosongcau.example.vn/", **fields})


def test_a_byline_inside_a_block_the_definition_removes_is_still_the_author() -> None:
    """A definition copied from another crawler removes the right-aligned signature box with the
    rest of the clutter; the body loses it, the author does not."""
    source = _defined(selectors={"body": "div.fulltext", "remove": ".text-end, .audio"})
    html = portal(
        f"<h1>{TITLE}</h1><div class='date'>14/03/2024 09:20</div>"
        f"<div class='fulltext'><div class='audio'>Nghe bài viết</div>{paragraphs(P1, P2, P3)}"
        "<p class='text-end'><em>Tin, ảnh: Lò Hương</em></p></div>"
    )
    result = extract(html.encode("utf-8"), URL, source)
    assert result.article is not None
    assert result.article.author == "Lò Hương"
    assert result.article.body == BODY


def test_a_definitions_body_box_on_a_topic_listing_does_not_make_it_an_article() -> None:
    """One content box serves articles and topic pages; on a URL the article pattern does not
    claim, the teasers inside the selected box make it a listing."""
    source = _defined(article_url_pattern=r"-\d+\.html$",
                      selectors={"body": "div.b-maincontent"})
    teasers = "".join(
        f"<div class='b-grid'><h3><a href='https://baosongcau.example.vn/tin-so-{i}-4821{i}.html'>"
        f"Kỳ họp thứ {30 + i} thông qua các nghị quyết về kinh tế - xã hội</a></h3>"
        f"<div>Đại biểu thảo luận về ngân sách và đầu tư công trong phiên họp thứ {i}.</div>"
        f"<span>{10 + i}/12/2025</span></div>"
        for i in range(5)
    )
    head = "<meta property='og:type' content='article'>"  # as topic pages declare too
    html = portal(f"<h1>Kỳ họp HĐND tỉnh</h1><div class='b-maincontent'>{teasers}</div>",
                  head=head, title="Kỳ họp HĐND tỉnh - Báo Sông Cầu")
    result = extract(html.encode("utf-8"),
                     "https://baosongcau.example.vn/ky-hop-hdnd-tinh-event2301.html", source)
    assert not result.is_article
    assert result.page_type == "listing"
    as_article = extract(html.encode("utf-8"), "https://baosongcau.example.vn/tin-so-1-48211.html",
                         source)
    assert as_article.page_type != "listing"  # the article pattern still decides for its URLs
