"""The printed look shared by the summary and the event report as PDF: A4, the styles, tables
that repeat their header on every page, charts as vector graphics, and a footer with the document's
title and "page / pages".

ReportLab lays out thousands of table rows in about a second, where an HTML-to-PDF engine
takes tens of seconds for the same page (bench/export.py). Everything people wrote goes in
through `pdf_fonts.marked`, so it is only ever text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, TypeAlias, cast

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from facilitation.exports import charts
from facilitation.exports.content import shortened, xml_safe
from facilitation.exports.pdf_charts import drawing
from facilitation.exports.pdf_fonts import BOLD, ITALIC, REGULAR, covered, fonts, marked

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 16 * mm, 18 * mm, 20 * mm
FRAME_PADDING = 6  # ReportLab's frame keeps this inside the margins, on every side
WIDTH = A4[0] - 2 * (MARGIN_X + FRAME_PADDING)
CHART_WIDTH = 150 * mm
INK, MUTED, RULE, HEADER_FILL = "#1d1d1d", "#666666", "#dddddd", "#f1f4f6"
TAG_INK = "#2f5f74"
FOOTER_TITLE_MAX = 90

# What a table cell holds: text, or flowables already made (ReportLab's classes are untyped).
Cell: TypeAlias = "str | Flowable | list[Flowable]"


def _style(name: str, **overrides: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": REGULAR,
        "bulletFontName": REGULAR,
        "fontSize": 9.5,
        "leading": 12.5,
        "textColor": colors.HexColor(INK),
    }
    return ParagraphStyle(name, **(base | overrides))


class Styles:
    """The paragraph styles, made once the fonts are registered."""

    def __init__(self) -> None:
        fonts()
        self.title = _style("title", fontName=BOLD, fontSize=18, leading=22, spaceAfter=3)
        self.context = _style("context", textColor=colors.HexColor("#555555"), spaceAfter=8)
        self.body = _style("body", spaceAfter=4)
        self.h2 = _style(
            "h2", fontName=BOLD, fontSize=13.5, leading=17, spaceBefore=14, keepWithNext=1
        )
        self.h3 = _style(
            "h3", fontName=BOLD, fontSize=11, leading=14, spaceBefore=9, spaceAfter=3,
            keepWithNext=1,
        )  # fmt: skip
        self.h4 = _style(
            "h4", fontName=BOLD, fontSize=10, leading=13, spaceBefore=6, spaceAfter=2,
            keepWithNext=1,
        )  # fmt: skip
        self.muted = _style("muted", textColor=colors.HexColor(MUTED), spaceAfter=4)
        # What a section says of itself before its tables: never left alone at a page's foot.
        self.lead = _style("lead", textColor=colors.HexColor(MUTED), spaceAfter=4, keepWithNext=1)
        # A sentence that explains the table under it: kept with it.
        self.note = _style("note", spaceAfter=4, keepWithNext=1)
        self.bullet = _style("bullet", leftIndent=12, bulletIndent=2, spaceBefore=3)
        self.tags = _style(
            "tags", fontSize=8.5, leading=11, textColor=colors.HexColor(TAG_INK), leftIndent=12
        )
        self.source = _style(
            "source", fontSize=8.5, leading=11, textColor=colors.HexColor("#555555"),
            leftIndent=12,
        )  # fmt: skip
        self.cell_tags = ParagraphStyle("cell_tags", parent=self.tags, leftIndent=0)
        self.cell_source = ParagraphStyle("cell_source", parent=self.source, leftIndent=0)
        self.cell = _style("cell", fontSize=8.5, leading=10.5)
        self.cell_small = _style(
            "cell_small", fontSize=8, leading=10, textColor=colors.HexColor("#555555")
        )
        self.head = _style("head", fontName=BOLD, fontSize=8.5, leading=10.5)
        self.head_number = _style(
            "head_number", fontName=BOLD, fontSize=8.5, leading=10.5, alignment=TA_RIGHT
        )
        self.reply = _style("reply", fontSize=8.5, leading=10.5, leftIndent=10)
        self.merged = _style(
            "merged", fontName=ITALIC, fontSize=8.5, leading=10.5, leftIndent=10,
            textColor=colors.HexColor(MUTED),
        )  # fmt: skip
        self.fact_name = _style(
            "fact_name", fontSize=8.5, leading=10.5, textColor=colors.HexColor(MUTED)
        )
        # A date or a count is never cut inside: only between words.
        self.fact_value = _style(
            "fact_value", fontName=BOLD, fontSize=11.5, leading=14.5, splitLongWords=0
        )


class Text(Paragraph):  # type: ignore[misc]
    """A paragraph that breaks its lines once per width: a long table is measured again each
    time a page break splits it, and breaking lines is most of the time a PDF takes."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Splitting a paragraph forgets its lines (blPara); then they are broken again.
        if self._wrapped is None or self._wrapped[0] != availWidth or "blPara" not in vars(self):
            self._wrapped = (availWidth, super().wrap(availWidth, availHeight))
        return self._wrapped[1]


def text(value: str, style: ParagraphStyle, *, bullet: str | None = None) -> Paragraph:
    """A paragraph of text that may hold anything people typed."""
    return Text(marked(value), style, bulletText=bullet)


def heading(value: str, styles: Styles) -> list[Flowable]:
    """A section heading with its rule beneath, kept with what follows."""
    rule = HRFlowable(width="100%", thickness=0.6, color=colors.HexColor("#bbbbbb"), spaceAfter=5)
    rule.keepWithNext = True
    return [text(value, styles.h2), rule]


def facts(pairs: Sequence[tuple[str, str]], styles: Styles) -> Table:
    """Headline figures side by side: each name above its value, the values on one line."""
    columns = min(len(pairs), 6) or 1
    rows: list[list[Cell]] = []
    for start in range(0, len(pairs), columns):
        chosen = list(pairs[start : start + columns])
        blanks: list[Cell] = [""] * (columns - len(chosen))
        rows.append([text(name, styles.fact_name) for name, _ in chosen] + blanks)
        rows.append([text(value, styles.fact_value) for _, value in chosen] + blanks)
    laid = Table(rows, colWidths=[WIDTH / columns] * columns, hAlign="LEFT")
    laid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                *(("VALIGN", (0, row), (-1, row), "BOTTOM") for row in range(0, len(rows), 2)),
                *(("VALIGN", (0, row), (-1, row), "TOP") for row in range(1, len(rows), 2)),
                *(("BOTTOMPADDING", (0, row), (-1, row), 8) for row in range(1, len(rows), 2)),
            ]
        )
    )
    return laid


CELL_PADDING = 6  # left and right together


def _cell(cell: Cell, width: float, styles: Styles, *, figure: bool) -> Cell:
    """A table cell as ReportLab should draw it. A paragraph breaks lines and mixes fonts, and
    costs the most time of a PDF; a string that fits on one line in the text font is drawn as
    it is."""
    if not isinstance(cell, str):
        return cast(Cell, cell)
    plain = xml_safe(cell)
    if figure or (
        "\n" not in plain
        and covered(plain)
        and stringWidth(plain, REGULAR, styles.cell.fontSize) <= width - CELL_PADDING
    ):
        return plain
    return text(cell, styles.cell)


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    styles: Styles,
    *,
    numbers: frozenset[int] = frozenset(),
) -> Table:
    """A table whose header repeats on every page; widths are shares of the page's width.
    Cells given as strings become paragraphs, except in the columns of `numbers`: figures,
    right-aligned and drawn as they are, which is much faster than a paragraph."""
    head = [
        text(name, styles.head_number if i in numbers else styles.head)
        for i, name in enumerate(header)
    ]
    body = [
        [_cell(cell, widths[i] * WIDTH, styles, figure=i in numbers) for i, cell in enumerate(row)]
        for row in rows
    ]
    laid = Table(
        [head, *body],
        colWidths=[share * WIDTH for share in widths],
        repeatRows=1,
        # A row taller than a page (a long outcome in a narrow column) continues on the next.
        splitInRow=1,
        hAlign="LEFT",
    )
    laid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("FONTSIZE", (0, 0), (-1, -1), styles.cell.fontSize),
                ("LEADING", (0, 0), (-1, -1), styles.cell.leading),
                *(("ALIGN", (i, 1), (i, -1), "RIGHT") for i in sorted(numbers)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEADER_FILL)),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor(RULE)),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return laid


def chart(drawn: charts.Chart) -> Flowable:
    """A chart as vector graphics at the page's reading width, kept on one page."""
    return KeepTogether([Spacer(1, 4), drawing(drawn, CHART_WIDTH), Spacer(1, 10)])


def _numbered(title: str) -> type:
    """A canvas that writes the title and "page / pages" at the foot of every page, once the
    number of pages is known."""
    from reportlab.pdfgen.canvas import Canvas

    footer = marked(shortened(title, FOOTER_TITLE_MAX))
    footer_style = _style("footer", fontSize=8, leading=10)

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, len(self._pages))
                super().showPage()
            super().save()

        def _footer(self, number: int, pages: int) -> None:
            self.setFillColor(colors.HexColor(MUTED))
            self.setFont(REGULAR, 8)
            paragraph = Paragraph(footer, footer_style)
            paragraph.wrapOn(self, WIDTH - 30 * mm, 12)
            left, right = MARGIN_X + FRAME_PADDING, A4[0] - MARGIN_X - FRAME_PADDING
            paragraph.drawOn(self, left, MARGIN_BOTTOM / 2)
            self.drawRightString(right, MARGIN_BOTTOM / 2, f"{number} / {pages}")

    return NumberedCanvas


def document(title: str, story: list[Flowable]) -> bytes:
    """The story laid out on A4 pages, with the title in the PDF's properties and footers."""
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        creator="Roundtable",
        # Not ReportLab's default Helvetica: a font the PDF would not carry inside it.
        initialFontName=REGULAR,
    ).build(story, canvasmaker=_numbered(title))
    return buffer.getvalue()
