"""One parse per page: bytes -> Unicode -> lxml tree, plus the text helpers every layer shares.

Decoding goes through ``newsarchive.vietnamese.decode_html`` (legacy fonts, cp1258, mojibake)
when that module is importable, with a small fallback so extraction never depends on it.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from typing import Any

from lxml import etree

LOG = logging.getLogger(__name__)

#: Pages larger than this are cut before parsing: keeps extraction time bounded.
MAX_BYTES = 5_000_000

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table "
    "tbody td tfoot th thead tr ul video audio iframe".split()
)
DROP_TAGS = frozenset(
    "script style noscript template svg math object embed canvas select option button "
    "textarea input head title link meta".split()
)
_XML_BAD_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


#: Characters that clean Unicode Vietnamese never needs but TCVN3/VNI glyphs and UTF-8-read-as-
#: cp1252 mojibake produce; their absence lets a clean UTF-8 page skip the repair pass.
_LEGACY_GLYPH_RE = re.compile("[\u0080-\u009f\u00a8\u00ac-\u00ae\u00b5\u00b6\u00b8-\u00ba\u00bc-\u00bf\u00c3-\u00c6\u00d1]")
#: Either of the above in one pass: neither found means the fast path needs no further scan.
_GLYPH_OR_XML_BAD_RE = re.compile(
    "[\u0080-\u009f\u00a8\u00ac-\u00ae\u00b5\u00b6\u00b8-\u00ba\u00bc-\u00bf\u00c3-\u00c6\u00d1"
    "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
)


def _legacy_font_hint(raw: bytes) -> bool:
    """The page names a TCVN3/VNI font (".VnTime", "VNI-Times"): plain substring tests, fast."""
    low = raw.lower()
    if b"vni-" in low or b"tcvn" in low or b"vntime" in low or b"vnarial" in low:
        return True
    # ".vn" as a font family (face=".VnAvant", font-family: '.VnCentury Schoolbook')
    if b".vn" not in low:
        return False
    return re.search(rb"(?:face|family)\s*[=:]\s*[\"']?\s*\.vn", low) is not None


def decode_bytes(raw: bytes, declared_charset: str | None = None) -> str:
    """Page bytes -> text; prefers the project's Vietnamese-aware decoder.

    A page that is valid UTF-8 with no legacy font and no legacy glyphs is returned as is:
    the repair pass would change nothing, and it costs more than parsing.
    """
    return _decode_checked(raw, declared_charset)[0]


def _decode_checked(raw: bytes, declared_charset: str | None) -> tuple[str, bool]:
    """:func:`decode_bytes`, and whether the text is known to hold no character XML refuses
    (found in the same scan that looks for legacy glyphs, so a clean page is read once)."""
    if not raw.startswith(b"\xef\xbb\xbf") and not _legacy_font_hint(raw):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            if not _GLYPH_OR_XML_BAD_RE.search(text):
                return text, True
            if not _LEGACY_GLYPH_RE.search(text):
                return text, False
    return _decode_slow(raw, declared_charset), False


def _decode_slow(raw: bytes, declared_charset: str | None) -> str:
    try:
        from newsarchive.vietnamese import decode_html
    except ImportError:
        decode_html = None
    if decode_html is not None:
        try:
            return str(decode_html(raw, declared_charset))
        except Exception:  # the fallback below still gives a usable page
            LOG.warning("decode_html failed; using the simple decoder", exc_info=True)
    return _simple_decode(raw, declared_charset)


def _simple_decode(raw: bytes, declared_charset: str | None) -> str:
    """UTF-8 first (most pages), then the meta/declared charset, then cp1258, never failing."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    m = _META_CHARSET_RE.search(raw[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "replace"))
    if declared_charset:
        candidates.append(declared_charset)
    candidates += ["cp1258"]
    for enc in candidates:
        try:
            return raw.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", "replace")


_INVISIBLE_TABLE = dict.fromkeys(
    [0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0xFEFF,
     *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065)]
)


_INVISIBLE_RE = re.compile("[" + "".join(chr(c) for c in _INVISIBLE_TABLE) + "]")


def clean_text(text: str | None) -> str:
    """NFC, invisibles removed, whitespace (any Unicode space, newlines too) collapsed to one space."""
    if not text:
        return ""
    if _INVISIBLE_RE.search(text):
        text = text.translate(_INVISIBLE_TABLE)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


@lru_cache(maxsize=256)
def xpath(expr: str) -> etree.XPath:
    """A compiled XPath, compiled once per process."""
    return etree.XPath(expr)


def parse_html(data: bytes | str, declared_charset: str | None = None) -> Any:
    """Parse a page into an lxml element tree root; None for input that holds no markup."""
    clean = False
    if isinstance(data, bytes):
        data, clean = _decode_checked(data[:MAX_BYTES], declared_charset)
    text = data[:MAX_BYTES]
    # characters XML (and so lxml) cannot hold: C0 controls, lone surrogates, non-characters
    if not clean:
        text = _XML_BAD_RE.sub("", text)
    # lxml refuses str input that carries an XML encoding declaration.
    text = _XML_DECL_RE.sub("", text, count=1)
    if not text or text.isspace():
        return None
    # plain lxml elements (not lxml.html's): iteration is markedly faster
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, recover=True, no_network=True)
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.XMLSyntaxError, etree.ParserError, ValueError):
        return None
    if root is None:
        return None
    return root.getroottree().getroot()


def tag_of(el: Any) -> str:
    """Lower-case tag name; '' for comments and processing instructions."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def attr_tokens(el: Any) -> str:
    """class + id, lower-cased, for class-name heuristics."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def raw_text(el: Any, *, br: str = "\n", skip: set[Any] | None = None) -> str:
    """Visible text of ``el`` with <br> as ``br`` and blocks separated by newlines."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = tag_of(child)
            if tag and tag not in DROP_TAGS and (skip is None or child not in skip):
                if tag == "br":
                    parts.append(br)
                elif tag in BLOCK_TAGS:
                    parts.append("\n")
                    walk(child)
                    parts.append("\n")
                else:
                    walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return "".join(parts)


def text_of(el: Any, *, skip: set[Any] | None = None) -> str:
    """Visible text of ``el`` on one line (line breaks become spaces).

    On a tree prepared by :func:`prepare_tree` (breaks and block edges carry whitespace, hidden
    elements gone) lxml's own text iteration gives the same result, much faster.
    """
    if skip is None and el.getroottree().getroot().get(_PREPARED) is not None:
        return clean_text("".join(el.itertext()))
    return clean_text(raw_text(el, br=" ", skip=skip))


_PREPARED = "data-newsarchive-prepared"
_HIDDEN_TAGS = ("script", "style", "template", "noscript", "select", "option", "button", "textarea",
                "svg", "math", "object", "embed", "canvas", "head")


def prepare_tree(root: Any) -> tuple[list[Any], list[Any]]:
    """Drop elements that never show text and put whitespace at <br> and block edges, once per
    page, so that plain text iteration reads like the rendered page.

    Returns every element in document order and those carrying attributes, gathered in the same
    pass so the extractor never walks the whole tree again for its indexes.
    """
    head = root.find("head")
    etree.strip_elements(root, *[t for t in _HIDDEN_TAGS if t != "head"], with_tail=False)
    elements: list[Any] = []
    attributed: list[Any] = []
    for el in root.iter():
        elements.append(el)
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif tag in BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
        if el.attrib:
            attributed.append(el)
    if head is not None:
        head.text = (head.text or "").lstrip("\n")
    root.set(_PREPARED, "1")
    return elements, attributed


def block_paragraphs(el: Any, skip: set[Any] | None = None, *, br_splits: bool = True) -> list[tuple[str, Any]]:
    """Paragraphs under ``el`` in reading order, each with the element that holds it.

    Block elements start new paragraphs; with ``br_splits`` a <br> does too (old portals put
    paragraphs in one cell separated by <br>).
    """
    out: list[tuple[str, Any]] = []
    buf: list[str] = []
    holder: list[Any] = [el]

    def flush() -> None:
        text = clean_text("".join(buf))
        buf.clear()
        if text:
            out.append((text, holder[-1]))

    def walk(node: Any) -> None:
        if node.text:
            buf.append(node.text)
        for child in node:
            tag = tag_of(child)
            if tag and tag not in DROP_TAGS and (skip is None or child not in skip):
                if tag == "br":
                    if br_splits:
                        flush()
                    else:
                        buf.append(" ")
                elif tag in BLOCK_TAGS:
                    flush()
                    holder.append(child)
                    walk(child)
                    flush()
                    holder.pop()
                else:
                    walk(child)
            if child.tail:
                buf.append(child.tail)

    walk(el)
    flush()
    return out


def fast_text(el: Any) -> str:
    """Approximate visible text (no <br>/block spacing): for measuring, not for output."""
    return " ".join("".join(el.itertext()).split())


def link_density(el: Any) -> float:
    """Share of the element's text that sits inside links."""
    total = len(fast_text(el))
    if not total:
        return 0.0
    linked = sum(len(fast_text(a)) for a in el.iter("a"))
    return min(1.0, linked / total)


@lru_cache(maxsize=512)
def css_to_xpath(selector: str) -> str | None:
    """A source definition's CSS selector as XPath (cssselect ships with Scrapy)."""
    try:
        from cssselect import GenericTranslator, SelectorError
    except ImportError:
        return None
    try:
        return str(GenericTranslator().css_to_xpath(selector))
    except SelectorError:
        LOG.warning("bad CSS selector in source definition: %r", selector)
        return None


def select(root: Any, selector: str, index: SelectorIndex | None = None) -> list[Any]:
    """Elements matching a CSS selector (or an XPath when it starts with '/' or '(').

    With the page's ``index``, simple selectors are answered without an XPath pass over the page.
    """
    sel = selector.strip()
    if index is not None and not sel.startswith(("/", "(")):
        groups = _compiled_selector(sel)
        if (
            groups is not None
            and (root is index.root or root.getroottree().getroot() is index.root)
        ):
            return index.select(root, groups)
    expr = sel if sel.startswith(("/", "(")) else css_to_xpath(sel)
    if not expr:
        return []
    try:
        found = xpath(expr)(root)
    except etree.XPathError:
        LOG.warning("bad selector: %r", selector)
        return []
    return [e for e in found if isinstance(getattr(e, "tag", None), str)]


# --- simple CSS selectors answered from a per-page index ------------------------------------
# A source definition's selectors are mostly "tag.class", "#id" and short descendant chains.
# XPath evaluates each by visiting every element of the page; looking the first part up by class
# or id (or lxml's own tag iteration) and narrowing step by step gives the same elements in a
# fraction of the time.  Anything this matcher does not model exactly falls back to XPath.

_XML_SPACE_TABLE = str.maketrans("\t\n\r", "   ")
#: A class attribute of single-space-separated plain tokens: split(" ") is exact for it.
_PLAIN_CLASS_RE = re.compile(r"[^\s]+(?: [^\s]+)*\Z")


def _xml_tokens(value: str) -> list[str]:
    """Tokens as XPath's normalize-space() splits them (space, tab, CR, LF only)."""
    return [t for t in value.translate(_XML_SPACE_TABLE).split(" ") if t]


class _Compound:
    """One compound selector (tag, #id, .class, [attr] tests, :last-child, :last-of-type)."""

    __slots__ = ("attrs", "classes", "ids", "last_child", "last_of_type", "tag")

    def __init__(self) -> None:
        self.tag: str | None = None
        self.ids: list[str] = []
        self.classes: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.last_child = False
        self.last_of_type = False


def _compile_compound(node: Any, out: _Compound) -> bool:
    """Fill ``out`` from a cssselect parse node; False for anything not modelled exactly."""
    from cssselect import parser as cp

    if isinstance(node, cp.Element):
        if node.namespace is not None:
            return False
        out.tag = None if node.element in (None, "*") else node.element
        return True
    if isinstance(node, cp.Class):
        out.classes.append(node.class_name)
        return _compile_compound(node.selector, out)
    if isinstance(node, cp.Hash):
        out.ids.append(node.id)
        return _compile_compound(node.selector, out)
    if isinstance(node, cp.Attrib):
        if node.namespace is not None:
            return False
        value = getattr(node.value, "value", node.value)  # a Token in recent cssselect
        if node.operator == "exists":
            out.attrs.append((node.attrib, "exists", ""))
        elif node.operator in ("=", "*=", "~=") and isinstance(value, str):
            if node.operator != "=" and (not value or _xml_tokens(value) != [value]):
                return False  # XPath's translation differs for empty or spaced values
            out.attrs.append((node.attrib, node.operator, value))
        else:
            return False
        return _compile_compound(node.selector, out)
    if isinstance(node, cp.Pseudo):
        if node.ident == "last-child":
            out.last_child = True
        elif node.ident == "last-of-type":
            out.last_of_type = True
        else:
            return False
        if not _compile_compound(node.selector, out):
            return False
        return not (out.last_of_type and out.tag is None)  # "*:last-of-type" is an error in XPath
    return False


def _compile_chain(tree: Any) -> list[tuple[str | None, _Compound]] | None:
    """A parsed selector as [(combinator joining it to the compound on its left, compound), ...]
    left to right (the first has None); None if not modelled."""
    from cssselect import parser as cp

    parts: list[tuple[str | None, _Compound]] = []
    node = tree
    while isinstance(node, cp.CombinedSelector):
        if node.combinator not in (" ", ">"):
            return None
        c = _Compound()
        if not _compile_compound(node.subselector, c):
            return None
        parts.append((node.combinator, c))
        node = node.selector
    c = _Compound()
    if not _compile_compound(node, c):
        return None
    parts.append((None, c))
    parts.reverse()
    return parts


@lru_cache(maxsize=512)
def _compiled_selector(selector: str) -> tuple[list[tuple[str | None, _Compound]], ...] | None:
    """A CSS selector group compiled for :class:`SelectorIndex`; None when XPath must answer."""
    try:
        from cssselect import SelectorError, parse
    except ImportError:
        return None
    try:
        groups = parse(selector)
    except SelectorError:
        return None
    out = []
    for group in groups:
        if group.pseudo_element is not None:
            return None
        chain = _compile_chain(group.parsed_tree)
        if chain is None:
            return None
        if not all(c.ids or c.classes or c.tag for _, c in chain):
            return None  # no cheap way to list candidates
        out.append(chain)
    return tuple(out) if out else None


class SelectorIndex:
    """Per page: elements by id and by class token (built on first use) and the page order."""

    def __init__(
        self, root: Any, order: dict[Any, int], named: list[tuple[Any, str | None, str | None]]
    ) -> None:
        """``named``: (element, class attribute, id attribute) for every element carrying either."""
        self.root = root
        self._order = order
        self._named = named
        self._by_id: dict[str, list[Any]] = {}
        self._by_class: dict[str, list[Any]] = {}
        self._tokens: dict[Any, list[str]] = {}
        self._built = False

    def _build(self) -> None:
        self._built = True
        by_id, by_class, tokens_of = self._by_id, self._by_class, self._tokens
        for el, cls, el_id in self._named:
            if el_id is not None:
                if el_id in by_id:
                    by_id[el_id].append(el)
                else:
                    by_id[el_id] = [el]
            if cls:
                tokens = cls.split(" ") if _PLAIN_CLASS_RE.match(cls) else _xml_tokens(cls)
                tokens_of[el] = tokens
                for token in tokens:
                    if token not in by_class:
                        by_class[token] = [el]
                    elif by_class[token][-1] is not el:
                        by_class[token].append(el)

    def matches(self, el: Any, c: _Compound) -> bool:
        """``el`` passes every test of the compound ``c``."""
        if c.tag is not None and el.tag != c.tag:
            return False
        for i in c.ids:
            if el.get("id") != i:
                return False
        if c.classes:
            tokens = self._tokens.get(el)
            if not tokens or any(k not in tokens for k in c.classes):
                return False
        for name, op, value in c.attrs:
            got = el.get(name)
            if got is None:
                return False
            if op == "=" and got != value:
                return False
            if op == "*=" and value not in got:
                return False
            if op == "~=" and value not in _xml_tokens(got):
                return False
        if c.last_child and any(isinstance(s.tag, str) for s in el.itersiblings()):
            return False
        return not (c.last_of_type and any(s.tag == c.tag for s in el.itersiblings()))

    def _listed(self, c: _Compound) -> list[Any] | None:
        """Elements the index lists for ``c`` by id or class (a superset of its matches)."""
        if c.ids:
            return self._by_id.get(c.ids[0], [])
        if c.classes:
            return self._by_class.get(c.classes[0], [])
        return None

    def _chain(self, ctx: Any, chain: list[tuple[str | None, _Compound]]) -> list[Any]:
        """Matches of one selector, left to right, each step inside the previous step's matches."""
        first = chain[0][1]
        listed = self._listed(first)
        if listed is None:
            current = [e for e in ctx.iter(first.tag) if self.matches(e, first)]
        else:
            current = [e for e in listed if self.matches(e, first) and _within(e, ctx)]
        for comb, comp in chain[1:]:
            if not current:
                return []
            if comb == ">":
                step = [
                    ch
                    for el in current
                    for ch in el
                    if isinstance(ch.tag, str) and self.matches(ch, comp)
                ]
            else:
                listed = self._listed(comp)
                if listed is not None:
                    heads = set(current)
                    step = [
                        e
                        for e in listed
                        if self.matches(e, comp) and any(a in heads for a in e.iterancestors())
                    ]
                else:
                    step = []
                    for el in current:
                        it = el.iter(comp.tag)
                        if comp.tag is None or el.tag == comp.tag:
                            next(it, None)  # the element itself: only proper descendants count
                        step.extend(
                            e for e in it if isinstance(e.tag, str) and self.matches(e, comp)
                        )
            current = step
            if len(current) > 1:
                current = sorted(dict.fromkeys(current), key=self._order_of)
        return current

    def _order_of(self, el: Any) -> int:
        return self._order.get(el, -1)

    def select(self, ctx: Any, groups: tuple[list[tuple[str | None, _Compound]], ...]) -> list[Any]:
        """Every element under ``ctx`` (itself included) matching one of ``groups``, page order."""
        if not self._built:
            self._build()
        found: list[Any] = []
        for chain in groups:
            found.extend(self._chain(ctx, chain))
        if len(groups) > 1 and len(found) > 1:
            found = sorted(dict.fromkeys(found), key=self._order_of)
        return found


def _within(el: Any, ctx: Any) -> bool:
    """``el`` is ``ctx`` or one of its descendants."""
    return el is ctx or ctx.getparent() is None or any(a is ctx for a in el.iterancestors())

