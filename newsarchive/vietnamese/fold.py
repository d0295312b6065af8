"""Search folding: strip every diacritic so "dien bien" finds "Điện Biên".

Vietnamese letters go through one ``str.translate`` table (đ -> d, ệ -> e); anything else
with combining marks falls back to NFD + dropping the marks.  Case is kept: FTS5's
``unicode61`` tokenizer folds ASCII case itself.
"""

from __future__ import annotations

import unicodedata

from .letters import LETTERS, base_ascii

_FOLD_TABLE = {ord(ch): base_ascii(ch) for ch in LETTERS}
_FOLD_TABLE.update({ord("Ð"): "D", ord("ð"): "d"})


def fold(text: str) -> str:
    """Remove all diacritics (đ -> d, Đ -> D), keep case; ASCII for every Vietnamese letter."""
    if text.isascii():
        return text
    out = text.translate(_FOLD_TABLE)
    if out.isascii():
        return out
    # Decomposed input or other scripts' accents: drop combining marks, recompose the rest.
    nfd = unicodedata.normalize("NFD", out)
    stripped = "".join(ch for ch in nfd if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).translate(_FOLD_TABLE)
