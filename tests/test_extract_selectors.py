"""The page's selector index must answer a source definition's CSS exactly as XPath does."""

from __future__ import annotations

from typing import Any

import pytest

from newsarchive.extract.cssindex import SelectorIndex
from newsarchive.extract.select import select
from newsarchive.extract.tree import parse_html, prepare_tree

PAGE = """<!doctype html><html lang="vi">
<head><title>Lúa mùa Điện Biên - Báo Điện Biên Phủ</title></head><body>
<div class="breadcrumb"><a href="/">Trang chủ</a> <a href="/kinh-te">Kinh tế</a>
<span>›</span><a href="/kinh-te/nong-nghiep">Nông nghiệp</a><em>mới</em></div>
<div id="main" class="wrap  main&#9;col"><table class="title image">
<tr><td class="title"><h1>Lúa mùa được mùa</h1></td>
<td class="date">Thứ Hai, 07/10/2024 08:15</td></tr></table>
<div id="ctl00_ContentPlaceHolder1_divContent" class="content">
<p class="sapo lead">Vụ mùa năm nay, nông dân huyện Điện Biên thu hoạch hơn 4.000 ha lúa.</p>
<p>Năng suất bình quân đạt 62 tạ/ha, cao hơn năm trước.</p>
<table class="image"><tr><td><img src="/a.jpg"></td></tr>
<tr><td class="caption">Thu hoạch lúa ở xã Thanh An.</td></tr></table>
<div class="ads">Quảng cáo</div><div class="tinlienquan"><a href="/x">Tin liên quan</a></div>
<p style="text-align: right"><strong>Minh Hà</strong></p>
<div class="content"><p class="sapo">Đoạn lồng trong khung nội dung.</p></div>
</div>
<ul class="breadcrumbs tags"><li><a href="/news/tag/lua-mua"><em>lúa mùa</em></a></li>
<li><a rel="tag nofollow" href="/news/tag/dien-bien"><em>Điện Biên</em></a></li></ul>
<time class="entry-date updated" datetime="2024-10-07T08:15:00+07:00">07/10/2024</time>
<span class="h5&#160;x">không tách ở dấu cách không ngắt</span>
</div></body></html>"""

SELECTORS = [
    "td.title h1",
    "td.date",
    "p.sapo",
    ".sapo",
    ".content .sapo",
    ".content > .sapo",
    "#main .content p",
    "#ctl00_ContentPlaceHolder1_divContent",
    "#ctl00_ContentPlaceHolder1_divContent table.image td.caption",
    '#ctl00_ContentPlaceHolder1_divContent > p[style*="right"] > strong',
    "div.breadcrumb a:last-child",
    "div.breadcrumb a:last-of-type",
    ".breadcrumb a:last-of-type",
    "ul.breadcrumbs li:last-child a",
    "div.tinlienquan, div.ads, table.image",
    "p, .content, td.caption",
    'a[href*="/news/tag/"] em',
    'a[rel~="tag"]',
    "time.entry-date[datetime]",
    ".col",
    ".main",
    ".h5",
    "table.title.image td",
    "#nope .sapo",
    ".khong-co",
    "div div p",
    "h1",
]


def _page() -> tuple[Any, SelectorIndex]:
    root = parse_html(PAGE.encode("utf-8"))
    elements, attributed = prepare_tree(root)
    named = [(e, e.get("class"), e.get("id")) for e in attributed if e.get("class") or e.get("id")]
    return root, SelectorIndex(root, {e: i for i, e in enumerate(elements)}, named)


@pytest.mark.parametrize("selector", SELECTORS)
def test_index_matches_xpath_on_whole_page(selector: str) -> None:
    root, index = _page()
    assert select(root, selector, index) == select(root, selector)


@pytest.mark.parametrize("selector", SELECTORS)
def test_index_matches_xpath_under_a_container(selector: str) -> None:
    root, index = _page()
    body_box = root.find(".//div[@id='ctl00_ContentPlaceHolder1_divContent']")
    for ctx in (body_box, root.find(".//div[@id='main']")):
        assert select(ctx, selector, index) == select(ctx, selector)


def test_index_finds_what_the_page_holds() -> None:
    root, index = _page()
    caps = select(root, "#ctl00_ContentPlaceHolder1_divContent table.image td.caption", index)
    assert [c.text.strip() for c in caps] == ["Thu hoạch lúa ở xã Thanh An."]
    last = select(root, "div.breadcrumb a:last-of-type", index)
    assert [a.text for a in last] == ["Nông nghiệp"]
    assert select(root, "div.breadcrumb a:last-child", index) == []  # an <em> comes last
    # a class split by a tab is two tokens, one split by a no-break space is one
    assert len(select(root, ".col", index)) == 1
    assert select(root, ".h5", index) == []
