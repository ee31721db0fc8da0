"""Who a connection is and which roundtable it has joined, bound on the server side."""

from __future__ import annotations

import dataclasses
from typing import Any

from flask import request, session

from facilitation.services.actors import Actor
from facilitation.services.errors import DomainError


def bind_actor(actor: Actor | None) -> None:
    session["actor"] = None if actor is None else dataclasses.asdict(actor)


def current_actor() -> Actor | None:
    data: dict[str, Any] | None = session.get("actor")
    return Actor(**data) if data else None


def bind_roundtable(roundtable_id: int) -> None:
    session["roundtable_id"] = roundtable_id


def current_roundtable_id() -> int:
    roundtable_id: int | None = session.get("roundtable_id")
    if roundtable_id is None:
        raise DomainError("not_joined", "Join a roundtable first.")
    return roundtable_id


def client_address() -> str:
    """Where this connection comes from (behind trusted proxies, the client they name)."""
    return request.remote_addr or "unknown"


def connection_id() -> str:
    sid: str = request.sid  # type: ignore[attr-defined]
    return sid
