"""Dates as Vietnamese readers write them: "Thứ Sáu, 1/7/2022 08:30", day first, no zero padding
of day and month, the time in Vietnam's time zone, and no time at all for a day-only date.

The archive stores ISO 8601 (``published`` keeps the page's own offset, usually +07:00; the
archive's own timestamps are UTC).  Pages show the reader's form; the ISO value stays in the
``datetime`` attribute of ``<time>`` and in JSON/CSV.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

#: Vietnam has kept UTC+7 all year since 1975.
VIETNAM = timezone(timedelta(hours=7))
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

#: Where ``published`` was read from (``articles.date_from``), in a reader's words.
DATE_SOURCES = {
    "selector": "phần ngày tháng trên trang, theo định nghĩa của báo",
    "jsonld": "dữ liệu có cấu trúc (JSON-LD) của trang",
    "meta": "thẻ meta của trang",
    "page": "dòng ngày tháng in trên trang",
    "url": "đường dẫn của bài",
}


def _parse(value: str) -> date | datetime | None:
    value = value.strip()
    try:
        if _DAY.match(value):
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None


def reader_date(value: object, *, weekday: bool = True) -> str:
    """"2022-07-01T08:30:00+07:00" -> "Thứ Sáu, 1/7/2022 08:30"; "2026-11-20" -> "Thứ Sáu,
    20/11/2026".

    Times with an offset are shown in Vietnam's time; a time without an offset as written.
    Anything that is not an ISO date comes back unchanged (the reader still sees something).
    """
    if value is None or value == "":
        return ""
    text = str(value)
    parsed = _parse(text)
    if parsed is None:
        return text
    clock = ""
    if isinstance(parsed, datetime):
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(VIETNAM)
        clock = f" {parsed:%H:%M}"
        day: date = parsed.date()
    else:
        day = parsed
    shown = f"{day.day}/{day.month}/{day.year}{clock}"
    return f"{WEEKDAYS[day.weekday()]}, {shown}" if weekday else shown


def short_date(value: object) -> str:
    """The reader's form without the weekday, for table cells: "1/7/2022 08:30"."""
    return reader_date(value, weekday=False)


def reader_month(value: object) -> str:
    """"2024-03" -> "tháng 3/2024" (facets, chart labels); other values unchanged."""
    text = "" if value is None else str(value)
    match = _MONTH.match(text)
    if not match:
        return text
    return f"tháng {int(match.group(2))}/{match.group(1)}"


def date_source(value: object) -> str:
    """``articles.date_from`` in a reader's words (unknown values as stored)."""
    text = "" if value is None else str(value)
    return DATE_SOURCES.get(text, text)
