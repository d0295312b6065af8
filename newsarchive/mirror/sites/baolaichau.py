"""Báo Lai Châu as observed in 2026 (registry-evidence RE052): articles at
``/<category>/<slug>-<id>`` (no extension, no ``/news/``), listing links ``a.blc-post__link``,
headline, lead and body under ``#post-content .post-detail .post-info`` (``.title``, ``.sapo``,
``.body``).  A one-off CMS; no feed or sitemap was observed, so the mirror serves neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsarchive.mirror.builder import PaperSite
from newsarchive.mirror.common import dmy, esc, weekday_vi
from newsarchive.mirror.paper import Art, Img, caption_html, related_block, signature_html

if TYPE_CHECKING:
    from newsarchive.mirror.model import Page, Site


class BaoLaiChau(PaperSite):
    source_id = "baolaichau"
    host = "baolaichau.vn"
    name = "Báo Lai Châu"
    content = "baolaichau"
    feed_path = None
    sitemap_kind = None
    disallow = ("/tim-kiem", "/tags/")

    def article_path(self, a: Art) -> str:
        return f"/{a.cat}/{a.slug}-{a.id}"

    def image_path(self, a: Art, img: Img) -> str:
        return f"/uploads/news/{img.file}"

    def _date(self, a: Art) -> str:
        w = a.when
        day = f"{weekday_vi(w)}, {dmy(w)}"
        return f"{day} {w.hour:02d}:{w.minute:02d}" if a.timed else day

    def article_page(self, a: Art) -> Page:
        parts: list[str] = []
        imgs = list(a.images)
        for i, p in enumerate(a.paragraphs):
            parts.append(f"<p>{esc(p)}</p>")
            if imgs and (i == 0 or a.page_type == "gallery"):
                img = imgs.pop(0)
                parts.append(f'<figure class="image"><img src="{self.image_path(a, img)}" '
                             f'alt=""><figcaption>{caption_html(img)}</figcaption></figure>')
            if i == 0 and a.flags.get("related_inside"):
                parts.append(related_block(self.same_cat(a, 3)))
        for img in imgs:
            parts.append(f'<figure class="image"><img src="{self.image_path(a, img)}" alt="">'
                         f"<figcaption>{caption_html(img)}</figcaption></figure>")
        parts.append(signature_html(a))
        tags = "".join(f'<a href="/tags/{self.quoted_tag(t)}">{esc(t)}</a>' for t in a.tags)
        more = "".join(f'<li><a class="blc-post__link" href="{o.path}">{esc(o.title)}</a></li>'
                       for o in self.same_cat(a))
        head = (f'<meta property="og:title" content="{esc(a.title)}">\n'
                '<meta property="og:type" content="article">\n')
        main = (
            f'<div class="breadcrumb"><a href="/">Trang chủ</a> / '
            f'<a href="{self.cat_path(a.cat)}">{esc(a.cat_name)}</a></div>'
            '<div id="post-content"><div class="post-detail"><div class="post-info">'
            f'<h1 class="title">{esc(a.title)}</h1>'
            f'<div class="meta"><span class="time">{esc(self._date(a))}</span></div>'
            + (f'<div class="sapo">{esc(a.sapo)}</div>' if a.sapo else "")
            + '<div class="body">' + "".join(parts) + "</div>"
            + (f'<div class="tags">Từ khóa: {tags}</div>' if tags else "")
            + "</div></div></div>"
            f'<div class="block-related"><h3>Cùng chuyên mục</h3><ul>{more}</ul></div>'
        )
        return self.doc(f"{a.title} - {self.name}", self.base + a.path, main, head)

    def _item(self, a: Art) -> str:
        thumb = (f'<img src="{self.image_path(a, a.images[0])}" alt="">' if a.images else "")
        return (f'<article class="blc-post">{thumb}<h3><a class="blc-post__link" '
                f'href="{a.path}">{esc(a.title)}</a></h3>'
                f'<p class="blc-post__desc">{esc(a.sapo or a.paragraphs[0])}</p></article>')

    def listing_page(self, title: str, path: str, items: list[Art], slug: str | None,
                     n: int, pages: int) -> Page:
        main = (f'<h1 class="cat-title">{esc(title)}</h1><div class="blc-list">'
                + "".join(self._item(a) for a in items) + self.pager(slug, n, pages)
                + "</div>" + self.sidebar())
        return self.doc(f"{title} - {self.name}", self.base + path, main)

    def home_page(self) -> Page:
        blocks = "".join(
            f'<section><h2><a href="{self.cat_path(str(c["slug"]))}">{esc(str(c["name"]))}'
            "</a></h2>" + "".join(self._item(a) for a in self.in_cat(str(c["slug"]))[:4])
            + "</section>" for c in self.cats)
        return self.doc(f"{self.name} - Tin tức Lai Châu", self.base + "/", blocks)


def build() -> Site:
    return BaoLaiChau().build()
