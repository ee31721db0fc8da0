"""Templates: listing them, saving the roundtable's prompts as one, starting from one."""

from __future__ import annotations

from typing import Any

from flask_socketio import SocketIO

from facilitation.payloads import fits_32_bits, parse
from facilitation.runtime import runtime
from facilitation.services import templates
from facilitation.services.errors import InvalidInputError
from facilitation.services.shapes import TemplateAck, TemplatesAck, TemplateUsedAck
from facilitation.sockets import handles
from facilitation.sockets.connection import current_actor, current_roundtable_id
from facilitation.sockets.writes import write


def template_ref(payload: Any) -> int | str:
    """The template a payload names: a saved one's id, or a shipped one's slug."""
    ref = payload.get("template") if isinstance(payload, dict) else None
    if isinstance(ref, str) or (
        isinstance(ref, int) and not isinstance(ref, bool) and fits_32_bits(ref)
    ):
        return ref
    raise InvalidInputError("bad_request", "template must be a template's id or slug.")


def register(socketio: SocketIO) -> None:
    @handles(socketio, "template.list")
    def on_template_list(payload: Any) -> TemplatesAck:
        parse(payload)
        roundtable_id = current_roundtable_id()
        with runtime().db.session() as db:
            listed = templates.list_templates(
                db, actor=current_actor(), roundtable_id=roundtable_id
            )
        return {"ok": True, "templates": listed}

    @handles(socketio, "template.save")
    def on_template_save(payload: Any) -> TemplateAck:
        fields = parse(payload, required={"name": str}, optional={"description": str})
        return {"ok": True, "template": write(templates.save_template, **fields)}

    @handles(socketio, "template.use")
    def on_template_use(payload: Any) -> TemplateUsedAck:
        ref = template_ref(payload)
        return {"ok": True, "prompts": write(templates.use_template, template=ref)}

    @handles(socketio, "template.delete")
    def on_template_delete(payload: Any) -> TemplateAck:
        ref = template_ref(payload)
        return {"ok": True, "template": write(templates.delete_template, template=ref)}
