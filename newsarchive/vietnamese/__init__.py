"""Vietnamese text: normalisation, tone-mark style, search folding and legacy encodings.

Stored text is NFC, free of invisible characters, in one tone-mark style.  The default is
the old style (hòa, thủy) because most of the Vietnamese press prints it (see
../shared/vi/tone_rules.md §5); ``style="new"`` gives hoà/thuỷ.
"""

from __future__ import annotations

from .charset import decode_html, sniff_charset
from .fold import fold
from .legacy import ENCODINGS, decode_viqr, encode_legacy
from .normalize import normalize_stream, normalize_text
from .segments import repair_segment
from .tone import STYLES, is_syllable, restyle_word, to_style

__all__ = [
    "ENCODINGS",
    "STYLES",
    "decode_html",
    "decode_viqr",
    "encode_legacy",
    "fold",
    "is_syllable",
    "normalize_stream",
    "normalize_text",
    "repair_segment",
    "restyle_word",
    "sniff_charset",
    "to_style",
]
