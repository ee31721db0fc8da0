"""Ending a roundtable and reopening it."""

from __future__ import annotations

from typing import Any

from flask_socketio import SocketIO

from facilitation.models import utcnow
from facilitation.payloads import parse
from facilitation.services import lifecycle
from facilitation.services.shapes import RoundtableAck
from facilitation.sockets import handles
from facilitation.sockets.writes import write


def register(socketio: SocketIO) -> None:
    @handles(socketio, "roundtable.end")
    def on_roundtable_end(payload: Any) -> RoundtableAck:
        parse(payload)
        return {"ok": True, "roundtable": write(lifecycle.end_roundtable, now=utcnow())}

    @handles(socketio, "roundtable.reopen")
    def on_roundtable_reopen(payload: Any) -> RoundtableAck:
        parse(payload)
        return {"ok": True, "roundtable": write(lifecycle.reopen_roundtable)}
