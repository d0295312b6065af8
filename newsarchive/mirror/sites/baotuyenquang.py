"""Báo Tuyên Quang in the directory-style date-folder family (registry-evidence RE099, the CMS
also behind baodaklak.vn, RE021): articles at ``/<category>/<YYYYMM>/<slug>-<id>/`` with a
trailing slash, listing links ``a.title1`` ... ``a.title5``, headline ``h1.media-heading.title5``,
the lead as a bold first paragraph and the body in ``div.article_content div.content#content``.

Since 1 July 2025 the paper also covers the former Hà Giang province; the articles are the
mirror's own writing about that area.  This site also carries the sitemap variety the crawl must
read: ``/sitemap.xml`` is a sitemap index of gzipped yearly sitemaps (``.xml.gz``), named by a
``Sitemap:`` line in robots.txt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsarchive.mirror.builder import PaperSite
from newsarchive.mirror.common import dmy, esc, slugify, weekday_vi
from newsarchive.mirror.paper import Art, Img, caption_html, jsonld, signature_html

if TYPE_CHECKING:
    from newsarchive.mirror.model import Page, Site


class BaoTuyenQuang(PaperSite):
    source_id = "baotuyenquang"
    host = "baotuyenquang.com.vn"
    name = "Báo Tuyên Quang"
    content = "baohagiang"
    feed_path = None
    sitemap_kind = "index"
    disallow = ("/tim-kiem/", "/in-bai/")
    page_size = 4

    def article_path(self, a: Art) -> str:
        w = a.when
        return f"/{a.cat}/{w.year}{w.month:02d}/{a.slug}-{a.id}/"

    def cat_path(self, slug: str, n: int = 1) -> str:
        return f"/{slug}/" if n == 1 else f"/{slug}/trang-{n}/"

    def tag_path(self, tag: str) -> str:
        return f"/tag/{slugify(tag)}/"

    def image_path(self, a: Art, img: Img) -> str:
        return f"/dataimages/{a.when.year}{a.when.month:02d}/original/{img.file.split('/')[-1]}"

    def _date(self, a: Art) -> str:
        w = a.when
        out = f"{weekday_vi(w)}, {dmy(w)}"
        return f"{out} | {w.hour:02d}:{w.minute:02d}" if a.timed else out

    def article_page(self, a: Art) -> Page:
        parts: list[str] = []
        if a.sapo:
            parts.append(f"<p><strong>{esc(a.sapo)}</strong></p>")
        imgs = list(a.images)
        for i, p in enumerate(a.paragraphs):
            parts.append(f'<p style="text-align: justify;">{esc(p)}</p>')
            if imgs and (i == 0 or a.page_type == "gallery"):
                img = imgs.pop(0)
                parts.append(self._figure(a, img))
        parts.extend(self._figure(a, img) for img in imgs)
        parts.append(signature_html(a))
        tags = "".join(f'<a href="{self.tag_path(t)}">{esc(t)}</a>' for t in a.tags)
        more = "".join(f'<li><a class="title3" href="{o.path}">{esc(o.title)}</a></li>'
                       for o in self.same_cat(a))
        head = (f'<meta property="og:title" content="{esc(a.title)}">\n'
                '<meta property="og:type" content="article">\n'
                f'<meta property="article:section" content="{esc(a.cat_name)}">\n'
                + "".join(f'<meta property="article:tag" content="{esc(t)}">\n'
                          for t in a.tags)
                + jsonld(a, self.base + a.path, self.name,
                         [self.image_url(a, i) for i in a.images]))
        main = (
            f'<div class="cate_title_1"><h2><a href="{self.cat_path(a.cat)}">'
            f'{esc(a.cat_name)}</a></h2></div>'
            '<div class="article_content">'
            f'<h1 class="media-heading title5">{esc(a.title)}</h1>'
            f'<div class="date">{esc(self._date(a))}</div>'
            '<div class="content" id="content">' + "".join(parts) + "</div>"
            + (f'<div class="tag_list"><span>Từ khóa:</span> {tags}</div>' if tags else "")
            + '<ul class="social"><li><a href="https://www.facebook.com/sharer/sharer.php" '
            'rel="nofollow">Chia sẻ</a></li></ul></div>'
            f'<div class="bd02"><h3>Tin cùng chuyên mục</h3><ul>{more}</ul></div>'
        )
        return self.doc(f"{a.title} - {self.name}", self.base + a.path, main, head)

    def _figure(self, a: Art, img: Img) -> str:
        return (f'<table class="image center"><tbody><tr><td><img src="{self.image_path(a, img)}"'
                f' alt=""></td></tr><tr><td class="image_desc">{caption_html(img)}</td></tr>'
                "</tbody></table>")

    def _item(self, a: Art, level: int) -> str:
        thumb = (f'<a class="thumb" href="{a.path}"><img src="{self.image_path(a, a.images[0])}"'
                 ' alt=""></a>' if a.images else "")
        return (f'<div class="item">{thumb}<a class="title{level}" href="{a.path}">'
                f'{esc(a.title)}</a><p class="sapo">{esc(a.sapo or a.paragraphs[0])}</p></div>')

    def listing_page(self, title: str, path: str, items: list[Art], slug: str | None,
                     n: int, pages: int) -> Page:
        main = (f'<div class="cate_title_1"><h1>{esc(title)}</h1></div><div class="list">'
                + "".join(self._item(a, 2 if i == 0 else 4) for i, a in enumerate(items))
                + self.pager(slug, n, pages) + "</div>" + self.sidebar())
        return self.doc(f"{title} - {self.name}", self.base + path, main)

    def home_page(self) -> Page:
        blocks = "".join(
            f'<section><h2><a class="maincatetitle" href="{self.cat_path(str(c["slug"]))}">'
            f'{esc(str(c["name"]))}</a></h2>'
            + "".join(self._item(a, 1 if i == 0 else 5)
                      for i, a in enumerate(self.in_cat(str(c["slug"]))[:4]))
            + "</section>" for c in self.cats)
        return self.doc(f"{self.name} - Tin tức Tuyên Quang", self.base + "/", blocks)


def build() -> Site:
    return BaoTuyenQuang().build()
