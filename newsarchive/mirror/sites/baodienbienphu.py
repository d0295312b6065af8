"""Báo Điện Biên Phủ as it is now (registry-evidence RE026): ``baodienbienphu.vn``, articles at
``/tin-bai/<category>/<slug>`` (no numeric id), the body in ``div.editor-content``, photos on the
``media-dienbien.baodienbienphu.vn`` host.

The difficulty it carries: category pages (``/tin-tuc/<slug>``) hold no article links in their
HTML.  A script builds the list in the browser from the JSON API at
``api-dienbien.baodienbienphu.vn`` (``/api/web/menu-get-list``,
``/api/web/article-get-news-by-category-slug?category_slug=…&limit=…&page=…``, items in
``data.list`` with ``article_slug``, ``category_slug``, ``article_type_slug``).  Only the newest
articles are linked from the static home page; the rest are found through the API (or by
rendering a category page): their truth records carry ``needs: [listing_api]``.

The old domain ``baodienbienphu.info.vn`` (the seed page's 2022 capture) answers with a
permanent redirect to the new home page.  With ``faults`` the site also serves the fault pages
the crawl must survive (empty, binary, truncated, wrong charset, 500, slow, 503 with
Retry-After, a dropped connection, an oversized page, a redirect loop) and three broken photos
(404, HTML instead of an image, larger than 5 MB).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlencode

from newsarchive.mirror.builder import PaperSite
from newsarchive.mirror.common import dmy, esc, load_content, page, robots, weekday_vi
from newsarchive.mirror.model import Page, Site
from newsarchive.mirror.paper import (
    Art,
    Img,
    _from_raw,
    caption_html,
    related_block,
    signature_html,
    truth_of,
)
from newsarchive.mirror.photos import huge_photo

API_HOST = "api-dienbien.baodienbienphu.vn"
MEDIA_HOST = "media-dienbien.baodienbienphu.vn"
OLD_HOST = "baodienbienphu.info.vn"
API_LIST = "/api/web/article-get-news-by-category-slug"
API_MENU = "/api/web/menu-get-list"
API_LIMIT = 5
ON_HOME = 10  # articles the static home page links
DEAD_LINK = "/tin-bai/xa-hoi/bai-viet-da-go-bo-199873"
CORS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "max-age=60"}


def api_list_path(slug: str, n: int) -> str:
    return API_LIST + "?" + urlencode({"category_slug": slug, "limit": API_LIMIT, "page": n})


class BaoDienBienPhu(PaperSite):
    source_id = "baodienbienphu"
    host = "baodienbienphu.vn"
    name = "Báo Điện Biên Phủ"
    content = "baodienbienphu"
    feed_path = None
    sitemap_kind = None
    disallow = ("/tim-kiem", "/in-bai/")
    page_size = API_LIMIT

    def __init__(self, faults: bool = False) -> None:
        super().__init__()
        self.faults = faults
        for a in self.arts:  # the paper's 2026 domain in its own credit line
            for key in ("credit", "credit_line"):
                value = getattr(a, key)
                if value:
                    setattr(a, key, value.replace(OLD_HOST, self.host))
        self.home_arts = self.arts[:ON_HOME]
        with_images = [a for a in self.arts if a.images]
        #: image URL -> how it is broken (fault mode only)
        self.broken: dict[str, str] = {}
        if faults:
            for a, kind in zip(with_images[-3:], ("404", "html", "huge"), strict=True):
                self.broken[self.image_url(a, a.images[0])] = kind

    def article_path(self, a: Art) -> str:
        return f"/tin-bai/{a.cat}/{a.slug}"

    def cat_path(self, slug: str, n: int = 1) -> str:
        return f"/tin-tuc/{slug}" if n == 1 else f"/tin-tuc/{slug}?page={n}"

    def image_url(self, a: Art, img: Img) -> str:
        return f"https://{MEDIA_HOST}/images/{img.file}"

    def static_reach(self, pages: dict[str, Page]) -> set[str]:
        """Article paths a crawler reaches from the home page through static links alone."""
        seen: set[str] = set()
        todo = ["/"]
        while todo:
            path = todo.pop()
            body = pages[path].body.decode("utf-8", "replace") if path in pages else ""
            for link in re.findall(r'href="(/tin-bai/[^"?#]+)"', body):
                if link not in seen:
                    seen.add(link)
                    todo.append(link)
        return seen

    def menu_html(self) -> str:
        items = "".join(f'<li><a href="{self.cat_path(str(c["slug"]))}">{esc(str(c["name"]))}'
                        "</a></li>" for c in self.cats)
        return (f'<nav class="menu"><ul><li><a href="/">Trang chủ</a></li>{items}</ul></nav>')

    def _date(self, a: Art) -> str:
        w = a.when
        out = f"{weekday_vi(w)}, {dmy(w)}"
        return f"{out} {w.hour:02d}:{w.minute:02d}" if a.timed else out

    # ---- article ---------------------------------------------------------------------------
    def article_page(self, a: Art, charset: str | None = "utf-8") -> Page:
        parts: list[str] = []
        imgs = list(a.images)
        for i, p in enumerate(a.paragraphs):
            parts.append(f'<p style="text-align: justify;">{esc(p)}</p>')
            if imgs and (i == 0 or a.page_type == "gallery"):
                parts.append(self._figure(a, imgs.pop(0)))
            if i == 0 and a.flags.get("related_inside"):
                related = related_block(self.same_cat(a, 2), "Đọc thêm")
                if a is self.dead_link_host:
                    related = related.replace(
                        "</ul>", f'<li><a href="{DEAD_LINK}">Điện Biên: Hội nghị trực tuyến '
                        "triển khai nhiệm vụ năm học mới</a></li></ul>")
                parts.append(related)
            if i == 0 and a.flags.get("ad_inside"):
                parts.append('<div class="banner-ads"><a href="https://dienbien.gov.vn/" '
                             'rel="nofollow"><img src="/static/banner/dich-vu-cong.jpg" '
                             'alt="Quảng cáo"></a></div>')
        parts.extend(self._figure(a, img) for img in imgs)
        parts.append(signature_html(a))
        tags = "".join(f'<a href="/tu-khoa/{self.quoted_tag(t)}">{esc(t)}</a>' for t in a.tags)
        more = "".join(f'<li><a href="{o.path}">{esc(o.title)}</a></li>'
                       for o in self.same_cat(a, 4))
        head = (f'<meta property="og:title" content="{esc(a.title)}">\n'
                '<meta property="og:type" content="article">\n'
                f'<meta property="og:url" content="{self.base + a.path}">\n')
        main = (
            f'<div class="breadcrumb"><a href="/">Trang chủ</a> '
            f'<a href="{self.cat_path(a.cat)}">{esc(a.cat_name)}</a></div>'
            '<article class="detail-page">'
            f'<h1 class="detail-title">{esc(a.title)}</h1>'
            f'<div class="detail-meta"><span class="date">{esc(self._date(a))}</span></div>'
            + (f'<div class="detail-sapo">{esc(a.sapo)}</div>' if a.sapo else "")
            + '<div class="editor-content">' + "".join(parts) + "</div>"
            + (f'<div class="detail-tags">Từ khóa: {tags}</div>' if tags else "")
            + "</article>"
            f'<div class="related-box"><h3>Tin cùng chuyên mục</h3><ul>{more}</ul></div>'
        )
        doc = self.doc(f"{a.title} - {self.name}", self.base + a.path, main, head)
        if charset is None:  # the wrong-charset fault: no meta charset in the page at all
            doc = page(doc.body.replace(b'<meta charset="utf-8">\n', b""))
        return doc

    def _figure(self, a: Art, img: Img) -> str:
        return (f'<figure class="image"><img src="{self.image_url(a, img)}" alt="">'
                f"<figcaption>{caption_html(img)}</figcaption></figure>")

    # ---- listings ---------------------------------------------------------------------------
    def _link(self, a: Art) -> str:
        return (f'<div class="news-item"><h3><a href="{a.path}">{esc(a.title)}</a></h3>'
                f'<p class="sapo">{esc(a.sapo or a.paragraphs[0])}</p></div>')

    def listing_page(self, title: str, path: str, items: list[Art], slug: str | None,
                     n: int, pages: int) -> Page:
        """The static shell of a category page: its list comes from the API, in the browser."""
        script = (
            "(function () {\n"
            f"  var slug = {json.dumps(slug)}, limit = {API_LIMIT};\n"
            "  var page = parseInt(new URLSearchParams(location.search).get('page') || '1', 10);\n"
            f"  var api = 'https://{API_HOST}{API_LIST}?category_slug=' + slug +\n"
            "            '&limit=' + limit + '&page=' + page;\n"
            "  fetch(api).then(function (r) { return r.json(); }).then(function (d) {\n"
            "    var box = document.getElementById('list-news');\n"
            "    d.data.list.forEach(function (it) {\n"
            "      var div = document.createElement('div'); div.className = 'news-item';\n"
            "      var h = document.createElement('h3'); var a = document.createElement('a');\n"
            "      a.href = '/' + (it.article_type_slug || 'tin-bai') + '/' + it.category_slug +\n"
            "               '/' + it.article_slug;\n"
            "      a.textContent = it.title; h.appendChild(a); div.appendChild(h);\n"
            "      var p = document.createElement('p'); p.className = 'sapo';\n"
            "      p.textContent = it.description; div.appendChild(p); box.appendChild(div);\n"
            "    });\n"
            "    if (d.data.total > page * limit) {\n"
            "      var next = document.createElement('a'); next.className = 'next';\n"
            "      next.href = '/tin-tuc/' + slug + '?page=' + (page + 1);\n"
            "      next.textContent = 'Xem thêm'; box.appendChild(next);\n"
            "    }\n"
            "  });\n"
            "})();"
        )
        main = (f'<div id="detail-news"><h1 class="cat-title">{esc(title)}</h1>'
                '<div class="list-news" id="list-news"></div></div>'
                f"<script>\n{script}\n</script>")
        return self.doc(f"{title} - {self.name}", self.base + path, main)

    def home_page(self) -> Page:
        featured = "".join(self._link(a) for a in self.home_arts)
        faults = "".join(f'<li><a href="{p}">{esc(t)}</a></li>' for p, t in self.fault_links)
        main = (f'<section class="home-news"><h2>Tin mới</h2>{featured}</section>'
                + (f'<section class="more"><ul>{faults}</ul></section>' if faults else ""))
        return self.doc(f"{self.name} - Tin tức Điện Biên", self.base + "/", main)

    # ---- API, media, old domain, faults ---------------------------------------------------------
    def _api(self) -> dict[str, Page]:
        def answer(data: Any) -> Page:
            body = json.dumps({"code": 200, "message": "success", "data": data},
                              ensure_ascii=False)
            return page(body, "application/json; charset=utf-8", headers=CORS)

        pages = {"/robots.txt": robots([], [])}
        pages[API_MENU] = answer({"list": [
            {"menu_id": i + 1, "menu_name": c["name"], "menu_slug": c["slug"]}
            for i, c in enumerate(self.cats)]})
        for c in self.cats:
            slug = str(c["slug"])
            arts = self.in_cat(slug)
            n_pages = max(1, -(-len(arts) // API_LIMIT))
            for n in range(1, n_pages + 2):  # one empty page past the end
                chunk = arts[(n - 1) * API_LIMIT:n * API_LIMIT]
                pages[api_list_path(slug, n)] = answer({"total": len(arts), "list": [
                    {"article_id": int(a.num), "title": a.title, "article_slug": a.slug,
                     "category_slug": a.cat, "article_type_slug": None,
                     "description": a.sapo or a.paragraphs[0],
                     "publish_date": a.when.strftime("%Y-%m-%d %H:%M:%S"),
                     "thumbnail": self.image_url(a, a.images[0]) if a.images else None}
                    for a in chunk]})
        return pages

    def extra(self, pages: dict[str, Page], truth: list[dict[str, Any]]) -> None:
        self.hosts[API_HOST] = self._api()
        self.hosts[MEDIA_HOST] = {"/robots.txt": robots([], [])}
        self.hosts[OLD_HOST] = {
            "/robots.txt": robots([], []),
            "/": page(b"", status=301, headers={"Location": self.base + "/"}),
        }
        pages.update(self.fault_pages)
        truth.extend(self.fault_truth)
        reached = self.static_reach(pages)
        for rec in truth:
            if rec.get("page_type") == "listing":
                rec["needs"] = ["render"]  # an empty shell until the script ran
            elif rec.get("is_article") and not rec.get("fault"):
                path = rec["url"].removeprefix(self.base)
                if path not in reached:
                    rec["needs"] = ["listing_api"]  # found only through the API or rendering
            broken = {c["image_url"]: self.broken[c["image_url"]]
                      for c in rec.get("captions") or [] if c["image_url"] in self.broken}
            if broken:
                rec["photo_faults"] = broken

    def image_host_paths(self) -> dict[str, list[str]]:
        out = super().image_host_paths()
        media = self.hosts.setdefault(MEDIA_HOST, {})
        for url, kind in self.broken.items():
            path = url.split(MEDIA_HOST, 1)[1]
            out[MEDIA_HOST].remove(path)
            if kind == "html":
                media[path] = page("<!DOCTYPE html><html><body><h1>Trang đang bảo trì</h1>"
                                   "</body></html>")
            elif kind == "huge":
                media[path] = huge_photo()
        return out

    def build(self) -> Site:
        self.dead_link_host = next((a for a in self.arts if a.flags.get("related_inside")), None)
        self.fault_pages: dict[str, Page] = {}
        self.fault_truth: list[dict[str, Any]] = []
        self.fault_links: list[tuple[str, str]] = []
        if self.faults:
            self._faults()
        return super().build()

    def _faults(self) -> None:
        content = load_content(self.content)
        names = {str(c["slug"]): str(c["name"]) for c in self.cats}
        fault_arts = {}
        for raw in content["fault_articles"]:
            a = _from_raw(raw, names)
            a.slug = f"{a.slug or 'bai'}-{a.id}"
            a.path = self.article_path(a)
            fault_arts[str(raw["fault"])] = a
        pages, links = self.fault_pages, self.fault_links

        def add(path: str, title: str, answer: Page) -> None:
            pages[path] = answer
            links.append((path, title))

        from newsarchive.mirror.common import slugify

        for a in fault_arts.values():
            a.slug = slugify(a.title)[:60].rstrip("-") + f"-{a.id}"
            a.path = self.article_path(a)
        add("/tin-bai/xa-hoi/thong-bao-lich-tiep-cong-dan-290001",
            "Thông báo lịch tiếp công dân tháng 12", page(b""))
        add("/tin-bai/xa-hoi/tai-lieu-huong-dan-ke-khai-290002", "Tài liệu hướng dẫn kê khai",
            page(bytes(range(256)) * 8 + b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
        trunc = fault_arts["truncated"]
        full = self.article_page(trunc).body.decode()
        cut = full.index(esc(trunc.paragraphs[1][:40])) + 25
        add(trunc.path, trunc.title, page(full[:cut]))
        wrong = fault_arts["wrong-charset"]
        add(wrong.path, wrong.title, Page(self.article_page(wrong, charset=None).body,
                                          content_type="text/html; charset=ISO-8859-1"))
        self.fault_truth.append({
            **truth_of(wrong, self.base + wrong.path, self.source_id, lambda i: ""),
            "fault": "wrong-charset",
            "notes": "UTF-8 bytes; the HTTP header says ISO-8859-1 and there is no meta charset"})
        add("/tin-bai/xa-hoi/ket-qua-tuyen-sinh-lop-10-290005", "Kết quả tuyển sinh lớp 10",
            page("<html><head><title>Runtime Error</title></head><body><h1>Server Error"
                 "</h1></body></html>", status=500))
        slow = fault_arts["slow"]
        add(slow.path, slow.title, page(self.article_page(slow).body, delay=1.0))
        self.fault_truth.append({**truth_of(slow, self.base + slow.path, self.source_id,
                                            lambda i: ""), "fault": "slow"})
        add("/tin-bai/xa-hoi/lich-cat-dien-tuan-toi-290007", "Lịch cắt điện tuần tới",
            page(full, fail_first=1))  # 503 + Retry-After: 1 once, then the page
        add("/tin-bai/xa-hoi/danh-sach-ho-ngheo-nam-2026-290008", "Danh sách hộ nghèo năm 2026",
            page(b"", reset=True))
        filler = "<p>" + "Nội dung báo cáo dài. " * 40 + "</p>\n"
        add("/tin-bai/xa-hoi/toan-van-bao-cao-chinh-tri-290009", "Toàn văn báo cáo chính trị",
            page("<html><body>" + filler * 9000 + "</body></html>"))  # ~9 MB
        loop_a = "/tin-bai/xa-hoi/chuyen-huong-a-290010"
        loop_b = "/tin-bai/xa-hoi/chuyen-huong-b-290011"
        pages[loop_b] = page(b"", status=302, headers={"Location": self.base + loop_a})
        add(loop_a, "Tin chuyển hướng",
            page(b"", status=302, headers={"Location": self.base + loop_b}))


def build(faults: bool = False) -> Site:
    return BaoDienBienPhu(faults=faults).build()
