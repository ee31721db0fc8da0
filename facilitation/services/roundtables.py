"""Roundtables: creating them with a join code, joining them, catching up on them."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from facilitation.models import Event, Membership, Participant, Roundtable, Stream
from facilitation.roles import StaffRole
from facilitation.services.actors import SCREEN, Actor, Right, require
from facilitation.services.catchup import events_since
from facilitation.services.errors import ForbiddenError, InvalidInputError, NotFoundError
from facilitation.services.events import (
    ParticipantsCounted,
    PromptUpdated,
    Published,
    RoomChange,
    RoundtableUpdated,
    Written,
    lock_roundtable,
    record,
)
from facilitation.services.prompts import check_attribution, prompt_in
from facilitation.services.screens import require_screen_of
from facilitation.services.shapes import CatchUp, RoundtableView, Snapshot
from facilitation.services.text import AFFILIATION_MAX, NAME_MAX, TITLE_MAX, clean_line
from facilitation.services.views import (
    EVERYONE,
    STAFF,
    Viewer,
    participant_count,
    prompts_with_ideas,
    roundtable_view,
    snapshot,
)

# No I, L, O, 0 or 1: a code read aloud or off a projector is typed right first time.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ"
JOIN_CODE_LENGTH = 6
SYNC_LIMIT = 500


def normalise_join_code(raw: str) -> str:
    return "".join(raw.split()).replace("-", "").upper()


def new_join_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if session.scalar(select(Roundtable.id).where(Roundtable.join_code == code)) is None:
            return code


def find_by_code(session: Session, join_code: str) -> Roundtable:
    roundtable = session.scalar(
        select(Roundtable).where(Roundtable.join_code == normalise_join_code(join_code))
    )
    if roundtable is None:
        raise NotFoundError("roundtable with that join code")
    return roundtable


def get_roundtable(session: Session, roundtable_id: int) -> Roundtable:
    roundtable = session.get(Roundtable, roundtable_id)
    if roundtable is None:
        raise NotFoundError("roundtable")
    return roundtable


def default_event(session: Session) -> Event:
    """The event new roundtables belong to when none is named: the first, or a fresh one."""
    event = session.scalar(select(Event).order_by(Event.id))
    if event is None:
        event = Event(slug="roundtables", title="Roundtables")
        session.add(event)
        session.flush()
    return event


def events_for_dashboard(session: Session, *, actor: Actor | None) -> list[Event]:
    """Every event with its streams and roundtables, for staff who may read roundtables."""
    require(actor, Right.READ_ROUNDTABLE)
    return list(
        session.scalars(
            select(Event)
            .order_by(Event.id)
            .options(
                selectinload(Event.streams).selectinload(Stream.roundtables),
                selectinload(Event.roundtables),
            )
        ).all()
    )


def create_roundtable(
    session: Session, *, actor: Actor | None, title: str, stream_id: int | None = None
) -> Roundtable:
    """A new roundtable with a fresh join code, in the stream's event or the default one."""
    require(actor, Right.CREATE_ROUNDTABLE)
    clean_title = clean_line(title, field="title", max_length=TITLE_MAX)
    if stream_id is not None:
        stream = session.get(Stream, stream_id)
        if stream is None:
            raise NotFoundError("stream")
        event = stream.event
    else:
        event = default_event(session)
    position = len(event.roundtables)
    roundtable = Roundtable(
        event=event,
        stream_id=stream_id,
        title=clean_title,
        join_code=new_join_code(session),
        position=position,
        settings={},
    )
    session.add(roundtable)
    session.commit()
    return roundtable


@dataclass(frozen=True)
class Entered:
    """Who a joining connection now is: its roundtable, role and participant, if any."""

    roundtable_id: int
    role: str
    participant_id: int | None
    participant_name: str | None
    participant_affiliation: str | None
    events: list[Published]


@dataclass(frozen=True)
class Joined:
    """The result of joining: who the connection now is, and what it sees."""

    roundtable_id: int
    role: str
    participant: Participant | None
    snapshot: Snapshot
    seq: int
    events: list[Published]


def join_roundtable(
    session: Session,
    *,
    actor: Actor | None,
    join_code: str,
    name: str | None = None,
    affiliation: str | None = None,
) -> Joined:
    """Join by code and see the room: enter_roundtable, then what_joiner_sees."""
    entered = enter_roundtable(
        session, actor=actor, join_code=join_code, name=name, affiliation=affiliation
    )
    seq, view = what_joiner_sees(session, entered)
    participant = (
        session.get(Participant, entered.participant_id) if entered.participant_id else None
    )
    return Joined(entered.roundtable_id, entered.role, participant, view, seq, entered.events)


def enter_roundtable(
    session: Session,
    *,
    actor: Actor | None,
    join_code: str,
    name: str | None = None,
    affiliation: str | None = None,
) -> Entered:
    """Join by code: staff with their role, a returning participant as itself, or a new one.

    Only the short write (a new participant, a membership); the snapshot is built apart, so
    that a room's size never holds up the writers of other rooms.
    """
    if actor is None and name is None:
        # Asked before the code is looked up, so that a join without a name tells a guesser
        # nothing about which codes exist.
        raise InvalidInputError("name_required", "Give your name to join.")
    roundtable = find_by_code(session, join_code)
    if actor is not None and actor.is_screen:
        require_screen_of(session, actor, roundtable.id)
        session.commit()
        return Entered(roundtable.id, SCREEN, None, None, None, [])
    if actor is not None and actor.is_staff:
        require(actor, Right.READ_ROUNDTABLE)
        session.commit()
        return Entered(roundtable.id, str(actor.role), None, None, None, [])

    participant = None
    if actor is not None and actor.participant_id is not None:
        participant = session.get(Participant, actor.participant_id)
        if participant is not None and participant.event_id != roundtable.event_id:
            raise ForbiddenError("That participant token belongs to another event.")
    if participant is None:
        if name is None:
            raise InvalidInputError("name_required", "Give your name to join.")
        roundtable = lock_roundtable(session, roundtable.id)
        participant = Participant(
            event_id=roundtable.event_id,
            name=clean_line(name, field="name", max_length=NAME_MAX),
            affiliation=clean_line(
                affiliation or "", field="affiliation", max_length=AFFILIATION_MAX, required=False
            ),
        )
        session.add(participant)
        session.flush()
    events = _ensure_member(session, roundtable, participant)
    return Entered(
        roundtable.id,
        "participant",
        participant.id,
        participant.name,
        participant.affiliation or None,
        events,
    )


def _ensure_member(
    session: Session, roundtable: Roundtable, participant: Participant
) -> list[Published]:
    already = session.scalar(
        select(Membership.id).where(
            Membership.roundtable_id == roundtable.id,
            Membership.participant_id == participant.id,
        )
    )
    if already is not None:
        session.commit()
        return []
    roundtable = lock_roundtable(session, roundtable.id)
    session.add(Membership(roundtable_id=roundtable.id, participant_id=participant.id))
    session.flush()
    count = participant_count(session, roundtable.id)
    return record(
        session,
        roundtable,
        [ParticipantsCounted(participants=count)],
        actor=Actor.participant(participant.id),
    )


def what_joiner_sees(session: Session, entered: Entered) -> tuple[int, Snapshot]:
    """The sequence number and the snapshot for one who just entered, in one read."""
    roundtable = get_roundtable(session, entered.roundtable_id)
    # The sequence number is read before the state, so the snapshot is never older than it.
    session.refresh(roundtable)
    seq = roundtable.last_seq
    # Staff see everything; anyone else (a participant, a big screen) what the room may see.
    staff = entered.role in set(StaffRole) and entered.participant_id is None
    viewer = STAFF if staff else Viewer(participant_id=entered.participant_id)
    return seq, snapshot(session, roundtable, viewer)


def is_member(session: Session, roundtable_id: int, participant_id: int) -> bool:
    return (
        session.scalar(
            select(Membership.id).where(
                Membership.roundtable_id == roundtable_id,
                Membership.participant_id == participant_id,
            )
        )
        is not None
    )


def require_access(session: Session, actor: Actor | None, roundtable_id: int) -> Roundtable:
    """The roundtable, if the actor may read it: staff who may read, a member, or its own
    big screen while that screen's link is live."""
    roundtable = get_roundtable(session, roundtable_id)
    if actor is None:
        raise ForbiddenError("Join the roundtable first.")
    if actor.is_screen:
        require_screen_of(session, actor, roundtable_id)
    elif actor.is_staff:
        require(actor, Right.READ_ROUNDTABLE)
    elif actor.participant_id is None or not is_member(
        session, roundtable_id, actor.participant_id
    ):
        raise ForbiddenError("Join the roundtable first.")
    return roundtable


def sync(session: Session, *, actor: Actor | None, roundtable_id: int, since_seq: int) -> CatchUp:
    """What a client missed after `since_seq`: the events, or a fresh snapshot if too many."""
    roundtable = require_access(session, actor, roundtable_id)
    if since_seq < 0:
        raise InvalidInputError("bad_request", "since_seq must be zero or more.")
    if since_seq > roundtable.last_seq:
        since_seq = roundtable.last_seq
    viewer = Viewer.of(actor)
    # Events replay as the room was sent them (one version for all participants), but as
    # things stand now; a snapshot is the viewer's own.
    audience = STAFF if viewer.staff else EVERYONE
    missed = events_since(session, roundtable.id, since_seq, limit=SYNC_LIMIT, viewer=audience)
    if missed is not None:
        return {"events": missed}
    seq = roundtable.last_seq
    return {"snapshot": snapshot(session, roundtable, viewer), "seq": seq}


def _roundtable_updated(
    session: Session, roundtable: Roundtable, actor: Actor | None, *, with_prompts: bool
) -> Written[RoundtableView]:
    session.flush()
    view = roundtable_view(roundtable)
    changes: list[RoomChange] = [RoundtableUpdated(roundtable=view)]
    if with_prompts:  # authors shown or hidden anew in every prompt that follows the roundtable
        changes += [
            PromptUpdated.of(prompt)
            for prompt in prompts_with_ideas(session, roundtable.id)
            if not prompt.settings.get("attribution")
        ]
    return Written(view, record(session, roundtable, changes, actor=actor))


def configure_roundtable(
    session: Session, *, actor: Actor | None, roundtable_id: int, attribution: str
) -> Written[RoundtableView]:
    """Choose how ideas are attributed: named, by affiliation only, or anonymously."""
    require(actor, Right.RUN_PROMPTS)
    check_attribution(attribution)
    roundtable = lock_roundtable(session, roundtable_id)
    if (roundtable.settings.get("attribution") or "named") == attribution:
        session.commit()
        return Written(roundtable_view(roundtable), [])
    roundtable.settings = {**roundtable.settings, "attribution": attribution}
    return _roundtable_updated(session, roundtable, actor, with_prompts=True)


def focus_prompt(
    session: Session, *, actor: Actor | None, roundtable_id: int, prompt_id: int | None
) -> Written[RoundtableView]:
    """Bring everyone's screen to one prompt ("follow me"), or let them roam (None)."""
    require(actor, Right.RUN_PROMPTS)
    roundtable = lock_roundtable(session, roundtable_id)
    if prompt_id is not None:
        prompt_in(session, roundtable.id, prompt_id)
    if roundtable.settings.get("focus_prompt_id") == prompt_id:
        session.commit()
        return Written(roundtable_view(roundtable), [])
    roundtable.settings = {**roundtable.settings, "focus_prompt_id": prompt_id}
    return _roundtable_updated(session, roundtable, actor, with_prompts=False)
