"""``normalize_text``: the one clean-up every stored Vietnamese field goes through."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TextIO

from .fold import fold
from .tone import check_style, restyle_nfc
from .unicode_clean import (
    RARE,
    clean_invisibles,
    collapse_whitespace,
    fix_punctuation_spacing,
    fold_confusables,
)


def normalize_text(text: str, style: str = "old") -> str:
    """NFC, invisibles out, Ð -> Đ, look-alikes folded, whitespace collapsed, one tone style.

    Idempotent; never drops a letter or digit a reader sees; keeps the word count.
    """
    check_style(style)
    if not text:
        return text
    if RARE.search(text) is not None:
        text = clean_invisibles(text)
        text = fold_confusables(unicodedata.normalize("NFC", text))
    elif not text.isascii():
        text = unicodedata.normalize("NFC", text)  # a no-op scan when already NFC
    text = collapse_whitespace(text)
    text = fix_punctuation_spacing(text)
    return text if text.isascii() else restyle_nfc(text, style)


def normalize_stream(
    src: Iterable[str], dst: TextIO, *, style: str = "old", fold_output: bool = False
) -> None:
    """Normalise text line by line (for ``newsarchive normalize``): bounded memory on big files.

    Blank lines are kept as paragraph breaks, several in a row become one.
    """
    check_style(style)
    blank = True  # no leading blank lines
    for line in src:
        out = normalize_text(line, style)
        if fold_output:
            out = fold(out)
        if not out:
            if not blank:
                dst.write("\n")
            blank = True
            continue
        dst.write(out + "\n")
        blank = False
