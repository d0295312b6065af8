"""Building blocks for the labelled pages in tests/corpus/dev and tests/corpus/heldout.

Each split has its own family modules (the markup of its sites and the stories printed on them)
and its own ``build`` module that writes the HTML files and ``truth.jsonl``.  Truth is written by
construction: a :class:`Story` holds what the page says (headline, lead, paragraphs, captions,
byline, credited outlet, time), a site's renderer prints it, and the truth record is made from the
same :class:`Story`, never from running an extractor.  How a field is printed is a knob on the
story (``author_how``, ``credit_how``, ...) and the cases of issue #12 a page exercises are derived
from those knobs, so the ``cases`` list of a record says what the page really does.

All prose is the project's own writing.  Facts about the real sites (URL shapes, class names,
date formats) come from ``shared/registry-evidence/sites.tsv`` and are cited per site.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

VN = timezone(timedelta(hours=7))
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")

#: The markup families of registry-evidence/README.md ("CMS families").
FAMILIES = {
    "f1-b-maincontent": "1. b-maincontent family",
    "f2-cms-body": "2. cms-body family",
    "f3-content-detail": "3. #content-detail family",
    "f4a-newscontents": "4a. -a<id>.html, #newscontents .content-fck",
    "f4b-contentnews": "4b. -a<id>.html, #contentNews .singular-content",
    "f5-date-folder": "5. /<category>/<YYYYMM>/<slug>/ date-folder family",
    "f6-dcontent": "6. #dcontent family",
    "f7-one-off": "7. one-offs",
}

#: Every case of issue #12's list, by the name the truth records use.
CASES = {
    "outlet-jsonld-author": "1. JSON-LD author holds an outlet; the page prints 'Theo <outlet>'",
    "nguon-credit": "1. 'Nguồn: <outlet>' at the end",
    "detail-source": "1. the credit in a .detail-source block after the body",
    "theo-reprint": "1. a 'Theo <outlet>' reprint line at the end of the body",
    "lead-tag": "2. a bold '(CTO) -' tag before the lead; credit as printed",
    "theo-author-meta": "3. author meta 'Theo <name>'",
    "tong-hop": "3. bold name followed by '(tổng hợp)'",
    "data-role-author": "3. byline in [data-role=author] in the header",
    "tin-anh": "3. 'Tin, ảnh: P.Y' at the end",
    "jsonld-entities": "3. HTML entities inside JSON-LD strings",
    "header-today": "4. header prints today's date",
    "footer-licence": "4. footer prints a licence date",
    "jsonld-offset": "4. JSON-LD +08:00 against the visible time and two +07:00 metas",
    "clock-12h": "4. a 12-hour clock ('01:39 PM')",
    "generic-title": "5. generic portal <title>/og:title, headline only in the h1",
    "seo-title": "5. SEO title differs from the visible headline",
    "caption-group": "6. one caption beside a group of 2-3 photos",
    "caption-minh-hoa": "6. a caption that is only 'Ảnh minh hoạ'",
    "caption-credit": "6. a photo credit inside the caption",
    "listing-og-article": "7. a listing page declaring og:type=article",
    "empty-shell": "7. a page with a headline but no body and no date",
    "video-text": "7. a video page that carries text",
    "non-article": "7. category, tag, search or home page",
}


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def entities(text: str) -> str:
    """Every non-ASCII character as a decimal reference, as some CMSs write JSON-LD strings."""
    return "".join(c if ord(c) < 128 else f"&#{ord(c)};" for c in text)


def dmy(dt: datetime, pad: bool = True) -> str:
    return f"{dt:%d/%m/%Y}" if pad else f"{dt.day}/{dt.month}/{dt.year}"


def hm(dt: datetime) -> str:
    return f"{dt:%H:%M}"


def hm12(dt: datetime) -> str:
    """'01:39 PM' (the 12-hour clock some CMS templates print)."""
    hour = dt.hour % 12 or 12
    return f"{hour:02d}:{dt.minute:02d} {'AM' if dt.hour < 12 else 'PM'}"


def weekday(dt: datetime) -> str:
    return WEEKDAYS[dt.weekday()]


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=VN)


@dataclass
class Cap:
    """One caption as printed.  ``credit`` is printed inside the caption text ("Ảnh: X")."""

    text: str | None
    credit: str | None = None
    #: Image file names; two or three make a group that one caption serves.
    images: tuple[str, ...] = ("anh.jpg",)
    #: How the credit sits in the caption: "plain" ("text. Ảnh: X"), "paren" ("text (Ảnh: X)"),
    #: "split" (its own element inside the caption), "alone" (the caption is only the credit).
    how: str = "plain"
    #: Placed after this body paragraph (0 = before the first).
    after: int = 1

    def printed(self) -> str:
        """The caption's text as one line, credit included."""
        if self.how == "alone" or not self.text:
            return self.credit or ""
        if not self.credit:
            return self.text
        if self.how == "paren":
            return f"{self.text} ({self.credit})"
        return f"{self.text} {self.credit}"


@dataclass
class Story:
    """What an article page says, and how its attribution and dates are printed."""

    slug: str
    id: str
    title: str
    sapo: str | None
    paras: list[str]  # "## " marks an intertitle (part of the body)
    when: datetime
    category: str
    cat_slug: str
    author: str | None = None
    credit: str | None = None
    caps: list[Cap] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    timed: bool = True
    kind: str = "article"  # article | video | gallery
    #: end-bold | end-right | top | data-role | tong-hop | tin-anh | meta-theo | jsonld-entity
    author_how: str | None = "end-bold"
    #: lead-tag | theo-end | nguon-end | detail-source (several joined by "+")
    credit_how: str | None = None
    lead_tag: str | None = None  # the printed tag, e.g. "(CTO) -"
    jsonld_author: str | None = None  # what JSON-LD names as author when it is not the byline
    jsonld_author_type: str = "Person"  # CMSs type an outlet-as-author as a Person too
    seo_title: str | None = None
    generic_title: bool = False
    jsonld_offset: bool = False
    clock12: bool = False
    entities: bool = False
    notes: str = ""

    @property
    def body(self) -> str:
        return "\n\n".join(p.removeprefix("## ") for p in self.paras)

    def iso(self) -> str:
        return self.when.isoformat() if self.timed else self.when.date().isoformat()

    def iso_wrong_offset(self) -> str:
        """The same wall-clock time labelled +08:00, as a misconfigured JSON-LD writer does."""
        return self.when.replace(tzinfo=timezone(timedelta(hours=8))).isoformat()


@dataclass
class Site:
    """One paper of a family, with the registry rows its markup follows."""

    id: str
    name: str
    host: str
    family: str
    evidence: list[dict[str, str]]
    today: datetime  # the crawl day: what the header clock shows
    licence: str | None = None  # footer licence line with its date, or None
    header_today: bool = True

    @property
    def base(self) -> str:
        return f"https://{self.host}"


def ev(row: str, evidence: str, observed_at: str) -> dict[str, str]:
    return {"row": row, "evidence": evidence, "observed_at": observed_at}


@dataclass
class Page:
    path: str  # relative to the split folder
    html: str
    truth: dict[str, Any]


def story_cases(site: Site, story: Story) -> list[str]:
    """The issue #12 cases an article page exercises, read from the knobs that print it."""
    cases: set[str] = set()
    how = set((story.credit_how or "").split("+")) - {""}
    if "lead-tag" in how:
        cases.add("lead-tag")
    if "theo-end" in how:
        cases.add("theo-reprint")
    if "nguon-end" in how:
        cases.add("nguon-credit")
    if "detail-source" in how:
        cases.add("detail-source")
    if story.jsonld_author and story.jsonld_author == story.credit:
        cases.add("outlet-jsonld-author")
    mapping = {"meta-theo": "theo-author-meta", "tong-hop": "tong-hop",
               "data-role": "data-role-author", "tin-anh": "tin-anh",
               "jsonld-entity": "jsonld-entities"}
    if story.author_how in mapping:
        cases.add(mapping[story.author_how])
    if story.entities:
        cases.add("jsonld-entities")
    if site.header_today:
        cases.add("header-today")
    if site.licence:
        cases.add("footer-licence")
    if story.jsonld_offset:
        cases.add("jsonld-offset")
    if story.clock12:
        cases.add("clock-12h")
    if story.generic_title:
        cases.add("generic-title")
    if story.seo_title:
        cases.add("seo-title")
    for cap in story.caps:
        if len(cap.images) > 1:
            cases.add("caption-group")
        if cap.how == "alone" and cap.credit and re.search(r"minh h(?:o|ọ)", cap.credit.lower()):
            cases.add("caption-minh-hoa")
        elif cap.credit and cap.text:
            cases.add("caption-credit")
    if story.kind == "video" and story.body:
        cases.add("video-text")
    return sorted(cases)


def image_url(site: Site, story: Story, name: str) -> str:
    return f"{site.base}/uploads/{story.when:%Y/%m}/{name}"


def truth_article(site: Site, story: Story, url: str, path: str, *, img_url: Any = None,
                  notes: str = "") -> dict[str, Any]:
    """The record of an article page, from the story that was printed."""
    img = img_url or (lambda name: image_url(site, story, name))
    captions = [
        {
            "text": None if cap.how == "alone" else cap.text,
            "credit": cap.credit,
            "image_url": img(cap.images[0]),
        }
        for cap in sorted(story.caps, key=lambda c: c.after)
    ]
    return {
        "file": path,
        "url": url,
        "style": site.id,
        "family": site.family,
        "is_article": True,
        "page_type": story.kind,
        "title": story.title,
        "sapo": story.sapo,
        "body": story.body,
        "captions": captions,
        "published": story.iso(),
        "modified": None,
        "author": story.author,
        "credit": story.credit,
        "category": story.category,
        "tags": story.tags,
        "source": None,
        "encoding": "utf-8",
        "content_type": "text/html; charset=utf-8",
        "cases": story_cases(site, story),
        "evidence": site.evidence,
        "notes": "; ".join(x for x in (story.notes, notes) if x),
    }


def truth_other(site: Site, url: str, path: str, page_type: str, cases: list[str],
                notes: str) -> dict[str, Any]:
    """The record of a page that is not an article (listing, tag, search, home, other)."""
    base = {"non-article"} | set(cases)
    if site.header_today:
        base.add("header-today")
    if site.licence:
        base.add("footer-licence")
    return {
        "file": path,
        "url": url,
        "style": site.id,
        "family": site.family,
        "is_article": False,
        "page_type": page_type,
        "source": None,
        "encoding": "utf-8",
        "content_type": "text/html; charset=utf-8",
        "cases": sorted(base),
        "evidence": site.evidence,
        "notes": notes,
    }


# ---------------------------------------------------------------------- shared markup pieces
def jsonld(site: Site, story: Story, url: str, *, image: str | None = None,
           date_only: bool = False, author: bool = True) -> str:
    """A NewsArticle JSON-LD block as the story's knobs ask (author, offset, entities).

    A page with a generic <title> carries the same generic headline here (the portal template
    fills both); ``author=False`` is a CMS that leaves the author out of JSON-LD.
    """
    if story.generic_title:
        headline = f"Tin tức - {site.name}"
    else:
        headline = story.seo_title or story.title
    author_name = story.jsonld_author or (story.author if author else None)
    if story.author_how == "jsonld-entity":
        author_name = story.author
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "VideoObject" if story.kind == "video" else "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": headline,
        "description": story.sapo or story.paras[0],
        "publisher": {"@type": "Organization", "name": site.name,
                      "logo": {"@type": "ImageObject", "url": f"{site.base}/images/logo.png"}},
    }
    if story.kind == "video":
        data["name"] = headline
        data.pop("headline")
        data["uploadDate"] = story.iso()
    elif date_only or not story.timed:
        data["datePublished"] = story.when.date().isoformat()
    else:
        data["datePublished"] = story.iso_wrong_offset() if story.jsonld_offset else story.iso()
    if image:
        data["image"] = [image]
    if author_name:
        data["author"] = {"@type": story.jsonld_author_type, "name": author_name}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if story.entities:
        text = entities(text)
    return f'<script type="application/ld+json">\n{text}\n</script>'


def head_meta(site: Site, story: Story, url: str, *, image: str | None = None,
              time_metas: int = 1, og_type: str | None = None, extra: str = "") -> str:
    """<title>, description, OpenGraph and article:* metas as the knobs ask."""
    if story.generic_title:
        title = f"Tin tức - {site.name}"
        og_title = site.name
    elif story.seo_title:
        title = og_title = story.seo_title
    else:
        title = f"{story.title} - {site.name}"
        og_title = story.title
    desc = story.sapo or story.paras[0]
    kind = og_type or ("video.other" if story.kind == "video" else "article")
    out = [
        f"<title>{esc(title)}</title>",
        f'<meta name="description" content="{esc(desc)}">',
        f'<link rel="canonical" href="{esc(url)}">',
        f'<meta property="og:type" content="{kind}">',
        f'<meta property="og:title" content="{esc(og_title)}">',
        f'<meta property="og:description" content="{esc(desc)}">',
        f'<meta property="og:url" content="{esc(url)}">',
        f'<meta property="og:site_name" content="{esc(site.name)}">',
    ]
    if image:
        out.append(f'<meta property="og:image" content="{esc(image)}">')
    if story.timed and not story.clock12:
        if time_metas >= 1:
            out.append(f'<meta property="article:published_time" content="{story.iso()}">')
        if time_metas >= 2:
            out.append(f'<meta itemprop="datePublished" content="{story.iso()}">')
    elif not story.timed and time_metas >= 1:
        out.append(f'<meta property="article:published_time" content="{story.iso()}">')
    if story.author_how == "meta-theo" and story.author:
        out.append(f'<meta name="author" content="Theo {esc(story.author)}">')
    elif story.jsonld_author and story.jsonld_author == story.credit:
        out.append(f'<meta name="author" content="{esc(story.jsonld_author)}">')
    out.append(f'<meta property="article:section" content="{esc(story.category)}">')
    for tag in story.tags:
        out.append(f'<meta property="article:tag" content="{esc(tag)}">')
    if extra:
        out.append(extra)
    return "\n".join(out)


def sapo_inner(story: Story, tag_html: str = "<strong>{tag}</strong> ") -> str:
    """The lead's inner HTML, with the outlet tag in its own bold span when the story has one."""
    lead = esc(story.sapo)
    if story.lead_tag:
        return tag_html.format(tag=esc(story.lead_tag)) + lead
    return lead


def byline_end(story: Story, *, p_class: str = "", right: str = 'style="text-align: right;"',
               tong_hop: str = "<p>{bold} (tổng hợp)</p>") -> str:
    """The closing lines of a body: the byline and the 'Theo'/'Nguồn' credit as knobs ask."""
    out: list[str] = []
    cls = f' class="{p_class}"' if p_class else ""
    name = esc(story.author)
    how = set((story.credit_how or "").split("+"))
    if story.author:
        if story.author_how == "end-bold":
            out.append(f"<p{cls} {right}><strong>{name}</strong></p>")
        elif story.author_how == "end-right":
            out.append(f"<p{cls} {right}>{name}</p>")
        elif story.author_how == "tong-hop":
            out.append(tong_hop.format(bold=f"<strong>{name}</strong>"))
        elif story.author_how == "tin-anh":
            out.append(f"<p{cls} {right}><em>Tin, ảnh: {name}</em></p>")
    if story.credit and "theo-end" in how:
        out.append(f"<p{cls} {right}><strong>Theo {esc(story.credit)}</strong></p>")
    if story.credit and "nguon-end" in how:
        out.append(f"<p{cls}><em>Nguồn: {esc(story.credit)}</em></p>")
    return "\n".join(out)


def body_with_captions(story: Story, caption: Any, *, p: str = "<p>{text}</p>",
                       h: str = "<h2>{text}</h2>", inserts: dict[int, str] | None = None) -> str:
    """Paragraphs with each caption block (``caption(cap)``) and insert placed after its index."""
    blocks: list[str] = []
    inserts = inserts or {}
    for i, para in enumerate([*story.paras, None]):
        for cap in story.caps:
            if cap.after == i:
                blocks.append(caption(cap))
        if i in inserts:
            blocks.append(inserts[i])
        if para is None:
            break
        if para.startswith("## "):
            blocks.append(h.format(text=esc(para[3:])))
        else:
            blocks.append(p.format(text=esc(para)))
    return "\n".join(blocks)


def related(items: list[tuple[str, str, datetime]], *, ul: str = "ul", li: str = "li",
            fmt: str = "{a} <span>({date})</span>") -> str:
    """A list of (title, url, date) teasers with their dates, the way 'related' boxes print them."""
    rows = []
    for title, url, when in items:
        a = f'<a href="{esc(url)}">{esc(title)}</a>'
        rows.append(f"<{li}>{fmt.format(a=a, date=dmy(when), time=hm(when))}</{li}>")
    return f"<{ul}>" + "".join(rows) + f"</{ul}>"


def tag_links(tags: list[str], *, href: str = "/tag/{slug}", sep: str = " ") -> str:
    """Links to the story's tag pages ('' when it has none)."""
    return sep.join(
        f'<a href="{href.format(slug=slugify(t))}">{esc(t)}</a>' for t in tags)


_FOLD = str.maketrans("đĐ", "dD")


def slugify(text: str) -> str:
    """'Quỳnh Lưu' -> 'quynh-luu', as Vietnamese CMSs build slugs."""
    bare = unicodedata.normalize("NFD", text.translate(_FOLD))
    bare = "".join(c for c in bare if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in bare).split())


def nfc_check(value: Any, where: str) -> None:
    """Every string in the truth must be NFC; fail the build loudly otherwise."""
    if isinstance(value, str):
        if not unicodedata.is_normalized("NFC", value):
            raise ValueError(f"{where}: not NFC: {value[:40]!r}")
    elif isinstance(value, dict):
        for k, v in value.items():
            nfc_check(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            nfc_check(v, f"{where}[{i}]")


def write_split(root: Path, pages: list[Page]) -> None:
    """Write every page and truth.jsonl (sorted by file) under ``root``."""
    seen: set[str] = set()
    for page in pages:
        if page.path in seen:
            raise ValueError(f"two pages write {page.path}")
        seen.add(page.path)
        nfc_check(page.truth, page.path)
        if not unicodedata.is_normalized("NFC", page.html):
            raise ValueError(f"{page.path}: page text is not NFC")
        out = root / page.path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page.html, encoding="utf-8")
    lines = [json.dumps(p.truth, ensure_ascii=False, sort_keys=True)
             for p in sorted(pages, key=lambda p: p.path)]
    (root / "truth.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
