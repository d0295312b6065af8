"""Where the article is filed: its section (breadcrumbs, JSON-LD, article:section) and its
keyword tags."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from lxml import etree

from newsarchive.extract.metadata import ld_text
from newsarchive.extract.text import clean_text, fast_text, fold_key, text_of
from newsarchive.extract.tree import tag_of

if TYPE_CHECKING:
    from newsarchive.extract.page import Page

_HOME_CRUMBS = {"trang chủ", "home", "trang chu", "tin tức", "trang nhất"}
_CRUMB_ITEMS = etree.XPath(".//a | .//li[not(.//a)] | .//span[@itemprop='name']")
_HOME_LINKS = _HOME_CRUMBS - {"tin tức"}
_TAG_LABEL_RE = re.compile(r"\s*(?:tags?|từ\s+khóa|từ\s+khoá|chủ\s+đề)\s*:?\s*$", re.IGNORECASE)
_TAG_LABELS = {"tags", "tag", "từ khóa", "từ khoá", "chủ đề"}


def find_category(page: Page, title: str) -> tuple[str | None, str | None]:
    """Section: selector, visible breadcrumb, JSON-LD breadcrumb, article:section."""
    title_key = fold_key(title)
    sel = page.selectors.get("category")
    if sel:
        found = [text_of(e) for e in page.select(sel)]
        found = [
            t for t in found if t and fold_key(t) not in _HOME_CRUMBS and fold_key(t) != title_key
        ]
        if found:
            return found[-1], "selector"
    for bc in page.hinted("breadcrumb"):
        items = [text_of(a) for a in _CRUMB_ITEMS(bc)]
        items = [
            t
            for t in items
            if t and fold_key(t) not in _HOME_CRUMBS and fold_key(t) != title_key and len(t) < 80
        ]
        if items:
            return items[-1], "page"
    home_parents = []
    for a in page.root.iter("a"):
        parent = a.getparent()
        if parent is None or parent in home_parents:
            continue
        label = a.text if not len(a) else fast_text(a)
        if not label or len(label) > 40 or fold_key(label) not in _HOME_LINKS:
            continue
        links = parent.findall("a")
        if len(links) >= 2 and links[0] is a:
            home_parents.append(parent)
    for bc in home_parents:
        if len(text_of(bc)) > 200 or page.in_furniture(bc) or tag_of(bc) in ("ul", "nav", "body"):
            continue
        items = [text_of(a) for a in bc.findall("a")]
        items = [
            t for t in items if t and fold_key(t) not in _HOME_CRUMBS and fold_key(t) != title_key
        ]
        if items and len(items) <= 4:
            return items[-1], "page"
    crumbs = [
        c
        for c in page.md.breadcrumbs
        if fold_key(c) not in _HOME_CRUMBS and fold_key(c) != title_key
    ]
    if crumbs:
        return crumbs[-1], "jsonld"
    section = page.md.get("article:section") or ld_text(page.md.ld("articleSection"))
    if section:
        return section, "meta"
    return None, None


def find_tags(page: Page) -> tuple[list[str], str | None]:
    """Keyword tags: selector, article:tag, JSON-LD keywords, tag links on the page."""
    tags: list[str] = []
    sel = page.selectors.get("tags")
    layer = "selector"
    if sel:
        tags = [text_of(e) for e in page.select(sel)]
    if not tags:
        tags, layer = page.md.all("article:tag"), "meta"
    if not tags:
        kw = page.md.ld("keywords")
        layer = "jsonld"
        if isinstance(kw, str):
            tags = [k.strip() for k in kw.split(",")]
        elif isinstance(kw, list):
            tags = [k for k in kw if isinstance(k, str)]
    if not tags:
        layer = "page"
        links: list[Any] = [a for a in page.root.iter("a") if "tag" in (a.get("rel") or "").split()]
        boxes = [el for el in page.hinted("tags") if tag_of(el) != "a"]
        # a box opened by "Từ khóa:" / "Tags:", whatever it is named
        for label in page.root.iter("span", "strong", "b", "em", "label", "h3", "h4", "div", "p"):
            if label.text and _TAG_LABEL_RE.match(label.text) and len(label) <= 2:
                parent = label.getparent()
                if parent is not None and fold_key(fast_text(label)) in _TAG_LABELS:
                    boxes.append(parent)
        for el in boxes:
            links.extend(a for a in el.iter("a") if a not in links)
        for a in sorted(links, key=page.order):
            if not page.in_furniture(a):
                tags.append(text_of(a))
    out: list[str] = []
    seen: set[str] = set()
    for t in tags:
        t = clean_text(t).lstrip("#").strip()
        k = t.casefold()
        if t and k not in seen and len(t) <= 80 and k not in ("tags", "tag", "từ khóa", "từ khoá"):
            seen.add(k)
            out.append(t)
    return out, (layer if out else None)
