"""The facilitator's and participants' writes: prompts, ideas, votes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask_socketio import SocketIO

from facilitation.runtime import runtime
from facilitation.services import ideas, prompts, votes
from facilitation.services.events import Published
from facilitation.sockets import Ack, handles, ok
from facilitation.sockets.connection import current_actor, current_roundtable_id
from facilitation.sockets.payloads import parse

T = TypeVar("T")


def write(service: Callable[..., tuple[T, list[Published]]], **fields: Any) -> T:
    """Run one write use case in this connection's roundtable, then publish what it logged."""
    state = runtime()
    with state.db.writing() as db:
        result, events = service(
            db, actor=current_actor(), roundtable_id=current_roundtable_id(), **fields
        )
    state.realtime.publish(events)
    return result


def register(socketio: SocketIO) -> None:
    @handles(socketio, "prompt.create")
    def on_prompt_create(payload: Any) -> Ack:
        fields = parse(
            payload, required={"text": str}, optional={"kind": str, "votes_per_participant": int}
        )
        return ok(prompt=write(prompts.create_prompt, **fields))

    @handles(socketio, "prompt.open")
    def on_prompt_open(payload: Any) -> Ack:
        return ok(prompt=write(prompts.open_prompt, **parse(payload, required={"prompt_id": int})))

    @handles(socketio, "prompt.close")
    def on_prompt_close(payload: Any) -> Ack:
        return ok(prompt=write(prompts.close_prompt, **parse(payload, required={"prompt_id": int})))

    @handles(socketio, "idea.create")
    def on_idea_create(payload: Any) -> Ack:
        fields = parse(payload, required={"prompt_id": int, "text": str, "client_id": str})
        return ok(idea=write(ideas.create_idea, **fields))

    @handles(socketio, "vote.cast")
    def on_vote_cast(payload: Any) -> Ack:
        fields = parse(payload, required={"idea_id": int})
        return ok(votes_left=write(votes.cast_vote, **fields), idea_id=fields["idea_id"])

    @handles(socketio, "vote.retract")
    def on_vote_retract(payload: Any) -> Ack:
        fields = parse(payload, required={"idea_id": int})
        return ok(votes_left=write(votes.retract_vote, **fields), idea_id=fields["idea_id"])
