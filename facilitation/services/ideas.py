"""Ideas: posted by participants to an open prompt, once per client_id; and the statements
staff put to a statements prompt."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.models import (
    Attribution,
    Idea,
    IdeaStatus,
    Phase,
    Prompt,
    PromptKind,
    PromptStatus,
    Reaction,
    Vote,
)
from facilitation.services.actors import Actor, Right, require, require_participant
from facilitation.services.errors import (
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
)
from facilitation.services.events import (
    IdeaCreated,
    IdeaUpdated,
    Written,
    lock_roundtable,
    record,
    theme_tallies,
)
from facilitation.services.prompts import prompt_in
from facilitation.services.roundtables import require_access
from facilitation.services.shapes import SeenIdea
from facilitation.services.text import IDEA_MAX, clean_text
from facilitation.services.views import REACTIONS, Viewer, attribution_of, idea_view, may_post

CLIENT_ID_MAX = 64


@dataclass(frozen=True)
class Reacted:
    """The idea as the reacting participant now sees it, and whether the emoji went on."""

    idea: SeenIdea
    added: bool


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
    parent_id: int | None = None,
) -> Written[SeenIdea]:
    """Add an idea (or a reply building on one) to an open prompt; a repeated client_id
    returns the first idea unchanged. Staff add statements to a statements prompt."""
    if actor is not None and actor.is_staff:
        return add_statement(
            session,
            actor=actor,
            roundtable_id=roundtable_id,
            prompt_id=prompt_id,
            text=text,
            client_id=client_id,
        )
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
        return Written(idea_view(existing, Viewer.of(actor)), [])
    prompt = require_posting(prompt_in(session, roundtable.id, prompt_id))
    statements = prompt.kind == PromptKind.STATEMENTS
    if statements and not prompt.settings.get("participant_statements"):
        raise ConflictError("staff_statements", "Only the facilitator adds statements here.")
    if statements and parent_id is not None:
        raise InvalidInputError("bad_request", "Statements take no replies.")
    if parent_id is not None:
        parent = session.get(Idea, parent_id)
        if parent is None or parent.prompt_id != prompt.id or parent.status != IdeaStatus.VISIBLE:
            raise NotFoundError("idea to build on")
        if parent.parent_id is not None:
            raise InvalidInputError("reply_to_reply", "Replies go one level deep.")
    idea = Idea(
        prompt_id=prompt.id,
        participant_id=participant_id,
        client_id=client_id,
        parent_id=parent_id,
        # A participant's statement is put to everyone: the facilitator reads it first.
        status=IdeaStatus.PENDING
        if prompt.settings.get("premoderate") or statements
        else IdeaStatus.VISIBLE,
        text=clean_text(text, field="idea", max_length=IDEA_MAX),
        attribution=attribution_of(prompt),
    )
    session.add(idea)
    session.flush()
    session.refresh(idea)
    created = IdeaCreated.of(idea)
    return Written(
        idea_view(idea, Viewer.of(actor)), record(session, roundtable, [created], actor=actor)
    )


def add_statement(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    prompt_id: int,
    text: str,
    client_id: str,
) -> Written[SeenIdea]:
    """A statement put to the room by staff, to a statements prompt that is a draft or open:
    it is shown at once and credited to nobody. A repeated client_id returns the first one."""
    require(actor, Right.RUN_PROMPTS)
    if not client_id or len(client_id) > CLIENT_ID_MAX:
        raise InvalidInputError(
            "bad_client_id", f"client_id must be 1 to {CLIENT_ID_MAX} characters."
        )
    clean = clean_text(text, field="idea", max_length=IDEA_MAX)
    roundtable = lock_roundtable(session, roundtable_id)
    prompt = prompt_in(session, roundtable.id, prompt_id)
    if prompt.kind != PromptKind.STATEMENTS:
        raise ForbiddenError("Only participants post ideas; staff add statements.")
    if prompt.status == PromptStatus.CLOSED:
        raise ConflictError("prompt_closed", "This prompt is not open.")
    existing = session.scalar(
        select(Idea).where(
            Idea.prompt_id == prompt.id, Idea.participant_id.is_(None), Idea.client_id == client_id
        )
    )
    if existing is not None:
        session.commit()
        return Written(idea_view(existing), [])
    idea = Idea(
        prompt_id=prompt.id,
        participant_id=None,
        client_id=client_id,
        status=IdeaStatus.VISIBLE,
        text=clean,
        attribution=Attribution.ANONYMOUS,
    )
    session.add(idea)
    session.flush()
    session.refresh(idea)
    return Written(
        idea_view(idea), record(session, roundtable, [IdeaCreated.of(idea)], actor=actor)
    )


def idea_in(session: Session, roundtable_id: int, idea_id: int) -> Idea:
    """The idea, if it belongs to this roundtable; otherwise it does not exist for the caller."""
    idea = session.get(Idea, idea_id)
    if idea is None or idea.prompt.roundtable_id != roundtable_id:
        raise NotFoundError("idea")
    return idea


def changed_idea(
    session: Session, idea: Idea, actor: Actor | None, *, themes: tuple[int | None, ...] = ()
) -> Written[SeenIdea]:
    """Log the idea's new state, and the new totals of `themes` whose support it moved, and
    answer with the actor's view of the idea.

    The caller locked the roundtable at the start of the use case; that row, already in
    the session, takes the next sequence number.
    """
    session.flush()
    session.refresh(idea)
    changes = [IdeaUpdated.of(idea), *theme_tallies(session, *themes)]
    events = record(session, idea.prompt.roundtable, changes, actor=actor)
    return Written(idea_view(idea, Viewer.of(actor)), events)


def drop_votes(session: Session, idea: Idea) -> bool:
    """Take back every vote on an idea: the voters get them back to spend again. True when
    there were any."""
    dropped = session.scalars(select(Vote).where(Vote.idea_id == idea.id)).all()
    for vote in dropped:
        session.delete(vote)
    idea.vote_count = 0
    return bool(dropped)


def _own_while_collecting(
    session: Session, actor: Actor | None, roundtable_id: int, idea_id: int
) -> Idea:
    participant_id = require_participant(actor)
    require_access(session, actor, roundtable_id)
    lock_roundtable(session, roundtable_id)
    idea = idea_in(session, roundtable_id, idea_id)
    if idea.participant_id != participant_id:
        raise ForbiddenError("Only its author can change this idea.")
    prompt = require_open(idea.prompt)
    if prompt.phase not in (None, Phase.COLLECT):
        raise ConflictError("wrong_phase", "Ideas can be changed only while they are collected.")
    if idea.status not in (IdeaStatus.VISIBLE, IdeaStatus.PENDING):
        raise ConflictError("idea_unavailable", f"A {idea.status} idea cannot be changed.")
    return idea


def edit_idea(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int, text: str
) -> Written[SeenIdea]:
    """Change an idea's text: its author while collecting, the facilitator at any time."""
    clean = clean_text(text, field="idea", max_length=IDEA_MAX)
    if actor is not None and actor.is_staff:
        require(actor, Right.RUN_PROMPTS)
        lock_roundtable(session, roundtable_id)
        idea = idea_in(session, roundtable_id, idea_id)
    else:
        idea = _own_while_collecting(session, actor, roundtable_id, idea_id)
    if clean == idea.text:
        session.commit()
        return Written(idea_view(idea, Viewer.of(actor)), [])
    idea.text = clean
    idea.edited = True
    return changed_idea(session, idea, actor)


def delete_idea(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int
) -> Written[SeenIdea]:
    """Withdraw one's own idea while ideas are being collected."""
    idea = _own_while_collecting(session, actor, roundtable_id, idea_id)
    idea.status = IdeaStatus.DELETED
    held_votes = drop_votes(session, idea)
    return changed_idea(session, idea, actor, themes=(idea.theme_id,) if held_votes else ())


def react(
    session: Session, *, actor: Actor | None, roundtable_id: int, idea_id: int, emoji: str
) -> Written[Reacted]:
    """Add the participant's emoji to an idea, or take it off again."""
    participant_id = require_participant(actor)
    if emoji not in REACTIONS:
        raise InvalidInputError("bad_reaction", f"React with one of: {' '.join(REACTIONS)}.")
    require_access(session, actor, roundtable_id)
    lock_roundtable(session, roundtable_id)
    idea = idea_in(session, roundtable_id, idea_id)
    require_open(idea.prompt)
    if idea.status != IdeaStatus.VISIBLE:
        raise ConflictError("idea_unavailable", "Only ideas in the room take reactions.")
    existing = next(
        (r for r in idea.reactions if r.participant_id == participant_id and r.emoji == emoji),
        None,
    )
    if existing is None:
        idea.reactions.append(Reaction(participant_id=participant_id, emoji=emoji))
    else:
        idea.reactions.remove(existing)
    changed = changed_idea(session, idea, actor)
    return Written(Reacted(idea=changed.answer, added=existing is None), changed.events)
