"""The C scanner (``_speedups.c``) gives exactly the text the pure-Python paths give.

``normalize_text``, ``to_style`` and ``fold`` use the C code when it was built (it is,
whenever a C compiler is present at install time; CI insists on it).  Without it the Python
paths run.  These tests run the same inputs through both and through the plain steps, on
generated text dense in the awkward cases, on every character of the BMP, and on the shared
tone vectors.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.vietnamese import normalize, speedups, tone
from newsarchive.vietnamese.fold import fold
from newsarchive.vietnamese.normalize import _normalize_steps, normalize_text
from newsarchive.vietnamese.tone import restyle_nfc, restyle_word, to_style

from .test_vietnamese_fastpath import _texts

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

pytestmark = pytest.mark.skipif(
    not speedups.AVAILABLE and not os.environ.get("CI"),
    reason="the C scanner was not built (no C compiler at install time)",
)
SHARED = Path(__file__).resolve().parent / "fixtures" / "vi"  # copies of shared/vi tables
_PROPS = settings(max_examples=500, deadline=None)


def test_ci_builds_the_c_scanner() -> None:
    """On CI a missing compiler must not quietly turn the fast path off."""
    assert speedups.AVAILABLE


_fold_module = sys.modules["newsarchive.vietnamese.fold"]


def _pure(module: ModuleType, attr: str, fn: Callable[..., str], *args: str) -> str:
    """``fn(*args)`` with the module's C fast path switched off (the pure-Python path)."""
    saved = getattr(module, attr)
    setattr(module, attr, None)
    try:
        return fn(*args)
    finally:
        setattr(module, attr, saved)


def _python_only(text: str, style: str) -> str:
    return _pure(normalize, "_c_scan", normalize_text, text, style)


def _fold_python(text: str) -> str:
    return _pure(_fold_module, "_c_fold", fold, text)


def _to_style_python(text: str, style: str) -> str:
    return _pure(tone, "_c_scan", to_style, text, style)


@_PROPS
@given(_texts, st.sampled_from(["old", "new"]))
def test_c_path_matches_python_path_and_steps(text: str, style: str) -> None:
    expected = _normalize_steps(text, style)
    assert normalize_text(text, style) == expected
    assert _python_only(text, style) == expected


_vietnamese_words = st.text(
    alphabet=st.sampled_from(
        "aăâeêioôơuưyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
        + "nghqugictmpđĐHOAUY"
    ),
    min_size=1,
    max_size=8,
)


@_PROPS
@given(st.lists(_vietnamese_words, min_size=1, max_size=12), st.sampled_from(["old", "new"]))
def test_c_flags_exactly_the_words_restyle_word_changes(words: list[str], style: str) -> None:
    """Every word the rules would re-spell is named; none they would keep (no Ð, NFC text)."""
    text = unicodedata.normalize("NFC", " ".join(words))
    spans = speedups.scan(text, style == "new")
    assert isinstance(spans, list)
    flagged = {(spans[i], spans[i + 1]) for i in range(0, len(spans), 2)}
    pos = 0
    for word in text.split(" "):
        changes = restyle_word(word, style) != word
        assert ((pos, pos + len(word)) in flagged) == changes, (word, style)
        pos += len(word) + 1


def test_a_list_from_the_scan_means_the_text_is_nfc() -> None:
    """Each BMP character alone and after a Vietnamese letter: a list is only returned for NFC."""
    wrong = []
    for cp in range(0x20, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        for text in (chr(cp), "a" + chr(cp), "ư" + chr(cp) + "a"):
            if speedups.scan(text, False) is not False and not unicodedata.is_normalized(
                "NFC", text
            ):
                wrong.append(hex(cp))
    assert not wrong


@given(st.text(max_size=40))
@settings(max_examples=500, deadline=None)
def test_any_text_is_handled_like_the_steps(text: str) -> None:
    """Arbitrary Unicode, beyond the BMP and decomposed included, ends as the steps say."""
    for style in ("old", "new"):
        assert normalize_text(text, style) == _normalize_steps(text, style)


def test_shared_tone_vectors_through_the_c_path() -> None:
    rows = [
        line.split("\t")
        for line in (SHARED / "tone_vectors.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(rows) > 20
    header = rows[0]
    for row in rows[1:]:
        record = dict(zip(header, row, strict=False))
        for text in record.values():
            nfc = unicodedata.normalize("NFC", text)
            for style in ("old", "new"):
                assert normalize_text(nfc, style) == _python_only(nfc, style), (nfc, style)


@_PROPS
@given(st.one_of(_texts, st.text(max_size=40)), st.sampled_from(["old", "new"]))
def test_to_style_c_path_matches_the_candidate_search(text: str, style: str) -> None:
    expected = restyle_nfc(unicodedata.normalize("NFC", text), style)
    assert to_style(text, style) == expected
    assert _to_style_python(text, style) == expected


@_PROPS
@given(st.one_of(_texts, st.text(max_size=40)))
def test_fold_c_path_matches_python(text: str) -> None:
    assert fold(text) == _fold_python(text)


def test_fold_every_bmp_character_alone_and_between_letters() -> None:
    """The C table maps one character at a time: never where that differs from fold.py."""
    wrong = []
    for cp in range(1, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        for text in (ch, "ươ" + ch + "ạ", "Đ" + ch + ch):
            if fold(text) != _fold_python(text):
                wrong.append(hex(cp))
    assert not wrong


def test_fast_paths_are_really_taken() -> None:
    """Clean Vietnamese text goes through C (a regression here is a 3x slowdown, not a bug)."""
    text = "Tỉnh ủy Điện Biên tổ chức hội nghị, người dân hòa thuận."
    assert speedups.fold is not None
    assert speedups.fold(text) == "Tinh uy Dien Bien to chuc hoi nghi, nguoi dan hoa thuan."
    assert speedups.scan(text, False) == []
    uy, hoa = text.index("ủy"), text.index("hòa")  # the two words the new style re-spells
    assert speedups.scan(text, True, True) == [uy, uy + 2, hoa, hoa + 3]
