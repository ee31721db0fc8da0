"""Connecting, joining a roundtable's room, and catching up after a drop."""

from __future__ import annotations

from typing import Any

from flask import session as cookie_session
from flask_socketio import ConnectionRefusedError, SocketIO, join_room, leave_room

from facilitation.models import utcnow
from facilitation.realtime import room_of
from facilitation.runtime import runtime
from facilitation.services import roundtables, staff
from facilitation.services.actors import Actor
from facilitation.services.errors import DomainError, RateLimitedError
from facilitation.sockets import Ack, handles, ok
from facilitation.sockets.connection import (
    bind_actor,
    bind_roundtable,
    client_address,
    connection_id,
    current_actor,
    current_roundtable_id,
)
from facilitation.sockets.payloads import parse
from facilitation.throttle import TOO_MANY_JOINS, TOO_MANY_NEWCOMERS, TOO_MANY_TOKENS


def _actor_from(auth: Any) -> Actor | None:
    state = runtime()
    auth = auth if isinstance(auth, dict) else {}
    if token := auth.get("token"):
        try:
            with state.throttles.logins.attempt(TOO_MANY_TOKENS, f"address:{client_address()}"):
                with state.db.session() as db:
                    member = staff.staff_for_token(db, token) if isinstance(token, str) else None
                if member is None:
                    raise ConnectionRefusedError("The API token is not valid.")
        except RateLimitedError as error:
            # The client's connect_error carries the message and, as data, the code and wait.
            raise ConnectionRefusedError(error.message, error.as_dict()) from error
        return Actor.staff(member.id, member.role)
    if staff_id := cookie_session.get("staff_id"):
        with state.db.session() as db:
            member = staff.get_staff(db, staff_id)
            if member is not None:
                return Actor.staff(member.id, member.role)
    if participant_id := state.tokens.read(auth.get("participant_token")):
        return Actor.participant(participant_id)
    return None


def server_time() -> str:
    """The server's clock, so that clients can count down timers in step with it."""
    return utcnow().isoformat(timespec="milliseconds") + "Z"


def register(socketio: SocketIO) -> None:
    def on_connect(auth: Any = None) -> None:
        bind_actor(_actor_from(auth))

    socketio.on_event("connect", on_connect)

    @handles(socketio, "roundtable.join")
    def on_join(payload: Any) -> Ack:
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
        previous = cookie_session.get("roundtable_id")
        if previous is not None:
            leave_room(room_of(previous))
            leave_room(room_of(previous, staff=True))
        ack = ok(role=entered.role, snapshot=view, seq=seq, server_time=server_time())
        if entered.participant_id is not None:
            bind_actor(Actor.participant(entered.participant_id))
            ack["participant"] = {
                "id": entered.participant_id,
                "name": entered.participant_name,
                "affiliation": entered.participant_affiliation,
                "token": state.tokens.issue(entered.participant_id),
            }
        bind_roundtable(entered.roundtable_id)
        join_room(room_of(entered.roundtable_id, staff=entered.participant_id is None))
        state.realtime.publish(entered.events)
        return ack

    @handles(socketio, "roundtable.sync")
    def on_sync(payload: Any) -> Ack:
        fields = parse(payload, required={"since_seq": int})
        with runtime().db.session() as db:
            caught_up = roundtables.sync(
                db,
                actor=current_actor(),
                roundtable_id=current_roundtable_id(),
                since_seq=fields["since_seq"],
            )
        return ok(**caught_up, server_time=server_time())
