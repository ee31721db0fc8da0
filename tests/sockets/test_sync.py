"""roundtable.sync: a client that missed events gets exactly those, or a fresh snapshot."""

from __future__ import annotations

from typing import Any

import pytest

from facilitation.services import roundtables
from tests.conftest import acked
from tests.rooms import NO_PAYLOAD, Member, Room
from tests.sockets.facilitating import as_replayed


def busy_room(room: Room) -> tuple[Member, int]:
    """A participant who joined at the start, and the seq it joined at; then a room's worth."""
    alice = room.participant("Alice")
    start = int(alice.joined["seq"])
    prompt_id = room.open_prompt()
    bob = room.participant("Bob")
    idea_id = room.idea(bob, prompt_id, "Shade trees")
    room.vote(alice, idea_id)
    return alice, start


def as_sync_entries(events: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    return [{**payload, "type": name} for name, payload in events]


def test_sync_returns_exactly_the_missed_events_in_order(room: Room) -> None:
    room.open_prompt("Warm-up")
    # Outside room.members, so that the helpers' quiet() leaves its inbox alone.
    watcher = Member(room.app.extensions["socketio"].test_client(room.app))
    joined = acked(watcher.emit("roundtable.join", {"join_code": room.join_code, "name": "W"}))
    watcher.events()
    alice = room.participant("Alice")
    prompt_id = room.open_prompt()
    idea = room.idea(alice, prompt_id, "Shade trees")
    acked(alice.emit("vote.cast", {"idea_id": idea}))
    missed = watcher.events()
    room.quiet()

    ack = acked(watcher.emit("roundtable.sync", {"since_seq": joined["seq"]}))

    assert set(ack) == {"ok", "events", "server_time"}
    assert [e["type"] for e in ack["events"]] == [
        "participants.count",
        "prompt.created",
        "prompt.updated",
        "idea.created",
        "vote.tally",
    ]
    assert ack["events"] == as_replayed(missed)
    assert room.heard() == []


def test_sync_from_the_start_replays_the_whole_log(room: Room) -> None:
    alice, _ = busy_room(room)
    ack = acked(alice.emit("roundtable.sync", {"since_seq": 0}))
    types = [event["type"] for event in ack["events"]]
    assert types == [
        "participants.count",
        "prompt.created",
        "prompt.updated",
        "participants.count",
        "idea.created",
        "vote.tally",
    ]
    assert [event["seq"] for event in ack["events"]] == [1, 2, 3, 4, 5, 6]


def test_sync_replays_every_emitted_event_verbatim(room: Room) -> None:
    # Outside room.members, so that the helpers' quiet() leaves its inbox alone.
    watcher = Member(room.app.extensions["socketio"].test_client(room.app))
    acked(watcher.emit("roundtable.join", {"join_code": room.join_code, "name": "Watcher"}))
    alice = room.participant("Alice")
    prompt_id = room.open_prompt()
    idea = room.idea(alice, prompt_id)
    acked(alice.emit("vote.cast", {"idea_id": idea}))
    acked(alice.emit("vote.retract", {"idea_id": idea}))
    room.close_prompt(prompt_id)

    ack = acked(watcher.emit("roundtable.sync", {"since_seq": 0}))

    assert ack["events"] == as_replayed(watcher.events())
    assert [e["seq"] for e in ack["events"]] == list(range(1, room.snapshot()["seq"] + 1))


def test_sync_when_up_to_date_returns_no_events(room: Room) -> None:
    alice, _ = busy_room(room)
    seq = room.snapshot()["seq"]
    assert acked(alice.emit("roundtable.sync", {"since_seq": seq}))["events"] == []


def test_sync_from_ahead_of_the_log_returns_no_events(room: Room) -> None:
    alice, _ = busy_room(room)
    assert acked(alice.emit("roundtable.sync", {"since_seq": 10_000}))["events"] == []


def test_sync_too_far_behind_returns_a_snapshot_and_seq(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, _ = busy_room(room)
    monkeypatch.setattr(roundtables, "SYNC_LIMIT", 2)
    seq = room.snapshot()["seq"]

    ack = acked(alice.emit("roundtable.sync", {"since_seq": seq - 3}))

    assert set(ack) == {"ok", "snapshot", "seq", "server_time"}
    assert ack["seq"] == seq
    stored = room.snapshot()
    assert ack["snapshot"]["roundtable"] == stored["roundtable"]
    assert ack["snapshot"]["participants"] == stored["participants"]
    [prompt] = ack["snapshot"]["prompts"]
    assert prompt["my_votes"] == [prompt["ideas"][0]["id"]]
    assert prompt["my_theme_votes"] == []
    # The participant's snapshot is the staff's one less who wrote what, plus its own
    # reactions.
    assert [idea.pop("my_reactions") for idea in prompt["ideas"]] == [[]] * len(prompt["ideas"])
    assert prompt["ideas"] == [
        {k: v for k, v in idea.items() if k != "author_id"}
        for idea in stored["prompts"][0]["ideas"]
    ]


def test_sync_exactly_at_the_limit_still_returns_events(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, _ = busy_room(room)
    monkeypatch.setattr(roundtables, "SYNC_LIMIT", 2)
    seq = room.snapshot()["seq"]
    ack = acked(alice.emit("roundtable.sync", {"since_seq": seq - 2}))
    assert [event["seq"] for event in ack["events"]] == [seq - 1, seq]


def test_staff_can_sync_too(room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    busy_room(room)
    ack = acked(room.facilitator.emit("roundtable.sync", {"since_seq": 4}))
    assert [event["seq"] for event in ack["events"]] == [5, 6]
    monkeypatch.setattr(roundtables, "SYNC_LIMIT", 1)
    ack = acked(room.facilitator.emit("roundtable.sync", {"since_seq": 4}))
    assert ack["seq"] == 6
    assert "my_votes" not in ack["snapshot"]["prompts"][0]


def test_sync_only_replays_the_joined_roundtable(room: Room, other_room: Room) -> None:
    busy_room(other_room)
    alice, _ = busy_room(room)
    ack = acked(alice.emit("roundtable.sync", {"since_seq": 0}))
    assert len(ack["events"]) == room.snapshot()["seq"]
    ideas = [e["idea"]["text"] for e in ack["events"] if e["type"] == "idea.created"]
    assert ideas == ["Shade trees"]
    other_prompt = other_room.snapshot()["prompts"][0]["id"]
    prompts = {e["prompt"]["id"] for e in ack["events"] if e["type"].startswith("prompt.")}
    assert other_prompt not in prompts


@pytest.mark.parametrize(
    "payload",
    [
        NO_PAYLOAD,
        None,
        [0],
        0,
        {},
        {"since_seq": None},
        {"since_seq": "0"},
        {"since_seq": True},
        {"since_seq": 0.5},
        {"since_seq": -1},
        {"since_seq": 2**31},
    ],
    ids=[
        "no-payload",
        "null",
        "list",
        "number",
        "empty",
        "null-seq",
        "string-seq",
        "bool-seq",
        "float-seq",
        "negative-seq",
        "huge-seq",
    ],
)
def test_malformed_sync_is_refused(room: Room, payload: object) -> None:
    alice, _ = busy_room(room)
    room.refuses(alice, "roundtable.sync", payload, code="bad_request")
