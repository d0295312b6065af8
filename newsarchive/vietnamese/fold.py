"""Search folding: strip every diacritic so "dien bien" finds "Điện Biên".

Fast path, for runs of ASCII and Vietnamese letters: NFD then drop everything non-ASCII,
all in C (``str.replace``, ``unicodedata.normalize``, ``str.encode``).  Other characters
(curly quotes, dashes, other scripts) are kept; their accents are stripped one by one.
Case is kept: FTS5's ``unicode61`` tokenizer folds ASCII case itself.
"""

from __future__ import annotations

import re
import unicodedata

from .letters import LETTERS

_c_fold = None  # set by speedups once its tables are built (they are built with fold itself)

_NOT_VIETNAMESE = re.compile("([^\x00-\x7f" + "".join(sorted(LETTERS)) + "]+)")  # sorted: ranges
# Letters with a stroke have no decomposition: fold them by table (Êđê ƀ too).
_STROKES = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ƀ": "b", "Ƀ": "B"})


def _fold_vietnamese(run: str) -> str:
    """ASCII + Vietnamese letters only: every letter folds to exactly one ASCII letter."""
    if run.isascii():
        return run
    if "đ" in run or "Đ" in run:
        run = run.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFD", run).encode("ascii", "ignore").decode("ascii")


def _fold_other(run: str) -> str:
    nfd = unicodedata.normalize("NFD", run.translate(_STROKES))
    return unicodedata.normalize("NFC", "".join(ch for ch in nfd if not unicodedata.combining(ch)))


def fold(text: str) -> str:
    """Remove all diacritics (đ -> d, Đ -> D), keep case; ASCII for every Vietnamese letter."""
    if text.isascii():
        return text
    if _c_fold is not None:
        out = _c_fold(text)  # one C pass; None when a character needs the rules below
        if out is not None:
            return out
    parts = _NOT_VIETNAMESE.split(text)
    if len(parts) == 1:
        return _fold_vietnamese(text)
    # split() with a group alternates: Vietnamese run, other run, Vietnamese run, ...
    return "".join(
        _fold_other(p) if i % 2 else _fold_vietnamese(p) for i, p in enumerate(parts)
    )
