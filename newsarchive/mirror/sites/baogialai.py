"""Báo Gia Lai in the "cms-body" family (registry-evidence RE032-RE034, shared with baohatinh,
baolaocai, sggp): articles as ``/<slug>-post<id>.html``, listing links ``a.cms-link`` inside
``article.story``, headline ``h1.article__title.cms-title``, lead ``.article__sapo``, body
``div.article__body.zce-content-body.cms-body[itemprop=articleBody]``.  Since the 2025 merger
it also covers the former Bình Định.

Photos are served from a CDN-style host, ``cdn.baogialai.com.vn`` (declared in the definition's
``media_domains``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsarchive.mirror.builder import PaperSite
from newsarchive.mirror.common import dmy, esc
from newsarchive.mirror.paper import Art, Img, caption_html, jsonld, signature_html

if TYPE_CHECKING:
    from newsarchive.mirror.model import Page, Site

CDN = "cdn.baogialai.com.vn"


class BaoGiaLai(PaperSite):
    source_id = "baogialai"
    host = "baogialai.com.vn"
    name = "Báo Gia Lai"
    content = "baogialai"
    page_size = 4
    feed_path = "/rss/home.rss"
    sitemap_kind = "plain"
    disallow = ("/tim-kiem", "/bao-in/")

    def article_path(self, a: Art) -> str:
        return f"/{a.slug}-post{a.id}.html"

    def cat_path(self, slug: str, n: int = 1) -> str:
        return f"/{slug}/" if n == 1 else f"/{slug}/?page={n}"

    def tag_path(self, tag: str) -> str:
        return f"/chu-de/{self.quoted_tag(tag)}/"

    def image_url(self, a: Art, img: Img) -> str:
        return f"https://{CDN}/images/{img.file.rsplit('.', 1)[0]}.webp" if a.num % 2 else (
            f"https://{CDN}/images/{img.file}")

    def article_page(self, a: Art) -> Page:
        parts: list[str] = []
        imgs = list(a.images)
        for i, p in enumerate(a.paragraphs):
            parts.append(f"<p>{esc(p)}</p>")
            if imgs and i == 0:
                img = imgs.pop(0)
                parts.append(f'<figure class="picture"><img src="{self.image_url(a, img)}" '
                             f'alt=""><figcaption class="fig">{caption_html(img)}</figcaption>'
                             "</figure>")
        parts.append(signature_html(a))
        w = a.when
        tags = "".join(f'<a href="{self.tag_path(t)}">{esc(t)}</a>' for t in a.tags)
        head = (f'<meta property="og:title" content="{esc(a.title)}">\n'
                + jsonld(a, self.base + a.path, self.name,
                         [self.image_url(a, i) for i in a.images]))
        main = (
            f'<div class="breadcrumb"><a href="/">Trang chủ</a> '
            f'<a href="{self.cat_path(a.cat)}">{esc(a.cat_name)}</a></div>'
            '<article class="article">'
            f'<h1 class="article__title cms-title">{esc(a.title)}</h1>'
            f'<div class="article__meta"><time datetime="{a.published}">'
            f"{dmy(w)} {w.hour:02d}:{w.minute:02d}</time></div>"
            + (f'<div class="article__sapo cms-desc">{esc(a.sapo)}</div>' if a.sapo else "")
            + '<div class="article__body zce-content-body cms-body" itemprop="articleBody">'
            + "".join(parts) + "</div>"
            + (f'<div class="article__tag">{tags}</div>' if tags else "")
            + "</article>")
        return self.doc(f"{a.title} - {self.name}", self.base + a.path, main, head)

    def _item(self, a: Art) -> str:
        thumb = (f'<img src="{self.image_url(a, a.images[0])}" alt="">' if a.images else "")
        return (f'<article class="story">{thumb}<h3 class="story__heading">'
                f'<a class="cms-link" href="{a.path}">{esc(a.title)}</a></h3>'
                f'<p class="story__summary">{esc(a.sapo or a.paragraphs[0])}</p></article>')

    def listing_page(self, title: str, path: str, items: list[Art], slug: str | None,
                     n: int, pages: int) -> Page:
        main = (f'<h1 class="cate-title">{esc(title)}</h1><div class="list">'
                + "".join(self._item(a) for a in items) + self.pager(slug, n, pages)
                + "</div>" + self.sidebar())
        return self.doc(f"{title} - {self.name}", self.base + path, main)

    def home_page(self) -> Page:
        return self.doc(self.name, self.base + "/",
                        "".join(self._item(a) for a in self.arts) + self.sidebar())

    def extra(self, pages: dict[str, Page], truth: list[dict[str, object]]) -> None:
        from newsarchive.mirror.common import robots

        self.hosts.setdefault(CDN, {})["/robots.txt"] = robots([], [])


def build() -> Site:
    return BaoGiaLai().build()
