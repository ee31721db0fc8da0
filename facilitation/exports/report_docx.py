"""The whole-event report as a Word document: the matrix, every action item and the top ideas as
tables, the outcomes per goal as a picture, then each roundtable's outcomes."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Pt

from facilitation.exports import charts
from facilitation.exports.content import (
    ACTION_HEADER,
    REPORT_HEADINGS,
    TOP_IDEA_HEADER,
    Sources,
    action_rows,
    action_status,
    by_kind,
    goal_header,
    participation_line,
    report_context,
    report_overview,
    sdg_matrix,
    stream_title,
    tag_labels,
    top_idea_rows,
    xml_safe,
)
from facilitation.exports.docx_summary import CHART_WIDTH, add_table
from facilitation.services.sdgs import label
from facilitation.services.summary_data import EventReport, OutcomeSummary, Summary

H = REPORT_HEADINGS


def _goals(document: DocumentObject, report: EventReport) -> None:
    document.add_heading(H["goals"], level=1)
    if report.goals:
        add_table(
            document,
            (H["stream"], *(goal_header(goal) for goal in report.goals)),
            [(row.stream, *(str(n) for n in row.counts)) for row in sdg_matrix(report)],
        )
        document.add_paragraph("; ".join(label(goal) for goal in report.goals), style="Caption")
        if chart := charts.goal_outcomes(report):
            document.add_picture(io.BytesIO(charts.png(chart)), width=CHART_WIDTH)
    document.add_heading(H["goals_missing"], level=2)
    missing = [label(goal) for goal in report.goals_missing]
    document.add_paragraph("; ".join(missing) if missing else H["none_missing"])


def _actions(document: DocumentObject, report: EventReport) -> None:
    if rows := action_rows(report):
        document.add_heading(H["actions"], level=1)
        add_table(document, ACTION_HEADER, rows)


def _top_ideas(document: DocumentObject, report: EventReport) -> None:
    if rows := top_idea_rows(report):
        document.add_heading(H["top_ideas"], level=1)
        add_table(document, TOP_IDEA_HEADER, rows)


def _extras(document: DocumentObject, outcome: OutcomeSummary, sources: Sources) -> None:
    if goals := tag_labels(outcome):
        document.add_paragraph(xml_safe("; ".join(goals)), style="Caption")
    if source := sources.of(outcome):
        document.add_paragraph(xml_safe(source.sentence()), style="Caption")


def _roundtable(document: DocumentObject, summary: Summary) -> None:
    document.add_heading(xml_safe(summary.title), level=2)
    document.add_paragraph(participation_line(summary))
    groups = by_kind(summary)
    if not groups:
        document.add_paragraph(H["no_outcomes"])
    sources = Sources(summary)
    for kind, title, outcomes in groups:
        document.add_heading(title, level=3)
        for o in outcomes:
            text = o.text
            if kind == "action":
                text += f" ({o.owner or '—'}, {o.due or '—'}, {action_status(o)})"
            document.add_paragraph(xml_safe(text), style="List Bullet")
            _extras(document, o, sources)


def render_report_docx(report: EventReport) -> bytes:
    """The report as a Word document."""
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = xml_safe(report.title)[:255]
    document.add_heading(xml_safe(report.title), level=0)
    if context := report_context(report):
        document.add_paragraph(xml_safe(context), style="Subtitle")
    document.add_heading(H["overview"], level=1)
    for name, value in report_overview(report):
        document.add_paragraph(f"{name}: {value}", style="List Bullet")
    _goals(document, report)
    _actions(document, report)
    _top_ideas(document, report)
    for stream in report.streams:
        document.add_heading(xml_safe(stream_title(stream.title)), level=1)
        for summary in stream.roundtables:
            _roundtable(document, summary)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
