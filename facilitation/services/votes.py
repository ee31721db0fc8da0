"""Dot votes: a budget per participant and prompt, at most one vote per idea."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitation.models import Idea, Prompt, Vote
from facilitation.services.actors import Actor, require_participant
from facilitation.services.errors import ConflictError, NotFoundError
from facilitation.services.events import Published, VoteTallied, lock_roundtable, record
from facilitation.services.ideas import require_open
from facilitation.services.roundtables import require_access


def votes_used(session: Session, *, participant_id: int, prompt_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Vote)
            .where(Vote.participant_id == participant_id, Vote.prompt_id == prompt_id)
        )
        or 0
    )


def _idea_in(session: Session, roundtable_id: int, idea_id: int) -> tuple[Idea, Prompt]:
    idea = session.get(Idea, idea_id)
    if idea is None or idea.prompt.roundtable_id != roundtable_id:
        raise NotFoundError("idea")
    return idea, idea.prompt


def cast_vote(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int
) -> tuple[int, list[Published]]:
    """Spend one of the prompt's votes on an idea; returns the votes left."""
    participant_id = require_participant(actor)
    require_access(session, actor, roundtable_id)
    roundtable = lock_roundtable(session, roundtable_id)
    idea, prompt = _idea_in(session, roundtable.id, idea_id)
    require_open(prompt)
    used = votes_used(session, participant_id=participant_id, prompt_id=prompt.id)
    already = session.scalar(
        select(Vote.id).where(Vote.participant_id == participant_id, Vote.idea_id == idea.id)
    )
    if already is not None:
        raise ConflictError("already_voted", "You have already voted for this idea.")
    if used >= prompt.votes_per_participant:
        raise ConflictError(
            "over_budget", f"You have used all {prompt.votes_per_participant} of your votes."
        )
    session.add(Vote(prompt_id=prompt.id, idea_id=idea.id, participant_id=participant_id))
    idea.vote_count += 1
    session.flush()
    events = record(
        session, roundtable, [VoteTallied(idea_id=idea.id, votes=idea.vote_count)], actor=actor
    )
    return prompt.votes_per_participant - used - 1, events


def retract_vote(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int
) -> tuple[int, list[Published]]:
    """Take back a vote on an idea; returns the votes left."""
    participant_id = require_participant(actor)
    require_access(session, actor, roundtable_id)
    roundtable = lock_roundtable(session, roundtable_id)
    idea, prompt = _idea_in(session, roundtable.id, idea_id)
    require_open(prompt)
    vote = session.scalar(
        select(Vote).where(Vote.participant_id == participant_id, Vote.idea_id == idea.id)
    )
    if vote is None:
        raise ConflictError("not_voted", "You have not voted for this idea.")
    session.delete(vote)
    idea.vote_count -= 1
    session.flush()
    used = votes_used(session, participant_id=participant_id, prompt_id=prompt.id)
    events = record(
        session, roundtable, [VoteTallied(idea_id=idea.id, votes=idea.vote_count)], actor=actor
    )
    return prompt.votes_per_participant - used, events
