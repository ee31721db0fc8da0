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
from facilitation.services.workspace import StaffNews

_held: contextvars.ContextVar[list[Published | StaffNews] | None] = contextvars.ContextVar(
    "held_events", default=None
)


def room_of(roundtable_id: int, *, staff: bool = False) -> str:
    """The room of a roundtable's participants, or of its staff (who are sent the full version)."""
    return f"roundtable:{roundtable_id}:staff" if staff else f"roundtable:{roundtable_id}"


def screens_room(roundtable_id: int) -> str:
    """The room of a roundtable's big screens: sent the participants' version, nothing more."""
    return f"roundtable:{roundtable_id}:screens"


def presenter_link_room(link_id: int) -> str:
    """The screens that came in through one presenter link, so that revoking it reaches them."""
    return f"presenter_link:{link_id}"


# python-socketio's method that runs an event's handler and then sends the handler's ack.
HANDLER_THEN_ACK = "_handle_event_internal"

# What a screen whose presenter link was revoked is told, just before it is disconnected.
SCREEN_REVOKED = "screen.revoked"


class Realtime:
    """Emits logged events to their roundtable's room."""

    def __init__(self, socketio: SocketIO) -> None:
        self.socketio = socketio
        self._hold_until_acked(socketio)

    def publish(self, events: Iterable[Published | StaffNews]) -> None:
        held = _held.get()
        if held is not None:
            held.extend(events)
            return
        self._emit(events)

    def _emit(self, events: Iterable[Published | StaffNews]) -> None:
        for event in events:
            if isinstance(event, StaffNews):
                # The staff's workspace: no participant or big screen hears of it.
                self.socketio.emit(
                    event.name,
                    event.payload,
                    to=room_of(event.roundtable_id, staff=True),
                    namespace="/",
                )
                continue
            self.socketio.emit(
                event.name,
                event.payload,
                to=room_of(event.roundtable_id, staff=True),
                namespace="/",
            )
            # Big screens show the room: exactly the participants' version, never the staff's.
            self.socketio.emit(
                event.name,
                event.public,
                to=[room_of(event.roundtable_id), screens_room(event.roundtable_id)],
                namespace="/",
            )

    def dismiss_screens(self, link_ids: Iterable[int]) -> None:
        """Tell the screens of revoked presenter links so, and disconnect them.

        The news goes through the message queue to every process; each screen's page stops on
        it. Those connected to this process are disconnected here, and the rooms are closed
        everywhere, so that nothing more reaches a screen that has not gone yet.
        """
        server = self.socketio.server
        for link_id in link_ids:
            room = presenter_link_room(link_id)
            self.socketio.emit(SCREEN_REVOKED, {}, to=room, namespace="/")
            local = [sid for sid, _ in server.manager.get_participants("/", room)]
            for sid in local:
                server.disconnect(sid, namespace="/")
            self.socketio.close_room(room, namespace="/")

    def _hold_until_acked(self, socketio: SocketIO) -> None:
        # python-socketio has no public hook between a handler's return and its ack, so the
        # method that runs a handler and then sends its ack is wrapped. It is private: the
        # versions it is known in are pinned in pyproject.toml, and any other layout stops the
        # start-up here rather than quietly letting the room hear the news before the writer.
        server = socketio.server
        handle: Callable[..., Any] | None = getattr(server, HANDLER_THEN_ACK, None)
        if not callable(handle):
            raise RuntimeError(
                f"python-socketio {_socketio_version()} has no Server.{HANDLER_THEN_ACK}, "
                "which Roundtable needs to emit a write's news after its ack; install the "
                "python-socketio version that pyproject.toml names."
            )

        def handle_then_emit(*args: Any) -> Any:
            held: list[Published | StaffNews] = []
            token = _held.set(held)
            try:
                return handle(*args)
            finally:
                _held.reset(token)
                self._emit(held)

        setattr(server, HANDLER_THEN_ACK, handle_then_emit)


def _socketio_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("python-socketio")
    except PackageNotFoundError:
        return "(unknown version)"
