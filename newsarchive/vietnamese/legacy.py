"""Legacy Vietnamese encodings: TCVN3 (ABC, .VnTime), VNI-Windows, Windows-1258 and VIQR.

Tables follow Unikey's VnConv order (``letters.LETTERS``), so each is one aligned string.
Decoders work on the *cp1252 view* of the bytes (what a browser shows when it reads them as
Windows-1252), because that is how legacy text reaches us: as raw bytes, or as mojibake that
was stored as Unicode ("Hµ Néi", "Haø Noäi").  ``encode_legacy`` builds the bytes for tests
and for the offline mirror.
"""

from __future__ import annotations

import re
import unicodedata

from .letters import LETTERS, TONE_MARKS
from .tone import is_syllable

ENCODINGS = ("tcvn3", "vni", "cp1258")

# TCVN3: one byte per letter; upper-case toned letters share the lower-case byte (no code point
# of their own in the ABC "VN3" set; a ".VnXxxH" font draws them upper-case), as Unikey does.
_TCVN3_HEX = (
    "B8B8B5B5B6B6B7B7B9B9A2A9CACAC7C7C8C8C9C9CBCBA1A8BEBEBBBBBCBCBDBDC6C6A7AED0D0CCCCCECECFCF"
    "D1D1A3AAD5D5D2D2D3D3D4D4D6D6DDDDD7D7D8D8DCDCDEDEE3E3DFDFE1E1E2E2E4E4A4ABE8E8E5E5E6E6E7E7"
    "E9E9A5ACEDEDEAEAEBEBECECEEEEF3F3EFEFF1F1F2F2F4F4A6ADF8F8F5F5F6F6F7F7F9F9FDFDFAFAFBFBFCFC"
    "FEFE"
)
# VNI-Windows: base letter then a mark byte, or one byte (i family, ỵ, đ, bare ơ/ư).
_VNI_HEX = (
    "41D9 61F9 41D8 61F8 41DB 61FB 41D5 61F5 41CF 61EF 41C2 61E2 41C1 61E1 41C0 61E0 41C5 61E5 "
    "41C3 61E3 41C4 61E4 41CA 61EA 41C9 61E9 41C8 61E8 41DA 61FA 41DC 61FC 41CB 61EB D1 F1 45D9 "
    "65F9 45D8 65F8 45DB 65FB 45D5 65F5 45CF 65EF 45C2 65E2 45C1 65E1 45C0 65E0 45C5 65E5 45C3 "
    "65E3 45C4 65E4 CD ED CC EC C6 E6 D3 F3 D2 F2 4FD9 6FF9 4FD8 6FF8 4FDB 6FFB 4FD5 6FF5 4FCF "
    "6FEF 4FC2 6FE2 4FC1 6FE1 4FC0 6FE0 4FC5 6FE5 4FC3 6FE3 4FC4 6FE4 D4 F4 D4D9 F4F9 D4D8 F4F8 "
    "D4DB F4FB D4D5 F4F5 D4CF F4EF 55D9 75F9 55D8 75F8 55DB 75FB 55D5 75F5 55CF 75EF D6 F6 D6D9 "
    "F6F9 D6D8 F6F8 D6DB F6FB D6D5 F6F5 D6CF F6EF 59D9 79F9 59D8 79F8 59DB 79FB 59D5 79F5 CE EE"
)
# Windows-1258: base (with its shape: Â=C2 Ă=C3 Ê=CA Ô=D4 Ơ=D5 Ư=DD Đ=D0, lower case +0x20)
# followed by a combining tone byte, in the decomposed form Unikey's WinCP1258 table uses.
_CP1258_SHAPED = {"Â": 0xC2, "Ă": 0xC3, "Ê": 0xCA, "Ô": 0xD4, "Ơ": 0xD5, "Ư": 0xDD, "Đ": 0xD0}
_CP1258_TONE = dict(zip(TONE_MARKS, (0xEC, 0xCC, 0xD2, 0xDE, 0xF2), strict=True))


def _cp1258_bytes(letter: str) -> bytes:
    d = unicodedata.normalize("NFD", letter)
    tone = next((c for c in d if c in _CP1258_TONE), "")
    base = unicodedata.normalize("NFC", d.replace(tone, "") if tone else d)
    code = _CP1258_SHAPED.get(base.upper())
    out = bytes([code + (0x20 if base.islower() else 0)]) if code else base.encode("ascii")
    return out + (bytes([_CP1258_TONE[tone]]) if tone else b"")


_ENCODE: dict[str, dict[str, bytes]] = {
    "tcvn3": {ch: bytes.fromhex(_TCVN3_HEX[2 * i : 2 * i + 2]) for i, ch in enumerate(LETTERS)},
    "vni": dict(zip(LETTERS, (bytes.fromhex(h) for h in _VNI_HEX.split()), strict=True)),
    "cp1258": {ch: _cp1258_bytes(ch) for ch in LETTERS},
}


def _symbol_bytes(ch: str, encoding: str) -> bytes | None:
    """Bytes for a non-letter outside ASCII, or None when the encoding has no slot for it."""
    if encoding == "cp1258":
        try:
            return ch.encode("cp1258")
        except UnicodeEncodeError:
            return None
    # TCVN3 and VNI fonts keep Windows-1252's 0x80-0x9F punctuation (curly quotes, dashes, …);
    # the upper half belongs to letters and marks.
    try:
        b = ch.encode("cp1252")
    except UnicodeEncodeError:
        return None
    return b if b[0] < 0xA0 else None


def encode_legacy(text: str, encoding: str, *, errors: str = "xmlcharrefreplace") -> bytes:
    """Encode Unicode text as TCVN3, VNI-Windows or Windows-1258 bytes.

    Characters the encoding cannot hold become ``&#NNNN;`` (``errors="xmlcharrefreplace"``,
    handy for HTML pages), ``?`` (``"replace"``) or raise ``UnicodeEncodeError`` (``"strict"``).
    """
    if encoding not in _ENCODE:
        raise ValueError(f"encoding must be one of {', '.join(ENCODINGS)}, not {encoding!r}")
    table = _ENCODE[encoding]
    out = bytearray()
    for i, ch in enumerate(unicodedata.normalize("NFC", text)):
        if ch < "\x80":
            out.append(ord(ch))
            continue
        b = table.get(ch) or _symbol_bytes(ch, encoding)
        if b is not None:
            out += b
        elif errors == "xmlcharrefreplace":
            out += f"&#{ord(ch)};".encode("ascii")
        elif errors == "replace":
            out += b"?"
        else:
            raise UnicodeEncodeError(encoding, text, i, i + 1, "no slot in this encoding")
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# The cp1252 view: bytes <-> str, lossless (the five bytes cp1252 leaves undefined map to C1).

_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
_BYTE_TO_VIEW = "".join(
    chr(b) if b < 0x80 or b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252")
    for b in range(256)
)
_VIEW_TO_BYTE = {ch: b for b, ch in enumerate(_BYTE_TO_VIEW)}
#: Every character that can appear in a cp1252 view.
VIEW_CHARS = frozenset(_BYTE_TO_VIEW)


def bytes_to_view(raw: bytes) -> str:
    """Bytes as a browser shows them under Windows-1252 (undefined bytes kept as C1 controls)."""
    return raw.decode("latin-1").translate(_LATIN1_TO_VIEW)


_LATIN1_TO_VIEW = {b: ch for b, ch in enumerate(_BYTE_TO_VIEW) if chr(b) != ch}


def view_to_bytes(text: str) -> bytes | None:
    """Inverse of ``bytes_to_view``; None when the text holds a character outside the view."""
    try:
        return bytes(_VIEW_TO_BYTE[ch] for ch in text)
    except KeyError:
        return None


# ---------------------------------------------------------------------------------------------
# Decoders from the cp1252 view.

# TCVN3: lower-case (and the seven shaped capitals) per byte; see decode_tcvn3 for case.
_TCVN3_DECODE: dict[int, str] = {}
for _ch, _b in _ENCODE["tcvn3"].items():
    _TCVN3_DECODE.setdefault(ord(bytes_to_view(_b)), _ch.lower() if _b[0] >= 0xA8 else _ch)
#: Characters (cp1252 view) that TCVN3 uses for letters.
TCVN3_CHARS: frozenset[str] = frozenset(chr(k) for k in _TCVN3_DECODE)

_VNI_DECODE = {bytes_to_view(b): ch for ch, b in _ENCODE["vni"].items()}
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(_VNI_DECODE, key=len, reverse=True)))

_WORD = re.compile(r"[^\W\d_]+")


def _upper_word(word: str) -> bool | None:
    """True if the word's ASCII/capital letters say ALL CAPS, False if mixed, None if unsure."""
    cased = [c for c in word if c.isalpha() and c.lower() != c.upper() and c not in _TCVN3_LOWER]
    if len(cased) >= 2 and all(c.isupper() for c in cased):
        return True
    if any(c.islower() for c in cased):
        return False
    return None


_TCVN3_LOWER = frozenset(ch for ch in _TCVN3_DECODE.values() if ch.islower() and not ch.isascii())


def decode_tcvn3(view: str, *, upper: bool = False) -> str:
    """TCVN3 text (cp1252 view) to Unicode.

    Toned capitals have no bytes of their own, so a word is upper-cased when its other letters
    are all capitals (ĐIỆN, BÁO), or when ``upper`` says the font was a ".VnXxxH" face.
    """
    text = view.translate(_TCVN3_DECODE)
    if upper:
        return text.upper()
    if not any(c.isupper() for c in text):
        return text
    words = list(_WORD.finditer(text))
    verdicts = [_upper_word(m.group()) for m in words]
    out: list[str] = []
    last = 0
    for i, m in enumerate(words):
        v = verdicts[i]
        if v is None and any(c in _TCVN3_LOWER for c in m.group()):
            # "Hµ" alone cannot tell; follow an all-caps neighbour ("HÀ NỘI").
            before = i > 0 and verdicts[i - 1] is True
            v = before or (i + 1 < len(words) and verdicts[i + 1] is True)
        if v:
            out.append(text[last : m.start()])
            out.append(m.group().upper())
            last = m.end()
    out.append(text[last:])
    return "".join(out)


def decode_vni(view: str) -> str:
    """VNI-Windows text (cp1252 view) to Unicode; two-byte sequences win over one-byte ones."""
    return _VNI_RE.sub(lambda m: _VNI_DECODE[m.group()], view)


def decode_cp1258(view: str) -> str | None:
    """Windows-1258 text that was read as cp1252 ("Viêòt Nam") to NFC Unicode."""
    raw = view_to_bytes(view)
    if raw is None:
        return None
    return unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))


def decode_utf8_mojibake(text: str) -> str | None:
    """UTF-8 that was read as cp1252 or Latin-1 ("Äiá»‡n BiÃªn") back to Unicode, run by run.

    Only sequences that form valid UTF-8 are replaced, so text around them survives.  Bytes
    that cp1252 cannot show (0x90 in Đ, 0x9D in ờ) are often lost on the way; once the text has
    shown real mojibake, the usual victims are restored too (Ä -> Đ, "Ã " -> à, á» -> ọ/ờ/ề/ỏ).
    Returns None when nothing was repaired.
    """
    changed = False

    def fix(m: re.Match[str]) -> str:
        nonlocal changed
        raw = view_to_bytes(m.group())
        if raw is None:
            raw = m.group().encode("latin-1", errors="ignore")
        try:
            out = raw.decode("utf-8")
        except UnicodeDecodeError:
            return m.group()
        changed = True
        return out

    fixed = _MOJIBAKE_RUN.sub(fix, text)
    if not changed:
        return None
    fixed = _LOST_D.sub("Đ", fixed)
    fixed = _LOST_A_GRAVE.sub("à", fixed)
    if "á»" in fixed:
        fixed = _LOST_1EC.sub(_guess_lost_1ec, fixed)
    return unicodedata.normalize("NFC", fixed)


def _guess_lost_1ec(m: re.Match[str]) -> str:
    """á» + a lost byte is one of ề ọ ỏ Ố ờ: take the first that makes a Vietnamese syllable."""
    head, tail = m.group(1), m.group(2)
    for cand in "ọờềỏố":
        if is_syllable(head + cand + tail):
            return head + cand + tail
    return m.group()


# A UTF-8 lead byte (C2-F4) followed by continuation bytes (80-BF), as cp1252 or Latin-1 chars.
_CONT = "".join(
    sorted({_BYTE_TO_VIEW[b] for b in range(0x80, 0xC0)} | {chr(b) for b in range(0x80, 0xC0)})
)
_C = "[" + re.escape(_CONT) + "]"


def _leads(lo: int, hi: int) -> str:
    return "[" + re.escape("".join(_BYTE_TO_VIEW[b] for b in range(lo, hi + 1))) + "]"


_MOJIBAKE_RUN = re.compile(
    f"{_leads(0xC2, 0xDF)}{_C}|{_leads(0xE0, 0xEF)}{_C}{{2}}|{_leads(0xF0, 0xF4)}{_C}{{3}}"
)
_LOST_D = re.compile("Ä(?=[a-zA-Z])")
_LOST_A_GRAVE = re.compile("(?<=[^\\W\\d_])Ã ")
_LOST_1EC = re.compile("([^\\W\\d_]*)á»((?:[^\\W\\d_](?<![»º]))*)")


# ---------------------------------------------------------------------------------------------
# VIQR (RFC 1456): ASCII mnemonics, only for text that is dense with them.

_VIQR_SHAPE = {"^": "\u0302", "(": "\u0306", "+": "\u031b"}
_VIQR_TONE = {"'": "\u0301", "`": "\u0300", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_VIQR_RE = re.compile(
    r"\\(.)|(DD|dd|Dd)|([aAeEoOuUiIyY])([\^(+]?)(['`?~.]?)(?=([A-Za-z]?))"
)


def decode_viqr(text: str) -> str:
    """VIQR ("Vie^.t Nam", "ddu+o+.c") to Unicode.  Call it only on text known to be VIQR."""

    def sub(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            return m.group(1)
        if m.group(2):
            return "Đ" if m.group(2)[0] == "D" else "đ"
        base, shape, tone, nxt = m.group(3), m.group(4), m.group(5), m.group(6)
        if shape and not _valid_shape(base, shape):
            return base + shape + tone
        if tone in ".?" and not nxt and not shape and not _mid_word(m):
            return base + tone  # sentence punctuation, not nặng/hỏi (escape it to mean the mark)
        out = base + (_VIQR_SHAPE[shape] if shape else "") + (_VIQR_TONE[tone] if tone else "")
        return unicodedata.normalize("NFC", out)

    return _VIQR_RE.sub(sub, text)


def _valid_shape(base: str, shape: str) -> bool:
    return base.lower() in {"^": "aeo", "(": "a", "+": "ou"}[shape]


def _mid_word(m: re.Match[str]) -> bool:
    s = m.string
    return m.end() < len(s) and s[m.end()].isalpha()
