"""The facilitator's hand on ideas: approve, hide and restore, merge duplicates, spotlight,
and a panel's questions marked answered."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitation.models import Idea, IdeaStatus, PromptKind, Vote
from facilitation.services.actors import Actor, Right, require
from facilitation.services.errors import ConflictError, InvalidInputError
from facilitation.services.events import (
    IdeaUpdated,
    RoomChange,
    RoundtableUpdated,
    Written,
    lock_roundtable,
    record,
    theme_tallies,
)
from facilitation.services.ideas import changed_idea, drop_votes, idea_in
from facilitation.services.shapes import RoundtableView, SeenIdea
from facilitation.services.views import idea_view, roundtable_view

SHOWN = (IdeaStatus.VISIBLE,)


def _moderated(session: Session, actor: Actor | None, roundtable_id: int, idea_id: int) -> Idea:
    require(actor, Right.RUN_PROMPTS)
    lock_roundtable(session, roundtable_id)
    return idea_in(session, roundtable_id, idea_id)


def _move(
    session: Session,
    actor: Actor | None,
    roundtable_id: int,
    idea_id: int,
    *,
    allowed_from: tuple[IdeaStatus, ...],
    to: IdeaStatus,
) -> Written[SeenIdea]:
    idea = _moderated(session, actor, roundtable_id, idea_id)
    if idea.status == to:
        session.commit()
        return Written(idea_view(idea), [])
    if idea.status not in allowed_from:
        raise ConflictError("idea_unavailable", f"A {idea.status} idea cannot become {to}.")
    held_votes = to == IdeaStatus.HIDDEN and drop_votes(session, idea)  # hidden ideas hold none
    idea.status = to
    return changed_idea(session, idea, actor, themes=(idea.theme_id,) if held_votes else ())


def approve_idea(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int
) -> Written[SeenIdea]:
    """Let a pre-moderated idea through to the room."""
    return _move(
        session,
        actor,
        roundtable_id,
        idea_id,
        allowed_from=(IdeaStatus.PENDING,),
        to=IdeaStatus.VISIBLE,
    )


def hide_idea(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int
) -> Written[SeenIdea]:
    """Take an idea out of the room (a pending one is thereby rejected); its votes go back."""
    return _move(
        session,
        actor,
        roundtable_id,
        idea_id,
        allowed_from=(IdeaStatus.VISIBLE, IdeaStatus.PENDING),
        to=IdeaStatus.HIDDEN,
    )


def restore_idea(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int
) -> Written[SeenIdea]:
    """Bring a hidden idea back."""
    return _move(
        session,
        actor,
        roundtable_id,
        idea_id,
        allowed_from=(IdeaStatus.HIDDEN,),
        to=IdeaStatus.VISIBLE,
    )


def merge_ideas(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int, duplicate_id: int
) -> Written[SeenIdea]:
    """Fold a duplicate into an idea: its votes move over, never counting one person twice.

    A participant who voted for both keeps one vote on the merged idea and gets
    the other back to spend again.
    """
    target = _moderated(session, actor, roundtable_id, idea_id)
    duplicate = idea_in(session, roundtable_id, duplicate_id)
    if target.id == duplicate.id:
        raise InvalidInputError("bad_merge", "An idea cannot be merged into itself.")
    if target.prompt_id != duplicate.prompt_id:
        raise InvalidInputError("bad_merge", "Only ideas of the same prompt can be merged.")
    if target.status != IdeaStatus.VISIBLE or duplicate.status != IdeaStatus.VISIBLE:
        raise ConflictError("idea_unavailable", "Only ideas in the room can be merged.")
    if target.parent_id is not None or duplicate.parent_id is not None:
        raise InvalidInputError("bad_merge", "Replies cannot be merged; merge the ideas.")
    target_voters = set(
        session.scalars(select(Vote.participant_id).where(Vote.idea_id == target.id)).all()
    )
    for vote in session.scalars(select(Vote).where(Vote.idea_id == duplicate.id)).all():
        if vote.participant_id in target_voters:
            session.delete(vote)
        else:
            vote.idea_id = target.id
    moved = list(session.scalars(select(Idea).where(Idea.parent_id == duplicate.id)).all())
    for reply in moved:
        reply.parent_id = target.id
    session.flush()
    target.vote_count = (
        session.scalar(select(func.count()).select_from(Vote).where(Vote.idea_id == target.id)) or 0
    )
    duplicate.vote_count = 0
    duplicate.status = IdeaStatus.MERGED
    duplicate.merged_into_id = target.id
    session.flush()
    session.refresh(target)
    session.refresh(duplicate)
    # Every client hears where each moved reply now sits, so none is left under a gone idea.
    changes: list[RoomChange] = [IdeaUpdated.of(duplicate), IdeaUpdated.of(target)]
    changes += [IdeaUpdated.of(reply) for reply in moved]
    changes += theme_tallies(session, duplicate.theme_id, target.theme_id)
    events = record(session, target.prompt.roundtable, changes, actor=actor)  # locked above
    return Written(idea_view(target), events)


def spotlight_idea(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int | None
) -> Written[RoundtableView]:
    """Pin one idea for discussion (on every screen and the big screen), or none."""
    require(actor, Right.RUN_PROMPTS)
    roundtable = lock_roundtable(session, roundtable_id)
    if idea_id is not None and idea_in(session, roundtable_id, idea_id).status not in SHOWN:
        raise ConflictError("idea_unavailable", "Only an idea in the room can be spotlighted.")
    if roundtable.settings.get("spotlight_idea_id") == idea_id:
        session.commit()
        return Written(roundtable_view(roundtable), [])
    roundtable.settings = {**roundtable.settings, "spotlight_idea_id": idea_id}
    session.flush()
    view = roundtable_view(roundtable)
    return Written(
        view, record(session, roundtable, [RoundtableUpdated(roundtable=view)], actor=actor)
    )


def mark_answered(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    idea_id: int,
    answered: bool = True,
) -> Written[SeenIdea]:
    """Mark a panel's question answered (or not, undoing a slip). The question being answered
    is the one in the spotlight; once answered, it leaves the spotlight."""
    idea = _moderated(session, actor, roundtable_id, idea_id)
    if idea.prompt.kind != PromptKind.QUESTIONS or idea.parent_id is not None:
        raise ConflictError("wrong_kind", "Only a question put to the panel can be answered.")
    if idea.status not in SHOWN:
        raise ConflictError("idea_unavailable", "Only a question in the room can be answered.")
    if idea.answered == answered:
        session.commit()
        return Written(idea_view(idea), [])
    idea.answered = answered
    roundtable = idea.prompt.roundtable
    also: list[RoomChange] = []
    if answered and roundtable.settings.get("spotlight_idea_id") == idea.id:
        roundtable.settings = {**roundtable.settings, "spotlight_idea_id": None}
        session.flush()
        also.append(RoundtableUpdated(roundtable=roundtable_view(roundtable)))
    session.flush()
    session.refresh(idea)
    changes: list[RoomChange] = [IdeaUpdated.of(idea), *also]
    return Written(idea_view(idea), record(session, roundtable, changes, actor=actor))
