"""Small text helpers for the web pages: paragraphs, safe links, Vietnamese word matching.

Scraped text is only ever rendered as escaped text; the helpers that return Markup escape it
first.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

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


_CREDIT_PREFIX = re.compile(r"^\s*(ảnh|anh|photo)\b", re.IGNORECASE)


def photo_credit(credit: str | None) -> str:
    """A photo credit as printed under the photo: "Ảnh: Minh Hà".

    Extraction may keep the page's own "Ảnh:" (or "Ảnh minh họa", "Ảnh TTXVN"); a credit that
    already starts with it is shown as it is, so the reader never sees "Ảnh: Ảnh: Minh Hà".
    """
    text = " ".join(unicodedata.normalize("NFC", credit or "").split())
    if not text:
        return ""
    if _CREDIT_PREFIX.match(text):
        return text
    return f"Ảnh: {text}"


#: Private-use characters the search snippets mark matches with (see web/search.py).
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


def marked(snippet: str | None) -> Markup:
    """Escape a snippet, then turn its match markers into <mark> elements."""
    text = str(escape(snippet or ""))
    return Markup(text.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


def cells(row: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A table-page row (list of cells) keyed by column name."""
    return {cell["column"]: cell for cell in row}


#: Why a photo is not kept (media.error, written for the command line), in a reader's words.
_PHOTO_REASONS = (
    ("robots.txt", "tệp robots.txt của báo không cho tải ảnh này"),
    ("photo hosts", "ảnh nằm trên một máy chủ chưa khai báo cho báo này (media_domains)"),
    ("-byte cap", "ảnh lớn hơn giới hạn dung lượng"),
    ("not an image", "tệp tải về không phải là ảnh"),
    ("broken image", "tệp ảnh bị hỏng"),
    ("too many pixels", "ảnh quá lớn"),
    ("empty response", "máy chủ trả về tệp rỗng"),
    ("HTTP 404", "máy chủ của báo không còn ảnh này (HTTP 404)"),
    ("HTTP 410", "máy chủ của báo không còn ảnh này (HTTP 410)"),
    ("HTTP ", "máy chủ của báo trả lời lỗi ({})"),
    ("Timeout", "máy chủ của báo không trả lời kịp"),
)


def photo_reason(error: str | None) -> str:
    """media.error in Vietnamese for readers; unknown reasons as recorded."""
    text = (error or "").strip()
    for needle, vietnamese in _PHOTO_REASONS:
        if needle in text:
            return vietnamese.format(text)
    return f"lỗi khi tải ({text})" if text else "chưa tải"
