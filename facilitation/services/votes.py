"""Dot votes: a budget per participant and prompt, at most one vote per idea."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitation.models import Idea, Prompt, Roundtable, Vote
from facilitation.services.actors import Actor, require_participant
from facilitation.services.errors import ConflictError, NotFoundError
from facilitation.services.events import Published, VoteTallied, lock_roundtable, record
from facilitation.services.ideas import require_open
from facilitation.services.roundtables import require_access
from facilitation.services.views import may_vote


def votes_used(session: Session, *, participant_id: int, prompt_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Vote)
            .where(Vote.participant_id == participant_id, Vote.prompt_id == prompt_id)
        )
        or 0
    )


@dataclass(frozen=True)
class Ballot:
    """What a vote or its retraction acts on, checked and locked."""

    participant_id: int
    roundtable: Roundtable
    idea: Idea
    prompt: Prompt


def _ballot(session: Session, actor: Actor | None, roundtable_id: int, idea_id: int) -> Ballot:
    participant_id = require_participant(actor)
    require_access(session, actor, roundtable_id)
    roundtable = lock_roundtable(session, roundtable_id)
    idea = session.get(Idea, idea_id)
    if idea is None or idea.prompt.roundtable_id != roundtable.id:
        raise NotFoundError("idea")
    prompt = require_open(idea.prompt)
    if not may_vote(prompt):
        raise ConflictError("wrong_phase", "Voting is not open in this phase.")
    return Ballot(participant_id, roundtable, idea, prompt)


def _existing_vote(session: Session, ballot: Ballot) -> Vote | None:
    return session.scalar(
        select(Vote).where(
            Vote.participant_id == ballot.participant_id, Vote.idea_id == ballot.idea.id
        )
    )


def _tallied(session: Session, ballot: Ballot, actor: Actor | None) -> tuple[int, list[Published]]:
    """Log the idea's new total; returns the votes the participant has left on the prompt."""
    session.flush()
    used = votes_used(session, participant_id=ballot.participant_id, prompt_id=ballot.prompt.id)
    tally = VoteTallied.of(ballot.idea)
    events = record(session, ballot.roundtable, [tally], actor=actor)
    return ballot.prompt.votes_per_participant - used, events


def cast_vote(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int
) -> tuple[int, list[Published]]:
    """Spend one of the prompt's votes on an idea; returns the votes left."""
    ballot = _ballot(session, actor, roundtable_id, idea_id)
    if _existing_vote(session, ballot) is not None:
        raise ConflictError("already_voted", "You have already voted for this idea.")
    budget = ballot.prompt.votes_per_participant
    if votes_used(session, participant_id=ballot.participant_id, prompt_id=ballot.prompt.id) >= (
        budget
    ):
        raise ConflictError("over_budget", f"You have used all {budget} of your votes.")
    session.add(
        Vote(
            prompt_id=ballot.prompt.id, idea_id=ballot.idea.id, participant_id=ballot.participant_id
        )
    )
    ballot.idea.vote_count += 1
    return _tallied(session, ballot, actor)


def retract_vote(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int
) -> tuple[int, list[Published]]:
    """Take back a vote on an idea; returns the votes left."""
    ballot = _ballot(session, actor, roundtable_id, idea_id)
    vote = _existing_vote(session, ballot)
    if vote is None:
        raise ConflictError("not_voted", "You have not voted for this idea.")
    session.delete(vote)
    ballot.idea.vote_count -= 1
    return _tallied(session, ballot, actor)
