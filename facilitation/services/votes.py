"""Dot votes: a budget per participant and prompt, at most one vote per idea."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitation.models import Idea, IdeaStatus, Prompt, Roundtable, Theme, ThemeVote, Vote
from facilitation.services.actors import Actor, require_participant
from facilitation.services.errors import ConflictError, NotFoundError
from facilitation.services.events import (
    Published,
    ThemeTallied,
    VoteTallied,
    lock_roundtable,
    record,
    theme_tallies,
)
from facilitation.services.ideas import require_open
from facilitation.services.roundtables import require_access
from facilitation.services.views import may_vote


def votes_used(session: Session, *, participant_id: int, prompt_id: int) -> int:
    """Votes spent on the prompt, on ideas and themes alike: they share one budget."""
    total = 0
    for model in (Vote, ThemeVote):
        total += (
            session.scalar(
                select(func.count())
                .select_from(model)
                .where(model.participant_id == participant_id, model.prompt_id == prompt_id)
            )
            or 0
        )
    return total


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
    if idea.status != IdeaStatus.VISIBLE:
        raise ConflictError("idea_unavailable", "This idea is not open to votes.")
    if idea.parent_id is not None:
        raise ConflictError("idea_unavailable", "Replies build on an idea; vote for the idea.")
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
    changes = [VoteTallied.of(ballot.idea), *theme_tallies(session, ballot.idea.theme_id)]
    events = record(session, ballot.roundtable, changes, actor=actor)
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


def _theme_ballot(
    session: Session, actor: Actor | None, roundtable_id: int, theme_id: int
) -> tuple[int, Roundtable, Theme, ThemeVote | None]:
    participant_id = require_participant(actor)
    require_access(session, actor, roundtable_id)
    roundtable = lock_roundtable(session, roundtable_id)
    theme = session.get(Theme, theme_id)
    if theme is None or theme.prompt.roundtable_id != roundtable.id:
        raise NotFoundError("theme")
    if not may_vote(require_open(theme.prompt)):
        raise ConflictError("wrong_phase", "Voting is not open in this phase.")
    existing = session.scalar(
        select(ThemeVote).where(
            ThemeVote.participant_id == participant_id, ThemeVote.theme_id == theme.id
        )
    )
    return participant_id, roundtable, theme, existing


def _theme_tallied(
    session: Session, participant_id: int, roundtable: Roundtable, theme: Theme, actor: Actor | None
) -> tuple[int, list[Published]]:
    session.flush()
    used = votes_used(session, participant_id=participant_id, prompt_id=theme.prompt_id)
    events = record(session, roundtable, [ThemeTallied.of(theme)], actor=actor)
    return theme.prompt.votes_per_participant - used, events


def cast_theme_vote(
    session: Session, *, actor: Actor | None, roundtable_id: int, theme_id: int
) -> tuple[int, list[Published]]:
    """Spend one of the prompt's votes on a theme; returns the votes left."""
    participant_id, roundtable, theme, existing = _theme_ballot(
        session, actor, roundtable_id, theme_id
    )
    if existing is not None:
        raise ConflictError("already_voted", "You have already voted for this theme.")
    budget = theme.prompt.votes_per_participant
    if votes_used(session, participant_id=participant_id, prompt_id=theme.prompt_id) >= budget:
        raise ConflictError("over_budget", f"You have used all {budget} of your votes.")
    session.add(
        ThemeVote(prompt_id=theme.prompt_id, theme_id=theme.id, participant_id=participant_id)
    )
    theme.vote_count += 1
    return _theme_tallied(session, participant_id, roundtable, theme, actor)


def retract_theme_vote(
    session: Session, *, actor: Actor | None, roundtable_id: int, theme_id: int
) -> tuple[int, list[Published]]:
    """Take back a vote on a theme; returns the votes left."""
    participant_id, roundtable, theme, existing = _theme_ballot(
        session, actor, roundtable_id, theme_id
    )
    if existing is None:
        raise ConflictError("not_voted", "You have not voted for this theme.")
    session.delete(existing)
    theme.vote_count -= 1
    return _theme_tallied(session, participant_id, roundtable, theme, actor)
