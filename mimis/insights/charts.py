"""Server-rendered SVG charts: bars, horizontal bars and a line, no JavaScript.

Each chart is an image with a title and the figure's one-sentence summary as its description; the data
table beside it is the accessible alternative. Series differ by shape as well as colour (solid bars, a
dashed line with round markers), suppressed values are drawn as an outlined stub with "<5" written on
it, and every colour has at least 4.5:1 contrast against white (WCAG 2.1 AA, 1.4.1 and 1.4.11).
"""

from __future__ import annotations

import math
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from mimis.insights import disclosure
from mimis.insights.disclosure import Count, Rate

BAR = "#1d4f91"  # 8.6:1 on white
LINE = "#8a3b00"  # 7.1:1 on white
INK = "#1a1a1a"
GRID = "#767676"  # 4.5:1 on white
MAX_HBARS = 15


def _number(value: Any) -> float | None:
    if isinstance(value, Count):
        return None if value.value is None else float(value.value)
    if isinstance(value, Rate):
        return None if value.value is None else value.value * 100
    if isinstance(value, (int, float)):
        return float(value)
    return None


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _svg(width: int, height: int, title: str, summary: str, body: list[str], uid: str) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="chart" style="width:100%;max-width:{width}px;height:auto" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d" focusable="false">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(summary)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def small_label() -> str:
    return f"<{disclosure.min_cell()}"


def columns_chart(figure: Any) -> SafeString:
    """Vertical bars for ``chart_value`` per row, and ``chart_line`` as a dashed line with markers."""
    rows = figure.rows
    width, height, left, bottom, top = 760, 300, 56, 56, 16
    values = [_number(row[figure.chart_value]) for row in rows]
    line = [_number(row[figure.chart_line]) for row in rows] if figure.chart_line else []
    peak = _nice_max(max([v for v in values + line if v is not None] or [0]))
    plot_h, plot_w = height - bottom - top, width - left - 16
    step = plot_w / max(len(rows), 1)
    body = []
    for i in range(5):
        value = peak * i / 4
        y = top + plot_h - plot_h * i / 4
        body.append(
            f'<line x1="{left}" x2="{width - 16}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="0.5"/>'
        )
        body.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="{INK}">{value:g}</text>'
        )
    for i, (row, value) in enumerate(zip(rows, values, strict=True)):
        x = left + i * step + step * 0.15
        w = step * 0.7
        if value is None:
            stub = 12
            body.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - stub:.1f}" width="{w:.1f}" height="{stub}" fill="white" stroke="{BAR}" stroke-dasharray="3 2"/>'
            )
            body.append(
                f'<text x="{x + w / 2:.1f}" y="{top + plot_h - stub - 4:.1f}" text-anchor="middle" font-size="11" fill="{INK}">{escape(small_label())}</text>'
            )
        elif value > 0:
            h = plot_h * value / peak
            body.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{BAR}"/>'
            )
        label = str(row.get("month") or row.get("category") or "")
        short = label.split(" ")[0][:3] + (" " + label.split(" ")[-1][2:] if " " in label else "")
        body.append(
            f'<text x="{x + w / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11" fill="{INK}">{escape(short)}</text>'
        )
    if line:
        points = [
            (left + i * step + step / 2, top + plot_h - plot_h * v / peak)
            for i, v in enumerate(line)
            if v is not None
        ]
        if points:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2.5" stroke-dasharray="6 3"/>'
            )
            body.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{LINE}"/>' for x, y in points)
    legend_y = height - 14
    body.append(f'<rect x="{left}" y="{legend_y - 10}" width="14" height="12" fill="{BAR}"/>')
    body.append(
        f'<text x="{left + 20}" y="{legend_y}" font-size="12" fill="{INK}">{escape(_column_label(figure, figure.chart_value))}</text>'
    )
    if line:
        lx = left + 300
        body.append(
            f'<line x1="{lx}" x2="{lx + 24}" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="{LINE}" stroke-width="2.5" stroke-dasharray="6 3"/>'
        )
        body.append(f'<circle cx="{lx + 12}" cy="{legend_y - 4}" r="4" fill="{LINE}"/>')
        body.append(
            f'<text x="{lx + 30}" y="{legend_y}" font-size="12" fill="{INK}">{escape(_column_label(figure, figure.chart_line))}</text>'
        )
    return _svg(width, height, figure.title, figure.summary, body, f"chart-{figure.key}")


def _column_label(figure: Any, key: str) -> str:
    return next((c.label for c in figure.columns if c.key == key), key)


def bars_chart(figure: Any) -> SafeString:
    """Horizontal bars, largest first, at most ``MAX_HBARS`` rows (the table has them all)."""
    rows = figure.rows[:MAX_HBARS]
    label_w, row_h, width = 300, 26, 760
    height = 24 + row_h * max(len(rows), 1)
    values = [_number(row.get(figure.chart_value)) for row in rows]
    peak = _nice_max(max([v for v in values if v is not None] or [0]))
    plot_w = width - label_w - 70
    body = []
    label_key = figure.columns[0].key
    for i, (row, value) in enumerate(zip(rows, values, strict=True)):
        y = 12 + i * row_h
        label = str(row.get(label_key, ""))
        if len(label) > 42:
            label = label[:41] + "…"
        body.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="12" fill="{INK}">{escape(label)}</text>'
        )
        if value is None:
            body.append(
                f'<rect x="{label_w}" y="{y + 3}" width="24" height="{row_h - 8}" fill="white" stroke="{BAR}" stroke-dasharray="3 2"/>'
            )
            text, end = small_label(), label_w + 30
        else:
            w = plot_w * value / peak
            body.append(
                f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{BAR}"/>'
            )
            text, end = f"{value:g}", label_w + w + 6
        body.append(f'<text x="{end:.1f}" y="{y + 15}" font-size="12" fill="{INK}">{escape(text)}</text>')
    if not rows:
        body.append(
            f'<text x="12" y="30" font-size="13" fill="{INK}">{escape(_("No data for this choice."))}</text>'
        )
    return _svg(width, height, figure.title, figure.summary, body, f"chart-{figure.key}")


def render(figure: Any) -> SafeString:
    if figure.chart == "bars":
        return columns_chart(figure)
    if figure.chart == "hbars":
        return bars_chart(figure)
    return mark_safe("")
