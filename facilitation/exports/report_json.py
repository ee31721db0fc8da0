"""The whole-event report as JSON (schema facilitation.report/1)."""

from __future__ import annotations

import json
from typing import TypedDict

from facilitation.exports.json_summary import SummaryDocument, summary_dict
from facilitation.services.sdgs import GOALS
from facilitation.services.summary_data import EventReport, Placed, PlacedOutcome

SCHEMA = "facilitation.report/1"


class EventEntry(TypedDict):
    id: int
    title: str
    subtitle: str
    venue: str
    starts_on: str
    ends_on: str


class ReportCounts(TypedDict):
    roundtables: int
    participants: int
    ideas: int
    outcomes: int


class GoalEntry(TypedDict):
    number: int
    name: str


class MatrixRow(TypedDict):
    stream: str | None
    goals: dict[str, int]


class StreamEntry(TypedDict):
    title: str | None
    roundtables: list[SummaryDocument]


class WhereEntry(TypedDict):
    stream: str | None
    roundtable: str
    roundtable_id: int


class TopIdeaEntry(WhereEntry):
    id: int
    text: str
    votes: int
    author: str | None
    affiliation: str | None
    prompt: str


class PlacedOutcomeEntry(WhereEntry):
    id: int
    text: str
    sdgs: list[int]


class ActionItemEntry(PlacedOutcomeEntry):
    owner: str | None
    due: str | None
    status: str | None


class ReportDocument(TypedDict):
    """The whole report, as docs/protocol.md shows it under "The event report"."""

    schema: str
    event: EventEntry
    generated_at: str
    counts: ReportCounts
    goals: list[GoalEntry]
    goals_missing: list[GoalEntry]
    sdg_matrix: list[MatrixRow]
    streams: list[StreamEntry]
    top_ideas: list[TopIdeaEntry]
    action_items: list[ActionItemEntry]
    takeaways: list[PlacedOutcomeEntry]
    decisions: list[PlacedOutcomeEntry]


def _where(where: Placed) -> WhereEntry:
    return {
        "stream": where.stream,
        "roundtable": where.roundtable,
        "roundtable_id": where.roundtable_id,
    }


def _placed(placed: PlacedOutcome) -> PlacedOutcomeEntry:
    outcome = placed.outcome
    return {
        "id": outcome.id,
        "text": outcome.text,
        "sdgs": list(outcome.sdgs),
        **_where(placed.where),
    }


def _action(placed: PlacedOutcome) -> ActionItemEntry:
    outcome = placed.outcome
    return {
        **_placed(placed),
        "owner": outcome.owner,
        "due": outcome.due,
        "status": outcome.status,
    }


def _goal(goal: int) -> GoalEntry:
    return {"number": goal, "name": GOALS[goal]}


def report_dict(report: EventReport) -> ReportDocument:
    roundtables = report.roundtables
    return {
        "schema": SCHEMA,
        "event": {
            "id": report.event_id,
            "title": report.title,
            "subtitle": report.subtitle,
            "venue": report.venue,
            "starts_on": report.starts_on,
            "ends_on": report.ends_on,
        },
        "generated_at": report.generated_at.isoformat(timespec="seconds") + "Z",
        "counts": {
            "roundtables": len(roundtables),
            "participants": sum(s.participants for s in roundtables),
            "ideas": sum(s.idea_count for s in roundtables),
            "outcomes": sum(len(s.outcomes) for s in roundtables),
        },
        "goals": [_goal(goal) for goal in report.goals if goal in GOALS],
        "goals_missing": [_goal(goal) for goal in report.goals_missing],
        "sdg_matrix": [
            {"stream": stream.title, "goals": {str(g): n for g, n in stream.goals.items()}}
            for stream in report.streams
        ],
        "streams": [
            {"title": stream.title, "roundtables": [summary_dict(s) for s in stream.roundtables]}
            for stream in report.streams
        ],
        "top_ideas": [
            {
                "id": placed.idea.id,
                "text": placed.idea.text,
                "votes": placed.idea.votes,
                "author": placed.idea.author,
                "affiliation": placed.idea.affiliation,
                "prompt": placed.prompt,
                **_where(placed.where),
            }
            for placed in report.top_ideas()
        ],
        "action_items": [_action(placed) for placed in report.outcomes("action")],
        "takeaways": [_placed(placed) for placed in report.outcomes("takeaway")],
        "decisions": [_placed(placed) for placed in report.outcomes("decision")],
    }


def render_report_json(report: EventReport) -> bytes:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2).encode("utf-8")
