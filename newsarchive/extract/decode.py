"""Page bytes -> text the parser can read, through the project's Vietnamese-aware decoder only
when a page needs it.

Most pages are valid UTF-8 and name no legacy font: their bytes go to the parser as they are
(libxml2 reads UTF-8 bytes twice as fast as a Python string).  Whether such a page still hides
mojibake or legacy-font text is asked of the text extraction keeps, which is small
(:func:`needs_repair`); only then is the page decoded again through
``newsarchive.vietnamese.decode_html`` (TCVN3/VNI fonts, cp1258, UTF-8 read as cp1252).
"""

from __future__ import annotations

import logging
import re

from newsarchive.vietnamese import decode_html

LOG = logging.getLogger(__name__)

#: Characters that clean Unicode Vietnamese never needs but TCVN3/VNI glyphs and UTF-8-read-as-
#: cp1252 mojibake produce.
_GLYPHS = (
    "\u0080-\u009f\u00a8\u00ac-\u00ae\u00b5\u00b6\u00b8-\u00ba\u00bc-\u00bf\u00c3-\u00c6\u00d1"
)
_LEGACY_GLYPH_RE = re.compile(f"[{_GLYPHS}]")
#: Characters XML (and so lxml) cannot hold: C0 controls, lone surrogates, non-characters.
XML_BAD = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
#: UTF-8 read as cp1252 and saved again: a lead byte's letter followed by a continuation byte's
#: ("Ã©", "Ä‘"), or the "áº"/"á»" that starts every toned Vietnamese vowel.
_MOJIBAKE_RE = re.compile(
    "[\u00c2-\u00df][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]|\u00e1[\u00ba\u00bb]"
)
#: Legacy-font text (TCVN3, VNI) has a glyph in nearly every word: fewer than this many glyphs
#: are typography (®, ½, °), not a legacy segment.
_LEGACY_MIN_GLYPHS = 5
_FONT_FAMILY_RE = re.compile(rb"(?:face|family)\s*[=:]\s*[\"']?\s*$")
#: The last non-space byte before a font name ``_FONT_FAMILY_RE`` can accept.
_FAMILY_ENDS = (b"=", b":", b'"', b"'")
#: Legacy font names that start with "vn" (with "tcvn", every one the hint looks for).
_VN_FONTS = (b"vni-", b"vntime", b"vnarial")
_DOT = ord(".")


def needs_repair(text: str, lang: str | None = None) -> bool:
    """Text read straight from UTF-8 that still looks like mojibake, or like legacy-font text
    on a page not stated to be in another language."""
    if _MOJIBAKE_RE.search(text):
        return True
    glyphs = 0
    for _ in _LEGACY_GLYPH_RE.finditer(text):
        glyphs += 1
        if glyphs >= _LEGACY_MIN_GLYPHS:
            return lang is None or lang.lower().startswith("vi")
    return False


def legacy_font_hint(raw: bytes) -> bool:
    """The page names a TCVN3/VNI font (".VnTime", "VNI-Times", "TCVN").

    Every such name holds "vn": the page is lower-cased once and only the places it writes those
    two letters are looked at (searching a large page for each name in turn, or with a
    case-blind regex, is several times slower).
    """
    low = raw.lower()
    at = low.find(b"vn")
    while at >= 0:
        if low.startswith(_VN_FONTS, at) or (at >= 2 and low[at - 2 : at] == b"tc"):
            return True
        if at >= 1 and low[at - 1] == _DOT:
            # ".vn" as a font family (face=".VnAvant", font-family: '.VnCentury Schoolbook'):
            # the pattern ends in [=:] and a quote at most, then spaces, so a ".vn" after
            # anything else (every link to a .vn host) is passed over without running it
            before = low[max(0, at - 25) : at - 1]
            if before.rstrip()[-1:] in _FAMILY_ENDS and _FONT_FAMILY_RE.search(before):
                return True
        at = low.find(b"vn", at + 1)
    return False


def utf8_bytes(raw: bytes) -> bytes | None:
    """The page's bytes when they are plain UTF-8 (no BOM, no legacy font named, valid - a
    character cut at the size limit aside); None when the page needs the decoder."""
    if raw.startswith(b"\xef\xbb\xbf") or legacy_font_hint(raw):
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(raw) - 3 or exc.reason != "unexpected end of data":
            return None
        raw = raw[: exc.start]  # a character cut in half where the page was truncated
    return raw


def decode_bytes(raw: bytes, declared_charset: str | None = None) -> str:
    """Page bytes -> text, legacy fonts, cp1258 and mojibake repaired."""
    if utf8_bytes(raw) is not None:
        text = raw.decode("utf-8", "replace")
        if not needs_repair(text):
            return text
    return repaired_text(raw, declared_charset)


def repaired_text(raw: bytes, declared_charset: str | None = None) -> str:
    """The page through the project's Vietnamese-aware decoder."""
    try:
        return str(decode_html(raw, declared_charset))
    except Exception:  # a decoder bug must not lose the page: read it as UTF-8, marked
        LOG.warning("decode_html failed; page read as UTF-8 with replacements", exc_info=True)
        return raw.decode("utf-8", "replace")
