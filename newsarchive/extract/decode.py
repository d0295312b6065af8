"""Page bytes -> Unicode text, through the project's Vietnamese-aware decoder when it is needed.

Most pages are clean UTF-8 with no legacy font: they are returned as decoded, because the
repair pass (legacy TCVN3/VNI fonts, cp1258, UTF-8 read as cp1252) would change nothing and
costs more than parsing.  Everything else goes through ``newsarchive.vietnamese.decode_html``.
"""

from __future__ import annotations

import logging
import re

from newsarchive.vietnamese import decode_html

LOG = logging.getLogger(__name__)

#: Characters that clean Unicode Vietnamese never needs but TCVN3/VNI glyphs and UTF-8-read-as-
#: cp1252 mojibake produce; their absence lets a clean UTF-8 page skip the repair pass.
_GLYPHS = "\u0080-\u009f\u00a8\u00ac-\u00ae\u00b5\u00b6\u00b8-\u00ba\u00bc-\u00bf\u00c3-\u00c6\u00d1"
_LEGACY_GLYPH_RE = re.compile(f"[{_GLYPHS}]")
#: Characters XML (and so lxml) cannot hold: C0 controls, lone surrogates, non-characters.
XML_BAD = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
#: Either of the above in one pass: neither found means the fast path needs no further scan.
_GLYPH_OR_XML_BAD_RE = re.compile(f"[{_GLYPHS}{XML_BAD}]")
#: A page naming a TCVN3/VNI font (".VnTime", "VNI-Times"), in one case-blind pass over the bytes.
_LEGACY_FONT_RE = re.compile(
    rb"vni-|tcvn|vntime|vnarial|(?:face|family)\s*[=:]\s*[\"']?\s*\.vn", re.IGNORECASE
)


def decode_bytes(raw: bytes, declared_charset: str | None = None) -> str:
    """Page bytes -> text (legacy fonts, cp1258 and mojibake repaired)."""
    return decode_checked(raw, declared_charset)[0]


def decode_checked(raw: bytes, declared_charset: str | None = None) -> tuple[str, bool]:
    """:func:`decode_bytes`, and whether the text is known to hold no character XML refuses
    (found in the same scan that looks for legacy glyphs, so a clean page is read once)."""
    if not raw.startswith(b"\xef\xbb\xbf") and _LEGACY_FONT_RE.search(raw) is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            if not _GLYPH_OR_XML_BAD_RE.search(text):
                return text, True
            if not _LEGACY_GLYPH_RE.search(text):
                return text, False
    try:
        return str(decode_html(raw, declared_charset)), False
    except Exception:  # a decoder bug must not lose the page: read it as UTF-8, marked
        LOG.warning("decode_html failed; page read as UTF-8 with replacements", exc_info=True)
        return raw.decode("utf-8", "replace"), False
