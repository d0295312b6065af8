"""One parse per page: bytes -> Unicode -> lxml tree, plus the text helpers every layer shares.

Decoding goes through ``newsarchive.vietnamese.decode_html`` (legacy fonts, cp1258, mojibake)
when that module is importable, with a small fallback so extraction never depends on it.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree, html

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
_INVISIBLE_RE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_WS_RE = re.compile(r"[ \t\r\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_NL_WS_RE = re.compile(r"\s*\n\s*")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_bytes(raw: bytes, declared_charset: str | None = None) -> str:
    """Page bytes -> text; prefers the project's Vietnamese-aware decoder."""
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


def clean_text(text: str | None) -> str:
    """NFC, invisibles removed, whitespace collapsed to single spaces (newlines kept as spaces)."""
    if not text:
        return ""
    text = _INVISIBLE_RE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return " ".join(_WS_RE.sub(" ", text).split())


def clean_lines(text: str | None) -> list[str]:
    """Like :func:`clean_text` but split at newlines, empty lines dropped."""
    if not text:
        return []
    text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text))
    out = []
    for line in _NL_WS_RE.split(_WS_RE.sub(" ", text)):
        line = line.strip()
        if line:
            out.append(line)
    return out


def parse_html(data: bytes | str, declared_charset: str | None = None) -> Any:
    """Parse a page into an lxml element tree root; None for input that holds no markup."""
    if isinstance(data, bytes):
        data = decode_bytes(data[:MAX_BYTES], declared_charset)
    text = data[:MAX_BYTES]
    text = text.replace("\x00", "")
    # lxml refuses str input that carries an XML encoding declaration.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    if not text.strip():
        return None
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, recover=True)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return root


def tag_of(el: Any) -> str:
    """Lower-case tag name; '' for comments and processing instructions."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def attr_tokens(el: Any) -> str:
    """class + id, lower-cased, for class-name heuristics."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def iter_ancestors(el: Any) -> Iterator[Any]:
    node = el.getparent()
    while node is not None:
        yield node
        node = node.getparent()


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
    """Visible text of ``el`` on one line (line breaks become spaces)."""
    return clean_text(raw_text(el, br=" ", skip=skip))


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


def link_density(el: Any) -> float:
    """Share of the element's text that sits inside links."""
    total = len(text_of(el))
    if not total:
        return 0.0
    linked = sum(len(text_of(a)) for a in el.iter("a"))
    return min(1.0, linked / total)


def first(items: Iterable[Any]) -> Any:
    for item in items:
        return item
    return None


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


def select(root: Any, selector: str) -> list[Any]:
    """Elements matching a CSS selector (or an XPath when it starts with '/' or '(')."""
    sel = selector.strip()
    xpath = sel if sel.startswith(("/", "(")) else css_to_xpath(sel)
    if not xpath:
        return []
    try:
        found = root.xpath(xpath)
    except etree.XPathError:
        LOG.warning("bad selector: %r", selector)
        return []
    return [e for e in found if isinstance(getattr(e, "tag", None), str)]
