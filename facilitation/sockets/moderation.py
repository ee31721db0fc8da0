"""Changing ideas after they are posted: authors' edits, reactions, moderation, spotlight."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_socketio import SocketIO

from facilitation.payloads import parse
from facilitation.services import ideas, moderation
from facilitation.services.events import Written
from facilitation.services.shapes import IdeaAck, ReactionAck, RoundtableAck, SeenIdea
from facilitation.sockets import handles
from facilitation.sockets.writes import write


def register(socketio: SocketIO) -> None:
    @handles(socketio, "idea.update")
    def on_idea_update(payload: Any) -> IdeaAck:
        fields = parse(payload, required={"idea_id": int, "text": str})
        return {"ok": True, "idea": write(ideas.edit_idea, **fields)}

    @handles(socketio, "idea.delete")
    def on_idea_delete(payload: Any) -> IdeaAck:
        fields = parse(payload, required={"idea_id": int})
        return {"ok": True, "idea": write(ideas.delete_idea, **fields)}

    @handles(socketio, "idea.react")
    def on_idea_react(payload: Any) -> ReactionAck:
        fields = parse(payload, required={"idea_id": int, "emoji": str})
        reacted = write(ideas.react, **fields)
        return {"ok": True, "idea": reacted.idea, "reacted": reacted.added}

    for event, service in (
        ("idea.approve", moderation.approve_idea),
        ("idea.hide", moderation.hide_idea),
        ("idea.restore", moderation.restore_idea),
    ):
        handles(socketio, event)(_moderate(service))

    @handles(socketio, "idea.merge")
    def on_idea_merge(payload: Any) -> IdeaAck:
        fields = parse(payload, required={"idea_id": int, "duplicate_id": int})
        return {"ok": True, "idea": write(moderation.merge_ideas, **fields)}

    @handles(socketio, "idea.spotlight")
    def on_idea_spotlight(payload: Any) -> RoundtableAck:
        if not isinstance(payload, dict) or "idea_id" not in payload:
            parse(payload, required={"idea_id": int})  # explains what is missing
        fields = {"idea_id": None, **parse(payload, optional={"idea_id": int})}
        return {"ok": True, "roundtable": write(moderation.spotlight_idea, **fields)}

    @handles(socketio, "question.answered")
    def on_question_answered(payload: Any) -> IdeaAck:
        fields = parse(payload, required={"idea_id": int}, optional={"answered": bool})
        return {"ok": True, "idea": write(moderation.mark_answered, **fields)}


def _moderate(service: Callable[..., Written[SeenIdea]]) -> Callable[[Any], IdeaAck]:
    def on_moderate(payload: Any) -> IdeaAck:
        return {"ok": True, "idea": write(service, **parse(payload, required={"idea_id": int}))}

    return on_moderate
