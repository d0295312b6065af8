"""The extractor's shortcuts give the answers the full reading gives.

Each speed-up in ``newsarchive.extract`` skips work only when the skipped regex or layer could not
change the answer.  These cases sit on the edges of those shortcuts: a legacy font named in an
odd case or spacing, a ".vn" that is a link and not a font, English and Vietnamese month names,
and pages read one after another (the per-page text cache must not carry one page into the next).
"""

from __future__ import annotations

import pytest

from newsarchive.extract import extract
from newsarchive.extract.dates import find_dates
from newsarchive.extract.decode import legacy_font_hint
from newsarchive.extract.furniture import is_feed
from newsarchive.extract.text import fold_key


@pytest.mark.parametrize(
    "markup",
    [
        b'<font face=".VnTime">H\xb5 N\xe9i</font>',
        b"<p style=\"font-family: '.VnCentury Schoolbook'\">x</p>",
        b'<font FACE = \n ".VNARIAL">x</font>',
        b"<span style='font-family:VNI-Times'>x</span>",
        b"<meta name=charset content=TCVN3>",
        b"<td class=x><font face='.vnTime'>x</font></td>",
    ],
)
def test_a_named_legacy_font_is_noticed(markup: bytes) -> None:
    assert legacy_font_hint(b"<html><body>" + markup + b"</body></html>")


def test_links_to_vn_hosts_are_not_a_legacy_font() -> None:
    links = b"".join(
        b'<a href="https://baolaocai.vn/tin-%d.html">Tin %d</a> baolaocai.vn ' % (i, i)
        for i in range(300)
    )
    page = b'<html><body class="vn-title"><p class="VN">' + links + b"</p></body></html>"
    assert not legacy_font_hint(page)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Published November 19, 2019", "2019-11-19"),
        ("Posted 19 NOVEMBER 2019, 10:05", "2019-11-19T10:05:00+07:00"),
        ("Cập nhật ngày 01 THÁNG 7 năm 2022", "2022-07-01"),
        ("5 thg 12, 2021", "2021-12-05"),
        ("2024-03-05T10:00:00+07:00", "2024-03-05T10:00:00+07:00"),
        ("Thứ Sáu, 12/07/2024 10:05", "2024-07-12T10:05:00+07:00"),
        ("25-28/4/2024", "2024-04-25"),
        ("29.12.2023", "2023-12-29"),
    ],
)
def test_every_date_form_is_still_read(text: str, iso: str) -> None:
    hits = find_dates(text)
    assert hits
    assert hits[0].iso == iso


def test_text_without_any_date_form_gives_nothing() -> None:
    assert find_dates("Năm 2024 huyện Mường Tè có 120 ha sa nhân") == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hà Nội, 2024!", "hà   nội 2024"),
        ("“Mùa lúa chín” – Mù Cang Chải…", "mùa lúa chín mù cang chải"),
        ("snake_case-name", "snake case name"),
        ("Ha\u0300 Nô\u0323i", "Hà Nội"),  # decomposed marks: the same words
    ],
)
def test_fold_key_treats_the_same_words_as_the_same(a: str, b: str) -> None:
    assert fold_key(a) == fold_key(b)


def test_fold_key_of_punctuation_only_is_empty() -> None:
    assert fold_key(" — … !!! ") == ""


def test_feeds_are_told_by_their_relative_stamps() -> None:
    assert is_feed("Lan 2 giờ trước Hay quá. Minh 3 GIỜ TRƯỚC Cảm ơn tác giả.")
    assert is_feed("Ann 2 days ago Great. Bob 5 hours AGO Thanks.")
    assert not is_feed("Trước đó 2 ngày, huyện đã sơ tán 30 hộ dân. " * 20)


def _page(title: str, para: str) -> bytes:
    return (
        "<html lang='vi'><body><article><h1>" + title + "</h1>"
        + "".join(f"<p>{para} {i}, một câu đủ dài để là đoạn văn của bài.</p>" for i in range(5))
        + "<p>Thứ Sáu, 12/07/2024 10:05</p></article></body></html>"
    ).encode()


def test_pages_read_one_after_another_do_not_leak_into_each_other() -> None:
    a = _page("Mùa lúa chín trên ruộng bậc thang", "Nông dân Mù Cang Chải gặt lúa")
    b = _page("Cầu treo mới nối hai bờ sông Gâm", "Người dân Bắc Mê qua cầu")
    first = extract(a, "https://baoyenbai.com.vn/a-1.html")
    extract(b, "https://baoyenbai.com.vn/b-2.html")
    again = extract(a, "https://baoyenbai.com.vn/a-1.html")
    assert first.article is not None
    assert again.article is not None
    assert again.article == first.article
    assert "Mù Cang Chải" in again.article.body
    assert "Bắc Mê" not in again.article.body
