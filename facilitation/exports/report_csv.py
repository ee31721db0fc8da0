"""The whole-event report as CSV: one row per outcome across the event, then, after a blank
row, the top ideas. Cells are made safe from formulas as in the summary's CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from facilitation.exports.csv_summary import Cell, cell
from facilitation.services.summary_data import EventReport

OUTCOME_HEADER = (
    "stream",
    "roundtable",
    "roundtable id",
    "outcome id",
    "kind",
    "text",
    "owner",
    "due",
    "status",
    "SDGs",
)
IDEA_HEADER = (
    "rank",
    "stream",
    "roundtable",
    "roundtable id",
    "prompt",
    "idea id",
    "text",
    "author",
    "affiliation",
    "votes",
)


def _outcome_rows(report: EventReport) -> Iterator[tuple[Cell, ...]]:
    for stream in report.streams:
        for summary in stream.roundtables:
            for outcome in summary.outcomes:
                yield (
                    stream.title,
                    summary.title,
                    summary.roundtable_id,
                    outcome.id,
                    outcome.kind,
                    outcome.text,
                    outcome.owner,
                    outcome.due,
                    outcome.status,
                    " ".join(str(goal) for goal in outcome.sdgs),
                )


def _idea_rows(report: EventReport) -> Iterator[tuple[Cell, ...]]:
    for rank, placed in enumerate(report.top_ideas(), start=1):
        yield (
            rank,
            placed.where.stream,
            placed.where.roundtable,
            placed.where.roundtable_id,
            placed.prompt,
            placed.idea.id,
            placed.idea.text,
            placed.idea.author,
            placed.idea.affiliation,
            placed.idea.votes,
        )


def render_report_csv(report: EventReport) -> bytes:
    """Every outcome of the event, then its top ideas, as one CSV file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(OUTCOME_HEADER)
    writer.writerows([cell(value) for value in row] for row in _outcome_rows(report))
    writer.writerow(())
    writer.writerow(IDEA_HEADER)
    writer.writerows([cell(value) for value in row] for row in _idea_rows(report))
    return buffer.getvalue().encode("utf-8-sig")
