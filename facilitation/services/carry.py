"""Carrying results into the wrap-up: the streams' takeaways and top ideas become starting
ideas of a prompt in another roundtable of the event, so the plenary votes on what the
streams produced.

A carried idea names the stream and roundtable it came from, never the person who wrote it:
it enters the plenary as that room's result. Carrying the same thing into the same prompt
twice adds it once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.models import Attribution, Idea, IdeaStatus, Outcome, Roundtable
from facilitation.services.actors import Actor, Right, require
from facilitation.services.errors import InvalidInputError, NotFoundError
from facilitation.services.events import IdeaCreated, RoomChange, Written, lock_roundtable, record
from facilitation.services.prompts import prompt_in
from facilitation.services.shapes import SeenIdea
from facilitation.services.summaries import in_room
from facilitation.services.text import IDEA_MAX
from facilitation.services.views import idea_view, prompts_with_ideas

# The outcomes worth a plenary's vote: what a stream concluded, not its to-do list.
CARRIED_KINDS = ("takeaway", "decision")
TOP_IDEAS_PER_PROMPT = 3
CARRY_MAX = 100


@dataclass(frozen=True)
class Candidate:
    """Something a roundtable produced that can be carried: an outcome or a top idea."""

    kind: str  # "idea", or the outcome's kind
    source_id: int
    text: str
    votes: int | None = None  # ideas only
    carried: bool = False  # already among the target prompt's ideas


@dataclass(frozen=True)
class Source:
    """One roundtable of the event and what it offers to carry."""

    roundtable_id: int
    roundtable: str
    stream: str | None
    outcomes: tuple[Candidate, ...]
    ideas: tuple[Candidate, ...]


def _key(kind: str, source_id: int) -> str:
    """The client_id of a carried idea: one per thing carried, so a second carry is a no-op."""
    return f"carried:{'idea' if kind == 'idea' else 'outcome'}:{source_id}"


def _carried_into(session: Session, prompt_id: int) -> set[str]:
    return set(
        session.scalars(
            select(Idea.client_id).where(Idea.prompt_id == prompt_id, Idea.origin.is_not(None))
        )
    )


def _others(session: Session, target: Roundtable) -> list[Roundtable]:
    return list(
        session.scalars(
            select(Roundtable)
            .where(Roundtable.event_id == target.event_id, Roundtable.id != target.id)
            .order_by(Roundtable.position, Roundtable.id)
        )
    )


def _top_ideas(session: Session, roundtable: Roundtable) -> list[Idea]:
    """Each prompt's most-voted ideas in the room (votes above none), best first."""
    chosen = []
    for prompt in prompts_with_ideas(session, roundtable.id):
        by_id = {idea.id: idea for idea in prompt.ideas}
        ranked = sorted(
            (
                idea
                for idea in prompt.ideas
                if idea.parent_id is None and idea.vote_count > 0 and in_room(idea, by_id)
            ),
            key=lambda idea: (-idea.vote_count, idea.id),
        )
        chosen += ranked[:TOP_IDEAS_PER_PROMPT]
    return chosen


def _outcomes(session: Session, roundtable: Roundtable) -> list[Outcome]:
    return list(
        session.scalars(
            select(Outcome)
            .where(Outcome.roundtable_id == roundtable.id, Outcome.kind.in_(CARRIED_KINDS))
            .order_by(Outcome.position, Outcome.id)
        )
    )


def sources(
    session: Session, *, actor: Actor | None, roundtable_id: int, prompt_id: int | None = None
) -> list[Source]:
    """What the event's other roundtables offer to carry into this one, marking what is
    already in `prompt_id`."""
    require(actor, Right.RECORD_OUTCOMES)
    target = session.get(Roundtable, roundtable_id)
    if target is None:
        raise NotFoundError("roundtable")
    there = (
        _carried_into(session, prompt_in(session, target.id, prompt_id).id) if prompt_id else set()
    )
    found = []
    for roundtable in _others(session, target):
        outcomes = tuple(
            Candidate(o.kind, o.id, o.text, carried=_key(o.kind, o.id) in there)
            for o in _outcomes(session, roundtable)
        )
        ideas = tuple(
            Candidate("idea", i.id, i.text, i.vote_count, carried=_key("idea", i.id) in there)
            for i in _top_ideas(session, roundtable)
        )
        if outcomes or ideas:
            found.append(
                Source(
                    roundtable.id,
                    roundtable.title,
                    roundtable.stream.title if roundtable.stream else None,
                    outcomes,
                    ideas,
                )
            )
    return found


def _fit(text: str) -> str:
    """An outcome may be longer than an idea: cut at a word, marked with an ellipsis."""
    if len(text) <= IDEA_MAX:
        return text
    cut = text[: IDEA_MAX - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


def carry(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    prompt_id: int,
    outcome_ids: list[int],
    idea_ids: list[int],
) -> Written[list[SeenIdea]]:
    """Add the chosen outcomes and ideas of the event's other roundtables to a prompt here, as
    ideas that name where they came from; what is there already is not added again."""
    require(actor, Right.RECORD_OUTCOMES)
    if len(outcome_ids) + len(idea_ids) > CARRY_MAX:
        raise InvalidInputError("bad_request", f"Carry at most {CARRY_MAX} items at once.")
    target = lock_roundtable(session, roundtable_id)
    prompt = prompt_in(session, target.id, prompt_id)
    others = {r.id: r for r in _others(session, target)}
    offered_outcomes = {o.id: (r, o) for r in others.values() for o in _outcomes(session, r)}
    offered_ideas = {i.id: (r, i) for r in others.values() for i in _top_ideas(session, r)}
    there = _carried_into(session, prompt.id)
    chosen: list[tuple[Roundtable, str, int, str]] = []
    for outcome_id in dict.fromkeys(outcome_ids):
        if outcome_id not in offered_outcomes:
            raise NotFoundError("takeaway or decision of another roundtable of this event")
        roundtable, outcome = offered_outcomes[outcome_id]
        chosen.append((roundtable, outcome.kind, outcome.id, outcome.text))
    for idea_id in dict.fromkeys(idea_ids):
        if idea_id not in offered_ideas:
            raise NotFoundError("top idea of another roundtable of this event")
        roundtable, idea = offered_ideas[idea_id]
        chosen.append((roundtable, "idea", idea.id, idea.text))
    made = []
    for roundtable, kind, source_id, text in chosen:
        if _key(kind, source_id) in there:
            continue
        idea = Idea(
            prompt=prompt,
            participant_id=None,
            client_id=_key(kind, source_id),
            text=_fit(text),
            status=IdeaStatus.VISIBLE,
            attribution=Attribution.ANONYMOUS,
            origin={
                "stream": roundtable.stream.title if roundtable.stream else None,
                "roundtable": roundtable.title,
                "roundtable_id": roundtable.id,
                "kind": kind,
            },
        )
        session.add(idea)
        made.append(idea)
    session.flush()
    changes: list[RoomChange] = [IdeaCreated.of(idea) for idea in made]
    views = [idea_view(idea) for idea in made]
    return Written(views, record(session, target, changes, actor=actor))
