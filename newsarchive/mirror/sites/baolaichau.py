"""Báo Lai Châu as a NukeViet 4 news module: ``/news/<cat>/<slug>-<id>.html``, dates like
"Thứ sáu - 14/06/2019 05:51", images under ``/uploads/news/YYYY_MM/``, the ``.hometext`` lead,
``#news-bodyhtml``, "Tác giả bài viết" / "Nguồn tin" lines, tag pages and "Tin liên quan" /
"Những tin mới hơn" / "Những tin cũ hơn" blocks.

Traps planted for extractors: the header clock uses the article date format with the crawl day;
``article:published_time`` carries NukeViet's well-known broken value (PHP's ``T`` format letter
prints the zone name, e.g. ``2019-06-14+0705:51:00``); bylines are either a "Tác giả bài viết"
field or a bold last line inside the body; one inline caption is a plain italic paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from newsarchive.mirror.common import (
    CRAWL_DAY,
    FeedItem,
    dmy,
    esc,
    image_page,
    iso_published,
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

SOURCE_ID = "baolaichau"
HOST = "baolaichau.vn"
BASE = f"https://{HOST}"
PAGE_SIZE = 4
DEAD_LINK = "/news/thoi-su/lai-chau-ra-quan-thang-thanh-nien-nam-2023-41102.html"
PRINT_PREFIX = "/news/print/"
SEARCH_PATH = "/seek/"
CRAWL_CLOCK = "08:30"


@dataclass
class _Art:
    raw: dict[str, Any]
    cat: dict[str, Any]
    when: datetime
    slug: str
    path: str
    truth: dict[str, Any]

    @property
    def id(self) -> int:
        return int(self.raw["id"])

    @property
    def title(self) -> str:
        return str(self.raw["title"])


def nv_date(when: datetime | date, clock: str | None = None) -> str:
    """``Thứ sáu - 14/06/2019 05:51`` (NukeViet prints zero-padded day/month and the time)."""
    hhmm = clock if clock is not None else when.strftime("%H:%M")
    return f"{weekday_vi(when, lower=True)} - {when.day:02d}/{when.month:02d}/{when.year} {hhmm}"


def upload(file: str) -> str:
    return f"/uploads/news/{file}"


def thumb(file: str) -> str:
    return f"/assets/news/{file}"


def tag_path(tag: str) -> str:
    return f"/news/tag/{slugify(tag)}"


def broken_meta_time(when: datetime) -> str:
    """What NukeViet 4 writes into article:published_time: ``date('Y-m-dTH:i:s')`` in PHP,
    where ``T`` is the zone abbreviation (``+07`` for Asia/Ho_Chi_Minh)."""
    return when.strftime("%Y-%m-%d") + "+07" + when.strftime("%H:%M:%S")


# --------------------------------------------------------------------------- frame


def _head(
    title: str, *, canonical: str | None = None, description: str = "", art: _Art | None = None
) -> str:
    extra = ""
    if canonical:
        extra += f'<link rel="canonical" href="{esc(canonical)}" />'
        extra += f'<meta property="og:url" content="{esc(canonical)}" />'
    if art is not None:
        extra += (
            '<meta property="og:type" content="article" />'
            f'<meta property="og:title" content="{esc(art.title)}" />'
            f'<meta property="og:description" content="{esc(description)}" />'
            f'<meta property="article:published_time" content="{broken_meta_time(art.when)}" />'
            f'<meta property="article:section" content="{esc(art.cat["name"])}" />'
        )
        for t in art.raw.get("tags") or []:
            extra += f'<meta property="article:tag" content="{esc(t)}" />'
        if art.raw.get("homeimg"):
            extra += (
                f'<meta property="og:image" content="{BASE}{upload(art.raw["homeimg"]["file"])}" />'
            )
    return (
        '<!DOCTYPE html>\n<html lang="vi" xmlns="http://www.w3.org/1999/xhtml" prefix="og: http://ogp.me/ns#">\n'
        '<head>\n<meta charset="utf-8" />'
        f"<title>{esc(title)} - Báo Lai Châu</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1" />'
        f'<meta name="description" content="{esc(description)}" />'
        '<meta name="generator" content="NukeViet v4.5" />'
        '<meta property="og:site_name" content="Báo Lai Châu" />'
        f"{extra}"
        '<link rel="alternate" href="/news/rss/" title="Tin Tức" type="application/rss+xml" />'
        '<link rel="StyleSheet" href="/themes/default/css/style.css" />'
        '<script src="/assets/js/jquery/jquery.min.js"></script>'
        "</head>\n"
    )


def _header(site: dict[str, Any], cats: list[dict[str, Any]]) -> str:
    menu = "".join(
        f'<li><a title="{esc(c["name"])}" href="/news/{c["slug"]}/">{esc(c["name"])}</a></li>'
        for c in cats
    )
    return (
        '<body>\n<div class="body-bg"><div class="wraper">'
        '<header><div class="container"><div id="header" class="row">'
        '<div class="logo col-xs-24 col-sm-24 col-md-8"><a title="Báo Lai Châu" href="/">'
        '<img src="/uploads/logo-bao-lai-chau.png" width="320" height="80" alt="Báo Lai Châu" />'
        "</a>"
        '<span class="site_name">Báo Lai Châu</span>'
        '<span class="site_description">Cơ quan của Đảng bộ Đảng Cộng sản Việt Nam tỉnh Lai '
        "Châu</span></div>"
        '<div class="col-md-16"><div class="current-time">'
        f"{esc(nv_date(CRAWL_DAY, CRAWL_CLOCK))}</div>"
        f'<form action="{SEARCH_PATH}" method="get" class="headerSearch"><input type="text" '
        'name="q" '
        'maxlength="60" placeholder="Tìm kiếm..." /><button type="submit">Tìm</button></form>'
        f'<a href="{SEARCH_PATH}?q=lai+ch%C3%A2u" class="advanced-search">Tìm kiếm nâng cao</a>'
        "</div>"
        "</div></div></header>\n"
        '<nav class="second-nav" id="menusite"><div class="container"><ul class="nav navbar-nav">'
        '<li><a title="Trang nhất" href="/"><em class="fa fa-lg fa-home">&nbsp;</em> Trang nhất</a>'
        "</li>"
        f"{menu}</ul></div></nav>\n"
        '<section><div class="container" id="body"><div class="row">'
    )


def _footer(site: dict[str, Any]) -> str:
    return (
        "</div></div></section>\n"
        '<footer id="footer" class="footer-nav"><div class="container"><div class="row">'
        '<div class="col-md-24"><div class="company_info">'
        f'<p class="company_name"><strong>{esc(site["name"])}</strong></p>'
        f"<p>{esc(site['editor'])}</p>"
        f"<p>Địa chỉ: {esc(site['address'])}</p>"
        f"<p>Điện thoại: {esc(site['phone'])}</p>"
        f"<p>{esc(site['licence'])}</p>"
        f"<p>© {site['copyright_year']} Bản quyền thuộc về Báo Lai Châu. "
        "Ghi rõ nguồn Báo Lai Châu khi phát hành lại thông tin từ website này.</p></div>"
        '<div class="social-icons"><a href="https://www.facebook.com/baolaichau.vn" '
        'rel="nofollow">Facebook</a> <a href="https://www.youtube.com/@baolaichau" '
        'rel="nofollow">Youtube</a></div>'
        '<p class="powered">Powered by <a href="https://nukeviet.vn" rel="nofollow">NukeViet</a>'
        "</p>"
        "</div></div></div></footer>\n</div></div>\n"
        '<script src="/themes/default/js/main.js"></script>\n</body>\n</html>\n'
    )


def _block_list(title: str, arts: list[_Art], *, dates: bool = True, css: str = "") -> str:
    items = "".join(
        f'<li class="clearfix"><a title="{esc(a.title)}" href="{a.path}">{esc(a.title)}</a>'
        + (f' <em class="text-muted">({dmy(a.when)})</em>' if dates else "")
        + "</li>"
        for a in arts
    )
    return (
        f'<div class="panel panel-default {css}"><div class="panel-heading">{esc(title)}</div>'
        f'<div class="panel-body"><ul class="block_news list-none">{items}</ul></div></div>'
    )


def _right_column(arts: list[_Art]) -> str:
    most = sorted(arts, key=lambda a: (a.id * 131) % 89)[:6]
    return (
        '<div class="col-sm-24 col-md-8">'
        + _block_list("Tin mới", arts[:6], css="block-newest")
        + '<div class="ads"><a href="https://dulichlaichau.vn/" target="_blank" rel="nofollow">'
        '<img src="/uploads/banners/banner-du-lich-lai-chau.jpg" alt="Du lịch Lai Châu" '
        'width="300" /></a></div>'
        + _block_list("Tin xem nhiều", most, dates=False, css="block-most-read")
        + "</div>"
    )


# --------------------------------------------------------------------------- article


def _caption_html(img: dict[str, Any]) -> str:
    html_text, _ = join_caption(str(img["caption"]))
    return html_text + (f" <em>{esc(img['credit'])}</em>" if img.get("credit") else "")


def _inline_image(img: dict[str, Any]) -> str:
    src = upload(img["file"])
    if img.get("style") == "em_paragraph":
        html_text, _ = join_caption(str(img["caption"]))
        credit = f" {esc(img['credit'])}" if img.get("credit") else ""
        return (
            f'<p style="text-align: center;"><img alt="" height="400" src="{src}" width="600" />'
            "</p>"
            f'<p style="text-align: center;"><em>{html_text}{credit}</em></p>'
        )
    return (
        f'<figure class="image"><img alt="" height="400" src="{src}" width="600" />'
        f"<figcaption>{_caption_html(img)}</figcaption></figure>"
    )


_AD_INSIDE = (
    '<div class="ads text-center"><a href="https://ocop.laichau.gov.vn/" target="_blank" '
    'rel="nofollow">'
    '<img src="/uploads/banners/ocop-lai-chau.gif" alt="Sản phẩm OCOP Lai Châu" width="600" /></a>'
    "</div>"
)


def _body_html(a: _Art, related: list[_Art]) -> str:
    raw = a.raw
    paras = list(raw["body"])
    images = list(raw.get("images") or [])
    gallery = raw.get("page_type") == "gallery"
    out: list[str] = []
    for i, p in enumerate(paras):
        out.append(f'<p style="text-align: justify;">{esc(p)}</p>')
        if images and not gallery and i == 0:
            out.append(_inline_image(images.pop(0)))
        if i == 0 and raw.get("ad_inside"):
            out.append(_AD_INSIDE)
        if i == 1 and raw.get("related_inside") and related:
            items = "".join(
                f'<li><a href="{r.path}">{esc(r.title)}</a> ({dmy(r.when)})</li>'
                for r in related[:2]
            )
            out.append(
                '<div class="related-inline"><p><strong>Tin liên quan:</strong></p><ul>'
                f"{items}</ul></div>"
            )
    out.extend(_inline_image(img) for img in images)
    if raw.get("author_style") == "bold" and raw.get("byline"):
        out.append(f'<p style="text-align: right;"><strong>{esc(raw["byline"])}</strong></p>')
    return "".join(out)


def _article_page(
    site: dict[str, Any], cats: list[dict[str, Any]], a: _Art, all_arts: list[_Art]
) -> str:
    raw = a.raw
    sapo = raw.get("sapo")
    desc = sapo or raw["body"][0][:160]
    same_cat = [o for o in all_arts if o.cat is a.cat and o is not a]
    newer = [o for o in same_cat if o.when > a.when][-4:]
    older = [o for o in same_cat if o.when < a.when][:4]
    tags = list(raw.get("tags") or [])
    related = [o for o in all_arts if o is not a and set(o.raw.get("tags") or []) & set(tags)][:4]
    home = raw.get("homeimg")
    homeimg_html = ""
    if home:
        homeimg_html = (
            '<figure class="article left pointer" onclick="modalShowByObj(\'#imghome\')">'
            f'<div style="width:460px;"><img id="imghome" alt="{esc(a.title)}" '
            f'src="{upload(home["file"])}" '
            'width="460" class="img-thumbnail" /></div>'
            f"<figcaption>{_caption_html(home)}</figcaption></figure>"
        )
    hometext = (
        f'<div class="hometext m-bottom" itemprop="description">{esc(sapo)}</div>' if sapo else ""
    )
    author_block = ""
    if raw.get("author_style") == "field" and raw.get("byline"):
        author_block += (
            '<p class="h5 text-right author"><strong>Tác giả bài viết: </strong>'
            f"{esc(raw['byline'])}</p>"
        )
    if raw.get("source"):
        author_block += (
            f'<p class="h5 text-right source">Nguồn tin: <strong>{esc(raw["source"])}</strong></p>'
        )
    tag_links = ", ".join(
        f'<a title="{esc(t)}" href="{tag_path(t)}"><em>{esc(t)}</em></a>' for t in tags
    )
    share_url = esc(BASE + a.path)
    iso = a.truth["published"]

    def block(title: str, items: list[_Art]) -> str:
        if not items:
            return ""
        lis = "".join(
            f'<li><em class="fa fa-angle-right">&nbsp;</em><a href="{o.path}" '
            f'title="{esc(o.title)}">'
            f"{esc(o.title)}</a> <em>({dmy(o.when)})</em></li>"
            for o in items
        )
        return (
            f'<p class="h3"><strong>{esc(title)}</strong></p><div class="clearfix">'
            f'<ul class="detail-related related list-none list-items">{lis}</ul></div>'
        )

    return (
        _head(a.title, canonical=BASE + a.path, description=desc, art=a)
        + _header(site, cats)
        + '<div class="col-sm-24 col-md-16">'
        f'<ul class="breadcrumbs"><li><a href="/" title="Trang nhất">Trang nhất</a></li>'
        f'<li><a href="/news/" title="Tin Tức">Tin Tức</a></li>'
        f'<li><a href="/news/{a.cat["slug"]}/" title="{esc(a.cat["name"])}">'
        f"{esc(a.cat['name'])}</a></li></ul>"
        '<div class="news_column panel panel-default" itemtype="http://schema.org/NewsArticle" '
        "itemscope>"
        '<div class="panel-body">'
        f'<h1 class="title margin-bottom-lg" itemprop="headline">{esc(a.title)}</h1>'
        f'<span class="hidden hide d-none" itemprop="datePublished">{esc(iso)}</span>'
        '<div class="row margin-bottom-lg"><div class="col-md-12">'
        f'<span class="h5">{esc(nv_date(a.when))}</span></div>'
        '<div class="col-md-12"><ul class="list-inline text-right">'
        '<li><a class="dimgray" rel="nofollow" title="In ra" '
        f'href="{PRINT_PREFIX}{a.cat["slug"]}/{a.slug}-{a.id}.html">'
        '<em class="fa fa-print fa-lg">&nbsp;</em> In ra</a></li>'
        '<li><a class="dimgray" title="Lưu bài viết này" href="javascript:void(0)" '
        'onclick="nv_save_file()">'
        '<em class="fa fa-save fa-lg">&nbsp;</em></a></li></ul></div></div>'
        f'<div class="clearfix">{homeimg_html}{hometext}</div>'
        f'<div id="news-bodyhtml" class="bodytext margin-bottom-lg">{_body_html(a, related)}</div>'
        f'<div class="margin-bottom-lg">{author_block}</div>'
        "</div></div>"
        + (
            '<div class="news_column panel panel-default"><div class="panel-body"><div class="h5">'
            f'<em class="fa fa-tags">&nbsp;</em><strong>Từ khóa: </strong>{tag_links}</div></div>'
            "</div>"
            if tags
            else ""
        )
        + '<div class="news_column panel panel-default"><div class="panel-body share-bar">'
        "<strong>Chia sẻ</strong> "
        f'<a href="https://www.facebook.com/sharer/sharer.php?u={share_url}" rel="nofollow" '
        'target="_blank">Facebook</a> '
        f'<a href="https://sp.zalo.me/share_inline?url={share_url}" rel="nofollow" target="_blank">'
        "Zalo</a> "
        f'<a href="https://twitter.com/intent/tweet?url={share_url}" rel="nofollow" '
        'target="_blank">Twitter</a>'
        "</div></div>"
        '<div class="news_column panel panel-default"><div class="panel-body other-news">'
        + block("Tin liên quan", related)
        + block("Những tin mới hơn", newer)
        + block("Những tin cũ hơn", older)
        + "</div></div></div>"
        + _right_column(all_arts)
        + _footer(site)
    )


def _print_page(a: _Art) -> str:
    paras = "".join(f"<p>{esc(p)}</p>" for p in a.raw["body"])
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8" /><meta name="robots" '
        'content="noindex" />'
        f"<title>{esc(a.title)}</title></head><body><h1>{esc(a.title)}</h1>"
        f"<p>{esc(nv_date(a.when))}</p>{paras}</body></html>"
    )


# --------------------------------------------------------------------------- listings


def _listing_item(a: _Art) -> str:
    home = a.raw.get("homeimg") or (a.raw.get("images") or [None])[0]
    img = (
        f'<a href="{a.path}" title="{esc(a.title)}"><img alt="{esc(a.title)}" '
        f'src="{thumb(home["file"])}" '
        'width="183" class="img-thumbnail pull-left imghome" /></a>'
        if home
        else ""
    )
    summary = a.raw.get("sapo") or a.raw["body"][0]
    return (
        '<div class="news_column panel panel-default"><div class="panel-body">'
        f'{img}<h3><a href="{a.path}" title="{esc(a.title)}">{esc(a.title)}</a></h3>'
        '<div class="text-muted"><ul class="list-unstyled list-inline">'
        f'<li><em class="fa fa-clock-o">&nbsp;</em> {esc(nv_date(a.when))}</li>'
        f'<li><em class="fa fa-eye">&nbsp;</em> Đã xem: {(a.id * 37) % 5000 + 120}</li></ul></div>'
        f"<p>{esc(summary)}</p></div></div>"
    )


def _pagination(base: str, current: int, total: int) -> str:
    def href(n: int) -> str:
        return base if n == 1 else f"{base}page-{n}"

    items = []
    if current > 1:
        items.append(f'<li><a href="{href(current - 1)}" title="Trang trước">&laquo;</a></li>')
    for n in range(1, total + 1):
        items.append(
            f'<li class="active"><a href="#">{n}</a></li>'
            if n == current
            else f'<li><a href="{href(n)}">{n}</a></li>'
        )
    if current < total:
        items.append(
            f'<li><a href="{href(current + 1)}" title="Trang sau">Trang sau &raquo;</a></li>'
        )
    return f'<div class="text-center"><ul class="pagination">{"".join(items)}</ul></div>'


def _listing_page(
    site: dict[str, Any],
    cats: list[dict[str, Any]],
    heading: str,
    base: str,
    arts: list[_Art],
    all_arts: list[_Art],
    n: int,
    total: int,
    desc: str,
) -> str:
    title = heading if n == 1 else f"{heading} - Trang {n}"
    return (
        _head(title, canonical=BASE + (base if n == 1 else f"{base}page-{n}"), description=desc)
        + _header(site, cats)
        + '<div class="col-sm-24 col-md-16">'
        f'<ul class="breadcrumbs"><li><a href="/" title="Trang nhất">Trang nhất</a></li>'
        f'<li><a href="/news/" title="Tin Tức">Tin Tức</a></li><li>{esc(heading)}</li></ul>'
        f'<h1 class="page-title">{esc(heading)}</h1>'
        + "".join(_listing_item(a) for a in arts)
        + (_pagination(base, n, total) if total > 1 else "")
        + "</div>"
        + _right_column(all_arts)
        + _footer(site)
    )


def _home_page(site: dict[str, Any], cats: list[dict[str, Any]], arts: list[_Art]) -> str:
    top = arts[0]
    blocks = []
    for c in cats:
        in_cat = [a for a in arts if a.cat is c][:3]
        blocks.append(
            f'<div class="panel panel-default news-cat"><div class="panel-heading">'
            f'<a href="/news/{c["slug"]}/" title="{esc(c["name"])}">{esc(c["name"])}</a></div>'
            '<div class="panel-body">' + "".join(_listing_item(a) for a in in_cat) + "</div></div>"
        )
    hot = _listing_item(top)
    latest = (
        "".join(
            f'<li><a href="{a.path}" title="{esc(a.title)}">{esc(a.title)}</a></li>'
            for a in arts[1:7]
        )
        + f'<li><a href="{DEAD_LINK}">Lai Châu ra quân Tháng Thanh niên năm 2023</a></li>'
    )
    return (
        _head("Trang nhất", canonical=BASE + "/", description="Báo Lai Châu điện tử")
        + _header(site, cats)
        + '<div class="col-sm-24 col-md-16">'
        f'<div class="hot-news">{hot}</div>'
        f'<div class="panel panel-default"><div class="panel-heading">Tin tiêu điểm</div>'
        f'<div class="panel-body"><ul class="list-none">{latest}</ul></div></div>'
        + "".join(blocks)
        + "</div>"
        + _right_column(arts)
        + _footer(site)
    )


# --------------------------------------------------------------------------- build


def _make_art(raw: dict[str, Any], cat: dict[str, Any]) -> _Art:
    day = raw["day"] if isinstance(raw["day"], date) else date.fromisoformat(str(raw["day"]))
    hh, mm = (int(x) for x in str(raw["time"]).split(":"))
    when = datetime(day.year, day.month, day.day, hh, mm)
    slug = raw.get("slug") or slugify(raw["title"])
    path = f"/news/{cat['slug']}/{slug}-{raw['id']}.html"
    captions = []
    for img in [raw.get("homeimg"), *(raw.get("images") or [])]:
        if img:
            _, text = join_caption(str(img["caption"]))
            captions.append(
                {"text": text, "image_url": BASE + upload(img["file"]), "credit": img.get("credit")}
            )
    truth = truth_article(
        url=BASE + path,
        source=SOURCE_ID,
        page_type=raw.get("page_type", "article"),
        title=raw["title"],
        sapo=raw.get("sapo"),
        body="\n\n".join(raw["body"]),
        captions=captions,
        published=iso_published(day.isoformat(), str(raw["time"])),
        author=raw.get("author"),
        credit=raw.get("credit"),
        category=cat["name"],
        tags=list(raw.get("tags") or []),
        notes=raw.get("notes"),
    )
    return _Art(raw=raw, cat=cat, when=when, slug=slug, path=path, truth=truth)


def build() -> Site:
    """Render every page of the NukeViet site."""
    content = load_content(SOURCE_ID)
    site = content["site"]
    cats = list(content["categories"])
    by_slug = {c["slug"]: c for c in cats}
    arts = sorted(
        (_make_art(r, by_slug[r["cat"]]) for r in content["articles"]),
        key=lambda a: (a.when, a.id),
        reverse=True,
    )
    pages: dict[str, Page] = {}
    truth: list[dict[str, Any]] = [truth_page(BASE + "/", SOURCE_ID, "home")]

    pages["/"] = page(_home_page(site, cats, arts))
    pages["/news/"] = pages["/"]
    for c in cats:
        in_cat = [a for a in arts if a.cat is c]
        base = f"/news/{c['slug']}/"
        total = max(1, -(-len(in_cat) // PAGE_SIZE))
        for n in range(1, total + 1):
            path = base if n == 1 else f"{base}page-{n}"
            chunk = in_cat[(n - 1) * PAGE_SIZE : n * PAGE_SIZE]
            pages[path] = page(
                _listing_page(
                    site,
                    cats,
                    str(c["name"]),
                    base,
                    chunk,
                    arts,
                    n,
                    total,
                    f"Tin tức {c['name']} tỉnh Lai Châu",
                )
            )
            if c is cats[0] and n <= 2:
                truth.append(truth_page(BASE + path, SOURCE_ID, "listing"))
        pages[f"/news/rss/{c['slug']}/"] = rss(
            f"Báo Lai Châu - {c['name']}",
            BASE + base,
            str(c["name"]),
            [
                FeedItem(a.title, BASE + a.path, a.truth["published"], a.raw.get("sapo") or "")
                for a in in_cat
            ],
        )

    all_tags: dict[str, list[_Art]] = {}
    for a in arts:
        for t in a.raw.get("tags") or []:
            all_tags.setdefault(t, []).append(a)
    first_tag = True
    for t, tagged in all_tags.items():
        pages[tag_path(t)] = page(
            _listing_page(
                site, cats, t, tag_path(t), tagged, arts, 1, 1, f"Các bài viết có từ khóa {t}"
            )
        )
        if first_tag and len(tagged) > 1:
            truth.append(truth_page(BASE + tag_path(t), SOURCE_ID, "tag"))
            first_tag = False

    for a in arts:
        pages[a.path] = page(_article_page(site, cats, a, arts))
        pages[f"{PRINT_PREFIX}{a.cat['slug']}/{a.slug}-{a.id}.html"] = page(_print_page(a))
        truth.append(a.truth)
        for img in [a.raw.get("homeimg"), *(a.raw.get("images") or [])]:
            if img:
                pages[upload(img["file"])] = image_page()
                pages[thumb(img["file"])] = image_page()

    pages["/news/rss/"] = rss(
        "Báo Lai Châu - Tin Tức",
        BASE + "/news/",
        "Tin tức mới nhất tỉnh Lai Châu",
        [
            FeedItem(a.title, BASE + a.path, a.truth["published"], a.raw.get("sapo") or "")
            for a in arts[:20]
        ],
    )
    pages["/sitemap.xml"] = sitemap(
        [(BASE + "/", None)]
        + [(BASE + f"/news/{c['slug']}/", None) for c in cats]
        + [(BASE + a.path, a.truth["published"]) for a in arts]
    )
    pages["/robots.txt"] = robots(
        ["/admin/", "/includes/", "/install/", PRINT_PREFIX, SEARCH_PATH], [BASE + "/sitemap.xml"]
    )
    search = page(
        _head("Tìm kiếm")
        + _header(site, cats)
        + '<div class="col-md-24"><p>Không tìm thấy kết quả nào phù hợp.</p></div>'
        + _footer(site)
    )
    pages[SEARCH_PATH] = search
    pages[SEARCH_PATH + "?q=lai+ch%C3%A2u"] = search
    for path in (
        "/uploads/logo-bao-lai-chau.png",
        "/uploads/banners/banner-du-lich-lai-chau.jpg",
        "/uploads/banners/ocop-lai-chau.gif",
    ):
        pages[path] = image_page()
    pages["/themes/default/css/style.css"] = page("body{font-family:Roboto,Arial}", "text/css")
    pages["/assets/js/jquery/jquery.min.js"] = page("/* jQuery */", "application/javascript")
    pages["/themes/default/js/main.js"] = page("/* NukeViet */", "application/javascript")
    assert DEAD_LINK not in pages
    pages["/404"] = not_found(str(site["name"]))
    return Site(source_id=SOURCE_ID, host=HOST, scheme="https", pages=pages, truth=truth)
