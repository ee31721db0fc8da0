"""The speakers' queue as each viewer sees it, and the time each person held the floor.

A hand in the queue is shown with its name and affiliation whatever the roundtable's
attribution: whoever takes the floor speaks in person, and the facilitator calls them by name.
Participant ids reach staff only.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from facilitation.models import Roundtable, SpeakerTurn
from facilitation.services.shapes import QueueView, SpeakerView, SpokenView


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() + "Z" if moment else None


def _speaker(turn: SpeakerTurn, *, staff: bool) -> SpeakerView:
    view: SpeakerView = {
        "turn_id": turn.id,
        "name": turn.participant.name,
        "affiliation": turn.participant.affiliation or None,
        "raised_at": turn.raised_at.isoformat() + "Z",
        "called_at": _iso(turn.called_at),
        "seconds": turn.seconds,
    }
    if staff:
        view["participant_id"] = turn.participant_id
    return view


def turns_of(session: Session, roundtable_id: int) -> list[SpeakerTurn]:
    return list(
        session.scalars(
            select(SpeakerTurn)
            .where(SpeakerTurn.roundtable_id == roundtable_id)
            .order_by(SpeakerTurn.id)
            .options(selectinload(SpeakerTurn.participant))
        )
    )


def is_waiting(turn: SpeakerTurn) -> bool:
    return turn.called_at is None and turn.lowered_at is None


def is_speaking(turn: SpeakerTurn) -> bool:
    return turn.called_at is not None and turn.ended_at is None


def held(turn: SpeakerTurn, *, until: datetime | None = None) -> int | None:
    """How many seconds the turn held the floor: an ended turn's length, a running one's up
    to `until` (never below 0); None for a hand never given the floor, or a running turn when
    no `until` is given."""
    if turn.called_at is None:
        return None
    end = turn.ended_at or until
    if end is None:
        return None
    return max(0, round((end - turn.called_at).total_seconds()))


def spoken(turns: list[SpeakerTurn], *, until: datetime | None = None) -> list[SpokenView]:
    """Each person's ended turns (and with `until`, the running one up to then) and their
    total length, longest first."""
    by_person: dict[int, SpokenView] = {}
    for turn in turns:
        seconds = held(turn, until=until)
        if seconds is None:
            continue
        entry = by_person.setdefault(
            turn.participant_id,
            {
                "name": turn.participant.name,
                "affiliation": turn.participant.affiliation.strip() or None,
                "turns": 0,
                "seconds": 0,
            },
        )
        entry["turns"] += 1
        entry["seconds"] += seconds
    return sorted(by_person.values(), key=lambda e: (-e["seconds"], e["name"]))


def queue_view(
    session: Session, roundtable: Roundtable, *, staff: bool, participant_id: int | None = None
) -> QueueView:
    """The queue as the viewer may see it: who speaks, who waits, and, for a participant, its
    own turn; for staff, the participant ids and the time each person has spoken."""
    turns = turns_of(session, roundtable.id)
    speaking = next((t for t in turns if is_speaking(t)), None)
    waiting = [t for t in turns if is_waiting(t)]
    view: QueueView = {
        "speaking": _speaker(speaking, staff=staff) if speaking else None,
        "waiting": [_speaker(turn, staff=staff) for turn in waiting],
        "seconds": roundtable.settings.get("speaker_seconds"),
    }
    if participant_id is not None:
        own = [t for t in (speaking, *waiting) if t and t.participant_id == participant_id]
        view["mine"] = own[0].id if own else None
    if staff:
        view["spoken"] = spoken(turns)
    return view
