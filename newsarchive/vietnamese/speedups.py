"""The optional C code behind the fast paths of ``normalize_text``, ``to_style`` and ``fold``.

``_speedups.c`` is built at install time when a C compiler is present; without one the
pure-Python path gives the same text, only slower (``AVAILABLE`` says which runs).  The C side
holds no alphabet of its own: the tables are built here from ``letters`` and
``unicode_clean``, so each set of characters is still defined in one place.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from array import array
from typing import TYPE_CHECKING

from .letters import ALL_LETTERS, TONE_MARKS, WORD_CHAR
from .unicode_clean import CLOSING_MARKS, OPENING_MARKS, RARE_CHARS

if TYPE_CHECKING:
    from collections.abc import Callable

# Bits of the per-character flag table (must match _speedups.c).
F_WORD, F_RARE, F_CLOSE, F_OPEN, F_SPACE, F_JUDGE, F_VOWEL, F_NFC = 1, 2, 4, 8, 16, 32, 64, 128
_VOWELS = frozenset("aeiouyăâêôơư")


def _canonical_decompositions(bmp: str) -> dict[int, list[str]]:
    """Code point -> canonical decomposition (hex parts), for each BMP character with one."""
    out = {}
    for cp, ch in enumerate(bmp):
        d = unicodedata.decomposition(ch)
        if d and not d.startswith("<"):
            out[cp] = d.split()
    return out


def _nfc_suspects(bmp: str, canon: dict[int, list[str]]) -> set[int]:
    """BMP code points whose NFC quick check is not "yes" (UAX #15), plus a safety margin.

    A string with none of them is NFC, so the C scan can skip ``unicodedata.normalize``:
    combining marks (any non-zero class), characters NFC replaces (singletons, exclusions:
    only characters with a canonical decomposition can be), characters that are the second
    half of a canonical pair (they may compose with the one before), and Hangul vowel and final
    jamo (composed by the Hangul algorithm, not the table).
    """
    suspects = {int(parts[1], 16) for parts in canon.values() if len(parts) == 2}
    suspects.update(cp for cp in canon if unicodedata.normalize("NFC", bmp[cp]) != bmp[cp])
    suspects.update(cp for cp, ch in enumerate(bmp) if unicodedata.combining(ch))
    suspects.update(range(0x1161, 0x11C3))
    suspects.update(range(0xD800, 0xE000))
    return suspects


def _fold_map(canon: dict[int, list[str]], suspects: set[int]) -> bytes:
    """What ``fold`` makes of each BMP character alone (UCS-2), 0 where C must ask Python.

    Only characters that fold to one character, where neither it nor its folded form can
    combine with a neighbour under NFC, are mapped: then folding character by character is
    folding the string.  Characters without a canonical decomposition fold to themselves.
    """
    from .fold import fold  # imported here: the fast path is handed to fold.py below

    table = array("H", range(65536))
    for cp in [*canon, *map(ord, "đĐðÐƀɃ")]:
        out = fold(chr(cp))
        ok = len(out) == 1 and ord(out) < 0x10000 and ord(out) not in suspects
        table[cp] = ord(out) if ok else 0
    for cp in suspects:
        table[cp] = 0
    table[0] = 0  # 0 is the "ask Python" mark; NUL in text is rare enough to take that path
    return table.tobytes()


def _tables() -> tuple[bytes, bytes, bytes, bytes]:
    """Flags, untoned lower-case letter (UCS-2), tone number and folded form per BMP code point."""
    flags = bytearray(65536)
    untoned = array("H", bytes(2 * 65536))
    tones = bytearray(65536)
    bmp = "".join(map(chr, range(65536)))
    # A word character is what tone.py's regexes call one (``_L``); \s is str.isspace.
    for m in re.finditer(WORD_CHAR, bmp):
        flags[m.start()] |= F_WORD
    for m in re.finditer(r"\s", bmp):
        flags[m.start()] |= F_SPACE
    canon = _canonical_decompositions(bmp)
    suspects = _nfc_suspects(bmp, canon)
    for cp in suspects:
        flags[cp] |= F_NFC
    for ch in RARE_CHARS:
        flags[ord(ch)] |= F_RARE
    for ch in CLOSING_MARKS:
        flags[ord(ch)] |= F_CLOSE
    for ch in OPENING_MARKS:
        flags[ord(ch)] |= F_OPEN
    for cp in [*range(0x300, 0x370), ord("Ð"), ord("ð")]:
        flags[cp] |= F_JUDGE
    for ch in ALL_LETTERS:
        nfd = unicodedata.normalize("NFD", ch)
        tone = next((i + 1 for i, m in enumerate(TONE_MARKS) if m in nfd), 0)
        bare = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONE_MARKS)).lower()
        untoned[ord(ch)] = ord(bare)
        tones[ord(ch)] = tone
        if bare in _VOWELS:
            flags[ord(ch)] |= F_VOWEL
    return bytes(flags), untoned.tobytes(), bytes(tones), _fold_map(canon, suspects)


scan: Callable[..., list[int] | bool | None] | None
fold: Callable[[str], str | None] | None
try:
    if os.environ.get("NEWSARCHIVE_PURE_PYTHON"):  # to compare, or to rule the C code out
        raise ImportError("NEWSARCHIVE_PURE_PYTHON is set")
    from . import _speedups
except (ImportError, OSError, TypeError):
    # No compiler at install time, or a zipped egg (Scrapyd) whose loader stub cannot unpack
    # the binary: the pure-Python path runs, same text.
    scan = fold = None
else:
    _speedups.configure(*_tables())
    scan = _speedups.scan
    fold = _speedups.fold
    # fold.py reads its fast path from here (the package rebinds the name ``fold`` to the
    # function, so the module is taken from sys.modules)
    setattr(sys.modules[__package__ + ".fold"], "_c_fold", fold)  # noqa: B010

#: True when the C code was built and is in use (not with NEWSARCHIVE_PURE_PYTHON set).
AVAILABLE = scan is not None
