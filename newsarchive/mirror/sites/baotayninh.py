"""Báo Tây Ninh as a modern newspaper CMS: ``-a169010.html`` article ids, a date line like
"Thứ sáu: 15:00 ngày 09/02/2024", a lead that starts with the "(BTN) - " outlet prefix,
figure/figcaption images, the author on the last line, categories paginated with ``?page=2``,
tag pages with percent-encoded Vietnamese names, a video page and one old article whose text is in
VNI-Windows bytes inside ``<font face="VNI-Times">`` (served as windows-1252).

Traps planted for extractors: the header clock shows the crawl day; og:description keeps the
"(BTN) - " prefix; one article shows only the day; "In bài" links lead to print copies that
robots.txt disallows; related links (with dates) and ads sit inside the body on some pages.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, TYPE_CHECKING
from urllib.parse import quote

from newsarchive.mirror.common import (
    CRAWL_DAY,
    FeedItem,
    dmy,
    esc,
    has_time,
    image_page,
    load_content,
    page,
    parse_iso,
    robots,
    rss,
    sitemap,
    truth_article,
    truth_page,
    weekday_vi,
)
from newsarchive.mirror.model import Page, Site

if TYPE_CHECKING:
    from datetime import datetime

LOGGER = logging.getLogger(__name__)

SOURCE_ID = "baotayninh"
HOST = "baotayninh.vn"
BASE = f"https://{HOST}"
SITE_NAME = "Báo Tây Ninh"
OUTLET_PREFIX = "(BTN) - "
PAGE_SIZE = 5
#: An article-looking URL linked from a related block that answers 404.
DEAD_LINK = "/le-hoi-xuan-nui-ba-den-nam-2019-a150001.html"
#: "In bài" (print) copies: linked from every article, disallowed by robots.txt.
PRINT_PREFIX = "/in-bai/"
FEED_PATH = "/rss/tin-moi.rss"
#: Legacy segments are marked with these while rendering, then encoded separately.
_SEG_START, _SEG_END = "\x01", "\x02"


@dataclass
class _Art:
    """One article as the renderer needs it."""

    raw: dict[str, Any]
    cat: dict[str, Any]
    when: datetime
    path: str

    @property
    def title(self) -> str:
        return str(self.raw["title"])

    @property
    def url(self) -> str:
        return BASE + self.path

    @property
    def timed(self) -> bool:
        return has_time(str(self.raw["published"]))

    @property
    def legacy(self) -> str | None:
        value = self.raw.get("legacy")
        return str(value) if value else None


# --------------------------------------------------------------------------- small formats


def date_line(a: _Art) -> str:
    """``Thứ sáu: 15:00 ngày 09/02/2024``, or ``Thứ ba, ngày 12/03/2019`` without a time."""
    wd = weekday_vi(a.when, lower=True)
    if a.timed:
        return f"{wd}: {a.when.hour:02d}:{a.when.minute:02d} ngày {dmy(a.when)}"
    return f"{wd}, ngày {dmy(a.when)}"


def list_date(a: _Art) -> str:
    """Listing/related date: ``09/02/2024 15:00`` (day only when the article has no time)."""
    return f"{dmy(a.when)} {a.when.hour:02d}:{a.when.minute:02d}" if a.timed else dmy(a.when)


def cat_path(slug: str, page_no: int = 1) -> str:
    return f"/{slug}/" if page_no == 1 else f"/{slug}/?page={page_no}"


def tag_path(tag: str) -> str:
    return f"/tag/{quote(tag, safe='')}.html"


def image_path(file: str) -> str:
    return f"/image/fckeditor/upload/{file}"


def _legacy(text_html: str, a: _Art) -> str:
    """Wrap already-escaped text in a legacy font segment (encoded later) on the VNI page."""
    if a.legacy != "vni":
        return text_html
    return f'<font face="VNI-Times">{_SEG_START}{text_html}{_SEG_END}</font>'


def _authors(a: _Art) -> tuple[str | None, str | None]:
    """(printed last line or None, truth author or None)."""
    names = [str(n) for n in a.raw.get("authors") or []]
    if not names:
        return None, None
    sep = str(a.raw.get("author_sep", " - "))
    return sep.join(names), "; ".join(names)


def _caption(img: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    lines = [str(x) for x in img.get("lines") or [img["text"]]]
    cap = "<br>\n".join(esc(x) for x in lines)
    credit = img.get("credit")
    if credit:
        cap += f" - Ảnh: {esc(credit)}"
    truth = {"text": " ".join(lines), "image_url": BASE + image_path(img["file"]),
             "credit": f"Ảnh: {credit}" if credit else None}
    return cap, truth


# --------------------------------------------------------------------------- chrome


def _head(title: str, canonical: str, *, description: str = "", extra: str = "",
          charset: str = "utf-8") -> str:
    meta_charset = (
        '<meta charset="utf-8">' if charset == "utf-8"
        else f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    )
    return (
        f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n{meta_charset}\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f"<title>{esc(title)}</title>\n"
        + (f'<meta name="description" content="{esc(description)}">\n' if description else "")
        + f'<link rel="canonical" href="{esc(canonical)}">\n'
        f'<meta property="og:site_name" content="{SITE_NAME}">\n'
        f"{extra}"
        f'<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} - Tin mới" '
        f'href="{FEED_PATH}">\n'
        '<link rel="stylesheet" href="/assets/css/main.min.css?v=2.4.1">\n'
        '<link rel="icon" href="/assets/images/favicon.ico">\n'
        "</head>\n"
    )


def _header(site: dict[str, Any], cats: list[dict[str, Any]]) -> str:
    menu = "".join(
        f'<li><a href="{cat_path(c["slug"])}">{esc(c["name"])}</a></li>' for c in cats
    )
    today = f"{weekday_vi(CRAWL_DAY, lower=True)}, ngày {dmy(CRAWL_DAY)}"
    return (
        "<body>\n<header class=\"site-header\">"
        f'<div class="top-bar"><span class="today">{esc(today)}</span>'
        '<span class="hotline">Đường dây nóng: 0913 876 543</span></div>'
        f'<div class="logo"><a href="/"><img src="/assets/images/logo-btn.png" alt="{SITE_NAME}"></a>'
        f'<p class="slogan">{esc(site["slogan"])}</p></div>'
        f'<nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li>{menu}</ul></nav>'
        '<div class="banner-top"><a href="https://www.vietinbank.vn/" target="_blank" rel="nofollow">'
        '<img src="/uploads/banner/vietinbank-1200x120.jpg" alt="Quảng cáo"></a></div>'
        "</header>\n"
    )


def _sidebar(arts: list[_Art]) -> str:
    newest = "".join(
        f'<li><a href="{a.path}">{esc(a.title)}</a><span class="time">{list_date(a)}</span></li>'
        for a in arts[:6]
    )
    most = sorted(arts, key=lambda a: int(a.raw["id"]) % 11)[:5]
    most_html = "".join(f'<li><a href="{a.path}">{esc(a.title)}</a></li>' for a in most)
    return (
        '<aside class="sidebar">'
        f'<div class="box"><h3 class="box-title">Tin mới nhất</h3><ul>{newest}</ul></div>'
        f'<div class="box"><h3 class="box-title">Đọc nhiều</h3><ul>{most_html}</ul></div>'
        '<div class="ads ads-right"><a href="https://www.tayninh.gov.vn/" target="_blank" rel="nofollow">'
        '<img src="/uploads/banner/cong-ttdt-tay-ninh-300x250.jpg" alt="Cổng thông tin điện tử tỉnh"></a></div>'
        "</aside>\n"
    )


def _footer(site: dict[str, Any]) -> str:
    return (
        '<footer class="site-footer">'
        f"<p><strong>{SITE_NAME.upper()} ĐIỆN TỬ</strong></p>"
        f"<p>{esc(site['slogan'])}</p>"
        f"<p>{esc(site['editor'])}</p>"
        f"<p>{esc(site['licence'])}</p>"
        f"<p>Địa chỉ: {esc(site['address'])} - Điện thoại: {esc(site['phone'])} - "
        f"Email: {esc(site['email'])}</p>"
        f'<p><a href="{FEED_PATH}">RSS</a></p>'
        f"<p>&copy; Bản quyền thuộc về {SITE_NAME} {site['copyright_year']}. "
        "Không được sao chép khi chưa có sự đồng ý bằng văn bản.</p>"
        "</footer>\n"
        '<script src="/assets/js/app.min.js?v=2.4.1"></script>\n</body>\n</html>\n'
    )


def _share(a: _Art) -> str:
    u = quote(a.url, safe="")
    return (
        '<div class="share-bar"><span>Chia sẻ:</span>'
        f'<a href="https://www.facebook.com/sharer/sharer.php?u={u}" target="_blank" rel="nofollow">Facebook</a>'
        f'<a href="https://zalo.me/share?u={u}" target="_blank" rel="nofollow">Zalo</a>'
        f'<a href="{PRINT_PREFIX}{a.raw["id"]}.html" rel="nofollow" target="_blank">In bài</a></div>'
    )


# --------------------------------------------------------------------------- article


_AD_INSIDE = (
    '<div class="ads ads-in-article"><a href="https://www.bidv.com.vn/" target="_blank" rel="nofollow">'
    '<img src="/uploads/banner/bidv-640x120.jpg" alt="Quảng cáo"></a></div>'
)


def _related_inline(others: list[_Art], dead: bool) -> str:
    items = "".join(
        f'<li><a href="{o.path}">{esc(o.title)}</a> <span class="time">({dmy(o.when)})</span></li>'
        for o in others
    )
    if dead:
        items += (
            f'<li><a href="{DEAD_LINK}">Lễ hội Xuân Núi Bà Đen năm 2019 có nhiều điểm mới</a> '
            '<span class="time">(05/02/2019)</span></li>'
        )
    return f'<div class="related-inline"><p class="title">Tin liên quan</p><ul>{items}</ul></div>'


def _jsonld(a: _Art) -> str:
    if not a.timed or a.legacy:
        return ""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": a.url},
        "headline": a.title,
        "datePublished": a.raw["published"],
        "publisher": {"@type": "Organization", "name": SITE_NAME,
                      "logo": {"@type": "ImageObject", "url": f"{BASE}/assets/images/logo-btn.png"}},
    }
    if a.raw.get("images"):
        data["image"] = [BASE + image_path(i["file"]) for i in a.raw["images"]]
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>\n'


def _content(a: _Art, others: list[_Art], dead_here: bool) -> str:
    raw = a.raw
    parts: list[str] = []
    images = list(raw.get("images") or [])
    if raw.get("video"):
        parts.append(
            '<div class="video-player"><video controls preload="none" '
            f'poster="/uploads/video/{esc(raw["video"]).replace(".mp4", ".jpg")}">'
            f'<source src="/uploads/video/{esc(raw["video"])}" type="video/mp4">'
            "Trình duyệt của bạn không hỗ trợ video.</video></div>"
        )
    paras = [str(p) for p in raw["paragraphs"]]
    for i, p in enumerate(paras):
        parts.append(f'<p style="text-align: justify;">{_legacy(esc(p), a)}</p>')
        if images and (i == 0 or i == len(paras) // 2 + 1):
            img = images.pop(0)
            cap, _ = _caption(img)
            parts.append(
                f'<figure class="image"><img src="{image_path(img["file"])}" alt="{esc(img.get("text") or "")}">'
                f"<figcaption>{cap}</figcaption></figure>"
            )
        if i == 0 and raw.get("ads_inline"):
            parts.append(_AD_INSIDE)
        if i == min(1, len(paras) - 1) and raw.get("related_inline"):
            parts.append(_related_inline(others[:3], dead_here))
    for img in images:
        cap, _ = _caption(img)
        parts.append(
            f'<figure class="image"><img src="{image_path(img["file"])}" alt="">'
            f"<figcaption>{cap}</figcaption></figure>"
        )
    printed, _ = _authors(a)
    if printed:
        parts.append(f'<p style="text-align: right;"><strong>{_legacy(esc(printed), a)}</strong></p>')
    if raw.get("credit_line"):
        parts.append(f'<p style="text-align: right;"><em>{esc(raw["credit_line"])}</em></p>')
    return '<div class="detail-content" id="content-detail">' + "".join(parts) + "</div>"


def _article_page(site: dict[str, Any], cats: list[dict[str, Any]], a: _Art, arts: list[_Art],
                  dead_here: bool, charset: str = "utf-8") -> str:
    raw = a.raw
    same = [o for o in arts if o.cat is a.cat and o is not a]
    sapo = raw.get("sapo")
    prefixed = (OUTLET_PREFIX + str(sapo)) if sapo and raw.get("prefix", True) else sapo
    tags = [str(t) for t in raw.get("tags") or []]
    images = raw.get("images") or []
    desc = prefixed or str(raw["paragraphs"][0])
    extra = (
        '<meta property="og:type" content="article">\n'
        f'<meta property="og:title" content="{esc(a.title)}">\n'
        f'<meta property="og:description" content="{esc(desc)}">\n'
        f'<meta property="og:url" content="{esc(a.url)}">\n'
        + (f'<meta property="og:image" content="{esc(BASE + image_path(images[0]["file"]))}">\n'
           if images else "")
        + f'<meta name="keywords" content="{esc(", ".join(tags))}">\n'
        + (f'<meta property="article:published_time" content="{esc(raw["published"])}">\n'
           if a.timed and not a.legacy else "")
        + _jsonld(a)
    )
    sapo_html = f'<h2 class="sapo">{_legacy(esc(prefixed), a)}</h2>' if prefixed else ""
    tag_html = "".join(f'<a href="{tag_path(t)}">{esc(t)}</a>' for t in tags)
    more = "".join(
        f'<li><a href="{o.path}">{esc(o.title)}</a> <span class="time">{list_date(o)}</span></li>'
        for o in same[:5]
    )
    return (
        _head(f"{a.title} - {SITE_NAME}", a.url, description=desc, extra=extra, charset=charset)
        + _header(site, cats)
        + '<main class="container"><div class="main-col">'
        f'<div class="breadcrumb"><a href="/">Trang chủ</a> <span>/</span> '
        f'<a href="{cat_path(a.cat["slug"])}">{esc(a.cat["name"])}</a></div>'
        '<article class="detail">'
        f'<div class="date-line">{esc(date_line(a))}</div>'
        f'<h1 class="detail-title">{_legacy(esc(a.title), a)}</h1>'
        + _share(a)
        + sapo_html
        + _content(a, same, dead_here)
        + (f'<div class="tags"><span>Từ khóa:</span> {tag_html}</div>' if tags else "")
        + _share(a)
        + "</article>"
        f'<div class="box-related"><h3 class="box-title">Tin cùng chuyên mục</h3><ul>{more}</ul></div>'
        "</div>"
        + _sidebar(arts)
        + "</main>\n"
        + _footer(site)
    )


def _encode_legacy_page(text: str, encoding: str) -> bytes:
    """Chrome as ASCII with character references; marked segments in the legacy encoding."""
    from newsarchive.vietnamese import encode_legacy  # lazy: the converter may not exist yet

    out = bytearray()
    rest = text
    while _SEG_START in rest:
        before, _, tail = rest.partition(_SEG_START)
        segment, _, rest = tail.partition(_SEG_END)
        out += before.encode("ascii", "xmlcharrefreplace")
        out += encode_legacy(segment, encoding)
    out += rest.encode("ascii", "xmlcharrefreplace")
    return bytes(out)


def _print_page(a: _Art) -> str:
    paras = "".join(f"<p>{esc(str(p))}</p>" for p in a.raw["paragraphs"])
    sapo = f"<p><strong>{esc(OUTLET_PREFIX + str(a.raw['sapo']))}</strong></p>" if a.raw.get("sapo") else ""
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{esc(a.title)}</title>'
        f'<meta name="robots" content="noindex"></head><body onload="window.print()">'
        f"<h1>{esc(a.title)}</h1><p>{esc(date_line(a))}</p>{sapo}{paras}</body></html>"
    )


# --------------------------------------------------------------------------- listings


def _teaser(a: _Art) -> str:
    img = (a.raw.get("images") or [None])[0]
    thumb = (f'<a class="thumb" href="{a.path}"><img src="{image_path(img["file"])}" '
             f'alt="{esc(a.title)}"></a>' if img else "")
    summary = a.raw.get("sapo") or a.raw["paragraphs"][0]
    return (
        f'<div class="story">{thumb}<h3 class="story-title"><a href="{a.path}">{esc(a.title)}</a></h3>'
        f'<span class="time">{list_date(a)}</span><p class="summary">{esc(str(summary))}</p></div>'
    )


def _pager(slug: str, page_no: int, pages: int) -> str:
    if pages < 2:
        return ""
    links: list[str] = []
    if page_no > 1:
        links.append(f'<a href="{cat_path(slug, page_no - 1)}">Trang trước</a>')
    for n in range(1, pages + 1):
        links.append(f'<span class="active">{n}</span>' if n == page_no
                     else f'<a href="{cat_path(slug, n)}">{n}</a>')
    if page_no < pages:
        links.append(f'<a href="{cat_path(slug, page_no + 1)}" class="next">Trang sau</a>')
    return f'<div class="pagination">{"".join(links)}</div>'


def _listing(site: dict[str, Any], cats: list[dict[str, Any]], title: str, path: str,
             items: list[_Art], arts: list[_Art], pager: str) -> str:
    return (
        _head(f"{title} - {SITE_NAME}", BASE + path,
              extra='<meta property="og:type" content="website">\n')
        + _header(site, cats)
        + f'<main class="container"><div class="main-col"><h1 class="cat-title">{esc(title)}</h1>'
        + "".join(_teaser(a) for a in items)
        + pager
        + "</div>"
        + _sidebar(arts)
        + "</main>\n"
        + _footer(site)
    )


def _home(site: dict[str, Any], cats: list[dict[str, Any]], arts: list[_Art]) -> str:
    blocks = []
    for c in cats:
        in_cat = [a for a in arts if a.cat is c][:4]
        items = "".join(
            f'<li><a href="{a.path}">{esc(a.title)}</a> <span class="time">{list_date(a)}</span></li>'
            for a in in_cat
        )
        blocks.append(f'<section class="home-cat"><h2><a href="{cat_path(c["slug"])}">'
                      f'{esc(c["name"])}</a></h2><ul>{items}</ul></section>')
    return (
        _head(f"{SITE_NAME} - Tin tức Tây Ninh", f"{BASE}/",
              description="Báo Tây Ninh điện tử: tin tức chính trị, kinh tế, xã hội tỉnh Tây Ninh.",
              extra='<meta property="og:type" content="website">\n')
        + _header(site, cats)
        + '<main class="container"><div class="main-col">'
        f'<div class="featured">{_teaser(arts[0])}</div>'
        + "".join(blocks)
        + "</div>"
        + _sidebar(arts)
        + "</main>\n"
        + _footer(site)
    )


# --------------------------------------------------------------------------- truth


def _truth(a: _Art) -> dict[str, Any]:
    raw = a.raw
    _, author = _authors(a)
    return truth_article(
        url=a.url, source=SOURCE_ID, page_type=raw.get("page_type", "article"),
        title=a.title, sapo=raw.get("sapo"),
        body="\n\n".join(str(p) for p in raw["paragraphs"]),
        captions=[_caption(img)[1] for img in raw.get("images") or []],
        published=str(raw["published"]), modified=None, author=author,
        credit=raw.get("credit"), category=a.cat["name"],
        tags=[str(t) for t in raw.get("tags") or []],
        encoding=a.legacy or "utf-8", notes=raw.get("notes"),
    )


# --------------------------------------------------------------------------- build


def _article_path(raw: dict[str, Any]) -> str:
    if raw.get("page_type") == "video":
        return f"/video/xem-video/{raw['slug']}-{raw['id']}.html"
    return f"/{raw['slug']}-a{raw['id']}.html"


def build() -> Site:
    """Render every page of the Báo Tây Ninh mirror from ``content/baotayninh.yaml``."""
    data = load_content(SOURCE_ID)
    site = data["site"]
    cats = list(data["categories"])
    by_slug = {c["slug"]: c for c in cats}
    arts = [
        _Art(raw=raw, cat=by_slug[raw["category"]], when=parse_iso(str(raw["published"])),
             path=_article_path(raw))
        for raw in data["articles"]
    ]
    if any(a.legacy for a in arts):
        try:
            from newsarchive.vietnamese import encode_legacy  # noqa: F401
        except ImportError:
            LOGGER.warning("baotayninh: newsarchive.vietnamese.encode_legacy is missing; "
                           "the VNI page is left out")
            arts = [a for a in arts if not a.legacy]
    arts.sort(key=lambda a: a.when, reverse=True)
    if len({a.path for a in arts}) != len(arts):
        raise ValueError("baotayninh: two articles share a URL")

    pages: dict[str, Page] = {"/": page(_home(site, cats, arts))}
    truth: list[dict[str, Any]] = [truth_page(f"{BASE}/", SOURCE_ID, "home")]
    dead_host = next(a for a in arts if a.raw.get("related_inline"))
    for a in arts:
        if a.legacy:
            html_text = _article_page(site, cats, a, arts, a is dead_host, charset="windows-1252")
            pages[a.path] = Page(_encode_legacy_page(html_text, a.legacy),
                                 content_type="text/html; charset=windows-1252")
        else:
            pages[a.path] = page(_article_page(site, cats, a, arts, a is dead_host))
        pages[f"{PRINT_PREFIX}{a.raw['id']}.html"] = page(_print_page(a))
        truth.append(_truth(a))
        for img in a.raw.get("images") or []:
            pages[image_path(img["file"])] = image_page()

    for c in cats:
        in_cat = [a for a in arts if a.cat is c]
        n_pages = max(1, -(-len(in_cat) // PAGE_SIZE))
        for n in range(1, n_pages + 1):
            path = cat_path(c["slug"], n)
            chunk = in_cat[(n - 1) * PAGE_SIZE:n * PAGE_SIZE]
            pages[path] = page(_listing(site, cats, str(c["name"]), path, chunk, arts,
                                        _pager(c["slug"], n, n_pages)))
            truth.append(truth_page(BASE + path, SOURCE_ID, "listing"))

    for t in sorted({str(t) for a in arts for t in a.raw.get("tags") or []}):
        path = tag_path(t)
        tagged = [a for a in arts if t in (a.raw.get("tags") or [])]
        pages[path] = page(_listing(site, cats, t, path, tagged, arts, ""))
        truth.append(truth_page(BASE + path, SOURCE_ID, "tag"))

    pages[FEED_PATH] = rss(
        SITE_NAME, f"{BASE}/", "Tin mới nhất Báo Tây Ninh",
        [FeedItem(a.title, a.url, str(a.raw["published"]),
                  OUTLET_PREFIX + str(a.raw["sapo"]) if a.raw.get("sapo") else str(a.raw["paragraphs"][0]))
         for a in arts[:20]],
    )
    pages["/sitemap.xml"] = sitemap([(a.url, str(a.raw["published"])) for a in arts])
    pages["/robots.txt"] = robots([PRINT_PREFIX], [f"{BASE}/sitemap.xml"])
    LOGGER.debug("baotayninh: %d pages, %d articles", len(pages), len(arts))
    return Site(source_id=SOURCE_ID, host=HOST, scheme="https", pages=pages, truth=truth)
