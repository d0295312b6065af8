"""Articles per month per paper as an inline SVG line chart: no JavaScript, no CDN.

The machines that browse the archive may have no internet, so the chart is drawn on the
server from the canned query's rows; every label is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape

PALETTE = (
    "#1b6ca8", "#d1495b", "#2e933c", "#edae49", "#6a4c93",
    "#00798c", "#8d6a9f", "#c7683a", "#3d5a80", "#7a7a7a",
)
MAX_SERIES = len(PALETTE)
WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 36


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


def monthly_chart_svg(rows: Iterable[Mapping[str, Any] | Any], title: str = "") -> Markup:
    """SVG of (paper, month, articles) rows; the busiest papers get a line each.

    Papers beyond the first ``MAX_SERIES`` by total are summed into "other papers".
    """
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        paper, month, n = str(row["paper"]), row["month"], row["articles"]
        if not month or n is None:
            continue
        counts[paper][str(month)] = counts[paper].get(str(month), 0) + int(n)
    if not counts:
        return Markup('<p class="na-chart-empty">No dated articles to chart.</p>')
    ranked = sorted(counts, key=lambda p: (-sum(counts[p].values()), p))
    series = {p: counts[p] for p in ranked[: MAX_SERIES - 1]}
    rest = ranked[MAX_SERIES - 1 :]
    if len(rest) == 1:
        series[rest[0]] = counts[rest[0]]
    elif rest:
        other: dict[str, int] = defaultdict(int)
        for p in rest:
            for m, n in counts[p].items():
                other[m] += n
        series[f"{len(rest)} other papers"] = dict(other)
    months = month_range(sorted({m for s in series.values() for m in s}))
    top = max(max(s.values()) for s in series.values()) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (plot_w * i / (len(months) - 1) if len(months) > 1 else plot_w / 2)

    def y(n: int) -> float:
        return TOP + plot_h * (1 - n / top)

    parts = [
        f'<svg class="na-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' role="img" aria-label="{escape(title or "Articles per month per paper")}">',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}"'
        ' stroke="#999"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#999"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" font-size="11">{top}</text>',
        f'<text x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    step = max(1, len(months) // 8)
    for i in range(0, len(months), step):
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle"'
            f' font-size="11">{escape(months[i])}</text>'
        )
    for colour, (paper, values) in zip(PALETTE, series.items(), strict=False):
        points = " ".join(f"{x(i):.1f},{y(values.get(m, 0)):.1f}" for i, m in enumerate(months))
        parts.append(
            f'<polyline class="na-series" fill="none" stroke="{colour}" stroke-width="2"'
            f' points="{points}"><title>{escape(paper)}</title></polyline>'
        )
    parts.append("</svg>")
    legend = "".join(
        f'<li><span class="na-swatch" style="background:{colour}"></span>{escape(paper)}'
        f" ({sum(values.values()):,})</li>"
        for colour, (paper, values) in zip(PALETTE, series.items(), strict=False)
    )
    return Markup("".join(parts) + f'<ul class="na-legend">{legend}</ul>')
