"""Tone-mark placement: every shared vector in both styles, and the words that must not move."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from newsarchive.vietnamese import is_syllable, normalize_text, to_style

VI = Path(__file__).resolve().parent / "fixtures" / "vi"  # copies of shared/vi tables


def _vectors() -> list[object]:
    path = VI / "tone_vectors.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) >= 145, "tone_vectors.tsv looks truncated"
    return [pytest.param(r, id=f"{i}-{r['input']}") for i, r in enumerate(rows)]


@pytest.mark.parametrize("row", _vectors())
def test_shared_vector_both_styles(row: dict[str, str]) -> None:
    assert to_style(row["input"], "old") == row["old_style"]
    assert to_style(row["input"], "new") == row["new_style"]
    # normalize_text must agree: it is what the archive stores.
    assert normalize_text(row["input"]) == row["old_style"]
    assert normalize_text(row["input"], style="new") == row["new_style"]


def test_default_style_is_old() -> None:
    assert normalize_text("Tỉnh uỷ Khánh Hoà, thuỷ lợi") == "Tỉnh ủy Khánh Hòa, thủy lợi"


def test_style_applies_inside_running_text_and_keeps_punctuation() -> None:
    text = "Ông Lò Văn Thuỷ (Tỉnh uỷ) nói: “hoà bình, khoẻ mạnh!”"
    assert to_style(text, "old") == "Ông Lò Văn Thủy (Tỉnh ủy) nói: “hòa bình, khỏe mạnh!”"
    assert to_style(to_style(text, "old"), "new") == text


@pytest.mark.parametrize(
    "word",
    [
        "quý", "quả", "già", "giữa", "gì", "gìn", "thuở", "thủa", "huệ", "người", "hoàng",
        "quyết", "khuỷu", "ngoẹo", "khuya", "báo", "bài", "xoong", "QUỲNH", "giếng",
    ],
)  # fmt: skip
def test_clusters_that_never_move(word: str) -> None:
    assert to_style(word, "old") == word
    assert to_style(word, "new") == word


@pytest.mark.parametrize(
    "text",
    [
        "café hoà",  # English/French loan: "café" keeps its accent where it is
        "prŏng ƀuôn čar ñu hòa",  # Êđê letters (vov4): ŏ is not a Vietnamese vowel
        "Pokémon, naïve, Zürich",
        "UBND, HĐND, TP.HCM",
        "ŏà ĭá",  # a tone next to a minority-language vowel is not ours to move
        "ñuà ǹgoà",  # a tilde or grave on a consonant: not a Vietnamese syllable
    ],
)
def test_non_vietnamese_tokens_untouched(text: str) -> None:
    out = to_style(text, "new")
    for original, got in zip(text.split(), out.split(), strict=True):
        if not is_syllable(original.strip(",")):
            assert got == original


def test_decomposed_input_is_composed_and_restyled() -> None:
    nfd = "ho\u0061\u0300 bi\u0300nh"  # hoà bình, tone as a combining mark
    assert to_style(nfd, "old") == "hòa bình"


def test_unknown_style_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="old' or 'new"):
        to_style("hoà", "modern")
