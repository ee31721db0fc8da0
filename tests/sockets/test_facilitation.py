"""What every facilitation event shares: who may send it, what it may name, one gap-free seq."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from tests.conftest import StaffMember, acked
from tests.rooms import NO_PAYLOAD, Room
from tests.sockets.facilitating import (
    PROMPT_EVENTS,
    STAFF_EVENTS,
    as_replayed,
    moment,
    post,
    run_timers,
    seqs,
    valid_payload,
)

# Each is refused with bad_request; the event's other fields are valid.
MALFORMED_PROMPT_IDS: list[Any] = [
    NO_PAYLOAD,
    None,
    [1],
    1,
    "1",
    {},
    {"prompt_id": "1"},
    {"prompt_id": True},
    {"prompt_id": 1.5},
    {"prompt_id": None},
    {"prompt_id": [1]},
    {"prompt_id": 2**31},
    {"prompt_id": -(2**31) - 1},
]


def with_payload_for(event: str, prompt_id: int, **changes: Any) -> dict[str, Any]:
    return {**valid_payload(event, prompt_id), **changes}


@pytest.mark.parametrize("event", [*STAFF_EVENTS, "prompt.create"])
def test_facilitation_event_before_joining_is_refused(room: Room, event: str) -> None:
    prompt_id = room.open_prompt()
    room.refuses(room.connect(), event, valid_payload(event, prompt_id), code="not_joined")


@pytest.mark.parametrize("event", [*STAFF_EVENTS, "prompt.create"])
def test_staff_facilitation_event_before_joining_is_refused(room: Room, event: str) -> None:
    prompt_id = room.open_prompt()
    staff = room.connect({"token": room.staff.token})
    room.refuses(staff, event, valid_payload(event, prompt_id), code="not_joined")


@pytest.mark.parametrize("event", [*STAFF_EVENTS, "prompt.create"])
def test_participant_may_not_facilitate(room: Room, event: str) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    room.refuses(alice, event, valid_payload(event, prompt_id), code="forbidden")


@pytest.mark.parametrize("event", [*STAFF_EVENTS, "prompt.create"])
def test_rapporteur_may_not_facilitate(
    room: Room, make_staff: Callable[[str], StaffMember], event: str
) -> None:
    prompt_id = room.open_prompt()
    rapporteur = room.staff_member(make_staff("rapporteur"))
    room.refuses(rapporteur, event, valid_payload(event, prompt_id), code="forbidden")


@pytest.mark.parametrize("event", [*STAFF_EVENTS, "prompt.create"])
def test_organizer_may_facilitate(
    room: Room, make_staff: Callable[[str], StaffMember], event: str
) -> None:
    prompt_id = room.open_prompt(private=True)
    acked(room.facilitator.emit("timer.start", {"prompt_id": prompt_id, "seconds": 60}))
    organizer = room.staff_member(make_staff("organizer"))
    before = room.snapshot()
    acked(organizer.emit(event, valid_payload(event, prompt_id)))
    assert room.facilitator.names()
    assert room.snapshot() != before


@pytest.mark.parametrize("event", [*PROMPT_EVENTS, "roundtable.focus"])
def test_facilitation_event_about_an_unknown_prompt_is_not_found(room: Room, event: str) -> None:
    room.open_prompt()
    for prompt_id in (999_999, 0, -1):
        room.refuses(room.facilitator, event, with_payload_for(event, prompt_id), code="not_found")


@pytest.mark.parametrize("event", [*PROMPT_EVENTS, "roundtable.focus"])
def test_facilitator_cannot_touch_a_prompt_of_another_roundtable(
    room: Room, other_room: Room, event: str
) -> None:
    room.open_prompt("Ours")
    theirs = other_room.open_prompt("Theirs", private=True)
    acked(other_room.facilitator.emit("timer.start", {"prompt_id": theirs, "seconds": 60}))
    other_room.quiet()
    before = other_room.snapshot()
    room.refuses(room.facilitator, event, valid_payload(event, theirs), code="not_found")
    assert other_room.snapshot() == before
    assert other_room.heard() == []


@pytest.mark.parametrize("event", PROMPT_EVENTS)
def test_facilitation_event_with_a_malformed_prompt_id_is_refused(room: Room, event: str) -> None:
    prompt_id = room.open_prompt(private=True)
    others = {k: v for k, v in valid_payload(event, prompt_id).items() if k != "prompt_id"}
    for payload in MALFORMED_PROMPT_IDS:
        if isinstance(payload, dict):
            payload = {**others, **payload}
        room.refuses(room.facilitator, event, payload, code="bad_request")


def test_seq_stays_gap_free_for_staff_and_participants_through_every_facilitation_event(
    room: Room,
) -> None:
    facilitator = room.facilitator
    alice, bob = room.participant("Alice", affiliation="Lisbon"), room.participant("Bob")
    start = int(bob.joined["seq"])
    created = acked(
        facilitator.emit(
            "prompt.create",
            {"text": "Q", "phases": True, "private": True, "hide_tallies": True},
        )
    )
    prompt_id = created["prompt"]["id"]
    acked(facilitator.emit("prompt.phase", {"prompt_id": prompt_id, "phase": "collect"}))
    trees = post(room, alice, prompt_id, "Trees")
    post(room, bob, prompt_id, "Roofs")
    acked(facilitator.emit("timer.start", {"prompt_id": prompt_id, "seconds": 60}))
    acked(facilitator.emit("timer.stop", {"prompt_id": prompt_id}))
    acked(facilitator.emit("timer.stop", {"prompt_id": prompt_id}))  # nothing to stop
    acked(facilitator.emit("prompt.reveal", {"prompt_id": prompt_id}))
    acked(facilitator.emit("prompt.reveal", {"prompt_id": prompt_id}))  # already revealed
    acked(facilitator.emit("prompt.phase", {"prompt_id": prompt_id, "phase": "vote"}))
    late = {"prompt_id": prompt_id, "text": "Too late", "client_id": "late"}
    assert alice.emit("idea.create", late)["error"]["code"] == "wrong_phase"
    acked(bob.emit("vote.cast", {"idea_id": trees["id"]}))
    acked(facilitator.emit("roundtable.configure", {"attribution": "anonymous"}))
    acked(facilitator.emit("roundtable.configure", {"attribution": "anonymous"}))  # the same
    acked(facilitator.emit("prompt.configure", {"prompt_id": prompt_id, "attribution": "named"}))
    acked(facilitator.emit("roundtable.focus", {"prompt_id": prompt_id}))
    timer = acked(
        facilitator.emit("timer.start", {"prompt_id": prompt_id, "seconds": 5, "advance": True})
    )["prompt"]["timer"]
    run_timers(room.app, moment(timer["ends_at"]) + timedelta(seconds=1))
    acked(facilitator.emit("roundtable.focus", {"prompt_id": None}))

    last = room.snapshot()["seq"]
    expected = list(range(start + 1, last + 1))
    staff_events, alice_events, bob_events = facilitator.events(), alice.events(), bob.events()
    assert seqs(staff_events) == seqs(alice_events) == seqs(bob_events) == expected
    names = [name for name, _ in staff_events]
    assert names == [name for name, _ in alice_events] == [name for name, _ in bob_events]
    assert names == [
        "prompt.created",
        "prompt.updated",
        "idea.created",
        "idea.created",
        "prompt.updated",
        "prompt.updated",
        "prompt.updated",
        "prompt.updated",
        "vote.tally",
        "roundtable.updated",
        "prompt.updated",
        "prompt.updated",
        "roundtable.updated",
        "prompt.updated",
        "prompt.updated",
        "roundtable.updated",
    ]
    assert prompt_in_last_update(staff_events)["phase"] == "results"


def prompt_in_last_update(events: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    [*_, (_, payload)] = [event for event in events if event[0] == "prompt.updated"]
    prompt: dict[str, Any] = payload["prompt"]
    return prompt


def test_sync_gives_each_audience_exactly_what_it_was_sent(room: Room) -> None:
    facilitator = room.facilitator
    alice, bob = room.participant("Alice"), room.participant("Bob")
    start = int(bob.joined["seq"])
    prompt_id = acked(
        facilitator.emit("prompt.create", {"text": "Q", "private": True, "hide_tallies": True})
    )["prompt"]["id"]
    acked(facilitator.emit("prompt.open", {"prompt_id": prompt_id}))
    idea = post(room, alice, prompt_id, "Trees")
    acked(bob.emit("vote.cast", {"idea_id": idea["id"]}))
    acked(facilitator.emit("timer.start", {"prompt_id": prompt_id, "seconds": 90}))
    acked(facilitator.emit("roundtable.configure", {"attribution": "affiliation"}))
    acked(facilitator.emit("roundtable.focus", {"prompt_id": prompt_id}))
    acked(facilitator.emit("prompt.reveal", {"prompt_id": prompt_id}))
    staff_heard, bob_heard = facilitator.events(), bob.events()
    room.quiet()

    staff_sync = acked(facilitator.emit("roundtable.sync", {"since_seq": start}))["events"]
    bob_sync = acked(bob.emit("roundtable.sync", {"since_seq": start}))["events"]
    alice_sync = acked(alice.emit("roundtable.sync", {"since_seq": start}))["events"]

    assert staff_sync == as_replayed(staff_heard)
    assert bob_sync == alice_sync == as_replayed(bob_heard)
    assert staff_sync != bob_sync
    assert room.heard() == []
