"""Hànộimới in the "b-maincontent" family (registry-evidence RE107/RE108, the family of
baonghean, baodanang, baohaiphong): articles at the root as ``/<slug>-<id>.html``, topic pages as
``-event<id>.html``, listing links ``h3.b-grid__title a``, lead ``.sc-longform-header-sapo``,
body in the first ``div.b-maincontent`` (inner ``.entry``), dates in ``article:published_time``
and ``article:modified_time``; "Bài liên quan" boxes (``div.c-box``) inside the content.

The difficulty it carries (RE109): every request without browser-like headers (a User-Agent
starting "Mozilla/" and an Accept-Language) is answered 403, robots.txt included.  Every
truth record carries ``needs: [browser_headers]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsarchive.mirror.builder import PaperSite
from newsarchive.mirror.common import dmy, esc, truth_page
from newsarchive.mirror.paper import Art, Img, caption_html, signature_html

if TYPE_CHECKING:
    from newsarchive.mirror.model import Page, Site

TOPIC = "/ha-noi-xanh-sach-dep-event3012.html"


class BMainContentSite(PaperSite):
    page_size = 4
    sitemap_kind = "plain"
    feed_path = None
    prints_modified = True
    disallow = ("/tim-kiem", "/an-pham/")

    def article_path(self, a: Art) -> str:
        return f"/{a.slug}-{a.id}.html"

    def image_path(self, a: Art, img: Img) -> str:
        return f"/images/upload/{img.file}"

    def article_page(self, a: Art) -> Page:
        parts: list[str] = []
        imgs = list(a.images)
        for i, p in enumerate(a.paragraphs):
            parts.append(f"<p>{esc(p)}</p>")
            if imgs and i == 0:
                img = imgs.pop(0)
                parts.append(f'<figure class="image"><img src="{self.image_path(a, img)}" '
                             f'alt=""><figcaption>{caption_html(img)}</figcaption></figure>')
            if i == 0 and len(a.paragraphs) > 2:
                rel = "".join(f'<li><a href="{o.path}">{esc(o.title)}</a></li>'
                              for o in self.same_cat(a, 2))
                parts.append('<div class="c-box"><div class="c-box__title">'
                             '<span class="c-box__title__name">Bài liên quan</span></div>'
                             f"<ul>{rel}</ul></div>")
        for img in imgs:
            parts.append(f'<figure class="image"><img src="{self.image_path(a, img)}" alt="">'
                         f"<figcaption>{caption_html(img)}</figcaption></figure>")
        parts.append(signature_html(a))
        w = a.when
        head = (f'<meta property="og:title" content="{esc(a.title)}">\n'
                f'<meta property="og:type" content="article">\n'
                f'<meta property="article:published_time" content="{a.published}">\n'
                + (f'<meta property="article:modified_time" content="{a.modified}">\n'
                   if a.modified else "")
                + f'<meta property="article:section" content="{esc(a.cat_name)}">\n'
                + "".join(f'<meta property="article:tag" content="{esc(t)}">\n'
                          for t in a.tags))
        main = (
            '<div class="sc-longform-header">'
            f'<div class="sc-longform-header-meta"><a href="{self.cat_path(a.cat)}">'
            f'{esc(a.cat_name)}</a> <span class="sc-longform-header-date">{dmy(w)} '
            f"{w.hour:02d}:{w.minute:02d}</span></div>"
            f'<h1 class="sc-longform-header-title">{esc(a.title)}</h1>'
            + (f'<p class="sc-longform-header-sapo">{esc(a.sapo)}</p>' if a.sapo else "")
            + '</div><div class="b-maincontent"><article class="entry">' + "".join(parts)
            + "</article></div>"
            '<div class="b-maincontent sc-related-articles"><h3>Đọc tiếp</h3><ul>'
            + "".join(f'<li><h3 class="b-grid__title"><a href="{o.path}">{esc(o.title)}</a>'
                      "</h3></li>" for o in self.same_cat(a, 3))
            + "</ul></div>")
        return self.doc(f"{a.title} - {self.name}", self.base + a.path, main, head)

    def _item(self, a: Art) -> str:
        return (f'<div class="b-grid"><h3 class="b-grid__title"><a href="{a.path}">'
                f'{esc(a.title)}</a></h3><p class="b-grid__desc">'
                f"{esc(a.sapo or a.paragraphs[0])}</p></div>")

    def listing_page(self, title: str, path: str, items: list[Art], slug: str | None,
                     n: int, pages: int) -> Page:
        main = (f'<h1 class="cate-title">{esc(title)}</h1><div class="list">'
                + "".join(self._item(a) for a in items) + self.pager(slug, n, pages)
                + "</div>" + self.sidebar())
        return self.doc(f"{title} - {self.name}", self.base + path, main)

    def home_page(self) -> Page:
        topic = f'<p class="topic"><a href="{TOPIC}">Hà Nội xanh - sạch - đẹp</a></p>'
        return self.doc(self.name, self.base + "/",
                        topic + "".join(self._item(a) for a in self.arts) + self.sidebar())


class HaNoiMoi(BMainContentSite):
    source_id = "hanoimoi"
    host = "hanoimoi.vn"
    name = "Báo Hànộimới"
    content = "hanoimoi"
    browser_only = True

    def needs(self, a: Art) -> list[str]:
        return ["browser_headers"]

    def extra(self, pages: dict[str, Page], truth: list[dict[str, Any]]) -> None:
        pages[TOPIC] = self.listing_page("Hà Nội xanh - sạch - đẹp", TOPIC, self.arts, None, 1, 1)
        truth.append(truth_page(self.base + TOPIC, self.source_id, "listing"))
        for rec in truth:
            rec.setdefault("needs", ["browser_headers"])


def build() -> Site:
    return HaNoiMoi().build()
