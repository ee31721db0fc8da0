"""The shapes clients see: ideas, prompts and the roundtable snapshot, as plain dicts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from facilitation.models import Idea, Membership, Prompt, Roundtable, Vote


def idea_view(idea: Idea) -> dict[str, Any]:
    author = idea.author
    return {
        "id": idea.id,
        "prompt_id": idea.prompt_id,
        "text": idea.text,
        "author": author.name if author else None,
        "author_id": author.id if author else None,
        "affiliation": (author.affiliation or None) if author else None,
        "votes": idea.vote_count,
        "created_at": idea.created_at.isoformat() + "Z",
    }


def prompt_view(prompt: Prompt, *, with_ideas: bool = True) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": prompt.id,
        "roundtable_id": prompt.roundtable_id,
        "text": prompt.text,
        "kind": prompt.kind,
        "status": prompt.status,
        "votes_per_participant": prompt.votes_per_participant,
        "position": prompt.position,
    }
    if with_ideas:
        view["ideas"] = [idea_view(idea) for idea in prompt.ideas]
    return view


def roundtable_view(roundtable: Roundtable) -> dict[str, Any]:
    return {
        "id": roundtable.id,
        "title": roundtable.title,
        "status": roundtable.status,
        "join_code": roundtable.join_code,
        "description": roundtable.description,
        "stream": roundtable.stream.title if roundtable.stream else None,
    }


def participant_count(session: Session, roundtable_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Membership)
            .where(Membership.roundtable_id == roundtable_id)
        )
        or 0
    )


def my_votes(session: Session, roundtable_id: int, participant_id: int) -> dict[int, list[int]]:
    """The ideas a participant has voted for, by prompt."""
    rows = session.execute(
        select(Vote.prompt_id, Vote.idea_id)
        .join(Prompt, Prompt.id == Vote.prompt_id)
        .where(Prompt.roundtable_id == roundtable_id, Vote.participant_id == participant_id)
        .order_by(Vote.id)
    ).all()
    votes: dict[int, list[int]] = {}
    for prompt_id, idea_id in rows:
        votes.setdefault(prompt_id, []).append(idea_id)
    return votes


def prompts_with_ideas(session: Session, roundtable_id: int) -> list[Prompt]:
    """A roundtable's prompts in order, their ideas and authors loaded in two queries."""
    return list(
        session.scalars(
            select(Prompt)
            .where(Prompt.roundtable_id == roundtable_id)
            .order_by(Prompt.position, Prompt.id)
            .options(selectinload(Prompt.ideas).selectinload(Idea.author))
        ).all()
    )


def snapshot(
    session: Session, roundtable: Roundtable, *, participant_id: int | None = None
) -> dict[str, Any]:
    """The whole visible state of a roundtable; a participant also sees its own votes."""
    prompts = prompts_with_ideas(session, roundtable.id)
    mine = my_votes(session, roundtable.id, participant_id) if participant_id else {}
    prompt_views = []
    for prompt in prompts:
        view = prompt_view(prompt)
        if participant_id is not None:
            view["my_votes"] = mine.get(prompt.id, [])
        prompt_views.append(view)
    return {
        "roundtable": roundtable_view(roundtable),
        "prompts": prompt_views,
        "participants": participant_count(session, roundtable.id),
    }
