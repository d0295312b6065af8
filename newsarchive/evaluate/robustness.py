"""Scramble a page's markup the way another site of the same family would, without changing
what a reader sees: every class and id token renamed consistently, chrome blocks reordered.

An extractor that leans on names only our own pages use (``company_info``, ``b-maincontent``)
loses fields here; one that reads structure and text does not.  The renaming is consistent per
:class:`Scrambler`: the same token gets the same new name on every page given to it, in the
``<style>`` rules of those pages and in the CSS selectors of a source definition, so a defined
source keeps working and a page still renders exactly as before.

The page is rewritten as text, never re-serialised by a parser: outside the renamed attribute
values, the ``<style>`` selectors and the moved blocks, every byte stays as it was (malformed
HTML stays malformed, legacy encodings stay legacy).  Scripts (JSON-LD included), comments and
attribute values other than class/id references are left alone.

Chrome blocks are ``header``, ``nav``, ``footer`` and ``aside`` elements and blocks whose original
class/id names say menu, header, footer, sidebar, related, share, comment, tags, ads or box (in
English or Vietnamese).  A block holding an ``h1``, ``article`` or ``main``, or more than a third
of the page's text, is never chrome.  Chrome blocks that are siblings trade places among their
own slots, so the article's paragraphs keep their order; a lone chrome block stays put.
"""

from __future__ import annotations

import dataclasses
import random
import re
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsarchive.sources import Source

__all__ = ["Scrambler", "chrome_blocks", "visible_text"]

#: New names use consonants only, so no new name spells "nav", "ad", "menu" or "footer".
_CONSONANTS = "bcdfghjklmnpqrstvwxz"
#: Short consonant clusters that are themselves common abbreviations in class names.
_ABBREVIATIONS = ("btn", "hdr", "ftr", "nv", "txt", "cnt", "dt", "pg", "sb", "hd", "ft", "bd",
                  "nwz", "tl", "cpt", "img", "lst", "mn", "rl", "cm", "sc", "tg")

_RAW = re.compile(
    r"<!--.*?-->"  # comments (conditional comments included)
    r"|<(script|style|textarea|title)\b[^>]*>.*?</\1\s*>"  # raw-text elements, whole
    r"|</?[a-zA-Z][^<>]*>",  # start and end tags
    re.S | re.I,
)
_ATTR = re.compile(
    r"""([^\s"'<>/=]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""",
)
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9:-]*)")
#: Attributes whose value is one or more id references.
_ID_REF_ATTRS = frozenset({"for", "headers", "aria-labelledby", "aria-describedby",
                           "aria-controls", "aria-owns", "list", "form", "usemap"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "keygen", "command"})
#: Elements whose end tag may be left out; closing them implicitly is not a parse error.
_OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody",
                           "tfoot", "colgroup", "rt", "rp", "optgroup"})
_CHROME_TAGS = frozenset({"header", "nav", "footer", "aside"})
#: Containers that may be chrome by their name (a paragraph or heading never is).
_CONTAINERS = _CHROME_TAGS | {"div", "section", "ul", "ol", "table", "form", "dl", "ins"}
_CHROME_NAME = re.compile(
    r"(?:^|[-_])(?:header|topbar|menu|mainmenu|nav|navbar|navigation|footer|sidebar|aside"
    r"|related|relate|lienquan|tinlienquan|tinkhac|cungchuyenmuc|xemnhieu|docnhieu|mostread"
    r"|most-read|share|sharing|social|chiase|chia-se|comment|comments|binhluan|binh-luan"
    r"|tag|tags|ads|adv|advert|banner|quangcao|quang-cao|box|widget|breadcrumb|breadcrumbs)"
    r"(?:[-_]|$)",
    re.I,
)
#: A block holding one of these holds the article (or the page's headline), never chrome.
_NOT_CHROME = re.compile(r"<(?:h1|article|main)\b", re.I)
_CSS_BLOCK = re.compile(r"[{}]")
_CSS_NAME = re.compile(r"(?<![\w-])([.#])(-?[_a-zA-Z\u00a0-\uffff][\w-]*)")
_CSS_ATTR = re.compile(
    r"""\[\s*(class|id)\s*([~|^$*]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\s\]]+))\s*(i|s)?\s*\]""",
    re.I,
)
_SEL_PART = re.compile(r"""(\[[^\]]*\])|("[^"]*"|'[^']*')|([.#])(-?[_a-zA-Z\u00a0-\uffff][\w-]*)""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def _charset(html: bytes, declared: str | None) -> str:
    if declared:
        return declared
    m = _META_CHARSET.search(html[:4096])
    name = m.group(1).decode("ascii") if m else "utf-8"
    try:
        "".encode(name)
    except LookupError:
        return "utf-8"
    return name


@dataclass
class _Node:
    """An element as found in the source text: where it starts and ends, and its children."""

    tag: str
    start: int
    names: tuple[str, ...] = ()
    end: int = -1  # offset after the end tag; -1 while open or when never closed
    clean: bool = True  # closed by its own end tag with everything inside closed too
    children: list[_Node] = field(default_factory=list)
    parent: _Node | None = None


def _attrs(tag_text: str) -> list[tuple[str, str | None, int, int]]:
    """(name, value, value_start, value_end) for each attribute of a start tag's text."""
    m = _TAG_NAME.match(tag_text)
    pos = m.end() if m else 1
    out: list[tuple[str, str | None, int, int]] = []
    for a in _ATTR.finditer(tag_text, pos):
        name = a.group(1).lower()
        if a.group(2) is None:
            out.append((name, None, -1, -1))
            continue
        for g in (3, 4, 5):
            if a.group(g) is not None:
                out.append((name, a.group(g), a.start(g), a.end(g)))
                break
    return out


def _tree(text: str) -> _Node:
    """A forgiving element tree over the page text (offsets into ``text``)."""
    root = _Node("#root", 0)
    stack = [root]
    for m in _RAW.finditer(text):
        token = m.group(0)
        if token.startswith("<!--"):
            continue
        name_m = _TAG_NAME.match(token)
        if not name_m:
            continue
        tag = name_m.group(1).lower()
        if m.group(1):  # a whole raw-text element
            stack[-1].children.append(_Node(tag, m.start(), end=m.end(), parent=stack[-1]))
            continue
        if token.startswith("</"):
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].tag == tag:
                    for unclosed in stack[depth + 1 :]:
                        if unclosed.tag not in _OPTIONAL_END:
                            stack[depth].clean = False
                        unclosed.clean = unclosed.tag in _OPTIONAL_END and unclosed.clean
                    stack[depth].end = m.end()
                    del stack[depth:]
                    break
            continue
        names: list[str] = []
        for attr, value, _, _ in _attrs(token):
            if attr in ("class", "id") and value:
                names.extend(value.split())
        node = _Node(tag, m.start(), tuple(names), parent=stack[-1])
        stack[-1].children.append(node)
        if tag not in _VOID and not token.rstrip(">").endswith("/"):
            stack.append(node)
    for unclosed in stack[1:]:
        unclosed.clean = False
    return root


def _strip_tags(fragment: str) -> str:
    return re.sub(r"\s+", " ", _RAW.sub(" ", fragment)).strip()


def visible_text(html: str) -> str:
    """The page's text as a reader sees it: tags, scripts, styles and comments removed,
    whitespace runs folded (entities are left as written)."""
    return _strip_tags(html)


def _is_chrome(node: _Node, text: str, page_chars: int) -> bool:
    if node.end < 0 or not node.clean:
        return False
    if node.tag not in _CHROME_TAGS and (
        node.tag not in _CONTAINERS or not any(_CHROME_NAME.search(n) for n in node.names)
    ):
        return False
    inner = text[node.start : node.end]
    if _NOT_CHROME.search(inner):
        return False
    return len(_strip_tags(inner)) <= page_chars / 3


def chrome_blocks(html: str) -> list[list[tuple[int, int]]]:
    """Groups of sibling chrome blocks (offsets into ``html``) that may trade places.

    Only the outermost chrome is listed: a menu inside a header moves with the header.
    """
    root = _tree(html)
    page_chars = max(len(_strip_tags(html)), 1)
    groups: list[list[tuple[int, int]]] = []

    def walk(node: _Node) -> None:
        slots: list[tuple[int, int]] = []
        for child in node.children:
            if _is_chrome(child, html, page_chars):
                slots.append((child.start, child.end))
            else:
                walk(child)
        if len(slots) >= 2:
            groups.append(slots)

    walk(root)
    return groups


class Scrambler:
    """One consistent renaming (and a seeded reordering) for the pages of one site.

    >>> s = Scrambler(seed=7)
    >>> page = s.page(b'<div class="b-maincontent entry">x</div>')
    >>> s.selector("div.b-maincontent .entry") == "div.%s .%s" % (
    ...     s.mapping["b-maincontent"], s.mapping["entry"])
    True
    """

    def __init__(self, seed: int | str = 0, *, reorder: bool = True) -> None:
        key = seed if isinstance(seed, int) else zlib.crc32(seed.encode("utf-8"))
        self.seed = key
        self.reorder = reorder
        self._rng = random.Random(key)
        self.mapping: dict[str, str] = {}
        self._used: set[str] = set()

    # ------------------------------------------------------------------ names
    def name(self, token: str) -> str:
        """The new name of ``token`` (created on first use, the same ever after)."""
        new = self.mapping.get(token)
        if new is None:
            while True:
                length = self._rng.randint(5, 9)
                new = "".join(self._rng.choice(_CONSONANTS) for _ in range(length))
                if new not in self._used and not any(a in new for a in _ABBREVIATIONS):
                    break
            self.mapping[token] = new
            self._used.add(new)
        return new

    def _names(self, value: str) -> str:
        return re.sub(r"\S+", lambda m: self.name(m.group(0)), value)

    # ------------------------------------------------------------------ CSS
    def css(self, sheet: str) -> str:
        """A stylesheet with its selectors renamed (declarations and @-rule values untouched)."""
        out: list[str] = []
        pos = 0
        for m in _CSS_BLOCK.finditer(sheet):
            segment = sheet[pos : m.start()]
            # text before "{" is a selector list or an @-rule prelude; before "}" declarations
            out.append(self.selector(segment) if m.group(0) == "{" and not
                       segment.lstrip().startswith("@") else segment)
            out.append(m.group(0))
            pos = m.end()
        out.append(sheet[pos:])
        return "".join(out)

    def selector(self, selector: str) -> str:
        """A CSS selector with its class and id names renamed as on the pages.

        ``[class=…]``/``[class~=…]``/``[id=…]`` are renamed token by token; substring matches
        (``[class*=…]``, ``^=``, ``$=``) are renamed when the value is one whole known name, and
        left as written otherwise (no consistent renaming of a substring exists).
        """

        def attr(m: re.Match[str]) -> str:
            value = m.group(3) if m.group(3) is not None else (
                m.group(4) if m.group(4) is not None else m.group(5))
            op = m.group(2)
            if op in ("=", "~="):
                new = self._names(value)
            elif value in self.mapping:
                new = self.mapping[value]
            else:
                return m.group(0)
            flag = f" {m.group(6)}" if m.group(6) else ""
            return f'[{m.group(1)}{op}"{new}"{flag}]'

        def part(m: re.Match[str]) -> str:
            if m.group(1):
                return _CSS_ATTR.sub(attr, m.group(1))
            if m.group(2):
                return m.group(2)
            return m.group(3) + self.name(m.group(4))

        return _SEL_PART.sub(part, selector)

    def source(self, source: Source | None) -> Source | None:
        """The source definition with every selector renamed the same way as its pages."""
        if source is None:
            return None
        selectors = {k: self.selector(v) for k, v in source.selectors.items()}
        return dataclasses.replace(source, selectors=selectors)

    # ------------------------------------------------------------------ pages
    def _rename_tag(self, token: str) -> str:
        parts: list[str] = []
        pos = 0
        for name, value, start, end in _attrs(token):
            if value is None or not value.strip():
                continue
            if name in ("class", "id") or (name in _ID_REF_ATTRS and name != "usemap"):
                new = self._names(value)
            elif name in ("href", "usemap") and value.startswith("#") and len(value) > 1:
                new = "#" + self.name(value[1:])  # a same-page fragment names an id
            else:
                continue
            parts.append(token[pos:start])
            parts.append(new)
            pos = end
        parts.append(token[pos:])
        return "".join(parts)

    def rename_text(self, html: str) -> str:
        """Rename class/id tokens in tags and selectors in ``<style>`` (text in, text out)."""

        def one(m: re.Match[str]) -> str:
            token = m.group(0)
            if token.startswith("<!--"):
                return token
            raw = (m.group(1) or "").lower()
            if raw == "style":
                open_end = token.index(">") + 1
                close_start = token.lower().rindex("</style")
                return (self._rename_tag(token[:open_end])
                        + self.css(token[open_end:close_start]) + token[close_start:])
            if raw:
                open_end = token.index(">") + 1
                return self._rename_tag(token[:open_end]) + token[open_end:]
            if token.startswith("</"):
                return token
            return self._rename_tag(token)

        return _RAW.sub(one, html)

    def reorder_text(self, html: str, key: str = "") -> str:
        """Sibling chrome blocks trade places, seeded by this scrambler's seed and ``key``."""
        rng = random.Random(self.seed ^ zlib.crc32(key.encode("utf-8")))
        moves: list[tuple[int, int, str]] = []
        for slots in chrome_blocks(html):
            blocks = [html[a:b] for a, b in slots]
            order = list(range(len(blocks)))
            for _ in range(10):
                rng.shuffle(order)
                if order != sorted(order):
                    break
            moves.extend((a, b, blocks[i]) for (a, b), i in zip(slots, order, strict=True))
        out = html
        for a, b, block in sorted(moves, reverse=True):
            out = out[:a] + block + out[b:]
        return out

    def page_text(self, html: str, key: str = "") -> str:
        """Scramble one page given as text: reorder (on the original names), then rename."""
        if self.reorder:
            html = self.reorder_text(html, key)
        return self.rename_text(html)

    def page(self, html: bytes | str, key: str = "", encoding: str | None = None) -> bytes:
        """Scramble one page given as bytes (decoded and re-encoded losslessly in its charset)."""
        if isinstance(html, str):
            return self.page_text(html, key).encode("utf-8")
        charset = _charset(html, encoding)
        text = html.decode(charset, errors="surrogateescape")
        return self.page_text(text, key).encode(charset, errors="surrogateescape")
