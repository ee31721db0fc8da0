"""What every event shares: a joined room, gap-free seq, delivery to the room only, robustness."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import StaffMember, acked
from tests.rooms import Member, Room

# Valid-looking payloads for every client event but roundtable.join.
WRITES: dict[str, dict[str, Any]] = {
    "prompt.create": {"text": "What next?"},
    "prompt.open": {"prompt_id": 1},
    "prompt.close": {"prompt_id": 1},
    "idea.create": {"prompt_id": 1, "text": "Shade trees", "client_id": "c1"},
    "vote.cast": {"idea_id": 1},
    "vote.retract": {"idea_id": 1},
    "roundtable.sync": {"since_seq": 0},
}


def seeded(room: Room) -> tuple[Member, int, int]:
    """A participant with an idea on an open prompt (ids 1 in a fresh database)."""
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    idea_id = room.idea(alice, prompt_id)
    acked(alice.emit("vote.cast", {"idea_id": idea_id}))
    room.quiet()
    return alice, prompt_id, idea_id


@pytest.mark.parametrize("event", WRITES)
def test_any_event_before_joining_is_refused(room: Room, event: str) -> None:
    seeded(room)
    room.refuses(room.connect(), event, WRITES[event], code="not_joined")


@pytest.mark.parametrize("event", WRITES)
def test_staff_event_before_joining_is_refused(
    room: Room, make_staff: Callable[[str], StaffMember], event: str
) -> None:
    seeded(room)
    staff = room.connect({"token": make_staff("facilitator").token})
    room.refuses(staff, event, WRITES[event], code="not_joined")


@pytest.mark.parametrize("event", WRITES)
def test_returning_participant_event_before_joining_is_refused(room: Room, event: str) -> None:
    alice, _, _ = seeded(room)
    comeback = room.connect({"participant_token": alice.token})
    room.refuses(comeback, event, WRITES[event], code="not_joined")


def test_a_failed_join_leaves_the_connection_unjoined(room: Room) -> None:
    seeded(room)
    member = room.connect()
    room.refuses(member, "roundtable.join", {"join_code": "ZZZZZZ", "name": "A"}, code="not_found")
    room.refuses(member, "roundtable.sync", {"since_seq": 0}, code="not_joined")
    room.open_prompt("Anyone there?")
    assert member.events() == []


def test_seq_rises_by_exactly_one_per_event_without_gaps(room: Room) -> None:
    watcher = room.facilitator
    alice = room.connect()
    acked(alice.emit("roundtable.join", {"join_code": room.join_code, "name": "Alice"}))
    prompt = acked(watcher.emit("prompt.create", {"text": "Q1", "votes_per_participant": 2}))
    prompt_id = prompt["prompt"]["id"]
    acked(watcher.emit("prompt.open", {"prompt_id": prompt_id}))
    idea = acked(
        alice.emit("idea.create", {"prompt_id": prompt_id, "text": "Trees", "client_id": "1"})
    )
    idea_id = idea["idea"]["id"]
    acked(alice.emit("vote.cast", {"idea_id": idea_id}))
    alice.emit("vote.cast", {"idea_id": idea_id})  # refused: uses no seq
    acked(alice.emit("vote.retract", {"idea_id": idea_id}))
    acked(watcher.emit("prompt.open", {"prompt_id": prompt_id}))  # no change: no event
    acked(watcher.emit("prompt.close", {"prompt_id": prompt_id}))
    bob = room.connect()
    acked(bob.emit("roundtable.join", {"join_code": room.join_code, "name": "Bob"}))

    events = watcher.events()
    assert [name for name, _ in events] == [
        "participants.count",
        "prompt.created",
        "prompt.updated",
        "idea.created",
        "vote.tally",
        "vote.tally",
        "prompt.updated",
        "participants.count",
    ]
    assert [payload["seq"] for _, payload in events] == list(range(1, 9))
    assert [payload["seq"] for _, payload in alice.events()] == list(range(1, 9))
    assert room.snapshot()["seq"] == 8


def test_each_roundtable_counts_its_own_seq(room: Room, other_room: Room) -> None:
    room.open_prompt()
    room.participant("Alice")
    acked(other_room.facilitator.emit("prompt.create", {"text": "Elsewhere"}))
    assert other_room.facilitator.events()[0][1]["seq"] == 1
    assert room.snapshot()["seq"] == 3
    assert other_room.snapshot()["seq"] == 1


def test_clients_in_another_roundtable_receive_nothing(room: Room, other_room: Room) -> None:
    outsider = other_room.participant("Outsider")
    staff = other_room.facilitator
    alice, prompt_id, idea_id = seeded(room)
    acked(alice.emit("vote.retract", {"idea_id": idea_id}))
    room.participant("Bob")
    room.close_prompt(prompt_id)
    assert outsider.events() == []
    assert staff.events() == []


def test_a_connection_that_never_joined_receives_nothing(room: Room) -> None:
    lurker = room.connect()
    staff_lurker = room.connect({"token": room.staff.token})
    seeded(room)
    room.participant("Bob")
    assert lurker.events() == staff_lurker.events() == []


def test_an_error_in_one_client_does_not_disturb_another(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice, bob = room.participant("Alice"), room.participant("Bob")

    for garbage in ([], "x", 42, None, {"prompt_id": "1"}, {"prompt_id": prompt_id, "text": 5}):
        ack = bob.emit("idea.create", garbage)
        assert ack["ok"] is False
    assert bob.emit("prompt.close", {"prompt_id": prompt_id})["error"]["code"] == "forbidden"
    assert bob.emit("vote.cast", {"idea_id": 999})["error"]["code"] == "not_found"

    ack = alice.emit(
        "idea.create", {"prompt_id": prompt_id, "text": "Still here", "client_id": "1"}
    )
    assert acked(ack)["idea"]["author"] == "Alice"
    assert bob.names() == ["idea.created"]
    assert bob.client.is_connected()
    assert acked(bob.emit("vote.cast", {"idea_id": ack["idea"]["id"]}))["votes_left"] == 2
    assert alice.names() == ["idea.created", "vote.tally"]


def test_unknown_event_is_refused_and_keeps_the_connection(room: Room) -> None:
    alice = room.participant("Alice")
    ack = alice.emit("idea.teleport", {"idea_id": 1})
    assert ack["ok"] is False
    assert ack["error"]["code"] == "unknown_event"
    assert alice.client.is_connected()
    acked(alice.emit("roundtable.sync", {"since_seq": 0}))


def test_extra_arguments_after_the_payload_are_ignored(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    payload = {"prompt_id": prompt_id, "text": "Trees", "client_id": "1", "author": "Mallory"}
    ack = acked(alice.emit("idea.create", payload, "extra", {"participant_id": 99}))
    assert ack["idea"]["author"] == "Alice"


def test_identity_in_the_payload_is_ignored(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice, bob = room.participant("Alice"), room.participant("Bob")
    payload = {
        "prompt_id": prompt_id,
        "text": "Trees",
        "client_id": "1",
        "participant_id": bob.participant_id,
        "roundtable_id": 999,
    }
    assert acked(alice.emit("idea.create", payload))["idea"]["author"] == "Alice"
    ack = alice.emit("prompt.create", {"text": "Hijack", "role": "facilitator"})
    assert ack["error"]["code"] == "forbidden"


def test_a_disconnected_client_does_not_disturb_the_room(room: Room) -> None:
    alice, prompt_id, _ = seeded(room)
    bob = room.participant("Bob")
    alice.client.disconnect()
    payload = {"prompt_id": prompt_id, "text": "After she left", "client_id": "b1"}
    acked(bob.emit("idea.create", payload))
    assert room.facilitator.names() == bob.names() == ["idea.created"]
    assert room.snapshot()["participants"] == 2
