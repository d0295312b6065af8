"""Shared state and helpers of the page extractor: the parsed tree, element order, class
index, furniture regions and the paper's own names."""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsarchive.extract import body as bodymod
from newsarchive.extract.document import SelectorIndex, fast_text, select, tag_of, text_of
from newsarchive.extract.metadata import Metadata, ld_text

if TYPE_CHECKING:
    from newsarchive.sources import Source

LOG = logging.getLogger(__name__)

_REGION_EXCLUDE_RE = re.compile(
    r"related|relate|lienquan|lien-quan|lien_quan|sidebar|footer|xemnhieu|xem-nhieu|mostview|most-view|"
    r"popular|tinmoi|tin-moi|latest|widget|comment|menu|navbar|clock|today|topbar|top-bar|header-top|"
    r"top-header|tinkhac|tin-khac|other|banner|marquee|weather|thoitiet|calendar|lich|box-news|"
    r"newslist|news-list|list-news|listnews|tieudiem|tin-noi-bat|noibat",
    re.IGNORECASE,
)


_NON_WORD_RE = re.compile(r"[\W_]+")


@lru_cache(maxsize=4096)
def fold_key(text: str) -> str:
    """Comparison key: NFC, case-folded, punctuation and spaces squeezed (cached: the same
    paragraph, caption and title texts are compared several times per page)."""
    t = unicodedata.normalize("NFC", text).casefold()
    return _NON_WORD_RE.sub(" ", t).strip()


class PageBase:
    """One parsed page and the lookups every layer needs."""

    def __init__(self, html: bytes | str, url: str, source: Source | None) -> None:
        self.raw = html
        self.fetched = url
        try:
            parts = urlsplit(url or "")
            _ = parts.port  # raises on a malformed port
        except ValueError:
            parts = None
        # an unparseable URL is kept for the record but not used to resolve links or read hints
        self.url = url if parts is not None and parts.scheme in ("http", "https") and parts.hostname else ""
        self.source = source
        self.selectors: dict[str, str] = dict(getattr(source, "selectors", None) or {})
        self.prov: dict[str, str] = {}
        self.root: Any = None
        self.md = Metadata()
        self._order: dict[Any, int] = {}
        self._excl: dict[Any, bool] = {}
        self._classed: list[tuple[Any, str, set[str]]] | None = None
        self.sindex: SelectorIndex | None = None
        self._url_kind: str | None = None
        self._page_chars: int | None = None
        self._title_anc: set[Any] | None = None
        self.title_el: Any = None

    def index(self, elements: list[Any], attributed: list[Any]) -> None:
        """Keep the indexes built while the tree was prepared (one pass over the page)."""
        self._order = {el: i for i, el in enumerate(elements)}
        out = []
        # (element, class, id) of every element carrying either, for the selector index
        named: list[tuple[Any, str | None, str | None]] = []
        for el in attributed:
            cls = el.get("class")
            el_id = el.get("id")
            if cls is None and el_id is None:
                if el.get("itemprop") is None and el.get("rel") is None:
                    continue
            else:
                named.append((el, cls, el_id))
            low = f"{cls or ''} {el_id or ''}".lower()
            out.append((el, low, set((cls or "").lower().split())))
        self.sindex = SelectorIndex(self.root, self._order, named) if self.selectors else None
        self._classed = out

    def classed(self) -> list[tuple[Any, str, set[str]]]:
        """Every element with a class, id, itemprop or rel: (element, "class id" lower-cased,
        class tokens); the field finders filter it instead of running one XPath per question."""
        if self._classed is None:
            self.index(list(self.root.iter()), [e for e in self.root.iter() if isinstance(e.tag, str) and e.attrib])
        return self._classed or []

    def order(self, el: Any) -> int:
        """Position of ``el`` in document order."""
        if not self._order:
            self._order = {e: i for i, e in enumerate(self.root.iter())}
        return self._order.get(el, -1)

    def sel_text(self, field: str) -> tuple[str | None, Any]:
        """Text and element of the first non-empty match of the definition's selector for ``field``."""
        sel = self.selectors.get(field)
        if not sel:
            return None, None
        for el in select(self.root, sel, self.sindex):
            text = text_of(el)
            if text:
                return text, el
        return None, None

    def site_names(self) -> list[str]:
        """Every spelling of the paper's name: og:site_name, the definition, the host, the publisher."""
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
        """True for the paper's own name or a bare domain: never a headline part or a byline."""
        key = fold_key(text)
        if not key:
            return False
        for n in self.site_names():
            nk = fold_key(n)
            if nk and (key == nk or (len(nk) >= 6 and nk in key and len(key) <= len(nk) + 16)):
                return True
        return bool(re.fullmatch(r"[\w.-]+\.(?:vn|com|net|org|gov\.vn|info)", text.strip().lower()))

    def _excluded_self(self, node: Any) -> bool:
        tag = tag_of(node)
        if tag in ("footer", "nav", "aside"):
            return True
        if tag == "header" and node not in self._title_ancestors():
            return True
        if not bodymod.class_says(node, _REGION_EXCLUDE_RE):
            return False
        # a "sidebar_1" that holds most of the page is the main column, whatever its name
        if self._page_chars is None:
            body = self.root.find("body")
            self._page_chars = len(fast_text(body)) if body is not None else 0
        return len(fast_text(node)) < 0.4 * self._page_chars

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
