"""Báo Tây Ninh as observed in 2026: the "-a<id>.html" family with ``#contentNews
.singular-content`` and ``div.breadcrumb-news-detail`` (registry-evidence RE088, the family of
RE031/RE010), listing links ``a.title``, lead ``h4.sapo`` opening with "(BTN) - ".

The difficulty it carries (RE089): malformed HTML.  On every seventh article page the
document's ``<html>`` element is closed before ``<head>`` and ``<body>``, so libxml2's HTML parser
(lxml) stops at that first, empty root; the article is read only by parsing the document whole.
Their truth records carry ``needs: [whole_document]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsarchive.mirror.builder import PaperSite
from newsarchive.mirror.common import dmy, esc, page, weekday_vi
from newsarchive.mirror.paper import Art, Img, caption_html, jsonld, signature_html, today_line

if TYPE_CHECKING:
    from newsarchive.mirror.model import Page, Site

PREFIX = "(BTN) - "


class BaoTayNinh(PaperSite):
    source_id = "baotayninh"
    host = "baotayninh.vn"
    name = "Báo Tây Ninh"
    content = "baotayninh"
    feed_path = "/rss/tin-moi.rss"
    disallow = ("/in-bai/", "/tim-kiem")

    def article_path(self, a: Art) -> str:
        if a.page_type == "video":
            return f"/video/{a.slug}-a{a.id}.html"
        return f"/{a.slug}-a{a.id}.html"

    def cat_path(self, slug: str, n: int = 1) -> str:
        return f"/{slug}/" if n == 1 else f"/{slug}/?page={n}"

    def tag_path(self, tag: str) -> str:
        return f"/tag/{self.quoted_tag(tag)}.html"

    def image_path(self, a: Art, img: Img) -> str:
        return f"/image/fckeditor/upload/{img.file}"

    # ---- chrome ----------------------------------------------------------------------------
    def malformed(self, a: Art) -> bool:
        return self.arts.index(a) % 7 == 2

    def needs(self, a: Art) -> list[str]:
        return ["whole_document"] if self.malformed(a) else []

    def _doc(self, title: str, canonical: str, main: str, head: str = "",
             malformed: bool = False) -> Page:
        menu = "".join(f'<li><a href="{self.cat_path(str(c["slug"]))}">{esc(str(c["name"]))}'
                       "</a></li>" for c in self.cats)
        html = (
            # The malformed start RE089 records: <html> closed before <head> and <body>.
            ('<!DOCTYPE html>\n<html lang="vi"><!-- tn-portal v3 --></html>\n' if malformed
             else '<!DOCTYPE html>\n<html lang="vi">\n')
            + f'<head>\n<meta charset="utf-8">\n<title>{esc(title)}</title>\n'
            f'<link rel="canonical" href="{esc(canonical)}">\n'
            f'<meta property="og:site_name" content="{self.name}">\n{head}'
            f'<link rel="alternate" type="application/rss+xml" href="{self.feed_path}">\n'
            "</head>\n<body>\n"
            f'<header><div class="top-bar"><span class="today">{esc(today_line())}</span></div>'
            f'<a class="logo" href="/"><img src="/assets/images/logo-btn.png" alt="{self.name}">'
            f'</a><nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li>{menu}</ul></nav>'
            "</header>\n"
            f'<main class="container">{main}</main>\n'
            f'<footer class="site-footer"><p>{esc(str(self.site.get("slogan", "")))}</p>'
            f'<p>{esc(str(self.site.get("licence", "")))}</p>'
            f'<p><a href="{self.feed_path}">RSS</a></p></footer>\n'
            "</body>\n</html>\n"
        )
        return page(html)

    def _date(self, a: Art) -> str:
        w = a.when
        day = f"{weekday_vi(w, lower=True)}, {dmy(w)}"
        return f"{day} - {w.hour:02d}:{w.minute:02d}" if a.timed else day

    def sapo_truth(self, a: Art) -> str | None:
        return a.sapo

    def article_page(self, a: Art) -> Page:
        sapo = a.sapo
        printed_sapo = (PREFIX + sapo) if sapo and a.flags.get("prefix", True) else sapo
        body: list[str] = []
        if a.video:
            body.append(f'<div class="video-player"><video controls preload="none" '
                        f'src="/uploads/video/{esc(a.video)}"></video></div>')
        imgs = list(a.images)
        for i, p in enumerate(a.paragraphs):
            body.append(f'<p style="text-align: justify;">{esc(p)}</p>')
            if imgs and (i == 0 or i == len(a.paragraphs) // 2 + 1):
                img = imgs.pop(0)
                body.append(f'<figure class="image"><img src="{self.image_path(a, img)}" '
                            f'alt=""><figcaption>{caption_html(img)}</figcaption></figure>')
        for img in imgs:
            body.append(f'<figure class="image"><img src="{self.image_path(a, img)}" alt="">'
                        f"<figcaption>{caption_html(img)}</figcaption></figure>")
        body.append(signature_html(a))
        tags = "".join(f'<a href="{self.tag_path(t)}">{esc(t)}</a>' for t in a.tags)
        more = "".join(f'<li><a class="title" href="{o.path}">{esc(o.title)}</a></li>'
                       for o in self.same_cat(a))
        head = (f'<meta property="og:title" content="{esc(a.title)}">\n'
                f'<meta property="og:type" content="article">\n'
                + (f'<meta property="article:published_time" content="{a.published}">\n'
                   if a.timed else "")
                + jsonld(a, self.base + a.path, self.name,
                         [self.image_url(a, i) for i in a.images]))
        main = (
            '<div class="block-header-news-detail"><div class="breadcrumb-news-detail">'
            f'<a href="/">Trang chủ</a> <a href="{self.cat_path(a.cat)}">{esc(a.cat_name)}</a>'
            '</div></div>'
            '<div id="contentNews"><article class="detail">'
            f'<h1 class="title">{esc(a.title)}</h1>'
            f'<div class="date-time">{esc(self._date(a))}</div>'
            + (f'<h4 class="sapo">{esc(printed_sapo)}</h4>' if printed_sapo else "")
            + '<div class="singular-content">' + "".join(body) + "</div>"
            + (f'<div class="tags"><span>Từ khóa:</span> {tags}</div>' if tags else "")
            + '<div class="share"><a href="/in-bai/' + a.id + '.html" rel="nofollow">In bài</a>'
            "</div></article></div>"
            f'<div class="box-related"><h3>Tin cùng chuyên mục</h3><ul>{more}</ul></div>'
        )
        return self._doc(f"{a.title} - {self.name}", self.base + a.path, main, head,
                         malformed=self.malformed(a))

    def _item(self, a: Art) -> str:
        thumb = (f'<a class="thumb" href="{a.path}"><img src="{self.image_path(a, a.images[0])}"'
                 f' alt=""></a>' if a.images else "")
        summary = a.sapo or a.paragraphs[0]
        return (f'<div class="news-item">{thumb}<h3><a class="title" href="{a.path}">'
                f'{esc(a.title)}</a></h3><span class="time">{esc(self._date(a))}</span>'
                f'<p class="summary">{esc(summary)}</p></div>')

    def listing_page(self, title: str, path: str, items: list[Art], slug: str | None,
                     n: int, pages: int) -> Page:
        pager = ""
        if slug and pages > 1:
            links = [f'<a href="{self.cat_path(slug, k)}">{k}</a>' if k != n
                     else f"<span>{k}</span>" for k in range(1, pages + 1)]
            if n < pages:
                links.append(f'<a class="next" href="{self.cat_path(slug, n + 1)}">Trang sau</a>')
            pager = f'<div class="pagination">{"".join(links)}</div>'
        newest = "".join(f'<li><a href="{a.path}">{esc(a.title)}</a></li>'
                         for a in self.arts[:6])
        popular = "".join(f'<li><a href="{a.path}">{esc(a.title)}</a></li>'
                          for a in sorted(self.arts, key=lambda a: a.num % 11)[:5])
        main = (f'<h1 class="cat-title">{esc(title)}</h1><div class="list-news">'
                + "".join(self._item(a) for a in items) + pager + "</div>"
                f'<aside class="sidebar"><h3>Tin mới nhất</h3><ul>{newest}</ul>'
                f'<h3>Đọc nhiều</h3><ul>{popular}</ul></aside>')
        return self._doc(f"{title} - {self.name}", self.base + path, main)

    def home_page(self) -> Page:
        blocks = []
        for c in self.cats:
            items = "".join(self._item(a) for a in self.in_cat(str(c["slug"]))[:4])
            blocks.append(f'<section><h2><a href="{self.cat_path(str(c["slug"]))}">'
                          f'{esc(str(c["name"]))}</a></h2>{items}</section>')
        return self._doc(f"{self.name} - Tin tức Tây Ninh", self.base + "/", "".join(blocks))


def build() -> Site:
    return BaoTayNinh().build()
