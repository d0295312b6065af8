"""One parsed page and the lookups every field finder shares: element order, the elements that
carry names, the definition's selectors, the paper's own names, and which regions are furniture.

The finders are plain functions of a :class:`Page`.  The one thing learned after parsing that
later finders rely on is the headline element (``page.headline``), set once by ``extract``.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsarchive.extract.cssindex import SelectorIndex
from newsarchive.extract.furniture import headed_as_furniture, is_region_furniture
from newsarchive.extract.links import join_url
from newsarchive.extract.metadata import Metadata, add_itemprops, ld_text, read_metadata
from newsarchive.extract.select import select
from newsarchive.extract.text import fast_text, fold_key, text_of
from newsarchive.extract.tree import prepare_tree, tag_of
from newsarchive.urls import canonicalize_url, same_site
from newsarchive.vietnamese import fold

if TYPE_CHECKING:
    from newsarchive.sources import Source

LOG = logging.getLogger(__name__)
#: Name hints for the field finders (see ``Page.hinted``): (kind, word, boundary).  A word
#: with a boundary must stand alone ("lead" in "news-lead", not in "leader"); "-" and "_" join
#: words inside a name, except for the whole-token words marked "token".
_HINT_WORDS: tuple[tuple[str, str, str], ...] = (
    *(
        ("author", w, "")
        for w in (
            "author-name",
            "tacgia",
            "tac-gia",
            "byline",
            "post-author",
            "article-author",
            "news-author",
            "author_name",
            "authorname",
        )
    ),
    ("author", "author", "token"),
    *(
        ("credit", w, "")
        for w in ("news-source", "nguontin", "nguon-tin", "article-source", "detail-source")
    ),
    ("credit", "source", "token"),
    *(
        ("sapo", w, "word")
        for w in (
            "sapo",
            "lead",
            "summary",
            "hometext",
            "chapeau",
            "excerpt",
            "description",
            "tomtat",
            "tom-tat",
            "intro",
            "abstract",
            "teaser",
            "subtitle",
            "sub-title",
            "standfirst",
            "lede",
            "tomtatnoidung",
        )
    ),
    *(("title", w, "") for w in ("title", "tieude", "tieu-de", "headline")),
    *(
        ("breadcrumb", w, "")
        for w in ("breadcrumb", "duongdan", "duong-dan", "bread-crumb", "cate-path", "navpath")
    ),
    ("breadcrumb", "path", "token"),
    *(("tags", w, "") for w in ("tags", "tag-list", "keyword", "tu-khoa")),
)
#: The hint words by kind, so a lookup reads only its own kind's words.
_HINTS_BY_KIND: dict[str, list[tuple[str, str]]] = {
    kind: [(w, b) for k, w, b in _HINT_WORDS if k == kind] for kind, _w, _b in _HINT_WORDS
}
_HINT_ATTRS = {
    "itemprop": {"author": "author", "headline": "title", "description": "sapo"},
    "rel": {"author": "author"},
    "data-role": {"author": "author"},
}
#: Letters only Vietnamese writes (among Latin-script languages).
_VI_LETTERS = re.compile("[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
_DOMAIN_RE = re.compile(r"[\w.-]+\.(?:vn|com|net|org|gov\.vn|info)")


def _squeezed(text: str) -> str:
    """Letters and digits only, without tone marks, lower-cased ("Báo Lào Cai" -> "baolaocai")."""
    return "".join(ch for ch in fold(text).lower() if ch.isalnum())


def _stands_alone(names: str, start: int, end: int, boundary: str) -> bool:
    """A found word is a whole token ("token") or a whole word inside one ("word")."""
    if not boundary:
        return True
    before = names[start - 1] if start else " "
    after = names[end] if end < len(names) else " "
    if boundary == "token":
        return before in " \n" and after in " \n"
    return not (before.isalnum() or after.isalnum())


class Page:
    """A parsed page (``root``), what it states about itself (``md``) and shared lookups."""

    def __init__(self, root: Any, url: str, source: Source | None) -> None:
        self.root = root
        self.fetched = url
        try:
            parts = urlsplit(url or "")
            _ = parts.port  # raises on a malformed port
        except ValueError:
            parts = None
        # an unparseable URL is kept for the record but not used to resolve links or read hints
        ok = parts is not None and parts.scheme in ("http", "https") and parts.hostname
        self.url = url if ok else ""
        self.source = source
        self.selectors: dict[str, str] = dict(getattr(source, "selectors", None) or {})
        # JSON-LD sits in scripts, which preparing the tree removes: read metadata first
        self.md: Metadata = read_metadata(root, self.url)
        elements, attributed = prepare_tree(root)
        #: Every element in page order (``order`` is the position in this list).
        self.elements = elements
        self._order = {el: i for i, el in enumerate(elements)}
        #: (element, "class id" lower-cased) for every element with a class, id,
        #: itemprop, rel or data-role: the finders filter this list instead of walking the tree.
        self.named: list[tuple[Any, str]] = []
        #: Elements carrying itemprop, rel or data-role (schema.org and ARIA-like hints).
        self.marked: list[Any] = []
        with_names: list[tuple[Any, str | None, str | None]] = []
        for el in attributed:
            get = el.get  # straight to the attribute: no attrib proxy per element
            cls = get("class")
            el_id = get("id")
            marked = (
                get("itemprop") is not None
                or get("rel") is not None
                or get("data-role") is not None
            )
            if marked:
                self.marked.append(el)
            if cls is None and el_id is None:
                if not marked:
                    continue
            else:
                with_names.append((el, cls, el_id))
            low = f"{cls or ''} {el_id or ''}".lower()
            self.named.append((el, low))
        add_itemprops(self.md, self.marked)
        self.index = SelectorIndex(root, self._order, with_names) if self.selectors else None
        self._excluded: dict[Any, bool] = {}
        self._page_chars: int | None = None
        self._headline: Any = None
        self._headline_ancestors: set[Any] = set()
        self._site_names: list[str] | None = None
        self._host_label: str | None = None
        self._hints: dict[str, list[Any]] | None = None
        self._names: tuple[str, list[int]] | None = None
        self._marked_hints: dict[str, list[Any]] | None = None

    def hinted(self, kind: str) -> list[Any]:
        """Elements whose class, id or itemprop/rel/data-role hints at ``kind`` ("author",
        "credit", "sapo", "title", "breadcrumb", "tags"), in page order.  Hints only: every
        finder also reads the page without them."""
        if self._hints is None:
            self._hints = {}
        if kind not in self._hints:
            if self._names is None:
                # every name on the page joined once; str.find per word is C speed, where one
                # regex alternation per element is not
                self._names = (
                    "\n".join(low for _el, low in self.named),
                    list(accumulate((len(low) + 1 for _el, low in self.named), initial=0)),
                )
            names, starts = self._names
            found: dict[Any, None] = {}
            for word, boundary in _HINTS_BY_KIND.get(kind, ()):
                at = names.find(word)
                while at >= 0:
                    end = at + len(word)
                    if _stands_alone(names, at, end, boundary):
                        found[self.named[bisect_right(starts, at) - 1][0]] = None
                    at = names.find(word, end)
            if self._marked_hints is None:
                self._marked_hints = {}
                for el in self.marked:
                    for attr, table in _HINT_ATTRS.items():
                        for v in (el.get(attr) or "").split():
                            if v in table:
                                self._marked_hints.setdefault(table[v], []).append(el)
            for el in self._marked_hints.get(kind, ()):
                found[el] = None
            self._hints[kind] = sorted(found, key=self.order)
        return self._hints.get(kind, [])

    # -- order and selectors -------------------------------------------------------------------

    def order(self, el: Any) -> int:
        """Position of ``el`` in document order (-1 for an element not in the page)."""
        return self._order.get(el, -1)

    def span(self, el: Any) -> tuple[int, int]:
        """Positions of ``el`` and of its last descendant: the slice of ``elements`` it holds."""
        last = el
        while len(last):
            last = last[-1]
        return self.order(el), self.order(last)

    def select(self, selector: str, within: Any = None) -> list[Any]:
        """Elements matching one of the definition's selectors, in page order."""
        return select(self.root if within is None else within, selector, self.index)

    def selected_text(self, field: str) -> tuple[str | None, Any]:
        """Text and element of the first non-empty match of the definition's ``field`` selector."""
        sel = self.selectors.get(field)
        if not sel:
            return None, None
        for el in self.select(sel):
            text = text_of(el)
            if text:
                return text, el
        return None, None

    def canonical_url(self) -> str:
        """rel=canonical when on the same site (and not the home page), else the fetched URL;
        cleaned of tracking parameters."""
        canon = self.md.canonical
        if canon and self.url:
            try:
                canon = join_url(self.url, canon)
                if same_site(canon, self.url) and urlsplit(canon).path not in ("", "/"):
                    return canonicalize_url(canon, self.source)
            except ValueError:
                LOG.debug("unreadable canonical link %r", canon)
        return canonicalize_url(self.fetched or "", self.source)

    def language(self) -> str:
        """Two-letter language from html@lang or og:locale; Vietnamese when unstated."""
        lang = (self.md.html_lang or self.md.get("og:locale") or "vi").lower()
        return lang.split("-")[0].split("_")[0] or "vi"

    def is_vietnamese(self) -> bool:
        """The page says it is in Vietnamese, or says nothing and its title is written in it."""
        stated = self.md.html_lang or self.md.get("og:locale")
        if stated:
            return stated.lower().startswith("vi")
        title = self.root.find(".//title")
        text = (text_of(title) if title is not None else "") or self.md.get("og:title") or ""
        return _VI_LETTERS.search(text) is not None

    # -- the paper's own names -------------------------------------------------------------------

    def site_names(self) -> list[str]:
        """Every spelling of the paper's name: og:site_name, the definition, the host, the
        JSON-LD publisher."""
        if self._site_names is None:
            md = self.md
            names = [md.get("og:site_name"), md.get("application-name"), md.get("al:site_name")]
            if self.source is not None:
                names.append(self.source.name)
                names.extend(self.source.all_domains)
            host = (urlsplit(self.url).hostname or "").lower().removeprefix("www.")
            if host:
                names.append(host)
                names.append(host.split(".")[0])
            pub = md.ld("publisher")
            if isinstance(pub, dict):
                names.append(ld_text(pub.get("name")))
            self._site_names = [n for n in names if n]
        return self._site_names

    def is_site_name(self, text: str) -> bool:
        """True for the paper's own name or a bare domain: never a headline part or a byline."""
        key = fold_key(text)
        if not key:
            return False
        for n in self.site_names():
            nk = fold_key(n)
            if nk and (key == nk or (len(nk) >= 6 and nk in key and len(key) <= len(nk) + 16)):
                return True
        # "Báo Lào Cai" on baolaocai.vn: the name written without marks and spaces is the host
        if self._host_label is None:  # read once per page: titles and bylines ask many times
            self._host_label = (
                (urlsplit(self.url).hostname or "").lower().removeprefix("www.").split(".")[0]
            )
        host = self._host_label
        if len(host) >= 5 and _squeezed(text) == host:
            return True
        return bool(_DOMAIN_RE.fullmatch(text.strip().lower()))

    # -- the headline and the regions around it --------------------------------------------------

    @property
    def headline(self) -> Any:
        """The element holding the headline, once the title finder has found it."""
        return self._headline

    @headline.setter
    def headline(self, el: Any) -> None:
        self._headline = el
        self._headline_ancestors = set(el.iterancestors()) if el is not None else set()
        self._excluded.clear()  # a <header> holding the headline is no longer furniture

    def headline_ancestors(self) -> set[Any]:
        """The elements that hold the headline."""
        return self._headline_ancestors

    def page_chars(self) -> int:
        """Length of the page's visible text (measured once)."""
        if self._page_chars is None:
            body = self.root.find("body")
            self._page_chars = len(fast_text(body)) if body is not None else 0
        return self._page_chars

    def _furniture_itself(self, node: Any) -> bool:
        tag = tag_of(node)
        if tag in ("footer", "nav", "aside"):
            return True
        if tag == "header" and node not in self._headline_ancestors:
            return True
        if not is_region_furniture(node) and not headed_as_furniture(node):
            return False
        # a "sidebar_1" that holds most of the page is the main column, whatever its name
        return len(fast_text(node)) < 0.4 * self.page_chars()

    def in_furniture(self, el: Any, stop: Any = None) -> bool:
        """Inside related lists, sidebars, footers, menus or the header clock (below ``stop``
        when given)."""
        if stop is not None:
            node = el
            while node is not None and node is not stop:
                if self._furniture_itself(node):
                    return True
                node = node.getparent()
            return False
        chain = []
        node = el
        result = False
        while node is not None:
            known = self._excluded.get(node)
            if known is not None:
                result = known
                break
            chain.append(node)
            node = node.getparent()
        for n in reversed(chain):
            result = result or self._furniture_itself(n)
            self._excluded[n] = result
        return result

    def article_scope(self, container: Any) -> Any:
        """The smallest ancestor of the body container that also holds the headline."""
        if container is None or self._headline is None:
            return container
        node = container
        for _ in range(8):
            if node in self._headline_ancestors:
                return node
            parent = node.getparent()
            if parent is None or tag_of(parent) in ("body", "html"):
                break
            node = parent
        return container
