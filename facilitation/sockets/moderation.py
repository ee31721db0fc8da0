"""Changing ideas after they are posted: authors' edits, reactions, moderation, spotlight."""

from __future__ import annotations

from typing import Any

from flask_socketio import SocketIO

from facilitation.payloads import parse
from facilitation.services import ideas, moderation
from facilitation.sockets import Ack, handles, ok
from facilitation.sockets.writes import write


def register(socketio: SocketIO) -> None:
    @handles(socketio, "idea.update")
    def on_idea_update(payload: Any) -> Ack:
        fields = parse(payload, required={"idea_id": int, "text": str})
        return ok(idea=write(ideas.edit_idea, **fields))

    @handles(socketio, "idea.delete")
    def on_idea_delete(payload: Any) -> Ack:
        return ok(idea=write(ideas.delete_idea, **parse(payload, required={"idea_id": int})))

    @handles(socketio, "idea.react")
    def on_idea_react(payload: Any) -> Ack:
        fields = parse(payload, required={"idea_id": int, "emoji": str})
        added, idea = write(_reacting, **fields)
        return ok(idea=idea, reacted=added)

    for event, service in (
        ("idea.approve", moderation.approve_idea),
        ("idea.hide", moderation.hide_idea),
        ("idea.restore", moderation.restore_idea),
    ):
        handles(socketio, event)(_moderate(service))

    @handles(socketio, "idea.merge")
    def on_idea_merge(payload: Any) -> Ack:
        fields = parse(payload, required={"idea_id": int, "duplicate_id": int})
        return ok(idea=write(moderation.merge_ideas, **fields))

    @handles(socketio, "idea.spotlight")
    def on_idea_spotlight(payload: Any) -> Ack:
        if not isinstance(payload, dict) or "idea_id" not in payload:
            parse(payload, required={"idea_id": int})  # explains what is missing
        fields = {"idea_id": None, **parse(payload, optional={"idea_id": int})}
        return ok(roundtable=write(moderation.spotlight_idea, **fields))


def _reacting(session: Any, **fields: Any) -> tuple[tuple[bool, Any], Any]:
    added, idea, events = ideas.react(session, **fields)
    return (added, idea), events


def _moderate(service: Any) -> Any:
    def on_moderate(payload: Any) -> Ack:
        return ok(idea=write(service, **parse(payload, required={"idea_id": int})))

    return on_moderate
