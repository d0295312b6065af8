"""``decode_html``: page bytes to Unicode HTML, never trusting the declared charset blindly.

Order of evidence: a BOM; valid UTF-8 (strong: legacy bytes are almost never valid UTF-8);
the declared or ``<meta>`` charset; then statistics.  After that, every text node (and
alt/title/content attribute) is checked on its own, because old articles mix encodings
paragraph by paragraph: a ``.VnTime``/``VNI-Times`` font hint, or else whichever reading
(TCVN3, VNI, Windows-1258, UTF-8 mojibake) yields the most valid Vietnamese syllables.
This runs on the raw markup, *before* any HTML cleaning: TCVN3 writes ư as byte 0xAD, a
soft hyphen that cleaners delete.
"""

from __future__ import annotations

import codecs
import html
import logging
import re
from collections.abc import Callable
from collections import Counter
from dataclasses import dataclass, field

from .legacy import (
    TCVN3_CHARS,
    VIEW_CHARS,
    bytes_to_view,
    decode_cp1258,
    decode_tcvn3,
    decode_utf8_mojibake,
    decode_viqr,
    decode_vni,
)
from .tone import is_syllable

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
    low = label.strip().strip("\"'").lower()
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
# Scoring: how Vietnamese does a reading of a segment look?

_TOKEN = re.compile(r"\S+")
_STRIP = "\"'.,;:!?()[]{}“”‘’«»…–—-/*#%+=<>|"
_TCVN3_SIGNS = re.compile("[µ¸¶·¹®©ª«¬§¨\xad]")
_VNI_SIGNS = re.compile("[aeiouyAEIOUY][ùøûõïÙØÛÕÏ]|[aeoAEO][âáàåãäÂÁÀÅÃÄ]|ö[ôù]|ñ[aeiouy]")
_CP1258_SIGNS = re.compile("[aeiouyâêôAEIOUYÂÊÔõýÕÝãÃ][ìÌÒÞò]|[ðÐ][aeiouyâêô]")
# TCVN3 letter bytes that Unicode Vietnamese never uses (it does use à á â ã è é ê ì í ò ó ô …).
_UNICODE_VI_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_TCVN3_ANY = re.compile("[" + re.escape("".join(sorted(TCVN3_CHARS - _UNICODE_VI_LATIN1))) + "]")
_MOJIBAKE_SIGNS = re.compile("[ÃÄÆá][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|á[»º]")


# VIQR: vowel + shape mark (^ ( +), or dd/DD + vowel; plain tone marks alone are too common.
_VIQR_SIGNS = re.compile(r"[aeoAEO]\^|[aA]\(|[ouOU]\+|(?:dd|DD)[aeiouy]")


def _maybe_viqr(text: str) -> bool:
    """Only ASCII text with at least three unmistakable VIQR marks is worth a VIQR reading."""
    return text.isascii() and len(_VIQR_SIGNS.findall(text)) >= 3


def vietnamese_score(text: str) -> int:
    """Non-ASCII words that are Vietnamese syllables, minus non-ASCII words that are not.

    Tokens without a letter (©, ×, ·) count for nothing either way.
    """
    score = 0
    for m in _TOKEN.finditer(text):
        tok = m.group().strip(_STRIP)
        if not tok or tok.isascii():
            continue
        if is_syllable(tok):
            score += 1
        elif any(c.isalpha() for c in tok):
            score -= 1
    return score


def _evidence(text: str) -> int:
    """Vietnamese syllables that mix ASCII letters with marked ones ("Hà", "Nội", not "â")."""
    n = 0
    for m in _TOKEN.finditer(text):
        tok = m.group().strip(_STRIP)
        if tok and not tok.isascii() and any(c.isascii() and c.isalpha() for c in tok):
            n += is_syllable(tok)
    return n


def _unescape_view_entities(text: str) -> str:
    """``&micro;``/``&#181;``/``&shy;`` -> the character, when it is a legacy-font byte."""
    if "&" not in text:
        return text

    def sub(m: re.Match[str]) -> str:
        ch = html.unescape(m.group())
        return ch if len(ch) == 1 and ch in VIEW_CHARS and ch > "\xa0" else m.group()

    return _ENTITY.sub(sub, text)


_ENTITY = re.compile(r"&(?:#\d{2,4}|#[xX][0-9a-fA-F]{2,4}|[A-Za-z]{2,8});")

Reader = Callable[[str], "str | None"]


def _read_tcvn3(s: str) -> str | None:
    return decode_tcvn3(s) if _in_view(s) else None


def _read_tcvn3_upper(s: str) -> str | None:
    return decode_tcvn3(s, upper=True) if _in_view(s) else None


def _read_vni(s: str) -> str | None:
    return decode_vni(s) if _in_view(s) else None


def _in_view(s: str) -> bool:
    return all(ch in VIEW_CHARS for ch in s)


READERS: dict[str, Reader] = {
    "tcvn3": _read_tcvn3,
    "tcvn3-upper": _read_tcvn3_upper,
    "vni": _read_vni,
    "cp1258": decode_cp1258,
    "utf8-mojibake": decode_utf8_mojibake,
    "viqr": decode_viqr,
}


def _suspects(s: str) -> list[str]:
    """Readers worth trying on ``s`` (cheap regex signs first, so clean text costs little)."""
    out = []
    if _TCVN3_SIGNS.search(s) or _TCVN3_ANY.search(s):
        out.append("tcvn3")
    if _VNI_SIGNS.search(s):
        out.append("vni")
    if _CP1258_SIGNS.search(s):
        out.append("cp1258")
    if _MOJIBAKE_SIGNS.search(s) or "Ä" in s:
        out.append("utf8-mojibake")
    if _maybe_viqr(s):
        out.append("viqr")
    return out


@dataclass
class Reading:
    """How one text segment is best read: the text, the reader used (None: as it was), and
    whether the evidence was strong enough on its own, plus the other readings that beat the
    current one by a little (for the page-level consensus)."""

    text: str
    reader: str | None = None
    confident: bool = False
    weak: dict[str, str] = field(default_factory=dict)


def read_segment(text: str, *, hint: str | None = None, base: str | None = None) -> Reading:
    """The best reading of one segment: its font ``hint`` if any, else the best-scoring reader.

    ``base`` is how the page as a whole was read ("cp1258" for a Windows-1258 page seen
    through cp1252); it is the reading to beat.  A reader wins outright only when it gains at
    least two syllables that mix ASCII and marked letters, so "© 2019" never becomes "â 2019".
    """
    if text.isascii() and "&" not in text and not _maybe_viqr(text):
        return Reading(text)
    if hint in ("tcvn3", "tcvn3-upper", "vni"):
        view = _unescape_view_entities(text)
        if not _in_view(view):
            return Reading(text)  # Unicode text under a leftover legacy font-family
        decoded = READERS[hint](view)
        if decoded is None or decoded == text:
            return Reading(text)
        return Reading(decoded, hint.removesuffix("-upper"), confident=True)
    current = text
    if base == "cp1258":
        current = decode_cp1258(text) or text
    if current.isascii() and not _maybe_viqr(current):
        return Reading(current)
    view = _unescape_view_entities(text)
    names = _suspects(view)
    if not names:
        return Reading(current)
    now_score, now_evidence = vietnamese_score(current), _evidence(current)
    best = Reading(current)
    best_score = now_score
    ntok = len(_TOKEN.findall(view))
    for name in names:
        out = READERS[name](view)
        if out is None or out == current:
            continue
        score = vietnamese_score(out)
        gain = score - now_score
        if gain <= 0:
            continue
        strong = gain >= max(2, ntok // 10) and _evidence(out) - now_evidence >= 2
        if strong and score > best_score:
            best = Reading(out, name, confident=True, weak=best.weak)
            best_score = score
        else:
            best.weak[name] = out
    return best


def repair_segment(text: str, *, hint: str | None = None, base: str | None = None) -> str:
    """One segment on its own (no page context): the confident reading, else unchanged."""
    r = read_segment(text, hint=hint, base=base)
    return r.text


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
    """"tcvn3", "tcvn3-upper" or "vni" for a legacy font (first of a family list), else None."""
    first = family.split(",")[0].strip().strip("\"'").strip()
    if not first:
        return None
    m = _FONT_LEGACY.match(first)
    if m is None:
        return None
    if m.group(1).lower().startswith("vni"):
        return "vni"
    if not first.lower().startswith((".vn", "vn")):
        return None
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
    if m:  # "font: 12pt .VnTime" -> the family is the last comma-free chunk's tail
        for word in m.group(1).replace(",", " ").split():
            enc = font_encoding(word)
            if enc:
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
