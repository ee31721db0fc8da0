"""Prompts: written ahead by the facilitator, opened for ideas and votes, closed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitation.models import Prompt, PromptStatus, RoundtableStatus, utcnow
from facilitation.services.actors import Actor, Right, require
from facilitation.services.errors import InvalidInputError, NotFoundError
from facilitation.services.events import (
    PromptCreated,
    PromptUpdated,
    Published,
    lock_roundtable,
    record,
)
from facilitation.services.text import PROMPT_MAX, clean_text
from facilitation.services.views import prompt_view

PROMPT_KINDS = ("ideas",)
MAX_VOTES_PER_PARTICIPANT = 20


def prompt_in(session: Session, roundtable_id: int, prompt_id: int) -> Prompt:
    """The prompt, if it belongs to this roundtable; otherwise it does not exist for the caller."""
    prompt = session.get(Prompt, prompt_id)
    if prompt is None or prompt.roundtable_id != roundtable_id:
        raise NotFoundError("prompt")
    return prompt


def create_prompt(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    text: str,
    kind: str = "ideas",
    votes_per_participant: int = 3,
) -> tuple[dict[str, Any], list[Published]]:
    """A draft prompt at the end of the roundtable's list."""
    require(actor, Right.RUN_PROMPTS)
    if kind not in PROMPT_KINDS:
        raise InvalidInputError(
            "bad_kind", f"Prompt kind must be one of: {', '.join(PROMPT_KINDS)}."
        )
    if not 1 <= votes_per_participant <= MAX_VOTES_PER_PARTICIPANT:
        raise InvalidInputError(
            "bad_budget",
            f"Votes per participant must be between 1 and {MAX_VOTES_PER_PARTICIPANT}.",
        )
    clean = clean_text(text, field="prompt", max_length=PROMPT_MAX)
    roundtable = lock_roundtable(session, roundtable_id)
    last = session.scalar(
        select(func.max(Prompt.position)).where(Prompt.roundtable_id == roundtable.id)
    )
    prompt = Prompt(
        roundtable_id=roundtable.id,
        text=clean,
        kind=kind,
        status=PromptStatus.DRAFT,
        votes_per_participant=votes_per_participant,
        position=(last or 0) + 1,
        settings={},
    )
    session.add(prompt)
    session.flush()
    view = prompt_view(prompt)
    return view, record(session, roundtable, [PromptCreated(prompt=view)], actor=actor)


def _set_status(
    session: Session, *, actor: Actor | None, roundtable_id: int, prompt_id: int, status: str
) -> tuple[dict[str, Any], list[Published]]:
    require(actor, Right.RUN_PROMPTS)
    roundtable = lock_roundtable(session, roundtable_id)
    prompt = prompt_in(session, roundtable.id, prompt_id)
    if prompt.status == status:
        session.commit()
        return prompt_view(prompt), []
    prompt.status = status
    if status == PromptStatus.OPEN:
        prompt.opened_at = utcnow()
        roundtable.status = RoundtableStatus.LIVE
    else:
        prompt.closed_at = utcnow()
    session.flush()
    view = prompt_view(prompt)
    return view, record(session, roundtable, [PromptUpdated(prompt=view)], actor=actor)


def open_prompt(
    session: Session, *, actor: Actor | None, roundtable_id: int, prompt_id: int
) -> tuple[dict[str, Any], list[Published]]:
    """Open a prompt (again) for ideas and votes."""
    return _set_status(
        session,
        actor=actor,
        roundtable_id=roundtable_id,
        prompt_id=prompt_id,
        status=PromptStatus.OPEN,
    )


def close_prompt(
    session: Session, *, actor: Actor | None, roundtable_id: int, prompt_id: int
) -> tuple[dict[str, Any], list[Published]]:
    """Close a prompt: its ideas and votes are final until it is opened again."""
    return _set_status(
        session,
        actor=actor,
        roundtable_id=roundtable_id,
        prompt_id=prompt_id,
        status=PromptStatus.CLOSED,
    )
