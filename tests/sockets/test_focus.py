"""roundtable.focus ("follow me"): bring every screen to one prompt, or let everyone roam."""

from __future__ import annotations

from typing import Any

from tests.conftest import acked
from tests.rooms import NO_PAYLOAD, Room
from tests.sockets.facilitating import come_back, staff_join, steer


def focus(room: Room, prompt_id: int | None) -> dict[str, Any]:
    roundtable: dict[str, Any] = steer(room, "roundtable.focus", prompt_id=prompt_id)["roundtable"]
    return roundtable


def test_follow_me_brings_everyone_to_a_prompt(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    roundtable = focus(room, prompt_id)
    assert (roundtable["id"], roundtable["focus_prompt_id"]) == (room.roundtable_id, prompt_id)
    seq = room.snapshot()["seq"]
    expected = [("roundtable.updated", {"roundtable": roundtable, "seq": seq})]
    assert room.facilitator.events() == alice.events() == expected


def test_nobody_is_followed_at_first(room: Room) -> None:
    alice = room.participant("Alice")
    assert alice.joined["snapshot"]["roundtable"]["focus_prompt_id"] is None
    assert room.snapshot()["roundtable"]["focus_prompt_id"] is None


def test_the_followed_prompt_is_in_every_snapshot(room: Room) -> None:
    room.open_prompt("First")
    second = room.open_prompt("Second")
    alice = room.participant("Alice")
    focus(room, second)
    for snapshot in (
        room.snapshot(),
        staff_join(room)["snapshot"],
        come_back(room, alice)["snapshot"],
        room.participant("Bob").joined["snapshot"],
    ):
        assert snapshot["roundtable"]["focus_prompt_id"] == second


def test_focus_moves_from_one_prompt_to_another(room: Room) -> None:
    first, second = room.open_prompt("First"), room.open_prompt("Second")
    alice = room.participant("Alice")
    focus(room, first)
    focus(room, second)
    heard = alice.events()
    assert [payload["roundtable"]["focus_prompt_id"] for _, payload in heard] == [first, second]


def test_null_lets_everyone_roam_again(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    focus(room, prompt_id)
    room.quiet()
    roundtable = focus(room, None)
    assert roundtable["focus_prompt_id"] is None
    seq = room.snapshot()["seq"]
    expected = [("roundtable.updated", {"roundtable": roundtable, "seq": seq})]
    assert room.facilitator.events() == alice.events() == expected
    assert come_back(room, alice)["snapshot"]["roundtable"]["focus_prompt_id"] is None


def test_focusing_the_followed_prompt_again_changes_nothing(room: Room) -> None:
    prompt_id = room.open_prompt()
    room.participant("Alice")
    focus(room, prompt_id)
    room.quiet()
    before = room.snapshot()
    assert focus(room, prompt_id)["focus_prompt_id"] == prompt_id
    assert room.snapshot() == before
    assert room.heard() == []


def test_letting_everyone_roam_when_they_already_do_changes_nothing(room: Room) -> None:
    room.open_prompt()
    room.participant("Alice")
    before = room.snapshot()
    assert focus(room, None)["focus_prompt_id"] is None
    assert room.snapshot() == before
    assert room.heard() == []


def test_the_followed_prompt_survives_a_change_of_attribution(room: Room) -> None:
    prompt_id = room.open_prompt()
    focus(room, prompt_id)
    roundtable = steer(room, "roundtable.configure", attribution="anonymous")["roundtable"]
    assert roundtable["focus_prompt_id"] == prompt_id
    assert room.snapshot()["roundtable"]["focus_prompt_id"] == prompt_id


def test_following_an_unknown_or_foreign_prompt_is_not_found(room: Room, other_room: Room) -> None:
    prompt_id = room.open_prompt()
    focus(room, prompt_id)
    theirs = other_room.open_prompt("Theirs")
    for unknown in (999_999, 0, -1, theirs):
        room.refuses(room.facilitator, "roundtable.focus", {"prompt_id": unknown}, code="not_found")
    assert room.snapshot()["roundtable"]["focus_prompt_id"] == prompt_id
    assert other_room.snapshot()["roundtable"]["focus_prompt_id"] is None
    assert other_room.heard() == []


def test_follow_me_needs_a_prompt_id_or_null(room: Room) -> None:
    room.open_prompt()
    for payload in (
        NO_PAYLOAD,
        None,
        [],
        "1",
        1,
        {},
        {"prompt_id": "1"},
        {"prompt_id": True},
        {"prompt_id": 1.5},
        {"prompt_id": [1]},
        {"prompt_id": 2**31},
        {"focus_prompt_id": 1},
    ):
        room.refuses(room.facilitator, "roundtable.focus", payload, code="bad_request")


def test_participants_may_not_lead_the_room(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    room.refuses(alice, "roundtable.focus", {"prompt_id": prompt_id}, code="forbidden")
    room.refuses(alice, "roundtable.focus", {"prompt_id": None}, code="forbidden")
    acked(room.facilitator.emit("roundtable.focus", {"prompt_id": prompt_id}))
    room.refuses(alice, "roundtable.focus", {"prompt_id": None}, code="forbidden")
    assert room.snapshot()["roundtable"]["focus_prompt_id"] == prompt_id
