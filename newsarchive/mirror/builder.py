"""What every mirrored paper does the same way: categories with pagination, tags, feeds,
sitemaps, robots.txt, photos, the 404 page and the truth records.

A site module subclasses :class:`PaperSite` and writes only its CMS family's markup (article,
listing and home templates, URL shapes); ``build()`` assembles the :class:`Site`.
"""

from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import quote

from newsarchive.mirror.common import esc, not_found, page, robots, sitemap, truth_page
from newsarchive.mirror.model import Page, Site
from newsarchive.mirror.paper import (
    Art,
    Img,
    chunks,
    feed,
    gzip_page,
    load_papers,
    photos,
    truth_of,
)

_SEG_START, _SEG_END = "\x01", "\x02"
#: Legacy encoding -> (font face the old pages used, charset they declared).
LEGACY = {"tcvn3": (".VnTime", "iso-8859-1"), "vni": ("VNI-Times", "windows-1252"),
          "cp1258": ("", "windows-1258")}


def legacy_page(pg: Page, a: Art) -> Page:
    """An old archive article as such pages are served: Windows-1258 throughout (``cp1258``), or
    ASCII chrome with character references and the article's text in TCVN3 / VNI bytes inside
    ``<font face=...>`` (``tcvn3``, ``vni``), declared as a Western charset."""
    from newsarchive.vietnamese import encode_legacy

    enc = str(a.flags["legacy"])
    face, charset = LEGACY[enc]
    text = pg.body.decode("utf-8").replace('<meta charset="utf-8">',
                                           f'<meta charset="{charset}">')
    if enc == "cp1258":
        return Page(encode_legacy(text, "cp1258"), content_type=f"text/html; charset={charset}")
    # JSON inside <script> holds \\u escapes, not HTML character references
    text = re.sub(r"(?s)(<script[^>]*>)(.*?)(</script>)", lambda m: m.group(1) + "".join(
        c if ord(c) < 128 else f"\\u{ord(c):04x}" for c in m.group(2)) + m.group(3), text)
    head, sep, body = text.partition("<body")
    for piece in sorted({a.title, a.sapo or "", *a.paragraphs, a.byline or ""}, key=len,
                        reverse=True):
        if piece:
            body = body.replace(f">{esc(piece)}<",
                                f'><font face="{face}">{_SEG_START}{esc(piece)}{_SEG_END}</font><')
    out = bytearray(head.encode("ascii", "xmlcharrefreplace") + sep.encode())
    rest = body
    while _SEG_START in rest:
        before, _, tail = rest.partition(_SEG_START)
        segment, _, rest = tail.partition(_SEG_END)
        out += before.encode("ascii", "xmlcharrefreplace") + encode_legacy(segment, enc)
    out += rest.encode("ascii", "xmlcharrefreplace")
    return Page(bytes(out), content_type=f"text/html; charset={charset}")


class PaperSite:
    source_id = ""
    host = ""
    name = ""
    content = ""  # content file id
    page_size = 5
    feed_path: str | None = None
    #: "plain": /sitemap.xml; "index": a sitemap index of gzipped yearly sitemaps; None: none.
    sitemap_kind: str | None = "plain"
    disallow: tuple[str, ...] = ("/tim-kiem",)
    #: Hosts to leave out of robots' Sitemap lines etc. are none by default.

    def __init__(self) -> None:
        self.base = f"https://{self.host}"
        self.site, self.cats, self.arts = load_papers(self.content)
        self.cat_names = {str(c["slug"]): str(c["name"]) for c in self.cats}
        for a in self.arts:
            a.path = self.article_path(a)
        if len({a.path for a in self.arts}) != len(self.arts):
            raise ValueError(f"{self.source_id}: two articles share a URL")
        self.hosts: dict[str, dict[str, Page]] = {}

    # ---- URL shapes (override) ---------------------------------------------------------------
    def article_path(self, a: Art) -> str:
        raise NotImplementedError

    def cat_path(self, slug: str, n: int = 1) -> str:
        return f"/{slug}" if n == 1 else f"/{slug}?page={n}"

    def tag_path(self, tag: str) -> str | None:
        return None

    def image_path(self, a: Art, img: Img) -> str:
        """Path on the paper's own host (override :meth:`image_url` for a CDN)."""
        return f"/uploads/{img.file}"

    def image_url(self, a: Art, img: Img) -> str:
        return self.base + self.image_path(a, img)

    # ---- markup (override) -------------------------------------------------------------------
    def article_page(self, a: Art) -> Page:
        raise NotImplementedError

    def listing_page(self, title: str, path: str, items: list[Art], slug: str | None,
                     n: int, pages: int) -> Page:
        raise NotImplementedError

    def home_page(self) -> Page:
        raise NotImplementedError

    # ---- truth hooks ---------------------------------------------------------------------------
    def needs(self, a: Art) -> list[str]:
        return []

    def sapo_truth(self, a: Art) -> str | None:
        return a.sapo

    def extra(self, pages: dict[str, Page], truth: list[dict[str, Any]]) -> None:
        """Anything else the paper serves (API hosts, alias hosts, fault pages)."""

    # ---- chrome ---------------------------------------------------------------------------------
    def menu_html(self) -> str:
        items = "".join(f'<li><a href="{self.cat_path(str(c["slug"]))}">{esc(str(c["name"]))}'
                        "</a></li>" for c in self.cats)
        return f'<nav class="menu"><ul><li><a href="/">Trang chủ</a></li>{items}</ul></nav>'

    def doc(self, title: str, canonical: str, main: str, head: str = "",
            body_attrs: str = "") -> Page:
        """A whole page: head, the paper's header with menu, ``main``, footer."""
        from newsarchive.mirror.paper import today_line

        feed = (f'<link rel="alternate" type="application/rss+xml" title="{esc(self.name)}" '
                f'href="{self.feed_path}">\n' if self.feed_path else "")
        html = (
            '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n"
            f'<link rel="canonical" href="{esc(canonical)}">\n'
            f'<meta property="og:site_name" content="{esc(self.name)}">\n{feed}{head}'
            f"</head>\n<body{body_attrs}>\n"
            f'<header class="header"><div class="topbar"><span class="date">{esc(today_line())}'
            f'</span></div><a class="logo" href="/"><img src="/static/images/logo.png" '
            f'alt="{esc(self.name)}"></a>{self.menu_html()}</header>\n'
            f'<main class="main">{main}</main>\n'
            f'<footer class="footer"><p>{esc(self.name)}</p>'
            f'<p>{esc(str(self.site.get("licence", "")))}</p>'
            f'<p>{esc(str(self.site.get("address", "")))}</p></footer>\n'
            "</body>\n</html>\n"
        )
        return page(html)

    def sidebar(self) -> str:
        newest = "".join(f'<li><a href="{a.path}">{esc(a.title)}</a></li>'
                         for a in self.arts[:6])
        popular = "".join(f'<li><a href="{a.path}">{esc(a.title)}</a></li>'
                          for a in sorted(self.arts, key=lambda a: a.num % 11)[:5])
        return (f'<aside class="sidebar"><h3>Tin mới nhất</h3><ul>{newest}</ul>'
                f'<h3>Đọc nhiều</h3><ul>{popular}</ul></aside>')

    def pager(self, slug: str | None, n: int, pages: int) -> str:
        if not slug or pages < 2:
            return ""
        links = [f'<a href="{self.cat_path(slug, k)}">{k}</a>' if k != n
                 else f'<span class="active">{k}</span>' for k in range(1, pages + 1)]
        if n < pages:
            links.append(f'<a class="next" href="{self.cat_path(slug, n + 1)}">Trang sau</a>')
        return f'<div class="pagination">{"".join(links)}</div>'

    # ---- helpers ------------------------------------------------------------------------------
    def in_cat(self, slug: str) -> list[Art]:
        return [a for a in self.arts if a.cat == slug]

    def same_cat(self, a: Art, n: int = 5) -> list[Art]:
        return [o for o in self.arts if o.cat == a.cat and o is not a][:n]

    def quoted_tag(self, tag: str) -> str:
        return quote(tag, safe="")

    def image_host_paths(self) -> dict[str, list[str]]:
        """Image paths to serve, by host."""
        out: dict[str, list[str]] = {}
        from urllib.parse import urlsplit

        for a in self.arts:
            for img in a.images:
                parts = urlsplit(self.image_url(a, img))
                out.setdefault(parts.hostname or self.host, []).append(parts.path)
        return out

    # ---- assembly -------------------------------------------------------------------------------
    def build(self) -> Site:
        pages: dict[str, Page] = {"/": self.home_page()}
        truth: list[dict[str, Any]] = [truth_page(self.base + "/", self.source_id, "home")]
        for c in self.cats:
            slug = str(c["slug"])
            groups = chunks(self.in_cat(slug), self.page_size)
            for n, items in enumerate(groups, 1):
                path = self.cat_path(slug, n)
                pages[path] = self.listing_page(str(c["name"]), path, items, slug, n, len(groups))
                truth.append(truth_page(self.base + path, self.source_id, "listing"))
        for tag in sorted({t for a in self.arts for t in a.tags}):
            tag_path = self.tag_path(tag)
            if tag_path is None:
                continue
            tagged = [a for a in self.arts if tag in a.tags]
            pages[tag_path] = self.listing_page(tag, tag_path, tagged, None, 1, 1)
            truth.append(truth_page(self.base + tag_path, self.source_id, "tag"))
        for a in self.arts:
            if not self.prints_modified:
                a.modified = None
            pages[a.path] = self.article_page(a)
            rec = truth_of(a, self.base + a.path, self.source_id,
                           functools.partial(self.image_url, a),
                           sapo=self.sapo_truth(a), needs=self.needs(a))
            if a.flags.get("legacy"):
                pages[a.path] = legacy_page(pages[a.path], a)
                rec["encoding"] = a.flags["legacy"]
            truth.append(rec)
        if self.feed_path:
            pages[self.feed_path] = feed(self.name, self.base, self.arts)
        sitemaps: list[str] = []
        if self.sitemap_kind == "plain":
            pages["/sitemap.xml"] = sitemap([(self.base + a.path, a.published)
                                             for a in self.arts])
            sitemaps.append(self.base + "/sitemap.xml")
        elif self.sitemap_kind == "index":
            sitemaps.append(self.base + "/sitemap.xml")
            pages["/sitemap.xml"] = self._sitemap_index(pages)
        pages["/robots.txt"] = robots(list(self.disallow), sitemaps)
        pages["/404"] = not_found(self.name)
        self.extra(pages, truth)
        for host, paths in self.image_host_paths().items():
            target = pages if host == self.host else self.hosts.setdefault(host, {})
            photos(target, host, paths)
        return Site(source_id=self.source_id, host=self.host, scheme="https", pages=pages,
                    truth=truth, hosts=self.hosts, browser_only=self.browser_only)

    browser_only = False
    #: Whether the article pages show the last-updated time (else truth ``modified`` is null).
    prints_modified = False

    def _sitemap_index(self, pages: dict[str, Page]) -> Page:
        """A sitemap index naming one gzipped sitemap per year (``sitemap-2024.xml.gz``)."""
        years: dict[int, list[Art]] = {}
        for a in self.arts:
            years.setdefault(a.when.year, []).append(a)
        entries = []
        for year, arts in sorted(years.items(), reverse=True):
            path = f"/sitemaps/sitemap-{year}.xml.gz"
            pages[path] = gzip_page(sitemap([(self.base + a.path, a.published) for a in arts]))
            entries.append((self.base + path, max(a.published for a in arts)[:10]))
        body = ['<?xml version="1.0" encoding="UTF-8"?>',
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        body += [f"<sitemap><loc>{loc}</loc><lastmod>{lm}</lastmod></sitemap>"
                 for loc, lm in entries]
        body.append("</sitemapindex>")
        return Page("\n".join(body).encode(), content_type="application/xml; charset=utf-8")
