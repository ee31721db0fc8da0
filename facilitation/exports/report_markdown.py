"""The whole-event report as Markdown, escaped by the summary's rules."""

from __future__ import annotations

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
from facilitation.exports.markdown import escape, heading, paragraph
from facilitation.services.sdgs import GOALS, label
from facilitation.services.summary_data import EventReport, OutcomeSummary, Summary

H = REPORT_HEADINGS


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _goals(report: EventReport) -> list[str]:
    lines = [heading(2, H["goals"]), ""]
    if report.goals:
        header = [H["stream"], *(goal_header(g) for g in report.goals)]
        lines += [_row(header), _row(["---", *("---:" for _ in report.goals)])]
        lines += [
            _row([escape(row.stream), *(str(n) for n in row.counts)]) for row in sdg_matrix(report)
        ]
        lines += ["", *(f"- {escape(label(g))}" for g in report.goals if g in GOALS), ""]
    lines += [heading(3, H["goals_missing"]), ""]
    missing = [escape(label(g)) for g in report.goals_missing]
    return [*lines, "; ".join(missing) if missing else H["none_missing"], ""]


def _actions(report: EventReport) -> list[str]:
    actions = report.outcomes("action")
    if not actions:
        return []
    header = [H["action"], H["owner"], H["due"], H["status"], H["where"]]
    lines = [heading(2, H["actions"]), "", _row(header), _row(["---"] * len(header))]
    lines += [
        _row(
            [
                escape(p.outcome.text),
                escape(p.outcome.owner) if p.outcome.owner else "—",
                escape(p.outcome.due or "—"),
                escape(action_status(p.outcome)),
                escape(place(p.where.stream, p.where.roundtable)),
            ]
        )
        for p in actions
    ]
    return [*lines, ""]


def _top_ideas(report: EventReport) -> list[str]:
    top = report.top_ideas()
    if not top:
        return []
    header = [H["rank"], H["idea"], H["votes"], H["where"]]
    lines = [heading(2, H["top_ideas"]), "", _row(header), _row(["---:", "---", "---:", "---"])]
    lines += [
        _row(
            [
                str(rank),
                escape(p.idea.text),
                str(p.idea.votes),
                escape(place(p.where.stream, p.where.roundtable)),
            ]
        )
        for rank, p in enumerate(top, start=1)
    ]
    return [*lines, ""]


def _notes(outcome: OutcomeSummary, sources: Sources) -> str:
    notes = [escape(goal) for goal in tag_labels(outcome)]
    if source := sources.of(outcome):
        notes.append(escape(source.sentence()))
    return " · ".join(notes)


def _roundtable(summary: Summary) -> list[str]:
    lines = [heading(3, summary.title), "", paragraph(participation_line(summary)), ""]
    groups = by_kind(summary)
    if not groups:
        return [*lines, H["no_outcomes"], ""]
    sources = Sources(summary)
    for kind, title, outcomes in groups:
        lines += [heading(4, title), ""]
        for o in outcomes:
            text = escape(o.text)
            if kind == "action":
                owner = escape(o.owner) if o.owner else "—"
                text += f" ({owner}, {escape(o.due or '—')}, {escape(action_status(o))})"
            notes = _notes(o, sources)
            lines.append(f"- {text}" + (f"  \n  *{notes}*" if notes else ""))
        lines.append("")
    return lines


def render_report_markdown(report: EventReport) -> bytes:
    lines = [heading(1, report.title), ""]
    if context := report_context(report):
        lines += [f"*{escape(context)}*", ""]
    lines += [heading(2, H["overview"]), ""]
    lines += [*(f"- {name}: {value}" for name, value in report_overview(report)), ""]
    lines += _goals(report)
    lines += _actions(report)
    lines += _top_ideas(report)
    for stream in report.streams:
        lines += [heading(2, stream_title(stream.title)), ""]
        for summary in stream.roundtables:
            lines += _roundtable(summary)
    return "\n".join(lines).encode("utf-8")
