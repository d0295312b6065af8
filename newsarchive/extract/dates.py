"""Vietnamese date parsing: always day-first, with the forms provincial pages print.

``find_dates`` reads every date in a string ("Thứ Sáu, 1/7/2022", "Thứ sáu - 14/06/2019 05:51",
"Thứ sáu: 15:00 ngày 09/02/2024", "ngày 01 tháng 7 năm 2022", "08:49, 26/05/2019 (GMT+7)",
"10:7 | 7/5/2024", "29.12.2023", "14/9/15", day ranges "25-28/4") and attaches a clock time
printed next to it.  Lunar dates ("15/8 âm lịch", "tức mùng 10/3") are skipped.  Dates without
a year are returned only when a reference year is given.  Times are Vietnam time (+07:00).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

TZ = "+07:00"

_D = r"(?<![\d/.\-:])"  # not glued to a preceding number or separator
_NOT_MORE = r"(?![\d])"

# d/m/yyyy, d-m-yyyy, d.m.yyyy (same separator twice), 2- or 4-digit year
_DMY_RE = re.compile(_D + r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})" + _NOT_MORE)
# day range sharing a month: "25-28/4", "15 - 17/9", "04-20/02/2022"
_RANGE_RE = re.compile(
    _D + r"(\d{1,2})\s*[-–]\s*(\d{1,2})([/.])(\d{1,2})(?:\3(\d{4}))?" + r"(?![\d])(?![/.]\d)"
)
# d/m without year ("Sáng 28.5,", "ngày 26-9", "(12/8)")
_DM_RE = re.compile(_D + r"(\d{1,2})([/.\-])(\d{1,2})(?![\d])(?![/.\-]\d)")
# "ngày 01 tháng 7 năm 2022", "26 Tháng 9, 2025", "5 thg 12, 2021", "2 tháng 4, 2012",
# "14 Tháng 3 2013" (Joomla 1.5's vi-VN createdate)
_LONG_RE = re.compile(
    r"(?<!\d)(\d{1,2})\s+(?:tháng|thg)\s+(\d{1,2})(?:\s*,\s*|\s+(?:năm\s+)?)(\d{4})(?!\d)",
    re.IGNORECASE,
)
_EN_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split()
    )
}
#: The first three letters of every English month name (none holds an "i" or a "k", whose
#: case-blind matches include characters lower() does not map to them); "ſ" (long s) matches
#: "s" case-blind, so a text holding it is read with the regexes whatever it spells.
_EN_MONTH_STARTS = tuple(m[:3] for m in _EN_MONTHS)
_EN_MONTH_HINT = "\u017f"
_EN_MONTH_START_RE = re.compile("|".join(_EN_MONTH_STARTS))  # on lower-cased text: a substring test
_EN_RE = re.compile(
    r"\b(" + "|".join(_EN_MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE
)
_EN_DMY_RE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_EN_MONTHS) + r"),?\s+(\d{4})\b", re.IGNORECASE
)
_ISO_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T "
    r"](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_TIME = (
    r"(\d{1,2})\s*(?::|h|giờ)\s*(\d{1,2})(?:\s*:\s*(\d{1,2}))?(?:\s*(am|pm|a\.m\.|p\.m\.|SA|CH)\b)?"
)
_TIME_RE = re.compile(r"(?<![\d/.])" + _TIME + r"(?![\d/])", re.IGNORECASE)
_BARE_HOUR_RE = re.compile(r"(?<![\d/.:])(\d{1,2})\s*(?:h|giờ)(?![\w\d])", re.IGNORECASE)
_GMT = r"(?:\s*[\[(]?\s*(?:GMT|UTC)\s*\+\s*0?7(?::?00)?\s*[\])]?)?"
_TIME_AFTER_RE = re.compile(
    r"^\s*(?:[,|\-–]\s*)?(?:lúc\s+|vào\s+)?" + _TIME + r"(?![\d/])", re.IGNORECASE
)
_TIME_BEFORE_RE = re.compile(
    r"(?<![\d/.])" + _TIME + _GMT + r"\s*(?:[,|\-–]\s*)?(?:(?:ngày|,)\s*)?$", re.IGNORECASE
)
_ANY_DIGIT_RE = re.compile(r"\d")
_FOUR_DIGITS_RE = re.compile(r"\d{4}")
_LUNAR_AFTER_RE = re.compile(r"^\s*(?:\(\s*)?(?:âm\s+lịch|AL\b|âl\b)", re.IGNORECASE)
_LUNAR_BEFORE_RE = re.compile(
    r"(?:tức|tức là|nhằm|mùng\s+\d+\s+tháng)\s*(?:ngày\s*)?(?:mùng|mồng)?\s*$", re.IGNORECASE
)

PUBLISHED_LABEL_RE = re.compile(
    r"(ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|ngày\s+xuất\s+bản|xuất\s+bản|ngày\s+phát\s+hành|"
    r"tin\s+đăng|published|posted|ngày\s+viết)",
    re.IGNORECASE,
)
MODIFIED_LABEL_RE = re.compile(r"(cập\s+nhật|updated?|sửa\s+đổi|chỉnh\s+sửa)", re.IGNORECASE)


@dataclass(frozen=True)
class DateHit:
    """One date read from text: ISO value, the raw text it came from, and where it sat."""

    iso: str
    raw: str
    start: int
    end: int
    has_time: bool
    has_year: bool = True
    label: str | None = None  # "published" | "modified" when a label stood before it

    @property
    def day(self) -> str:
        return self.iso[:10]


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        return 2000 + n if n <= 69 else 1900 + n
    return n


def _valid(y: int, m: int, d: int) -> bool:
    if not 1900 <= y <= 2100:
        return False
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _time_parts(h: str, mi: str, s: str | None, ampm: str | None) -> tuple[int, int, int] | None:
    hour, minute, sec = int(h), int(mi), int(s) if s else 0
    if ampm:
        a = ampm.lower().replace(".", "")
        if hour > 12:
            return None
        if a in ("pm", "ch") and hour < 12:
            hour += 12
        elif a in ("am", "sa") and hour == 12:
            hour = 0
    if hour > 23 or minute > 59 or sec > 59:
        return None
    return hour, minute, sec


def parse_time(text: str) -> tuple[int, int, int] | None:
    """The first clock time in ``text`` ("10:7", "11h00", "2:28 am", "05:49:12", "vào 20h")."""
    m = _TIME_RE.search(text)
    if m:
        t = _time_parts(m.group(1), m.group(2), m.group(3), m.group(4))
        if t:
            return t
    m = _BARE_HOUR_RE.search(text)
    if m and int(m.group(1)) < 24:
        return int(m.group(1)), 0, 0
    return None


def _fmt(y: int, m: int, d: int, t: tuple[int, int, int] | None) -> str:
    if t is None:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}T{t[0]:02d}:{t[1]:02d}:{t[2]:02d}{TZ}"


def _adjacent_time(text: str, start: int, end: int) -> tuple[tuple[int, int, int] | None, int, int]:
    """A clock time printed right after or right before a date; widens the raw span."""
    after = _TIME_AFTER_RE.match(text[end : end + 24])
    if after:
        t = _time_parts(after.group(1), after.group(2), after.group(3), after.group(4))
        if t:
            return t, start, end + after.end()
    window = text[max(0, start - 32) : start]
    before = _TIME_BEFORE_RE.search(window)
    if before:
        t = _time_parts(before.group(1), before.group(2), before.group(3), before.group(4))
        if t:
            return t, start - (len(window) - before.start()), end
    return None, start, end


def _is_lunar(text: str, start: int, end: int) -> bool:
    return bool(_LUNAR_AFTER_RE.match(text[end : end + 14])) or bool(
        _LUNAR_BEFORE_RE.search(text[max(0, start - 24) : start])
    )


def find_dates(text: str, ref_year: int | None = None, *, with_time: bool = True) -> list[DateHit]:
    """Every solar date in ``text``, in order; year-less ones only when ``ref_year`` is given."""
    if not text or not _ANY_DIGIT_RE.search(text):
        return []  # every date form below needs a digit
    spans: list[tuple[int, int, int, int, int, bool]] = []  # start, end, y, m, d, has_year

    def add(start: int, end: int, y: int | None, m: int, d: int) -> None:
        has_year = y is not None
        yy = y if y is not None else ref_year
        if yy is None or not _valid(yy, m, d):
            return
        spans.append((start, end, yy, m, d, has_year))

    # Each form is looked for only when the text holds a character or word that form cannot do
    # without (a plain substring test is far cheaper than a regex pass over the text).
    dash = "-" in text
    if dash or "–" in text:
        for mt in _RANGE_RE.finditer(text):
            d1, d2, mo = int(mt.group(1)), int(mt.group(2)), int(mt.group(4))
            y = int(mt.group(5)) if mt.group(5) else None
            if d1 < d2 and _valid(y or 2000, mo, d1) and _valid(y or 2000, mo, d2):
                add(mt.start(), mt.end(), y, mo, d1)
    if dash or "/" in text or "." in text:
        for mt in _DMY_RE.finditer(text):
            add(mt.start(), mt.end(), _year(mt.group(4)), int(mt.group(3)), int(mt.group(1)))
    if _FOUR_DIGITS_RE.search(text):  # the forms below all print a four-digit year
        low = text.lower()
        if "tháng" in low or "thg" in low:
            for mt in _LONG_RE.finditer(text):
                add(mt.start(), mt.end(), int(mt.group(3)), int(mt.group(2)), int(mt.group(1)))
        if _EN_MONTH_HINT in low or _EN_MONTH_START_RE.search(low):
            # casefold, not lower: the case-blind regex also matches look-alikes such as the
            # long s ("ſeptember"), which lower() keeps and casefold() maps to "s"
            for mt in _EN_RE.finditer(text):
                month = _EN_MONTHS.get(mt.group(1).casefold())
                if month:
                    add(mt.start(), mt.end(), int(mt.group(3)), month, int(mt.group(2)))
            for mt in _EN_DMY_RE.finditer(text):
                month = _EN_MONTHS.get(mt.group(2).casefold())
                if month:
                    add(mt.start(), mt.end(), int(mt.group(3)), month, int(mt.group(1)))
        if dash:
            for mt in _ISO_RE.finditer(text):
                add(mt.start(), mt.end(), int(mt.group(1)), int(mt.group(2)), int(mt.group(3)))
    if ref_year is not None:
        for mt in _DM_RE.finditer(text):
            if mt.group(2) == "-" and mt.start() > 0 and text[mt.start() - 1].isdigit():
                continue
            if _is_lunar(text, mt.start(), mt.end()):
                continue
            add(mt.start(), mt.end(), None, int(mt.group(3)), int(mt.group(1)))

    # Earliest start wins; at equal start the longer match wins; overlaps are dropped.
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    hits: list[DateHit] = []
    last_end = -1
    for start, end, y, m, d, has_year in spans:
        if start < last_end:
            continue
        if _is_lunar(text, start, end):
            last_end = end
            continue
        last_end = end
        t, rs, re_ = _adjacent_time(text, start, end) if with_time else (None, start, end)
        iso_m = _ISO_RE.fullmatch(text[start:end])
        if iso_m and iso_m.group(4):
            t = (int(iso_m.group(4)), int(iso_m.group(5)), int(iso_m.group(6) or 0))
        label = _label_before(text, rs)
        hits.append(
            DateHit(_fmt(y, m, d, t), text[rs:re_].strip(), rs, re_, t is not None, has_year, label)
        )
    return hits


#: Every label match holds one of these words once lower-cased; the case-blind regexes also
#: match "ı", "ſ" and "İ" for "i" and "s", which lower() does not map there.
_LABEL_WORDS = ("đăng", "xuất", "phát", "published", "posted", "viết", "cập", "update", "sửa")
_CASE_ODD = ("ı", "ſ", "İ")


def _label_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 40) : start]
    low = window.lower()
    if not any(w in low for w in _LABEL_WORDS) and not any(c in window for c in _CASE_ODD):
        return None  # no label can match: the two case-blind regex passes are not run
    pub = [m.end() for m in PUBLISHED_LABEL_RE.finditer(window)]
    mod = [m.end() for m in MODIFIED_LABEL_RE.finditer(window)]
    if not pub and not mod:
        return None
    return "published" if (pub[-1] if pub else -1) > (mod[-1] if mod else -1) else "modified"


def parse_date(text: str, ref_year: int | None = None) -> str | None:
    """The first date in ``text`` as ISO ("2022-07-01" or "2024-02-09T15:00:00+07:00")."""
    hits = find_dates(text, ref_year)
    return hits[0].iso if hits else None


def parse_iso(value: str | None) -> str | None:
    """A machine date (JSON-LD, meta tags, <time datetime>) as the archive's ISO form.

    Offsets are converted to +07:00; a value with no time stays a day.
    """
    if not value:
        return None
    value = value.strip()
    m = _ISO_RE.match(value)
    if not m:
        hits = find_dates(value)
        return hits[0].iso if hits else None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not _valid(y, mo, d):
        return None
    if not m.group(4):
        return _fmt(y, mo, d, None)
    hh, mi, ss = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
    if hh > 23 or mi > 59 or ss > 59:
        return None
    when = dt.datetime(y, mo, d, hh, mi, ss)
    off = m.group(7)
    if off:
        if off == "Z":
            delta = dt.timedelta(0)
        else:
            sign = -1 if off[0] == "-" else 1
            digits = off[1:].replace(":", "")
            delta = sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        when = when - delta + dt.timedelta(hours=7)
    return when.strftime("%Y-%m-%dT%H:%M:%S") + TZ


def date_from_url(url: str) -> str | None:
    """A day encoded in the URL path: /2024/03/05/, /20240305..., /202404/ only gives a month."""
    m = re.search(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_]|$)", url)
    if m and _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))):
        return _fmt(int(m.group(1)), int(m.group(2)), int(m.group(3)), None)
    m = re.search(r"[/-]((?:19|20)\d{2})(\d{2})(\d{2})(?:\d{0,6})[/._-]", url)
    if m and _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))):
        return _fmt(int(m.group(1)), int(m.group(2)), int(m.group(3)), None)
    return None


_WEEKDAY_RE = re.compile(
    r"\b(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|cn)\b", re.IGNORECASE
)
_DATE_LINE_WORDS_RE = re.compile(
    r"(?i)ngày\s+đăng|đăng\s+ngày|cập\s+nhật(\s+lúc)?|lượt\s+xem|xem|gmt\s*\+\s*7|\(|\)|[\W\d_]"
)


def is_date_line(text: str) -> bool:
    """A short line that is only a date (with weekday or label): page chrome, not text."""
    if len(text) > 80:
        return False
    hits = find_dates(text)
    if not hits:
        return False
    rest = text
    for h in hits:
        rest = rest.replace(h.raw, " ")
    rest = _WEEKDAY_RE.sub(" ", rest)
    rest = _DATE_LINE_WORDS_RE.sub(" ", rest)
    return len(rest.strip()) <= 12
