"""Phases and timers: collect, group, vote, results; countdowns that may move the room on."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from facilitation.models import Phase, Prompt, PromptStatus
from facilitation.services.actors import Actor
from facilitation.services.errors import InvalidInputError
from facilitation.services.events import Published, Written, lock_roundtable
from facilitation.services.prompts import (
    check_phase,
    running,
    set_status,
    updated,
)
from facilitation.services.shapes import PromptView

ORDER = (Phase.COLLECT, Phase.GROUP, Phase.VOTE, Phase.RESULTS)
TIMER_MIN_SECONDS = 5
TIMER_MAX_SECONDS = 2 * 60 * 60


def set_phase(
    session: Session, *, actor: Actor | None, roundtable_id: int, prompt_id: int, phase: str
) -> Written[PromptView]:
    """Move a prompt to a phase, in any order; a draft or closed prompt opens."""
    chosen = check_phase(phase)
    roundtable, prompt = running(session, actor, roundtable_id, prompt_id)
    changed = set_status(prompt, roundtable, PromptStatus.OPEN)
    if prompt.phase != chosen:
        prompt.phase = chosen
        prompt.timer_ends_at = None  # a countdown belongs to the phase it was started in
        changed = True
    return updated(session, roundtable, prompt, actor, changed=changed)


def start_timer(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    prompt_id: int,
    seconds: int,
    advance: bool = False,
    now: datetime,
) -> Written[PromptView]:
    """Count down `seconds` from now; with `advance`, move the prompt on when time is up."""
    if not TIMER_MIN_SECONDS <= seconds <= TIMER_MAX_SECONDS:
        raise InvalidInputError(
            "bad_timer",
            f"A timer runs {TIMER_MIN_SECONDS} seconds to {TIMER_MAX_SECONDS // 60} minutes.",
        )
    roundtable, prompt = running(session, actor, roundtable_id, prompt_id)
    if prompt.status != PromptStatus.OPEN:
        raise InvalidInputError("prompt_closed", "Open the prompt before starting its timer.")
    prompt.timer_ends_at = now + timedelta(seconds=seconds)
    prompt.timer_seconds = seconds
    prompt.timer_advance = advance
    return updated(session, roundtable, prompt, actor)


def stop_timer(
    session: Session, *, actor: Actor | None, roundtable_id: int, prompt_id: int
) -> Written[PromptView]:
    """Stop the countdown; nothing moves on."""
    roundtable, prompt = running(session, actor, roundtable_id, prompt_id)
    changed = prompt.timer_ends_at is not None
    prompt.timer_ends_at = None
    return updated(session, roundtable, prompt, actor, changed=changed)


def next_phase(phase: str | None) -> Phase | None:
    """The phase after this one; None where the prompt should close instead."""
    if phase is None:
        return None
    index = ORDER.index(Phase(phase))
    return ORDER[min(index + 1, len(ORDER) - 1)]


def _due(now: datetime) -> Select[int, int]:
    return (
        select(Prompt.id, Prompt.roundtable_id)
        .where(
            Prompt.timer_ends_at <= now,
            Prompt.timer_advance.is_(True),
            Prompt.status == PromptStatus.OPEN,
        )
        .order_by(Prompt.timer_ends_at)
    )


def timers_due(session: Session, *, now: datetime) -> bool:
    """Whether any advancing timer has run out: a cheap read before taking the writer's turn."""
    return session.execute(_due(now).limit(1)).first() is not None


def advance_expired_timers(session: Session, *, now: datetime) -> list[Published]:
    """Move on every open prompt whose advancing timer has run out; safe to run in every process."""
    due = session.execute(_due(now)).all()
    session.rollback()  # end the read; each prompt is then moved on under its roundtable's lock
    published: list[Published] = []
    for prompt_id, roundtable_id in due:
        roundtable = lock_roundtable(session, roundtable_id)
        prompt = session.get(Prompt, prompt_id, populate_existing=True)
        # Another process may have moved it on while this one waited for the lock.
        if prompt is None or prompt.timer_ends_at is None or prompt.timer_ends_at > now:
            session.commit()
            continue
        prompt.timer_ends_at = None
        following = next_phase(prompt.phase)
        if following is None or following == prompt.phase:
            set_status(prompt, roundtable, PromptStatus.CLOSED)
        else:
            prompt.phase = following
        published += updated(session, roundtable, prompt, None).events
    return published
