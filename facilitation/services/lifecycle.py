"""Ending a roundtable, and reopening one that ended too soon."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from facilitation.models import PromptStatus, RoundtableStatus
from facilitation.services.actors import Actor, Right, require
from facilitation.services.events import (
    PromptUpdated,
    RoomChange,
    RoundtableUpdated,
    Written,
    lock_roundtable,
    record,
)
from facilitation.services.prompts import set_status
from facilitation.services.shapes import RoundtableView
from facilitation.services.views import prompts_with_ideas, roundtable_view


def end_roundtable(
    session: Session, *, actor: Actor | None, roundtable_id: int, now: datetime
) -> Written[RoundtableView]:
    """Close every open prompt and mark the roundtable ended; what the room made stays."""
    require(actor, Right.RUN_PROMPTS)
    roundtable = lock_roundtable(session, roundtable_id)
    if roundtable.status == RoundtableStatus.CLOSED:
        session.commit()
        return Written(roundtable_view(roundtable), [])
    closing = [
        p for p in prompts_with_ideas(session, roundtable.id) if p.status == PromptStatus.OPEN
    ]
    for prompt in closing:
        set_status(prompt, roundtable, PromptStatus.CLOSED)
    roundtable.status = RoundtableStatus.CLOSED
    roundtable.ended_at = now
    roundtable.settings = {**roundtable.settings, "spotlight_idea_id": None}
    session.flush()
    for prompt in closing:
        session.refresh(prompt)
    changes: list[RoomChange] = [PromptUpdated.of(prompt) for prompt in closing]
    view = roundtable_view(roundtable)
    changes.append(RoundtableUpdated(roundtable=view))
    return Written(view, record(session, roundtable, changes, actor=actor))


def reopen_roundtable(
    session: Session, *, actor: Actor | None, roundtable_id: int
) -> Written[RoundtableView]:
    """Take an ended roundtable back to live; its prompts stay closed until opened again."""
    require(actor, Right.RUN_PROMPTS)
    roundtable = lock_roundtable(session, roundtable_id)
    if roundtable.status != RoundtableStatus.CLOSED:
        session.commit()
        return Written(roundtable_view(roundtable), [])
    roundtable.status = RoundtableStatus.LIVE
    roundtable.ended_at = None
    session.flush()
    view = roundtable_view(roundtable)
    return Written(
        view, record(session, roundtable, [RoundtableUpdated(roundtable=view)], actor=actor)
    )
