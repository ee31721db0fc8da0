"""Grouping ideas into themes, and asking for suggested groups."""

from __future__ import annotations

from typing import Any

from flask_socketio import SocketIO

from facilitation.payloads import fits_32_bits, parse
from facilitation.runtime import runtime
from facilitation.services import themes
from facilitation.services.errors import InvalidInputError
from facilitation.services.shapes import IdeaAck, SuggestionsAck, ThemeAck
from facilitation.sockets import handles
from facilitation.sockets.connection import current_actor, current_roundtable_id
from facilitation.sockets.writes import write
from facilitation.web.messages import message_for

MAX_IDEAS_PER_THEME = 500


def _idea_ids(payload: Any) -> list[int]:
    raw = payload.get("idea_ids", []) if isinstance(payload, dict) else []
    if raw is None:
        return []
    if (
        not isinstance(raw, list)
        or len(raw) > MAX_IDEAS_PER_THEME
        or not all(isinstance(i, int) and not isinstance(i, bool) and fits_32_bits(i) for i in raw)
    ):
        raise InvalidInputError("bad_request", "idea_ids must be a list of idea ids.")
    return raw


def register(socketio: SocketIO) -> None:
    @handles(socketio, "theme.create")
    def on_theme_create(payload: Any) -> ThemeAck:
        fields = parse(payload, required={"prompt_id": int, "name": str})
        theme = write(themes.create_theme, idea_ids=_idea_ids(payload), **fields)
        return {"ok": True, "theme": theme}

    @handles(socketio, "theme.rename")
    def on_theme_rename(payload: Any) -> ThemeAck:
        fields = parse(payload, required={"theme_id": int, "name": str})
        return {"ok": True, "theme": write(themes.rename_theme, **fields)}

    @handles(socketio, "theme.delete")
    def on_theme_delete(payload: Any) -> ThemeAck:
        fields = parse(payload, required={"theme_id": int})
        return {"ok": True, "theme": write(themes.delete_theme, **fields)}

    @handles(socketio, "theme.assign")
    def on_theme_assign(payload: Any) -> IdeaAck:
        if not isinstance(payload, dict) or "theme_id" not in payload:
            parse(payload, required={"idea_id": int, "theme_id": int})
        fields = {
            "theme_id": None,
            **parse(payload, required={"idea_id": int}, optional={"theme_id": int}),
        }
        return {"ok": True, "idea": write(themes.assign_idea, **fields)}

    @handles(socketio, "theme.suggest")
    def on_theme_suggest(payload: Any) -> SuggestionsAck:
        fields = parse(payload, required={"prompt_id": int})
        with runtime().db.session() as db:
            found = themes.suggest_themes(
                db, actor=current_actor(), roundtable_id=current_roundtable_id(), **fields
            )
        ack: SuggestionsAck = {
            "ok": True,
            "suggestions": [{"name": s.name, "idea_ids": s.idea_ids} for s in found.groups],
        }
        if reason := found.reason:
            ack["reason"] = {
                "code": reason.code,
                "message": message_for(reason.code, reason.message),
            }
        return ack
