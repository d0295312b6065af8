"""The orchestrator: one parsed page, each field from the first layer that gives a sane value.

Shared helpers live in ``page_base``, the date layers in ``page_dates``, attribution,
category and tags in ``page_people``; this module holds the flow and the text fields."""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from newsarchive.extract import attribution as attr
from newsarchive.extract import body as bodymod
from newsarchive.extract.captions import (
    CaptionResult,
    captions_from_selector,
    find_captions,
    image_url,
    join_url,
)
from newsarchive.extract.document import (
    clean_text,
    fast_text,
    parse_html,
    prepare_tree,
    select,
    tag_of,
    text_of,
)
from newsarchive.extract.metadata import ld_text, read_metadata
from newsarchive.extract.page_base import fold_key
from newsarchive.extract.page_dates import DatesLayer
from newsarchive.extract.page_people import AttributionLayer
from newsarchive.extract.pagetype import PageSignals, classify, url_kind
from newsarchive.items import ARTICLE_TYPES, Article, ExtractResult
from newsarchive.urls import canonicalize_url, same_site

LOG = logging.getLogger(__name__)

_TITLE_SEPARATORS = re.compile(r"\s+(?:[-|–—»:]{1,2}|::)\s+")
_TITLE_ATTR_RE = re.compile(r"title|tieude|tieu-de|headline", re.IGNORECASE)
_SAPO_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(sapo|lead|summary|hometext|chapeau|excerpt|description|tomtat|tom-tat|intro|"
    r"abstract|teaser|subtitle|sub-title|standfirst|lede|tomtatnoidung)(?:$|[\s_-])",
    re.IGNORECASE,
)


class PageExtractor(DatesLayer, AttributionLayer):
    """Holds the parsed page while the layers fill the fields."""

    def run(self) -> ExtractResult:
        """Fill every field, strongest layer first; listings return early without an article."""
        # these caches serve repeats within one page, not across pages
        fold_key.cache_clear()
        join_url.cache_clear()
        self.root = parse_html(self.raw)
        if self.root is None:
            return ExtractResult("other")
        body_el = self.root.find("body")
        if body_el is None or not any(t.strip() for t in body_el.itertext()):
            return ExtractResult("other")
        self._url_kind = url_kind(self.url, self.source)
        if self.source is not None and self._url_kind in ("home", "tag", "search", "listing"):
            # the paper's own URL patterns say this is a listing, tag or home page: no article
            self.prov["page_type"] = "selector"
            return ExtractResult(self._url_kind)
        self.md = read_metadata(self.root)
        # scripts, styles and other hidden elements never show text; JSON-LD was read above
        self.index(*prepare_tree(self.root))
        title = self.find_title()
        container, layer = self.find_container()
        caps = self.find_captions(container)
        paragraphs = self.find_body(container, caps, layer, title)
        sapo = self.find_sapo(container, paragraphs, caps)
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
        published, modified, date_from, date_raw = self.find_dates(container, paragraphs)
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

    def image_positions(self) -> dict[str, int]:
        """Image URL -> place in the page, to keep captions from two layers in page order."""
        out: dict[str, int] = {}
        for i, img in enumerate(self.root.iter("img", "amp-img")):
            url = image_url(img, self.url)
            if url and url not in out:
                out[url] = i
        return out

    def find_captions(self, container: Any) -> CaptionResult:
        """Captions: the definition's selector when it finds some, then the generic finder."""
        sel = self.selectors.get("captions")
        if sel:
            matched = select(self.root, sel, self.sindex)
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
        """rel=canonical when it is on the same site (and not the home page), else the fetched URL; cleaned."""
        canon = self.md.canonical
        if canon and self.url:
            try:
                canon = urljoin(self.url, canon)
                if same_site(canon, self.url) and urlsplit(canon).path not in ("", "/"):
                    return canonicalize_url(canon, self.source)
            except ValueError:
                LOG.debug("unreadable canonical link %r", canon)
        return canonicalize_url(self.fetched or "", self.source)

    def language(self) -> str:
        """Two-letter language from html@lang or og:locale; Vietnamese when unstated."""
        lang = (self.md.html_lang or self.md.get("og:locale") or "vi").lower()
        return lang.split("-")[0].split("_")[0] or "vi"

    def strip_site_name(self, title: str) -> str:
        """"Headline - Báo X" -> "Headline" (either end, any usual separator)."""
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
        """The headline as printed: selector, else the visible element matching JSON-LD/og:title, else h1."""
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
        ref_key = fold_key(ref) if ref else ""
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
            key = fold_key(text)
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
                key = fold_key(text)
                if len(key) >= 12 and len(text) <= 400 and (
                    ref_key.startswith(key) or key.startswith(ref_key) or ref_key.endswith(key)
                ):
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

    def find_container(self) -> tuple[Any, str]:
        """The body container: selector, known CMS box (unless a much bigger prose box exists), scorer."""
        fallback = None
        best: Any = None
        scored = False
        for el, layer in bodymod.container_candidates(self.root, self.selectors, self.sindex):
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
        """Body paragraphs: furniture, title, captions and date lines removed; split chunks joined."""
        if container is None:
            return []
        skip = bodymod.skip_nodes(container) | caps.nodes
        remove_sel = self.selectors.get("remove")
        if remove_sel:
            skip.update(select(container, remove_sel, self.sindex))
        if self.title_el is not None:
            skip.add(self.title_el)
        paragraphs = bodymod.paragraphs(container, skip)
        if layer != "selector":
            for chunk in bodymod.sibling_chunks(container):
                paragraphs += bodymod.paragraphs(chunk, bodymod.skip_nodes(chunk) | caps.nodes)
            paragraphs.sort(key=lambda ph: self.order(ph[1]))
        title_key = fold_key(title) if title else ""
        cap_keys = set()
        for c in caps.captions:
            for t in (c.text, f"{c.text or ''} Ảnh: {c.credit or ''}", c.credit):
                if t:
                    cap_keys.add(fold_key(t))
        out: list[tuple[str, Any]] = []
        for text, holder in paragraphs:
            key = fold_key(text)
            if not key or key == title_key or key in cap_keys:
                continue
            if self.is_date_line(text):
                continue
            out.append((text, holder))
        self.prov["body"] = layer
        return out

    def find_sapo(
        self, container: Any, paragraphs: list[tuple[str, Any]], caps: CaptionResult
    ) -> str | None:
        """The lead: selector, a lead-classed element after the headline, else a bold first paragraph."""
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
            if len(t) < 25 or len(t) > 1500 or (el.xpath(".//img") and len(t) < 40):
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
        key = fold_key(text)
        for i, (p, _) in enumerate(paragraphs):
            if fold_key(p) == key:
                del paragraphs[i]
                return

    @staticmethod
    def count_linked(paragraphs: list[tuple[str, Any]]) -> int:
        """Paragraphs that are wholly a link: headlines of a list page."""
        n = 0
        for text, holder in paragraphs:
            key = fold_key(text)
            if holder.xpath("ancestor-or-self::a") or any(fold_key(text_of(a)) == key for a in holder.iter("a")):
                n += 1
        return n

    def count_headline_links(self) -> int:
        """Links with headline-length text anywhere on the page."""
        n = 0
        for a in self.root.iter("a"):
            t = " ".join("".join(a.itertext()).split())
            if len(t) >= 30 and len(t.split()) >= 5:
                n += 1
        return n

    def has_player(self, container: Any) -> bool:
        """A video player in or beside the article: <video>, or an embed iframe."""
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
