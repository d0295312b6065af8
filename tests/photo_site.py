"""A small provincial paper with real photos, served by the mirror server on 127.0.0.1.

Four articles whose figures cover every way a photo can go: JPEG and PNG photos on the paper's
host and on a CDN listed in ``media_domains``, the same bytes under a second URL, a missing
photo, an HTML page where a photo should be, a photo over the size cap, a photo in a folder
robots.txt disallows, and one on a host the paper does not declare.  The text is written for
these tests.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PIL import Image

from newsarchive.mirror.model import Page, Site

if TYPE_CHECKING:
    from pathlib import Path

HOST = "baothunghiem.vn"
CDN = "anh.cdnthunghiem.vn"
OFFSITE = "anh-ngoai.example.com"
SOURCE_ID = "baothunghiem"
#: The photo cap the tests crawl with (-s NEWSARCHIVE_MEDIA_MAX_BYTES=...).
CAP = 150_000

DEFINITION = f"""\
id: {SOURCE_ID}
name: Báo Thử Nghiệm
province: Điện Biên
kind: newspaper
homepage: https://{HOST}/
domains: [{HOST}]
start_urls: [https://{HOST}/]
article_url_pattern: '/tin-tuc/[a-z0-9-]+-\\d+\\.html$'
media_domains: [cdnthunghiem.vn]
"""

PARAGRAPHS = [
    "Những ngày đầu tháng Sáu, bà con các bản vùng cao tất bật xuống đồng gieo cấy vụ mùa, "
    "tranh thủ những cơn mưa đầu mùa để làm đất và chăm sóc mạ non.",
    "Cán bộ khuyến nông xã thường xuyên có mặt trên đồng, hướng dẫn người dân chọn giống lúa "
    "phù hợp, bón phân đúng cách và phòng trừ sâu bệnh ngay từ đầu vụ.",
    "Theo lãnh đạo Ủy ban nhân dân huyện, năm nay toàn huyện phấn đấu gieo cấy hơn ba nghìn "
    "héc-ta lúa nước, tăng so với cùng kỳ nhờ hệ thống thủy lợi được nâng cấp.",
]


def photo_bytes(seed: int, size: tuple[int, int] = (640, 400), fmt: str = "JPEG",
                noise: bool = False) -> bytes:
    """A real photo: a colour gradient (or noise, which compresses badly) of the given size."""
    rnd = random.Random(seed)
    if noise:
        img = Image.frombytes("RGB", size, rnd.randbytes(size[0] * size[1] * 3))
    else:
        base = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
        img = Image.new("RGB", size, base)
        for x in range(0, size[0], 8):
            shade = tuple((c + x) % 256 for c in base)
            img.paste(shade, (x, 0, x + 4, size[1]))
    out = io.BytesIO()
    img.save(out, format=fmt, quality=85) if fmt == "JPEG" else img.save(out, format=fmt)
    return out.getvalue()


@dataclass
class Figure:
    url: str
    caption: str
    credit: str


@dataclass
class PhotoArticle:
    path: str
    title: str
    published: str
    figures: list[Figure] = field(default_factory=list)
    #: photos printed between the paragraphs with no caption
    bare: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"https://{HOST}{self.path}"


ARTICLES = [
    PhotoArticle("/tin-tuc/nong-dan-xuong-dong-vu-mua-1001.html",
                 "Nông dân vùng cao xuống đồng vụ mùa", "2025-06-12T08:30:00+07:00", [
                     Figure(f"https://{HOST}/anh/2025/06/ruong-bac-thang.jpg",
                            "Ruộng bậc thang ở xã Mường Phăng vào mùa nước đổ.", "Thu Hà"),
                     Figure(f"https://{CDN}/2025/06/cay-ma.png",
                            "Người dân cấy mạ trên cánh đồng Mường Thanh.", "Quang Long"),
                 ]),
    PhotoArticle("/tin-tuc/khuyen-nong-ho-tro-giong-lua-1002.html",
                 "Khuyến nông hỗ trợ giống lúa mới cho bà con", "2025-06-14", [
                     Figure(f"https://{HOST}/anh/2025/06/giong-lua.jpg",
                            "Cán bộ khuyến nông hướng dẫn chọn giống lúa.", "Minh Đức"),
                     # the same photo as the first article's, under another name
                     Figure(f"https://{HOST}/anh/2025/06/ruong-bac-thang-ban-sao.jpg",
                            "Ruộng bậc thang nhìn từ trên cao.", "Thu Hà"),
                 ]),
    PhotoArticle("/tin-tuc/thuy-loi-nang-cap-1003.html",
                 "Hệ thống thủy lợi được nâng cấp trước mùa mưa", "2025-06-20T15:05:00+07:00", [
                     Figure(f"https://{HOST}/anh/2025/06/kenh-muong.jpg",
                            "Kênh mương nội đồng vừa được kiên cố hóa.", "Hải Yến"),
                     Figure(f"https://{HOST}/anh/2025/06/trang-loi.jpg",
                            "Trạm bơm đầu mối của huyện.", "Hải Yến"),
                 ], [f"https://{HOST}/anh/2025/06/cong-tieu-nuoc.jpg"]),
    PhotoArticle("/tin-tuc/le-hoi-xuong-dong-1004.html",
                 "Lễ hội xuống đồng của đồng bào Thái", "2025-06-25T07:00:00+07:00", [
                     Figure(f"https://{HOST}/anh/2025/06/le-hoi-lon.jpg",
                            "Nghi lễ cầu mùa bên bờ ruộng.", "Ngọc Anh"),
                     Figure(f"https://{HOST}/anh-rieng/2025/06/hau-truong.jpg",
                            "Hậu trường chuẩn bị lễ hội.", "Ngọc Anh"),
                     Figure(f"https://{OFFSITE}/2025/06/khach-du-lich.jpg",
                            "Du khách chụp ảnh cùng người dân.", "Ngọc Anh"),
                 ]),
]

#: What each photo URL is expected to end as, and why.
STORED = {
    f"https://{HOST}/anh/2025/06/cong-tieu-nuoc.jpg",  # no caption
    f"https://{HOST}/anh/2025/06/ruong-bac-thang.jpg",
    f"https://{CDN}/2025/06/cay-ma.png",
    f"https://{HOST}/anh/2025/06/giong-lua.jpg",
    f"https://{HOST}/anh/2025/06/ruong-bac-thang-ban-sao.jpg",
}
FAILED = {
    f"https://{HOST}/anh/2025/06/kenh-muong.jpg": "HTTP 404",
    f"https://{HOST}/anh/2025/06/trang-loi.jpg": "not an image",
    f"https://{HOST}/anh/2025/06/le-hoi-lon.jpg": "cap",
    f"https://{HOST}/anh-rieng/2025/06/hau-truong.jpg": "robots.txt",
    f"https://{OFFSITE}/2025/06/khach-du-lich.jpg": "media_domains",
}
MISSING_PHOTO = "/anh/2025/06/kenh-muong.jpg"


def _article_html(a: PhotoArticle) -> bytes:
    figures = "".join(
        f'<figure class="image"><img src="{f.url}" alt=""><figcaption>{f.caption} '
        f"Ảnh: {f.credit}</figcaption></figure>"
        for f in a.figures
    )
    bare = "".join(f'<p><img src="{u}" alt=""></p>' for u in a.bare)
    paras = "".join(f"<p>{p}</p>" + (bare if i == 0 else "") for i, p in enumerate(PARAGRAPHS))
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{a.title}</title>'
        f'<meta property="article:published_time" content="{a.published}">'
        f'<link rel="canonical" href="{a.url}"></head><body>'
        f'<header><a href="/">Báo Thử Nghiệm</a></header><main><article>'
        f'<h1 class="title">{a.title}</h1><p class="sapo">Bà con vùng cao vào vụ mùa mới '
        f"với nhiều đổi mới trong khâu làm đất và chọn giống.</p>{figures}{paras}"
        f'<p class="author"><strong>Hoàng Châu</strong></p></article></main></body></html>'
    ).encode()


def photos() -> dict[str, bytes]:
    """The bytes of every photo that exists, by URL."""
    first = photo_bytes(1)
    return {
        f"https://{HOST}/anh/2025/06/ruong-bac-thang.jpg": first,
        f"https://{CDN}/2025/06/cay-ma.png": photo_bytes(2, (300, 200), "PNG"),
        f"https://{HOST}/anh/2025/06/giong-lua.jpg": photo_bytes(3, (800, 533)),
        f"https://{HOST}/anh/2025/06/ruong-bac-thang-ban-sao.jpg": first,
        f"https://{HOST}/anh/2025/06/cong-tieu-nuoc.jpg": photo_bytes(7, (600, 400)),
        f"https://{HOST}/anh/2025/06/le-hoi-lon.jpg": photo_bytes(4, (700, 500), noise=True),
        f"https://{HOST}/anh-rieng/2025/06/hau-truong.jpg": photo_bytes(5),
        f"https://{OFFSITE}/2025/06/khach-du-lich.jpg": photo_bytes(6),
    }


def build_photo_sites() -> dict[str, Site]:
    """The paper, its CDN and the undeclared host, as mirror sites."""
    home = "".join(f'<li><a href="{a.path}">{a.title}</a></li>' for a in ARTICLES)
    paper: dict[str, Page] = {
        "/": Page(f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
                  f"<title>Báo Thử Nghiệm</title></head><body><ul>{home}</ul></body></html>"
                  .encode()),
        "/robots.txt": Page(b"User-agent: *\nDisallow: /anh-rieng/\n",
                            "text/plain; charset=utf-8"),
        "/anh/2025/06/trang-loi.jpg": Page(b"<html><body>Trang web</body></html>"),
    }
    for a in ARTICLES:
        paper[a.path] = Page(_article_html(a))
    sites = {
        SOURCE_ID: Site(SOURCE_ID, HOST, "https", paper, []),
        "cdn": Site("cdn", CDN, "https", {"/robots.txt": Page(b"User-agent: *\n",
                                                             "text/plain")}, []),
        "offsite": Site("offsite", OFFSITE, "https", {}, []),
    }
    by_host = {s.host: s for s in sites.values()}
    for url, body in photos().items():
        host, path = url.split("/", 3)[2], "/" + url.split("/", 3)[3]
        kind = "image/png" if url.endswith(".png") else "image/jpeg"
        by_host[host].pages[path] = Page(body, kind)
    return sites


def write_definition(sources_dir: Path) -> Path:
    sources_dir.mkdir(parents=True, exist_ok=True)
    path = sources_dir / f"{SOURCE_ID}.yaml"
    path.write_text(DEFINITION, encoding="utf-8")
    return path


BULK_HOST = "baonhieuanh.vn"
BULK_SOURCE = "baonhieuanh"
BULK_DEFINITION = f"""\
id: {BULK_SOURCE}
name: Báo Nhiều Ảnh
province: Lai Châu
homepage: https://{BULK_HOST}/
domains: [{BULK_HOST}]
start_urls: [https://{BULK_HOST}/]
article_url_pattern: '/bai/[a-z0-9-]+-\\d+\\.html$'
"""


def build_bulk_site(articles: int, photos_each: int = 2, repeat_every: int = 10,
                    size: tuple[int, int] = (960, 640)) -> tuple[Site, int]:
    """A paper of ``articles`` pages with ``photos_each`` photos each (real JPEGs, about the
    size of a provincial paper's), every ``repeat_every``-th article reusing the previous
    article's first photo under its own URL.  Returns the site and the bytes of its distinct
    photos."""
    pages: dict[str, Page] = {
        "/robots.txt": Page(b"User-agent: *\nAllow: /\n", "text/plain; charset=utf-8"),
    }
    links = []
    distinct = 0
    previous = b""
    for i in range(articles):
        path = f"/bai/tin-dia-phuong-so-{i}-{5000 + i}.html"
        links.append(f'<li><a href="{path}">Tin địa phương số {i}</a></li>')
        figures = []
        for k in range(photos_each):
            photo_path = f"/anh/{i}/{k}.jpg"
            if k == 0 and i and i % repeat_every == 0:
                body = previous
            else:
                body = photo_bytes(i * 10 + k, size, noise=k % 2 == 1)
                distinct += len(body)
            if k == 0:
                previous = body
            pages[photo_path] = Page(body, "image/jpeg")
            figures.append(f'<figure><img src="{photo_path}" alt=""><figcaption>Hình ảnh số '
                           f"{k + 1} của bản tin {i}. Ảnh: Phóng viên</figcaption></figure>")
        paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        pages[path] = Page((
            f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            f"<title>Tin địa phương số {i}</title><meta property=\"article:published_time\" "
            f'content="2025-05-{1 + i % 28:02d}T08:00:00+07:00"></head><body><article>'
            f"<h1>Tin địa phương số {i}: bà con vào vụ mùa</h1>{''.join(figures)}{paras}"
            "</article></body></html>").encode())
    pages["/"] = Page((f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Báo '
                       f"Nhiều Ảnh</title></head><body><ul>{''.join(links)}</ul></body></html>"
                       ).encode())
    return Site(BULK_SOURCE, BULK_HOST, "https", pages, []), distinct
