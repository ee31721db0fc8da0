"""The summary's charts drawn as vector graphics in the PDF: the same charts (exports/charts.py
decides what each shows) as the page's SVG and the Word file's pictures, drawn with ReportLab's
shapes, so they stay sharp when printed, their text can be searched, and a large summary does
not wait for a picture to be rasterised per chart."""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from facilitation.exports.charts import ACCENT, Chart
from facilitation.exports.pdf_fonts import BOLD, REGULAR, font_for_label

FONT_SIZE = 7.5
TITLE_SIZE = 9.5
ROW = 15.0  # one bar of a bar chart, with its gap
BAR = 0.7  # of a row
LABELS_MAX = 190.0  # points; a label is at most charts.LABEL_MAX columns anyway
TITLE_SPACE, AXIS_SPACE, VALUE_SPACE = 18.0, 26.0, 24.0
TIMELINE_HEIGHT = 150.0
SLOT_MAX = 28.0
INK, GRID = colors.HexColor("#333333"), colors.HexColor("#cccccc")


def _ticks(top: int) -> list[int]:
    """Whole-number ticks from 0 past `top`, at a step of 1, 2 or 5 times a power of ten, at
    most about six of them."""
    top = max(top, 1)
    magnitude = 10 ** max(0, math.floor(math.log10(top / 5)) if top > 5 else 0)
    step = next(m * magnitude for m in (1, 2, 5, 10) if top / (m * magnitude) <= 6)
    return list(range(0, top + step, step))


def _label(text: str, x: float, y: float, anchor: str = "start", size: float = FONT_SIZE) -> String:
    return String(
        x, y, text, fontName=font_for_label(text), fontSize=size, fillColor=INK, textAnchor=anchor
    )


def _title(drawing: Drawing, chart: Chart, height: float) -> None:
    drawing.add(
        String(
            0,
            height - TITLE_SIZE - 2,
            chart.title,
            fontName=BOLD
            if font_for_label(chart.title) == REGULAR
            else font_for_label(chart.title),
            fontSize=TITLE_SIZE,
            fillColor=INK,
        )
    )


def _bars(chart: Chart, width: float) -> Drawing:
    widest = max(stringWidth(t, font_for_label(t), FONT_SIZE) for t in chart.labels)
    left = min(widest, LABELS_MAX) + 6
    plot = width - left - VALUE_SPACE
    height = TITLE_SPACE + ROW * len(chart.values) + AXIS_SPACE
    drawing = Drawing(width, height, initialFontName=REGULAR)
    _title(drawing, chart, height)
    ticks = _ticks(max(chart.values))
    scale = plot / ticks[-1]
    bottom = AXIS_SPACE
    top = bottom + ROW * len(chart.values)
    for tick in ticks:
        x = left + tick * scale
        drawing.add(Line(x, bottom, x, top, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(_label(str(tick), x, bottom - 10, "middle"))
    drawing.add(_label(chart.unit, left + plot / 2, 2, "middle"))
    for i, (text, value) in enumerate(zip(chart.labels, chart.values, strict=True)):
        y = top - ROW * (i + 1)  # the first (most voted) at the top
        bar_height = ROW * BAR
        drawing.add(
            Rect(
                left,
                y + (ROW - bar_height) / 2,
                value * scale,
                bar_height,
                fillColor=colors.HexColor(ACCENT),
                strokeColor=None,
            )
        )
        drawing.add(_label(text, left - 5, y + ROW / 2 - FONT_SIZE / 3, "end"))
        drawing.add(_label(str(value), left + value * scale + 3, y + ROW / 2 - FONT_SIZE / 3))
    drawing.add(Line(left, bottom, left, top, strokeColor=INK, strokeWidth=0.6))
    return drawing


def _timeline(chart: Chart, width: float) -> Drawing:
    left = 34.0
    height = TITLE_SPACE + TIMELINE_HEIGHT + AXIS_SPACE
    drawing = Drawing(width, height, initialFontName=REGULAR)
    _title(drawing, chart, height)
    # A short session's few bars stay bars, not blocks: the axis ends where they do.
    plot = min(width - left - 6, SLOT_MAX * len(chart.values))
    bottom = AXIS_SPACE - 8
    ticks = _ticks(max(chart.values))
    scale = TIMELINE_HEIGHT / ticks[-1]
    for tick in ticks:
        y = bottom + tick * scale
        drawing.add(Line(left, y, left + plot, y, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(_label(str(tick), left - 4, y - FONT_SIZE / 3, "end"))
    slot = plot / len(chart.values)
    step = max(1, len(chart.labels) // 12)
    for i, value in enumerate(chart.values):
        x = left + slot * i
        drawing.add(
            Rect(
                x + slot * 0.1,
                bottom,
                slot * 0.8,
                value * scale,
                fillColor=colors.HexColor(ACCENT),
                strokeColor=None,
            )
        )
        if i % step == 0:
            drawing.add(_label(chart.labels[i], x + slot / 2, bottom - 10, "middle"))
    drawing.add(Line(left, bottom, left + plot, bottom, strokeColor=INK, strokeWidth=0.6))
    axis_name = Group(_label("Contributions", 0, 0, "middle"))
    axis_name.translate(8, bottom + TIMELINE_HEIGHT / 2)
    axis_name.rotate(90)
    drawing.add(axis_name)
    return drawing


def drawing(chart: Chart, width: float) -> Drawing:
    """The chart `width` points wide, as tall as its bars need."""
    return _timeline(chart, width) if chart.over_time else _bars(chart, width)
