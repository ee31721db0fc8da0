"""The whole-event report as a standalone, printable page: inline CSS and SVG, nothing fetched
from anywhere."""

from __future__ import annotations

from markupsafe import Markup

from facilitation.exports import charts
from facilitation.exports.content import (
    REPORT_HEADINGS,
    Sources,
    action_status,
    by_kind,
    goal_header,
    participation_line,
    place,
    report_context,
    report_overview,
    sdg_matrix,
    stream_title,
    tag_labels,
)
from facilitation.exports.html import environment
from facilitation.services.sdgs import label
from facilitation.services.summary_data import EventReport


def report_page(report: EventReport) -> str:
    """The report's page as text."""
    chart = charts.goal_outcomes(report)
    return (
        environment()
        .get_template("report.html")
        .render(
            report=report,
            h=REPORT_HEADINGS,
            context=report_context(report),
            overview=report_overview(report),
            matrix=sdg_matrix(report),
            goal_header=goal_header,
            goal_label=label,
            # matplotlib's SVG escapes its own text: it goes in as markup.
            chart=Markup(charts.svg(chart)) if chart else None,
            actions=report.outcomes("action"),
            top_ideas=report.top_ideas(),
            place=place,
            status=action_status,
            stream_title=stream_title,
            participation_line=participation_line,
            by_kind=by_kind,
            sources_of=Sources,
            tag_labels=tag_labels,
        )
    )


def render_report_html(report: EventReport) -> bytes:
    return report_page(report).encode("utf-8")
