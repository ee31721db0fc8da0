"""The whole-event report: every stream's roundtables with what they concluded, for the wrap-up
and for the partners who were not in the room (its data classes are in
services/summary_data.py).

It is built from the same session summaries the roundtables export, so a roundtable reads the
same in its own summary and in the report. On top of them it gathers what only the whole event
shows: which goals each stream served (a matrix of streams by SDGs), the ideas the rooms
supported most across roundtables, and every action item in one list.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.models import Event, Roundtable, Stream
from facilitation.services.actors import Actor, Right, require
from facilitation.services.errors import NotFoundError
from facilitation.services.summaries import build_summary
from facilitation.services.summary_data import (
    EventReport,
    OutcomeSummary,
    StreamReport,
    Summary,
)


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
