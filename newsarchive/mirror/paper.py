"""One article model for every mirror site, read from the content files, and what sites share.

The content files were written over time in three shapes (``content/*.yaml``); :func:`load_papers`
reads any of them into :class:`Art`, so a site module only decides how its CMS family prints an
article (the markup the registry evidence records) and the truth follows from the same data.

Truth records carry ``needs``: what a crawler must do beyond fetching static pages to archive
that article (``render``: the body appears only after the page's script ran; ``listing_api``:
no static page links it, only the JSON API or the rendered listing; ``browser_headers``: the
site answers 403 without them).  Extraction truth is always the article as a reader sees it.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsarchive.mirror.common import (
    CRAWL_DAY,
    FeedItem,
    dmy,
    esc,
    has_time,
    load_content,
    page,
    parse_iso,
    rss,
    truth_article,
    weekday_vi,
)
from newsarchive.mirror.model import Page
from newsarchive.mirror.photos import photo_page

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime


@dataclass
class Img:
    file: str
    lines: list[str]
    #: The credit as the truth records it ("Ảnh: Minh Hà", or a bare "(TTXVN)" -> "TTXVN").
    credit: str | None = None
    #: How it is printed after the caption text (" Ảnh: Minh Hà").
    printed: str | None = None

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass
class Art:
    id: str
    slug: str
    cat: str
    title: str
    published: str  # truth: YYYY-MM-DD, or ISO with +07:00 when the page prints a time
    paragraphs: list[str]
    sapo: str | None = None
    images: list[Img] = field(default_factory=list)
    byline: str | None = None  # printed signature line (plain text) or None
    byline_em: bool = False  # printed in <em> (a "Theo ..." credit line) rather than <strong>
    author: str | None = None
    credit: str | None = None
    credit_line: str | None = None  # printed after the byline ("Theo TTXVN")
    tags: list[str] = field(default_factory=list)
    page_type: str = "article"
    modified: str | None = None
    notes: str | None = None
    video: str | None = None
    flags: dict[str, Any] = field(default_factory=dict)
    path: str = ""
    cat_name: str = ""

    @property
    def when(self) -> datetime:
        return parse_iso(self.published)

    @property
    def timed(self) -> bool:
        return has_time(self.published)

    @property
    def num(self) -> int:
        return int("".join(c for c in self.id if c.isdigit()) or 0)


def _credit_pair(raw: Any) -> tuple[str | None, str | None]:
    """Content credit -> (truth credit, printed credit)."""
    if not raw:
        return None, None
    text = str(raw).strip()
    if text.lower().startswith("ảnh:") or text.startswith("("):
        bare = text.strip("()")
        return bare, text
    return f"Ảnh: {text}", f"Ảnh: {text}"


def _img(raw: dict[str, Any]) -> Img:
    if raw.get("caption") is not None:
        lines = [p.strip() for p in str(raw["caption"]).split("|")]
    else:
        lines = [str(x) for x in raw.get("lines") or [raw.get("text") or ""]]
    style = raw.get("credit_style", "plain")
    credit = raw.get("credit")
    if credit and style == "raw":
        truth, printed = str(credit), f"({credit})"
    elif style == "none":
        truth, printed = None, None
    else:
        truth, printed = _credit_pair(credit)
    return Img(str(raw["file"]), lines, truth, printed)


_BYLINE_LABELS = {"bai_anh": "Bài và ảnh: ", "bai": "Bài, ảnh: ", "tin_anh": "Tin, ảnh: ",
                  "anh": "Ảnh: ", "bold": ""}


def _from_raw(raw: dict[str, Any], cats: dict[str, str]) -> Art:
    """Any of the three content shapes -> Art."""
    cat = str(raw.get("cat") or raw.get("category"))
    if raw.get("published"):
        published = str(raw["published"])
    elif raw.get("time"):
        published = f"{raw['day']}T{raw['time']}:00+07:00"
    else:
        published = str(raw["day"])
    paragraphs = [str(p) for p in raw.get("paragraphs") or raw.get("body") or []]
    images = [_img(i) for i in ([raw["homeimg"]] if raw.get("homeimg") else [])]
    images += [_img(i) for i in raw.get("images") or []]
    author = raw.get("author")
    byline = raw.get("byline")
    byline_em = False
    credit = raw.get("credit")
    credit_line = raw.get("credit_line")
    if isinstance(byline, dict):  # the WordPress-era shape
        names = [str(n) for n in byline.get("names") or []]
        style = byline.get("style", "none")
        author = "; ".join(names) or None
        if style == "theo":
            byline, byline_em, author = f"Theo {credit}", True, None
        elif style in _BYLINE_LABELS and names:
            byline = _BYLINE_LABELS[style] + " - ".join(names)
        else:
            byline, author = None, None
    elif raw.get("authors"):  # the Tây Ninh shape
        names = [str(n) for n in raw["authors"]]
        byline = str(raw.get("author_sep", " - ")).join(names)
        author = "; ".join(names)
    elif raw.get("author_style") == "none":
        byline = None
    if raw.get("source") and not credit_line:
        credit_line = f"Nguồn: {raw['source']}"
    ident = str(raw.get("id") or raw.get("post_id"))
    slug = str(raw.get("slug") or "")
    return Art(
        id=ident, slug=slug, cat=cat, title=str(raw["title"]), published=published,
        paragraphs=paragraphs, sapo=raw.get("sapo") or None, images=images,
        byline=str(byline) if byline else None, byline_em=byline_em,
        author=str(author) if author else None, credit=str(credit) if credit else None,
        credit_line=str(credit_line) if credit_line else None,
        tags=[str(t) for t in raw.get("tags") or []],
        page_type=str(raw.get("page_type") or "article"), modified=raw.get("modified"),
        notes=raw.get("notes"), video=raw.get("video"),
        flags={k: raw[k] for k in ("related_inline", "related_inside", "ads_inline",
                                   "ad_inside", "prefix", "encoded", "inject", "photo", "legacy")
               if k in raw},
        cat_name=cats.get(cat, cat),
    )


def load_papers(content_id: str) -> tuple[dict[str, Any], list[dict[str, Any]], list[Art]]:
    """(site settings, categories, articles newest first) from ``content/<content_id>.yaml``."""
    from newsarchive.mirror.common import slugify

    data = load_content(content_id)
    cats = [dict(c) for c in data["categories"]]
    names = {str(c["slug"]): str(c["name"]) for c in cats}
    arts = [_from_raw(raw, names) for raw in data["articles"]]
    for raw in data.get("legacy_articles") or []:  # old archive pages kept in legacy bytes
        arts.append(_from_raw({**raw, "legacy": raw["encoding"]}, names))
    for a in arts:
        if not a.slug:
            a.slug = slugify(a.title)[:80].rstrip("-")
    arts.sort(key=lambda a: (a.when, a.num), reverse=True)
    return dict(data.get("site") or {}), cats, arts


# ---- truth ------------------------------------------------------------------------------------
def truth_of(a: Art, url: str, source: str, image_url: Callable[[Img], str], *,
             sapo: str | None = None, needs: list[str] | None = None) -> dict[str, Any]:
    rec = truth_article(
        url=url, source=source, page_type=a.page_type, title=a.title,
        sapo=a.sapo if sapo is None else sapo, body="\n\n".join(a.paragraphs),
        captions=[{"text": i.text, "image_url": image_url(i), "credit": i.credit}
                  for i in a.images],
        published=a.published, modified=a.modified, author=a.author, credit=a.credit,
        category=a.cat_name, tags=list(a.tags), notes=a.notes,
    )
    if needs:
        rec["needs"] = sorted(needs)
    return rec


# ---- printed forms ------------------------------------------------------------------------------
def caption_html(img: Img) -> str:
    text = "<br>".join(esc(x) for x in img.lines)
    return text + (f" <em>{esc(img.printed)}</em>" if img.printed else "")


def signature_html(a: Art) -> str:
    """The byline and credit line as printed after the body (right-aligned)."""
    out = ""
    if a.byline:
        tag = "em" if a.byline_em else "strong"
        out += f'<p style="text-align: right;"><{tag}>{esc(a.byline)}</{tag}></p>'
    if a.credit_line:
        out += f'<p style="text-align: right;"><em>{esc(a.credit_line)}</em></p>'
    return out


def today_line() -> str:
    return f"{weekday_vi(CRAWL_DAY)}, {dmy(CRAWL_DAY)}"


def dmy_hm(a: Art) -> str:
    """``08/01/2026 - 18:21`` (the -a<id>.html family's pubdate), day only when untimed."""
    w = a.when
    return f"{dmy(w)} - {w.hour:02d}:{w.minute:02d}" if a.timed else dmy(w)


def jsonld(a: Art, url: str, publisher: str, images: list[str]) -> str:
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url}, "headline": a.title,
        "datePublished": a.published,
        "publisher": {"@type": "Organization", "name": publisher},
    }
    if a.modified:
        data["dateModified"] = a.modified
    if images:
        data["image"] = images
    if a.tags:
        data["keywords"] = ", ".join(a.tags)
    if a.author:
        data["author"] = [{"@type": "Person", "name": n} for n in a.author.split("; ")]
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>\n'


def chunks(items: list[Art], size: int) -> list[list[Art]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def feed(name: str, base: str, arts: list[Art]) -> Page:
    return rss(name, base + "/", f"Tin mới - {name}",
               [FeedItem(a.title, base + a.path, a.published, a.sapo or a.paragraphs[0])
                for a in arts[:20]])


def gzip_page(p: Page) -> Page:
    """The same document gzipped, served as a ``.gz`` file (what sitemap.xml.gz is)."""
    return Page(gzip.compress(p.body, mtime=0), content_type="application/gzip")


def photos(pages: dict[str, Page], host: str, paths: list[str]) -> None:
    """Serve a generated photo on every path (lazily built)."""
    for path in paths:
        pages.setdefault(path, photo_page(host + path, path))


def related_block(others: list[Art], title: str = "Tin liên quan") -> str:
    items = "".join(f'<li><a href="{o.path}">{esc(o.title)}</a></li>' for o in others)
    return f'<div class="related-news"><p class="title">{title}</p><ul>{items}</ul></div>'


__all__ = ["Art", "Img", "caption_html", "chunks", "dmy_hm", "feed", "gzip_page", "jsonld",
           "load_papers", "page", "photos", "related_block", "signature_html", "today_line",
           "truth_of"]
