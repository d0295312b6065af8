"""Báo Hà Giang as a WordPress news theme: Yoast-style JSON-LD ``@graph`` in <head>, og:/article:
meta tags, ``.entry-content`` with lazy-loaded wp-caption figures, category archives with
``/page/2/``, tag archives, a Yoast sitemap index and a ``/feed/``.

Traps planted for extractors: the header clock shows the crawl day; og:title carries the site
suffix on some posts; og:description is an excerpt when there is no sapo; one post's JSON-LD dates
are the render time (the visible date is right); JSON-LD names the posting account as author on
reposts; the sapo is a bold first paragraph *inside* ``.entry-content`` on some posts; related
links and ads sit inside the body on some posts; one post carries a script / onerror / javascript:
plant (security tests).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, TYPE_CHECKING

from newsarchive.mirror.common import (
    CRAWL_DAY,
    FeedItem,
    dmy,
    esc,
    image_page,
    load_content,
    page,
    parse_iso,
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
    from datetime import datetime

LOGGER = logging.getLogger(__name__)

SOURCE_ID = "baohagiang"
HOST = "baohagiang.vn"
BASE = f"https://{HOST}"
SITE_NAME = "Báo Hà Giang"
PAGE_SIZE = 6
#: An article-looking URL linked from a related block that answers 404.
DEAD_LINK = "/2021/06/le-hoi-long-tong-xa-ho-quang-phin/"
#: Linked from every page's menu, disallowed by robots.txt.
SEARCH_PATH = "/search/"
DISALLOWED = ["/wp-admin/", SEARCH_PATH]
#: What a stale schema cache wrote into one post's JSON-LD: the render time on the crawl day.
RENDER_TIME = f"{CRAWL_DAY.isoformat()}T06:12:31+07:00"
LAZY_PLACEHOLDER = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"

PLANT_SCRIPT = "<script>window.__pwned=1</script>"
PLANT_IMG = '<img src="x" onerror="window.__pwned=2">'
PLANT_HREF = "javascript:window.__pwned=3"


@dataclass
class _Art:
    """One post as the renderer needs it."""

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


# --------------------------------------------------------------------------- small formats


def visible_date(d: datetime) -> str:
    """``Thứ Ba, 10/12/2024 - 08:45``."""
    return f"{weekday_vi(d)}, {dmy(d)} - {d.hour:02d}:{d.minute:02d}"


def upload_url(file: str) -> str:
    return f"{BASE}/wp-content/uploads/{file}"


def tag_path(tag: str) -> str:
    return f"/tag/{slugify(tag)}/"


def cat_path(slug: str, page_no: int = 1) -> str:
    return f"/category/{slug}/" if page_no == 1 else f"/category/{slug}/page/{page_no}/"


def _plain(text: str) -> str:
    """Paragraph text as a reader sees it (the plant's ``<a>`` markers dropped)."""
    return text.replace("<a>", "").replace("</a>", "")


def _byline(raw: dict[str, Any]) -> tuple[str | None, str | None]:
    """(printed byline HTML or None, truth author or None)."""
    by = raw.get("byline") or {"style": "none", "names": []}
    names = [str(n) for n in by.get("names") or []]
    printed = " - ".join(names)
    style = by.get("style", "none")
    author = "; ".join(names) or None
    right = '<p style="text-align: right;">'
    if style == "bai_anh":
        return f"{right}<strong>Bài và ảnh: {esc(printed)}</strong></p>", author
    if style == "bai":
        return f"{right}<strong>Bài, ảnh: {esc(printed)}</strong></p>", author
    if style == "tin_anh":
        return f"{right}<strong>Tin, ảnh: {esc(printed)}</strong></p>", author
    if style == "anh":
        return f"{right}<strong>Ảnh: {esc(printed)}</strong></p>", author
    if style == "bold":
        return f"{right}<strong>{esc(printed)}</strong></p>", author
    if style == "theo":
        return f"{right}<em>Theo {esc(raw['credit'])}</em></p>", None
    return None, None


def _caption(img: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(caption HTML, truth caption) for one image."""
    lines = [str(x) for x in img.get("lines") or [img["text"]]]
    text_html = "<br>\n".join(esc(x) for x in lines)
    credit = img.get("credit")
    style = img.get("credit_style", "plain")
    truth_credit: str | None = None
    if credit and style == "plain":
        text_html += f" <em>Ảnh: {esc(credit)}</em>"
        truth_credit = f"Ảnh: {credit}"
    elif credit and style == "paren":
        text_html += f" (Ảnh: {esc(credit)})"
        truth_credit = f"Ảnh: {credit}"
    elif credit and style == "raw":
        text_html += f" ({esc(credit)})"
        truth_credit = str(credit)
    truth = {"text": " ".join(lines), "image_url": upload_url(img["file"]), "credit": truth_credit}
    return text_html, truth


def _img_tag(img: dict[str, Any], n: int) -> str:
    src = upload_url(img["file"])
    return (
        f'<img decoding="async" width="800" height="533" src="{LAZY_PLACEHOLDER}" '
        f'data-src="{esc(src)}" alt="" class="lazyload size-large wp-image-{n}">'
        f'<noscript><img src="{esc(src)}" alt="" class="size-large wp-image-{n}"></noscript>'
    )


def _figure(img: dict[str, Any], n: int) -> str:
    cap, _ = _caption(img)
    kind = img.get("kind", "block")
    if kind == "classic":
        return (
            f'<div id="attachment_{n}" class="wp-caption aligncenter" style="width: 810px">'
            f'{_img_tag(img, n)}<p id="caption-attachment-{n}" class="wp-caption-text">{cap}</p></div>'
        )
    if kind == "gallery":
        return (
            f'<figure class="gallery-item"><div class="gallery-icon landscape">{_img_tag(img, n)}'
            f'</div><figcaption class="wp-caption-text gallery-caption">{cap}</figcaption></figure>'
        )
    return (
        f'<figure class="wp-block-image size-large">{_img_tag(img, n)}'
        f'<figcaption class="wp-element-caption">{cap}</figcaption></figure>'
    )


# --------------------------------------------------------------------------- chrome


def _head(title: str, *, canonical: str, description: str = "", extra: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="vi" prefix="og: https://ogp.me/ns#">\n<head>\n'
        '<meta charset="UTF-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        + (f'<meta name="description" content="{esc(description)}">\n' if description else "")
        + f'<link rel="canonical" href="{esc(canonical)}">\n'
        '<meta property="og:locale" content="vi_VN">\n'
        f'<meta property="og:site_name" content="{SITE_NAME}">\n'
        f"{extra}"
        f'<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} &raquo; Dòng thông tin" '
        f'href="{BASE}/feed/">\n'
        "<link rel='stylesheet' id='td-theme-css' href='/wp-content/themes/newspaper/style.css?ver=12.6' "
        "type='text/css' media='all'>\n"
        '<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>\n'
        "</head>\n"
    )


def _header(site: dict[str, Any], cats: list[dict[str, Any]], body_class: str) -> str:
    menu = "".join(
        f'<li class="menu-item"><a href="{cat_path(c["slug"])}">{esc(c["name"])}</a></li>'
        for c in cats
    )
    today = f"{weekday_vi(CRAWL_DAY)}, {dmy(CRAWL_DAY)}"
    return (
        f'<body class="{body_class}">\n<div id="td-outer-wrap">\n'
        '<div class="td-header-top-menu"><div class="td-header-date">'
        f'<span class="td_data_time">{esc(today)}</span></div>'
        '<div class="td-header-weather">Hà Giang 18°C</div></div>\n'
        '<div class="td-header-logo"><a href="/"><img src="/wp-content/uploads/2021/03/logo-bhg.png" '
        f'alt="{SITE_NAME}"></a><span class="tagline">{esc(site["tagline"])}</span></div>\n'
        '<nav class="td-header-menu"><ul id="menu-main-menu" class="sf-menu">'
        '<li class="menu-item"><a href="/">Trang chủ</a></li>'
        f'{menu}<li class="menu-item menu-search"><a href="{SEARCH_PATH}">Tìm kiếm</a></li>'
        "</ul></nav>\n"
        '<div class="td-header-ad"><a href="https://dulichhagiang.vn/" target="_blank" rel="nofollow">'
        '<img src="/wp-content/uploads/banner/le-hoi-hoa-tam-giac-mach-970x90.jpg" alt="Quảng cáo">'
        "</a></div>\n"
    )


def _sidebar(arts: list[_Art]) -> str:
    newest = arts[:5]
    popular = sorted(arts, key=lambda a: int(a.raw["post_id"]) % 7)[:5]
    new_items = "".join(
        f'<li><a href="{a.path}">{esc(a.title)}</a> <span class="td-post-date">{dmy(a.when)}</span></li>'
        for a in newest
    )
    pop_items = "".join(f'<li><a href="{a.path}">{esc(a.title)}</a></li>' for a in popular)
    return (
        '<aside class="td-pb-span4 td-main-sidebar">'
        f'<div class="td_block_wrap"><h4 class="block-title">Tin mới</h4><ul>{new_items}</ul></div>'
        f'<div class="td_block_wrap"><h4 class="block-title">Xem nhiều nhất</h4><ul>{pop_items}</ul></div>'
        '<div class="ads"><a href="https://www.vietcombank.com.vn/" target="_blank" rel="nofollow">'
        '<img src="/wp-content/uploads/banner/vcb-300x250.jpg" alt="Quảng cáo"></a></div>'
        "</aside>\n"
    )


def _footer(site: dict[str, Any]) -> str:
    return (
        '<footer class="td-footer-wrapper"><div class="footer-info">'
        f"<p><strong>{SITE_NAME.upper()}</strong> - {esc(site['tagline'])}</p>"
        f"<p>{esc(site['editor'])}</p>"
        f"<p>Địa chỉ: {esc(site['address'])}. Điện thoại: {esc(site['phone'])}</p>"
        f"<p>{esc(site['licence'])}</p>"
        '<p><a href="/gioi-thieu/">Giới thiệu</a> | <a href="/lien-he/">Liên hệ</a> | '
        f'<a href="{BASE}/feed/">RSS</a></p>'
        f'<p class="copyright">&copy; {site["copyright_year"]} {SITE_NAME}. '
        "Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p>"
        "</div></footer>\n</div>\n"
        "<script src='/wp-content/themes/newspaper/js/tagdiv_theme.min.js?ver=12.6'></script>\n"
        "</body>\n</html>\n"
    )


def _share(a: _Art) -> str:
    u = esc(a.url)
    return (
        '<div class="td-post-sharing"><span class="td-post-share-title">Chia sẻ</span>'
        f'<a class="td-social-facebook" href="https://www.facebook.com/sharer.php?u={u}" '
        'target="_blank" rel="nofollow">Facebook</a>'
        f'<a class="td-social-zalo" href="https://sp.zalo.me/share_inline?url={u}" target="_blank" '
        'rel="nofollow">Zalo</a>'
        f'<a class="td-social-twitter" href="https://twitter.com/intent/tweet?url={u}" '
        'target="_blank" rel="nofollow">Twitter</a></div>'
    )


# --------------------------------------------------------------------------- article


def _excerpt(text: str, limit: int = 150) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " […]"


def _jsonld(a: _Art, site: dict[str, Any]) -> str:
    raw = a.raw
    url = a.url
    published = raw["published"]
    modified = raw.get("modified")
    if raw.get("jsonld_wrong_date"):
        published = modified = RENDER_TIME
    names = [str(n) for n in (raw.get("byline") or {}).get("names") or []]
    if (raw.get("byline") or {}).get("style") in (None, "none", "theo") or not names:
        names = [site["posting_account"]]
    persons = [
        {"@type": "Person", "@id": f"{BASE}/#/schema/person/{slugify(n)}", "name": n,
         "url": f"{BASE}/author/{slugify(n)}/"}
        for n in names
    ]
    article: dict[str, Any] = {
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "isPartOf": {"@id": url},
        "author": persons[0] if len(persons) == 1 else persons,
        "headline": a.title,
        "datePublished": published,
        "mainEntityOfPage": {"@id": url},
        "publisher": {"@id": f"{BASE}/#organization"},
        "keywords": list(raw.get("tags") or []),
        "articleSection": [a.cat["name"]],
        "inLanguage": "vi",
    }
    if modified:
        article["dateModified"] = modified
    images = raw.get("images") or []
    graph: list[dict[str, Any]] = [article]
    webpage: dict[str, Any] = {
        "@type": "WebPage", "@id": url, "url": url, "name": f"{a.title} - {SITE_NAME}",
        "isPartOf": {"@id": f"{BASE}/#website"}, "datePublished": published,
        "breadcrumb": {"@id": f"{url}#breadcrumb"}, "inLanguage": "vi",
    }
    if modified:
        webpage["dateModified"] = modified
    if images:
        img_url = upload_url(images[0]["file"])
        article["image"] = {"@id": f"{url}#primaryimage"}
        article["thumbnailUrl"] = img_url
        webpage["primaryImageOfPage"] = {"@id": f"{url}#primaryimage"}
        graph.append(webpage)
        graph.append({"@type": "ImageObject", "inLanguage": "vi", "@id": f"{url}#primaryimage",
                      "url": img_url, "contentUrl": img_url, "width": 800, "height": 533})
    else:
        graph.append(webpage)
    graph.append({
        "@type": "BreadcrumbList", "@id": f"{url}#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": f"{BASE}/"},
            {"@type": "ListItem", "position": 2, "name": a.cat["name"],
             "item": BASE + cat_path(a.cat["slug"])},
            {"@type": "ListItem", "position": 3, "name": a.title},
        ],
    })
    graph.append({"@type": "WebSite", "@id": f"{BASE}/#website", "url": f"{BASE}/",
                  "name": SITE_NAME, "publisher": {"@id": f"{BASE}/#organization"},
                  "inLanguage": "vi"})
    graph.append({"@type": "Organization", "@id": f"{BASE}/#organization", "name": SITE_NAME,
                  "url": f"{BASE}/",
                  "logo": {"@type": "ImageObject", "url": f"{BASE}/wp-content/uploads/2021/03/logo-bhg.png"},
                  "sameAs": ["https://www.facebook.com/baohagiang"]})
    graph.extend(persons)
    data = {"@context": "https://schema.org", "@graph": graph}
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json" class="yoast-schema-graph">{text}</script>\n'


def _related_inline(others: list[_Art], dead: bool) -> str:
    items = "".join(
        f'<li><a href="{o.path}">{esc(o.title)}</a> <span class="rel-date">({dmy(o.when)})</span></li>'
        for o in others
    )
    if dead:
        items += (
            f'<li><a href="{DEAD_LINK}">Lễ hội Lồng Tồng xã Hồ Quáng Phìn</a> '
            '<span class="rel-date">(14/06/2021)</span></li>'
        )
    return (
        '<div class="td-related-inline"><p><strong>Tin liên quan:</strong></p>'
        f"<ul>{items}</ul></div>"
    )


_AD_INSIDE = (
    '<div class="ads ads-inline"><a href="https://www.agribank.com.vn/" target="_blank" '
    'rel="nofollow"><img src="/wp-content/uploads/banner/agribank-728x90.jpg" alt="Quảng cáo" '
    'width="728" height="90"></a></div>'
)


def _entry_content(a: _Art, others: list[_Art], dead_link_here: bool) -> str:
    raw = a.raw
    parts: list[str] = []
    if raw.get("sapo") and raw.get("sapo_style") == "inline":
        parts.append(f"<p><strong>{esc(raw['sapo'])}</strong></p>")
    images = list(raw.get("images") or [])
    gallery = raw.get("page_type") == "gallery"
    pid = int(raw["post_id"])
    paras = [str(p) for p in raw["paragraphs"]]
    for i, p in enumerate(paras):
        text = esc(p)
        if raw.get("plant"):
            text = text.replace("&lt;a&gt;", f'<a href="{PLANT_HREF}">').replace("&lt;/a&gt;", "</a>")
            if i == 0:
                text += PLANT_SCRIPT
            if i == len(paras) - 1:
                text += " " + PLANT_IMG
        parts.append(f"<p>{text}</p>")
        if not gallery:
            for k, img in enumerate(images):
                if int(img.get("after", 0)) == i:
                    parts.append(_figure(img, pid + 1 + k))
        if i == 0 and raw.get("ads_inline"):
            parts.append(_AD_INSIDE)
        if i == min(1, len(paras) - 1) and raw.get("related_inline"):
            parts.append(_related_inline(others[:3], dead_link_here))
    if gallery:
        figs = "".join(_figure(img, pid + 1 + k) for k, img in enumerate(images))
        parts.append(f'<div id="gallery-1" class="gallery galleryid-{pid} gallery-columns-1">{figs}</div>')
    byline, _ = _byline(raw)
    if byline:
        parts.append(byline)
    return '<div class="td-post-content tagdiv-type entry-content">' + "".join(parts) + "</div>"


def _article_page(site: dict[str, Any], cats: list[dict[str, Any]], a: _Art,
                  arts: list[_Art], dead_link_here: bool) -> str:
    raw = a.raw
    same = [o for o in arts if o.cat is a.cat and o is not a]
    sapo = raw.get("sapo")
    desc = sapo or _excerpt(_plain(str(raw["paragraphs"][0])))
    og_title = a.title + (f" - {SITE_NAME}" if raw.get("og_suffix") else "")
    tags = [str(t) for t in raw.get("tags") or []]
    images = raw.get("images") or []
    names = [str(n) for n in (raw.get("byline") or {}).get("names") or []]
    meta_author = ", ".join(names) if names and raw["byline"]["style"] != "theo" else site["posting_account"]
    extra = (
        '<meta property="og:type" content="article">\n'
        f'<meta property="og:title" content="{esc(og_title)}">\n'
        f'<meta property="og:description" content="{esc(desc)}">\n'
        f'<meta property="og:url" content="{esc(a.url)}">\n'
        '<meta property="article:publisher" content="https://www.facebook.com/baohagiang">\n'
        f'<meta property="article:section" content="{esc(a.cat["name"])}">\n'
        + "".join(f'<meta property="article:tag" content="{esc(t)}">\n' for t in tags)
        + f'<meta property="article:published_time" content="{esc(raw["published"])}">\n'
        + (f'<meta property="article:modified_time" content="{esc(raw["modified"])}">\n'
           if raw.get("modified") else "")
        + (f'<meta property="og:image" content="{esc(upload_url(images[0]["file"]))}">\n'
           if images else "")
        + f'<meta name="author" content="{esc(meta_author)}">\n'
        + f"<link rel='shortlink' href='{BASE}/?p={raw['post_id']}'>\n"
        + _jsonld(a, site)
    )
    modified_html = ""
    if raw.get("modified"):
        m = parse_iso(str(raw["modified"]))
        modified_html = (
            f' <span class="td-post-date-update">Cập nhật: {m.hour:02d}:{m.minute:02d}, {dmy(m)}</span>'
        )
    sapo_box = (
        f'<div class="td-post-sub-title">{esc(sapo)}</div>'
        if sapo and raw.get("sapo_style", "box") == "box" else ""
    )
    tag_html = "".join(f'<li><a href="{tag_path(t)}">{esc(t)}</a></li>' for t in tags)
    more = "".join(
        f'<div class="td_module_related"><h3 class="entry-title td-module-title">'
        f'<a href="{o.path}">{esc(o.title)}</a></h3>'
        f'<span class="td-post-date">{dmy(o.when)}</span></div>'
        for o in same[:4]
    )
    body_class = f"post-template-default single single-post postid-{raw['post_id']} single-format-standard"
    return (
        _head(f"{a.title} - {SITE_NAME}", canonical=a.url, description=desc, extra=extra)
        + _header(site, cats, body_class)
        + '<div class="td-main-content-wrap"><div class="td-pb-span8 td-main-content">'
        f'<article id="post-{raw["post_id"]}" class="post-{raw["post_id"]} post type-post '
        f'status-publish category-{a.cat["slug"]}">'
        '<div class="td-post-header"><div class="entry-crumbs"><span><a href="/">Trang chủ</a></span> '
        f'<i class="td-bread-sep"></i> <span><a href="{cat_path(a.cat["slug"])}">'
        f"{esc(a.cat['name'])}</a></span></div>"
        f'<ul class="td-category"><li class="entry-category"><a href="{cat_path(a.cat["slug"])}">'
        f"{esc(a.cat['name'])}</a></li></ul>"
        f'<header class="td-post-title"><h1 class="entry-title">{esc(a.title)}</h1>'
        '<div class="td-module-meta-info"><span class="td-post-date">'
        f'<time class="entry-date updated td-module-date" datetime="{esc(raw["published"])}">'
        f"{esc(visible_date(a.when))}</time></span>{modified_html}</div></header></div>"
        + _share(a)
        + sapo_box
        + _entry_content(a, same, dead_link_here)
        + '<footer><div class="td-post-source-tags"><ul class="td-tags td-post-small-box clearfix">'
        f'<li><span>TAGS</span></li>{tag_html}</ul></div>'
        + _share(a)
        + "</footer></article>"
        f'<div class="td_block_related_posts"><h4 class="td-related-title">Tin cùng chuyên mục</h4>{more}</div>'
        "</div>"
        + _sidebar(arts)
        + "</div>\n"
        + _footer(site)
    )


# --------------------------------------------------------------------------- listings


def _teaser(a: _Art) -> str:
    img = (a.raw.get("images") or [None])[0]
    thumb = (
        f'<div class="td-module-thumb"><a href="{a.path}"><img src="{esc(upload_url(img["file"]))}" '
        f'alt="{esc(a.title)}" width="218" height="150"></a></div>' if img else ""
    )
    summary = a.raw.get("sapo") or _plain(str(a.raw["paragraphs"][0]))
    return (
        f'<div class="td_module_10 td_module_wrap">{thumb}<div class="item-details">'
        f'<h3 class="entry-title td-module-title"><a href="{a.path}" rel="bookmark">{esc(a.title)}</a></h3>'
        f'<div class="td-module-meta-info"><span class="td-post-date"><time class="entry-date" '
        f'datetime="{esc(a.raw["published"])}">{dmy(a.when)}</time></span></div>'
        f'<div class="td-excerpt">{_excerpt(esc(summary), 160)}</div></div></div>'
    )


def _pager(base_slug: str, page_no: int, pages: int) -> str:
    if pages < 2:
        return ""
    links: list[str] = []
    if page_no > 1:
        links.append(f'<a href="{cat_path(base_slug, page_no - 1)}" class="prev">Trang trước</a>')
    for n in range(1, pages + 1):
        if n == page_no:
            links.append(f'<span class="current">{n}</span>')
        else:
            links.append(f'<a href="{cat_path(base_slug, n)}" class="page">{n}</a>')
    if page_no < pages:
        links.append(f'<a href="{cat_path(base_slug, page_no + 1)}" class="next">Trang sau</a>')
    return f'<div class="page-nav td-pb-padding-side">{"".join(links)}</div>'


def _listing_page(site: dict[str, Any], cats: list[dict[str, Any]], title: str, canonical: str,
                  items: list[_Art], arts: list[_Art], pager: str, body_class: str) -> str:
    return (
        _head(f"{title} - {SITE_NAME}", canonical=canonical,
              extra='<meta property="og:type" content="website">\n'
              f'<meta property="og:title" content="{esc(title)} - {SITE_NAME}">\n')
        + _header(site, cats, body_class)
        + '<div class="td-main-content-wrap"><div class="td-pb-span8 td-main-content">'
        f'<div class="td-category-header"><h1 class="entry-title td-page-title">{esc(title)}</h1></div>'
        + "".join(_teaser(a) for a in items)
        + pager
        + "</div>"
        + _sidebar(arts)
        + "</div>\n"
        + _footer(site)
    )


def _home(site: dict[str, Any], cats: list[dict[str, Any]], arts: list[_Art]) -> str:
    lead = arts[0]
    blocks = []
    for c in cats:
        in_cat = [a for a in arts if a.cat is c][:5]
        items = "".join(
            f'<li><a href="{a.path}">{esc(a.title)}</a> <span class="td-post-date">{dmy(a.when)}</span></li>'
            for a in in_cat
        )
        blocks.append(
            f'<div class="td_block_wrap td_block_home"><h4 class="block-title">'
            f'<a href="{cat_path(c["slug"])}">{esc(c["name"])}</a></h4><ul>{items}</ul></div>'
        )
    tags = sorted({str(t) for a in arts for t in a.raw.get("tags") or []})
    cloud = "".join(f'<a href="{tag_path(t)}" class="tag-cloud-link">{esc(t)}</a> ' for t in tags)
    return (
        _head(f"{SITE_NAME} - Tin tức, thời sự tỉnh Hà Giang", canonical=f"{BASE}/",
              description="Báo Hà Giang điện tử: tin tức thời sự, kinh tế, văn hóa, xã hội tỉnh Hà Giang.",
              extra='<meta property="og:type" content="website">\n')
        + _header(site, cats, "home page-template-default")
        + '<div class="td-main-content-wrap"><div class="td-pb-span8 td-main-content">'
        f'<div class="td_block_big_grid">{_teaser(lead)}</div>'
        + "".join(blocks)
        + f'<div class="widget_tag_cloud"><h4 class="block-title">Từ khóa</h4>{cloud}</div>'
        "</div>"
        + _sidebar(arts)
        + "</div>\n"
        + _footer(site)
    )


def _static_page(site: dict[str, Any], cats: list[dict[str, Any]], title: str, path: str,
                 text: str) -> str:
    return (
        _head(f"{title} - {SITE_NAME}", canonical=BASE + path)
        + _header(site, cats, "page-template-default page")
        + f'<div class="td-main-content-wrap"><h1 class="entry-title">{esc(title)}</h1>'
        f'<div class="entry-content"><p>{esc(text)}</p></div></div>\n'
        + _footer(site)
    )


def _sitemap_index(children: list[tuple[str, str]]) -> Page:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for loc, lastmod in children:
        parts.append(f"<sitemap><loc>{esc(loc)}</loc><lastmod>{esc(lastmod)}</lastmod></sitemap>")
    parts.append("</sitemapindex>")
    return page("\n".join(parts), "application/xml; charset=utf-8")


# --------------------------------------------------------------------------- truth


def _truth(a: _Art) -> dict[str, Any]:
    raw = a.raw
    captions = [_caption(img)[1] for img in raw.get("images") or []]
    _, author = _byline(raw)
    return truth_article(
        url=a.url, source=SOURCE_ID, page_type=raw.get("page_type", "article"),
        title=a.title, sapo=raw.get("sapo"),
        body="\n\n".join(_plain(str(p)) for p in raw["paragraphs"]), captions=captions,
        published=raw["published"], modified=raw.get("modified"), author=author,
        credit=raw.get("credit"), category=a.cat["name"],
        tags=[str(t) for t in raw.get("tags") or []], notes=raw.get("notes"),
    )


# --------------------------------------------------------------------------- build


def build() -> Site:
    """Render every page of the Báo Hà Giang mirror from ``content/baohagiang.yaml``."""
    data = load_content(SOURCE_ID)
    site = data["site"]
    cats = list(data["categories"])
    by_slug = {c["slug"]: c for c in cats}
    arts: list[_Art] = []
    for raw in data["articles"]:
        when = parse_iso(str(raw["published"]))
        path = f"/{when.year}/{when.month:02d}/{raw['slug']}/"
        arts.append(_Art(raw=raw, cat=by_slug[raw["category"]], when=when, path=path))
    arts.sort(key=lambda a: a.when, reverse=True)
    if len({a.path for a in arts}) != len(arts):
        raise ValueError("baohagiang: two posts share a URL")

    pages: dict[str, Page] = {}
    truth: list[dict[str, Any]] = [truth_page(f"{BASE}/", SOURCE_ID, "home")]
    pages["/"] = page(_home(site, cats, arts))

    dead_host = next(a for a in arts if a.raw.get("related_inline"))
    for a in arts:
        pages[a.path] = page(_article_page(site, cats, a, arts, a is dead_host))
        truth.append(_truth(a))
        for img in a.raw.get("images") or []:
            pages[f"/wp-content/uploads/{img['file']}"] = image_page()

    for c in cats:
        in_cat = [a for a in arts if a.cat is c]
        n_pages = max(1, -(-len(in_cat) // PAGE_SIZE))
        for n in range(1, n_pages + 1):
            chunk = in_cat[(n - 1) * PAGE_SIZE:n * PAGE_SIZE]
            path = cat_path(c["slug"], n)
            pages[path] = page(_listing_page(
                site, cats, str(c["name"]), BASE + path, chunk, arts,
                _pager(c["slug"], n, n_pages), f"archive category category-{c['slug']}"))
            truth.append(truth_page(BASE + path, SOURCE_ID, "listing"))

    tags = sorted({str(t) for a in arts for t in a.raw.get("tags") or []})
    for t in tags:
        path = tag_path(t)
        tagged = [a for a in arts if t in (a.raw.get("tags") or [])]
        pages[path] = page(_listing_page(site, cats, t, BASE + path, tagged, arts, "",
                                         f"archive tag tag-{slugify(t)}"))
        truth.append(truth_page(BASE + path, SOURCE_ID, "tag"))

    pages[SEARCH_PATH] = page(_static_page(site, cats, "Tìm kiếm", SEARCH_PATH,
                                           "Nhập từ khóa để tìm kiếm tin bài."))
    pages["/gioi-thieu/"] = page(_static_page(
        site, cats, "Giới thiệu", "/gioi-thieu/",
        "Báo Hà Giang là cơ quan ngôn luận của Đảng bộ tỉnh, diễn đàn của nhân dân các dân tộc tỉnh Hà Giang."))
    pages["/lien-he/"] = page(_static_page(
        site, cats, "Liên hệ", "/lien-he/", f"{site['address']}. Điện thoại: {site['phone']}."))

    pages["/feed/"] = rss(
        SITE_NAME, f"{BASE}/", "Tin tức, thời sự tỉnh Hà Giang",
        [FeedItem(a.title, a.url, str(a.raw["published"]),
                  str(a.raw.get("sapo") or _plain(str(a.raw["paragraphs"][0]))))
         for a in arts[:20]],
    )
    pages["/post-sitemap.xml"] = sitemap(
        [(a.url, str(a.raw.get("modified") or a.raw["published"])) for a in arts])
    pages["/category-sitemap.xml"] = sitemap(
        [(BASE + cat_path(c["slug"]), str(arts[0].raw["published"])) for c in cats])
    newest = str(arts[0].raw.get("modified") or arts[0].raw["published"])
    pages["/sitemap.xml"] = _sitemap_index(
        [(f"{BASE}/post-sitemap.xml", newest), (f"{BASE}/category-sitemap.xml", newest)])
    pages["/robots.txt"] = robots(DISALLOWED, [f"{BASE}/sitemap.xml"])
    LOGGER.debug("baohagiang: %d pages, %d articles", len(pages), len(arts))
    return Site(source_id=SOURCE_ID, host=HOST, scheme="https", pages=pages, truth=truth)
