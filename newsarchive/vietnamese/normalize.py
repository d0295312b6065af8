"""``normalize_text``: the one clean-up every stored Vietnamese field goes through."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, TextIO

from .fold import fold
from .speedups import scan as _c_scan
from .tone import (
    HIT_ANCHORS,
    STYLES,
    check_style,
    ends_open_toned,
    hits_pattern,
    respell_words,
    restyle_at,
    restyle_nfc,
)
from .unicode_clean import (
    RARE,
    WORK_ANCHORS,
    WORK_BRANCHES,
    clean_invisibles,
    collapse_whitespace,
    fix_punctuation_spacing,
    fold_confusables,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


def normalize_text(text: str, style: str = "old") -> str:
    """NFC, invisibles out, Ð -> Đ, look-alikes folded, whitespace collapsed, one tone style.

    Idempotent; never drops a letter or digit a reader sees; keeps the word count.
    Most stored text is already clean (re-crawls, well-made sites): a few C-level scans
    prove there is nothing to do, and only the words that need a new tone spelling are
    rebuilt.  Anything else takes the step-by-step path, which defines the result.
    """
    check_style(style)
    if not text or text.isascii():
        return _normalize_steps(text, style)
    done = _by_c(text, style, _normalize_steps)  # one C pass; a list from it also proves NFC
    if done is not None:
        return done
    nfc = unicodedata.normalize("NFC", text)  # the same object back when already NFC
    if nfc is text:  # NFC, but with characters the C tables leave to Python (or no C)
        return _normalize_nfc(text, style, _normalize_steps)
    if RARE.search(text) is not None:
        return _normalize_steps(text, style)
    done = _by_c(nfc, style, _after_nfc)
    return done if done is not None else _normalize_nfc(nfc, style, _after_nfc)


def _by_c(text: str, style: str, slow: Callable[[str, str], str]) -> str | None:
    """The result from the C scan (``speedups``): ``slow(text, style)`` when it finds clean-up
    work, else ``text`` with the words it names re-spelled; None when the C code is not built
    or leaves the text to Python (a character whose NFC quick check is not "yes")."""
    if _c_scan is None:
        return None
    spans = _c_scan(text, style == "new")
    if spans is None:
        return slow(text, style)
    if spans is False:
        return None
    return respell_words(text, spans, style) if isinstance(spans, list) and spans else text


#: One scan for tone candidates and for every other kind of work (see ``hits_pattern``).
_SCAN = {
    style: re.compile(
        hits_pattern(style, work_anchors=WORK_ANCHORS, work_branches=WORK_BRANCHES), re.DOTALL
    )
    for style in STYLES
}


def _normalize_nfc(text: str, style: str, slow: Callable[[str, str], str]) -> str:
    """Fast path for NFC text: ``slow(text, style)`` unless tone placement is the only work.

    With no invisibles or look-alikes, no line break with a space before or after it or
    three in a row, no space before a closing mark or after an opening one, no double
    space and no space at either end, the clean-up steps are no-ops; then only words near
    a tone-candidate hit are rebuilt.  Text with Ð/ð takes the slow path (rare).  With the C
    code built this regex scan only runs for text the C scan leaves to Python (``_by_c``).
    """
    if "  " in text or text[0].isspace() or text[-1].isspace() or "Ð" in text or "ð" in text:
        return slow(text, style)
    hits: list[int] = []
    for m in _SCAN[style].finditer(text):
        q = m.start()
        if text[q] not in HIT_ANCHORS and m.group("tone") is None:
            return slow(text, style)  # spacing or invisible-character work
        hits.append(q)
    if ends_open_toned(text):
        hits.append(len(text) - 1)
    return restyle_at(text, style, hits) if hits else text


def _normalize_steps(text: str, style: str) -> str:
    """Every step in order: the reference the fast path must agree with, byte for byte."""
    if RARE.search(text) is not None:
        text = clean_invisibles(text)
        text = fold_confusables(unicodedata.normalize("NFC", text))
    elif not text.isascii():
        text = unicodedata.normalize("NFC", text)  # a no-op scan when already NFC
    return _after_nfc(text, style)


def _after_nfc(text: str, style: str) -> str:
    """The steps after Unicode clean-up: whitespace, punctuation spacing, tone style."""
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
