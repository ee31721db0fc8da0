"""The tables: events and their agenda, staff, participants, prompts, ideas, votes, the log."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy import text as sql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitation.db import Base


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class RoundtableStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    LIVE = "live"
    CLOSED = "closed"


class PromptKind(enum.StrEnum):
    IDEAS = "ideas"
    POLL = "poll"
    SCALE = "scale"
    RANKING = "ranking"
    ASSESSMENT = "assessment"
    QUESTIONS = "questions"  # a panel's Q&A: the ideas are questions, upvoted without a budget
    STATEMENTS = "statements"  # the ideas are statements each participant agrees with, or not


# The kinds a participant answers with one `response.submit` rather than with ideas and votes.
ANSWERED_KINDS = frozenset(
    {PromptKind.POLL, PromptKind.SCALE, PromptKind.RANKING, PromptKind.ASSESSMENT}
)


class PromptStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class IdeaStatus(enum.StrEnum):
    VISIBLE = "visible"
    PENDING = "pending"  # waiting for the facilitator's approval (pre-moderation)
    HIDDEN = "hidden"  # hidden by the facilitator; can be restored
    DELETED = "deleted"  # withdrawn by its author
    MERGED = "merged"  # folded into another idea as a duplicate


class Phase(enum.StrEnum):
    COLLECT = "collect"
    GROUP = "group"
    VOTE = "vote"
    RESULTS = "results"


class Attribution(enum.StrEnum):
    NAMED = "named"
    AFFILIATION = "affiliation"
    ANONYMOUS = "anonymous"


class Event(Base):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    subtitle: Mapped[str] = mapped_column(String(300), default="")
    venue: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[str] = mapped_column(String(10), default="")
    ends_on: Mapped[str] = mapped_column(String(10), default="")
    language: Mapped[str] = mapped_column(String(10), default="en")
    description: Mapped[str] = mapped_column(Text, default="")

    streams: Mapped[list[Stream]] = relationship(
        back_populates="event", order_by="Stream.position", cascade="all, delete-orphan"
    )
    roundtables: Mapped[list[Roundtable]] = relationship(
        back_populates="event", order_by="Roundtable.position", cascade="all, delete-orphan"
    )


class Stream(Base):
    __tablename__ = "stream"
    __table_args__ = (UniqueConstraint("event_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="streams")
    roundtables: Mapped[list[Roundtable]] = relationship(
        back_populates="stream", order_by="Roundtable.position"
    )


class Roundtable(Base):
    __tablename__ = "roundtable"
    __table_args__ = (UniqueConstraint("event_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    stream_id: Mapped[int | None] = mapped_column(ForeignKey("stream.id", ondelete="SET NULL"))
    slug: Mapped[str | None] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    scheduled_on: Mapped[str] = mapped_column(String(10), default="")
    position: Mapped[int] = mapped_column(default=0)
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=RoundtableStatus.SCHEDULED)
    # Switches that come and go with features: free-form JSON, read key by key.
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The last sequence number written to this roundtable's log; bumped under a row lock.
    last_seq: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column()

    event: Mapped[Event] = relationship(back_populates="roundtables")
    stream: Mapped[Stream | None] = relationship(back_populates="roundtables")
    prompts: Mapped[list[Prompt]] = relationship(
        back_populates="roundtable", order_by="Prompt.position, Prompt.id"
    )


class StaffUser(Base):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"))
    # SHA-256 of the token: a leaked database does not leak working tokens.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    staff: Mapped[StaffUser] = relationship()


class Participant(Base):
    __tablename__ = "participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    affiliation: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Membership(Base):
    """A participant who has joined a roundtable: the right to read and write in it."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("roundtable_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roundtable_id: Mapped[int] = mapped_column(ForeignKey("roundtable.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)


class Prompt(Base):
    __tablename__ = "prompt"

    id: Mapped[int] = mapped_column(primary_key=True)
    roundtable_id: Mapped[int] = mapped_column(
        ForeignKey("roundtable.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20), default="ideas")
    status: Mapped[str] = mapped_column(String(20), default=PromptStatus.DRAFT)
    phase: Mapped[str | None] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(default=0)
    votes_per_participant: Mapped[int] = mapped_column(default=3)
    # Switches that come and go with features: free-form JSON, read key by key.
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    timer_ends_at: Mapped[datetime | None] = mapped_column(index=True)
    timer_seconds: Mapped[int | None] = mapped_column()
    # Move to the next phase (or close) when the timer ends.
    timer_advance: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column()

    roundtable: Mapped[Roundtable] = relationship(back_populates="prompts")
    ideas: Mapped[list[Idea]] = relationship(back_populates="prompt", order_by="Idea.id")
    themes: Mapped[list[Theme]] = relationship(
        back_populates="prompt", order_by="Theme.position, Theme.id", cascade="all, delete-orphan"
    )


class Idea(Base):
    __tablename__ = "idea"
    __table_args__ = (UniqueConstraint("participant_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompt.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL")
    )
    client_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=IdeaStatus.VISIBLE)
    theme_id: Mapped[int | None] = mapped_column()
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id", ondelete="SET NULL"))
    merged_into_id: Mapped[int | None] = mapped_column()
    edited: Mapped[bool] = mapped_column(default=False)
    # The attribution in force when it was posted: the most it may ever reveal of its author.
    attribution: Mapped[str] = mapped_column(String(20), default=Attribution.NAMED)
    vote_count: Mapped[int] = mapped_column(default=0)
    # A question the panel has answered (prompts of kind `questions`).
    answered: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Brought in from another roundtable of the event (services/carry.py): where it came from.
    origin: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    prompt: Mapped[Prompt] = relationship(back_populates="ideas")
    author: Mapped[Participant | None] = relationship()
    reactions: Mapped[list[Reaction]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="Reaction.id"
    )


class Vote(Base):
    __tablename__ = "vote"
    __table_args__ = (UniqueConstraint("participant_id", "idea_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompt.id", ondelete="CASCADE"))
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Response(Base):
    """One participant's answer to a poll, scale, ranking or assessment: submitting again
    replaces it (an assessment's scores by item and criterion)."""

    __tablename__ = "response"
    __table_args__ = (UniqueConstraint("prompt_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompt.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    # {"choices": [...]}, {"value": n}, {"order": [...]} or {"scores": [{item, criterion,
    # value, comment}]}: checked against the prompt's setup before it is stored.
    answer: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Opinion(Base):
    """One participant's stance on one statement (an idea of a `statements` prompt): agree,
    disagree or pass; casting again changes it."""

    __tablename__ = "opinion"
    __table_args__ = (UniqueConstraint("idea_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompt.id", ondelete="CASCADE"), index=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    opinion: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class SpeakerTurn(Base):
    """A raised hand in a roundtable's speakers' queue, and the turn it became: waiting until
    the facilitator gives the floor (`called_at`), speaking until the turn ends (`ended_at`),
    or lowered before it came (`lowered_at`). Ended turns are the record of who held the
    floor, and for how long."""

    __tablename__ = "speaker_turn"

    id: Mapped[int] = mapped_column(primary_key=True)
    roundtable_id: Mapped[int] = mapped_column(
        ForeignKey("roundtable.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    raised_at: Mapped[datetime] = mapped_column(default=utcnow)
    called_at: Mapped[datetime | None] = mapped_column()
    ended_at: Mapped[datetime | None] = mapped_column()
    lowered_at: Mapped[datetime | None] = mapped_column()
    # The time the speaker was given, if the facilitator set one.
    seconds: Mapped[int | None] = mapped_column()

    participant: Mapped[Participant] = relationship()


class Reaction(Base):
    """One participant's emoji on one idea."""

    __tablename__ = "reaction"
    __table_args__ = (UniqueConstraint("idea_id", "participant_id", "emoji"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    emoji: Mapped[str] = mapped_column(String(16))


class Theme(Base):
    """A named group of a prompt's ideas, made by the facilitator or accepted from a suggestion."""

    __tablename__ = "theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompt.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)
    vote_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    prompt: Mapped[Prompt] = relationship(back_populates="themes")


class ThemeVote(Base):
    """A vote on a theme; it spends the same per-prompt budget as votes on ideas."""

    __tablename__ = "theme_vote"
    __table_args__ = (UniqueConstraint("participant_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompt.id", ondelete="CASCADE"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RoomEvent(Base):
    """One entry of a roundtable's event log: what was emitted, in order."""

    __tablename__ = "room_event"
    __table_args__ = (
        UniqueConstraint("roundtable_id", "seq"),
        Index("ix_room_event_participant", "participant_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    roundtable_id: Mapped[int] = mapped_column(ForeignKey("roundtable.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column()
    type: Mapped[str] = mapped_column(String(40))
    # An EventPayload (services/shapes.py) when written; read back as whichever version wrote it.
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    # What participants are sent where it differs from the staff's payload (redactions).
    public_payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Who caused it (for the audit trail); staff or participant, or neither.
    participant_id: Mapped[int | None] = mapped_column()
    staff_id: Mapped[int | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PresenterLink(Base):
    """A secret, revocable link to a roundtable's big screen, for a projector without a login.

    The token in the link is an HMAC of `nonce` under the app's secret key: staff can be shown
    it again, while a leaked database (which keeps only the token's hash) opens no screen.
    """

    __tablename__ = "presenter_link"
    __table_args__ = (
        # At most one live link per roundtable; revoked ones stay as the record of who shared.
        Index(
            "uq_presenter_link_live",
            "roundtable_id",
            unique=True,
            sqlite_where=sql("revoked_at IS NULL"),
            postgresql_where=sql("revoked_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    roundtable_id: Mapped[int] = mapped_column(ForeignKey("roundtable.id", ondelete="CASCADE"))
    nonce: Mapped[str] = mapped_column(String(64))
    # SHA-256 of the token, looked up by equality: no secret is compared character by character.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column()


class Outcome(Base):
    """What a session concluded, as its rapporteurs record it: a takeaway, a decision, an
    action item or an open question, with the goals it serves and the ideas it came from.

    It belongs to the staff's workspace, not to the room: it is not in the room's log and
    reaches no participant until it is exported. `version` rises with every change, so that
    an edit made from an older version is noticed rather than written over another.
    """

    __tablename__ = "outcome"
    __table_args__ = (UniqueConstraint("roundtable_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roundtable_id: Mapped[int] = mapped_column(
        ForeignKey("roundtable.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(200))
    due: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str | None] = mapped_column(String(20))
    sdgs: Mapped[list[int]] = mapped_column(JSON, default=list)
    source_idea_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    source_theme_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # Streams of the event the outcome speaks to, beyond its own roundtable's (a wrap-up's).
    stream_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)
    # Chosen by the writing client, so that a create retried after a dropped ack makes one.
    client_id: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class NoteRevision(Base):
    """One saved state of a roundtable's shared notes. Every save is kept: the newest is the
    notes, the older ones are what a late edit is merged against, and nothing typed is lost."""

    __tablename__ = "note_revision"
    __table_args__ = (UniqueConstraint("roundtable_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roundtable_id: Mapped[int] = mapped_column(ForeignKey("roundtable.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column()
    text: Mapped[str] = mapped_column(Text)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RoundtableTemplate(Base):
    """A roundtable's prompts, saved to start another roundtable of the same event from: each
    prompt as a spec (services/prompt_specs.py), checked again whenever the template is used.
    The templates that ship with the server are files, not rows (services/templates.py)."""

    __tablename__ = "roundtable_template"
    __table_args__ = (UniqueConstraint("event_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    prompts: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[StaffUser | None] = relationship()
