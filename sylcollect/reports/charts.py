"""Small charts for summaries: line charts over waves or months, grouped bar charts.

Built with reportlab graphics (vector, no image files). Lines are told apart by colour
and marker shape, and every chart sits next to a table of the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import VerticalBarChart  # type: ignore[import-untyped]
from reportlab.graphics.charts.legends import Legend  # type: ignore[import-untyped]
from reportlab.graphics.charts.linecharts import HorizontalLineChart  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing, Rect, String  # type: ignore[import-untyped]
from reportlab.graphics.widgets.markers import makeMarker  # type: ignore[import-untyped]

from sylcollect.reports import style

MARKERS = ("FilledCircle", "FilledSquare", "FilledDiamond", "FilledTriangle", "Circle", "Square")


@dataclass(frozen=True)
class BandArea:
    """A labelled score range shaded behind a line chart."""

    low: float
    high: float
    label: str


def _nice_max(value: float) -> float:
    if value <= 5:
        return 5
    for step in (5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if value <= step * 5:
            return float(step * -(-value // step))
    return float(value)


def wrap_label(text: str, width: int = 13) -> str:
    """A category label broken into short lines so neighbours don't overlap."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines[:3])


def _axes(chart: HorizontalLineChart | VerticalBarChart, categories: Sequence[str]) -> None:
    chart.categoryAxis.categoryNames = [wrap_label(c) for c in categories]
    chart.categoryAxis.labels.fontName = style.FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.fillColor = style.MUTED
    chart.categoryAxis.strokeColor = style.BORDER
    chart.valueAxis.labels.fontName = style.FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = style.MUTED
    chart.valueAxis.strokeColor = style.BORDER
    chart.valueAxis.gridStrokeColor = style.DIVIDER
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.valueAxis.visibleGrid = 1
    if len(categories) > 6:
        chart.categoryAxis.labels.angle = 35
        chart.categoryAxis.labels.boxAnchor = "ne"


def _legend(drawing: Drawing, names: Sequence[str], x: float, y: float) -> None:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName = style.FONT
    legend.fontSize = 7.5
    legend.fillColor = style.TEXT
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx = legend.dy = 7
    legend.deltax = 90
    legend.boxAnchor = "nw"
    legend.colorNamePairs = [
        (style.SERIES[i % len(style.SERIES)], name) for i, name in enumerate(names)
    ]
    legend.dxTextSpace = 4
    legend.variColumn = 1
    drawing.add(legend)


def line_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    width: float,
    height: float,
    y_min: float | None = None,
    y_max: float | None = None,
    bands: Sequence[BandArea] = (),
    title: str = "",
) -> Drawing:
    """One line per series over the categories; gaps where a value is None."""
    drawing = Drawing(width, height)
    legend_h = 14 if len(series) > 1 else 0
    title_h = 14 if title else 0
    right = 70 if bands else 8
    chart = HorizontalLineChart()
    chart.x, chart.y = 30, 30 + (12 if len(categories) > 6 else 0)
    chart.width = width - chart.x - right
    chart.height = height - chart.y - 6 - legend_h - title_h
    values = [v for _, vs in series for v in vs if v is not None]
    low = y_min if y_min is not None else min([0.0, *values])
    high = y_max if y_max is not None else _nice_max(max([1.0, *values]))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = low, high
    chart.data = [[v if v is not None else None for v in vs] for _, vs in series]
    _axes(chart, categories)
    chart.joinedLines = 1
    for i in range(len(series)):
        colour = style.SERIES[i % len(style.SERIES)]
        chart.lines[i].strokeColor = colour
        chart.lines[i].strokeWidth = 1.6
        marker = makeMarker(MARKERS[i % len(MARKERS)])
        marker.fillColor = colour
        marker.strokeColor = colour
        marker.size = 5
        chart.lines[i].symbol = marker
    span = (high - low) or 1.0
    for n, band in enumerate(bands):
        y0 = chart.y + (max(band.low, low) - low) / span * chart.height
        y1 = chart.y + (min(band.high, high) - low) / span * chart.height
        if y1 <= y0:
            continue
        shade = style.SELECTED_BG if n % 2 == 0 else style.PAGE_BG
        drawing.add(Rect(chart.x, y0, chart.width, y1 - y0, fillColor=shade, strokeColor=None))
        label = String(chart.x + chart.width + 4, (y0 + y1) / 2 - 3, band.label[:20])
        label.fontName, label.fontSize, label.fillColor = style.FONT, 6, style.MUTED
        drawing.add(label)
    drawing.add(chart)
    if title:
        head = String(0, height - 10, title)
        head.fontName, head.fontSize, head.fillColor = style.BOLD, 8.5, style.TEXT
        drawing.add(head)
    if len(series) > 1:
        _legend(drawing, [name for name, _ in series], chart.x, height - title_h - 2)
    return drawing


def bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    width: float,
    height: float,
    title: str = "",
) -> Drawing:
    """Grouped bars: one group per category, one bar per series."""
    drawing = Drawing(width, height)
    legend_h = 14 if len(series) > 1 else 0
    title_h = 14 if title else 0
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 30 + (12 if len(categories) > 6 else 0)
    chart.width = width - chart.x - 8
    chart.height = height - chart.y - 6 - legend_h - title_h
    chart.data = [list(vs) for _, vs in series]
    values = [v for _, vs in series for v in vs]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(max([1.0, *values]))
    _axes(chart, categories)
    chart.barSpacing = 1
    chart.groupSpacing = 8
    for i in range(len(series)):
        chart.bars[i].fillColor = style.SERIES[i % len(style.SERIES)]
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    if title:
        head = String(0, height - 10, title)
        head.fontName, head.fontSize, head.fillColor = style.BOLD, 8.5, style.TEXT
        drawing.add(head)
    if len(series) > 1:
        _legend(drawing, [name for name, _ in series], chart.x, height - title_h - 2)
    return drawing
