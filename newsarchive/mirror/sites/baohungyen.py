"""Báo Hưng Yên in the "#content-detail" family (registry-evidence RE045/RE046, one CMS with
baoquangninh.vn): articles as ``/<slug>-<id>.html``, headline ``h1.name``, date
``div.date.font5``, body ``div.content-article #content-detail``, the byline in
``div.pseudonym``; the menu mixes case (``/Chinh-tri`` beside ``/doi-song``), and both forms are
served.  Since the 2025 merger it also covers the former Thái Bình.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsarchive.mirror.builder import PaperSite
from newsarchive.mirror.common import dmy, esc
from newsarchive.mirror.paper import Art, Img, caption_html

if TYPE_CHECKING:
    from newsarchive.mirror.model import Page, Site


class BaoHungYen(PaperSite):
    source_id = "baohungyen"
    host = "baohungyen.vn"
    name = "Báo Hưng Yên"
    content = "baohungyen"
    page_size = 4
    feed_path = None
    sitemap_kind = "plain"
    disallow = ("/tim-kiem", "/users/")

    def article_path(self, a: Art) -> str:
        return f"/{a.slug}-{a.id}.html"

    def image_path(self, a: Art, img: Img) -> str:
        # this CMS stores uploads as they came: some editors upload PNG screenshots
        name = img.file.rsplit(".", 1)[0] + ".png" if a.num % 2 else img.file
        return f"/stores/news_dataimages/{name}"

    def menu_html(self) -> str:
        items = "".join(
            f'<li><a href="/{str(c["slug"]).capitalize() if i == 0 else c["slug"]}">'
            f'{esc(str(c["name"]))}</a></li>' for i, c in enumerate(self.cats))
        return f'<nav class="menu"><ul><li><a href="/">Trang chủ</a></li>{items}</ul></nav>'

    def article_page(self, a: Art) -> Page:
        parts: list[str] = []
        imgs = list(a.images)
        for i, p in enumerate(a.paragraphs):
            parts.append(f'<p style="text-align: justify;">{esc(p)}</p>')
            if imgs and i == 0:
                img = imgs.pop(0)
                parts.append(f'<table class="picture"><tr><td><img src="{self.image_path(a, img)}"'
                             f' alt=""></td></tr><tr><td class="pCaption">{caption_html(img)}'
                             "</td></tr></table>")
        w = a.when
        head = (f'<meta property="og:title" content="{esc(a.title)}">\n'
                f'<meta name="description" content="{esc(a.sapo or "")}">\n'
                f'<meta property="og:description" content="{esc(a.sapo or "")}">\n'
                f'<meta property="article:section" content="{esc(a.cat_name)}">\n'
                + "".join(f'<meta property="article:tag" content="{esc(t)}">\n'
                          for t in a.tags))
        related = "".join(f'<li><a href="{o.path}">{esc(o.title)}</a></li>'
                          for o in self.same_cat(a, 3))
        main = (
            '<div class="content-article">'
            f'<h1 class="name">{esc(a.title)}</h1>'
            f'<div class="date font5">{dmy(w)} | {w.hour:02d}:{w.minute:02d}</div>'
            + (f'<h2 class="sapo">{esc(a.sapo)}</h2>' if a.sapo else "")
            + '<div id="content-detail">' + "".join(parts)
            + (f'<div class="pseudonym">{esc(a.byline)}</div>' if a.byline else "")
            + f'<div class="relates"><h3>Tin liên quan</h3><ul>{related}</ul></div>'
            + '<div class="print_page"><a href="javascript:window.print()">In bài</a></div>'
            "</div></div>")
        return self.doc(f"{a.title} - {self.name}", self.base + a.path, main, head)

    def _item(self, a: Art) -> str:
        return (f'<article class="card"><div class="card-content"><h3><a href="{a.path}">'
                f'{esc(a.title)}</a></h3><p>{esc(a.sapo or a.paragraphs[0])}</p></div></article>')

    def listing_page(self, title: str, path: str, items: list[Art], slug: str | None,
                     n: int, pages: int) -> Page:
        main = (f'<h1 class="cate-title">{esc(title)}</h1><div class="list">'
                + "".join(self._item(a) for a in items) + self.pager(slug, n, pages)
                + "</div>" + self.sidebar())
        return self.doc(f"{title} - {self.name}", self.base + path, main)

    def home_page(self) -> Page:
        return self.doc(self.name, self.base + "/",
                        "".join(self._item(a) for a in self.arts) + self.sidebar())

    def extra(self, pages: dict[str, Page], truth: list[dict[str, Any]]) -> None:
        first = str(self.cats[0]["slug"])
        pages["/" + first.capitalize()] = pages[self.cat_path(first)]


def build() -> Site:
    return BaoHungYen().build()
