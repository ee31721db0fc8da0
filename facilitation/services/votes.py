"""Dot votes: a budget per participant and prompt, at most one vote per idea."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitation.models import (
    Idea,
    IdeaStatus,
    Prompt,
    PromptKind,
    Roundtable,
    Theme,
    ThemeVote,
    Vote,
)
from facilitation.services.actors import Actor, require_participant
from facilitation.services.errors import ConflictError, NotFoundError
from facilitation.services.events import (
    RoomChange,
    ThemeTallied,
    VoteTallied,
    Written,
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


C = TypeVar("C", Idea, Theme)


@dataclass(frozen=True)
class Ballot(Generic[C]):
    """What a vote or its retraction acts on, checked and locked: an idea or a theme."""

    participant_id: int
    roundtable: Roundtable
    prompt: Prompt
    choice: C


def _ballot(
    session: Session, actor: Actor | None, roundtable_id: int, idea_id: int
) -> Ballot[Idea]:
    participant_id, roundtable = _voter(session, actor, roundtable_id)
    idea = session.get(Idea, idea_id)
    if idea is None or idea.prompt.roundtable_id != roundtable.id:
        raise NotFoundError("idea")
    if idea.status != IdeaStatus.VISIBLE:
        raise ConflictError("idea_unavailable", "This idea is not open to votes.")
    if idea.parent_id is not None:
        raise ConflictError("idea_unavailable", "Replies build on an idea; vote for the idea.")
    if idea.prompt.kind == PromptKind.STATEMENTS:
        raise ConflictError(
            "wrong_kind", "A statement takes agree, disagree or pass: opinion.cast."
        )
    return Ballot(participant_id, roundtable, _voting(idea.prompt), idea)


def _theme_ballot(
    session: Session, actor: Actor | None, roundtable_id: int, theme_id: int
) -> Ballot[Theme]:
    participant_id, roundtable = _voter(session, actor, roundtable_id)
    theme = session.get(Theme, theme_id)
    if theme is None or theme.prompt.roundtable_id != roundtable.id:
        raise NotFoundError("theme")
    return Ballot(participant_id, roundtable, _voting(theme.prompt), theme)


def _voter(session: Session, actor: Actor | None, roundtable_id: int) -> tuple[int, Roundtable]:
    """The participant who votes, and their roundtable, locked for the vote budget's sake."""
    participant_id = require_participant(actor)
    require_access(session, actor, roundtable_id)
    return participant_id, lock_roundtable(session, roundtable_id)


def _voting(prompt: Prompt) -> Prompt:
    """The prompt, if it takes votes now."""
    if not may_vote(require_open(prompt)):
        raise ConflictError("wrong_phase", "Voting is not open in this phase.")
    return prompt


def _existing_vote(session: Session, ballot: Ballot[Idea]) -> Vote | None:
    return session.scalar(
        select(Vote).where(
            Vote.participant_id == ballot.participant_id, Vote.idea_id == ballot.choice.id
        )
    )


def _existing_theme_vote(session: Session, ballot: Ballot[Theme]) -> ThemeVote | None:
    return session.scalar(
        select(ThemeVote).where(
            ThemeVote.participant_id == ballot.participant_id,
            ThemeVote.theme_id == ballot.choice.id,
        )
    )


def _within_budget(session: Session, ballot: Ballot[C]) -> None:
    if not has_budget(ballot.prompt):
        return
    budget = ballot.prompt.votes_per_participant
    if votes_used(session, participant_id=ballot.participant_id, prompt_id=ballot.prompt.id) >= (
        budget
    ):
        raise ConflictError("over_budget", f"You have used all {budget} of your votes.")


def has_budget(prompt: Prompt) -> bool:
    """Dot votes are rationed; a panel's questions are upvoted freely, one upvote each."""
    return prompt.kind != PromptKind.QUESTIONS


def _counted(
    session: Session, ballot: Ballot[C], changes: list[RoomChange], actor: Actor | None
) -> Written[int | None]:
    """Log the new totals; answers with the votes the participant has left on the prompt
    (None where there is no budget)."""
    session.flush()
    used = votes_used(session, participant_id=ballot.participant_id, prompt_id=ballot.prompt.id)
    events = record(session, ballot.roundtable, changes, actor=actor)
    left = ballot.prompt.votes_per_participant - used if has_budget(ballot.prompt) else None
    return Written(left, events)


def _idea_tallied(
    session: Session, ballot: Ballot[Idea], actor: Actor | None
) -> Written[int | None]:
    idea = ballot.choice
    session.flush()
    changes = [VoteTallied.of(idea), *theme_tallies(session, idea.theme_id)]
    return _counted(session, ballot, changes, actor)


def cast_vote(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int
) -> Written[int | None]:
    """Spend one of the prompt's votes on an idea; answers with the votes left."""
    ballot = _ballot(session, actor, roundtable_id, idea_id)
    if _existing_vote(session, ballot) is not None:
        raise ConflictError("already_voted", "You have already voted for this idea.")
    _within_budget(session, ballot)
    session.add(
        Vote(
            prompt_id=ballot.prompt.id,
            idea_id=ballot.choice.id,
            participant_id=ballot.participant_id,
        )
    )
    ballot.choice.vote_count += 1
    return _idea_tallied(session, ballot, actor)


def retract_vote(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int
) -> Written[int | None]:
    """Take back a vote on an idea; answers with the votes left."""
    ballot = _ballot(session, actor, roundtable_id, idea_id)
    vote = _existing_vote(session, ballot)
    if vote is None:
        raise ConflictError("not_voted", "You have not voted for this idea.")
    session.delete(vote)
    ballot.choice.vote_count -= 1
    return _idea_tallied(session, ballot, actor)


def cast_theme_vote(
    session: Session, *, actor: Actor | None, roundtable_id: int, theme_id: int
) -> Written[int | None]:
    """Spend one of the prompt's votes on a theme; answers with the votes left."""
    ballot = _theme_ballot(session, actor, roundtable_id, theme_id)
    if _existing_theme_vote(session, ballot) is not None:
        raise ConflictError("already_voted", "You have already voted for this theme.")
    _within_budget(session, ballot)
    theme = ballot.choice
    session.add(
        ThemeVote(
            prompt_id=theme.prompt_id, theme_id=theme.id, participant_id=ballot.participant_id
        )
    )
    theme.vote_count += 1
    session.flush()
    return _counted(session, ballot, [ThemeTallied.of(theme)], actor)


def retract_theme_vote(
    session: Session, *, actor: Actor | None, roundtable_id: int, theme_id: int
) -> Written[int | None]:
    """Take back a vote on a theme; answers with the votes left."""
    ballot = _theme_ballot(session, actor, roundtable_id, theme_id)
    existing = _existing_theme_vote(session, ballot)
    if existing is None:
        raise ConflictError("not_voted", "You have not voted for this theme.")
    session.delete(existing)
    ballot.choice.vote_count -= 1
    session.flush()
    return _counted(session, ballot, [ThemeTallied.of(ballot.choice)], actor)
