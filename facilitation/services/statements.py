"""Opinions on a statements prompt's statements: each participant marks each statement agree,
disagree or pass, and may change its mind while the prompt is open.

Every opinion sends the statement's new counts at once. The opinion groups follow at most
every GROUPS_EVERY seconds per prompt: grouping costs a tenth of a second for a room of 40,
too much to repeat under the roundtable's lock for each of a thousand clicks. Opinions that
came after the last grouping are grouped by the server's background task once that time has
passed (`publish_due_groups`), so the room's last clicks are never left out.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.models import IdeaStatus, Opinion, Prompt, PromptKind, PromptStatus, utcnow
from facilitation.services.actors import Actor, require_participant
from facilitation.services.errors import ConflictError, InvalidInputError
from facilitation.services.events import (
    OpinionTallied,
    Published,
    ResultsUpdated,
    RoomChange,
    Written,
    lock_roundtable,
    record,
)
from facilitation.services.ideas import idea_in, require_open
from facilitation.services.roundtables import require_access
from facilitation.services.statement_results import SIDES

GROUPS_EVERY = timedelta(seconds=3)


def _stamp(moment: datetime) -> str:
    return moment.isoformat()


def _groups_due(prompt: Prompt, now: datetime) -> bool:
    """Whether opinions came after the last grouping, and that grouping is old enough."""
    last_opinion = prompt.settings.get("opinions_at")
    if last_opinion is None:
        return False
    if prompt.settings.get("grouped_at") is None:
        return True
    grouped = datetime.fromisoformat(prompt.settings["grouped_at"])
    return grouped < datetime.fromisoformat(last_opinion) and grouped + GROUPS_EVERY <= now


def cast_opinion(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int, opinion: str
) -> Written[str]:
    """Mark a statement agree, disagree or pass (again: the new opinion replaces the old);
    answers with the opinion kept."""
    if opinion not in SIDES:
        raise InvalidInputError("bad_opinion", "An opinion is agree, disagree or pass.")
    participant_id = require_participant(actor)
    require_access(session, actor, roundtable_id)
    roundtable = lock_roundtable(session, roundtable_id)
    idea = idea_in(session, roundtable.id, idea_id)
    prompt = idea.prompt
    if prompt.kind != PromptKind.STATEMENTS or idea.parent_id is not None:
        raise ConflictError("wrong_kind", "Only a statement takes agree, disagree or pass.")
    if idea.status != IdeaStatus.VISIBLE:
        raise ConflictError("idea_unavailable", "This statement is not in the room.")
    require_open(prompt)
    kept = session.scalar(
        select(Opinion).where(Opinion.idea_id == idea.id, Opinion.participant_id == participant_id)
    )
    if kept is not None and kept.opinion == opinion:
        session.commit()
        return Written(opinion, [])
    now = utcnow()
    if kept is None:
        session.add(
            Opinion(
                prompt_id=prompt.id, idea_id=idea.id, participant_id=participant_id, opinion=opinion
            )
        )
    else:
        kept.opinion = opinion
        kept.updated_at = now
    prompt.settings = {**prompt.settings, "opinions_at": _stamp(now)}
    session.flush()
    changes: list[RoomChange] = [OpinionTallied.of(idea)]
    if _groups_due(prompt, now):
        prompt.settings = {**prompt.settings, "grouped_at": _stamp(now)}
        changes.append(ResultsUpdated.of(prompt))
    return Written(opinion, record(session, roundtable, changes, actor=actor))


def groups_due(session: Session, *, now: datetime) -> list[tuple[int, int]]:
    """The open statements prompts whose groups lag behind their opinions: (prompt, room)."""
    prompts = session.scalars(
        select(Prompt).where(
            Prompt.kind == PromptKind.STATEMENTS, Prompt.status == PromptStatus.OPEN
        )
    )
    return [(p.id, p.roundtable_id) for p in prompts if _groups_due(p, now)]


def publish_due_groups(session: Session, *, now: datetime) -> list[Published]:
    """Group the opinions that came after the last grouping; safe to run in every process."""
    due = groups_due(session, now=now)
    session.rollback()  # end the read; each prompt is then grouped under its roundtable's lock
    published: list[Published] = []
    for prompt_id, roundtable_id in due:
        roundtable = lock_roundtable(session, roundtable_id)
        prompt = session.get(Prompt, prompt_id, populate_existing=True)
        if prompt is None or not _groups_due(prompt, now):  # another process was first
            session.commit()
            continue
        prompt.settings = {**prompt.settings, "grouped_at": _stamp(now)}
        session.flush()
        published += record(session, roundtable, [ResultsUpdated.of(prompt)], actor=None)
    return published
