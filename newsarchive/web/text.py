"""Small text helpers for the web pages: paragraphs, safe links, Vietnamese word matching.

Scraped text is only ever rendered as escaped text; these helpers never build HTML.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_WORD = re.compile(r"\w+", re.UNICODE)


def paragraphs(text: str | None) -> list[str]:
    """Body text -> paragraphs (the archive joins paragraphs with a blank line)."""
    if not text:
        return []
    return [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, else None (no javascript:, data:, ...)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def fold_word(word: str) -> str:
    """Lower-case base letters: tone marks and vowel marks stripped, đ -> d (search folding)."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def marks(word: str) -> tuple[str, ...]:
    """The word's diacritics, sorted: equal for hòa and hoà (same marks, other place)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    found = [c for c in decomposed if unicodedata.combining(c)]
    if "đ" in word.lower():
        found.append("đ")
    return tuple(sorted(found))


def word_matches(word: str, term: str) -> bool:
    """Does a word of the text match a query term the way the FTS index does?

    An unmarked term matches every marked variant (dien -> Điện); a marked term matches the
    same word in either tone-mark style (hòa -> hoà) but not another word (má -/-> mạ).
    """
    if fold_word(word) != fold_word(term):
        return False
    term_marks = marks(term)
    return not term_marks or marks(word) == term_marks


def words(text: str) -> list[re.Match[str]]:
    """Word matches in text, with their offsets."""
    return list(_WORD.finditer(text))
