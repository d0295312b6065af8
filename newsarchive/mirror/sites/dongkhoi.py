"""Báo Đồng Khởi's archive after the 2025 merger: ``dongkhoi.baovinhlong.vn``, a subdomain of
the surviving paper (registry-evidence RE105), in the same "-a<id>.html" / ``#newscontents``
family as baocantho, with the lead in ``.detail-desc`` (RE027, RE105).

The old domain ``baodongkhoi.vn`` stays up: its home page carries ``<base href>`` pointing at the
subdomain (RE028) and relative links, so a browser (and a crawler that resolves links as
browsers do) lands on the archive; a crawler that ignores the base asks baodongkhoi.vn for paths
it no longer serves (404).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsarchive.mirror.common import esc, page, robots
from newsarchive.mirror.sites.baocantho import NewsContentsSite

if TYPE_CHECKING:
    from newsarchive.mirror.model import Page, Site

OLD_HOST = "baodongkhoi.vn"


class DongKhoi(NewsContentsSite):
    source_id = "baodongkhoi"
    host = "dongkhoi.baovinhlong.vn"
    name = "Báo Đồng Khởi"
    content = "dongkhoi"
    lead_prefix = None
    base_href = None

    def extra(self, pages: dict[str, Page], truth: list[dict[str, Any]]) -> None:
        self.template_pages(pages)
        links = "".join(
            f'<li><a href="{a.path.lstrip("/")}">{esc(a.title)}</a></li>' for a in self.arts)
        cats = "".join(f'<li><a href="{c["slug"]!s}/">{esc(str(c["name"]))}</a></li>'
                       for c in self.cats)
        home = (
            '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<base href="{self.base}/">\n<title>{esc(self.name)}</title>\n'
            '<link rel="stylesheet" href="css/style.css">\n</head>\n<body>\n'
            f'<div id="menu"><ul>{cats}</ul></div>'
            f'<div class="home-news"><h2>Tin mới</h2><ul class="list-block">{links}</ul></div>'
            "</body>\n</html>\n")
        self.hosts[OLD_HOST] = {"/": page(home), "/robots.txt": robots([], [])}


def build() -> Site:
    return DongKhoi().build()
