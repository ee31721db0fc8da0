"""Helpers for the facilitation tests: posting, coming back, reading one prompt, running timers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Flask

from facilitation.services.events import Published
from facilitation.services.phases import advance_expired_timers
from tests.conftest import acked
from tests.rooms import NO_PAYLOAD, Member, Room

# The facilitator's events of the "Facilitation in depth" section.
STAFF_EVENTS = (
    "prompt.configure",
    "prompt.phase",
    "prompt.reveal",
    "timer.start",
    "timer.stop",
    "roundtable.configure",
    "roundtable.focus",
)
PROMPT_EVENTS = tuple(event for event in STAFF_EVENTS if event.startswith(("prompt.", "timer.")))
HIDDEN_FIELDS = ("text", "author", "affiliation", "votes")
# Values an id or a text field must not take; each is refused with bad_request.
WRONG_IDS: tuple[Any, ...] = (None, "1", True, False, 1.5, [1], {"id": 1}, 2**31, -(2**31) - 1)
WRONG_TEXTS: tuple[Any, ...] = (None, 1, True, ["text"], {"text": "text"})


def valid_payload(event: str, prompt_id: int) -> dict[str, Any]:
    """A payload for `event` about `prompt_id` that changes an open private prompt with a timer."""
    payloads: dict[str, dict[str, Any]] = {
        "prompt.create": {"text": "What next?", "phases": True, "private": True},
        "prompt.configure": {"prompt_id": prompt_id, "late_ideas": True},
        "prompt.phase": {"prompt_id": prompt_id, "phase": "vote"},
        "prompt.reveal": {"prompt_id": prompt_id},
        "timer.start": {"prompt_id": prompt_id, "seconds": 60},
        "timer.stop": {"prompt_id": prompt_id},
        "roundtable.configure": {"attribution": "anonymous"},
        "roundtable.focus": {"prompt_id": prompt_id},
    }
    return payloads[event]


def steer(room: Room, event: str, **payload: Any) -> dict[str, Any]:
    """The facilitator's ack of `event`, which must succeed."""
    return acked(room.facilitator.emit(event, payload))


def post(room: Room, author: Member, prompt_id: int, text: str) -> dict[str, Any]:
    """The idea in its author's ack; what the room heard is left for the test to read."""
    payload = {"prompt_id": prompt_id, "text": text, "client_id": f"{text[:50]}-{prompt_id}"}
    idea: dict[str, Any] = acked(author.emit("idea.create", payload))["idea"]
    return idea


def reply(room: Room, author: Member, prompt_id: int, parent_id: int, text: str) -> dict[str, Any]:
    """The reply (an idea building on `parent_id`) in its author's ack."""
    payload = {
        "prompt_id": prompt_id,
        "parent_id": parent_id,
        "text": text,
        "client_id": f"{text[:50]}-{prompt_id}-re",
    }
    idea: dict[str, Any] = acked(author.emit("idea.create", payload))["idea"]
    return idea


def malformed(valid: dict[str, Any], *, nullable: tuple[str, ...] = ()) -> list[Any]:
    """Payloads refused with bad_request: not an object, or one field of `valid` missing or of
    the wrong type (None is no wrong type for a `nullable` field, whose absence still is)."""
    cases: list[Any] = [NO_PAYLOAD, None, [valid], 1, "payload"]
    for name, value in valid.items():
        others = {key: other for key, other in valid.items() if key != name}
        cases.append(others)
        wrong = WRONG_TEXTS if isinstance(value, str) else WRONG_IDS
        cases += [{**others, name: bad} for bad in wrong if bad is not None or name not in nullable]
    return cases


Heard = list[tuple[str, dict[str, Any]]]


def audiences(room: Room, *participants: Member) -> tuple[Heard, Heard]:
    """What the staff heard, and what the participants heard, which must be the same for each."""
    heard = [member.events() for member in participants]
    assert all(events == heard[0] for events in heard), heard
    return room.facilitator.events(), heard[0]


def come_back(room: Room, member: Member) -> dict[str, Any]:
    """The join ack of the same participant on a new connection, as after a reload."""
    again = room.connect({"participant_token": member.token})
    joined = acked(again.emit("roundtable.join", {"join_code": room.join_code}))
    room.quiet()
    return joined


def staff_join(room: Room) -> dict[str, Any]:
    """The join ack of the room's facilitator on a new connection."""
    again = room.connect({"token": room.staff.token})
    joined = acked(again.emit("roundtable.join", {"join_code": room.join_code}))
    room.quiet()
    return joined


def prompt_in(snapshot: dict[str, Any], prompt_id: int) -> dict[str, Any]:
    [prompt] = [p for p in snapshot["prompts"] if p["id"] == prompt_id]
    return prompt


def ideas_by_id(prompt: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {idea["id"]: idea for idea in prompt["ideas"]}


def is_redacted(idea: dict[str, Any]) -> bool:
    """Whether the idea arrived as a private one does: hidden, with nothing but its place."""
    return (
        idea.get("hidden") is True
        and all(idea[name] is None for name in HIDDEN_FIELDS)
        and "author_id" not in idea
        and "mine" not in idea
    )


def seqs(events: list[tuple[str, dict[str, Any]]]) -> list[int]:
    return [payload["seq"] for _, payload in events]


def gap_free(room: Room, start: int, *participants: Member) -> tuple[Heard, Heard]:
    """What staff and the participants heard after seq `start`, as `audiences` gives it.

    Each audience must have heard every seq since, none missing, and the same events by
    name, each in its own version.
    """
    staff, heard = audiences(room, *participants)
    assert seqs(staff) == seqs(heard) == list(range(start + 1, room.snapshot()["seq"] + 1))
    assert [name for name, _ in staff] == [name for name, _ in heard]
    return staff, heard


def moment(iso: str) -> datetime:
    """A wire timestamp (UTC, ending in Z) as the naive UTC datetime the server stores."""
    return datetime.fromisoformat(iso).astimezone(UTC).replace(tzinfo=None)


def run_timers(app: Flask, now: datetime) -> list[Published]:
    """What the server's timer task does once, at `now`: move prompts on and tell the rooms."""
    state = app.extensions["facilitation"]
    with app.app_context():
        with state.db.writing() as db:
            events = advance_expired_timers(db, now=now)
        state.realtime.publish(events)
    return events


def as_replayed(heard: Heard) -> list[dict[str, Any]]:
    """What roundtable.sync gives for events an audience heard: each as a sync entry, with
    every idea in it saying what it says now (its latest text, byline and redaction), since
    catching up shows things as they are now; tallies, reactions and grouping stay as they
    were at that point of the log."""
    latest: dict[int, dict[str, Any]] = {}
    for _, payload in heard:
        if isinstance(payload.get("idea"), dict):
            latest[payload["idea"]["id"]] = payload["idea"]
        for idea in (payload.get("prompt") or {}).get("ideas", []):
            latest[idea["id"]] = idea

    def now(idea: dict[str, Any]) -> dict[str, Any]:
        current = latest[idea["id"]]
        if current.get("hidden"):
            return current
        kept = ("votes", "reactions", "theme_id", "merged_into")
        return {**current, **{key: idea[key] for key in kept if key in idea}}

    replayed = []
    for name, payload in heard:
        entry = {**payload, "type": name}
        if isinstance(payload.get("idea"), dict):
            entry["idea"] = now(payload["idea"])
        if isinstance(payload.get("prompt"), dict) and "ideas" in payload["prompt"]:
            ideas = [now(idea) for idea in payload["prompt"]["ideas"]]
            entry["prompt"] = {**payload["prompt"], "ideas": ideas}
        replayed.append(entry)
    return replayed
