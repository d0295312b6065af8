"""The orchestrator: one parsed page, each field from the first layer that gives a sane value."""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from newsarchive.extract import attribution as attr
from newsarchive.extract import body as bodymod
from newsarchive.extract.captions import CaptionResult, captions_from_selector, find_captions, image_url
from newsarchive.extract.dates import (
    DateHit,
    date_from_url,
    find_dates,
    parse_iso,
)
from newsarchive.extract.document import (
    BLOCK_TAGS,
    DROP_TAGS,
    attr_tokens,
    clean_text,
    fast_text,
    parse_html,
    prepare_tree,
    select,
    tag_of,
    text_of,
)
from newsarchive.extract.metadata import Metadata, ld_names, ld_text, read_metadata
from newsarchive.extract.pagetype import PageSignals, classify, url_kind
from newsarchive.items import ARTICLE_TYPES, Article, ExtractResult
from newsarchive.urls import canonicalize_url, same_site

if TYPE_CHECKING:
    from newsarchive.sources import Source

LOG = logging.getLogger(__name__)

_TITLE_SEPARATORS = re.compile(r"\s+(?:[-|–—»:]{1,2}|::)\s+")
_TITLE_ATTR_RE = re.compile(r"title|tieude|tieu-de|headline", re.IGNORECASE)
_SAPO_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(sapo|lead|summary|hometext|chapeau|excerpt|description|tomtat|tom-tat|intro|"
    r"abstract|teaser|subtitle|sub-title|standfirst|lede|tomtatnoidung)(?:$|[\s_-])",
    re.IGNORECASE,
)
_REGION_EXCLUDE_RE = re.compile(
    r"related|relate|lienquan|lien-quan|lien_quan|sidebar|footer|xemnhieu|xem-nhieu|mostview|most-view|"
    r"popular|tinmoi|tin-moi|latest|widget|comment|menu|navbar|clock|today|topbar|top-bar|header-top|"
    r"top-header|tinkhac|tin-khac|other|banner|marquee|weather|thoitiet|calendar|lich|box-news|"
    r"newslist|news-list|list-news|listnews|tieudiem|tin-noi-bat|noibat",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(
    r"\b(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|cn)\b", re.IGNORECASE
)
_AUTHOR_CLASS_PARTS = (
    "author-name", "tacgia", "tac-gia", "byline", "post-author", "article-author", "news-author",
    "author_name", "authorname",
)
_BREADCRUMB_PARTS = ("breadcrumb", "duongdan", "duong-dan", "bread-crumb", "cate-path", "navpath")
_DIGIT_SEP_RE = re.compile(r"\d\s*(?:[/.\-]\s*\d|tháng|thg|\s*[A-Za-z]{3,9},?\s+\d{4})|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}", re.IGNORECASE)
_INLINE_DATE_TAGS = frozenset("span b strong em i font time small label".split())
_HOME_CRUMBS = {"trang chủ", "home", "trang chu", "tin tức", "trang nhất"}


def _fold_key(text: str) -> str:
    """Comparison key: NFC, case-folded, punctuation and spaces squeezed."""
    t = unicodedata.normalize("NFC", text).casefold()
    return re.sub(r"[\W_]+", " ", t).strip()


class PageExtractor:
    """Holds the parsed page while the layers fill the fields."""

    def __init__(self, html: bytes | str, url: str, source: Source | None) -> None:
        self.raw = html
        self.url = url
        self.source = source
        self.selectors: dict[str, str] = dict(getattr(source, "selectors", None) or {})
        self.prov: dict[str, str] = {}
        self.root: Any = None
        self.md = Metadata()
        self._order: dict[Any, int] = {}
        self._excl: dict[Any, bool] = {}
        self._classed: list[tuple[Any, str, set[str]]] | None = None
        self._url_kind: str | None = None
        self._title_anc: set[Any] | None = None
        self.title_el: Any = None

    # ------------------------------------------------------------------ helpers
    def classed(self) -> list[tuple[Any, str, set[str]]]:
        """Every element with a class, id or itemprop: (element, "class id" lower-cased, class tokens).

        Built once per page; the field finders filter it in Python instead of running one
        XPath per question over the whole tree.
        """
        if self._classed is None:
            out = []
            for el in self.root.iter():
                if not isinstance(el.tag, str):
                    continue
                cls = el.get("class")
                el_id = el.get("id")
                if cls is None and el_id is None and el.get("itemprop") is None and el.get("rel") is None:
                    continue
                low = f"{cls or ''} {el_id or ''}".lower()
                out.append((el, low, set((cls or "").lower().split())))
            self._classed = out
        return self._classed

    def order(self, el: Any) -> int:
        if not self._order:
            for i, e in enumerate(self.root.iter()):
                self._order[e] = i
        return self._order.get(el, -1)

    def sel_text(self, field: str) -> tuple[str | None, Any]:
        sel = self.selectors.get(field)
        if not sel:
            return None, None
        for el in select(self.root, sel):
            text = text_of(el)
            if text:
                return text, el
        return None, None

    def site_names(self) -> list[str]:
        names = [self.md.get("og:site_name"), self.md.get("application-name"), self.md.get("al:site_name")]
        if self.source is not None:
            names.append(self.source.name)
            names.extend(self.source.all_domains)
        host = (urlsplit(self.url).hostname or "").lower().removeprefix("www.")
        if host:
            names.append(host)
            names.append(host.split(".")[0])
        pub = self.md.ld("publisher")
        if isinstance(pub, dict):
            names.append(ld_text(pub.get("name")))
        return [n for n in names if n]

    def is_site_name(self, text: str) -> bool:
        key = _fold_key(text)
        if not key:
            return False
        for n in self.site_names():
            nk = _fold_key(n)
            if nk and (key == nk or (len(nk) >= 6 and nk in key and len(key) <= len(nk) + 16)):
                return True
        return bool(re.fullmatch(r"[\w.-]+\.(?:vn|com|net|org|gov\.vn|info)", text.strip().lower()))

    def _excluded_self(self, node: Any) -> bool:
        tag = tag_of(node)
        if tag in ("footer", "nav", "aside"):
            return True
        if tag == "header" and node not in self._title_ancestors():
            return True
        return bodymod.class_says(node, _REGION_EXCLUDE_RE)

    def _title_ancestors(self) -> set[Any]:
        if self._title_anc is None:
            self._title_anc = set(self.title_el.iterancestors()) if self.title_el is not None else set()
        return self._title_anc

    def in_excluded_region(self, el: Any, stop: Any = None) -> bool:
        """Inside related lists, sidebars, footers, menus or the header clock."""
        if stop is not None:
            node = el
            while node is not None and node is not stop:
                if self._excluded_self(node):
                    return True
                node = node.getparent()
            return False
        chain = []
        node = el
        result = False
        while node is not None:
            known = self._excl.get(node)
            if known is not None:
                result = known
                break
            chain.append(node)
            node = node.getparent()
        for n in reversed(chain):
            result = result or self._excluded_self(n)
            self._excl[n] = result
        return result

    def set_title_el(self, el: Any) -> None:
        self.title_el = el
        self._title_anc = None
        self._excl.clear()

    # ------------------------------------------------------------------ layers
    def run(self) -> ExtractResult:
        self.root = parse_html(self.raw)
        if self.root is None:
            return ExtractResult("other")
        body_el = self.root.find("body")
        if body_el is None or not text_of(body_el):
            return ExtractResult("other")
        if self.source is not None:
            # the paper's own URL patterns say this is a listing, tag or home page: no article
            kind = url_kind(self.url, self.source)
            if kind in ("home", "tag", "search", "listing"):
                self.prov["page_type"] = "selector"
                return ExtractResult(kind)
        self._url_kind = url_kind(self.url, self.source)
        self.md = read_metadata(self.root)
        # scripts, styles and other hidden elements never show text; JSON-LD was read above
        prepare_tree(self.root)
        title = self.find_title()
        container, layer = self.find_container()
        caps = self.find_captions(container)
        paragraphs = self.find_body(container, caps, layer, title)
        sapo = self.find_sapo(container, paragraphs, title, caps)
        page_type = classify(
            self.url,
            self.source,
            self.md,
            PageSignals(
                body_chars=sum(len(p) + 2 for p, _ in paragraphs),
                paragraphs=len(paragraphs),
                headline_links=self.count_headline_links() if self._url_kind != "article" else -1,
                content_images=caps.images,
                captions=len(caps.captions),
                has_player=self.has_player(container),
                has_title=bool(title),
                linked_paragraphs=self.count_linked(paragraphs),
                teaser_blocks=layer == "generic" and container is not None and bodymod.repeated_teasers(container),
            ),
        )
        if page_type not in ARTICLE_TYPES or not title:
            # listings, tags and home pages yield no article: skip the remaining layers
            return ExtractResult(page_type if page_type not in ARTICLE_TYPES else "other", None, self.prov)
        credit: str | None = None
        # lead prefix "(BTN) - " on the sapo, or on the first paragraph when there is no sapo
        if sapo:
            stripped, prefix_credit = attr.strip_lead_prefix(sapo)
            if prefix_credit:
                sapo, credit = stripped, prefix_credit
                self.prov["credit"] = "page"
        elif paragraphs:
            stripped, prefix_credit = attr.strip_lead_prefix(paragraphs[0][0])
            if prefix_credit:
                paragraphs[0] = (stripped, paragraphs[0][1])
                credit = prefix_credit
                self.prov["credit"] = "page"
        sig_author, sig_credit = self.pop_signatures(paragraphs)
        author = self.find_author(sig_author)
        if sig_credit and not credit:
            credit = sig_credit
            self.prov["credit"] = "page"
        if not credit:
            credit = self.find_credit_element()
        published, modified, date_from, date_raw = self.find_dates(container, paragraphs, title)
        body = "\n\n".join(p for p, _ in paragraphs)
        article = Article(
            url=self.canonical_url(),
            source=self.source.id if self.source is not None else None,
            title=title,
            body=body,
            sapo=sapo or None,
            captions=caps.captions,
            published=published,
            modified=modified,
            author=author,
            credit=credit,
            category=self.find_category(title),
            tags=self.find_tags(),
            date_from=date_from,
            date_raw=date_raw,
            page_type=page_type,
            language=self.language(),
        )
        return ExtractResult(page_type, article, self.prov)

    def article_scope(self, container: Any) -> Any:
        """The smallest ancestor of the body container that also holds the headline."""
        if container is None or self.title_el is None:
            return container
        node = container
        for _ in range(8):
            if self.title_el in node.iterdescendants():
                return node
            parent = node.getparent()
            if parent is None or tag_of(parent) in ("body", "html"):
                break
            node = parent
        return container

    def image_positions(self) -> dict[str, int]:
        """Image URL -> place in the page, to keep captions from two layers in page order."""
        out: dict[str, int] = {}
        for i, img in enumerate(self.root.iter("img", "amp-img")):
            url = image_url(img, self.url)
            if url and url not in out:
                out[url] = i
        return out

    def find_captions(self, container: Any) -> CaptionResult:
        sel = self.selectors.get("captions")
        if sel:
            matched = select(self.root, sel)
            if matched:
                found = captions_from_selector(matched, self.url)
                if found.captions:
                    if container is not None:
                        # images the selector does not name are still looked at
                        rest = find_captions(container, self.url)
                        known = {c.image_url for c in found.captions}
                        found.captions.extend(c for c in rest.captions if c.image_url not in known)
                        found.nodes |= rest.nodes
                        positions = self.image_positions()
                        found.captions.sort(key=lambda c: positions.get(c.image_url or "", 0))
                    self.prov["captions"] = "selector"
                    return found
        if container is None:
            return CaptionResult()
        scope = self.article_scope(container)
        extra: list[Any] = []
        if scope is not container and self.title_el is not None:
            title_pos = self.order(self.title_el)
            inside = set(container.iter("img", "amp-img"))
            for img in scope.iter("img", "amp-img"):
                if img in inside or self.order(img) < title_pos or self.in_excluded_region(img, stop=scope):
                    continue
                if img.xpath("ancestor::a[@href]"):
                    continue  # thumbnails linking elsewhere
                extra.append(img)
        found = find_captions(container, self.url, extra_images=extra, scope=scope)
        if found.captions:
            self.prov["captions"] = "page"
        return found

    def canonical_url(self) -> str:
        canon = self.md.canonical
        if canon:
            canon = urljoin(self.url, canon)
            if same_site(canon, self.url) and urlsplit(canon).path not in ("", "/"):
                return canonicalize_url(canon, self.source)
        return canonicalize_url(self.url, self.source)

    def language(self) -> str:
        lang = (self.md.html_lang or self.md.get("og:locale") or "vi").lower()
        return lang.split("-")[0].split("_")[0] or "vi"

    # ------------------------------------------------------------------ title
    def strip_site_name(self, title: str) -> str:
        parts = _TITLE_SEPARATORS.split(title)
        while len(parts) > 1 and self.is_site_name(parts[-1]):
            parts.pop()
        while len(parts) > 1 and self.is_site_name(parts[0]):
            parts.pop(0)
        if len(parts) == len(_TITLE_SEPARATORS.split(title)):
            return title
        # rejoin with the original separators
        out = title
        for n in self.site_names():
            for sep in (" - ", " | ", " – ", " — ", " :: ", " » ", " : "):
                for form in (sep + n, n + sep):
                    idx = out.casefold().find(form.casefold())
                    if idx >= 0 and (idx == 0 or idx + len(form) == len(out)):
                        out = out[:idx] + out[idx + len(form) :]
        return out.strip() if len(out.strip()) >= 5 else " - ".join(parts)

    def find_title(self) -> str | None:
        text, el = self.sel_text("title")
        if text:
            self.set_title_el(el)
            self.prov["title"] = "selector"
            return text
        ref_layer = "jsonld"
        ref = ld_text(self.md.ld("headline")) or ld_text(self.md.ld("name"))
        if not ref:
            ref_layer = "meta"
            ref = self.md.get("og:title", "twitter:title", "dc.title", "title") or self.md.prop("headline")
        if not ref:
            t = self.root.find(".//title")
            ref = text_of(t) if t is not None else None
        ref = self.strip_site_name(ref) if ref else None
        ref_key = _fold_key(ref) if ref else ""
        candidates = [
            el
            for el in self.root.iter()
            if el.tag in ("h1", "h2", "h3")
            or el.get("itemprop") == "headline"
            or _TITLE_ATTR_RE.search(f"{el.get('class') or ''} {el.get('id') or ''}")
        ]
        first_h1 = None
        for el in candidates:
            if not isinstance(el.tag, str) or tag_of(el) in ("title", "meta", "a", "html", "body"):
                continue
            text = text_of(el)
            if not text or len(text) > 400 or len(text) < 6:
                continue
            key = _fold_key(text)
            if ref_key and key == ref_key:
                self.set_title_el(el)
                self.prov["title"] = ref_layer
                return text
            if (
                first_h1 is None
                and tag_of(el) == "h1"
                and not self.is_site_name(text)
                and not el.xpath(".//img")
                and not self.in_excluded_region(el)
            ):
                first_h1 = el
        if ref_key:
            # the visible headline may carry extra words (a kicker) or the meta one may be cut
            for el in candidates:
                if not isinstance(el.tag, str) or tag_of(el) in ("title", "meta", "html", "body"):
                    continue
                text = text_of(el)
                key = _fold_key(text)
                if len(key) >= 12 and len(text) <= 400 and (ref_key.startswith(key) or key.startswith(ref_key)):
                    if self.in_excluded_region(el):
                        continue
                    self.set_title_el(el)
                    self.prov["title"] = "page"
                    return text
        if first_h1 is not None:
            self.set_title_el(first_h1)
            self.prov["title"] = "page"
            return text_of(first_h1)
        if ref:
            self.prov["title"] = ref_layer
            return ref
        return None

    # ------------------------------------------------------------------ body
    def find_container(self) -> tuple[Any, str]:
        fallback = None
        best: Any = None
        scored = False
        for el, layer in bodymod.container_candidates(self.root, self.selectors):
            if layer == "selector":
                return el, layer
            if bodymod.looks_textual(el) or len(el.xpath(".//img")) >= 2:
                size = len(fast_text(el))
                if size < 1000:
                    # a short known container: make sure the page has no much bigger article box
                    if not scored:
                        best, scored = bodymod.score_container(self.root), True
                    if best is not None and el not in best.iterancestors() and len(fast_text(best)) > 3 * max(size, 1):
                        continue
                return el, layer
            if fallback is None and (fast_text(el) or el.xpath(".//img")):
                fallback = (el, layer)
        if not scored:
            best = bodymod.score_container(self.root)
        if best is not None:
            return best, "generic"
        return fallback or (None, "none")

    def find_body(self, container: Any, caps: CaptionResult, layer: str, title: str | None) -> list[tuple[str, Any]]:
        if container is None:
            return []
        skip = bodymod.skip_nodes(container) | caps.nodes
        remove_sel = self.selectors.get("remove")
        if remove_sel:
            skip.update(select(container, remove_sel))
        if self.title_el is not None:
            skip.add(self.title_el)
        paragraphs = bodymod.paragraphs(container, skip)
        if layer != "selector":
            for chunk in bodymod.sibling_chunks(container):
                paragraphs += bodymod.paragraphs(chunk, bodymod.skip_nodes(chunk) | caps.nodes)
            paragraphs.sort(key=lambda ph: self.order(ph[1]))
        title_key = _fold_key(title) if title else ""
        cap_keys = set()
        for c in caps.captions:
            for t in (c.text, f"{c.text or ''} Ảnh: {c.credit or ''}", c.credit):
                if t:
                    cap_keys.add(_fold_key(t))
        out: list[tuple[str, Any]] = []
        for text, holder in paragraphs:
            key = _fold_key(text)
            if not key or key == title_key or key in cap_keys:
                continue
            if self.is_date_line(text):
                continue
            out.append((text, holder))
        self.prov["body"] = layer
        return out

    @staticmethod
    def is_date_line(text: str) -> bool:
        if len(text) > 80:
            return False
        hits = find_dates(text)
        if not hits:
            return False
        rest = text
        for h in hits:
            rest = rest.replace(h.raw, " ")
        rest = _WEEKDAY_RE.sub(" ", rest)
        rest = re.sub(
            r"(?i)ngày\s+đăng|đăng\s+ngày|cập\s+nhật(\s+lúc)?|lượt\s+xem|xem|gmt\s*\+\s*7|\(|\)|[\W\d_]",
            " ",
            rest,
        )
        return len(rest.strip()) <= 12

    # ------------------------------------------------------------------ sapo
    def find_sapo(
        self, container: Any, paragraphs: list[tuple[str, Any]], title: str | None, caps: CaptionResult
    ) -> str | None:
        text, _el = self.sel_text("sapo")
        if text:
            self.prov["sapo"] = "selector"
            self._drop_paragraph(paragraphs, text)
            return text
        title_pos = self.order(self.title_el) if self.title_el is not None else -1
        best = None
        for el, _low, _tokens in self.classed():
            if tag_of(el) in ("meta", "link", "img", "script", "html", "body") or el is self.title_el:
                continue
            cls = f"{el.get('class') or ''} {el.get('id') or ''}"
            if not (_SAPO_CLASS_RE.search(cls) or el.get("itemprop") == "description"):
                continue
            t = text_of(el)
            if len(t) < 25 or len(t) > 1500 or el.xpath(".//img") and len(t) < 40:
                continue
            if self.in_excluded_region(el) or (container is not None and el in container.iterancestors()):
                continue
            if any(n is el or el in n.iterancestors() for n in caps.nodes):
                continue
            if title_pos >= 0 and self.order(el) < title_pos:
                continue
            best = el
            break
        if best is not None:
            sapo = text_of(best)
            self._drop_paragraph(paragraphs, sapo)
            self.prov["sapo"] = "page"
            return sapo
        # a bold first paragraph is the lead in most Vietnamese templates
        if paragraphs and len(paragraphs) > 1:
            text0, holder = paragraphs[0]
            bold = "".join(text_of(b) for b in holder.xpath("./strong|./b|./*/strong|./*/b"))
            if 60 <= len(text0) <= 1200 and len(clean_text(bold)) >= 0.9 * len(text0) and tag_of(holder) != "td":
                paragraphs.pop(0)
                self.prov["sapo"] = "page"
                return text0
        return None

    @staticmethod
    def _drop_paragraph(paragraphs: list[tuple[str, Any]], text: str) -> None:
        key = _fold_key(text)
        for i, (p, _) in enumerate(paragraphs):
            if _fold_key(p) == key:
                del paragraphs[i]
                return

    # ------------------------------------------------------------------ attribution
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
            if "source" in tokens or any(k in low for k in ("news-source", "nguontin", "nguon-tin", "article-source"))
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
                or any(k in low for k in _AUTHOR_CLASS_PARTS)
            ):
                out.append(el)
        return out

    def find_author(self, sig_author: str | None) -> str | None:
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

    # ------------------------------------------------------------------ dates
    def find_dates(
        self, container: Any, paragraphs: list[tuple[str, Any]], title: str | None
    ) -> tuple[str | None, str | None, str | None, str | None]:
        sel_pub: DateHit | None = None
        text, el = self.sel_text("published")
        if el is not None:
            machine = parse_iso(el.get("datetime") or el.get("content"))
            hits = find_dates(text or "")
            if hits:
                sel_pub = hits[0]
                if machine and machine[:10] == sel_pub.day and "T" in machine and not sel_pub.has_time:
                    sel_pub = DateHit(machine, sel_pub.raw, 0, 0, True)
            elif machine:
                sel_pub = DateHit(machine, el.get("datetime") or el.get("content") or "", 0, 0, "T" in machine)
        meta_pub, meta_raw, meta_layer = None, None, None
        for value, layer in (
            (ld_text(self.md.ld("datePublished")), "jsonld"),
            (ld_text(self.md.ld("dateCreated")), "jsonld"),
            (self.md.get("article:published_time", "og:published_time", "published_time"), "meta"),
            (self.md.prop("datePublished"), "meta"),
            (self.md.get("dc.date.issued", "dc.date", "dcterms.created", "pubdate", "publishdate",
                         "publish-date", "date", "sailthru.date", "parsely-pub-date", "article.published"), "meta"),
        ):
            iso = parse_iso(value)
            if iso:
                meta_pub, meta_raw, meta_layer = iso, value, layer
                break
        meta_mod = None
        for value in (
            ld_text(self.md.ld("dateModified")),
            self.md.get("article:modified_time", "og:updated_time", "modified_time", "dc.date.modified", "lastmod"),
            self.md.prop("dateModified"),
        ):
            meta_mod = parse_iso(value)
            if meta_mod:
                break
        page_pub, page_mod = self.page_dates(container, paragraphs)
        published = date_from = raw = None
        if sel_pub is not None:
            published, date_from, raw = sel_pub.iso, "selector", sel_pub.raw
        elif page_pub is not None and meta_pub is not None:
            if page_pub.day == meta_pub[:10]:
                if page_pub.has_time and "T" not in meta_pub:
                    published, date_from, raw = page_pub.iso, "page", page_pub.raw
                else:
                    published, date_from, raw = meta_pub, meta_layer, meta_raw
            else:
                # the page shows another day next to the headline: the meta value is a render
                # time or a template default
                LOG.debug("meta date %s disagrees with page date %s; page wins", meta_pub, page_pub.iso)
                published, date_from, raw = page_pub.iso, "page", page_pub.raw
        elif page_pub is not None:
            published, date_from, raw = page_pub.iso, "page", page_pub.raw
        elif meta_pub is not None:
            published, date_from, raw = meta_pub, meta_layer, meta_raw
        else:
            u = date_from_url(self.url)
            if u:
                published, date_from, raw = u, "url", self.url
        modified = meta_mod
        if modified:
            self.prov["modified"] = "meta"
        if page_mod is not None and (modified is None or modified[:10] != page_mod.day):
            modified = page_mod.iso
            self.prov["modified"] = "page"
        if date_from:
            self.prov["published"] = date_from
        return published, modified, date_from, raw

    def page_dates(self, container: Any, paragraphs: list[tuple[str, Any]]) -> tuple[DateHit | None, DateHit | None]:
        """The visible publication (and update) date nearest the headline, outside furniture."""
        body_holders = {h for t, h in paragraphs if len(t) > 80}
        anchor = self.title_el if self.title_el is not None else container
        anchor_pos = self.order(anchor) if anchor is not None else 0
        scope = self.article_scope(container) if container is not None else None
        if scope is None or scope is container:
            scope = self.root
        found = self._page_date_candidates(scope, anchor_pos, body_holders)
        if not found and scope is not self.root:
            found = self._page_date_candidates(self.root, anchor_pos, body_holders)
        if not found:
            return None, None
        found.sort(key=lambda c: -c[0])
        pub = next((c[1] for c in found if c[1].label != "modified"), None)
        mod = next((c[1] for c in found if c[1].label == "modified"), None)
        if pub is None and mod is not None:
            pub, mod = mod, None
        return pub, mod

    def _page_date_candidates(
        self, scope: Any, anchor_pos: int, body_holders: set[Any]
    ) -> list[tuple[float, DateHit, Any]]:
        candidates: list[tuple[float, DateHit, Any]] = []
        seen: set[tuple[str, int]] = set()
        todo: list[Any] = []
        queued: set[Any] = set()
        for el in scope.iter():
            if not isinstance(el.tag, str):
                continue
            if el.tag == "time" and el.get("datetime"):
                todo.append(el)
                continue
            own = (el.text or "") + "".join(c.tail or "" for c in el)
            if not _DIGIT_SEP_RE.search(own):
                continue
            for node in (el, el.getparent()) if el.tag in _INLINE_DATE_TAGS else (el,):
                if node is not None and node not in queued:
                    queued.add(node)
                    todo.append(node)
        for el in todo:
            tag = tag_of(el)
            if tag in DROP_TAGS or tag in ("html", "body", "a"):
                continue
            if tag == "time" and el.get("datetime"):
                iso = parse_iso(el.get("datetime"))
                if iso:
                    hit = DateHit(iso, el.get("datetime") or "", 0, 0, "T" in iso)
                    candidates.append((self._date_score(el, hit, anchor_pos, body_holders), hit, el))
                    continue
            # only the text this element holds itself (plus inline children) - keeps lines apart
            if any(tag_of(c) in BLOCK_TAGS for c in el):
                text = clean_text((el.text or "") + " ".join((c.tail or "") for c in el))
            else:
                text = text_of(el)
            if not text or len(text) > 220:
                continue
            hits = find_dates(text)
            for hit in hits:
                key = (hit.iso, self.order(el))
                if key in seen:
                    continue
                seen.add(key)
                if len(text) <= 80 and len(hits) == 1:
                    hit = DateHit(hit.iso, text, hit.start, hit.end, hit.has_time, hit.has_year, hit.label)
                candidates.append((self._date_score(el, hit, anchor_pos, body_holders), hit, el))
        return [c for c in candidates if c[0] > -1e8]

    def _date_score(self, el: Any, hit: DateHit, anchor_pos: int, body_holders: set[Any]) -> float:
        if self.in_excluded_region(el):
            return -1e9
        for anc in el.iterancestors():
            if anc in body_holders:
                return -1e9
            if tag_of(anc) == "a":
                return -1e9
            if tag_of(anc) == "li" and any(len(text_of(a)) > 25 for a in anc.iter("a")):
                return -1e9
        pos = self.order(el)
        distance = abs(pos - anchor_pos) if anchor_pos >= 0 else pos
        score = -float(distance)
        if pos < anchor_pos:
            score *= 1.5  # above the headline: a little less likely than right under it
        if hit.label == "published":
            score += 40
        if hit.has_time:
            score += 5
        cls = attr_tokens(el)
        if re.search(r"date|time|ngay|publish|post-?meta|meta|thoigian|datetime", cls):
            score += 30
        return score

    # ------------------------------------------------------------------ other fields
    def find_category(self, title: str) -> str | None:
        title_key = _fold_key(title)
        sel = self.selectors.get("category")
        if sel:
            found = [text_of(e) for e in select(self.root, sel)]
            found = [t for t in found if t and _fold_key(t) not in _HOME_CRUMBS and _fold_key(t) != title_key]
            if found:
                self.prov["category"] = "selector"
                return found[-1]
        crumbs_boxes = [
            el for el, low, tokens in self.classed() if "path" in tokens or any(k in low for k in _BREADCRUMB_PARTS)
        ]
        for bc in crumbs_boxes:
            items = [text_of(a) for a in bc.xpath(".//a | .//li[not(.//a)] | .//span[@itemprop='name']")]
            items = [t for t in items if t and _fold_key(t) not in _HOME_CRUMBS and _fold_key(t) != title_key and len(t) < 80]
            if items:
                self.prov["category"] = "page"
                return items[-1]
        home_parents = []
        for a in self.root.iter("a"):
            parent = a.getparent()
            if parent is None or parent in home_parents or _fold_key(fast_text(a)) not in _HOME_CRUMBS - {"tin tức"}:
                continue
            links = parent.findall("a")
            if len(links) >= 2 and links[0] is a:
                home_parents.append(parent)
        for bc in home_parents:
            if len(text_of(bc)) > 200 or self.in_excluded_region(bc) or tag_of(bc) in ("ul", "nav", "body"):
                continue
            items = [text_of(a) for a in bc.xpath("./a")]
            items = [t for t in items if t and _fold_key(t) not in _HOME_CRUMBS and _fold_key(t) != title_key]
            if items and len(items) <= 4:
                self.prov["category"] = "page"
                return items[-1]
        crumbs = [c for c in self.md.breadcrumbs if _fold_key(c) not in _HOME_CRUMBS and _fold_key(c) != title_key]
        if crumbs:
            self.prov["category"] = "jsonld"
            return crumbs[-1]
        section = self.md.get("article:section") or ld_text(self.md.ld("articleSection"))
        if section:
            self.prov["category"] = "meta"
            return section
        return None

    def find_tags(self) -> list[str]:
        tags: list[str] = []
        sel = self.selectors.get("tags")
        layer = "selector"
        if sel:
            tags = [text_of(e) for e in select(self.root, sel)]
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

    @staticmethod
    def count_linked(paragraphs: list[tuple[str, Any]]) -> int:
        n = 0
        for text, holder in paragraphs:
            key = _fold_key(text)
            if holder.xpath("ancestor-or-self::a") or any(_fold_key(text_of(a)) == key for a in holder.iter("a")):
                n += 1
        return n

    def count_headline_links(self) -> int:
        n = 0
        for a in self.root.iter("a"):
            t = " ".join("".join(a.itertext()).split())
            if len(t) >= 30 and len(t.split()) >= 5:
                n += 1
        return n

    def has_player(self, container: Any) -> bool:
        scope = container if container is not None else self.root
        nodes = scope.xpath(".//video | .//iframe | .//*[contains(@class,'video') or contains(@class,'player')]")
        if self.title_el is not None and scope is not self.root:
            parent = self.title_el.getparent()
            if parent is not None:
                nodes += parent.xpath(".//video | .//iframe[contains(@src,'youtube') or contains(@src,'player')]")
        for n in nodes:
            if tag_of(n) == "video":
                return True
            src = (n.get("src") or n.get("data-src") or "").lower()
            if tag_of(n) == "iframe" and any(k in src for k in ("youtube", "player", "video", "vimeo", ".mp4", "embed")):
                return True
            if tag_of(n) != "iframe" and n.xpath(".//video|.//source|.//iframe"):
                return True
        return False
