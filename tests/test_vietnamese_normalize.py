"""normalize_text and fold: the clean-up every stored field goes through, and search folding."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.vietnamese import fold, normalize_stream, normalize_text
from newsarchive.vietnamese.letters import ALL_LETTERS, LETTERS


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Ðiện Biên Phủ", "Điện Biên Phủ"),  # ETH look-alike (cp1258 read as cp1252)
        ("ðồng chí Ðảng ủy", "đồng chí Đảng ủy"),
        ("Ả\u0274\u029c: Hoàng Châu", "Ảnh: Hoàng Châu"),  # small capitals inside a word
        ("Τhành phố", "Thành phố"),  # Greek capital Tau
        ("Quân khu Ⅴ", "Quân khu V"),
        ("Điện\u00a0Biên\u202fPhủ", "Điện Biên Phủ"),
        ("người\u200b dân\ufeff", "người dân"),
        ("ng\u00adười", "người"),  # a soft hyphen inside a word is invisible: drop it
        ("Biên\u034f Phủ\u17b4", "Biên Phủ"),  # anti-filter joiners
        ("a\x00b\x07c", "abc"),
        ("  Tỉnh   ủy\t\tĐiện Biên  ", "Tỉnh ủy Điện Biên"),
        ("đoạn một\r\n\r\n\r\n\r\nđoạn hai", "đoạn một\n\nđoạn hai"),
        ("dòng một  \n  dòng hai", "dòng một\ndòng hai"),
        ("Hà Nội , ngày 1/7 ; trời mưa !", "Hà Nội, ngày 1/7; trời mưa!"),
        ("( TTXVN )", "(TTXVN)"),
        ("“ Lời kể ”", "“Lời kể”"),
        ("Vie\u0302\u0323t Nam", "Việt Nam"),  # NFD
        ("Vie\u0323\u0302t", "Việt"),  # Windows-1258 style: dot below then circumflex
        ("ê\u0323", "ệ"),
        ("", ""),
        ("ASCII only text", "ASCII only text"),
    ],
)
def test_normalize_examples(raw: str, clean: str) -> None:
    assert normalize_text(raw) == clean


def test_real_greek_and_cyrillic_words_are_left_alone() -> None:
    text = "Thủ đô Αθήνα và Москва, cả Mосква (Latin M)"
    assert normalize_text(text) == text


def test_normalize_keeps_paragraphs() -> None:
    body = "Đoạn thứ nhất.\n\nĐoạn thứ hai, có hoà giải."
    assert normalize_text(body) == "Đoạn thứ nhất.\n\nĐoạn thứ hai, có hòa giải."


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Điện Biên Phủ", "Dien Bien Phu"),
        ("ĐẢNG BỘ TỈNH", "DANG BO TINH"),
        ("người được trường", "nguoi duoc truong"),
        ("Ðảng", "Dang"),
        ("Vie\u0302\u0323t", "Viet"),  # decomposed input folds too
        ("café Zürich", "cafe Zurich"),
        ("plain", "plain"),
    ],
)
def test_fold_examples(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_every_vietnamese_letter_is_ascii() -> None:
    for ch in LETTERS:
        out = fold(ch)
        assert out.isascii(), ch
        assert len(out) == 1, ch
        assert out.isupper() == ch.isupper(), ch


def test_normalize_stream_for_the_cli() -> None:
    out = io.StringIO()
    normalize_stream(io.StringIO("Ðiện  Biên\n\n\n\nhoà bình\n"), out)
    assert out.getvalue() == "Điện Biên\n\nhòa bình\n"
    out = io.StringIO()
    normalize_stream(["Điện Biên hoà\n"], out, style="new", fold_output=True)
    assert out.getvalue() == "Dien Bien hoa\n"


# --- properties ------------------------------------------------------------------------------

_VI_WORDS = [
    "Điện", "Biên", "Phủ", "hoà", "hòa", "thuỷ", "thủy", "người", "ngừơi", "qúy", "gìa", "quốc",
    "UBND", "café", "Ðảng", "khuỷu", "Ảɴʜ", "prŏng", "2024", "1/7", "(TTXVN)", "“trích”",
]  # fmt: skip
_SEPARATORS = [" ", "  ", "\n", "\n\n\n", "\t", "\u00a0", "\u200b", " ,", " .", "( ", "\u00ad"]
_vi_text = st.lists(
    st.one_of(
        st.sampled_from(_VI_WORDS),
        st.text(alphabet=ALL_LETTERS + "\u0300\u0301\u0303\u0309\u0323\u0302\u031b", max_size=6),
    ),
    max_size=12,
).flatmap(
    lambda words: st.lists(
        st.sampled_from(_SEPARATORS), min_size=len(words), max_size=len(words)
    ).map(lambda seps: "".join(w + s for w, s in zip(words, seps, strict=True)))
)
_any_text = st.one_of(_vi_text, st.text(max_size=40))
_PROPS = settings(max_examples=200, deadline=None)
_INVISIBLE = re.compile("[\u00ad\u034f\u17b4\u17b5\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _visible(text: str) -> str:
    """What a reader sees: invisible format characters and non-space controls gone, NFC."""
    text = _INVISIBLE.sub("", text)
    text = "".join(c for c in text if not (unicodedata.category(c) == "Cc" and not c.isspace()))
    return unicodedata.normalize("NFC", text)


def _alnum_count(text: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", text) if c.isalnum())


def _word_count(text: str) -> int:
    return len(re.findall(r"[^\W_]+", _visible(text)))


@_PROPS
@given(_any_text, st.sampled_from(["old", "new"]))
def test_normalize_is_idempotent_and_nfc(text: str, style: str) -> None:
    once = normalize_text(text, style)
    assert normalize_text(once, style) == once
    assert unicodedata.is_normalized("NFC", once)


@_PROPS
@given(_any_text)
def test_normalize_never_drops_a_letter_or_digit(text: str) -> None:
    assert _alnum_count(normalize_text(text)) == _alnum_count(_visible(text))


@_PROPS
@given(_any_text)
def test_normalize_keeps_the_word_count(text: str) -> None:
    assert _word_count(normalize_text(text)) == _word_count(text)


@_PROPS
@given(st.text(alphabet=ALL_LETTERS + " đĐ", max_size=30))
def test_fold_is_ascii_and_stable_on_vietnamese(text: str) -> None:
    out = fold(text)
    assert out.isascii()
    assert fold(out) == out
    assert len(out) == len(text)
    assert fold(normalize_text(text)) == fold(normalize_text(out))
