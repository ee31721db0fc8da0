"""Ideas: posted by participants to an open prompt, once per client_id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.models import Idea, Prompt, PromptStatus
from facilitation.services.actors import Actor, require_participant
from facilitation.services.errors import ConflictError, InvalidInputError
from facilitation.services.events import IdeaCreated, Published, lock_roundtable, record
from facilitation.services.prompts import prompt_in
from facilitation.services.roundtables import require_access
from facilitation.services.text import IDEA_MAX, clean_text
from facilitation.services.views import Viewer, idea_view, may_post

CLIENT_ID_MAX = 64


def require_open(prompt: Prompt) -> Prompt:
    if prompt.status != PromptStatus.OPEN:
        raise ConflictError("prompt_closed", "This prompt is not open.")
    return prompt


def require_posting(prompt: Prompt) -> Prompt:
    """The prompt, if participants may add ideas to it now."""
    if not may_post(require_open(prompt)):
        raise ConflictError("wrong_phase", "New ideas are not being taken in this phase.")
    return prompt


def create_idea(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    prompt_id: int,
    text: str,
    client_id: str,
) -> tuple[dict[str, Any], list[Published]]:
    """Add an idea to an open prompt; a repeated client_id returns the first idea unchanged."""
    participant_id = require_participant(actor)
    if not client_id or len(client_id) > CLIENT_ID_MAX:
        raise InvalidInputError(
            "bad_client_id", f"client_id must be 1 to {CLIENT_ID_MAX} characters."
        )
    require_access(session, actor, roundtable_id)
    roundtable = lock_roundtable(session, roundtable_id)
    existing = session.scalar(
        select(Idea).where(Idea.participant_id == participant_id, Idea.client_id == client_id)
    )
    if existing is not None:
        session.commit()
        return idea_view(existing, Viewer.of(actor)), []
    prompt = require_posting(prompt_in(session, roundtable.id, prompt_id))
    idea = Idea(
        prompt_id=prompt.id,
        participant_id=participant_id,
        client_id=client_id,
        text=clean_text(text, field="idea", max_length=IDEA_MAX),
    )
    session.add(idea)
    session.flush()
    session.refresh(idea)
    created = IdeaCreated.of(idea)
    return idea_view(idea, Viewer.of(actor)), record(session, roundtable, [created], actor=actor)
