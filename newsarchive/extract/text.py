"""Visible text of elements: cleaned (NFC, invisibles gone, spaces squeezed), per element, per
paragraph, and the comparison key used to tell two texts are the same words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from lxml import etree

from newsarchive.extract.tree import BLOCK_TAGS, DROP_TAGS, PREPARED, TEXTS, tag_of

_INVISIBLE_TABLE = dict.fromkeys(
    [
        *range(0x00, 0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        0x00AD,
        0x034F,
        0x061C,
        0x115F,
        0x1160,
        0x17B4,
        0x17B5,
        0x180E,
        0xFEFF,
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2065),
    ]
)
_INVISIBLE_RE = re.compile("[" + "".join(chr(c) for c in _INVISIBLE_TABLE) + "]")
_NON_WORD_RE = re.compile(r"[\W_]+")
#: Punctuation that ends or opens words; none of it is a letter or digit (see ``fold_key``).
_END_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’…–—«»"


def clean_text(text: str | None) -> str:
    """NFC, invisibles removed, whitespace (any Unicode space, newlines too) collapsed."""
    if not text:
        return ""
    if _INVISIBLE_RE.search(text):
        text = text.translate(_INVISIBLE_TABLE)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def fold_key(text: str) -> str:
    """Comparison key: NFC, case-folded, punctuation and spaces squeezed (cached: the same
    paragraph, caption and title texts are compared several times per page)."""
    t = unicodedata.normalize("NFC", text).casefold()
    # the key is the runs of letters and digits joined by one space; most words are such a run
    # already (str.isalnum is exactly the complement of [\W_]), so only the others go through
    # the regex, which is slow on non-Latin-1 text
    parts = []
    for word in t.split():
        if word.isalnum():
            parts.append(word)
            continue
        # a word with punctuation only at its ends ("nay," "(ảnh)"): what the regex would keep
        core = word.strip(_END_PUNCT)
        if core.isalnum():
            parts.append(core)
            continue
        word = _NON_WORD_RE.sub(" ", word).strip()
        if word:
            parts.append(word)
    return " ".join(parts)


def all_text(el: Any) -> str:
    """Every text node under ``el`` joined, without its tail: what ``"".join(el.itertext())``
    gives, serialised by libxml2 in one C call (several times faster than the iterator) and
    kept for the rest of the page (see :data:`~newsarchive.extract.tree.TEXTS`)."""
    text = TEXTS.get(el)
    if text is None:
        text = TEXTS[el] = str(
            etree.tostring(el, method="text", encoding="unicode", with_tail=False)
        )
    return text


def forget_texts() -> None:
    """Drop the texts kept for the last page (called around each page)."""
    TEXTS.clear()


def attr_tokens(el: Any) -> str:
    """class + id, lower-cased, for name hints."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def raw_text(el: Any, *, br: str = "\n", skip: set[Any] | None = None) -> str:
    """Visible text of ``el`` with <br> as ``br`` and blocks separated by newlines."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = tag_of(child)
            if tag and tag not in DROP_TAGS and (skip is None or child not in skip):
                if tag == "br":
                    parts.append(br)
                elif tag in BLOCK_TAGS:
                    parts.append("\n")
                    walk(child)
                    parts.append("\n")
                else:
                    walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return "".join(parts)


def text_of(el: Any, *, skip: set[Any] | None = None) -> str:
    """Visible text of ``el`` on one line (line breaks become spaces).

    On a tree prepared by :func:`~newsarchive.extract.tree.prepare_tree` (breaks and block edges
    carry whitespace, hidden elements gone) lxml's own text iteration gives the same result,
    much faster.
    """
    if skip is None and el.getroottree().getroot().get(PREPARED) is not None:
        return clean_text(all_text(el))
    return clean_text(raw_text(el, br=" ", skip=skip))


def fast_text(el: Any) -> str:
    """Approximate visible text (no <br>/block spacing): for measuring, not for output."""
    return " ".join(all_text(el).split())


#: Elements with at most this many children are read whole by :func:`short_text`.
_SMALL = 8
#: A :func:`short_text` limit from which the element is read whole whatever its size.
_READ_WHOLE = 1000


def short_text(el: Any, limit: int) -> str | None:
    """The element's text with spaces squeezed, or None as soon as it is longer than ``limit``
    characters as printed (so a big block is never read whole to learn it is not short)."""
    known = TEXTS.get(el)
    if known is None and (limit >= _READ_WHOLE or len(el) <= _SMALL):
        # a high limit reads most of the text anyway, and an element with few children is small:
        # reading it whole in C (kept for the page) is cheaper than iterating its text nodes
        known = all_text(el)
    if known is not None:
        return None if len(known) > limit else " ".join(known.split())
    parts: list[str] = []
    size = 0
    for t in el.itertext():
        size += len(t)
        if size > limit:
            return None
        parts.append(t)
    return " ".join("".join(parts).split())


def link_density(el: Any) -> float:
    """Share of the element's text that sits inside links."""
    total = len(fast_text(el))
    if not total:
        return 0.0
    linked = sum(len(fast_text(a)) for a in el.iter("a"))
    return min(1.0, linked / total)


def block_paragraphs(
    el: Any, skip: set[Any] | None = None, *, br_splits: bool = True
) -> list[tuple[str, Any]]:
    """Paragraphs under ``el`` in reading order, each with the element that holds it.

    Block elements start new paragraphs; with ``br_splits`` a <br> does too (old portals put
    paragraphs in one cell separated by <br>).
    """
    out: list[tuple[str, Any]] = []
    buf: list[str] = []
    holder: list[Any] = [el]

    def flush() -> None:
        text = clean_text("".join(buf))
        buf.clear()
        if text:
            out.append((text, holder[-1]))

    def walk(node: Any) -> None:
        if node.text:
            buf.append(node.text)
        for child in node:
            tag = tag_of(child)
            if tag and tag not in DROP_TAGS and (skip is None or child not in skip):
                if tag == "br":
                    if br_splits:
                        flush()
                    else:
                        buf.append(" ")
                elif tag in BLOCK_TAGS:
                    flush()
                    holder.append(child)
                    walk(child)
                    flush()
                    holder.pop()
                else:
                    walk(child)
            if child.tail:
                buf.append(child.tail)

    walk(el)
    flush()
    return out
