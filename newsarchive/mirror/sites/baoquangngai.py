"""Báo Quảng Ngãi (registry-evidence RE077): articles as ``/<slug>-<id>.htm``, listing links
``article a[href$='.htm']``, headline ``h1.title``, lead ``p.sapo``, body ``#content``.

The difficulty it carries: on some articles ``#content`` is empty in the HTML; the body is
shipped in an inline script (``outputData = "…"``) and injected by it.  Those articles' truth
records carry ``needs: [render]``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from newsarchive.mirror.common import esc
from newsarchive.mirror.sites.baothanhhoa import DContentSite

if TYPE_CHECKING:
    from newsarchive.mirror.model import Page, Site
    from newsarchive.mirror.paper import Art


class BaoQuangNgai(DContentSite):
    source_id = "baoquangngai"
    host = "baoquangngai.vn"
    name = "Báo Quảng Ngãi"
    content = "baoquangngai"
    disallow = ("/tim-kiem", "/bao-in/")

    def needs(self, a: Art) -> list[str]:
        return ["render"] if a.flags.get("inject") else []

    def article_page(self, a: Art) -> Page:
        inner = self.body_html(a)
        if a.flags.get("inject"):
            data = json.dumps(inner, ensure_ascii=False).replace("</", "<\\/")
            content = ('<div id="content"></div>\n<script>\n'
                       f"var outputData = {data};\n"
                       "document.getElementById('content').innerHTML = outputData;\n</script>")
        else:
            content = f'<div id="content">{inner}</div>'
        head = (f'<meta property="og:title" content="{esc(a.title)}">\n'
                f'<meta property="article:published_time" content="{a.published}">\n'
                f'<meta property="article:section" content="{esc(a.cat_name)}">\n'
                + "".join(f'<meta property="article:tag" content="{esc(t)}">\n'
                          for t in a.tags))
        same = "".join(f'<li><a href="{o.path}">{esc(o.title)}</a></li>'
                       for o in self.same_cat(a, 4))
        main = (
            f'<p class="category"><a href="{self.cat_path(a.cat)}">{esc(a.cat_name)}</a></p>'
            f'<div id="body"><h1 class="title">{esc(a.title)}</h1>'
            f'<div class="date">{esc(self._date(a))}</div>'
            + (f'<p class="sapo">{esc(a.sapo)}</p>' if a.sapo else "")
            + content + f'</div><div class="same"><h3>Cùng chuyên mục</h3><ul>{same}</ul></div>')
        return self.doc(f"{a.title} - {self.name}", self.base + a.path, main, head)

    def _item(self, a: Art) -> str:
        return (f'<article class="story"><h3><a href="{a.path}">{esc(a.title)}</a></h3>'
                f'<p class="story__summary">{esc(a.sapo or a.paragraphs[0])}</p></article>')


def build() -> Site:
    return BaoQuangNgai().build()
