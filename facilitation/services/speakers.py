"""The speakers' queue: participants raise a hand (and lower it), the facilitator gives the
floor in turn, each turn timed; ended turns record who held the floor and for how long
(services/queue.py shows them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Self

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.models import Roundtable, SpeakerTurn, utcnow
from facilitation.services.actors import Actor, Right, require, require_participant
from facilitation.services.errors import ConflictError, InvalidInputError
from facilitation.services.events import RoomChange, Written, lock_roundtable, record
from facilitation.services.queue import is_speaking, is_waiting, queue_view, turns_of
from facilitation.services.roundtables import require_access
from facilitation.services.shapes import QueueChanged, QueueView

TURN_MIN_SECONDS = 10
TURN_MAX_SECONDS = 3600
MAX_WAITING = 200  # more hands than any room raises at once: a runaway client is stopped


@dataclass(frozen=True)
class QueueUpdated(RoomChange):
    wire_name: ClassVar[str] = "queue.updated"
    queue: QueueView
    public_queue: QueueView

    @classmethod
    def of(cls, session: Session, roundtable: Roundtable) -> Self:
        session.flush()
        return cls(
            queue_view(session, roundtable, staff=True),
            queue_view(session, roundtable, staff=False),
        )

    def payload(self, seq: int) -> QueueChanged:
        return {"queue": self.queue, "seq": seq}

    def public_payload(self, seq: int) -> QueueChanged:
        return {"queue": self.public_queue, "seq": seq}


def _changed(
    session: Session, roundtable: Roundtable, actor: Actor | None, *, changed: bool = True
) -> Written[QueueView]:
    """Log the queue's new state, if it changed; answer with the actor's view of it."""
    if changed:
        events = record(session, roundtable, [QueueUpdated.of(session, roundtable)], actor=actor)
    else:
        session.commit()
        events = []
    staff = actor is not None and actor.is_staff
    participant_id = actor.participant_id if actor else None
    return Written(
        queue_view(session, roundtable, staff=staff, participant_id=participant_id), events
    )


def _own_turn(session: Session, roundtable_id: int, participant_id: int) -> SpeakerTurn | None:
    """The participant's hand still up, or its turn still running."""
    return session.scalar(
        select(SpeakerTurn).where(
            SpeakerTurn.roundtable_id == roundtable_id,
            SpeakerTurn.participant_id == participant_id,
            SpeakerTurn.lowered_at.is_(None),
            SpeakerTurn.ended_at.is_(None),
        )
    )


def raise_hand(session: Session, *, actor: Actor | None, roundtable_id: int) -> Written[QueueView]:
    """Join the end of the queue; a hand already up (or a turn running) stays as it is."""
    participant_id = require_participant(actor)
    require_access(session, actor, roundtable_id)
    roundtable = lock_roundtable(session, roundtable_id)
    if _own_turn(session, roundtable.id, participant_id) is not None:
        return _changed(session, roundtable, actor, changed=False)
    waiting = sum(1 for t in turns_of(session, roundtable.id) if is_waiting(t))
    if waiting >= MAX_WAITING:
        raise ConflictError("queue_full", "The speakers' queue is full.")
    session.add(SpeakerTurn(roundtable_id=roundtable.id, participant_id=participant_id))
    return _changed(session, roundtable, actor)


def lower_hand(
    session: Session, *, actor: Actor | None, roundtable_id: int, participant_id: int | None = None
) -> Written[QueueView]:
    """A participant lowers its own hand, or ends its own turn; staff lower anyone's hand
    (`participant_id`). A hand already down changes nothing."""
    if actor is not None and actor.is_staff:
        require(actor, Right.RUN_PROMPTS)
        if participant_id is None:
            raise InvalidInputError("bad_request", "Say whose hand to lower: participant_id.")
        whose = participant_id
    else:
        whose = require_participant(actor)
        require_access(session, actor, roundtable_id)
    roundtable = lock_roundtable(session, roundtable_id)
    turn = _own_turn(session, roundtable.id, whose)
    if turn is None:
        return _changed(session, roundtable, actor, changed=False)
    if turn.called_at is None:
        turn.lowered_at = utcnow()
    else:
        turn.ended_at = utcnow()
    return _changed(session, roundtable, actor)


def _check_seconds(seconds: int | None) -> None:
    if seconds is not None and seconds != 0 and not TURN_MIN_SECONDS <= seconds <= TURN_MAX_SECONDS:
        raise InvalidInputError(
            "bad_turn",
            f"A turn lasts from {TURN_MIN_SECONDS} seconds to {TURN_MAX_SECONDS // 60} minutes"
            " (0 for no limit).",
        )


def give_floor(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    participant_id: int | None = None,
    seconds: int | None = None,
) -> Written[QueueView]:
    """End the running turn and give the floor to the first hand up, or to `participant_id`'s
    hand. `seconds` sets the time given from now on (0: no limit)."""
    require(actor, Right.RUN_PROMPTS)
    _check_seconds(seconds)
    roundtable = lock_roundtable(session, roundtable_id)
    turns = turns_of(session, roundtable.id)
    waiting = [t for t in turns if is_waiting(t)]
    if participant_id is not None:
        waiting = [t for t in waiting if t.participant_id == participant_id]
    if not waiting:
        raise ConflictError("nobody_waiting", "Nobody with a hand up is waiting for the floor.")
    if seconds is not None:
        roundtable.settings = {**roundtable.settings, "speaker_seconds": seconds or None}
    now = utcnow()
    for turn in turns:
        if is_speaking(turn):
            turn.ended_at = now
    called = waiting[0]
    called.called_at = now
    called.seconds = roundtable.settings.get("speaker_seconds")
    return _changed(session, roundtable, actor)


def end_turn(session: Session, *, actor: Actor | None, roundtable_id: int) -> Written[QueueView]:
    """End the running turn; nobody speaking changes nothing."""
    require(actor, Right.RUN_PROMPTS)
    roundtable = lock_roundtable(session, roundtable_id)
    running = [t for t in turns_of(session, roundtable.id) if is_speaking(t)]
    for turn in running:
        turn.ended_at = utcnow()
    return _changed(session, roundtable, actor, changed=bool(running))
