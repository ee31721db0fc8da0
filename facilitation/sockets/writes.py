"""The facilitator's and participants' writes: prompts, ideas, votes."""

from __future__ import annotations

from typing import Any

from flask_socketio import SocketIO

from facilitation.runtime import runtime
from facilitation.services import ideas, prompts, votes
from facilitation.sockets import Ack, handles, ok
from facilitation.sockets.connection import current_actor, current_roundtable_id
from facilitation.sockets.payloads import parse


def register(socketio: SocketIO) -> None:
    @handles(socketio, "prompt.create")
    def on_prompt_create(payload: Any) -> Ack:
        fields = parse(
            payload,
            required={"text": str},
            optional={"kind": str, "votes_per_participant": int},
        )
        state = runtime()
        with state.db.writing() as db:
            prompt, events = prompts.create_prompt(
                db, actor=current_actor(), roundtable_id=current_roundtable_id(), **fields
            )
        state.realtime.publish(events)
        return ok(prompt=prompt)

    def set_status(change: Any) -> Any:
        def on_status(payload: Any) -> Ack:
            fields = parse(payload, required={"prompt_id": int})
            state = runtime()
            with state.db.writing() as db:
                prompt, events = change(
                    db, actor=current_actor(), roundtable_id=current_roundtable_id(), **fields
                )
            state.realtime.publish(events)
            return ok(prompt=prompt)

        return on_status

    handles(socketio, "prompt.open")(set_status(prompts.open_prompt))
    handles(socketio, "prompt.close")(set_status(prompts.close_prompt))

    @handles(socketio, "idea.create")
    def on_idea_create(payload: Any) -> Ack:
        fields = parse(payload, required={"prompt_id": int, "text": str, "client_id": str})
        state = runtime()
        with state.db.writing() as db:
            idea, events = ideas.create_idea(
                db, actor=current_actor(), roundtable_id=current_roundtable_id(), **fields
            )
        state.realtime.publish(events)
        return ok(idea=idea)

    def vote(change: Any) -> Any:
        def on_vote(payload: Any) -> Ack:
            fields = parse(payload, required={"idea_id": int})
            state = runtime()
            with state.db.writing() as db:
                votes_left, events = change(
                    db, actor=current_actor(), roundtable_id=current_roundtable_id(), **fields
                )
            state.realtime.publish(events)
            return ok(votes_left=votes_left, idea_id=fields["idea_id"])

        return on_vote

    handles(socketio, "vote.cast")(vote(votes.cast_vote))
    handles(socketio, "vote.retract")(vote(votes.retract_vote))
