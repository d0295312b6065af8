"""Who wrote it and where it comes from, on the page: the byline (author) and the credited
outlet, from the definition's selectors, JSON-LD, byline elements, closing lines and meta tags.
One line at a time is read by :mod:`newsarchive.extract.attribution`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from newsarchive.extract import attribution as attr
from newsarchive.extract.metadata import ld_names
from newsarchive.extract.text import text_of
from newsarchive.extract.tree import tag_of

if TYPE_CHECKING:
    from newsarchive.extract.page import Page

_AUTHOR_CLASS_PARTS = (
    "author-name", "tacgia", "tac-gia", "byline", "post-author", "article-author", "news-author",
    "author_name", "authorname",
)
#: Any of the parts as a substring, in one regex pass instead of one test per part.
_AUTHOR_CLASS_RE = re.compile("|".join(map(re.escape, _AUTHOR_CLASS_PARTS)))
_CREDIT_CLASS_RE = re.compile("news-source|nguontin|nguon-tin|article-source")

def pop_signatures(paragraphs: list[tuple[str, Any]]) -> tuple[str | None, str | None]:
    """Closing lines that are bylines or credits: removed from the body, returned.

    Up to four lines from the end ("Bài, ảnh: X", then "(baodienbienphu.info.vn)", ...);
    the only paragraph of a short text must look like a signature (bold or right-aligned)
    before it is taken for one.
    """
    author: str | None = None
    credit: str | None = None
    for _ in range(4):
        if not paragraphs:
            break
        text, holder = paragraphs[-1]
        sig = attr.parse_signature(text)
        if sig is None:
            break
        if len(paragraphs) == 1 and not (sig.credit or _is_signature_styled(holder)):
            break
        paragraphs.pop()
        if sig.author and not author:
            author = sig.author
        if sig.credit and not credit:
            credit = sig.credit
    return author, credit

def find_credit_element(page: Page) -> tuple[str | None, str | None]:
    """A "Nguồn tin: X" / "Nguồn: X" element near the article (NukeViet prints one)."""
    sel_text, _ = page.selected_text("credit")
    if sel_text:
        sig = attr.parse_signature(sel_text)
        return (sig.credit if sig and sig.credit else sel_text), "selector"
    for el in [
        el
        for el, low, tokens in page.named
        if "source" in tokens or _CREDIT_CLASS_RE.search(low)
    ]:
        if tag_of(el) in ("script", "source", "link") or page.in_furniture(el):
            continue
        text = text_of(el)
        if not text or len(text) > 120:
            continue
        sig = attr.parse_signature(text)
        if sig and sig.credit:
            return sig.credit, "page"
    return None, None

def _is_signature_styled(holder: Any) -> bool:
    style = (holder.get("style") or "").replace(" ", "").lower()
    return "text-align:right" in style or bool(holder.xpath("./strong|./b"))

def _author_elements(page: Page) -> list[Any]:
    out = []
    for el, low, tokens in page.named:
        if (
            el.get("itemprop") == "author"
            or el.get("rel") == "author"
            or "author" in tokens
            or _AUTHOR_CLASS_RE.search(low)
        ):
            out.append(el)
    return out

def find_author(page: Page, sig_author: str | None) -> tuple[str | None, str | None]:
    """Byline: selector, JSON-LD person (not the organisation), author element, signature, meta."""
    text, _ = page.selected_text("author")
    if text:
        a = attr.parse_author_text(text)
        if a:
            return a, "selector"
    names = ld_names(page.md.ld("author"), page.md.jsonld_nodes)
    people = [
        n
        for n, t in names
        if t not in ("organization", "newsmediaorganization") and not page.is_site_name(n) and not attr.is_non_author(n)
    ]
    if people:
        return attr.join_names([attr.title_case_if_shouting(p) for p in people]), "jsonld"
    for el in _author_elements(page):
        if tag_of(el) in ("meta", "link") or page.in_furniture(el):
            continue
        if el.get("itemprop") != "author" and el.xpath("ancestor::*[@itemprop='author']"):
            continue
        a = attr.parse_author_text(el.get("content") or text_of(el))
        if a and not page.is_site_name(a) and not attr.is_non_author(a):
            return a, "page"
    if sig_author:
        return sig_author, "page"
    meta_author = page.md.get("author", "article:author", "dc.creator", "byl")
    if (
        meta_author
        and not meta_author.startswith("http")
        and not page.is_site_name(meta_author)
        and not attr.is_non_author(meta_author)
    ):
        a = attr.parse_author_text(meta_author)
        if a:
            return a, "meta"
    return None, None

