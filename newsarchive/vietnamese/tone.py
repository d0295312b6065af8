"""Tone-mark placement: rewrite every Vietnamese syllable to one style (../shared/vi/tone_rules.md).

The default is the **old style** (hòa, khỏe, thủy): it is what most of the Vietnamese press and
schoolbooks print (tone_rules.md §5 found it on nhandan, vov, thanhnien, laodong and most
provincial papers), so stored text looks like the pages readers know.  The new style (hoà,
thuỷ) is one setting away, and the search index stores both spellings anyway.

Only syllables that parse as Vietnamese (onset + vowel cluster + coda, Vietnamese letters only)
are touched: acronyms, English words and minority-language letters (ŏ ĭ ƀ č ñ) stay as written.
Clean text is handled by one regex scan: only words that *could* be misplaced are parsed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .letters import (
    ALL_LETTERS,
    BREVE,
    CIRCUMFLEX,
    HORN,
    SHAPE_BASES,
    TONE_SET,
    TONED_PLAIN,
    TONED_SHAPED,
    UNTONED_PLAIN,
    UNTONED_SHAPED,
    WORD_CHAR,
)
from .speedups import scan as _c_scan

STYLES = ("old", "new")

_ONSETS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)  # fmt: skip
_CODAS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
_NUCLEI = frozenset(
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
    "iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu".split()
)
_SHAPED = frozenset("ăâêôơư")
_SHAPE_OF = {CIRCUMFLEX, BREVE, HORN}
_LOWER_BASES = frozenset("abcdeghiklmnopqrstuvxyđ")

_V = UNTONED_PLAIN + UNTONED_SHAPED
_TP, _TS, _P, _S = TONED_PLAIN, TONED_SHAPED, UNTONED_PLAIN, UNTONED_SHAPED
_L = WORD_CHAR
_V_CLASS = f"[{_V}]"

# Where a tone can be misplaced (a superset: the syllable parser has the last word).
# Every match starts at a toned vowel (or Ð/ð), so the scan skips everything else, and the
# common case (a toned vowel between consonants) is rejected after two cheap checks.
_NEXT_IS_VOWEL = (
    rf"[{_S}]"  # tone before a shaped vowel: hụê, ngừơi, nghịêm
    rf"|(?<=[{_TP}])(?:[{_P}][{_V}cmnptCMNPT]"  # first of 3 vowels, or of 2 before a coda: hòang
    rf"|(?<=[gG][ìíỉĩịÌÍỈĨỊ])[{_V}]|(?<=[qQ][ùúủũụÙÚỦŨỤ])[{_V}]"  # gìa, qúy
    "{new})"
)
_PREV_IS_VOWEL = (
    rf"(?<=[{_V}][{_TP}])(?:(?<=[{_S}].)"  # plain vowel after a shaped one: cưả
    rf"|(?<![qQ][uU].)(?<![gG][iI].)(?!{_L}))"  # open syllable, tone on the 2nd: hoà, baỏ, đaị
)
_PATTERN = rf"[{_TP}{_TS}](?:(?={_V_CLASS})(?:{_NEXT_IS_VOWEL})|{_PREV_IS_VOWEL})|[Ðð]"
# New style also moves the open oa/oe/uy tone off the first vowel: hòa -> hoà.
_NEW_ONLY = rf"|(?<=[òóỏõọÒÓỎÕỌ])[aeAE](?!{_L})|(?<=[ùúủũụÙÚỦŨỤ])[yY](?!{_L})"
_CANDIDATE = {
    "old": re.compile(_PATTERN.replace("{new}", "")),
    "new": re.compile(_PATTERN.replace("{new}", _NEW_ONLY)),
}

_WORD_TAIL = re.compile(rf"{_L}*")

_GQ_TONED = "ìíỉĩịÌÍỈĨỊùúủũụÙÚỦŨỤ"  # the toned i/u that gi-/qu- may wrongly carry: gìa, qúy
_NEW_AFTER_P = rf"|(?<=[òóỏõọÒÓỎÕỌ][aeAE])(?!{_L})|(?<=[ùúủũụÙÚỦŨỤ][yY])(?!{_L})"
#: Not an ASCII or Vietnamese letter (so also every character that is not a letter at all).
_NOT_VI_LETTER = "[^" + "".join(sorted(set(ALL_LETTERS + "fjwzFJWZ"))) + "]"
_TP_SET = frozenset(_TP)
#: What a hit without Ð/ð sits on.
HIT_ANCHORS = frozenset(_TP + _S)
_CAND_FIRST = frozenset(_TP + _TS + "Ðð")
_V_SET = frozenset(_V)


def hits_pattern(
    style: str, *, eth: bool = False, work_anchors: str = "", work_branches: str = ""
) -> str:
    """Where ``_CANDIDATE`` matches may start, as a regex source (see ``candidate_hits``).

    ``_CANDIDATE`` starts with an alternation, so ``re`` cannot skip ahead and tries it at
    every position.  This pattern starts with one character class (toned plain vowels and
    untoned shaped ones: far fewer than all toned vowels), so the engine scans in C until it
    meets one; the branches after it check the next character first, so most anchors fail
    without a lookaround.  Every ``_CANDIDATE`` match starts within one character of a hit,
    except one whose toned vowel ends the text (``candidate_hits`` adds that one) and ones
    inside a word a hit before them already covers.  ``eth`` adds Ð/ð (a rare, slower scan).

    ``work_anchors`` (a character-class body) and ``work_branches`` fold another scan into
    this one (``normalize_text`` looks for spacing and invisible-character work too): the
    tone branches never consume those anchors, and a toned vowel that ends a word right
    before one is reported on the anchor instead, with the empty group ``tone`` set.
    Compile with ``re.DOTALL``.
    """
    new = _NEW_AFTER_P if style == "new" else ""
    not_letter = _NOT_VI_LETTER[:-1] + work_anchors + "]"
    word_end = rf"(?<=[{_V}][{_TP}].)(?<![qQ][uU]..)(?<![gG][iI]..)"
    alts = [
        rf"[{_S}](?<=[{_TP}].)",  # toned plain + shaped (gi/qu + shaped too): hụê, gịê
        rf"[{_P}](?:[{_V}cmnptCMNPT](?<=[{_TP}]..)|(?<=[gGqQ][{_GQ_TONED}].){new})",  # hòang, qúy
        # open syllable with the tone on its second vowel (hoà, cuả), not after qu-/gi-
        not_letter + word_end,
        rf"[{_TP}](?<=[{_S}].)",  # toned plain after a shaped vowel: cưả
        rf"(?<=[{_TP}{_TS}][{_S}])",  # any toned vowel before a shaped one: ngừơi
    ]
    if eth:
        alts.append("(?<=[Ðð])")
    if work_anchors:
        # group "tone": the anchor only ends a toned word; its own branches found no work
        alts.append(rf"(?<=[{work_anchors}])(?:{work_branches}|(?P<tone>){word_end})")
    return rf"[{_TP}{_S}{'Ðð' if eth else ''}{work_anchors}](?:{'|'.join(alts)})"


#: DOTALL: a "." in a lookbehind stands for a character already consumed, a line break too.
_HITS = {
    (style, eth): re.compile(hits_pattern(style, eth=eth), re.DOTALL)
    for style in STYLES
    for eth in (False, True)
}


def candidate_hits(text: str, style: str) -> list[int]:
    """Positions in NFC ``text`` next to which every tone-candidate match starts, in order.

    Empty for text that needs no restyling; a superset otherwise (``restyle_at`` decides).
    """
    eth = "Ð" in text or "ð" in text
    hits = [m.start() for m in _HITS[style, eth].finditer(text)]
    if ends_open_toned(text):
        hits.append(len(text) - 1)
    return hits


def ends_open_toned(text: str) -> bool:
    """A toned vowel after a vowel ends the text: the hit the word-end branch cannot see."""
    return len(text) >= 2 and text[-1] in _TP_SET and text[-2] in _V_SET


def check_style(style: str) -> str:
    """Validate a style name early, with a message that lists the choices."""
    if style not in STYLES:
        raise ValueError(f"tone style must be 'old' or 'new', not {style!r}")
    return style


def _is_word_char(ch: str) -> bool:
    return ch.isalpha() or "\u0300" <= ch <= "\u036f"


def _parse(word: str) -> tuple[list[str], list[str], str, str] | None:
    """Split a word into base letters, shape marks and its tone; None if not Vietnamese letters.

    Maps the ETH look-alike Ð/ð to Đ/đ on the way.
    """
    bases: list[str] = []  # base letter per position, case kept
    shapes: list[str] = []  # vowel-shape mark per position ("" if none)
    tone = ""
    for ch in unicodedata.normalize("NFD", word):
        if ch in TONE_SET:
            if tone or not bases or bases[-1] not in "aeiouyAEIOUY":
                return None  # two tones, or a tone on a consonant (ñ, ǹ): not Vietnamese
            tone = ch
        elif ch in _SHAPE_OF:
            if not bases or shapes[-1] or bases[-1] not in SHAPE_BASES[ch]:
                return None  # e.g. ŏ ĭ (breve on o/i) in Êđê text
            shapes[-1] = ch
        else:
            if ch in "Ðð":
                ch = "Đ" if ch == "Ð" else "đ"
            if ch.lower() not in _LOWER_BASES:
                return None
            bases.append(ch)
            shapes.append("")
    lower = unicodedata.normalize("NFC", "".join(b + s for b, s in zip(bases, shapes, strict=True)))
    lower = lower.lower()
    if len(lower) != len(bases):
        return None
    return bases, shapes, tone, lower


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True when ``word`` spells one Vietnamese syllable (any case, any tone placement)."""
    parsed = _parse(word)
    return parsed is not None and _tone_position(parsed[3], False) is not None


@lru_cache(maxsize=65536)
def restyle_word(word: str, style: str) -> str:
    """One word in the given style, or the word unchanged when it is not a Vietnamese syllable.

    Also maps the ETH look-alike Ð/ð to Đ/đ when the result is a Vietnamese syllable.
    """
    parsed = _parse(word)
    if parsed is None:
        return word
    bases, shapes, tone, lower = parsed
    pos = _tone_position(lower, style == "new")
    if pos is None:
        return word
    out = []
    for i, (b, s) in enumerate(zip(bases, shapes, strict=True)):
        out.append(b + s + (tone if i == pos else ""))
    return unicodedata.normalize("NFC", "".join(out))


def _tone_position(syl: str, new: bool) -> int | None:
    """Index (in ``syl``) of the letter that carries the tone, or None if not a syllable."""
    onset = ""
    for o in _ONSETS:
        if syl.startswith(o):
            onset = o
            break
    rest = syl[len(onset) :]
    n = 0
    while n < len(rest) and rest[n] in "aeiouyăâêôơư":
        n += 1
    if n == 0:
        if onset == "gi":  # gì, gìn: g + vowel i
            onset, rest, n = "g", syl[1:], 1
        else:
            return None
    nucleus, coda = rest[:n], rest[n:]
    if nucleus not in _NUCLEI or coda not in _CODAS:
        return None
    if onset == "qu" and nucleus[0] == "u":
        return None  # "quu" is not Vietnamese
    shaped = [i for i, ch in enumerate(nucleus) if ch in _SHAPED]
    if shaped:
        pos = shaped[-1]  # ươ takes it on ơ
    elif len(nucleus) == 1:
        pos = 0
    elif len(nucleus) == 3:
        pos = 1
    elif coda:
        pos = 1
    elif nucleus in ("oa", "oe", "uy"):
        pos = 1 if new else 0
    else:
        pos = 0
    return len(onset) + pos


def to_style(text: str, style: str) -> str:
    """Tone placement only: every Vietnamese syllable in ``style`` ("old" hòa/thủy, "new" hoà/thuỷ).

    Also repairs misplaced marks (qúy -> quý, ngừơi -> người) and Ð/ð look-alikes in
    Vietnamese words.  Output is NFC.
    """
    check_style(style)
    if text.isascii():
        return text
    if _c_scan is not None:  # one C pass names the words to re-spell (and proves NFC)
        spans = _c_scan(text, style == "new", True)
        if spans is not False:
            return respell_words(text, spans, style) if isinstance(spans, list) and spans else text
    return restyle_nfc(unicodedata.normalize("NFC", text), style)


def respell_words(text: str, spans: list[int], style: str) -> str:
    """``text`` with each word ``text[spans[2i]:spans[2i+1]]`` put through ``restyle_word``."""
    pieces: list[str] = []
    last = 0
    for i in range(0, len(spans), 2):
        start, end = spans[i], spans[i + 1]
        pieces.append(text[last:start])
        pieces.append(restyle_word(text[start:end], style))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def restyle_nfc(text: str, style: str) -> str:
    """``to_style`` for text already in NFC (``normalize_text`` calls this directly)."""
    hits = candidate_hits(text, style)
    return restyle_at(text, style, hits) if hits else text


def restyle_at(text: str, style: str, hits: list[int]) -> str:
    """Restyle the words around the candidate matches, given ``candidate_hits(text, style)``.

    The candidate regex is only tried within one character of a hit, in the order a
    left-to-right search would meet the matches, so the result is the same as that search's.
    """
    match = _CANDIDATE[style].match
    tail_match = _WORD_TAIL.match
    first = _CAND_FIRST
    pieces: list[str] = []
    last = 0
    n = len(text)
    for q in hits:
        for s in (q - 1, q, q + 1):
            if s < last or s >= n or text[s] not in first:
                continue  # a candidate match starts on a toned vowel or Ð/ð
            m = match(text, s)
            if m is None:
                continue
            start = m_start = m.start()
            while start > last:  # back to the start of the word (as _is_word_char says)
                ch = text[start - 1]
                if not (ch.isalpha() or "\u0300" <= ch <= "\u036f"):
                    break
                start -= 1
            tail = tail_match(text, m_start)
            end = max(tail.end() if tail else m.end(), m.end())
            pieces.append(text[last:start])
            pieces.append(restyle_word(text[start:end], style))
            last = end
            break
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)
