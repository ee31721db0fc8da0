"""Ending a roundtable: open prompts close, everyone is told, and it can be reopened."""

from __future__ import annotations

import pytest

from tests.conftest import acked
from tests.rooms import Room
from tests.sockets.facilitating import come_back, gap_free, post, prompt_in, steer


def test_ending_closes_open_prompts_and_tells_everyone(room: Room) -> None:
    alice = room.participant("Alice")
    asked = room.open_prompt("Asked")
    draft = room.prompt("Still a draft")
    idea = post(room, alice, asked, "Shade trees")
    steer(room, "idea.spotlight", idea_id=idea["id"])
    start = room.snapshot()["seq"]
    room.quiet()

    ack = steer(room, "roundtable.end")

    assert ack["roundtable"]["status"] == "closed"
    assert ack["roundtable"]["ended_at"].endswith("Z")
    assert ack["roundtable"]["spotlight_idea_id"] is None
    _, heard = gap_free(room, start, alice)
    assert [name for name, _ in heard] == ["prompt.updated", "roundtable.updated"]
    assert heard[0][1]["prompt"]["status"] == "closed"
    assert heard[1][1]["roundtable"]["status"] == "closed"
    snapshot = come_back(room, alice)["snapshot"]
    assert snapshot["roundtable"]["status"] == "closed"
    assert prompt_in(snapshot, asked)["status"] == "closed"
    assert prompt_in(snapshot, draft)["status"] == "draft"
    assert [i["text"] for i in prompt_in(snapshot, asked)["ideas"]] == ["Shade trees"]


def test_an_ended_roundtable_takes_no_ideas_and_opens_no_prompts(room: Room) -> None:
    alice = room.participant("Alice")
    asked = room.open_prompt("Asked")
    steer(room, "roundtable.end")
    room.refuses(
        alice,
        "idea.create",
        {"prompt_id": asked, "text": "Too late", "client_id": "late"},
        code="prompt_closed",
    )
    room.refuses(room.facilitator, "prompt.open", {"prompt_id": asked}, code="roundtable_closed")
    room.refuses(
        room.facilitator,
        "prompt.phase",
        {"prompt_id": asked, "phase": "vote"},
        code="roundtable_closed",
    )


def test_ending_twice_changes_nothing(room: Room) -> None:
    room.open_prompt()
    steer(room, "roundtable.end")
    room.quiet()
    assert steer(room, "roundtable.end")["roundtable"]["status"] == "closed"
    assert room.heard() == []


def test_a_reopened_roundtable_is_live_and_its_prompts_can_open_again(room: Room) -> None:
    alice = room.participant("Alice")
    asked = room.open_prompt("Asked")
    steer(room, "roundtable.end")
    start = room.snapshot()["seq"]
    room.quiet()
    ack = steer(room, "roundtable.reopen")
    assert (ack["roundtable"]["status"], ack["roundtable"]["ended_at"]) == ("live", None)
    _, heard = gap_free(room, start, alice)
    assert [name for name, _ in heard] == ["roundtable.updated"]
    steer(room, "prompt.open", prompt_id=asked)
    assert acked(
        alice.emit("idea.create", {"prompt_id": asked, "text": "Again", "client_id": "again"})
    )


@pytest.mark.parametrize("event", ["roundtable.end", "roundtable.reopen"])
def test_only_facilitators_end_or_reopen(room: Room, event: str) -> None:
    alice = room.participant("Alice")
    room.refuses(alice, event, {}, code="forbidden")
    room.refuses(room.facilitator, event, None, code="bad_request")
