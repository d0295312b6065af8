"""One parse per page: text -> lxml tree, then one pass that makes it read like the rendered page.

Plain lxml elements are used (not lxml.html's): iteration over them is markedly faster.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from newsarchive.extract.decode import XML_BAD, repaired_text, utf8_bytes

LOG = logging.getLogger(__name__)

#: Pages larger than this are cut before parsing: keeps extraction time bounded.
MAX_BYTES = 5_000_000

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table "
    "tbody td tfoot th thead tr ul video audio iframe".split()
)
#: Elements whose text is never shown as article text.
DROP_TAGS = frozenset(
    "script style noscript template svg math object embed canvas select option button "
    "textarea input head title link meta".split()
)
#: Elements removed from the tree before any text is read (``head`` stays: metadata lives there).
_HIDDEN_TAGS = (
    "script",
    "style",
    "template",
    "noscript",
    "select",
    "option",
    "button",
    "textarea",
    "svg",
    "math",
    "object",
    "embed",
    "canvas",
)
_XML_BAD_RE = re.compile(f"[{XML_BAD}]")
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
#: Set on the root by :func:`prepare_tree`; text readers take their fast path when it is there.
PREPARED = "data-newsarchive-prepared"
#: Element -> its text (``newsarchive.extract.text.all_text``), for the page being read: the
#: finders ask for the same blocks' text many times.  Emptied whenever a tree is changed
#: (:func:`prepare_tree`) and around each page (``extract``), so it never outlives a page.
TEXTS: dict[Any, str] = {}


@dataclass(eq=False)
class ParsedPage:
    """A page parsed once, for every reader of it.

    The crawler reads a page's links from ``root`` and then hands the same object to
    :func:`~newsarchive.extract.extract`, so an article page is parsed once, not once by Scrapy
    and again by the extractor.  Extraction prepares the tree in place (scripts dropped, line
    breaks added), so it reads ``root`` last; a ``ParsedPage`` extracted a second time is parsed
    again from ``html`` (``used``).
    """

    html: bytes | str
    root: Any
    read_raw: bool
    used: bool = False


def read_page(data: bytes | str) -> ParsedPage:
    """Parse a page for sharing (see :class:`ParsedPage`); like ``extract``, it never raises: a
    page that cannot be parsed has no tree (and extracts as "other")."""
    try:
        root, read_raw = parse_page(data)
    except Exception as exc:  # a bad page must never stop a crawl
        LOG.warning("read_page: cannot parse: %s: %s", type(exc).__name__, exc)
        root, read_raw = None, False
    return ParsedPage(data, root, read_raw)


def parse_html(data: bytes | str, declared_charset: str | None = None) -> Any:
    """Parse a page into an lxml element tree root; None for input that holds no markup."""
    return parse_page(data, declared_charset)[0]


def parse_page(
    data: bytes | str, declared_charset: str | None = None, *, repair: bool = False
) -> tuple[Any, bool]:
    """(root or None, read_raw): ``read_raw`` when plain UTF-8 bytes went to the parser
    unrepaired - the caller asks :func:`~newsarchive.extract.decode.needs_repair` of the
    text it keeps and parses again with ``repair=True`` when needed."""
    if isinstance(data, bytes):
        data = data[:MAX_BYTES]
        raw = None if repair else utf8_bytes(data)
        if raw is not None:
            if not raw.strip():
                return None, True
            return _whole(_parse(raw, _BYTES_PARSER), raw, _BYTES_PARSER), True
        data = repaired_text(data, declared_charset)
    text = _XML_BAD_RE.sub("", data[:MAX_BYTES])
    text = _XML_DECL_RE.sub("", text, count=1)  # lxml refuses a str with an encoding declaration
    if not text or text.isspace():
        return None, False
    return _whole(_parse(text, _TEXT_PARSER), text, _TEXT_PARSER), False


_BYTES_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, recover=True, no_network=True, encoding="utf-8"
)
_TEXT_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, recover=True, no_network=True
)


_EARLY_END_BYTES = re.compile(rb"</(?:html|body)\s*>", re.IGNORECASE)
_EARLY_END_TEXT = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)


def _whole(root: Any, data: bytes | str, parser: etree.HTMLParser) -> Any:
    """The page parsed whole: libxml2 stops at the first ``</html>``, so a document that closes
    its root early (before its head and body) is parsed again without its closing tags."""
    if root is None or root.find("body") is not None or len(data) < 512:
        return root
    pattern: Any = _EARLY_END_BYTES if isinstance(data, bytes) else _EARLY_END_TEXT
    again = _parse(pattern.sub(b"" if isinstance(data, bytes) else "", data), parser)
    return again if again is not None and again.find("body") is not None else root


def _parse(data: bytes | str, parser: etree.HTMLParser) -> Any:
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, etree.ParserError, ValueError):
        return None
    if root is None:
        return None
    return root.getroottree().getroot()


def tag_of(el: Any) -> str:
    """Lower-case tag name; '' for comments and processing instructions."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _spaced(el: Any, text: bool) -> None:
    """A newline before the element's tail (and, for blocks, at the start of its text)."""
    try:
        if text:
            el.text = "\n" + (el.text or "")
        el.tail = "\n" + (el.tail or "")
    except ValueError:  # control characters kept by the parser from raw bytes
        el.text = _XML_BAD_RE.sub("", el.text or "") or None
        el.tail = _XML_BAD_RE.sub("", el.tail or "") or None
        if text:
            el.text = "\n" + (el.text or "")
        el.tail = "\n" + (el.tail or "")


def prepare_tree(root: Any) -> tuple[list[Any], list[Any]]:
    """Drop elements that never show text and put whitespace at <br> and block edges, once per
    page, so that plain text iteration reads like the rendered page.

    JSON-LD must be read before this (scripts go).  Returns every element in document order and
    those carrying attributes (lxml's tag filters pick breaks and blocks in C).
    """
    head = root.find("head")
    etree.strip_elements(root, *_HIDDEN_TAGS, with_tail=False)
    elements = list(root.iter())
    # one pass in page order: each element's own text and tail change, nothing else
    for el in elements:
        tag = el.tag
        if tag == "br":
            _spaced(el, text=False)
        elif tag in BLOCK_TAGS:
            _spaced(el, text=True)
    if head is not None:
        head.text = (head.text or "").lstrip("\n")
    root.set(PREPARED, "1")
    TEXTS.clear()  # text read before the tree changed
    return elements, [el for el in elements if el.attrib]
