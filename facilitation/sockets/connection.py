"""Who a connection is and which roundtable it has joined, bound on the server side.

Flask-SocketIO gives each connection its own copy of the Flask session, taken from the
browser's cookie at connect; this module is the only one that reads or writes it for a socket.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from flask import request
from flask import session as connection_state

from facilitation.services.actors import Actor
from facilitation.services.errors import DomainError

# The keys of what is bound to a connection.
_ACTOR = "actor"
_JOINED_ROUNDTABLE = "roundtable_id"
# Written by the staff sign-in page (web/auth.py); a socket only reads it, at connect.
_SIGNED_IN_STAFF = "staff_id"


def bind_actor(actor: Actor | None) -> None:
    connection_state[_ACTOR] = None if actor is None else dataclasses.asdict(actor)


def current_actor() -> Actor | None:
    # The Actor's own fields, as bind_actor stored them (asdict), not a wire shape.
    data: dict[str, Any] | None = connection_state.get(_ACTOR)
    return Actor(**data) if data else None


def signed_in_staff_id() -> int | None:
    """The staff member signed in in the browser that opened this connection, if any."""
    staff_id: int | None = connection_state.get(_SIGNED_IN_STAFF)
    return staff_id


def bind_roundtable(roundtable_id: int) -> None:
    connection_state[_JOINED_ROUNDTABLE] = roundtable_id


def joined_roundtable_id() -> int | None:
    """The roundtable this connection joined last, if it joined one."""
    roundtable_id: int | None = connection_state.get(_JOINED_ROUNDTABLE)
    return roundtable_id


def current_roundtable_id() -> int:
    """The roundtable this connection joined; an event that needs one is refused before."""
    roundtable_id = joined_roundtable_id()
    if roundtable_id is None:
        raise DomainError("not_joined", "Join a roundtable first.")
    return roundtable_id


def client_address() -> str:
    """Where this connection comes from (behind trusted proxies, the client they name)."""
    return request.remote_addr or "unknown"


def connection_id() -> str:
    sid: str = request.sid  # type: ignore[attr-defined]
    return sid
