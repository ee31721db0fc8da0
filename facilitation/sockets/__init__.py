"""Socket.IO handlers: validate, call one service, publish, ack; registered by a function."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask_socketio import SocketIO

from facilitation.runtime import runtime
from facilitation.services.errors import DomainError, ForbiddenError
from facilitation.services.shapes import Ack, Refused
from facilitation.sockets.connection import connection_id, current_actor
from facilitation.throttle import TOO_MANY_EVENTS
from facilitation.web.messages import message_for, translated

# A handler takes the client's raw payload, checked field by field only inside it.
Handler = Callable[[Any], Ack]

log = logging.getLogger(__name__)


def failed(code: str, message: str) -> Refused:
    """An error ack; `message` is the English fallback, the ack speaks the connection's language."""
    return {"ok": False, "error": {"code": code, "message": message_for(code, message)}}


def handles(
    socketio: SocketIO, event: str, *, screens: bool = False
) -> Callable[[Handler], Handler]:
    """Register a handler that turns domain errors, and any other failure, into an error ack.

    A big screen is read-only: it may send only the events registered with `screens=True`
    (joining and catching up); every other event from it is refused before its handler runs.
    """

    def register(handler: Handler) -> Handler:
        @wraps(handler)
        def guarded(payload: Any = None, *_extra: Any) -> Ack:
            try:
                runtime().throttles.events.take(f"connection:{connection_id()}", TOO_MANY_EVENTS)
                if not screens and (actor := current_actor()) is not None and actor.is_screen:
                    raise ForbiddenError("A big screen only shows the room; it cannot do that.")
                return handler(payload)
            except DomainError as error:
                return {"ok": False, "error": translated(error)}
            except Exception:
                log.exception("%s failed", event)
                return failed("server_error", "Something went wrong on the server; try again.")

        socketio.on_event(event, guarded)
        return guarded

    return register


def register_handlers(socketio: SocketIO) -> None:
    from facilitation.sockets import (
        lifecycle,
        moderation,
        room,
        speakers,
        templates,
        themes,
        workspace,
        writes,
    )

    def on_unknown(_event: str, *_args: Any) -> Refused:
        # Without an answer, a client waiting for the ack of a misspelt event only times out.
        return failed("unknown_event", "The server does not know that event.")

    socketio.on_event("*", on_unknown)
    room.register(socketio)
    writes.register(socketio)
    moderation.register(socketio)
    themes.register(socketio)
    lifecycle.register(socketio)
    workspace.register(socketio)
    speakers.register(socketio)
    templates.register(socketio)


__all__ = ["Ack", "failed", "handles", "register_handlers", "runtime"]
