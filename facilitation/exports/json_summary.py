"""The session summary as JSON (schema facilitation.summary/1)."""

# No `from __future__ import annotations` here: Python 3.11 reads NotRequired only from
# evaluated annotations, and the protocol test compares the documented example with them.
import json
from datetime import datetime
from typing import NotRequired, TypedDict

from facilitation.services.shapes import (
    AssessmentResultsView,
    ParticipationView,
    PollResultsView,
    RankingResultsView,
    ResultsView,
    ScaleResultsView,
    StatementsResultsView,
)
from facilitation.services.summary_data import (
    AnsweredResults,
    AssessmentSummary,
    Byline,
    IdeaSummary,
    OutcomeSummary,
    Participation,
    PollSummary,
    PromptSummary,
    RankingSummary,
    ReplySummary,
    ScaleSummary,
    Speaking,
    StatementsSummary,
    Summary,
    ThemeSummary,
    participation_view,
)

SCHEMA = "facilitation.summary/1"


class Credit(TypedDict):
    author: str | None
    affiliation: str | None


class ReplyEntry(Credit):
    id: int
    text: str
    created_at: str | None
    reactions: dict[str, int]


class MergedEntry(Credit):
    id: int
    text: str


# "pass" is a keyword in Python: a statement's counts can only be written the functional way.
StatementCounts = TypedDict(
    "StatementCounts",
    {"agree": NotRequired[int], "disagree": NotRequired[int], "pass": NotRequired[int]},
)


class IdeaEntry(StatementCounts):
    """An idea; a statement adds its agree, disagree and pass counts."""

    id: int
    rank: int
    text: str
    author: str | None
    affiliation: str | None
    votes: int
    theme: str | None
    created_at: str | None
    edited: bool
    reactions: dict[str, int]
    replies: list[ReplyEntry]
    merged: list[MergedEntry]
    answered: NotRequired[bool]  # the questions of a `questions` prompt only


class ThemeEntry(TypedDict):
    id: int
    rank: int
    name: str
    support: int
    votes: int
    idea_ids: list[int]


class LeftOutCounts(TypedDict):
    pending: int
    hidden: int
    withdrawn: int
    merged: int


class PromptCounts(TypedDict):
    ideas: int
    replies: int
    contributors: int
    voters: int
    votes: int
    votes_on_themes: int
    reactions: int
    left_out: LeftOutCounts


class PromptEntry(TypedDict):
    id: int
    text: str
    kind: str
    status: str
    phase: str | None
    attribution: str
    opened_at: str | None
    closed_at: str | None
    counts: PromptCounts
    ideas: list[IdeaEntry]
    themes: list[ThemeEntry]
    # A poll, scale, ranking or assessment only: its results in the contract's shapes, as the
    # views send them to staff (services/shapes.py), the assessment's comments included.
    results: NotRequired[ResultsView]


class RoundtableEntry(TypedDict):
    id: int
    title: str
    status: str
    description: str
    ended_at: str | None


class SummaryCounts(TypedDict):
    participants: int
    ideas: int
    replies: int


class UnusedPromptEntry(TypedDict):
    id: int
    text: str


class OutcomeEntry(TypedDict):
    id: int
    kind: str
    text: str
    owner: str | None
    due: str | None
    status: str | None
    sdgs: list[int]
    source_idea_ids: list[int]
    source_theme_ids: list[int]
    streams: list[str]


# The balance as the rapporteur's page is sent it (services/shapes.py), in the same keys.
ParticipationEntry = ParticipationView


class SpeakerEntry(TypedDict):
    name: str | None  # null in an anonymised summary, or where attribution hides names
    affiliation: str | None
    turns: int
    seconds: int


class AffiliationTimeEntry(TypedDict):
    name: str  # "" for the people who gave none
    people: int
    turns: int
    seconds: int


class SpeakingEntry(TypedDict):
    """Who held the floor and how evenly (docs/reports.md, "Speaking time")."""

    speakers: int
    turns: int
    seconds: int
    longest_share: float | None
    top_fifth_share: float | None
    gini: float | None
    people: list[SpeakerEntry]
    affiliations: list[AffiliationTimeEntry]


class SummaryDocument(TypedDict):
    """The whole summary, as docs/protocol.md shows it under "The summary"."""

    schema: str
    generated_at: str | None
    event: str
    stream: str | None
    roundtable: RoundtableEntry
    counts: SummaryCounts
    prompts: list[PromptEntry]
    unused_prompts: list[UnusedPromptEntry]
    outcomes: list[OutcomeEntry]
    participation: ParticipationEntry | None
    speaking: SpeakingEntry | None


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment else None


def _credit(byline: Byline) -> Credit:
    return {"author": byline.author, "affiliation": byline.affiliation}


def _idea(idea: IdeaSummary) -> IdeaEntry:
    entry: IdeaEntry = {
        "id": idea.id,
        "rank": idea.rank,
        "text": idea.text,
        "author": idea.author,
        "affiliation": idea.affiliation,
        "votes": idea.votes,
        "theme": idea.theme,
        "created_at": _when(idea.created_at),
        "edited": idea.edited,
        "reactions": idea.reactions,
        "replies": [_reply(reply) for reply in idea.replies],
        "merged": [
            {"id": merged.id, "text": merged.text, **_credit(merged.byline)}
            for merged in idea.merged
        ],
    }
    if idea.answered is not None:
        entry["answered"] = idea.answered
    if idea.opinions is not None:
        entry["agree"], entry["disagree"], entry["pass"] = idea.opinions
    return entry


def _reply(reply: ReplySummary) -> ReplyEntry:
    return {
        "id": reply.id,
        "text": reply.text,
        **_credit(reply.byline),
        "created_at": _when(reply.created_at),
        "reactions": reply.reactions,
    }


def _theme(theme: ThemeSummary) -> ThemeEntry:
    return {
        "id": theme.id,
        "rank": theme.rank,
        "name": theme.name,
        "support": theme.support,
        "votes": theme.votes,
        "idea_ids": list(theme.idea_ids),
    }


def _poll(poll: PollSummary) -> PollResultsView:
    return {
        "responses": poll.responses,
        "options": [{"index": o.index, "text": o.text, "count": o.count} for o in poll.options],
    }


def _scale(rated: ScaleSummary) -> ScaleResultsView:
    return {
        "responses": rated.responses,
        "mean": rated.mean,
        "stdev": rated.stdev,
        "distribution": {str(value): n for value, n in rated.distribution.items()},
    }


def _ranking(ranking: RankingSummary) -> RankingResultsView:
    return {
        "responses": ranking.responses,
        "options": [
            {"index": o.index, "text": o.text, "borda": o.borda, "rank": o.rank}
            for o in ranking.options
        ],
    }


def _assessment(assessed: AssessmentSummary) -> AssessmentResultsView:
    return {
        "responses": assessed.responses,
        "items": [
            {
                "index": item.index,
                "text": item.text,
                "score": item.score,
                "rank": item.rank,
                "criteria": [
                    {"name": c.name, "weight": c.weight, "mean": c.mean, "stdev": c.stdev, "n": c.n}
                    for c in item.criteria
                ],
            }
            for item in assessed.items
        ],
        "comments": [
            {"item": c.item, "criterion": c.criterion, "text": c.text} for c in assessed.comments
        ],
    }


def _statements(results: StatementsSummary) -> StatementsResultsView:
    return {
        "voters": results.voters,
        "groups": [
            {
                "size": group.size,
                "statements": [
                    {"idea_id": s.idea_id, "agree": s.agree, "disagree": s.disagree}
                    for s in group.shares
                ],
            }
            for group in results.groups
        ],
        "consensus": [s.id for s in results.statements if s.consensus],
        "divisive": [s.id for s in results.statements if s.divisive],
    }


def _results(results: AnsweredResults) -> ResultsView:
    if isinstance(results, PollSummary):
        return _poll(results)
    if isinstance(results, ScaleSummary):
        return _scale(results)
    if isinstance(results, RankingSummary):
        return _ranking(results)
    if isinstance(results, StatementsSummary):
        return _statements(results)
    return _assessment(results)


def _prompt(prompt: PromptSummary) -> PromptEntry:
    left_out = prompt.left_out
    entry: PromptEntry = {
        "id": prompt.id,
        "text": prompt.text,
        "kind": prompt.kind,
        "status": prompt.status,
        "phase": prompt.phase,
        "attribution": prompt.attribution,
        "opened_at": _when(prompt.opened_at),
        "closed_at": _when(prompt.closed_at),
        "counts": {
            "ideas": len(prompt.ideas),
            "replies": prompt.replies,
            "contributors": prompt.contributors,
            "voters": prompt.voters,
            "votes": prompt.votes_cast,
            "votes_on_themes": prompt.theme_votes,
            "reactions": prompt.reactions,
            "left_out": {
                "pending": left_out.pending,
                "hidden": left_out.hidden,
                "withdrawn": left_out.withdrawn,
                "merged": left_out.merged,
            },
        },
        "ideas": [_idea(idea) for idea in prompt.ideas],
        "themes": [_theme(theme) for theme in prompt.themes],
    }
    if prompt.results is not None:
        entry["results"] = _results(prompt.results)
    return entry


def _outcome(outcome: OutcomeSummary) -> OutcomeEntry:
    return {
        "id": outcome.id,
        "kind": outcome.kind,
        "text": outcome.text,
        "owner": outcome.owner,
        "due": outcome.due,
        "status": outcome.status,
        "sdgs": list(outcome.sdgs),
        "source_idea_ids": list(outcome.source_idea_ids),
        "source_theme_ids": list(outcome.source_theme_ids),
        "streams": list(outcome.streams),
    }


def _participation(participation: Participation | None) -> ParticipationEntry | None:
    return participation_view(participation) if participation is not None else None


def _speaking(speaking: Speaking | None) -> SpeakingEntry | None:
    if speaking is None:
        return None
    return {
        "speakers": len(speaking.people),
        "turns": speaking.turns,
        "seconds": speaking.seconds,
        "longest_share": speaking.longest_share,
        "top_fifth_share": speaking.top_fifth_share,
        "gini": speaking.gini,
        "people": [
            {"name": p.name, "affiliation": p.affiliation, "turns": p.turns, "seconds": p.seconds}
            for p in speaking.people
        ],
        "affiliations": [
            {"name": a.name, "people": a.people, "turns": a.turns, "seconds": a.seconds}
            for a in speaking.affiliations
        ],
    }


def summary_dict(summary: Summary) -> SummaryDocument:
    return {
        "schema": SCHEMA,
        "generated_at": _when(summary.generated_at),
        "event": summary.event,
        "stream": summary.stream,
        "roundtable": {
            "id": summary.roundtable_id,
            "title": summary.title,
            "status": summary.status,
            "description": summary.description,
            "ended_at": _when(summary.ended_at),
        },
        "counts": {
            "participants": summary.participants,
            "ideas": summary.idea_count,
            "replies": summary.reply_count,
        },
        "prompts": [_prompt(prompt) for prompt in summary.prompts],
        "unused_prompts": [{"id": p.id, "text": p.text} for p in summary.unused],
        "outcomes": [_outcome(outcome) for outcome in summary.outcomes],
        "participation": _participation(summary.participation),
        "speaking": _speaking(summary.speaking),
    }


def render_json(summary: Summary) -> bytes:
    return json.dumps(summary_dict(summary), ensure_ascii=False, indent=2).encode("utf-8")
