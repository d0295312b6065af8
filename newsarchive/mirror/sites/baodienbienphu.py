"""Báo Điện Biên Phủ as an older ASP.NET portal (~2022): table layout, ``ctl00_`` ids, a
``__VIEWSTATE`` form around the page, the date line above the headline, captions as table cells,
the "(baodienbienphu.info.vn)" credit line and the feedback chrome after the body.

Traps planted for extractors: the header clock shows the crawl day in the same format as the
article date line; the <title> carries the site name; related links with dates sit after (and on
some pages inside) the body cell; ads sit inside the body on some pages.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from newsarchive.mirror.common import (
    CRAWL_DAY,
    FeedItem,
    esc,
    image_page,
    join_caption,
    load_content,
    not_found,
    page,
    robots,
    rss,
    sitemap,
    slugify,
    truth_article,
    truth_page,
    weekday_vi,
)
from newsarchive.mirror.model import Page, Site

if TYPE_CHECKING:
    from collections.abc import Callable

LOGGER = logging.getLogger(__name__)

SOURCE_ID = "baodienbienphu"
HOST = "baodienbienphu.info.vn"
BASE = f"https://{HOST}"
PAGE_SIZE = 5
DEAD_LINK = "/tin-tuc/xa-hoi/199873/bai-viet-da-go-bo"
PRINT_PATH = "/Print.aspx"
SEARCH_PATH = "/tim-kiem"
VIEWSTATE = (
    "/wEPDwUKMTM0NjQ1NzYxNw9kFgJmD2QWAgIDD2QWBAIBDxYCHgRUZXh0BRTEkGnhu4duIEJpw6puIFBo4bunZGQ"
)


@dataclass
class _Art:
    """One article as the renderer needs it."""

    raw: dict[str, Any]
    cat: dict[str, Any]
    day: date
    path: str
    truth: dict[str, Any]

    @property
    def id(self) -> int:
        return int(self.raw["id"])

    @property
    def title(self) -> str:
        return str(self.raw["title"])


def dmy(d: date) -> str:
    """``1/7/2022``: day-first, no zero padding, as the portal prints it."""
    return f"{d.day}/{d.month}/{d.year}"


def date_line(d: date) -> str:
    """``Thứ Sáu, 1/7/2022``."""
    return f"{weekday_vi(d)}, {dmy(d)}"


def image_url(file: str) -> str:
    return f"/Uploads/Images/{file}"


# --------------------------------------------------------------------------- page frame


def _head(
    title: str,
    *,
    canonical: str | None = None,
    description: str = "",
    og_image: str | None = None,
    charset: str | None = "utf-8",
) -> str:
    meta_charset = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />'
        if charset
        else ""
    )
    og = ""
    if canonical:
        og += f'<link rel="canonical" href="{esc(canonical)}" />'
        og += f'<meta property="og:url" content="{esc(canonical)}" />'
        og += f'<meta property="og:title" content="{esc(title)}" />'
        og += '<meta property="og:type" content="article" />'
    if og_image:
        og += f'<meta property="og:image" content="{esc(og_image)}" />'
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head id="ctl00_Head1">'
        f"{meta_charset}<title>{esc(title)} - Báo Điện Biên Phủ</title>"
        f'<meta name="description" content="{esc(description)}" />'
        '<meta name="keywords" content="Báo Điện Biên Phủ, tin tức Điện Biên, Điện Biên" />'
        '<link href="/App_Themes/Default/style.css" type="text/css" rel="stylesheet" />'
        '<link rel="alternate" type="application/rss+xml" title="Báo Điện Biên Phủ - Tin mới" '
        'href="/rss/home.rss" />'
        f"{og}"
        '<script type="text/javascript" src="/Scripts/jquery-1.4.1.min.js"></script>'
        "</head>\n"
    )


def _header(site: dict[str, Any], cats: list[dict[str, Any]]) -> str:
    menu = "".join(
        f'<li><a href="/tin-tuc/{c["slug"]}" id="ctl00_ucMenu_rptMenu_ctl0{i}_lnkMenu">'
        f"{esc(c['name'])}</a></li>"
        for i, c in enumerate(cats)
    )
    return (
        '<body>\n<form name="aspnetForm" method="post" action="./Default.aspx" id="aspnetForm">\n'
        f'<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{VIEWSTATE}" />'
        "</div>\n"
        '<div id="wrapper"><table class="header" width="1000" cellpadding="0" cellspacing="0">'
        '<tr><td class="logo"><a href="/"><img src="/Images/logo.png" alt="Báo Điện Biên Phủ" />'
        "</a></td>"
        f'<td class="slogan">{esc(site["tagline"])}</td></tr>'
        '<tr><td class="today" colspan="2"><span id="ctl00_lblDate">'
        f"{esc(date_line(CRAWL_DAY))}</span>"
        ' | <a href="/rss/home.rss">RSS</a></td></tr></table>\n'
        '<div id="menu"><ul><li><a href="/">Trang chủ</a></li>'
        f"{menu}"
        f'<li><a href="{SEARCH_PATH}">Tìm kiếm</a></li></ul>'
        f'<div class="search"><input name="ctl00$txtSearch" type="text" id="ctl00_txtSearch" '
        f'value="Nhập từ khóa..." /> <a href="{SEARCH_PATH}?q=dien+bien">Tìm</a></div></div>\n'
    )


def _footer(site: dict[str, Any]) -> str:
    return (
        '<div id="footer"><table width="1000"><tr><td>'
        f"<p><b>{esc(site['name'])}</b> - Cơ quan của Đảng bộ tỉnh Điện Biên</p>"
        f"<p>Địa chỉ: {esc(site['address'])}. Điện thoại: {esc(site['phone'])}</p>"
        f"<p>{esc(site['licence'])}</p>"
        f"<p>© Bản quyền thuộc Báo Điện Biên Phủ {site['copyright_year']}. "
        "Ghi rõ nguồn &quot;Báo Điện Biên Phủ&quot; khi phát hành lại thông tin từ website này.</p>"
        '<p><a href="https://www.facebook.com/baodienbienphu">Facebook</a> | '
        '<a href="https://www.youtube.com/@baodienbienphu">YouTube</a></p>'
        "</td></tr></table></div>\n</div>\n</form>\n</body>\n</html>\n"
    )


def _box(title: str, arts: list[_Art], css: str, *, with_dates: bool = True) -> str:
    items = "".join(
        f'<li><a href="{a.path}">{esc(a.title)}</a>'
        + (f' <span class="date">({dmy(a.day)})</span>' if with_dates else "")
        + "</li>"
        for a in arts
    )
    return f'<div class="box {css}"><h3 class="box-title">{esc(title)}</h3><ul>{items}</ul></div>'


def _right_column(arts: list[_Art]) -> str:
    most_read = sorted(arts, key=lambda a: (a.id * 7919) % 97)[:6]
    newest = arts[:6]
    return (
        '<td valign="top" class="colRight" width="300">'
        + _box("Xem nhiều nhất", most_read, "most-read", with_dates=False)
        + '<div class="box ads"><a href="https://dienbien.gov.vn/" target="_blank">'
        '<img src="/Uploads/QuangCao/cong-thong-tin-dien-bien.gif" alt="Cổng thông tin điện tử '
        'tỉnh" '
        'width="300" /></a></div>' + _box("Tin mới", newest, "newest") + "</td>"
    )


# --------------------------------------------------------------------------- article


def _caption_table(img: dict[str, Any]) -> str:
    html_text, _ = join_caption(str(img["caption"]))
    credit = img.get("credit")
    credit_html = f" <i>{esc(credit)}</i>" if credit else ""
    return (
        '<table class="image" align="center" cellpadding="2" cellspacing="0" width="500">'
        f'<tr><td><img src="{image_url(img["file"])}" alt="" width="500" border="0" /></td></tr>'
        f'<tr><td class="caption" align="center">{html_text}{credit_html}</td></tr></table>'
    )


def _inside_related(others: list[_Art]) -> str:
    items = "".join(
        f'<li><a href="{a.path}">{esc(a.title)}</a> ({dmy(a.day)})</li>' for a in others
    )
    return f'<div class="tinlienquan"><b>Tin liên quan:</b><ul>{items}</ul></div>'


_AD_INSIDE = (
    '<div class="ads" style="text-align:center"><a href="https://ocop.dienbien.gov.vn/" '
    'target="_blank"><img src="/Uploads/QuangCao/banner-ocop-2022.gif" alt="Quảng cáo" '
    'width="468" height="60" /></a></div>'
)


def _article_body(a: _Art, others: list[_Art]) -> str:
    raw = a.raw
    parts: list[str] = []
    images = list(raw.get("images") or [])
    paras = list(raw["body"])
    gallery = raw.get("page_type") == "gallery"
    if images and not gallery:
        parts.append(_caption_table(images.pop(0)))
    for i, p in enumerate(paras):
        parts.append(f'<p style="text-align: justify;">{esc(p)}</p>')
        if i == 0 and raw.get("related_inside"):
            parts.append(_inside_related(others[:2]))
        if i == 0 and raw.get("ad_inside"):
            parts.append(_AD_INSIDE)
        if images and not gallery and i == len(paras) // 2:
            parts.append(_caption_table(images.pop(0)))
    for img in images:
        parts.append(_caption_table(img))
    if raw.get("byline"):
        parts.append(f'<p style="text-align: right;"><strong>{esc(raw["byline"])}</strong></p>')
    if raw.get("credit_line"):
        parts.append(f'<p style="text-align: right;">{esc(raw["credit_line"])}</p>')
    return "".join(parts)


def _article_page(
    site: dict[str, Any],
    cats: list[dict[str, Any]],
    a: _Art,
    all_arts: list[_Art],
    *,
    charset: str | None = "utf-8",
) -> str:
    raw = a.raw
    same_cat = [o for o in all_arts if o.cat is a.cat and o is not a]
    # "Các tin khác": the older ones in the section, as the portal lists them.
    older = [o for o in same_cat if o.day <= a.day][:5] or same_cat[:5]
    sapo = raw.get("sapo")
    first_img = (raw.get("images") or [None])[0]
    desc = sapo or raw["body"][0][:160]
    sapo_row = (
        f'<tr><td class="sapo"><span id="ctl00_ContentPlaceHolder1_lblSapo"><b>{esc(sapo)}</b>'
        "</span></td></tr>"
        if sapo
        else ""
    )
    aid = a.id
    return (
        _head(
            a.title,
            canonical=BASE + a.path,
            description=desc,
            og_image=BASE + image_url(first_img["file"]) if first_img else None,
            charset=charset,
        )
        + _header(site, cats)
        + '<table width="1000" cellpadding="0" cellspacing="0"><tr><td valign="top" '
        'class="colLeft">'
        f'<div class="breadcrumb"><a href="/">Trang chủ</a> &raquo; '
        f'<a href="/tin-tuc/{a.cat["slug"]}">{esc(a.cat["name"])}</a></div>'
        '<table class="detail" id="ctl00_ContentPlaceHolder1_tblDetail" width="100%">'
        f'<tr><td class="date"><span id="ctl00_ContentPlaceHolder1_lblDate">{esc(date_line(a.day))}'
        "</span></td></tr>"
        f'<tr><td class="title"><h1><span id="ctl00_ContentPlaceHolder1_lblTitle">{esc(a.title)}'
        "</span></h1></td></tr>"
        f"{sapo_row}"
        '<tr><td class="content"><div id="ctl00_ContentPlaceHolder1_divContent" '
        'class="news-content">' + _article_body(a, same_cat) + "</div></td></tr></table>"
        '<div class="tools">'
        '<a href="javascript:void(0);" onclick="ShowSendMail();" class="sendmail">Gửi cho bạn '
        "bè</a> | "
        f'<a href="{PRINT_PATH}?id={aid}" target="_blank">In bài</a> | '
        '<span class="share">Chia sẻ: '
        f'<a href="https://www.facebook.com/sharer/sharer.php?u={esc(BASE + a.path)}" '
        'target="_blank">Facebook</a> '
        f'<a href="https://zalo.me/share?url={esc(BASE + a.path)}" target="_blank">Zalo</a></span>'
        "</div>"
        '<div class="feedback" id="ctl00_ContentPlaceHolder1_pnlFeedback"><h3>Phản hồi</h3>'
        '<table cellpadding="3"><tr><td colspan="2"><b>Thông tin người gửi phản hồi</b></td></tr>'
        '<tr><td>Họ và tên:</td><td><input name="ctl00$ContentPlaceHolder1$txtName" type="text" />'
        "</td></tr>"
        '<tr><td>Email:</td><td><input name="ctl00$ContentPlaceHolder1$txtEmail" type="text" />'
        "</td></tr>"
        '<tr><td>Nội dung:</td><td><textarea name="ctl00$ContentPlaceHolder1$txtContent" rows="4" '
        'cols="50"></textarea></td></tr>'
        '<tr><td></td><td><input type="submit" name="ctl00$ContentPlaceHolder1$btnSend" '
        'value="Gửi phản hồi" /></td></tr></table></div>'
        + _box(
            "Xem nhiều nhất",
            sorted(all_arts, key=lambda o: (o.id * 31) % 53)[:5],
            "most-read-inline",
            with_dates=False,
        )
        + _box("Các tin khác", older, "other-news")
        + "</td>"
        + _right_column(all_arts)
        + "</tr></table>\n"
        + _footer(site)
    )


def _print_page(a: _Art) -> str:
    paras = "".join(f"<p>{esc(p)}</p>" for p in a.raw["body"])
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
        f'<title>{esc(a.title)}</title></head><body onload="window.print()">'
        f"<p>{esc(date_line(a.day))}</p><h2>{esc(a.title)}</h2>{paras}</body></html>"
    )


# --------------------------------------------------------------------------- listings


def _listing_item(a: _Art) -> str:
    img = (a.raw.get("images") or [None])[0]
    thumb = (
        f'<a href="{a.path}"><img src="{image_url(img["file"])}" width="150" alt="" /></a>'
        if img
        else ""
    )
    summary = a.raw.get("sapo") or a.raw["body"][0]
    if len(summary) > 200:
        summary = summary[:197].rsplit(" ", 1)[0] + "..."
    return (
        f'<tr><td class="thumb" width="160">{thumb}</td><td class="item">'
        f'<a class="title" href="{a.path}">{esc(a.title)}</a> <span class="date">'
        f"({dmy(a.day)})</span>"
        f'<div class="summary">{esc(summary)}</div></td></tr>'
    )


def _pager(slug: str, current: int, total: int) -> str:
    links = []
    for n in range(1, total + 1):
        href = f"/tin-tuc/{slug}" if n == 1 else f"/tin-tuc/{slug}?page={n}"
        links.append(f"<b>{n}</b>" if n == current else f'<a href="{href}">{n}</a>')
    if current < total:
        links.append(
            f'<a href="/tin-tuc/{slug}?page={current + 1}" class="next">Trang sau &raquo;</a>'
        )
    if current > 1:
        prev = f"/tin-tuc/{slug}" if current == 2 else f"/tin-tuc/{slug}?page={current - 1}"
        links.insert(0, f'<a href="{prev}" class="prev">&laquo; Trang trước</a>')
    return '<div class="pager">Trang: ' + " ".join(links) + "</div>"


def _category_page(
    site: dict[str, Any],
    cats: list[dict[str, Any]],
    cat: dict[str, Any],
    arts: list[_Art],
    all_arts: list[_Art],
    n: int,
    total: int,
) -> str:
    rows = "".join(_listing_item(a) for a in arts)
    return (
        _head(str(cat["name"]), description=f"Tin tức {cat['name']} tỉnh Điện Biên")
        + _header(site, cats)
        + '<table width="1000" cellpadding="0" cellspacing="0"><tr><td valign="top" '
        'class="colLeft">'
        f'<div class="breadcrumb"><a href="/">Trang chủ</a> &raquo; {esc(cat["name"])}</div>'
        f'<h2 class="cat-title">{esc(cat["name"])}</h2>'
        f'<table class="list" width="100%">{rows}</table>'
        + _pager(str(cat["slug"]), n, total)
        + "</td>"
        + _right_column(all_arts)
        + "</tr></table>\n"
        + _footer(site)
    )


def _home_page(
    site: dict[str, Any],
    cats: list[dict[str, Any]],
    all_arts: list[_Art],
    fault_links: list[tuple[str, str]],
) -> str:
    top = all_arts[0]
    blocks = []
    for c in cats:
        in_cat = [a for a in all_arts if a.cat is c][:4]
        blocks.append(
            f'<div class="home-cat"><h2><a href="/tin-tuc/{c["slug"]}">{esc(c["name"])}</a></h2>'
            f'<table class="list" width="100%">{"".join(_listing_item(a) for a in in_cat)}</table>'
            "</div>"
        )
    newest = "".join(
        f'<li><a href="{a.path}">{esc(a.title)}</a> ({dmy(a.day)})</li>' for a in all_arts[:8]
    )
    newest += (
        f'<li><a href="{DEAD_LINK}">Điện Biên: Hội nghị trực tuyến triển khai nhiệm vụ năm học mới'
        "</a> (5/9/2022)</li>"
    )
    newest += "".join(f'<li><a href="{p}">{esc(t)}</a></li>' for p, t in fault_links)
    return (
        _head("Trang chủ", description="Báo Điện Biên Phủ điện tử - tin tức tỉnh Điện Biên")
        + _header(site, cats)
        + '<table width="1000" cellpadding="0" cellspacing="0"><tr><td valign="top" '
        'class="colLeft">'
        f'<div class="hot"><a href="{top.path}"><h2>{esc(top.title)}</h2></a>'
        f"<p>{esc(top.raw.get('sapo') or top.raw['body'][0])}</p></div>"
        f'<div class="box latest"><h3>Tin mới cập nhật</h3><ul>{newest}</ul></div>'
        + "".join(blocks)
        + "</td>"
        + _right_column(all_arts)
        + "</tr></table>\n"
        + _footer(site)
    )


def _search_page(site: dict[str, Any], cats: list[dict[str, Any]]) -> str:
    return (
        _head("Tìm kiếm")
        + _header(site, cats)
        + '<div class="search-result"><p>Không tìm thấy kết quả phù hợp.</p></div>'
        + _footer(site)
    )


# --------------------------------------------------------------------------- truth


def _truth_for(raw: dict[str, Any], cat: dict[str, Any], path: str) -> dict[str, Any]:
    captions = []
    for img in raw.get("images") or []:
        _, text = join_caption(str(img["caption"]))
        captions.append(
            {"text": text, "image_url": BASE + image_url(img["file"]), "credit": img.get("credit")}
        )
    return truth_article(
        url=BASE + path,
        source=SOURCE_ID,
        page_type=raw.get("page_type", "article"),
        title=raw["title"],
        sapo=raw.get("sapo"),
        body="\n\n".join(raw["body"]),
        captions=captions,
        published=str(raw["day"]),
        author=raw.get("author"),
        credit=raw.get("credit"),
        category=cat["name"],
        tags=[],
        notes=raw.get("notes"),
    )


def _make_art(raw: dict[str, Any], cat: dict[str, Any]) -> _Art:
    day = raw["day"] if isinstance(raw["day"], date) else date.fromisoformat(str(raw["day"]))
    raw = {**raw, "day": day.isoformat()}
    path = f"/tin-tuc/{cat['slug']}/{raw['id']}/{raw.get('slug') or slugify(raw['title'])}"
    return _Art(raw=raw, cat=cat, day=day, path=path, truth=_truth_for(raw, cat, path))


# --------------------------------------------------------------------------- faults


def _fault_pages(
    site: dict[str, Any], cats: list[dict[str, Any]], arts: list[_Art], content: dict[str, Any]
) -> tuple[dict[str, Page], list[dict[str, Any]], list[tuple[str, str]]]:
    """The fault pages: empty, binary, truncated, wrong charset, 500, slow, 503 with Retry-After,
    a connection reset, an oversized page and a redirect loop."""
    by_slug = {c["slug"]: c for c in cats}
    fault_arts = {f["fault"]: _make_art(f, by_slug[f["cat"]]) for f in content["fault_articles"]}
    pages: dict[str, Page] = {}
    truth: list[dict[str, Any]] = []
    links: list[tuple[str, str]] = []

    empty = "/tin-tuc/xa-hoi/290001/thong-bao-lich-tiep-cong-dan"
    pages[empty] = page(b"")
    links.append((empty, "Thông báo lịch tiếp công dân tháng 12"))

    binary = "/tin-tuc/xa-hoi/290002/tai-lieu-huong-dan-ke-khai"
    pages[binary] = page(bytes(range(256)) * 8 + b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    links.append((binary, "Tài liệu hướng dẫn kê khai"))

    trunc = fault_arts["truncated"]
    full = _article_page(site, cats, trunc, arts)
    cut = full.index(trunc.raw["body"][1][:40]) + 25
    pages[trunc.path] = page(full[:cut])
    links.append((trunc.path, trunc.title))

    wrong = fault_arts["wrong-charset"]
    pages[wrong.path] = page(
        _article_page(site, cats, wrong, arts, charset=None),
        content_type="text/html; charset=ISO-8859-1",
    )
    truth.append(
        {
            **wrong.truth,
            "fault": "wrong-charset",
            "notes": "UTF-8 bytes; the HTTP header says ISO-8859-1 and there is no meta charset",
        }
    )
    links.append((wrong.path, wrong.title))

    error = "/tin-tuc/xa-hoi/290005/ket-qua-tuyen-sinh-lop-10"
    pages[error] = page(
        "<html><head><title>Runtime Error</title></head><body><h1>Server Error in '/' Application."
        "</h1><h2><i>Runtime Error</i></h2></body></html>",
        status=500,
    )
    links.append((error, "Kết quả tuyển sinh lớp 10"))

    slow = fault_arts["slow"]
    pages[slow.path] = page(_article_page(site, cats, slow, arts), delay=1.0)
    for fa in fault_arts.values():
        pages[f"{PRINT_PATH}?id={fa.id}"] = page(_print_page(fa))
    truth.append({**slow.truth, "fault": "slow"})
    links.append((slow.path, slow.title))

    busy = "/tin-tuc/xa-hoi/290007/lich-cat-dien-tuan-toi"
    pages[busy] = page(full, fail_first=1)  # 503 + Retry-After: 1 once, then the page
    links.append((busy, "Lịch cắt điện tuần tới"))

    reset = "/tin-tuc/xa-hoi/290008/danh-sach-ho-ngheo-nam-2026"
    pages[reset] = page(b"", reset=True)
    links.append((reset, "Danh sách hộ nghèo năm 2026"))

    huge = "/tin-tuc/xa-hoi/290009/toan-van-bao-cao-chinh-tri"
    filler = "<p>" + "Nội dung báo cáo dài. " * 40 + "</p>\n"
    pages[huge] = page("<html><body>" + filler * 9000 + "</body></html>")  # ~9 MB
    links.append((huge, "Toàn văn báo cáo chính trị"))

    loop_a = "/tin-tuc/xa-hoi/290010/chuyen-huong-a"
    loop_b = "/tin-tuc/xa-hoi/290011/chuyen-huong-b"
    pages[loop_a] = page(b"", status=302, headers={"Location": BASE + loop_b})
    pages[loop_b] = page(b"", status=302, headers={"Location": BASE + loop_a})
    links.append((loop_a, "Tin chuyển hướng"))
    return pages, truth, links


# --------------------------------------------------------------------------- legacy encodings


def _legacy_pages(
    site: dict[str, Any], cats: list[dict[str, Any]], arts: list[_Art], content: dict[str, Any]
) -> tuple[dict[str, Page], list[dict[str, Any]], list[_Art]]:
    """The windows-1258 article and the 2008 TCVN3 (.VnTime) archive article, when the encoder
    from ``newsarchive.vietnamese`` is available; otherwise nothing (logged)."""
    try:
        from newsarchive.vietnamese import encode_legacy
    except ImportError:
        LOGGER.info("newsarchive.vietnamese.encode_legacy not available; legacy pages left out")
        return {}, [], []
    by_slug = {c["slug"]: c for c in cats}
    pages: dict[str, Page] = {}
    truth: list[dict[str, Any]] = []
    made: list[_Art] = []
    for raw in content.get("legacy_articles") or []:
        a = _make_art(raw, by_slug[raw["cat"]])
        enc = raw["encoding"]
        if enc == "cp1258":
            html_text = _article_page(site, cats, a, arts, charset="windows-1258")
            body = encode_legacy(html_text, "cp1258")
            pages[a.path] = Page(body, content_type="text/html; charset=windows-1258")
        elif enc == "tcvn3":
            pages[a.path] = Page(
                _tcvn3_page(a, encode_legacy), content_type="text/html; charset=iso-8859-1"
            )
        else:
            raise ValueError(f"unknown legacy encoding {enc!r}")
        pages[f"{PRINT_PATH}?id={a.id}"] = page(_print_page(a))
        truth.append({**a.truth, "encoding": enc})
        made.append(a)
    return pages, truth, made


def _ascii_entities(text: str) -> str:
    """Escape, then write every non-ASCII character as a numeric entity (chrome of old pages)."""
    return esc(text).encode("ascii", "xmlcharrefreplace").decode("ascii")


def _tcvn3_page(a: _Art, encode_legacy: Callable[[str, str], bytes]) -> bytes:
    """A 2008-style archive page: ASCII/entity chrome, body in TCVN3 bytes inside .VnTime fonts."""

    def font(text: str) -> bytes:
        return b'<font face=".VnTime">' + encode_legacy(esc(text), "tcvn3") + b"</font>"

    parts: list[bytes] = [
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
        b"<title>"
        + _ascii_entities(a.title).encode("ascii")
        + b" - B&#225;o &#272;i&#7879;n Bi&#234;n Ph&#7911;</title>",
        b'<link rel="alternate" type="application/rss+xml" href="/rss/home.rss">',
        b'</head><body><table width="780"><tr><td class="today">'
        + _ascii_entities(date_line(CRAWL_DAY)).encode("ascii")
        + b"</td></tr>",
        b'<tr><td><a href="/">Trang ch&#7911;</a> &raquo; <a href="/tin-tuc/'
        + a.cat["slug"].encode()
        + b'">'
        + _ascii_entities(a.cat["name"]).encode("ascii")
        + b"</a></td></tr>",
        b'<tr><td class="date">'
        + _ascii_entities(date_line(a.day)).encode("ascii")
        + b"</td></tr>",
        b'<tr><td class="title"><h1>' + font(a.title) + b"</h1></td></tr>",
        b'<tr><td class="content">',
    ]
    if a.raw.get("sapo"):
        parts.append(b"<p><b>" + font(a.raw["sapo"]) + b"</b></p>")
    parts += [b"<p>" + font(p) + b"</p>" for p in a.raw["body"]]
    if a.raw.get("byline"):
        parts.append(b'<p align="right"><b>' + font(a.raw["byline"]) + b"</b></p>")
    parts.append(
        b'</td></tr><tr><td class="footer">&copy; B&#225;o &#272;i&#7879;n Bi&#234;n Ph&#7911; '
        b"2008. "
        b"Gi&#7845;y ph&#233;p s&#7889; 84/GP-BVHTT</td></tr></table></body></html>"
    )
    return b"\n".join(parts)


# --------------------------------------------------------------------------- build


def build(faults: bool = False) -> Site:
    """Render every page of the site (and the fault pages when ``faults``)."""
    content = load_content(SOURCE_ID)
    site = content["site"]
    cats = list(content["categories"])
    by_slug = {c["slug"]: c for c in cats}
    arts = [_make_art(raw, by_slug[raw["cat"]]) for raw in content["articles"]]
    arts.sort(key=lambda a: (a.day, a.id), reverse=True)

    pages: dict[str, Page] = {}
    truth: list[dict[str, Any]] = []
    fault_links: list[tuple[str, str]] = []
    if faults:
        fpages, ftruth, fault_links = _fault_pages(site, cats, arts, content)
        pages.update(fpages)
        truth.extend(ftruth)

    lpages, ltruth, legacy_arts = _legacy_pages(site, cats, arts, content)
    pages.update(lpages)
    listed = sorted([*arts, *legacy_arts], key=lambda a: (a.day, a.id), reverse=True)

    for a in arts:
        pages[a.path] = page(_article_page(site, cats, a, arts))
        pages[f"{PRINT_PATH}?id={a.id}"] = page(_print_page(a))
        truth.append(a.truth)
        for img in a.raw.get("images") or []:
            pages[image_url(img["file"])] = image_page()
    truth.extend(ltruth)

    pages["/"] = page(_home_page(site, cats, listed, fault_links))
    truth.insert(0, truth_page(BASE + "/", SOURCE_ID, "home"))
    for c in cats:
        in_cat = [a for a in listed if a.cat is c]
        total = max(1, -(-len(in_cat) // PAGE_SIZE))
        for n in range(1, total + 1):
            path = f"/tin-tuc/{c['slug']}" if n == 1 else f"/tin-tuc/{c['slug']}?page={n}"
            chunk = in_cat[(n - 1) * PAGE_SIZE : n * PAGE_SIZE]
            pages[path] = page(_category_page(site, cats, c, chunk, listed, n, total))
            if n <= 2 and c is cats[0]:
                truth.append(truth_page(BASE + path, SOURCE_ID, "listing"))
        pages[f"/rss/{c['slug']}.rss"] = rss(
            f"Báo Điện Biên Phủ - {c['name']}",
            f"{BASE}/tin-tuc/{c['slug']}",
            str(c["name"]),
            [
                FeedItem(a.title, BASE + a.path, a.raw["day"], a.raw.get("sapo") or "")
                for a in in_cat
            ],
        )

    pages["/rss/home.rss"] = rss(
        "Báo Điện Biên Phủ - Tin mới",
        BASE + "/",
        "Tin tức mới nhất tỉnh Điện Biên",
        [
            FeedItem(a.title, BASE + a.path, a.raw["day"], a.raw.get("sapo") or "")
            for a in listed[:20]
        ],
    )
    pages["/sitemap.xml"] = sitemap(
        [(BASE + "/", CRAWL_DAY.isoformat())]
        + [(BASE + f"/tin-tuc/{c['slug']}", None) for c in cats]
        + [(BASE + a.path, a.raw["day"]) for a in listed]
    )
    pages["/robots.txt"] = robots([PRINT_PATH, SEARCH_PATH], [BASE + "/sitemap.xml"])
    pages[SEARCH_PATH] = page(_search_page(site, cats))
    pages[SEARCH_PATH + "?q=dien+bien"] = page(_search_page(site, cats))
    for path in (
        "/Images/logo.png",
        "/Uploads/QuangCao/cong-thong-tin-dien-bien.gif",
        "/Uploads/QuangCao/banner-ocop-2022.gif",
    ):
        pages[path] = image_page()
    pages["/App_Themes/Default/style.css"] = page("body{font-family:Arial}", "text/css")
    pages["/Scripts/jquery-1.4.1.min.js"] = page(
        "/* jQuery placeholder */", "application/javascript"
    )
    assert DEAD_LINK not in pages
    pages["/404"] = not_found(str(site["name"]))
    return Site(source_id=SOURCE_ID, host=HOST, scheme="https", pages=pages, truth=truth)
