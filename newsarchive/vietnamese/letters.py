"""The Vietnamese alphabet as data: the 134 non-ASCII letters, tone marks and vowel shapes.

Every legacy table (TCVN3, VNI, Windows-1258) lists the letters in the same order
(Unikey's VnConv order), so the tables in ``legacy.py`` are byte strings aligned with
``LETTERS`` below instead of hand-written dictionaries.
"""

from __future__ import annotations

import unicodedata

#: Combining tone marks: sắc, huyền, hỏi, ngã, nặng (Unikey's table order is none, these five).
SAC, HUYEN, HOI, NGA, NANG = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
TONE_MARKS = (SAC, HUYEN, HOI, NGA, NANG)
TONE_SET = frozenset(TONE_MARKS)

#: Combining vowel-shape marks and the bases that may carry them in Vietnamese.
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
SHAPE_BASES = {CIRCUMFLEX: "aeoAEO", BREVE: "aA", HORN: "ouOU"}

#: Vowel families in table order; each family is (base, shaped?).  "đ" sits between ă and e.
_FAMILIES = ("a", "â", "ă", "đ", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")


def _build_letters() -> str:
    """Upper then lower case for each letter; bare shaped vowels before their toned forms."""
    out: list[str] = []
    for fam in _FAMILIES:
        if fam == "đ":
            out += ["Đ", "đ"]
            continue
        if fam not in "aeiouy":  # shaped vowel: the bare form is itself a non-ASCII letter
            out += [fam.upper(), fam]
        for mark in TONE_MARKS:
            low = unicodedata.normalize("NFC", fam + mark)
            out += [low.upper(), low]
    return "".join(out)


#: The 134 non-ASCII Vietnamese letters (NFC), Unikey table order.
LETTERS: str = _build_letters()
assert len(LETTERS) == 134

#: Lower-case vowels without tone, plain and shaped.
PLAIN_VOWELS = "aeiouy"
SHAPED_VOWELS = "ăâêôơư"


def _toned(vowels: str) -> str:
    return "".join(unicodedata.normalize("NFC", v + t) for v in vowels for t in TONE_MARKS)


#: Toned vowels (lower + upper), used to build the fast candidate regexes.
TONED_PLAIN = _toned(PLAIN_VOWELS) + _toned(PLAIN_VOWELS).upper()
TONED_SHAPED = _toned(SHAPED_VOWELS) + _toned(SHAPED_VOWELS).upper()
UNTONED_PLAIN = PLAIN_VOWELS + PLAIN_VOWELS.upper()
UNTONED_SHAPED = SHAPED_VOWELS + SHAPED_VOWELS.upper()

#: Every Vietnamese letter, ASCII included (no f, j, w, z: not in the native alphabet).
ALL_LETTERS = LETTERS + "abcdeghiklmnopqrstuvxyABCDEGHIKLMNOPQRSTUVXY"

#: A character of a word, as a regex: a letter (as ``re`` counts them) or a combining mark.
WORD_CHAR = r"(?:[^\W\d_]|[\u0300-\u036f])"
