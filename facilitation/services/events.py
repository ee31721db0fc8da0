"""What happened in a roundtable, and the log that orders it.

Every change others must see is appended to the roundtable's log in the same
transaction as the change, with a sequence number one above the last; the
handler publishes the returned entries only after the commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, NamedTuple, Self, TypeVar

from sqlalchemy.orm import Session, object_session

from facilitation.models import Idea, Prompt, PromptKind, RoomEvent, Roundtable, Theme
from facilitation.services.actors import Actor
from facilitation.services.errors import NotFoundError
from facilitation.services.results import current_answers, results_view
from facilitation.services.shapes import (
    EventPayload,
    IdeaChanged,
    IdeaTally,
    OpinionCounts,
    OpinionTally,
    ParticipantsCount,
    PromptChanged,
    PromptDeletedPayload,
    PromptView,
    ResultsChanged,
    ResultsView,
    RoundtableChanged,
    RoundtableView,
    SeenIdea,
    ThemeChanged,
    ThemeDeletedPayload,
    ThemeTally,
    ThemeView,
)
from facilitation.services.statement_results import idea_counts, statements_results
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
    differs where something is hidden from them (a private idea, a tally). Both carry the
    `seq` the log gives the change.
    """

    wire_name: ClassVar[str]

    def payload(self, seq: int) -> EventPayload:
        raise NotImplementedError

    def public_payload(self, seq: int) -> EventPayload:
        return self.payload(seq)


@dataclass(frozen=True)
class PromptCreated(RoomChange):
    wire_name: ClassVar[str] = "prompt.created"
    prompt: PromptView
    public_prompt: PromptView

    @classmethod
    def of(cls, prompt: Prompt) -> Self:
        return cls(prompt_view(prompt, STAFF), prompt_view(prompt, EVERYONE))

    def payload(self, seq: int) -> PromptChanged:
        return {"prompt": self.prompt, "seq": seq}

    def public_payload(self, seq: int) -> PromptChanged:
        return {"prompt": self.public_prompt, "seq": seq}


@dataclass(frozen=True)
class PromptUpdated(PromptCreated):
    wire_name: ClassVar[str] = "prompt.updated"


@dataclass(frozen=True)
class PromptDeleted(RoomChange):
    """A draft prompt was removed; clients drop it by id (it never had ideas to hide)."""

    wire_name: ClassVar[str] = "prompt.deleted"
    prompt_id: int

    def payload(self, seq: int) -> PromptDeletedPayload:
        return {"prompt": {"id": self.prompt_id}, "seq": seq}


@dataclass(frozen=True)
class IdeaCreated(RoomChange):
    wire_name: ClassVar[str] = "idea.created"
    idea: SeenIdea
    public_idea: SeenIdea

    @classmethod
    def of(cls, idea: Idea) -> Self:
        return cls(idea_view(idea, STAFF), idea_view(idea, EVERYONE))

    def payload(self, seq: int) -> IdeaChanged:
        return {"idea": self.idea, "seq": seq}

    def public_payload(self, seq: int) -> IdeaChanged:
        return {"idea": self.public_idea, "seq": seq}


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

    def payload(self, seq: int) -> IdeaTally:
        return {"idea_id": self.idea_id, "votes": self.votes, "seq": seq}

    def public_payload(self, seq: int) -> IdeaTally:
        return {"idea_id": self.idea_id, "votes": None if self.hidden else self.votes, "seq": seq}


@dataclass(frozen=True)
class ResultsUpdated(RoomChange):
    """An answered prompt's results after a participant answered: staff always see them,
    participants only when the prompt does not hide its tallies now."""

    wire_name: ClassVar[str] = "results.updated"
    prompt_id: int
    responses: int
    results: ResultsView
    public_results: ResultsView
    hidden: bool

    @classmethod
    def of(cls, prompt: Prompt) -> Self:
        session = object_session(prompt)
        if prompt.kind == PromptKind.STATEMENTS and session is not None:
            grouped = statements_results(session, prompt)
            return cls(prompt.id, grouped["voters"], grouped, grouped, tallies_hidden(prompt))
        answers = current_answers(prompt)
        return cls(
            prompt.id,
            len(answers),
            results_view(prompt, answers, comments=True),
            results_view(prompt, answers),
            tallies_hidden(prompt),
        )

    def payload(self, seq: int) -> ResultsChanged:
        return {
            "prompt_id": self.prompt_id,
            "responses": self.responses,
            "results": self.results,
            "seq": seq,
        }

    def public_payload(self, seq: int) -> ResultsChanged:
        return {
            "prompt_id": self.prompt_id,
            "responses": self.responses,
            "results": None if self.hidden else self.public_results,
            "seq": seq,
        }


@dataclass(frozen=True)
class OpinionTallied(RoomChange):
    wire_name: ClassVar[str] = "opinion.tally"
    idea_id: int
    opinions: OpinionCounts
    hidden: bool

    @classmethod
    def of(cls, idea: Idea) -> Self:
        return cls(idea.id, idea_counts(idea), tallies_hidden(idea.prompt))

    def payload(self, seq: int) -> OpinionTally:
        return {"idea_id": self.idea_id, "opinions": self.opinions, "seq": seq}

    def public_payload(self, seq: int) -> OpinionTally:
        opinions = None if self.hidden else self.opinions
        return {"idea_id": self.idea_id, "opinions": opinions, "seq": seq}


@dataclass(frozen=True)
class ParticipantsCounted(RoomChange):
    wire_name: ClassVar[str] = "participants.count"
    participants: int

    def payload(self, seq: int) -> ParticipantsCount:
        return {"participants": self.participants, "seq": seq}


@dataclass(frozen=True)
class RoundtableUpdated(RoomChange):
    wire_name: ClassVar[str] = "roundtable.updated"
    roundtable: RoundtableView

    def payload(self, seq: int) -> RoundtableChanged:
        return {"roundtable": self.roundtable, "seq": seq}


@dataclass(frozen=True)
class ThemeCreated(RoomChange):
    wire_name: ClassVar[str] = "theme.created"
    theme: ThemeView
    public_theme: ThemeView

    @classmethod
    def of(cls, theme: Theme) -> Self:
        return cls(theme_view(theme, STAFF), theme_view(theme, EVERYONE))

    def payload(self, seq: int) -> ThemeChanged:
        return {"theme": self.theme, "seq": seq}

    def public_payload(self, seq: int) -> ThemeChanged:
        return {"theme": self.public_theme, "seq": seq}


@dataclass(frozen=True)
class ThemeUpdated(ThemeCreated):
    wire_name: ClassVar[str] = "theme.updated"


@dataclass(frozen=True)
class ThemeDeleted(RoomChange):
    wire_name: ClassVar[str] = "theme.deleted"
    theme: ThemeView

    def payload(self, seq: int) -> ThemeDeletedPayload:
        return {"theme": {"id": self.theme["id"], "prompt_id": self.theme["prompt_id"]}, "seq": seq}


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

    def payload(self, seq: int) -> ThemeTally:
        return {"theme_id": self.theme_id, "votes": self.votes, "support": self.support, "seq": seq}

    def public_payload(self, seq: int) -> ThemeTally:
        if self.hidden:
            return {"theme_id": self.theme_id, "votes": None, "support": None, "seq": seq}
        return self.payload(seq)


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
    payload: EventPayload
    public: EventPayload


T = TypeVar("T")


class Written(NamedTuple, Generic[T]):
    """What every write use case returns: the writer's answer (the view of what it changed,
    or what is left of a budget) and the log entries to publish once it is acked."""

    answer: T
    events: list[Published]


def logged(payload: Mapping[str, object]) -> dict[str, Any]:
    """A payload as the log's JSON column stores it."""
    return dict(payload)


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
        payload = change.payload(roundtable.last_seq)
        public = change.public_payload(roundtable.last_seq)
        session.add(
            RoomEvent(
                roundtable_id=roundtable.id,
                seq=roundtable.last_seq,
                type=change.wire_name,
                payload=logged(payload),
                public_payload=None if public == payload else logged(public),
                participant_id=actor.participant_id if actor else None,
                staff_id=actor.staff_id if actor else None,
            )
        )
        published.append(
            Published(roundtable.id, roundtable.last_seq, change.wire_name, payload, public)
        )
    session.commit()
    return published
