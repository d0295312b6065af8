"""The fast paths of ``normalize_text`` and ``to_style`` give exactly what the plain steps give.

``normalize_text`` skips the clean-up steps when one combined scan finds nothing for them, and
tone restyling only tries the candidate regex next to the hits of a faster scan.  These tests
pit both against the straightforward versions on text dense in the awkward cases: vowel
clusters around toned vowels, qu-/gi-, words ending at punctuation or a line break, spaces
around punctuation, invisible characters, Ð.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.vietnamese import normalize_text, to_style
from newsarchive.vietnamese.letters import TONED_PLAIN, TONED_SHAPED, UNTONED_PLAIN, UNTONED_SHAPED
from newsarchive.vietnamese.normalize import _normalize_steps
from newsarchive.vietnamese.tone import _CANDIDATE, _WORD_TAIL, restyle_nfc, restyle_word

_PIECES = [
    TONED_PLAIN,
    TONED_SHAPED,
    UNTONED_PLAIN,
    UNTONED_SHAPED,
    "gGqQuUiIoOaAyY",
    "nmcptghNG",
    " \n,.;:!?)(“”«»",
    "\u00a0\u200b\u00adÐðᴀɴʜ\t",
]
_dense = st.lists(
    st.integers(0, len(_PIECES) - 1).flatmap(lambda i: st.sampled_from(_PIECES[i])),
    max_size=24,
).map("".join)
# Mostly clean separators, so that one bad spot is often the only work in a text.
_CLEAN_SEPS = [" "] * 8 + [", ", ". ", "\n", "\n\n", "", ","]
_BAD_SEPS = ["  ", " ,", "\n ", " \n", "\n\n\n", "\n\n ", "( ", " )", "\u200b", "\u00a0"]
_WORDS = [
    "hoà", "hòa", "thuỷ", "thủy", "khoẻ", "khỏe", "qúy", "quý", "gìa", "già", "ngừơi", "người",
    "cưả", "baỏ", "hòang", "hụê", "Ðiện", "HOÀ", "uỷ", "của", "toàn", "loại",
]  # fmt: skip
_words = st.lists(
    st.sampled_from(_WORDS),
    min_size=1,
    max_size=10,
).flatmap(
    lambda ws: st.lists(
        st.sampled_from(_CLEAN_SEPS * 4 + _BAD_SEPS),
        min_size=len(ws) - 1,
        max_size=len(ws) - 1,
    ).map(lambda seps: "".join(w + s for w, s in zip(ws, [*seps, ""], strict=True)))
)
_texts = st.one_of(_dense, _words)
_PROPS = settings(max_examples=400, deadline=None)


def _is_word_char(ch: str) -> bool:
    return ch.isalpha() or "\u0300" <= ch <= "\u036f"


def _restyle_by_plain_search(text: str, style: str) -> str:
    """Restyling as a left-to-right search for candidates does it: slow, but obviously right."""
    cand = _CANDIDATE[style]
    pieces: list[str] = []
    last = 0
    m = cand.search(text)
    while m is not None:
        start = m.start()
        while start > last and _is_word_char(text[start - 1]):
            start -= 1
        tail = _WORD_TAIL.match(text, m.start())
        end = max(tail.end() if tail else m.end(), m.end())
        pieces += [text[last:start], restyle_word(text[start:end], style)]
        last = end
        m = cand.search(text, end)
    return "".join([*pieces, text[last:]])


@_PROPS
@given(_texts, st.sampled_from(["old", "new"]))
def test_normalize_fast_path_matches_the_steps(text: str, style: str) -> None:
    assert normalize_text(text, style) == _normalize_steps(text, style)


@_PROPS
@given(_texts, st.sampled_from(["old", "new"]))
def test_restyle_hits_find_every_word_plain_search_finds(text: str, style: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    assert restyle_nfc(nfc, style) == _restyle_by_plain_search(nfc, style)


@pytest.mark.parametrize(
    ("raw", "old", "new"),
    [
        ("hoà", "hòa", "hoà"),  # toned vowel ends the text
        ("Tỉnh uỷ\nhọp", "Tỉnh ủy\nhọp", "Tỉnh uỷ\nhọp"),  # word ends at a line break
        ("thuỷ, khoẻ.", "thủy, khỏe.", "thuỷ, khoẻ."),  # ... and at punctuation
        ("hoà( a )", "hòa(a)", "hoà(a)"),  # ... and at an opening mark with work after it
        ("cưả ngừơi hòang", "cửa người hoàng", "cửa người hoàng"),  # misplaced marks
    ],
)
def test_tone_fixes_at_word_edges(raw: str, old: str, new: str) -> None:
    assert normalize_text(raw, "old") == old
    assert normalize_text(raw, "new") == new


def test_clean_text_comes_back_unchanged() -> None:
    text = "Sáng nay, tỉnh ủy tổ chức hội nghị (lần thứ 2).\n\nNgười dân hòa thuận, khỏe mạnh."
    assert normalize_text(text) == text
    assert to_style(text, "old") == text
    assert re.search("hoà|khoẻ", to_style(text, "new"))
