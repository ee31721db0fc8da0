"""The speakers' queue: hands raised in order, the floor given in turn, each turn timed, the
time each person held the floor recorded for staff."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from facilitation.models import SpeakerTurn
from tests.conftest import acked
from tests.rooms import Member, Room
from tests.sockets.facilitating import come_back, staff_join, steer


def queue_of(ack: dict[str, Any]) -> dict[str, Any]:
    queue: dict[str, Any] = ack["queue"]
    return queue


def names(people: list[dict[str, Any]]) -> list[str]:
    return [person["name"] for person in people]


def raise_hand(member: Member) -> dict[str, Any]:
    return queue_of(acked(member.emit("hand.raise", {})))


def test_hands_queue_in_the_order_they_were_raised(room: Room) -> None:
    alice = room.participant("Alice", affiliation="Lima")
    bob = room.participant("Bob")
    first = raise_hand(alice)
    assert first["mine"] == first["waiting"][0]["turn_id"]
    room.quiet()
    queue = raise_hand(bob)
    assert names(queue["waiting"]) == ["Alice", "Bob"]
    assert queue["waiting"][0]["affiliation"] == "Lima"
    assert queue["mine"] == queue["waiting"][1]["turn_id"]
    [(name, heard)] = alice.events()
    assert name == "queue.updated"
    assert names(heard["queue"]["waiting"]) == ["Alice", "Bob"]
    # Participants learn no one's participant id, and nothing of the time spoken.
    assert all("participant_id" not in p for p in heard["queue"]["waiting"])
    assert "spoken" not in heard["queue"] and "mine" not in heard["queue"]
    [(_, staff)] = room.facilitator.events()
    assert [p["participant_id"] for p in staff["queue"]["waiting"]] == [
        alice.participant_id,
        bob.participant_id,
    ]


def test_raising_a_hand_already_up_changes_nothing(room: Room) -> None:
    alice = room.participant("Alice")
    raise_hand(alice)
    room.quiet()
    assert len(raise_hand(alice)["waiting"]) == 1
    assert room.heard() == []


def test_the_floor_goes_to_the_first_hand_and_the_turn_is_timed(room: Room) -> None:
    alice, bob = room.participant("Alice"), room.participant("Bob")
    raise_hand(alice)
    raise_hand(bob)
    queue = queue_of(steer(room, "floor.give", seconds=90))
    assert queue["speaking"]["name"] == "Alice"
    assert queue["speaking"]["seconds"] == 90 and queue["seconds"] == 90
    assert queue["speaking"]["called_at"] is not None
    assert names(queue["waiting"]) == ["Bob"]
    # The next turn ends Alice's, and keeps the time given.
    queue = queue_of(steer(room, "floor.give"))
    assert queue["speaking"]["name"] == "Bob" and queue["speaking"]["seconds"] == 90
    assert queue["waiting"] == []
    assert [(p["name"], p["turns"]) for p in queue["spoken"]] == [("Alice", 1)]
    # A participant finds the queue, and its own turn, on coming back.
    snapshot = come_back(room, bob)["snapshot"]
    assert snapshot["queue"]["mine"] == snapshot["queue"]["speaking"]["turn_id"]
    assert "spoken" not in snapshot["queue"]
    assert [p["name"] for p in staff_join(room)["snapshot"]["queue"]["spoken"]] == ["Alice"]


def test_the_floor_can_go_to_someone_further_down(room: Room) -> None:
    alice, bob = room.participant("Alice"), room.participant("Bob")
    raise_hand(alice)
    raise_hand(bob)
    queue = queue_of(steer(room, "floor.give", participant_id=bob.participant_id, seconds=0))
    assert queue["speaking"]["name"] == "Bob" and queue["speaking"]["seconds"] is None
    assert names(queue["waiting"]) == ["Alice"]


def test_lowering_a_hand_leaves_the_queue_and_ends_ones_own_turn(room: Room) -> None:
    alice, bob = room.participant("Alice"), room.participant("Bob")
    raise_hand(alice)
    raise_hand(bob)
    assert names(queue_of(acked(bob.emit("hand.lower", {})))["waiting"]) == ["Alice"]
    steer(room, "floor.give")
    queue = queue_of(acked(alice.emit("hand.lower", {})))
    assert queue["speaking"] is None and queue["mine"] is None
    room.quiet()
    acked(alice.emit("hand.lower", {}))  # already down: nothing to tell anyone
    assert room.heard() == []


def test_staff_lower_anyones_hand_and_end_the_turn(room: Room) -> None:
    alice, bob = room.participant("Alice"), room.participant("Bob")
    raise_hand(alice)
    raise_hand(bob)
    queue = queue_of(steer(room, "hand.lower", participant_id=alice.participant_id))
    assert names(queue["waiting"]) == ["Bob"]
    steer(room, "floor.give")
    queue = queue_of(steer(room, "floor.end"))
    assert queue["speaking"] is None
    assert [p["name"] for p in queue["spoken"]] == ["Bob"]
    room.quiet()
    steer(room, "floor.end")
    assert room.heard() == []


def test_speaking_time_adds_up_per_person(room: Room) -> None:
    alice, bob = room.participant("Alice"), room.participant("Bob")
    for member in (alice, bob, alice):
        raise_hand(member)
        steer(room, "floor.give")
    steer(room, "floor.end")
    # Turns of known length, as a clock would have made them.
    with room.app.extensions["facilitation"].db.writing() as db:
        for n, turn in enumerate(db.scalars(select(SpeakerTurn).order_by(SpeakerTurn.id))):
            assert turn.called_at is not None
            turn.ended_at = turn.called_at + timedelta(seconds=60 * (n + 1))
        db.commit()
    spoken = staff_join(room)["snapshot"]["queue"]["spoken"]
    assert [(p["name"], p["turns"], p["seconds"]) for p in spoken] == [
        ("Alice", 2, 60 + 180),
        ("Bob", 1, 120),
    ]


def test_refusals(room: Room) -> None:
    alice = room.participant("Alice")
    room.refuses(room.facilitator, "floor.give", {}, code="nobody_waiting")
    room.refuses(room.facilitator, "hand.raise", {}, code="forbidden")
    room.refuses(room.facilitator, "hand.lower", {}, code="bad_request")
    room.refuses(alice, "floor.give", {}, code="forbidden")
    room.refuses(alice, "floor.end", {}, code="forbidden")
    raise_hand(alice)
    room.refuses(room.facilitator, "floor.give", {"seconds": 5}, code="bad_turn")
    room.refuses(room.facilitator, "floor.give", {"participant_id": 999999}, code="nobody_waiting")
    room.refuses(room.facilitator, "floor.give", {"seconds": "60"}, code="bad_request")
    room.refuses(alice, "hand.raise", [], code="bad_request")
