"""prompt.update, prompt.delete, prompt.move: the facilitator rewrites and reorders the agenda."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import acked
from tests.rooms import Room
from tests.sockets.facilitating import gap_free, malformed, prompt_in, steer

DRAFT_EVENTS = ("prompt.update", "prompt.delete")


def order(room: Room) -> list[int]:
    return [p["id"] for p in sorted(room.snapshot()["prompts"], key=lambda p: p["position"])]


def test_a_draft_is_reworded_and_everyone_hears_it(room: Room) -> None:
    alice = room.participant("Alice")
    prompt_id = room.prompt("What first?")
    start = room.snapshot()["seq"]
    prompt = steer(
        room,
        "prompt.update",
        prompt_id=prompt_id,
        text="What should we try first?",
        votes_per_participant=5,
    )["prompt"]
    assert (prompt["text"], prompt["votes_per_participant"]) == ("What should we try first?", 5)
    staff, heard = gap_free(room, start, alice)
    assert staff == [("prompt.updated", {"prompt": prompt, "seq": start + 1})]
    assert heard[0][1]["prompt"]["text"] == "What should we try first?"
    assert prompt_in(room.snapshot(), prompt_id)["text"] == "What should we try first?"


def test_an_update_that_changes_nothing_is_not_announced(room: Room) -> None:
    prompt_id = room.prompt("What first?")
    steer(room, "prompt.update", prompt_id=prompt_id, text="What first?")
    assert room.heard() == []


def test_a_deleted_draft_leaves_every_screen_and_the_rest_close_up(room: Room) -> None:
    alice = room.participant("Alice")
    first, second, third = room.prompt("One"), room.prompt("Two"), room.prompt("Three")
    start = room.snapshot()["seq"]
    assert steer(room, "prompt.delete", prompt_id=second)["prompt"] == {"id": second}
    staff, heard = gap_free(room, start, alice)
    assert [name for name, _ in staff] == ["prompt.deleted", "prompt.updated"]
    assert heard[0] == ("prompt.deleted", {"prompt": {"id": second}, "seq": start + 1})
    assert heard[1][1]["prompt"]["id"] == third and heard[1][1]["prompt"]["position"] == 2
    assert order(room) == [first, third]


def test_deleting_the_focused_draft_lets_everyone_roam(room: Room) -> None:
    prompt_id = room.prompt("One")
    steer(room, "roundtable.focus", prompt_id=prompt_id)
    room.quiet()
    steer(room, "prompt.delete", prompt_id=prompt_id)
    assert room.snapshot()["roundtable"]["focus_prompt_id"] is None
    [(name, payload)] = [
        event for event in room.facilitator.events() if event[0] != "prompt.deleted"
    ]
    assert name == "roundtable.updated" and payload["roundtable"]["focus_prompt_id"] is None


def test_a_prompt_moves_and_each_shifted_prompt_is_announced(room: Room) -> None:
    alice = room.participant("Alice")
    first, second, third = room.prompt("One"), room.prompt("Two"), room.prompt("Three")
    start = room.snapshot()["seq"]
    moved = steer(room, "prompt.move", prompt_id=third, position=1)["prompt"]
    assert moved["position"] == 1
    staff, heard = gap_free(room, start, alice)
    assert {p["prompt"]["id"]: p["prompt"]["position"] for _, p in heard} == {
        third: 1,
        first: 2,
        second: 3,
    }
    assert [name for name, _ in staff] == ["prompt.updated"] * 3
    assert order(room) == [third, first, second]


def test_moving_to_the_same_place_is_not_announced(room: Room) -> None:
    room.prompt("One")
    second = room.prompt("Two")
    steer(room, "prompt.move", prompt_id=second, position=2)
    assert room.heard() == []


def test_an_opened_prompt_can_still_be_moved(room: Room) -> None:
    first = room.prompt("One")
    opened = room.open_prompt("Two")
    steer(room, "prompt.move", prompt_id=opened, position=1)
    assert order(room) == [opened, first]


@pytest.mark.parametrize("event", DRAFT_EVENTS)
def test_an_opened_or_closed_prompt_is_not_a_draft(room: Room, event: str) -> None:
    opened = room.open_prompt("Open")
    payload: dict[str, Any] = {"prompt_id": opened}
    if event == "prompt.update":
        payload["text"] = "Changed"
    room.refuses(room.facilitator, event, payload, code="prompt_not_draft")
    room.close_prompt(opened)
    room.refuses(room.facilitator, event, payload, code="prompt_not_draft")


@pytest.mark.parametrize("event", ("prompt.update", "prompt.delete", "prompt.move"))
def test_only_staff_who_run_prompts_may_change_the_agenda(room: Room, event: str) -> None:
    prompt_id = room.prompt("One")
    payload: dict[str, Any] = {"prompt_id": prompt_id, "text": "Mine", "position": 1}
    if event == "prompt.delete":
        payload = {"prompt_id": prompt_id}
    room.refuses(room.participant("Alice"), event, payload, code="forbidden")


@pytest.mark.parametrize("event", ("prompt.update", "prompt.delete", "prompt.move"))
def test_a_prompt_of_another_roundtable_does_not_exist(
    room: Room, other_room: Room, event: str
) -> None:
    theirs = other_room.prompt("Theirs")
    payload: dict[str, Any] = {"prompt_id": theirs, "text": "Mine", "position": 1}
    room.refuses(room.facilitator, event, payload, code="not_found")


def test_update_refuses_bad_values(room: Room) -> None:
    prompt_id = room.prompt("One")
    room.refuses(room.facilitator, "prompt.update", {"prompt_id": prompt_id}, code="bad_request")
    room.refuses(
        room.facilitator,
        "prompt.update",
        {"prompt_id": prompt_id, "text": "  "},
        code="text_empty",
    )
    for budget in (0, 21):
        room.refuses(
            room.facilitator,
            "prompt.update",
            {"prompt_id": prompt_id, "votes_per_participant": budget},
            code="bad_budget",
        )


def test_move_refuses_a_position_outside_the_list(room: Room) -> None:
    prompt_id = room.prompt("One")
    room.prompt("Two")
    for position in (0, 3, -1):
        room.refuses(
            room.facilitator,
            "prompt.move",
            {"prompt_id": prompt_id, "position": position},
            code="bad_position",
        )


@pytest.mark.parametrize(
    "valid", [{"prompt_id": 1}, {"prompt_id": 1, "position": 1}], ids=["delete", "move"]
)
def test_malformed_payloads_are_refused(room: Room, valid: dict[str, Any]) -> None:
    prompt_id = room.prompt("One")
    event = "prompt.move" if "position" in valid else "prompt.delete"
    for payload in malformed({**valid, "prompt_id": prompt_id}):
        room.refuses(room.facilitator, event, payload, code="bad_request")


def test_a_deleted_prompt_is_replayed_as_deleted_to_a_late_joiner(room: Room) -> None:
    prompt_id = room.prompt("One")
    steer(room, "prompt.delete", prompt_id=prompt_id)
    late = room.participant("Late")
    synced = acked(late.emit("roundtable.sync", {"since_seq": 0}))
    names = [event.get("name") or event.get("type") for event in synced["events"]]
    assert "prompt.deleted" in names
