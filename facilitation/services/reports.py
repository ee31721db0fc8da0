"""The whole-event report: every stream's roundtables with what they concluded, for the wrap-up
and for the partners who were not in the room.

It is built from the same session summaries the roundtables export, so a roundtable reads the
same in its own summary and in the report. On top of them it gathers what only the whole event
shows: which goals each stream served (a matrix of streams by SDGs), the ideas the rooms
supported most across roundtables, and every action item in one list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.models import Event, Roundtable, Stream
from facilitation.services.actors import Actor, Right, require
from facilitation.services.errors import NotFoundError
from facilitation.services.sdgs import GOALS
from facilitation.services.summaries import IdeaSummary, OutcomeSummary, Summary, build_summary

TOP_IDEAS = 10


@dataclass(frozen=True)
class StreamReport:
    """One stream and its roundtables; `title` None gathers the roundtables of no stream.
    `tagged` are the outcomes of other roundtables (a wrap-up's) that speak to this stream."""

    title: str | None
    roundtables: tuple[Summary, ...]
    tagged: tuple[OutcomeSummary, ...] = ()

    @property
    def goals(self) -> dict[int, int]:
        """How many outcomes of this stream, or tagged with it, serve each goal, for the goals
        served at all."""
        counted: dict[int, int] = {}
        own = [outcome for summary in self.roundtables for outcome in summary.outcomes]
        for outcome in own + list(self.tagged):
            for goal in outcome.sdgs:
                counted[goal] = counted.get(goal, 0) + 1
        return dict(sorted(counted.items()))


@dataclass(frozen=True)
class Placed:
    """Where something in the report came from: its stream and roundtable."""

    stream: str | None
    roundtable: str
    roundtable_id: int


@dataclass(frozen=True)
class PlacedIdea:
    idea: IdeaSummary
    prompt: str
    where: Placed


@dataclass(frozen=True)
class PlacedOutcome:
    outcome: OutcomeSummary
    where: Placed


@dataclass(frozen=True)
class EventReport:
    event_id: int
    title: str
    subtitle: str
    venue: str
    starts_on: str
    ends_on: str
    generated_at: datetime
    streams: tuple[StreamReport, ...]

    @property
    def roundtables(self) -> tuple[Summary, ...]:
        return tuple(summary for stream in self.streams for summary in stream.roundtables)

    @property
    def goals(self) -> tuple[int, ...]:
        """The goals any outcome of the event serves, in order: the matrix's columns."""
        return tuple(sorted({goal for stream in self.streams for goal in stream.goals}))

    @property
    def goals_missing(self) -> tuple[int, ...]:
        return tuple(goal for goal in GOALS if goal not in self.goals)

    def top_ideas(self, limit: int = TOP_IDEAS) -> tuple[PlacedIdea, ...]:
        """The ideas with the most votes across every roundtable (ties by arrival), at most
        `limit`; ideas without a vote are not "top"."""
        placed = [
            PlacedIdea(idea, prompt.text, _placed(summary))
            for summary in self.roundtables
            for prompt in summary.prompts
            for idea in prompt.ideas
            if idea.votes > 0
        ]
        placed.sort(
            key=lambda p: (-p.idea.votes, p.idea.created_at or self.generated_at, p.idea.id)
        )
        return tuple(placed[:limit])

    def outcomes(self, kind: str) -> tuple[PlacedOutcome, ...]:
        """Every outcome of one kind, roundtable by roundtable, in each one's order."""
        return tuple(
            PlacedOutcome(outcome, _placed(summary))
            for summary in self.roundtables
            for outcome in summary.outcomes
            if outcome.kind == kind
        )


def _placed(summary: Summary) -> Placed:
    return Placed(summary.stream, summary.title, summary.roundtable_id)


def build_report(
    session: Session, *, actor: Actor | None, event_id: int, now: datetime
) -> EventReport:
    """The event's report: its streams in agenda order, then the roundtables of no stream."""
    require(actor, Right.EXPORT)
    event = session.get(Event, event_id)
    if event is None:
        raise NotFoundError("event")
    streams = session.scalars(
        select(Stream).where(Stream.event_id == event.id).order_by(Stream.position, Stream.id)
    ).all()
    ordered = session.scalars(
        select(Roundtable)
        .where(Roundtable.event_id == event.id)
        .order_by(Roundtable.position, Roundtable.scheduled_on, Roundtable.id)
    ).all()

    def summaries_of(stream_id: int | None) -> tuple[Summary, ...]:
        return tuple(
            build_summary(session, actor=actor, roundtable_id=roundtable.id, now=now)
            for roundtable in ordered
            if roundtable.stream_id == stream_id
        )

    built = {stream.id: summaries_of(stream.id) for stream in streams}
    loose = summaries_of(None)
    every_outcome = [
        (summary.stream, outcome)
        for summaries in (*built.values(), loose)
        for summary in summaries
        for outcome in summary.outcomes
    ]

    def tagged_with(stream: Stream) -> tuple[OutcomeSummary, ...]:
        """Outcomes that speak to the stream from a roundtable outside it."""
        return tuple(
            outcome
            for home, outcome in every_outcome
            if stream.id in outcome.stream_ids and home != stream.title
        )

    parts = [
        StreamReport(stream.title, built[stream.id], tagged_with(stream)) for stream in streams
    ]
    if loose:
        parts.append(StreamReport(None, loose))
    return EventReport(
        event_id=event.id,
        title=event.title,
        subtitle=event.subtitle,
        venue=event.venue,
        starts_on=event.starts_on,
        ends_on=event.ends_on,
        generated_at=now,
        streams=tuple(parts),
    )
