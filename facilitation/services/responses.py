"""Answering a poll, scale, ranking or assessment: one answer per participant and prompt,
replaced when submitted again (an assessment's scores by item and criterion)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.models import Prompt, PromptKind, Response, utcnow
from facilitation.services.actors import Actor, require_participant
from facilitation.services.answers import (
    check_choices,
    check_order,
    check_scores,
    check_value,
)
from facilitation.services.errors import ConflictError, InvalidInputError
from facilitation.services.events import ResultsUpdated, Written, lock_roundtable, record
from facilitation.services.ideas import require_open
from facilitation.services.prompts import prompt_in
from facilitation.services.results import (
    answer_view,
    criteria_of,
    is_answered,
    items_of,
    max_choices_of,
    options_of,
    scale_of,
    score_view,
    scores_of,
)
from facilitation.services.roundtables import require_access
from facilitation.services.shapes import AnswerView

# The one field each kind is answered with.
ANSWER_FIELD = {
    PromptKind.POLL: "choices",
    PromptKind.SCALE: "value",
    PromptKind.RANKING: "order",
    PromptKind.ASSESSMENT: "scores",
}


def _checked(prompt: Prompt, raw: object) -> dict[str, Any]:
    """The answer as it is stored, checked against the prompt's setup."""
    if prompt.kind == PromptKind.POLL:
        options = len(options_of(prompt))
        choices = check_choices(raw, options=options, max_choices=max_choices_of(prompt))
        return {"choices": list(choices)}
    if prompt.kind == PromptKind.SCALE:
        return {"value": check_value(raw, scale_of(prompt))}
    if prompt.kind == PromptKind.RANKING:
        return {"order": list(check_order(raw, options=len(options_of(prompt))))}
    scores = check_scores(
        raw, items=len(items_of(prompt)), criteria=len(criteria_of(prompt)), scale=scale_of(prompt)
    )
    return {"scores": [score_view(score) for score in scores]}


def _merged(earlier: dict[str, Any], later: dict[str, Any]) -> dict[str, Any]:
    """An assessment's scores: the later ones replace the earlier by item and criterion."""
    by_cell = {(s.item, s.criterion): s for s in scores_of(earlier)}
    by_cell.update({(s.item, s.criterion): s for s in scores_of(later)})
    return {"scores": [score_view(by_cell[cell]) for cell in sorted(by_cell)]}


def submit_response(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    prompt_id: int,
    answer: dict[str, object],
) -> Written[AnswerView]:
    """Store a participant's answer to an open answered prompt; answers with the whole answer
    now kept. `answer` holds the fields the participant sent besides the prompt's id."""
    participant_id = require_participant(actor)
    require_access(session, actor, roundtable_id)
    roundtable = lock_roundtable(session, roundtable_id)
    prompt = prompt_in(session, roundtable.id, prompt_id)
    if not is_answered(prompt):
        raise ConflictError("wrong_kind", "This prompt takes ideas, not answers.")
    field = ANSWER_FIELD[PromptKind(prompt.kind)]
    if set(answer) != {field}:
        raise InvalidInputError("bad_request", f"A {prompt.kind} is answered with {field}.")
    require_open(prompt)
    given = _checked(prompt, answer[field])
    response = session.scalar(
        select(Response).where(
            Response.prompt_id == prompt.id, Response.participant_id == participant_id
        )
    )
    if response is None:
        response = Response(prompt_id=prompt.id, participant_id=participant_id, answer=given)
        session.add(response)
    else:
        if prompt.kind == PromptKind.ASSESSMENT:
            given = _merged(response.answer, given)
        if given == response.answer:  # sent again after a dropped ack: nothing moves
            session.commit()
            return Written(answer_view(prompt, given), [])
        response.answer = given
        response.updated_at = utcnow()
    session.flush()
    events = record(session, roundtable, [ResultsUpdated.of(prompt)], actor=actor)
    return Written(answer_view(prompt, given), events)
