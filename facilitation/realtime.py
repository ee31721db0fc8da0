"""publish(events): the one place that emits, after the commit and after the writer's ack.

Socket.IO sends a handler's ack when the handler returns. Events published
while a handler runs are held and emitted right after that ack, so the writer
hears "saved" before the room hears the news, and nothing is emitted from
inside a transaction.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from typing import Any

from flask_socketio import SocketIO

from facilitation.services.events import Published

_held: contextvars.ContextVar[list[Published] | None] = contextvars.ContextVar(
    "held_events", default=None
)


def room_of(roundtable_id: int, *, staff: bool = False) -> str:
    """The room of a roundtable's participants, or of its staff (who are sent the full version)."""
    return f"roundtable:{roundtable_id}:staff" if staff else f"roundtable:{roundtable_id}"


class Realtime:
    """Emits logged events to their roundtable's room."""

    def __init__(self, socketio: SocketIO) -> None:
        self.socketio = socketio
        self._hold_until_acked(socketio)

    def publish(self, events: Iterable[Published]) -> None:
        held = _held.get()
        if held is not None:
            held.extend(events)
            return
        self._emit(events)

    def _emit(self, events: Iterable[Published]) -> None:
        for event in events:
            self.socketio.emit(
                event.name,
                event.payload,
                to=room_of(event.roundtable_id, staff=True),
                namespace="/",
            )
            self.socketio.emit(
                event.name, event.public, to=room_of(event.roundtable_id), namespace="/"
            )

    def _hold_until_acked(self, socketio: SocketIO) -> None:
        server = socketio.server
        handle: Callable[..., Any] | None = getattr(server, "_handle_event_internal", None)
        if handle is None:  # another python-socketio layout: emit as soon as published
            return

        def handle_then_emit(*args: Any) -> Any:
            held: list[Published] = []
            token = _held.set(held)
            try:
                return handle(*args)
            finally:
                _held.reset(token)
                self._emit(held)

        server._handle_event_internal = handle_then_emit
