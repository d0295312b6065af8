"""Báo Cần Thơ: the "-a<id>.html" family with ``#newscontents .content-fck`` (registry-evidence
RE015, saved pages of the real site, and RE016/RE017).  Articles at the root as
``/<slug>-a<id>.html``; ``span.pubdate`` prints "dd/mm/yyyy - HH:MM" while the JSON-LD date is
the day only; the lead is the first paragraph of the body, opening with "(CTO) -"; the first
``h1`` in ``#colcate1`` is the category crumb, the headline is ``h1.fw700``; images under
``/image/news/YYYY/YYYYMMDD/``; feeds at ``/rss/cate/<slug>/``.

The difficulty it carries: ``<base href>`` points at the template folder
(``/static/templates/version1/homepage/``).  Article links are absolute, so they work either way;
the template's relative links (stylesheet, logo, the "Liên hệ" page) resolve only against the
base, as a browser resolves them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from newsarchive.mirror.builder import PaperSite
from newsarchive.mirror.common import FeedItem, dmy, esc, page, rss
from newsarchive.mirror.paper import Art, Img, caption_html, dmy_hm, signature_html

if TYPE_CHECKING:
    from newsarchive.mirror.model import Page, Site

TEMPLATE = "/static/templates/version1/homepage/"


class NewsContentsSite(PaperSite):
    """The family's markup; subclasses set the host, the lead style and the <base>."""

    page_size = 4
    sitemap_kind = None
    disallow = ("/print/", "/tim-kiem/")
    #: "(CTO) - " style prefix printed before the lead inside the body, or None when the lead
    #: sits in its own ``.detail-desc`` box.
    lead_prefix: str | None = None
    base_href: str | None = None

    def article_path(self, a: Art) -> str:
        return f"/{a.slug}-a{a.id}.html"

    def cat_path(self, slug: str, n: int = 1) -> str:
        return f"/{slug}/" if n == 1 else f"/{slug}/?page={n}"

    def image_path(self, a: Art, img: Img) -> str:
        return f"/image/news/{img.file}"

    def link(self, path: str) -> str:
        """Links are printed absolute, as these sites print article links."""
        return self.base + path

    def rel(self, name: str) -> str:
        """A template link: relative to the <base> folder when there is one, else rooted."""
        return name if self.base_href else "/" + name

    def head_extra(self) -> str:
        base = f'<base href="{self.base_href}">\n' if self.base_href else ""
        return base + f'<link rel="stylesheet" href="{self.rel("css/style.css")}">\n'

    def menu_html(self) -> str:
        items = "".join(f'<li><a href="{self.link(self.cat_path(str(c["slug"])))}">'
                        f'{esc(str(c["name"]))}</a></li>' for c in self.cats)
        return (f'<div id="menu"><ul><li><a href="{self.base}/">Trang chủ</a></li>{items}'
                f'<li><a href="{self.rel("lien-he.html")}">Liên hệ</a></li></ul></div>')

    def article_page(self, a: Art) -> Page:
        parts: list[str] = []
        if a.sapo and self.lead_prefix:
            parts.append(f"<p><strong>{esc(self.lead_prefix + a.sapo)}</strong></p>")
        imgs = list(a.images)
        for i, p in enumerate(a.paragraphs):
            parts.append(f'<p style="text-align: justify;">{esc(p)}</p>')
            if imgs and (i == 0 or a.page_type == "gallery"):
                parts.append(self._image(a, imgs.pop(0)))
        parts.extend(self._image(a, img) for img in imgs)
        parts.append(signature_html(a))
        desc = (self.lead_prefix or "") + (a.sapo or a.paragraphs[0])
        ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                         "headline": a.title, "datePublished": a.published[:10],
                         "mainEntityOfPage": self.base + a.path}, ensure_ascii=False)
        head = (self.head_extra()
                + f'<meta name="description" content="{esc(desc)}">\n'
                f'<meta property="og:description" content="{esc(desc)}">\n'
                f'<meta property="og:title" content="{esc(a.title)}">\n'
                f'<meta property="article:section" content="{esc(a.cat_name)}">\n'
                f'<script type="application/ld+json">{ld}</script>\n')
        tags = ", ".join(f'<a href="{self.link("/tim-kiem/?q=" + self.quoted_tag(t))}">'
                         f"{esc(t)}</a>" for t in a.tags)
        more = "".join(f'<li><a title="{esc(o.title)}" href="{self.link(o.path)}">'
                       f"{esc(o.title)}</a></li>" for o in self.same_cat(a, 4))
        main = (
            '<div id="colcate1"><h1 class="catename-h1">'
            f'<a href="{self.link(self.cat_path(a.cat))}">'
            f'{esc(a.cat_name)}</a></h1>'
            f'<input type="hidden" id="txtnewscate" value="{esc(a.cat_name)}">'
            f'<h1 class="margintopbot10 fw700">{esc(a.title)}</h1>'
            f'<div class="clearfix"><span class="pubdate fleft">{esc(dmy_hm(a))}</span>'
            f'<a class="fright" href="{self.link("/print" + a.path)}" rel="nofollow">In bài</a>'
            "</div>"
            + (f'<div class="detail-desc"><p>{esc(a.sapo)}</p></div>'
               if a.sapo and not self.lead_prefix else "")
            + '<div id="newscontents"><div class="content-fck">' + "".join(parts)
            + "</div></div>"
            + (f'<div class="tags"><span>Từ khóa:</span> {tags}</div>' if tags else "")
            + "</div>"
            f'<div class="box-related"><h3>Tin cùng chuyên mục</h3><ul class="list-block">{more}'
            "</ul></div>"
        )
        return self.doc(f"{a.title} - {self.name}", self.base + a.path, main, head)

    def _image(self, a: Art, img: Img) -> str:
        return (f'<table class="image" align="center"><tbody><tr><td>'
                f'<img src="{self.image_path(a, img)}" alt=""></td></tr>'
                f'<tr><td class="image_desc">{caption_html(img)}</td></tr></tbody></table>')

    def _item(self, a: Art) -> str:
        return (f'<li><a class="b-content" title="{esc(a.title)}" href="{self.link(a.path)}">'
                f'{esc(a.title)}</a><span class="pubdate">{esc(dmy(a.when))}</span>'
                f'<p>{esc(a.sapo or a.paragraphs[0])}</p></li>')

    def listing_page(self, title: str, path: str, items: list[Art], slug: str | None,
                     n: int, pages: int) -> Page:
        pager = self.pager(slug, n, pages).replace('href="/', f'href="{self.base}/')
        main = (f'<div id="colcate1"><h1 class="catename-h1">{esc(title)}</h1>'
                f'<ul class="list-block">{"".join(self._item(a) for a in items)}</ul>{pager}'
                "</div>" + self.sidebar().replace('href="/', f'href="{self.base}/'))
        return self.doc(f"{title} - {self.name}", self.base + path, main, self.head_extra())

    def home_page(self) -> Page:
        blocks = "".join(
            f'<section><h2><a href="{self.link(self.cat_path(str(c["slug"])))}">'
            f'{esc(str(c["name"]))}</a></h2><ul class="list-block">'
            + "".join(self._item(a) for a in self.in_cat(str(c["slug"]))[:4])
            + "</ul></section>" for c in self.cats)
        return self.doc(self.name, self.base + "/", blocks, self.head_extra())

    def template_pages(self, pages: dict[str, Page]) -> None:
        """What the template's relative links reach when resolved against the <base>."""
        folder = TEMPLATE if self.base_href and self.base_href.endswith(TEMPLATE) else "/"
        pages[folder + "css/style.css"] = page("body{font-family:Arial}", "text/css")
        pages[folder + "lien-he.html"] = self.doc(
            f"Liên hệ - {self.name}", self.base + folder + "lien-he.html",
            f"<h1>Liên hệ</h1><p>{esc(str(self.site.get('address', '')))}</p>")


class BaoCanTho(NewsContentsSite):
    source_id = "baocantho"
    host = "baocantho.com.vn"
    name = "Báo Cần Thơ"
    content = "baocantho"
    lead_prefix = "(CTO) - "
    base_href = f"https://baocantho.com.vn{TEMPLATE}"

    def extra(self, pages: dict[str, Page], truth: list[dict[str, object]]) -> None:
        self.template_pages(pages)
        for c in self.cats:  # per-category feeds (RE015)
            slug = str(c["slug"])
            pages[f"/rss/cate/{slug}/"] = rss(
                f"{self.name} - {c['name']}", self.link(self.cat_path(slug)), str(c["name"]),
                [FeedItem(a.title, self.base + a.path, a.published, a.sapo or "")
                 for a in self.in_cat(slug)])

    def head_extra(self) -> str:
        feeds = "".join(f'<link rel="alternate" type="application/rss+xml" '
                        f'href="{self.base}/rss/cate/{c["slug"]}/">\n' for c in self.cats)
        return super().head_extra() + feeds


def build() -> Site:
    return BaoCanTho().build()
