"""Connecting, joining a roundtable's room, and catching up after a drop."""

from __future__ import annotations

from typing import Any

from flask_socketio import ConnectionRefusedError, SocketIO, join_room, leave_room

from facilitation.models import utcnow
from facilitation.payloads import fits_32_bits, parse
from facilitation.realtime import presenter_link_room, room_of, screens_room
from facilitation.runtime import runtime
from facilitation.services import roundtables, screens, staff
from facilitation.services.actors import Actor
from facilitation.services.errors import (
    DomainError,
    InvalidInputError,
    RateLimitedError,
)
from facilitation.services.shapes import EventsSinceAck, JoinAck, SnapshotAck
from facilitation.sockets import handles
from facilitation.sockets.connection import (
    bind_actor,
    bind_roundtable,
    client_address,
    connection_id,
    current_actor,
    current_roundtable_id,
    joined_roundtable_id,
    signed_in_staff_id,
)
from facilitation.throttle import (
    TOO_MANY_JOINS,
    TOO_MANY_NEWCOMERS,
    TOO_MANY_SCREENS,
    TOO_MANY_TOKENS,
)
from facilitation.web.messages import translated


def _refused(error: DomainError) -> ConnectionRefusedError:
    """A refused connection: the client's connect_error carries the message and, as data,
    the code (and any wait)."""
    details = translated(error)
    return ConnectionRefusedError(details["message"], details)


def _screen_from(token: object) -> Actor:
    """The big screen a presenter link's token opens; wrong tokens are limited per address."""
    state = runtime()
    address = f"address:{client_address()}"
    try:
        with (
            state.throttles.join_attempts.attempt(TOO_MANY_SCREENS, address),
            state.db.session() as db,
        ):
            found = screens.resolve(db, token=token)
    except DomainError as error:  # too many wrong tokens, or a wrong one
        raise _refused(error) from error
    return Actor.screen(found.roundtable_id, found.link_id)


def _staff_screen(member: Actor, roundtable_id: object) -> Actor:
    """The big screen a signed-in staff member opens: the room's view, not the staff's."""
    if (
        not isinstance(roundtable_id, int)
        or isinstance(roundtable_id, bool)
        or not fits_32_bits(roundtable_id)
    ):
        raise _refused(InvalidInputError("bad_request", "screen_of must be a roundtable id."))
    try:
        with runtime().db.session() as db:
            roundtables.require_access(db, member, roundtable_id)
    except DomainError as error:
        raise _refused(error) from error
    return Actor.screen(roundtable_id)


def _actor_from(auth: Any) -> Actor | None:
    auth = auth if isinstance(auth, dict) else {}
    if "screen_token" in auth:
        return _screen_from(auth["screen_token"])
    actor = _identity_from(auth)
    if "screen_of" in auth and actor is not None and actor.is_staff:
        return _staff_screen(actor, auth["screen_of"])
    return actor


# `auth` is what the client sent at connect: untrusted, read key by key.
def _identity_from(auth: dict[str, Any]) -> Actor | None:
    state = runtime()
    if token := auth.get("token"):
        try:
            with state.throttles.logins.attempt(TOO_MANY_TOKENS, f"address:{client_address()}"):
                with state.db.session() as db:
                    member = staff.staff_for_token(db, token) if isinstance(token, str) else None
                if member is None:
                    raise ConnectionRefusedError("The API token is not valid.")
        except RateLimitedError as error:
            raise _refused(error) from error
        return Actor.staff(member.id, member.role)
    if staff_id := signed_in_staff_id():
        with state.db.session() as db:
            member = staff.get_staff(db, staff_id)
            if member is not None:
                return Actor.staff(member.id, member.role)
    if participant_id := state.tokens.read(auth.get("participant_token")):
        return Actor.participant(participant_id)
    return None


def _enter_screens_room(actor: Actor, roundtable_id: int) -> None:
    """Put a big screen in its roundtable's screens room (and its link's, to be told of
    revocation). Checked again once inside: a link revoked meanwhile was announced to a room
    this screen was not in yet, so it is refused here instead."""
    rooms = [screens_room(roundtable_id)]
    if actor.presenter_link_id is not None:
        rooms.append(presenter_link_room(actor.presenter_link_id))
    for room in rooms:
        join_room(room)
    try:
        with runtime().db.session() as db:
            screens.require_screen_of(db, actor, roundtable_id)
    except DomainError:
        for room in rooms:
            leave_room(room)
        raise


def server_time() -> str:
    """The server's clock, so that clients can count down timers in step with it."""
    return utcnow().isoformat(timespec="milliseconds") + "Z"


def register(socketio: SocketIO) -> None:
    def on_connect(auth: Any = None) -> None:
        bind_actor(_actor_from(auth))

    socketio.on_event("connect", on_connect)

    @handles(socketio, "roundtable.join", screens=True)
    def on_join(payload: Any) -> JoinAck:
        fields = parse(
            payload, required={"join_code": str}, optional={"name": str, "affiliation": str}
        )
        state = runtime()
        actor = current_actor()
        address, connection = f"address:{client_address()}", f"connection:{connection_id()}"
        newcomer = actor is None and "name" in fields
        with state.throttles.join_attempts.attempt(TOO_MANY_JOINS, connection, address):
            if newcomer:
                state.throttles.new_participants.take(address, TOO_MANY_NEWCOMERS)
            try:
                with state.db.writing() as db:
                    entered = roundtables.enter_roundtable(db, actor=actor, **fields)
            except DomainError:
                if newcomer:  # nobody new came in: only the join attempt stays spent
                    state.throttles.new_participants.give_back(address)
                raise
        # Built outside the writers' turn: a big room's snapshot holds up no one else's writes.
        with state.db.session() as db:
            seq, view = roundtables.what_joiner_sees(db, entered)
        previous = joined_roundtable_id()
        if previous is not None:
            for room in (room_of(previous), room_of(previous, staff=True), screens_room(previous)):
                leave_room(room)
        ack: JoinAck = {
            "ok": True,
            "role": entered.role,
            "snapshot": view,
            "seq": seq,
            "server_time": server_time(),
        }
        if entered.participant_id is not None:
            bind_actor(Actor.participant(entered.participant_id))
            ack["participant"] = {
                "id": entered.participant_id,
                "name": entered.participant_name,
                "affiliation": entered.participant_affiliation,
                "token": state.tokens.issue(entered.participant_id),
            }
        bind_roundtable(entered.roundtable_id)
        if actor is not None and actor.is_screen:
            _enter_screens_room(actor, entered.roundtable_id)
        else:
            join_room(room_of(entered.roundtable_id, staff=entered.participant_id is None))
        state.realtime.publish(entered.events)
        return ack

    @handles(socketio, "roundtable.sync", screens=True)
    def on_sync(payload: Any) -> EventsSinceAck | SnapshotAck:
        fields = parse(payload, required={"since_seq": int})
        with runtime().db.session() as db:
            caught_up = roundtables.sync(
                db,
                actor=current_actor(),
                roundtable_id=current_roundtable_id(),
                since_seq=fields["since_seq"],
            )
        if "events" in caught_up:
            return {"ok": True, "events": caught_up["events"], "server_time": server_time()}
        return {
            "ok": True,
            "snapshot": caught_up["snapshot"],
            "seq": caught_up["seq"],
            "server_time": server_time(),
        }
