"""Unicode clean-up for scraped Vietnamese text: invisibles, look-alikes, whitespace, punctuation.

Each step starts with a cheap check (``str.isascii``, a precompiled character-class search,
``in``) so the common case, clean NFC text, costs a few C-level scans and no Python loops.
Nothing a reader sees is dropped: invisible characters go, visible ones are only swapped for
the letter they imitate.
"""

from __future__ import annotations

import re
import unicodedata

from .letters import ALL_LETTERS

# Invisible or format characters removed outright, and odd spaces/controls turned into a space.
_DELETE = (
    "\u00ad\u034f\u061c\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\ufeff"
)  # variation selectors stay (emoji, CJK); Hangul fillers are letters to Unicode, so they stay
_TO_SPACE = "\t\u00a0\u1680\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))
_TO_NEWLINE = "\r\u2028\u2029\x85\x0b\x0c"

_CLEAN_TABLE: dict[int, str | None] = {ord(c): None for c in _DELETE}
_CLEAN_TABLE.update({ord(c): " " for c in _TO_SPACE})
_CLEAN_TABLE.update({ord(c): "\n" for c in _TO_NEWLINE})
for _cp in [*range(0x00, 0x20), *range(0x7F, 0xA0)]:
    _ch = chr(_cp)
    if _ch == "\n" or _cp in _CLEAN_TABLE:
        continue
    # Control characters Python counts as whitespace (FS, GS, RS, US) separate words: keep a space.
    _CLEAN_TABLE[_cp] = " " if _ch.isspace() else None

_NEEDS_CLEAN = re.compile("[" + re.escape("".join(chr(c) for c in _CLEAN_TABLE)) + "]")

# Look-alike letters from other scripts, folded back only inside words that also hold
# Latin letters ("Ảɴʜ:" -> "Ảnh:"), so real Greek or Armenian words are left alone.
_CONFUSABLES = {
    # small capitals (IPA letters used as "fancy" text)
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ɢ": "g", "ʜ": "h", "ɪ": "i", "ᴊ": "j",
    "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ʀ": "r", "ꜱ": "s", "ᴛ": "t",
    "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ι": "i",
    # Cyrillic
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
    "і": "i",
    # Armenian
    "ո": "n", "ս": "u", "օ": "o", "հ": "h",
    # caron written for a breve (ǎ for ă)
    "ǎ": "ă", "Ǎ": "Ă",
}  # fmt: skip
#: Roman-numeral letters stand for Latin letters wherever they appear.
_NUMERAL_LETTERS = dict(zip("ⅠⅤⅩⅬⅭⅮⅯⅰⅴⅹⅼⅽⅾⅿ", "IVXLCDMivxlcdm", strict=True))
_CONFUSABLE_TABLE = {ord(k): v for k, v in _CONFUSABLES.items()}
_NUMERAL_TABLE = {ord(k): v for k, v in _NUMERAL_LETTERS.items()}
_HAS_CONFUSABLE = re.compile("[" + "".join(_CONFUSABLES) + "".join(_NUMERAL_LETTERS) + "]")
_WORD_AROUND = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_LATIN = frozenset(ALL_LETTERS + "fjwzFJWZ")

_SPACES = re.compile(r" *\n[ \n]*| {2,}")
_BAD_BREAK = re.compile(r"\n(?: |\n[ \n])")  # "\n " or three breaks: literal prefix, fast scan
# A literal-space prefix lets the regex engine skip ahead with a fast string search; the space
# goes when a closing mark follows it or an opening mark precedes it.
_SPACE_PUNCT = re.compile(r" (?:(?=[,.;:!?…%)\]}”’»])|(?<=[(\[{“‘«] ))")

#: The spaces ``_SPACE_PUNCT`` removes, found from the punctuation side (far rarer than spaces):
#: a closing mark with a space before it, or an opening mark with one after it (group 1).
_PUNCT_SPACE = re.compile(r"[,.;:!?…%)\]}”’»(\[{“‘«](?:(?<= [,.;:!?…%)\]}”’»])|(?<=[(\[{“‘«])( ))")

#: One scan for everything rare that needs a closer look (invisibles, controls, look-alikes).
RARE = re.compile(
    _NEEDS_CLEAN.pattern[:-1] + re.escape("".join(_CONFUSABLES) + "".join(_NUMERAL_LETTERS)) + "]"
)

#: No space before a closing mark, none after an opening one (``fix_punctuation_spacing``).
CLOSING_MARKS = ",.;:!?…%)]}”’»"
OPENING_MARKS = "([{“‘«"
#: Every character ``RARE`` finds: invisibles, odd spaces, controls, look-alike letters.
RARE_CHARS = frozenset([*map(chr, _CLEAN_TABLE), *_CONFUSABLES, *_NUMERAL_LETTERS])
_CLOSERS = re.escape(CLOSING_MARKS)
_OPENERS = re.escape(OPENING_MARKS)
#: Characters where every change but tone placement starts in NFC text: invisibles and
#: look-alikes (``RARE``), closing and opening marks, line breaks.
WORK_ANCHORS = RARE.pattern[1:-1] + _CLOSERS + _OPENERS + "\\n"
#: After one of those (consumed), what makes it work: a space after an opening mark or line
#: break, three breaks in a row (or two and a space), a space before a closing mark or a
#: break, or an invisible/look-alike itself.  Compile with DOTALL (a "." may be a break).
WORK_BRANCHES = (
    "[ ](?<=[" + _OPENERS + "\\n] )"
    "|\\n[ \\n](?<=\\n\\n.)"
    "|(?<= [" + _CLOSERS + "\\n])"
    "|(?<=" + RARE.pattern + ")"
)


_CLEAN_RUN = re.compile(_NEEDS_CLEAN.pattern + "+")


def _clean_run(m: re.Match[str]) -> str:
    return m.group().translate(_CLEAN_TABLE)


def clean_invisibles(text: str) -> str:
    """Drop invisible characters, turn odd spaces into spaces and line separators into \\n."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    if _NEEDS_CLEAN.search(text) is None:
        return text
    # str.translate looks every character up in a dict; a few runs of debris in a long
    # article are found by one C scan and translated alone.
    return _CLEAN_RUN.sub(_clean_run, text)


def _fix_confusable_word(m: re.Match[str]) -> str:
    word = m.group()
    out = word.translate(_NUMERAL_TABLE)
    if any(ch in _LATIN for ch in out):
        folded = unicodedata.normalize("NFC", out.translate(_CONFUSABLE_TABLE))
        # Only when every letter is then Latin: "Ảɴʜ" -> "Ảnh", but a Russian word with one
        # stray Latin letter keeps its Cyrillic.
        if all(ch in _LATIN or not ch.isalpha() for ch in unicodedata.normalize("NFD", folded)):
            out = folded
    return unicodedata.normalize("NFC", out) if out != word else word


def fold_confusables(text: str) -> str:
    """Swap look-alike letters (small caps, Greek, Cyrillic, Armenian) inside Latin words."""
    if text.isascii() or _HAS_CONFUSABLE.search(text) is None:
        return text
    return _WORD_AROUND.sub(_fix_confusable_word, text)


def _one_break(m: re.Match[str]) -> str:
    s = m.group()
    if "\n" not in s:
        return " "
    return "\n\n" if s.count("\n") > 1 else "\n"


def collapse_whitespace(text: str) -> str:
    """One space between words, no spaces around line breaks, at most one blank line."""
    if "  " in text or " \n" in text or ("\n" in text and _BAD_BREAK.search(text)):
        text = _SPACES.sub(_one_break, text)
    return text.strip()


def fix_punctuation_spacing(text: str) -> str:
    """No space before , . ; : ! ? … % and closing brackets, none after opening ones.

    Runs after ``collapse_whitespace``, so there is at most one space to remove.
    """
    drop = sorted({m.end() - (2 if m.group(1) is None else 1) for m in _PUNCT_SPACE.finditer(text)})
    if not drop:
        return text
    pieces, last = [], 0
    for i in drop:
        pieces.append(text[last:i])
        last = i + 1
    pieces.append(text[last:])
    return "".join(pieces)
