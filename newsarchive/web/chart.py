"""Articles per month as small multiples: one small bar chart per paper, drawn on the server.

One line per paper in a single chart is a tangle beyond a handful of papers; a panel per paper
on the same month axis reads the same at 4 papers and at 60 (the panels wrap in a grid, one
column on a phone).  Each panel has its own scale, stated as its busiest month, because the
papers differ tenfold in volume; the panel "Tất cả các báo" on top adds them up.  Inline SVG:
no JavaScript, no CDN, and every label is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from newsarchive.web.dates import reader_month
from newsarchive.web.labels import number

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

WIDTH, HEIGHT = 300, 64  # one panel's drawing, in viewBox units
BAR_GAP = 0.15  # of a bar's slot
ALL_PAPERS = "Tất cả các báo"


def month_range(months: list[str]) -> list[str]:
    """Every month from the first to the last, so gaps show as zero, not as a shorter axis."""
    try:
        y0, m0 = (int(part) for part in months[0].split("-")[:2])
        y1, m1 = (int(part) for part in months[-1].split("-")[:2])
    except ValueError:
        return months
    if (y1 - y0) * 12 + m1 - m0 > 1200:
        return months
    full = []
    y, m = y0, m0
    while (y, m) <= (y1, m1):
        full.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return full


def _counts(rows: Iterable[Mapping[str, Any] | Any]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        paper, month, n = str(row["paper"]), row["month"], row["articles"]
        if not month or n is None:
            continue
        counts[paper][str(month)] = counts[paper].get(str(month), 0) + int(n)
    return counts


def _panel(name: str, values: dict[str, int], months: list[str], css: str = "") -> str:
    total = sum(values.values())
    peak = max(values.values(), default=0) or 1
    slot = WIDTH / len(months)
    bar = max(slot * (1 - BAR_GAP), 0.5)
    bars = []
    for i, month in enumerate(months):
        n = values.get(month, 0)
        if not n:
            continue
        h = max(HEIGHT * n / peak, 1.0)
        bars.append(
            f'<rect x="{i * slot:.2f}" y="{HEIGHT - h:.2f}" width="{bar:.2f}" height="{h:.2f}">'
            f"<title>{escape(reader_month(month))}: {number(n)} bài</title></rect>"
        )
    years = [
        f'<line class="na-year" x1="{i * slot:.2f}" y1="0" x2="{i * slot:.2f}" y2="{HEIGHT}"/>'
        for i, month in enumerate(months)
        if i and month.endswith("-01")
    ]
    label = f"{name}: {number(total)} bài, nhiều nhất {number(peak)} bài một tháng"
    return (
        f'<figure class="na-multiple{css}"><figcaption><strong>{escape(name)}</strong> '
        f'<span class="na-multiple-total">{number(total)} bài</span></figcaption>'
        f'<svg class="na-bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' preserveAspectRatio="none" role="img" aria-label="{escape(label)}">'
        + "".join(years)
        + f'<line class="na-base" x1="0" y1="{HEIGHT}" x2="{WIDTH}" y2="{HEIGHT}"/>'
        + "".join(bars)
        + "</svg>"
        f'<p class="na-multiple-scale">cao nhất {number(peak)} bài/tháng</p></figure>'
    )


def monthly_small_multiples(rows: Iterable[Mapping[str, Any] | Any], title: str = "") -> Markup:
    """Panels of monthly bars from (paper, month, articles) rows, busiest paper first."""
    counts = _counts(rows)
    if not counts:
        return Markup('<p class="na-chart-empty">Chưa có bài nào có ngày đăng để vẽ biểu đồ.</p>')
    months = month_range(sorted({m for values in counts.values() for m in values}))
    ranked = sorted(counts, key=lambda p: (-sum(counts[p].values()), p))
    panels = []
    if len(ranked) > 1:
        every: dict[str, int] = defaultdict(int)
        for values in counts.values():
            for month, n in values.items():
                every[month] += n
        panels.append(_panel(ALL_PAPERS, dict(every), months, " na-multiple-all"))
    panels += [_panel(paper, counts[paper], months) for paper in ranked]
    axis = (
        f'<p class="na-axis">Mỗi ô: số bài mỗi tháng, từ {escape(reader_month(months[0]))} '
        f"đến {escape(reader_month(months[-1]))}; vạch dọc mờ là tháng Một mỗi năm.</p>"
    )
    heading = f'<h2 class="na-chart-title">{escape(title)}</h2>' if title else ""
    return Markup(heading + axis + '<div class="na-multiples">' + "".join(panels) + "</div>")
