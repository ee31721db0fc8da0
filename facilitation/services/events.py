"""What happened in a roundtable, and the log that orders it.

Every change others must see is appended to the roundtable's log in the same
transaction as the change, with a sequence number one above the last; the
handler publishes the returned entries only after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.models import RoomEvent, Roundtable
from facilitation.services.actors import Actor
from facilitation.services.errors import NotFoundError


@dataclass(frozen=True)
class RoomChange:
    """A change that everyone in a roundtable's room is told about."""

    wire_name: ClassVar[str]

    def payload(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class PromptCreated(RoomChange):
    wire_name: ClassVar[str] = "prompt.created"
    prompt: dict[str, Any]

    def payload(self) -> dict[str, Any]:
        return {"prompt": self.prompt}


@dataclass(frozen=True)
class PromptUpdated(PromptCreated):
    wire_name: ClassVar[str] = "prompt.updated"


@dataclass(frozen=True)
class IdeaCreated(RoomChange):
    wire_name: ClassVar[str] = "idea.created"
    idea: dict[str, Any]

    def payload(self) -> dict[str, Any]:
        return {"idea": self.idea}


@dataclass(frozen=True)
class IdeaUpdated(IdeaCreated):
    wire_name: ClassVar[str] = "idea.updated"


@dataclass(frozen=True)
class VoteTallied(RoomChange):
    wire_name: ClassVar[str] = "vote.tally"
    idea_id: int
    votes: int

    def payload(self) -> dict[str, Any]:
        return {"idea_id": self.idea_id, "votes": self.votes}


@dataclass(frozen=True)
class ParticipantsCounted(RoomChange):
    wire_name: ClassVar[str] = "participants.count"
    participants: int

    def payload(self) -> dict[str, Any]:
        return {"participants": self.participants}


@dataclass(frozen=True)
class Published:
    """A logged change, ready to emit: its room, name and the payload carrying `seq`."""

    roundtable_id: int
    seq: int
    name: str
    payload: dict[str, Any]

    def as_sync_entry(self) -> dict[str, Any]:
        return {**self.payload, "type": self.name}


def lock_roundtable(session: Session, roundtable_id: int) -> Roundtable:
    """Load a roundtable for writing: its row lock orders concurrent writers (PostgreSQL)."""
    roundtable = session.get(
        Roundtable, roundtable_id, with_for_update=True, populate_existing=True
    )
    if roundtable is None:
        raise NotFoundError("roundtable")
    return roundtable


def record(
    session: Session, roundtable: Roundtable, changes: list[RoomChange], *, actor: Actor | None
) -> list[Published]:
    """Append the changes to the roundtable's log and commit them with the pending writes."""
    published = []
    for change in changes:
        roundtable.last_seq += 1
        payload = {**change.payload(), "seq": roundtable.last_seq}
        session.add(
            RoomEvent(
                roundtable_id=roundtable.id,
                seq=roundtable.last_seq,
                type=change.wire_name,
                payload=payload,
                participant_id=actor.participant_id if actor else None,
                staff_id=actor.staff_id if actor else None,
            )
        )
        published.append(Published(roundtable.id, roundtable.last_seq, change.wire_name, payload))
    session.commit()
    return published


def events_since(
    session: Session, roundtable_id: int, since_seq: int, *, limit: int
) -> list[dict[str, Any]] | None:
    """The logged events after `since_seq` in order, or None when more than `limit` are missing."""
    rows = session.scalars(
        select(RoomEvent)
        .where(RoomEvent.roundtable_id == roundtable_id, RoomEvent.seq > since_seq)
        .order_by(RoomEvent.seq)
        .limit(limit + 1)
    ).all()
    if len(rows) > limit:
        return None
    return [{**row.payload, "type": row.type} for row in rows]
