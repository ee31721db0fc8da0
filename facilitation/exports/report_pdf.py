"""The whole-event report as PDF, laid out by ReportLab on A4: the printable report's sections in
the same order and words (exports/content.py)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, TableStyle

from facilitation.exports import charts
from facilitation.exports.content import (
    ACTION_HEADER,
    REPORT_HEADINGS,
    TOP_IDEA_HEADER,
    action_rows,
    goal_header,
    participation_line,
    report_context,
    report_overview,
    sdg_matrix,
    stream_title,
    top_idea_rows,
    xml_safe,
)
from facilitation.exports.pdf import outcomes
from facilitation.exports.pdf_layout import Styles, chart, document, facts, heading, table, text
from facilitation.services.sdgs import label
from facilitation.services.summary_data import EventReport, Summary

H = REPORT_HEADINGS
STREAM_SHARE = 0.3
SERVED, UNSERVED = "#dcebf2", "#aaaaaa"


def _goals(report: EventReport, styles: Styles) -> list[Flowable]:
    story = heading(H["goals"], styles)
    if report.goals:
        goal_share = (1 - STREAM_SHARE) / len(report.goals)
        rows = sdg_matrix(report)
        matrix = table(
            (H["stream"], *(goal_header(goal) for goal in report.goals)),
            [(row.stream, *(str(n) for n in row.counts)) for row in rows],
            (STREAM_SHARE, *(goal_share for _ in report.goals)),
            styles,
            numbers=frozenset(range(1, len(report.goals) + 1)),
        )
        # As on the page: a goal a stream served stands out, a zero recedes.
        matrix.setStyle(
            TableStyle(
                [
                    command
                    for y, row in enumerate(rows, start=1)
                    for x, n in enumerate(row.counts, start=1)
                    for command in (
                        [("BACKGROUND", (x, y), (x, y), colors.HexColor(SERVED))]
                        if n
                        else [("TEXTCOLOR", (x, y), (x, y), colors.HexColor(UNSERVED))]
                    )
                ]
            )
        )
        story.append(matrix)
        story.append(text("; ".join(label(goal) for goal in report.goals), styles.muted))
        if drawn := charts.goal_outcomes(report):
            story.append(chart(drawn))
    story.append(text(H["goals_missing"], styles.h3))
    missing = [label(goal) for goal in report.goals_missing]
    story.append(text("; ".join(missing) if missing else H["none_missing"], styles.body))
    return story


def _actions(report: EventReport, styles: Styles) -> list[Flowable]:
    if not (rows := action_rows(report)):
        return []
    return [
        *heading(H["actions"], styles),
        table(ACTION_HEADER, rows, (0.37, 0.16, 0.12, 0.11, 0.24), styles),
    ]


def _top_ideas(report: EventReport, styles: Styles) -> list[Flowable]:
    if not (rows := top_idea_rows(report)):
        return []
    return [
        *heading(H["top_ideas"], styles),
        table(TOP_IDEA_HEADER, rows, (0.07, 0.55, 0.08, 0.3), styles, numbers=frozenset({0, 2})),
    ]


def _roundtable(summary: Summary, styles: Styles) -> list[Flowable]:
    story = [text(summary.title, styles.h3), text(participation_line(summary), styles.lead)]
    if not summary.outcomes:
        story.append(text(H["no_outcomes"], styles.body))
    return story + outcomes(summary, styles, styles.h4)


def render_report_pdf(report: EventReport) -> bytes:
    """The report as an A4 PDF."""
    styles = Styles()
    story: list[Flowable] = [text(report.title, styles.title)]
    if context := report_context(report):
        story.append(text(context, styles.context))
    story += [*heading(H["overview"], styles), facts(report_overview(report), styles)]
    story += _goals(report, styles)
    story += _actions(report, styles)
    story += _top_ideas(report, styles)
    for stream in report.streams:
        story += heading(stream_title(stream.title), styles)
        for summary in stream.roundtables:
            story += _roundtable(summary, styles)
    return document(xml_safe(report.title), story)
