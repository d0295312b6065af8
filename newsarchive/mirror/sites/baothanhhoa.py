"""Báo Thanh Hóa in the "#dcontent" family (registry-evidence RE094-RE096, shared with
baophutho.vn, RE069/RE071): articles as ``/<slug>-<id>.htm``, headline ``h1.pTitle``, lead
``div.article__sapo``, body ``div#dcontent``.

The difficulty it carries: part of the articles ship the body encrypted.  ``div#dcontent`` then
holds base64 lines (XOR-scrambled UTF-8 HTML) and an inline script decodes them in the browser;
a plain fetch reads only junk.  Those articles' truth records carry ``needs: [render]``; their
truth is the page Chromium renders.
"""

from __future__ import annotations

import base64
import json
import textwrap
from typing import TYPE_CHECKING

from newsarchive.mirror.builder import PaperSite
from newsarchive.mirror.common import dmy, esc, weekday_vi
from newsarchive.mirror.paper import Art, Img, caption_html, signature_html

if TYPE_CHECKING:
    from newsarchive.mirror.model import Page, Site

DECODE = (
    "(function () {\n"
    "  var el = document.getElementById('dcontent');\n"
    "  if (!el || !el.getAttribute('data-enc')) return;\n"
    "  var k = el.getAttribute('data-k');\n"
    "  var s = atob(el.textContent.replace(/\\s+/g, ''));\n"
    "  var b = new Uint8Array(s.length);\n"
    "  for (var i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) ^ k.charCodeAt(i % k.length);\n"
    "  el.innerHTML = new TextDecoder('utf-8').decode(b);\n"
    "  el.removeAttribute('data-enc');\n"
    "})();"
)


def scramble(html: str, key: str) -> str:
    """What the CMS ships: UTF-8 bytes XOR the key, base64, in 76-character lines."""
    data = html.encode("utf-8")
    k = key.encode("ascii")
    mixed = bytes(b ^ k[i % len(k)] for i, b in enumerate(data))
    return "\n".join(textwrap.wrap(base64.b64encode(mixed).decode("ascii"), 76))


class DContentSite(PaperSite):
    page_size = 4
    sitemap_kind = None
    feed_path = None
    disallow = ("/tim-kiem", "/bao-in/")

    def article_path(self, a: Art) -> str:
        return f"/{a.slug}-{a.id}.htm"

    def image_path(self, a: Art, img: Img) -> str:
        return f"/uploads/images/{img.file}"

    def needs(self, a: Art) -> list[str]:
        return ["render"] if a.flags.get("encoded") else []

    def _date(self, a: Art) -> str:
        w = a.when
        return f"{weekday_vi(w)}, {dmy(w)} - {w.hour:02d}:{w.minute:02d}"

    def body_html(self, a: Art) -> str:
        parts: list[str] = []
        imgs = list(a.images)
        for i, p in enumerate(a.paragraphs):
            parts.append(f'<p style="text-align: justify;">{esc(p)}</p>')
            if imgs and i == 0:
                img = imgs.pop(0)
                parts.append(f'<figure class="expNoEdit"><img src="{self.image_path(a, img)}" '
                             f'alt=""><figcaption>{caption_html(img)}</figcaption></figure>')
        for img in imgs:
            parts.append(f'<figure class="expNoEdit"><img src="{self.image_path(a, img)}" alt="">'
                         f"<figcaption>{caption_html(img)}</figcaption></figure>")
        return "".join(parts) + signature_html(a)

    def article_page(self, a: Art) -> Page:
        inner = self.body_html(a)
        if a.flags.get("encoded"):
            key = f"k{a.id}"
            content = (f'<div id="dcontent" data-enc="1" data-k="{key}">\n'
                       f"{scramble(inner, key)}\n</div>\n<script>\n{DECODE}\n</script>")
        else:
            content = f'<div id="dcontent">{inner}</div>'
        more = "".join(f'<li><a href="{o.path}">{esc(o.title)}</a></li>'
                       for o in self.same_cat(a, 4))
        head = (f'<meta property="og:title" content="{esc(a.title)}">\n'
                f'<meta property="article:published_time" content="{a.published}">\n'
                f'<meta property="article:section" content="{esc(a.cat_name)}">\n'
                + "".join(f'<meta property="article:tag" content="{esc(t)}">\n'
                          for t in a.tags))
        main = (
            '<div class="article">'
            f'<div class="breadcrumb"><a href="{self.cat_path(a.cat)}">{esc(a.cat_name)}</a></div>'
            f'<h1 class="pTitle">{esc(a.title)}</h1>'
            f'<div class="article__meta"><span class="pdate">{esc(self._date(a))}</span></div>'
            + (f'<div class="article__sapo">{esc(a.sapo)}</div>' if a.sapo else "")
            + content + "</div>"
            f'<div class="box-content"><h3>Tin liên quan</h3><ul class="content-list">{more}'
            "</ul></div>")
        return self.doc(f"{a.title} - {self.name}", self.base + a.path, main, head)

    def _item(self, a: Art) -> str:
        return (f'<div class="story"><h3><a href="{a.path}">{esc(a.title)}</a></h3>'
                f'<p class="story__summary">{esc(a.sapo or a.paragraphs[0])}</p></div>')

    def listing_page(self, title: str, path: str, items: list[Art], slug: str | None,
                     n: int, pages: int) -> Page:
        main = (f'<h1 class="cate-title">{esc(title)}</h1><div class="list">'
                + "".join(self._item(a) for a in items) + self.pager(slug, n, pages)
                + "</div>" + self.sidebar())
        return self.doc(f"{title} - {self.name}", self.base + path, main)

    def home_page(self) -> Page:
        return self.doc(self.name, self.base + "/",
                        "".join(self._item(a) for a in self.arts) + self.sidebar())


class BaoThanhHoa(DContentSite):
    source_id = "baothanhhoa"
    host = "baothanhhoa.vn"
    name = "Báo Thanh Hóa"
    content = "baothanhhoa"


def build() -> Site:
    return BaoThanhHoa().build()


__all__ = ["DECODE", "DContentSite", "build", "json", "scramble"]
