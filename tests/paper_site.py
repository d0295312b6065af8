"""A generated provincial paper served over real HTTP on 127.0.0.1 (a port of its own).

Nobody on the project defined it as a source: tests add it the way a user would
(``newsarchive sources add ... --url http://127.0.0.1:PORT/``).  Its pages are written on
request, so the same server stands in for a 40-article paper in the tests and a 5,000-article
one in the crawl benchmark without holding the pages in memory.

What makes it hard, as real papers are (every article's kind comes from its number):

- ``n % 10 == 3``: a news brief, shorter than NEWSARCHIVE_MIN_BODY_CHARS;
- ``n % 10 == 7``: a video page with a headline and a lead only;
- ``n % 10 == 9``: listed nowhere but in the gzipped sitemap, which is found only through a
  sitemap index named in robots.txt (``Sitemap:``);
- ``n % 10 == 5``: linked only from the related-news box of article ``n - 1`` (not even in
  the sitemap);
- the others are on the section listings, ten to a page, newest first, with "next page" links.

All text is written for these tests (Vietnamese, NFC, day-first dates).
"""

from __future__ import annotations

import gzip
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SECTIONS = (("thoi-su", "Thời sự"), ("xa-hoi", "Xã hội"))
PER_PAGE = 10
PLACES = ("Mường Nhé", "Tủa Chùa", "Điện Biên Đông", "Nậm Pồ", "Mường Ảng", "Tuần Giáo")
TOPICS = ("xây dựng nông thôn mới", "trồng rừng phòng hộ", "giữ gìn văn hóa Thái",
          "phát triển chè Shan tuyết", "đường giao thông liên bản", "học sinh bán trú")
FIRST_DAY = date(2024, 1, 1)


def kind(n: int) -> str:
    return {3: "brief", 7: "video", 9: "sitemap_only", 5: "related_only"}.get(n % 10, "listed")


class Paper:
    """The generated paper's pages (see the module docstring)."""

    def __init__(self, articles: int) -> None:
        self.n = articles
        self.base = ""  # set by the server: http://127.0.0.1:PORT

    # -- the article set -------------------------------------------------------------------
    def section(self, n: int) -> tuple[str, str]:
        return SECTIONS[n % len(SECTIONS)]

    def path(self, n: int) -> str:
        slug = "video-le-hoi" if kind(n) == "video" else "tin-dia-phuong"
        return f"/{self.section(n)[0]}/{slug}-so-{n}-a{1000 + n}.html"

    def url(self, n: int) -> str:
        return self.base + self.path(n)

    def listed(self, section: str) -> list[int]:
        """Article numbers on a section's listings, newest first."""
        return [n for n in range(self.n, 0, -1)
                if self.section(n)[0] == section and kind(n) in ("listed", "brief", "video")]

    def related_only_paths(self) -> set[str]:
        return {self.path(n) for n in range(5, self.n + 1, 10)}

    def truth(self) -> dict[str, str]:
        """{url: kind} of every article of the paper."""
        return {self.url(n): kind(n) for n in range(1, self.n + 1)}

    def title(self, n: int) -> str:
        place, topic = PLACES[n % len(PLACES)], TOPICS[(n // 7) % len(TOPICS)]
        if kind(n) == "video":
            return f"Video: Ngày hội {topic} ở {place}, kỳ {n}"
        return f"{place} đẩy mạnh {topic}, bài số {n}"

    def day(self, n: int) -> date:
        return FIRST_DAY + timedelta(days=n % 700)

    # -- pages ------------------------------------------------------------------------------
    def page(self, path: str) -> tuple[int, str, bytes]:
        """(status, content type, body) of ``path``."""
        if path == "/robots.txt":
            text = ("User-agent: *\nDisallow: /tim-kiem/\n"
                    f"Sitemap: {self.base}/sitemap_index.xml\n")
            return 200, "text/plain; charset=utf-8", text.encode()
        if path == "/sitemap_index.xml":
            return 200, "application/xml", self._sitemap_index()
        if path == "/sitemaps/bai-viet-1.xml.gz":
            return 200, "application/x-gzip", gzip.compress(self._sitemap())
        if path == "/":
            return self._html(self._home())
        for slug, name in SECTIONS:
            prefix = f"/chuyen-muc/{slug}/"
            if path == prefix:
                return self._html(self._listing(slug, name, 1))
            if path.startswith(prefix + "trang-") and path.endswith("/"):
                page = path[len(prefix) + len("trang-"):-1]
                if page.isdigit() and int(page) > 1:
                    return self._html(self._listing(slug, name, int(page)))
        if path.endswith(".html") and "-a" in path:
            number = path.rsplit("-a", 1)[1].removesuffix(".html")
            if number.isdigit() and 1 <= int(number) - 1000 <= self.n:
                n = int(number) - 1000
                if path == self.path(n):
                    return self._html(self._article(n))
        return 404, "text/html; charset=utf-8", b"<html><body><h1>404</h1></body></html>"

    @staticmethod
    def _html(text: str) -> tuple[int, str, bytes]:
        return 200, "text/html; charset=utf-8", text.encode("utf-8")

    def _frame(self, title: str, main: str, head: str = "") -> str:
        menu = "".join(f"<li><a href='/chuyen-muc/{s}/'>{name}</a></li>" for s, name in SECTIONS)
        return (
            "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
            f"<title>{title} - Báo Biên Cương</title>{head}</head><body>"
            "<div class='header'><a href='/'>Báo Biên Cương</a>"
            f"<ul class='menu'><li><a href='/'>Trang chủ</a></li>{menu}</ul></div>"
            f"<div class='main'>{main}</div>"
            "<div class='footer'><p>Giấy phép số 34/GP-BTTTT ngày 02/03/2022. © Báo Biên Cương. "
            "<a href='/tim-kiem/'>Tìm kiếm</a></p></div></body></html>"
        )

    def _teaser(self, n: int) -> str:
        d = self.day(n)
        return (f"<div class='item'><h3><a href='{self.path(n)}'>{self.title(n)}</a></h3>"
                f"<span class='time'>{d.day:02d}/{d.month:02d}/{d.year}</span>"
                f"<p>Tóm tắt bài số {n}: tin từ cơ sở gửi về tòa soạn trong tuần.</p></div>")

    def _home(self) -> str:
        latest = [n for s, _ in SECTIONS for n in self.listed(s)[:3]]
        return self._frame("Trang chủ", "<h2>Tin mới</h2>" + "".join(
            self._teaser(n) for n in sorted(latest, reverse=True)))

    def _listing(self, slug: str, name: str, page: int) -> str:
        items = self.listed(slug)
        chunk = items[(page - 1) * PER_PAGE: page * PER_PAGE]
        more = len(items) > page * PER_PAGE
        nav = (f"<div class='paging'><a href='/chuyen-muc/{slug}/trang-{page + 1}/'>Trang sau</a>"
               "</div>") if more else ""
        return self._frame(name, f"<h1>{name}</h1>" + "".join(self._teaser(n) for n in chunk)
                           + nav)

    def _article(self, n: int) -> str:
        d = self.day(n)
        place, topic = PLACES[n % len(PLACES)], TOPICS[(n // 7) % len(TOPICS)]
        sapo = (f"Bà con {place} cùng chính quyền địa phương bàn cách làm {topic}, "
                f"theo ghi nhận của phóng viên ngày {d.day}/{d.month}/{d.year} (bài số {n}).")
        if kind(n) == "brief":
            body = (f"<p>Sáng nay, hơn hai trăm hộ dân ở {place} họp bàn việc {topic}; nhiều ý "
                    f"kiến được ghi nhận, gửi lên huyện (bài số {n}).</p>")
        elif kind(n) == "video":
            body = "<iframe src='https://video.example.vn/embed/le-hoi'></iframe>"
        else:
            body = "".join(f"<p>{s}</p>" for s in (
                f"Những năm qua, người dân {place} đã chung tay thực hiện {topic}, coi đây là "
                f"việc của mỗi gia đình chứ không riêng của cán bộ xã (bài số {n}).",
                "Theo lãnh đạo huyện, nhiều bản đã hoàn thành kế hoạch trước thời hạn; đường "
                "vào bản được đổ bê tông, trường học có thêm phòng ở cho học sinh xa nhà.",
                f"Thời gian tới, huyện tiếp tục lồng ghép các nguồn vốn, ưu tiên những bản khó "
                f"khăn nhất, để thành quả {topic} được giữ vững và lan rộng.",
            ))
        related = ""
        if n + 1 <= self.n and kind(n + 1) == "related_only":
            related = (f"<div class='related'><h4>Tin liên quan</h4><ul><li>"
                       f"<a href='{self.path(n + 1)}'>{self.title(n + 1)}</a></li></ul></div>")
        return self._frame(self.title(n), (
            f"<div class='breadcrumb'><a href='/chuyen-muc/{self.section(n)[0]}/'>"
            f"{self.section(n)[1]}</a></div>"
            f"<h1>{self.title(n)}</h1>"
            f"<div class='date'>{d.day:02d}/{d.month:02d}/{d.year} 08:30</div>"
            f"<p class='sapo'><strong>{sapo}</strong></p>"
            f"<div class='detail-content'>{body}</div>"
            f"<p class='author'>Lò Văn Sinh</p>{related}"
        ), head=(
            "<meta property='og:type' content='"
            f"{'video.other' if kind(n) == 'video' else 'article'}'>"
            f"<meta property='article:published_time' content='{d.isoformat()}T08:30:00+07:00'>"
        ))

    def _sitemap_index(self) -> bytes:
        return ("<?xml version='1.0' encoding='UTF-8'?>"
                "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                f"<sitemap><loc>{self.base}/sitemaps/bai-viet-1.xml.gz</loc></sitemap>"
                "</sitemapindex>").encode()

    def _sitemap(self) -> bytes:
        # Like many papers' sitemaps, it misses some articles (those only linked from others).
        urls = "".join(f"<url><loc>{self.url(n)}</loc><lastmod>{self.day(n).isoformat()}</lastmod>"
                       "</url>" for n in range(self.n, 0, -1) if kind(n) != "related_only")
        return ("<?xml version='1.0' encoding='UTF-8'?>"
                f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"
                ).encode()


class PaperServer:
    """``with PaperServer(articles=40) as s:`` serves the paper at ``s.url``; ``s.requests``
    lists the (path, status) of every request, in order."""

    def __init__(self, articles: int = 40) -> None:
        self.paper = Paper(articles)
        self.requests: list[tuple[str, int]] = []
        #: Cleared: requests for related-only articles wait (up to a minute) until it is set;
        #: ``held`` lists them as they arrive (to kill a crawl at that moment).
        self.release = threading.Event()
        self.release.set()
        self.held: list[str] = []
        self._lock = threading.Lock()
        paper, requests, lock, server = self.paper, self.requests, self._lock, self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                if not server.release.is_set() and path in paper.related_only_paths():
                    with lock:
                        server.held.append(path)
                    server.release.wait(60)
                status, ctype, body = paper.page(path)
                with lock:
                    requests.append((self.path, status))
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

            def handle(self) -> None:
                try:
                    super().handle()
                except OSError:
                    pass  # the crawler hung up (a killed crawl)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.paper.base = self.url
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> PaperServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
