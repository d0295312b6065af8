"""Small helpers every mirror site shares: escaping, dates in Vietnamese, feeds, sitemaps, robots.

Site modules render whole pages as strings; these helpers keep the boring, standard parts
(RSS 2.0, sitemap protocol, robots.txt) identical across sites and correct.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import yaml

from newsarchive.mirror.model import Page

CONTENT_DIR = Path(__file__).parent / "content"

#: The fixed "today" every site header shows: deliberately not any article's date (a trap for
#: date extractors that grab the first date on the page).
CRAWL_DAY = date(2026, 11, 27)
VN_TZ = timezone(timedelta(hours=7))

#: Monday-first, as ``date.weekday()`` counts.
WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")

HTML_UTF8 = "text/html; charset=utf-8"
XML_UTF8 = "application/xml; charset=utf-8"
RSS_UTF8 = "application/rss+xml; charset=utf-8"
TEXT_UTF8 = "text/plain; charset=utf-8"


def esc(text: str | None) -> str:
    """HTML-escape text for element content and attribute values (quotes included)."""
    return html.escape(text or "", quote=True)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def load_content(source_id: str) -> dict[str, Any]:
    """The site's articles and settings from ``content/<source_id>.yaml``, NFC throughout."""
    path = CONTENT_DIR / f"{source_id}.yaml"
    # libyaml's loader when present: the pure-Python one dominates build time.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(nfc(path.read_text(encoding="utf-8")), Loader=loader)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    return data


def parse_iso(value: str) -> datetime:
    """``2022-07-01`` or ``2024-02-09T15:00:00+07:00`` -> aware datetime (day-only = 00:00 +07)."""
    if "T" in value:
        dt = datetime.fromisoformat(value)
        return dt if dt.tzinfo else dt.replace(tzinfo=VN_TZ)
    d = date.fromisoformat(value)
    return datetime(d.year, d.month, d.day, tzinfo=VN_TZ)


def has_time(value: str) -> bool:
    return "T" in value


def iso_published(day: str, time: str | None = None) -> str:
    """Truth ``published``: ``YYYY-MM-DD`` alone, or with ``HH:MM`` as full ISO at +07:00."""
    if not time:
        return day
    return f"{day}T{time}:00+07:00"


def dmy(d: date | datetime) -> str:
    """``01/07/2022``: day-first and zero-padded, as most of these themes print a date."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def weekday_vi(d: date | datetime, *, lower: bool = False) -> str:
    """ "Thứ Sáu" (or "Thứ sáu" with ``lower``) for the given day."""
    name = WEEKDAYS_VI[d.weekday()]
    if lower:
        first, _, rest = name.partition(" ")
        return f"{first} {rest.lower()}" if rest else name
    return name


def page(
    body: str | bytes,
    content_type: str = HTML_UTF8,
    status: int = 200,
    headers: dict[str, str] | None = None,
    delay: float = 0.0,
    *,
    fail_first: int = 0,
    reset: bool = False,
) -> Page:
    """A :class:`Page` from text (encoded UTF-8) or bytes."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    return Page(
        raw, content_type=content_type, status=status, headers=dict(headers or {}), delay=delay,
        fail_first=fail_first, reset=reset,
    )


@dataclass
class FeedItem:
    """One entry of an RSS feed."""

    title: str
    link: str
    published: str  # ISO, as in truth
    description: str = ""


def rfc822(iso: str) -> str:
    """RSS pubDate from an ISO truth date."""
    return format_datetime(parse_iso(iso))


def rss(title: str, link: str, description: str, items: list[FeedItem]) -> Page:
    """An RSS 2.0 feed."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0"><channel>',
        f"<title>{esc(title)}</title><link>{esc(link)}</link>",
        f"<description>{esc(description)}</description><language>vi</language>",
    ]
    for it in items:
        parts.append(
            f"<item><title>{esc(it.title)}</title><link>{esc(it.link)}</link>"
            f'<guid isPermaLink="true">{esc(it.link)}</guid>'
            f"<pubDate>{rfc822(it.published)}</pubDate>"
            f"<description>{esc(it.description)}</description></item>"
        )
    parts.append("</channel></rss>")
    return page("\n".join(parts), RSS_UTF8)


def sitemap(entries: list[tuple[str, str | None]]) -> Page:
    """A sitemap.xml urlset from ``(absolute_url, lastmod_iso_or_None)`` pairs."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for loc, lastmod in entries:
        lm = f"<lastmod>{esc(lastmod)}</lastmod>" if lastmod else ""
        parts.append(f"<url><loc>{esc(loc)}</loc>{lm}</url>")
    parts.append("</urlset>")
    return page("\n".join(parts), XML_UTF8)


def robots(disallow: list[str], sitemaps: list[str]) -> Page:
    """robots.txt for every user agent, with the given Disallow paths and Sitemap lines."""
    lines = ["User-agent: *", *(f"Disallow: {p}" for p in disallow), ""]
    lines += [f"Sitemap: {s}" for s in sitemaps]
    return page("\n".join(lines) + "\n", TEXT_UTF8)


def not_found(site_name: str) -> Page:
    """The site's 404 page (also answers the deliberate dead link)."""
    body = (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>Không tìm thấy trang - {esc(site_name)}</title></head><body>"
        "<h1>404 - Không tìm thấy trang</h1><p>Trang bạn tìm không tồn tại hoặc đã bị xóa.</p>"
        '<p><a href="/">Về trang chủ</a></p></body></html>'
    )
    return page(body, status=404)


def paragraphs_html(paras: list[str], tag: str = "p", attrs: str = "") -> str:
    """Escaped ``<p>`` elements; ``attrs`` goes in verbatim (' style="text-align: justify"')."""
    return "".join(f"<{tag}{attrs}>{esc(p)}</{tag}>" for p in paras)


def truth_article(**fields: Any) -> dict[str, Any]:
    """A truth record for an article page with every field present (defaults filled in)."""
    rec: dict[str, Any] = {
        "url": None,
        "source": None,
        "is_article": True,
        "page_type": "article",
        "title": None,
        "sapo": None,
        "body": "",
        "captions": [],
        "published": None,
        "modified": None,
        "author": None,
        "credit": None,
        "category": None,
        "tags": [],
        "encoding": "utf-8",
        "notes": None,
    }
    rec.update(fields)
    return rec


def truth_page(url: str, source: str, page_type: str) -> dict[str, Any]:
    """A truth record for a non-article page worth scoring (home, listing, tag)."""
    return {"url": url, "source": source, "is_article": False, "page_type": page_type}


#: A 1x1 transparent GIF served for every image path, so image URLs in pages resolve.
PIXEL_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def image_page() -> Page:
    """A tiny image answer (content type by what the bytes are: GIF)."""
    return Page(PIXEL_GIF, content_type="image/gif")


def slugify(text: str) -> str:
    """Vietnamese title -> URL slug: marks stripped, đ -> d, lower-case, hyphens."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    out: list[str] = []
    for ch in ascii_only.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def join_caption(raw: str) -> tuple[str, str]:
    """Content-file caption, ``|`` marking a printed line break -> (HTML with <br />, text)."""
    parts = [p.strip() for p in raw.split("|")]
    return "<br />".join(esc(p) for p in parts), " ".join(parts)
