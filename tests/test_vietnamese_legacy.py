"""Legacy encodings: every row of the shared TCVN3, VNI and Windows-1258 tables, and VIQR."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from newsarchive.vietnamese import decode_viqr, encode_legacy
from newsarchive.vietnamese.legacy import (
    bytes_to_view,
    decode_cp1258,
    decode_tcvn3,
    decode_utf8_mojibake,
    decode_vni,
    view_to_bytes,
)

VI = Path(__file__).resolve().parent / "fixtures" / "vi"  # copies of shared/vi tables
_TABLES = {"tcvn3": ("tcvn3.tsv", "tcvn3_byte_hex"), "vni": ("vni.tsv", "vni_win_bytes_hex"),
           "cp1258": ("cp1258.tsv", "cp1258_bytes_hex")}  # fmt: skip


def _rows(encoding: str) -> list[object]:
    name, column = _TABLES[encoding]
    path = VI / name
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) == 134, f"{name} should list the 134 non-ASCII letters"
    return [
        pytest.param(r["unicode_nfc"], bytes.fromhex(r[column]), id=r["codepoint"]) for r in rows
    ]


@pytest.mark.parametrize(("letter", "raw"), _rows("tcvn3"))
def test_tcvn3_every_row(letter: str, raw: bytes) -> None:
    assert encode_legacy(letter, "tcvn3") == raw
    decoded = decode_tcvn3(bytes_to_view(raw))
    # Toned capitals share the lower-case byte (Unikey): alone, they decode to lower case.
    assert decoded in (letter, letter.lower())
    assert decode_tcvn3(bytes_to_view(raw), upper=True) == letter.upper()


@pytest.mark.parametrize(("letter", "raw"), _rows("vni"))
def test_vni_every_row(letter: str, raw: bytes) -> None:
    assert encode_legacy(letter, "vni") == raw
    assert decode_vni(bytes_to_view(raw)) == letter


@pytest.mark.parametrize(("letter", "raw"), _rows("cp1258"))
def test_cp1258_every_row(letter: str, raw: bytes) -> None:
    assert encode_legacy(letter, "cp1258") == raw
    assert decode_cp1258(bytes_to_view(raw)) == letter
    import unicodedata

    assert unicodedata.normalize("NFC", raw.decode("cp1258")) == letter  # Python's codec agrees


SENTENCE = "Sáng 1/7, người dân ĐIỆN BIÊN PHỦ đón Tết “mùa xuân” – khoẻ, quý, khuỷu, thuở ấy."


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "cp1258"])
def test_sentence_round_trip(encoding: str) -> None:
    raw = encode_legacy(SENTENCE, encoding)
    decoder = {"tcvn3": decode_tcvn3, "vni": decode_vni, "cp1258": decode_cp1258}[encoding]
    assert decoder(bytes_to_view(raw)) == SENTENCE


def test_tcvn3_uses_soft_hyphen_for_u_horn() -> None:
    assert encode_legacy("người", "tcvn3") == b"ng\xad\xeai"


def test_tcvn3_case_follows_the_word_or_its_neighbours() -> None:
    view = bytes_to_view(encode_legacy("HÀ NỘI và Hà Nội, BÁO", "tcvn3"))
    assert decode_tcvn3(view) == "HÀ NỘI và Hà Nội, BÁO"


def test_encode_legacy_unencodable_characters() -> None:
    assert encode_legacy("Hà 😀", "tcvn3") == b"H\xb5 &#128512;"
    assert encode_legacy("Hà 😀", "vni", errors="replace") == b"Ha\xf8 ?"
    with pytest.raises(UnicodeEncodeError):
        encode_legacy("😀", "cp1258", errors="strict")
    with pytest.raises(ValueError, match="tcvn3"):
        encode_legacy("x", "koi8-r")


def test_view_is_lossless_for_every_byte() -> None:
    raw = bytes(range(256))
    assert view_to_bytes(bytes_to_view(raw)) == raw


@pytest.mark.parametrize(
    ("mojibake", "fixed"),
    [
        ("Äiá»‡n BiÃªn Phá»§", "Điện Biên Phủ"),  # 0x90 of Đ lost, as browsers show it
        ("Ä\x90iá»\x87n BiÃªn", "Điện Biên"),  # Latin-1 read: every byte kept
        ("ngÆ°á»i dÃ¢n vÃ  HÃ  Ná»™i", "người dân và Hà Nội"),  # ờ lost its 0x9D, à its NBSP
        ("Ä‘Æ°á»£c", "được"),
    ],
)
def test_utf8_mojibake_repair(mojibake: str, fixed: str) -> None:
    assert decode_utf8_mojibake(mojibake) == fixed


def test_mojibake_repair_leaves_clean_text_alone() -> None:
    assert decode_utf8_mojibake("Điện Biên Phủ") is None


def test_viqr() -> None:
    text = "Vie^.t Nam, Ha` No^.i. DDa^`u na(m, ddu+o+.c tru+o+`ng. Tha`nh pho^' Ho^` Chi' Minh."
    assert decode_viqr(text) == (
        "Việt Nam, Hà Nội. Đầu năm, được trường. Thành phố Hồ Chí Minh."
    )
    assert decode_viqr(r"Ai\? Ta\.") == "Ai? Ta."
