"""The facilitator's and participants' writes: prompts, ideas, votes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask_socketio import SocketIO

from facilitation.models import utcnow
from facilitation.payloads import parse
from facilitation.runtime import runtime
from facilitation.services import (
    ideas,
    phases,
    prompts,
    responses,
    roundtables,
    statements,
    votes,
)
from facilitation.services.answers import ALL_SETUP_FIELDS
from facilitation.services.events import Written
from facilitation.services.shapes import (
    IdeaAck,
    IdeaVoteAck,
    OpinionAck,
    PromptAck,
    PromptDeletedAck,
    ResponseAck,
    RoundtableAck,
    ThemeVoteAck,
)
from facilitation.sockets import handles
from facilitation.sockets.connection import current_actor, current_roundtable_id
from facilitation.throttle import TOO_MANY_WRITES, spend

T = TypeVar("T")


# Writes that add text to the room, limited more tightly than votes and reactions.
WORDING = {ideas.create_idea, ideas.edit_idea}


def write(service: Callable[..., Written[T]], **fields: Any) -> T:
    """Run one write use case in this connection's roundtable, then publish what it logged."""
    state = runtime()
    actor = current_actor()
    roundtable_id = current_roundtable_id()
    if actor is not None and actor.participant_id is not None:
        # Refused before the writers' turn, so that a flood costs the other rooms nothing.
        who = f"participant:{actor.participant_id}"
        limits = [(state.throttles.writes, who)]
        if service in WORDING:
            limits.append((state.throttles.ideas, who))
        spend(*limits, message=TOO_MANY_WRITES)
    with state.db.writing() as db:
        written = service(db, actor=actor, roundtable_id=roundtable_id, **fields)
    state.realtime.publish(written.events)
    return written.answer


def setup_fields(payload: Any) -> dict[str, object]:
    """The fields an answered prompt is set up with, as sent: services/answers.py checks them."""
    if not isinstance(payload, dict):
        return {}
    return {name: payload[name] for name in ALL_SETUP_FIELDS if payload.get(name) is not None}


def register(socketio: SocketIO) -> None:
    @handles(socketio, "prompt.create")
    def on_prompt_create(payload: Any) -> PromptAck:
        fields = parse(
            payload,
            required={"text": str},
            optional={
                "kind": str,
                "votes_per_participant": int,
                "phases": bool,
                "attribution": str,
                **dict.fromkeys(prompts.SWITCHES, bool),
            },
        )
        setup = setup_fields(payload)
        return {"ok": True, "prompt": write(prompts.create_prompt, setup=setup, **fields)}

    @handles(socketio, "prompt.configure")
    def on_prompt_configure(payload: Any) -> PromptAck:
        fields = parse(
            payload,
            required={"prompt_id": int},
            optional=dict.fromkeys(prompts.SWITCHES, bool),
        )
        if isinstance(payload, dict) and "attribution" in payload:
            # null is meaningful here: the prompt follows its roundtable again.
            fields.update(parse(payload, optional={"attribution": str}))
            fields.setdefault("attribution", None)
        return {"ok": True, "prompt": write(prompts.configure_prompt, **fields)}

    @handles(socketio, "prompt.update")
    def on_prompt_update(payload: Any) -> PromptAck:
        fields = parse(
            payload,
            required={"prompt_id": int},
            optional={"text": str, "votes_per_participant": int},
        )
        setup = setup_fields(payload)
        return {"ok": True, "prompt": write(prompts.update_prompt, setup=setup, **fields)}

    @handles(socketio, "prompt.delete")
    def on_prompt_delete(payload: Any) -> PromptDeletedAck:
        fields = parse(payload, required={"prompt_id": int})
        return {"ok": True, "prompt": write(prompts.delete_prompt, **fields)}

    @handles(socketio, "prompt.move")
    def on_prompt_move(payload: Any) -> PromptAck:
        fields = parse(payload, required={"prompt_id": int, "position": int})
        return {"ok": True, "prompt": write(prompts.move_prompt, **fields)}

    @handles(socketio, "prompt.reveal")
    def on_prompt_reveal(payload: Any) -> PromptAck:
        return {
            "ok": True,
            "prompt": write(prompts.reveal_ideas, **parse(payload, required={"prompt_id": int})),
        }

    @handles(socketio, "prompt.phase")
    def on_prompt_phase(payload: Any) -> PromptAck:
        fields = parse(payload, required={"prompt_id": int, "phase": str})
        return {"ok": True, "prompt": write(phases.set_phase, **fields)}

    @handles(socketio, "timer.start")
    def on_timer_start(payload: Any) -> PromptAck:
        fields = parse(
            payload, required={"prompt_id": int, "seconds": int}, optional={"advance": bool}
        )
        return {"ok": True, "prompt": write(phases.start_timer, now=utcnow(), **fields)}

    @handles(socketio, "timer.stop")
    def on_timer_stop(payload: Any) -> PromptAck:
        return {
            "ok": True,
            "prompt": write(phases.stop_timer, **parse(payload, required={"prompt_id": int})),
        }

    @handles(socketio, "roundtable.configure")
    def on_roundtable_configure(payload: Any) -> RoundtableAck:
        fields = parse(payload, required={"attribution": str})
        return {"ok": True, "roundtable": write(roundtables.configure_roundtable, **fields)}

    @handles(socketio, "roundtable.focus")
    def on_roundtable_focus(payload: Any) -> RoundtableAck:
        if not isinstance(payload, dict) or "prompt_id" not in payload:
            parse(payload, required={"prompt_id": int})  # explains what is missing
        fields = parse(payload, optional={"prompt_id": int})
        fields.setdefault("prompt_id", None)
        return {"ok": True, "roundtable": write(roundtables.focus_prompt, **fields)}

    @handles(socketio, "prompt.open")
    def on_prompt_open(payload: Any) -> PromptAck:
        return {
            "ok": True,
            "prompt": write(prompts.open_prompt, **parse(payload, required={"prompt_id": int})),
        }

    @handles(socketio, "prompt.close")
    def on_prompt_close(payload: Any) -> PromptAck:
        return {
            "ok": True,
            "prompt": write(prompts.close_prompt, **parse(payload, required={"prompt_id": int})),
        }

    @handles(socketio, "idea.create")
    def on_idea_create(payload: Any) -> IdeaAck:
        fields = parse(
            payload,
            required={"prompt_id": int, "text": str, "client_id": str},
            optional={"parent_id": int},
        )
        return {"ok": True, "idea": write(ideas.create_idea, **fields)}

    @handles(socketio, "response.submit")
    def on_response_submit(payload: Any) -> ResponseAck:
        fields = parse(payload, required={"prompt_id": int})
        answer = {
            name: payload[name]
            for name in ("choices", "value", "order", "scores")
            if payload.get(name) is not None
        }
        kept = write(responses.submit_response, answer=answer, **fields)
        return {"ok": True, "prompt_id": fields["prompt_id"], "response": kept}

    @handles(socketio, "opinion.cast")
    def on_opinion_cast(payload: Any) -> OpinionAck:
        fields = parse(payload, required={"idea_id": int, "opinion": str})
        kept = write(statements.cast_opinion, **fields)
        return {"ok": True, "idea_id": fields["idea_id"], "opinion": kept}

    def on_vote(
        on_idea: Callable[..., Written[int | None]], on_theme: Callable[..., Written[int | None]]
    ) -> Callable[[Any], IdeaVoteAck | ThemeVoteAck]:
        def vote(payload: Any) -> IdeaVoteAck | ThemeVoteAck:
            if isinstance(payload, dict) and "theme_id" in payload:
                fields = parse(payload, required={"theme_id": int})
                left = write(on_theme, **fields)
                return {"ok": True, "votes_left": left, "theme_id": fields["theme_id"]}
            fields = parse(payload, required={"idea_id": int})
            return {
                "ok": True,
                "votes_left": write(on_idea, **fields),
                "idea_id": fields["idea_id"],
            }

        return vote

    handles(socketio, "vote.cast")(on_vote(votes.cast_vote, votes.cast_theme_vote))
    handles(socketio, "vote.retract")(on_vote(votes.retract_vote, votes.retract_theme_vote))
