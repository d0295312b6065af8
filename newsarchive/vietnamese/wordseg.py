"""Vietnamese word segmentation for analysts (the optional ``segment`` extra).

A Vietnamese word often spans several syllables ("công tác dân vận" is two words), so analysts
counting words want them joined: ``công_tác dân_vận``.  The segmenter is underthesea's CRF
model, which ships inside its wheel and needs no download.  It is imported only when asked
for, so the archive, the crawler and the tests run without it.

Output format: the syllables of a word are joined by ``_``, words and punctuation marks are
separated by one space, and line breaks (paragraphs) are kept.  The letters are not changed:
underthesea's own token normalisation (which would respell tone marks) is switched off, so a
text in either tone style comes back in that style, and the result is NFC.  The one mapping
underthesea always applies, Ð/ð (eth) to Đ/đ, is one the archive's normaliser has already made.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import metadata
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from collections.abc import Callable

TOOL = "underthesea"
INSTALL_HINT = "pip install 'newsarchive[segment]'"


class SegmenterMissing(RuntimeError):
    """The ``segment`` extra is not installed."""


@cache
def _word_tokenize() -> Callable[..., Any]:
    """Import underthesea once, on first use; its model loads on the first call."""
    try:
        from underthesea import word_tokenize
    except ImportError:
        raise SegmenterMissing(
            f"word segmentation needs {TOOL}, which is not installed: {INSTALL_HINT}"
        ) from None
    return cast("Callable[..., Any]", word_tokenize)


def require_segmenter() -> dict[str, str]:
    """Check the extra before any work starts; returns the tool and version for a manifest."""
    _word_tokenize()
    try:
        version = metadata.version(TOOL)
    except metadata.PackageNotFoundError:  # pragma: no cover - imported but not installed?
        version = "unknown"
    return {"tool": TOOL, "version": version}


def segment_line(line: str) -> str:
    """One line (no newline inside) as words joined by ``_``, separated by spaces."""
    if not line.strip():
        return ""
    words = _word_tokenize()(line, use_token_normalize=False)
    return " ".join(word.replace(" ", "_") for word in words)


def segment(text: str | None) -> str | None:
    """Segment a text line by line, keeping its line breaks; None stays None. Output is NFC."""
    if text is None:
        return None
    text = unicodedata.normalize("NFC", text)
    out = "\n".join(segment_line(line) for line in text.split("\n"))
    return unicodedata.normalize("NFC", out)
