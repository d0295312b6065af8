"""``decode_html``: page bytes to Unicode HTML, never trusting the declared charset blindly.

Order of evidence: a BOM; valid UTF-8 (strong: legacy bytes are almost never valid UTF-8);
the declared or ``<meta>`` charset; then statistics.  After that, every text node (and
alt/title/content attribute) is checked on its own, because old articles mix encodings
paragraph by paragraph: a ``.VnTime``/``VNI-Times`` font hint, or else whichever reading
(TCVN3, VNI, Windows-1258, UTF-8 mojibake, VIQR: see segments.py) yields the most valid
Vietnamese syllables, with a page-wide vote for segments too short to decide alone.
This runs on the raw markup, *before* any HTML cleaning: TCVN3 writes ư as byte 0xAD, a
soft hyphen that cleaners delete.
"""

from __future__ import annotations

import codecs
import html
import logging
import re
from collections import Counter
from dataclasses import dataclass

from .legacy import bytes_to_view, decode_cp1258
from .segments import Reading, read_segment, vietnamese_score

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_LATIN_NAMES = {"iso8859-1", "latin-1", "cp1252", "ascii", "iso8859-15"}


def _codec_name(label: str | None) -> str | None:
    """Python codec name for a charset label; "tcvn3"/"vni" for the legacy font labels."""
    if not label:
        return None
    low = label.strip().lower()
    if "charset=" in low:  # a whole Content-Type value was passed
        low = low.split("charset=", 1)[1].split(";", 1)[0]
    low = low.strip().strip("\"'").strip()
    if "tcvn" in low or low in {"abc", "vn3", "x-viet-tcvn"}:
        return "tcvn3"
    if low.startswith("vni"):
        return "vni"
    try:
        return codecs.lookup(low).name
    except LookupError:
        return None


def sniff_charset(raw: bytes) -> str | None:
    """The charset a page declares about itself (``<meta charset>`` or XML declaration)."""
    head = raw[:4096]
    m = _META_CHARSET.search(head) or _XML_DECL.search(head)
    return m.group(1).decode("ascii") if m else None


# ---------------------------------------------------------------------------------------------
# Markup walk: text nodes with the font hint in force.

_FONT_LEGACY = re.compile(r"^\s*['\"]?\s*(vni[- ]?|\.vn|vn)", re.IGNORECASE)
_TAG = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>"
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
_ATTR = re.compile(r"""([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;}\"]+)", re.IGNORECASE)
_FONT_SHORTHAND = re.compile(r"(?<![-\w])font\s*:\s*([^;}\"]+)", re.IGNORECASE)
_STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_RAW_TEXT = {"script", "style", "textarea", "title"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}  # fmt: skip
_BLOCK = {
    "p", "div", "table", "tr", "td", "th", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "section", "article", "header", "footer", "figure", "figcaption", "dl", "dt",
    "dd", "pre", "form",
}  # fmt: skip
_TEXT_ATTRS = {"alt", "title", "content"}


def font_encoding(family: str) -> str | None:
    """"tcvn3", "tcvn3-upper" or "vni" for a legacy font (first of a family list), "unicode"
    for any other named font (it overrides a legacy font on an outer element), else None."""
    first = family.split(",")[0].strip().strip("\"'").strip()
    if not first or first.lower() in {"inherit", "initial", "unset", "revert"}:
        return None
    m = _FONT_LEGACY.match(first)
    if m is None:
        return "unicode"
    if m.group(1).lower().startswith("vni"):
        return "vni"
    if not first.lower().startswith((".vn", "vn")):
        return "unicode"
    # ".VnTimeH", ".VnArialH": the all-capitals faces.
    return "tcvn3-upper" if first.endswith("H") and not first.isupper() else "tcvn3"


def _css_hints(markup: str) -> dict[str, str]:
    """Selector ("p", ".tcvn", "p.tcvn") -> legacy encoding, from <style> blocks."""
    hints: dict[str, str] = {}
    for block in _STYLE_BLOCK.findall(markup):
        for selectors, body in _CSS_RULE.findall(block):
            enc = _declared_font(body)
            if enc is None:
                continue
            for sel in selectors.split(","):
                sel = sel.strip().lower()
                if re.fullmatch(r"[a-z0-9]*(\.[\w-]+)?", sel):
                    hints[sel] = enc
    return hints


def _declared_font(css: str) -> str | None:
    m = _FONT_FAMILY.search(css)
    if m:
        return font_encoding(m.group(1))
    m = _FONT_SHORTHAND.search(css)
    if m:  # "font: bold 12pt .VnTime": look for a legacy family among the words
        for word in m.group(1).replace(",", " ").split():
            enc = font_encoding(word)
            if enc and enc != "unicode":
                return enc
    return None


@dataclass
class _Open:
    tag: str
    hint: str | None


def _element_hint(tag: str, attrs: str, css: dict[str, str]) -> str | None:
    found: str | None = None
    classes: list[str] = []
    for name, value in _ATTR.findall(attrs):
        name = name.lower()
        value = value.strip("\"'")
        if name == "face" and tag == "font":
            found = font_encoding(value) or found
        elif name == "style":
            found = _declared_font(html.unescape(value)) or found
        elif name == "class":
            classes = value.lower().split()
    if found:
        return found
    for c in classes:
        if f"{tag}.{c}" in css:
            return css[f"{tag}.{c}"]
        if f".{c}" in css:
            return css[f".{c}"]
    return css.get(tag)


@dataclass
class _Seg:
    text: str
    hint: str | None


def convert_markup(markup: str, *, base: str | None = None) -> str:
    """Convert every legacy-encoded text node and text attribute of an HTML string to Unicode.

    Two passes: each segment is read on its own; then segments too short to decide alone
    ("Trang chủ", a one-line caption) take the reading that won confidently elsewhere on the page.
    """
    pieces = _walk(markup)
    readings: dict[int, Reading] = {}
    votes: Counter[str] = Counter()
    for i, piece in enumerate(pieces):
        if isinstance(piece, _Seg):
            r = read_segment(piece.text, hint=piece.hint, base=base)
            readings[i] = r
            if r.confident and r.reader:
                votes[r.reader] += 1
    page_reader = votes.most_common(1)[0][0] if votes else None
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if not isinstance(piece, _Seg):
            out.append(piece)
            continue
        r = readings[i]
        if not r.confident and page_reader in r.weak:
            out.append(r.weak[page_reader])
        else:
            out.append(r.text)
    return "".join(out)


def _walk(markup: str) -> list[str | _Seg]:
    """Split HTML into markup (str) and text segments (_Seg) with the legacy font in force."""
    css = _css_hints(markup) if "<style" in markup.lower() else {}
    out: list[str | _Seg] = []
    stack: list[_Open] = []
    pos = 0

    def hint_now() -> str | None:
        for o in reversed(stack):
            if o.hint:
                return o.hint
        return None

    while pos < len(markup):
        m = _TAG.search(markup, pos)
        end = m.start() if m else len(markup)
        if end > pos:
            out.append(_Seg(markup[pos:end], hint_now()))
        if m is None:
            break
        pos = m.end()
        if m.group(2) is None:  # comment, doctype, CDATA
            out.append(m.group())
            continue
        closing, tag, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            out.append(m.group())
            for i in range(len(stack) - 1, -1, -1):
                if stack[i].tag == tag:
                    del stack[i:]
                    break
            continue
        hint = _element_hint(tag, attrs, css) if attrs or css else None
        out.extend(_split_attrs(m.group(), m.start(3) - m.start(), hint or hint_now()))
        if tag in _RAW_TEXT:
            close = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(markup, pos)
            stop = close.start() if close else len(markup)
            body = markup[pos:stop]
            out.append(_Seg(body, hint_now()) if tag in {"title", "textarea"} else body)
            pos = stop
            continue
        if tag in _VOID or attrs.rstrip().endswith("/"):
            continue
        if tag in _BLOCK:  # a new block closes an open <p> (HTML's implied end tag)
            for i in range(len(stack) - 1, -1, -1):
                if stack[i].tag == "p":
                    del stack[i:]
                    break
                if stack[i].tag in _BLOCK:
                    break
        stack.append(_Open(tag, hint))
    return out


def _split_attrs(tag_text: str, attrs_at: int, hint: str | None) -> list[str | _Seg]:
    """The tag as markup pieces, with alt/title/content values as text segments."""
    if tag_text.isascii():
        return [tag_text]
    out: list[str | _Seg] = []
    last = 0
    for m in _ATTR.finditer(tag_text, attrs_at):
        if m.group(1).lower() not in _TEXT_ATTRS:
            continue
        start, end = m.span(2)
        if tag_text[start] in "\"'":
            start, end = start + 1, end - 1
        out.append(tag_text[last:start])
        out.append(_Seg(tag_text[start:end], hint))
        last = end
    out.append(tag_text[last:])
    return out


# ---------------------------------------------------------------------------------------------
# Bytes to text.

_SURROGATE = re.compile("[\udc80-\udcff]")


def _utf8_with_fallback(raw: bytes) -> tuple[str, int, int]:
    """UTF-8 text with invalid bytes read as cp1252; plus (invalid bytes, valid non-ASCII chars)."""
    s = raw.decode("utf-8", errors="surrogateescape")
    bad = len(_SURROGATE.findall(s))
    good = sum(1 for ch in s if ch > "\x7f") - bad
    if bad:
        s = _SURROGATE.sub(lambda m: bytes_to_view(bytes([ord(m.group()) - 0xDC00])), s)
    return s, bad, good


def _page_base(view: str, label: str | None) -> str | None:
    """How to read a non-UTF-8 page as a whole: "cp1258" or None (the cp1252 view)."""
    if label == "cp1258":
        return "cp1258"
    sample = re.sub(r"<[^>]*>", " ", view[:200_000])
    as_1252 = vietnamese_score(sample)
    as_1258 = decode_cp1258(sample)
    if as_1258 is not None and vietnamese_score(as_1258) > max(as_1252, 0) + 2:
        return "cp1258"
    return None


def decode_html(raw: bytes, declared_charset: str | None = None) -> str:
    """Bytes of a whole page -> Unicode HTML, with legacy-font and mojibake segments converted.

    ``declared_charset`` is the HTTP Content-Type charset, if any.  The result keeps the
    page's markup (``<meta charset>`` included: parsers ignore it on a str); only text changes,
    and an XML declaration loses its ``encoding`` (lxml refuses a str that still has one).
    """
    return _drop_xml_encoding(_decode(raw, declared_charset))


def _decode(raw: bytes, declared_charset: str | None) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        return convert_markup(raw[3:].decode("utf-8", errors="replace"))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return convert_markup(raw.decode("utf-16", errors="replace"))
    label = _codec_name(declared_charset) or _codec_name(sniff_charset(raw))
    text, bad, good = _utf8_with_fallback(raw)
    if bad == 0 or good > bad:
        if bad:
            logger.debug("decode_html: UTF-8 page with %d stray bytes read as cp1252", bad)
        return convert_markup(text)
    if label and label.startswith(("utf-16", "utf-32")) and not _looks_wide(raw, label):
        label = None  # a wide encoding whose markup does not decode is a wrong label
    if label and label not in _LATIN_NAMES and label not in {"utf-8", "cp1258", "tcvn3", "vni"}:
        try:
            return convert_markup(raw.decode(label))
        except (UnicodeDecodeError, LookupError):
            logger.debug("decode_html: declared %s does not fit the bytes", label)
    view = bytes_to_view(raw)
    if label in ("tcvn3", "vni"):
        # The charset label names a legacy font encoding: that reading is every node's default.
        wrapper = f'<font face="{".VnTime" if label == "tcvn3" else "VNI-Times"}">'
        return convert_markup(wrapper + view)[len(wrapper) :]
    return convert_markup(view, base=_page_base(view, label))


def _looks_wide(raw: bytes, codec: str) -> bool:
    """UTF-16/32 without a BOM: plausible only if many NUL bytes and the markup decodes."""
    head = raw[:4096]
    if head.count(0) < len(head) // 5:
        return False
    try:
        return "<" in head[: len(head) // 4 * 4].decode(codec, errors="ignore")
    except LookupError:
        return False


_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


def _drop_xml_encoding(text: str) -> str:
    return _XML_ENCODING.sub(r"\1", text, count=1) if text.lstrip().startswith("<?xml") else text
