"""The attribution and classification layers of the page extractor: author, credit,
category and tags."""

from __future__ import annotations

import re
from typing import Any

from newsarchive.extract import attribution as attr
from newsarchive.extract.document import clean_text, fast_text, select, tag_of, text_of
from newsarchive.extract.metadata import ld_names, ld_text
from newsarchive.extract.page_base import PageBase, fold_key

_AUTHOR_CLASS_PARTS = (
    "author-name", "tacgia", "tac-gia", "byline", "post-author", "article-author", "news-author",
    "author_name", "authorname",
)
#: Any of the parts as a substring, in one regex pass instead of one test per part.
_AUTHOR_CLASS_RE = re.compile("|".join(map(re.escape, _AUTHOR_CLASS_PARTS)))
_CREDIT_CLASS_RE = re.compile("news-source|nguontin|nguon-tin|article-source")
_BREADCRUMB_PARTS = ("breadcrumb", "duongdan", "duong-dan", "bread-crumb", "cate-path", "navpath")
_HOME_CRUMBS = {"trang chủ", "home", "trang chu", "tin tức", "trang nhất"}


class AttributionLayer(PageBase):
    """Bylines, outlet credits, section and tags."""

    def pop_signatures(self, paragraphs: list[tuple[str, Any]]) -> tuple[str | None, str | None]:
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
            if len(paragraphs) == 1 and not (sig.credit or self._is_signature_styled(holder)):
                break
            paragraphs.pop()
            if sig.author and not author:
                author = sig.author
            if sig.credit and not credit:
                credit = sig.credit
        return author, credit

    def find_credit_element(self) -> str | None:
        """A "Nguồn tin: X" / "Nguồn: X" element near the article (NukeViet prints one)."""
        sel_text, _ = self.sel_text("credit")
        if sel_text:
            sig = attr.parse_signature(sel_text)
            self.prov["credit"] = "selector"
            return sig.credit if sig and sig.credit else sel_text
        for el in [
            el
            for el, low, tokens in self.classed()
            if "source" in tokens or _CREDIT_CLASS_RE.search(low)
        ]:
            if tag_of(el) in ("script", "source", "link") or self.in_excluded_region(el):
                continue
            text = text_of(el)
            if not text or len(text) > 120:
                continue
            sig = attr.parse_signature(text)
            if sig and sig.credit:
                self.prov["credit"] = "page"
                return sig.credit
        return None

    @staticmethod
    def _is_signature_styled(holder: Any) -> bool:
        style = (holder.get("style") or "").replace(" ", "").lower()
        return "text-align:right" in style or bool(holder.xpath("./strong|./b"))

    def _author_elements(self) -> list[Any]:
        out = []
        for el, low, tokens in self.classed():
            if (
                el.get("itemprop") == "author"
                or el.get("rel") == "author"
                or "author" in tokens
                or _AUTHOR_CLASS_RE.search(low)
            ):
                out.append(el)
        return out

    def find_author(self, sig_author: str | None) -> str | None:
        """Byline: selector, JSON-LD person (not the organisation), author element, signature, meta."""
        text, _ = self.sel_text("author")
        if text:
            a = attr.parse_author_text(text)
            if a:
                self.prov["author"] = "selector"
                return a
        names = ld_names(self.md.ld("author"), self.md.jsonld_nodes)
        people = [
            n
            for n, t in names
            if t not in ("organization", "newsmediaorganization") and not self.is_site_name(n) and not attr.is_non_author(n)
        ]
        if people:
            self.prov["author"] = "jsonld"
            return attr.join_names([attr.title_case_if_shouting(p) for p in people])
        for el in self._author_elements():
            if tag_of(el) in ("meta", "link") or self.in_excluded_region(el):
                continue
            if el.get("itemprop") != "author" and el.xpath("ancestor::*[@itemprop='author']"):
                continue
            a = attr.parse_author_text(el.get("content") or text_of(el))
            if a and not self.is_site_name(a) and not attr.is_non_author(a):
                self.prov["author"] = "page"
                return a
        if sig_author:
            self.prov["author"] = "page"
            return sig_author
        meta_author = self.md.get("author", "article:author", "dc.creator", "byl")
        if (
            meta_author
            and not meta_author.startswith("http")
            and not self.is_site_name(meta_author)
            and not attr.is_non_author(meta_author)
        ):
            a = attr.parse_author_text(meta_author)
            if a:
                self.prov["author"] = "meta"
                return a
        return None

    def find_category(self, title: str) -> str | None:
        """Section: selector, visible breadcrumb, JSON-LD breadcrumb, article:section."""
        title_key = fold_key(title)
        sel = self.selectors.get("category")
        if sel:
            found = [text_of(e) for e in select(self.root, sel, self.sindex)]
            found = [t for t in found if t and fold_key(t) not in _HOME_CRUMBS and fold_key(t) != title_key]
            if found:
                self.prov["category"] = "selector"
                return found[-1]
        crumbs_boxes = [
            el for el, low, tokens in self.classed() if "path" in tokens or any(k in low for k in _BREADCRUMB_PARTS)
        ]
        for bc in crumbs_boxes:
            items = [text_of(a) for a in bc.xpath(".//a | .//li[not(.//a)] | .//span[@itemprop='name']")]
            items = [t for t in items if t and fold_key(t) not in _HOME_CRUMBS and fold_key(t) != title_key and len(t) < 80]
            if items:
                self.prov["category"] = "page"
                return items[-1]
        home_parents = []
        for a in self.root.iter("a"):
            parent = a.getparent()
            if parent is None or parent in home_parents or fold_key(fast_text(a)) not in _HOME_CRUMBS - {"tin tức"}:
                continue
            links = parent.findall("a")
            if len(links) >= 2 and links[0] is a:
                home_parents.append(parent)
        for bc in home_parents:
            if len(text_of(bc)) > 200 or self.in_excluded_region(bc) or tag_of(bc) in ("ul", "nav", "body"):
                continue
            items = [text_of(a) for a in bc.xpath("./a")]
            items = [t for t in items if t and fold_key(t) not in _HOME_CRUMBS and fold_key(t) != title_key]
            if items and len(items) <= 4:
                self.prov["category"] = "page"
                return items[-1]
        crumbs = [c for c in self.md.breadcrumbs if fold_key(c) not in _HOME_CRUMBS and fold_key(c) != title_key]
        if crumbs:
            self.prov["category"] = "jsonld"
            return crumbs[-1]
        section = self.md.get("article:section") or ld_text(self.md.ld("articleSection"))
        if section:
            self.prov["category"] = "meta"
            return section
        return None

    def find_tags(self) -> list[str]:
        """Keyword tags: selector, article:tag, JSON-LD keywords, tag links on the page."""
        tags: list[str] = []
        sel = self.selectors.get("tags")
        layer = "selector"
        if sel:
            tags = [text_of(e) for e in select(self.root, sel, self.sindex)]
        if not tags:
            tags, layer = self.md.all("article:tag"), "meta"
        if not tags:
            kw = self.md.ld("keywords")
            layer = "jsonld"
            if isinstance(kw, str):
                tags = [k.strip() for k in kw.split(",")]
            elif isinstance(kw, list):
                tags = [k for k in kw if isinstance(k, str)]
        if not tags:
            layer = "page"
            links: list[Any] = [a for a in self.root.iter("a") if "tag" in (a.get("rel") or "").split()]
            for el, low, _tokens in self.classed():
                if tag_of(el) != "a" and any(k in low for k in ("tags", "tag-list", "keyword", "tu-khoa")):
                    links.extend(a for a in el.iter("a") if a not in links)
            for a in sorted(links, key=self.order):
                if not self.in_excluded_region(a):
                    tags.append(text_of(a))
        out: list[str] = []
        seen: set[str] = set()
        for t in tags:
            t = clean_text(t).lstrip("#").strip()
            k = t.casefold()
            if t and k not in seen and len(t) <= 80 and k not in ("tags", "tag", "từ khóa", "từ khoá"):
                seen.add(k)
                out.append(t)
        if out:
            self.prov["tags"] = layer
        return out
