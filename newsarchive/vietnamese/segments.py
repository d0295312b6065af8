"""Reading one text segment: which legacy encoding (if any) makes it Vietnamese?

Each reader (TCVN3, VNI, Windows-1258, UTF-8 mojibake, VIQR) is tried only when cheap regex
signs suggest it, and scored by how many words become valid Vietnamese syllables.  A reading
wins outright only on strong evidence, so English symbols (© is TCVN3 â) are never "repaired".
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .legacy import (
    TCVN3_CHARS,
    VIEW_CHARS,
    decode_cp1258,
    decode_tcvn3,
    decode_utf8_mojibake,
    decode_viqr,
    decode_vni,
)
from .tone import is_syllable

_TOKEN = re.compile(r"\S+")
_STRIP = "\"'.,;:!?()[]{}“”‘’«»…–—-/*#%+=<>|"
_TCVN3_SIGNS = re.compile("[µ¸¶·¹®©ª«¬§¨\xad]")
_VNI_SIGNS = re.compile("[aeiouyAEIOUY][ùøûõïÙØÛÕÏ]|[aeoAEO][âáàåãäÂÁÀÅÃÄ]|ö[ôù]|ñ[aeiouy]")
_CP1258_SIGNS = re.compile("[aeiouyâêôAEIOUYÂÊÔõýÕÝãÃ][ìÌÒÞò]|[ðÐ][aeiouyâêô]")
# TCVN3 letter bytes that Unicode Vietnamese never uses (it does use à á â ã è é ê ì í ò ó ô …).
_UNICODE_VI_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_TCVN3_ANY = re.compile("[" + re.escape("".join(sorted(TCVN3_CHARS - _UNICODE_VI_LATIN1))) + "]")
_MOJIBAKE_SIGNS = re.compile("[ÃÄÆá][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|á[»º]")


# VIQR: vowel + shape mark (^ ( +), or dd/DD + vowel; plain tone marks alone are too common.
_VIQR_SIGNS = re.compile(r"[aeoAEO]\^|[aA]\(|[ouOU]\+|(?:dd|DD)[aeiouy]")


def _maybe_viqr(text: str) -> bool:
    """Only ASCII text with at least three unmistakable VIQR marks is worth a VIQR reading."""
    return text.isascii() and len(_VIQR_SIGNS.findall(text)) >= 3


def vietnamese_score(text: str) -> int:
    """Non-ASCII words that are Vietnamese syllables, minus non-ASCII words that are not.

    Tokens without a letter (©, ×, ·) count for nothing either way.
    """
    score = 0
    for m in _TOKEN.finditer(text):
        tok = m.group().strip(_STRIP)
        if not tok or tok.isascii():
            continue
        if is_syllable(tok):
            score += 1
        elif any(c.isalpha() for c in tok):
            score -= 1
    return score


def _evidence(text: str) -> int:
    """Vietnamese syllables that mix ASCII letters with marked ones ("Hà", "Nội", not "â")."""
    n = 0
    for m in _TOKEN.finditer(text):
        tok = m.group().strip(_STRIP)
        if tok and not tok.isascii() and any(c.isascii() and c.isalpha() for c in tok):
            n += is_syllable(tok)
    return n


def _unescape_view_entities(text: str) -> str:
    """``&micro;``/``&#181;``/``&shy;`` -> the character, when it is a legacy-font byte."""
    if "&" not in text:
        return text

    def sub(m: re.Match[str]) -> str:
        ch = html.unescape(m.group())
        return ch if len(ch) == 1 and ch in VIEW_CHARS and ch > "\xa0" else m.group()

    return _ENTITY.sub(sub, text)


_ENTITY = re.compile(r"&(?:#\d{2,4}|#[xX][0-9a-fA-F]{2,4}|[A-Za-z]{2,8});")

Reader = Callable[[str], "str | None"]


def _read_tcvn3(s: str) -> str | None:
    return decode_tcvn3(s) if _in_view(s) else None


def _read_tcvn3_upper(s: str) -> str | None:
    return decode_tcvn3(s, upper=True) if _in_view(s) else None


def _read_vni(s: str) -> str | None:
    return decode_vni(s) if _in_view(s) else None


def _in_view(s: str) -> bool:
    return all(ch in VIEW_CHARS for ch in s)


READERS: dict[str, Reader] = {
    "tcvn3": _read_tcvn3,
    "tcvn3-upper": _read_tcvn3_upper,
    "vni": _read_vni,
    "cp1258": decode_cp1258,
    "utf8-mojibake": decode_utf8_mojibake,
    "viqr": decode_viqr,
}


def _suspects(s: str) -> list[str]:
    """Readers worth trying on ``s`` (cheap regex signs first, so clean text costs little)."""
    out = []
    if _TCVN3_SIGNS.search(s) or _TCVN3_ANY.search(s):
        out.append("tcvn3")
    if _VNI_SIGNS.search(s):
        out.append("vni")
    if _CP1258_SIGNS.search(s):
        out.append("cp1258")
    if _MOJIBAKE_SIGNS.search(s) or "Ä" in s:
        out.append("utf8-mojibake")
    if _maybe_viqr(s):
        out.append("viqr")
    return out


@dataclass
class Reading:
    """How one text segment is best read: the text, the reader used (None: as it was), and
    whether the evidence was strong enough on its own, plus the other readings that beat the
    current one by a little (for the page-level consensus)."""

    text: str
    reader: str | None = None
    confident: bool = False
    weak: dict[str, str] = field(default_factory=dict)


def read_segment(text: str, *, hint: str | None = None, base: str | None = None) -> Reading:
    """The best reading of one segment: its font ``hint`` if any, else the best-scoring reader.

    ``base`` is how the page as a whole was read ("cp1258" for a Windows-1258 page seen
    through cp1252); it is the reading to beat.  A reader wins outright only when it gains at
    least two syllables that mix ASCII and marked letters, so "© 2019" never becomes "â 2019".
    """
    if text.isascii() and "&" not in text and not _maybe_viqr(text):
        return Reading(text)
    if hint in ("tcvn3", "tcvn3-upper", "vni"):  # "unicode" (a named modern font): statistics
        view = _unescape_view_entities(text)
        if not _in_view(view):
            return Reading(text)  # Unicode text under a leftover legacy font-family
        decoded = READERS[hint](view)
        if decoded is None or decoded == text:
            return Reading(text)
        return Reading(decoded, hint.removesuffix("-upper"), confident=True)
    current = text
    if base == "cp1258":
        current = decode_cp1258(text) or text
    if current.isascii() and not _maybe_viqr(current):
        return Reading(current)
    view = _unescape_view_entities(text)
    names = _suspects(view)
    if not names:
        return Reading(current)
    now_score, now_evidence = vietnamese_score(current), _evidence(current)
    best = Reading(current)
    best_score = now_score
    ntok = len(_TOKEN.findall(view))
    for name in names:
        out = READERS[name](view)
        if out is None or out == current:
            continue
        score = vietnamese_score(out)
        gain = score - now_score
        if gain <= 0:
            continue
        strong = gain >= max(2, ntok // 10) and _evidence(out) - now_evidence >= 2
        if strong and score > best_score:
            best = Reading(out, name, confident=True, weak=best.weak)
            best_score = score
        else:
            best.weak[name] = out
    return best


def repair_segment(text: str, *, hint: str | None = None, base: str | None = None) -> str:
    """One text segment on its own (no page context): its confident reading, else unchanged.

    For text from elsewhere than an HTML page (a feed, a database column of old mojibake).
    """
    return read_segment(text, hint=hint, base=base).text
