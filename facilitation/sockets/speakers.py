"""The speakers' queue: hands raised and lowered, the floor given and taken back."""

from __future__ import annotations

from typing import Any

from flask_socketio import SocketIO

from facilitation.payloads import parse
from facilitation.services import speakers
from facilitation.services.shapes import QueueAck
from facilitation.sockets import handles
from facilitation.sockets.writes import write


def register(socketio: SocketIO) -> None:
    @handles(socketio, "hand.raise")
    def on_hand_raise(payload: Any) -> QueueAck:
        parse(payload)
        return {"ok": True, "queue": write(speakers.raise_hand)}

    @handles(socketio, "hand.lower")
    def on_hand_lower(payload: Any) -> QueueAck:
        fields = parse(payload, optional={"participant_id": int})
        return {"ok": True, "queue": write(speakers.lower_hand, **fields)}

    @handles(socketio, "floor.give")
    def on_floor_give(payload: Any) -> QueueAck:
        fields = parse(payload, optional={"participant_id": int, "seconds": int})
        return {"ok": True, "queue": write(speakers.give_floor, **fields)}

    @handles(socketio, "floor.end")
    def on_floor_end(payload: Any) -> QueueAck:
        parse(payload)
        return {"ok": True, "queue": write(speakers.end_turn)}
