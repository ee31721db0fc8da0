"""What happened in a roundtable, and the log that orders it.

Every change others must see is appended to the roundtable's log in the same
transaction as the change, with a sequence number one above the last; the
handler publishes the returned entries only after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Self

from sqlalchemy.orm import Session

from facilitation.models import Idea, Prompt, RoomEvent, Roundtable, Theme
from facilitation.services.actors import Actor
from facilitation.services.errors import NotFoundError
from facilitation.services.views import (
    EVERYONE,
    STAFF,
    idea_view,
    ideas_hidden,
    prompt_view,
    support_of,
    tallies_hidden,
    theme_view,
)


@dataclass(frozen=True)
class RoomChange:
    """A change that everyone in a roundtable's room is told about.

    `payload` is what staff see; `public_payload` what participants see, which
    differs where something is hidden from them (a private idea, a tally).
    """

    wire_name: ClassVar[str]

    def payload(self) -> dict[str, Any]:
        raise NotImplementedError

    def public_payload(self) -> dict[str, Any]:
        return self.payload()


@dataclass(frozen=True)
class PromptCreated(RoomChange):
    wire_name: ClassVar[str] = "prompt.created"
    prompt: dict[str, Any]
    public_prompt: dict[str, Any]

    @classmethod
    def of(cls, prompt: Prompt) -> Self:
        return cls(prompt_view(prompt, STAFF), prompt_view(prompt, EVERYONE))

    def payload(self) -> dict[str, Any]:
        return {"prompt": self.prompt}

    def public_payload(self) -> dict[str, Any]:
        return {"prompt": self.public_prompt}


@dataclass(frozen=True)
class PromptUpdated(PromptCreated):
    wire_name: ClassVar[str] = "prompt.updated"


@dataclass(frozen=True)
class PromptDeleted(RoomChange):
    """A draft prompt was removed; clients drop it by id (it never had ideas to hide)."""

    wire_name: ClassVar[str] = "prompt.deleted"
    prompt_id: int

    def payload(self) -> dict[str, Any]:
        return {"prompt": {"id": self.prompt_id}}


@dataclass(frozen=True)
class IdeaCreated(RoomChange):
    wire_name: ClassVar[str] = "idea.created"
    idea: dict[str, Any]
    public_idea: dict[str, Any]

    @classmethod
    def of(cls, idea: Idea) -> Self:
        return cls(idea_view(idea, STAFF), idea_view(idea, EVERYONE))

    def payload(self) -> dict[str, Any]:
        return {"idea": self.idea}

    def public_payload(self) -> dict[str, Any]:
        return {"idea": self.public_idea}


@dataclass(frozen=True)
class IdeaUpdated(IdeaCreated):
    wire_name: ClassVar[str] = "idea.updated"


@dataclass(frozen=True)
class VoteTallied(RoomChange):
    wire_name: ClassVar[str] = "vote.tally"
    idea_id: int
    votes: int
    hidden: bool

    @classmethod
    def of(cls, idea: Idea) -> Self:
        # A private idea reaches participants with votes null; its tally must not give it away.
        hidden = tallies_hidden(idea.prompt) or ideas_hidden(idea.prompt)
        return cls(idea.id, idea.vote_count, hidden)

    def payload(self) -> dict[str, Any]:
        return {"idea_id": self.idea_id, "votes": self.votes}

    def public_payload(self) -> dict[str, Any]:
        return {"idea_id": self.idea_id, "votes": None if self.hidden else self.votes}


@dataclass(frozen=True)
class ParticipantsCounted(RoomChange):
    wire_name: ClassVar[str] = "participants.count"
    participants: int

    def payload(self) -> dict[str, Any]:
        return {"participants": self.participants}


@dataclass(frozen=True)
class RoundtableUpdated(RoomChange):
    wire_name: ClassVar[str] = "roundtable.updated"
    roundtable: dict[str, Any]

    def payload(self) -> dict[str, Any]:
        return {"roundtable": self.roundtable}


@dataclass(frozen=True)
class ThemeCreated(RoomChange):
    wire_name: ClassVar[str] = "theme.created"
    theme: dict[str, Any]
    public_theme: dict[str, Any]

    @classmethod
    def of(cls, theme: Theme) -> Self:
        return cls(theme_view(theme, STAFF), theme_view(theme, EVERYONE))

    def payload(self) -> dict[str, Any]:
        return {"theme": self.theme}

    def public_payload(self) -> dict[str, Any]:
        return {"theme": self.public_theme}


@dataclass(frozen=True)
class ThemeUpdated(ThemeCreated):
    wire_name: ClassVar[str] = "theme.updated"


@dataclass(frozen=True)
class ThemeDeleted(RoomChange):
    wire_name: ClassVar[str] = "theme.deleted"
    theme: dict[str, Any]

    def payload(self) -> dict[str, Any]:
        return {"theme": {"id": self.theme["id"], "prompt_id": self.theme["prompt_id"]}}


@dataclass(frozen=True)
class ThemeTallied(RoomChange):
    """A theme's own votes and its support, which also moves with the votes on its ideas."""

    wire_name: ClassVar[str] = "vote.tally"
    theme_id: int
    votes: int
    support: int
    hidden: bool

    @classmethod
    def of(cls, theme: Theme) -> Self:
        return cls(theme.id, theme.vote_count, support_of(theme), tallies_hidden(theme.prompt))

    def payload(self) -> dict[str, Any]:
        return {"theme_id": self.theme_id, "votes": self.votes, "support": self.support}

    def public_payload(self) -> dict[str, Any]:
        if self.hidden:
            return {"theme_id": self.theme_id, "votes": None, "support": None}
        return self.payload()


def theme_tallies(session: Session, *theme_ids: int | None) -> list[RoomChange]:
    """The new totals of these themes, once each: votes on an idea move its theme's support."""
    session.flush()
    changes: list[RoomChange] = []
    for theme_id in dict.fromkeys(t for t in theme_ids if t is not None):
        theme = session.get(Theme, theme_id)
        if theme is not None:
            changes.append(ThemeTallied.of(theme))
    return changes


@dataclass(frozen=True)
class Published:
    """A logged change, ready to emit: its room, name and each audience's payload with `seq`."""

    roundtable_id: int
    seq: int
    name: str
    payload: dict[str, Any]
    public: dict[str, Any]


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
        public = {**change.public_payload(), "seq": roundtable.last_seq}
        session.add(
            RoomEvent(
                roundtable_id=roundtable.id,
                seq=roundtable.last_seq,
                type=change.wire_name,
                payload=payload,
                public_payload=None if public == payload else public,
                participant_id=actor.participant_id if actor else None,
                staff_id=actor.staff_id if actor else None,
            )
        )
        published.append(
            Published(roundtable.id, roundtable.last_seq, change.wire_name, payload, public)
        )
    session.commit()
    return published
