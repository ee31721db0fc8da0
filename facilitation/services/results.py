"""What the room has answered to a poll, scale, ranking or assessment, as the views show it.

A prompt's setup (its options, scale, items and criteria) lives in its settings, checked by
services/answers.py when it was written; the answers live in the `response` table. Results
are computed from the current answers each time they are shown: a room's answers are a few
dozen rows, and a count kept beside them could only drift from them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from facilitation.models import ANSWERED_KINDS, Prompt, PromptKind, Response
from facilitation.services.answers import (
    DEFAULT_SCALE,
    Criterion,
    Scale,
    Score,
    assessment_results,
    borda,
    poll_results,
    scale_results,
)
from facilitation.services.shapes import (
    AnswerView,
    AssessmentResultsView,
    CommentView,
    CriterionView,
    PollResultsView,
    PromptView,
    RankingResultsView,
    ResultsView,
    ScaleResultsView,
    ScoreView,
)

# The settings keys each kind is set up with, beyond the prompt's text.
SETUP_KEYS: dict[str, tuple[str, ...]] = {
    PromptKind.POLL: ("options", "max_choices"),
    PromptKind.SCALE: ("scale",),
    PromptKind.RANKING: ("options",),
    PromptKind.ASSESSMENT: ("items", "criteria", "scale"),
}


def is_answered(prompt: Prompt) -> bool:
    return prompt.kind in ANSWERED_KINDS


def options_of(prompt: Prompt) -> list[str]:
    return [str(option) for option in prompt.settings.get("options", [])]


def max_choices_of(prompt: Prompt) -> int:
    return int(prompt.settings.get("max_choices", 1))


def scale_of(prompt: Prompt) -> Scale:
    stored = prompt.settings.get("scale") or {}
    return Scale(int(stored.get("min", DEFAULT_SCALE[0])), int(stored.get("max", DEFAULT_SCALE[1])))


def items_of(prompt: Prompt) -> list[str]:
    return [str(item) for item in prompt.settings.get("items", [])]


def criteria_of(prompt: Prompt) -> list[Criterion]:
    return [
        Criterion(
            name=str(entry.get("name", "")),
            weight=float(entry.get("weight", 1)),
            description=str(entry.get("description", "")),
        )
        for entry in prompt.settings.get("criteria", [])
    ]


def criterion_view(criterion: Criterion) -> CriterionView:
    return {
        "name": criterion.name,
        "weight": criterion.weight,
        "description": criterion.description,
    }


def scores_of(answer: dict[str, Any]) -> list[Score]:
    return [
        Score(
            item=int(entry["item"]),
            criterion=int(entry["criterion"]),
            value=int(entry["value"]),
            comment=str(entry.get("comment") or ""),
        )
        for entry in answer.get("scores", [])
    ]


def score_view(score: Score) -> ScoreView:
    return {
        "item": score.item,
        "criterion": score.criterion,
        "value": score.value,
        "comment": score.comment,
    }


def answer_view(prompt: Prompt, answer: dict[str, Any]) -> AnswerView:
    """A stored answer as its participant is shown it: the one key its kind answers with."""
    if prompt.kind == PromptKind.POLL:
        return {"choices": [int(c) for c in answer.get("choices", [])]}
    if prompt.kind == PromptKind.SCALE:
        return {"value": int(answer["value"])}
    if prompt.kind == PromptKind.RANKING:
        return {"order": [int(o) for o in answer.get("order", [])]}
    return {"scores": [score_view(score) for score in scores_of(answer)]}


def answers_to(session: Session, prompt_id: int) -> list[dict[str, Any]]:
    """The current answers to a prompt, in the order they were first given."""
    return list(
        session.scalars(
            select(Response.answer).where(Response.prompt_id == prompt_id).order_by(Response.id)
        )
    )


def results_view(
    prompt: Prompt, answers: Iterable[dict[str, Any]], *, comments: bool = False
) -> ResultsView:
    """The results of an answered prompt in the shape the contract gives them; the
    assessment's comments only when asked (for staff), and never with a name."""
    given = list(answers)
    if prompt.kind == PromptKind.POLL:
        return poll_view(prompt, given)
    if prompt.kind == PromptKind.SCALE:
        return scale_view(prompt, given)
    if prompt.kind == PromptKind.RANKING:
        return ranking_view(prompt, given)
    return assessment_view(prompt, given, comments=comments)


def poll_view(prompt: Prompt, given: list[dict[str, Any]]) -> PollResultsView:
    """How many answers chose each option of a poll."""
    poll = poll_results(options_of(prompt), (a.get("choices", []) for a in given))
    return {
        "responses": poll.responses,
        "options": [{"index": o.index, "text": o.text, "count": o.count} for o in poll.options],
    }


def scale_view(prompt: Prompt, given: list[dict[str, Any]]) -> ScaleResultsView:
    """A scale's mean, spread and distribution."""
    rated = scale_results(scale_of(prompt), (int(a["value"]) for a in given))
    return {
        "responses": rated.responses,
        "mean": rated.mean,
        "stdev": rated.stdev,
        "distribution": {str(value): n for value, n in rated.distribution.items()},
    }


def ranking_view(prompt: Prompt, given: list[dict[str, Any]]) -> RankingResultsView:
    """A ranking's Borda points and ranks, in the options' order."""
    ranking = borda(options_of(prompt), (a.get("order", []) for a in given))
    ranks = {option.index: rank for rank, option in ranking.ranked()}
    return {
        "responses": ranking.responses,
        "options": [
            {"index": o.index, "text": o.text, "borda": o.borda, "rank": ranks[o.index]}
            for o in ranking.options
        ],
    }


def assessment_view(
    prompt: Prompt, given: list[dict[str, Any]], *, comments: bool
) -> AssessmentResultsView:
    """An assessment's items with their weighted scores, ranks and criteria; the comments
    only when asked, by item and criterion, never with a name."""
    answers = [scores_of(answer) for answer in given]
    assessed = assessment_results(items_of(prompt), criteria_of(prompt), answers)
    ranks: dict[int, int] = {}
    for position, item in enumerate(assessed.ranked(), start=1):
        if item.score is not None:
            ranks[item.index] = position
    view: AssessmentResultsView = {
        "responses": assessed.responses,
        "items": [
            {
                "index": item.index,
                "text": item.text,
                "score": item.score,
                "rank": ranks.get(item.index),
                "criteria": [
                    {"name": c.name, "weight": c.weight, "mean": c.mean, "stdev": c.stdev, "n": c.n}
                    for c in item.criteria
                ],
            }
            for item in assessed.items
        ],
    }
    if comments:
        said: list[CommentView] = [
            {"item": s.item, "criterion": s.criterion, "text": s.comment}
            for scores in answers
            for s in scores
            if s.comment
        ]
        view["comments"] = sorted(said, key=lambda c: (c["item"], c["criterion"]))
    return view


def add_answered(
    view: PromptView, prompt: Prompt, *, staff: bool, hidden: bool, answers: list[dict[str, Any]]
) -> None:
    """Add an answered prompt's setup, its count of responses and its results (None while
    `hidden`) to its view."""
    if prompt.kind in (PromptKind.POLL, PromptKind.RANKING):
        view["options"] = options_of(prompt)
    if prompt.kind == PromptKind.POLL:
        view["max_choices"] = max_choices_of(prompt)
    if prompt.kind in (PromptKind.SCALE, PromptKind.ASSESSMENT):
        scale = scale_of(prompt)
        view["scale"] = {"min": scale.low, "max": scale.high}
    if prompt.kind == PromptKind.ASSESSMENT:
        view["items"] = items_of(prompt)
        view["criteria"] = [criterion_view(c) for c in criteria_of(prompt)]
    view["responses"] = len(answers)
    view["results"] = None if hidden else results_view(prompt, answers, comments=staff)


def current_answers(prompt: Prompt) -> list[dict[str, Any]]:
    session = object_session(prompt)
    return answers_to(session, prompt.id) if session is not None else []


def my_responses(
    session: Session, roundtable_id: int, participant_id: int
) -> dict[int, dict[str, Any]]:
    """One participant's stored answers in a roundtable, by prompt."""
    rows = session.execute(
        select(Response.prompt_id, Response.answer)
        .join(Prompt, Prompt.id == Response.prompt_id)
        .where(Prompt.roundtable_id == roundtable_id, Response.participant_id == participant_id)
    ).all()
    return {int(prompt_id): dict(answer) for prompt_id, answer in rows}
