"""Vietnamese dates, day-first, against every real example in the project's copy of
shared/vi/date_examples.tsv (tests/fixtures/vi/)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from newsarchive.extract.dates import date_from_url, find_dates, parse_date, parse_iso, parse_time

EXAMPLES = Path(__file__).resolve().parent / "fixtures" / "vi" / "date_examples.tsv"
FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")
MEANING = "meaning_in_ISO8601_with_+07:00"


def _rows() -> list[dict[str, str]]:
    with EXAMPLES.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]  # the provenance header
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r in rows:
        r["raw_string"] = r["raw_string"].replace("\\n", "\n")
    return rows


ROWS = _rows()


def _ids(rows: list[dict[str, str]]) -> list[str]:
    return [r["raw_string"][:40] for r in rows]


#: Rows whose text names a day (not a quarter, not a bare hour that needs the sentence before).
NAMES_A_DAY = re.compile(r"\d[/.\-]\d|tháng|thg|[A-Z][a-z]+\s+\d", re.IGNORECASE)
FULL_ROWS = [
    r
    for r in ROWS
    if FULL.match(r["meaning_in_ISO8601_with_+07:00"]) and NAMES_A_DAY.search(r["raw_string"])
]
MD_ROWS = [r for r in ROWS if MONTH_DAY.match(r[MEANING]) and "lunar" not in r[MEANING]]
LUNAR_ROWS = [r for r in ROWS if "lunar" in r["meaning_in_ISO8601_with_+07:00"]]


@pytest.mark.parametrize("row", FULL_ROWS, ids=_ids(FULL_ROWS))
def test_full_date_rows(row: dict[str, str]) -> None:
    """Rows with a full meaning; a year missing from the text comes in as the reference year."""
    meaning = row["meaning_in_ISO8601_with_+07:00"]
    first = meaning.split("/")[0]
    ref_year = int(first[:4])
    hits = find_dates(row["raw_string"], ref_year=ref_year)
    assert hits, f"no date found in {row['raw_string']!r}"
    got = hits[0].iso
    if "T" in first:
        assert got == first
    else:
        assert got == first  # a day only: no invented time
    if "/" in meaning and "T" not in meaning and FULL.match(meaning.split("/")[1]):
        # an interval: its end is found too (a day range or two dates)
        end = meaning.split("/")[1]
        if len(hits) > 1:
            assert hits[1].iso[:10] == end[:10]


@pytest.mark.parametrize("row", MD_ROWS, ids=_ids(MD_ROWS))
def test_month_day_rows_take_the_reference_year(row: dict[str, str]) -> None:
    m = MONTH_DAY.match(row["meaning_in_ISO8601_with_+07:00"])
    assert m
    assert parse_date(row["raw_string"], ref_year=2020) == f"2020-{m.group(1)}-{m.group(2)}"
    # without a year on the page or a reference, a bare day/month is not a date
    assert parse_date(row["raw_string"]) is None


@pytest.mark.parametrize("row", LUNAR_ROWS, ids=_ids(LUNAR_ROWS))
def test_lunar_dates_are_not_solar_dates(row: dict[str, str]) -> None:
    assert find_dates(row["raw_string"], ref_year=2020) == []


def test_header_clock_rows_parse_like_any_other_date() -> None:
    """The file marks header clocks in its notes; as strings they are ordinary dates (which one
    is the article's is decided on the page, by position)."""
    clocks = [r for r in ROWS if "page-header" in r["note"].lower()]
    assert clocks
    for row in clocks:
        meaning = row["meaning_in_ISO8601_with_+07:00"]
        assert parse_date(row["raw_string"]) == meaning


def test_lunar_equivalent_in_parentheses_is_ignored() -> None:
    hits = find_dates("Sáng 12/5/2024 (tức mùng 5/4 âm lịch) bà con làm lễ", ref_year=2024)
    assert [h.iso for h in hits] == ["2024-05-12"]
    assert find_dates("Rằm 15/7 âm lịch năm nay", ref_year=2024) == []


def test_view_counter_is_not_a_time() -> None:
    assert parse_date("Ngày đăng: 9/3/2021 - Lượt xem: 57") == "2021-03-09"


def test_month_year_and_quarter_are_not_days() -> None:
    assert find_dates("tháng 11/2023") == []
    assert find_dates("quý III/2025") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4:45 am", (4, 45, 0)),
        ("lúc 21h", (21, 0, 0)),
        ("10:7", (10, 7, 0)),
        ("11h00", (11, 0, 0)),
        ("3:05 PM", (15, 5, 0)),
        ("12:30 SA", (0, 30, 0)),
    ],
)
def test_times_without_a_date(text: str, expected: tuple[int, int, int]) -> None:
    assert parse_time(text) == expected
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ Sáu, 1/7/2022", "2022-07-01"),
        ("Thứ sáu - 14/06/2019 05:51", "2019-06-14T05:51:00+07:00"),
        ("Thứ năm: 08:30 ngày 11/01/2024", "2024-01-11T08:30:00+07:00"),
        ("Chủ nhật, 06/04/2025 19:40", "2025-04-06T19:40:00+07:00"),
        ("ngày 01 tháng 7 năm 2022", "2022-07-01"),
        ("Cập nhật lúc 07:30, 02/03/2023", "2023-03-02T07:30:00+07:00"),
        ("Cập nhật: 02/03/2023 lúc 7:30", "2023-03-02T07:30:00+07:00"),
        ("05/03/2024", "2024-03-05"),  # 5 March: day-first
        ("29.12.2023", "2023-12-29"),
        ("25/12/21", "2021-12-25"),
        ("Thứ Hai, 05/03/2024 - 10:15", "2024-03-05T10:15:00+07:00"),
        ("Thứ Tư, 12/4/2023 | 9:05 PM", "2023-04-12T21:05:00+07:00"),
    ],
)
def test_kin_of_the_examples(text: str, expected: str) -> None:
    assert parse_date(text) == expected


def test_labels_tell_published_from_updated() -> None:
    hits = find_dates("Ngày đăng: 01/02/2024 08:00 | Cập nhật: 03/02/2024 09:15")
    assert [(h.iso, h.label) for h in hits] == [
        ("2024-02-01T08:00:00+07:00", "published"),
        ("2024-02-03T09:15:00+07:00", "modified"),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-09T08:00:00Z", "2024-02-09T15:00:00+07:00"),
        ("2024-02-09T15:00:00+07:00", "2024-02-09T15:00:00+07:00"),
        ("2024-02-09T15:00:00+0700", "2024-02-09T15:00:00+07:00"),
        ("2024-02-09", "2024-02-09"),
        ("2023-12-31T20:30:00-05:00", "2024-01-01T08:30:00+07:00"),
        ("not a date", None),
        ("2024-13-45", None),
    ],
)
def test_machine_dates(value: str, expected: str | None) -> None:
    assert parse_iso(value) == expected


def test_date_from_url() -> None:
    assert date_from_url("https://baohagiang.vn/2023/05/14/le-hoi/") == "2023-05-14"
    assert date_from_url("https://example.vn/tin/20240305-le-khai-mac.html") == "2024-03-05"
    assert date_from_url("https://example.vn/news/thoi-su/le-khai-mac-1234.html") is None


def test_an_english_month_spelled_with_a_look_alike_letter_is_read_not_raised() -> None:
    """The case-blind month pattern matches 'ſeptember' (long s); reading it must not raise
    (a KeyError here made the whole page extract as 'other')."""
    from newsarchive.extract.dates import find_dates

    assert [h.iso for h in find_dates("Đăng ngày ſeptember 5, 2023")] == ["2023-09-05"]
    assert [h.iso for h in find_dates("5 ſeptember 2023")] == ["2023-09-05"]
