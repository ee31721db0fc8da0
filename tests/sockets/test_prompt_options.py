"""prompt.create's facilitation options and prompt.configure: switches set ahead or mid-session."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import acked
from tests.rooms import Room
from tests.sockets.facilitating import post, prompt_in, steer

SWITCHES = ("private", "hide_tallies", "late_ideas")
OPTIONS = ("phases", *SWITCHES)
NOT_BOOLEANS = ("yes", 1, 0, [], {"on": True})


def configure(room: Room, prompt_id: int, **settings: Any) -> dict[str, Any]:
    ack = steer(room, "prompt.configure", prompt_id=prompt_id, **settings)
    prompt: dict[str, Any] = ack["prompt"]
    return prompt


def test_prompt_with_every_option_reaches_everyone_as_configured(room: Room) -> None:
    alice = room.participant("Alice")
    options = {option: True for option in OPTIONS}
    ack = steer(room, "prompt.create", text="Boldest move?", attribution="anonymous", **options)
    prompt = ack["prompt"]
    assert (prompt["status"], prompt["phase"]) == ("draft", "collect")
    assert [prompt[switch] for switch in SWITCHES] == [True, True, True]
    assert prompt["revealed"] is False
    assert (prompt["attribution"], prompt["attribution_override"]) == ("anonymous", "anonymous")
    assert prompt["timer"] is None
    assert prompt_in(room.snapshot(), prompt["id"]) == prompt
    seq = room.snapshot()["seq"]
    expected = [("prompt.created", {"prompt": prompt, "seq": seq})]
    assert room.facilitator.events() == alice.events() == expected


@pytest.mark.parametrize("value", [False, None])
def test_options_that_are_false_or_null_are_left_off(room: Room, value: bool | None) -> None:
    fields = {option: value for option in OPTIONS}
    prompt = steer(room, "prompt.create", text="Q", attribution=None, **fields)["prompt"]
    plain = steer(room, "prompt.create", text="Q")["prompt"]
    unlike = {"id", "position"}
    assert {k: v for k, v in prompt.items() if k not in unlike} == {
        k: v for k, v in plain.items() if k not in unlike
    }
    assert prompt["phase"] is None
    assert prompt["attribution_override"] is None


@pytest.mark.parametrize("option", OPTIONS)
def test_an_option_that_is_not_true_or_false_is_refused(room: Room, option: str) -> None:
    for value in NOT_BOOLEANS:
        payload = {"text": "Q", option: value}
        room.refuses(room.facilitator, "prompt.create", payload, code="bad_request")


@pytest.mark.parametrize("switch", SWITCHES)
def test_a_switch_turned_on_reaches_everyone(room: Room, switch: str) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    prompt = configure(room, prompt_id, **{switch: True})
    assert prompt[switch] is True
    assert prompt_in(room.snapshot(), prompt_id) == prompt
    seq = room.snapshot()["seq"]
    expected = [("prompt.updated", {"prompt": prompt, "seq": seq})]
    assert room.facilitator.events() == alice.events() == expected


@pytest.mark.parametrize("switch", SWITCHES)
def test_a_switch_turned_off_reaches_everyone(room: Room, switch: str) -> None:
    prompt_id = room.open_prompt(**{switch: True})
    alice = room.participant("Alice")
    prompt = configure(room, prompt_id, **{switch: False})
    assert prompt[switch] is False
    [(name, heard)] = alice.events()
    assert (name, heard["prompt"][switch]) == ("prompt.updated", False)


def test_several_settings_change_in_one_update(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    prompt = configure(
        room, prompt_id, private=True, hide_tallies=True, late_ideas=True, attribution="anonymous"
    )
    assert [prompt[switch] for switch in SWITCHES] == [True, True, True]
    assert prompt["attribution"] == "anonymous"
    assert alice.names() == ["prompt.updated"]


@pytest.mark.parametrize(
    "settings",
    [{}, {"private": False}, {"hide_tallies": None}, {"attribution": None}, {"late_ideas": True}],
    ids=["nothing", "off-already", "null-switch", "null-attribution", "on-already"],
)
def test_configuring_what_a_prompt_already_has_changes_nothing(
    room: Room, settings: dict[str, Any]
) -> None:
    prompt_id = room.open_prompt(late_ideas=True)
    room.participant("Alice")
    before = room.snapshot()
    assert configure(room, prompt_id, **settings) == prompt_in(before, prompt_id)
    assert room.snapshot() == before
    assert room.heard() == []


def test_configure_leaves_what_it_does_not_own_alone(room: Room) -> None:
    prompt_id = room.prompt()
    before = room.snapshot()
    prompt = configure(
        room, prompt_id, text="Rewritten", status="open", phase="vote", revealed=True, phases=True
    )
    assert prompt == prompt_in(before, prompt_id)
    assert room.snapshot() == before
    assert room.heard() == []


def test_configuring_a_draft_keeps_it_a_draft(room: Room) -> None:
    prompt_id = room.prompt()
    prompt = configure(room, prompt_id, private=True)
    assert (prompt["status"], prompt["private"]) == ("draft", True)


def test_late_ideas_switched_on_in_group_are_taken_at_once(room: Room) -> None:
    prompt_id = room.prompt(phases=True)
    steer(room, "prompt.phase", prompt_id=prompt_id, phase="group")
    alice = room.participant("Alice")
    payload = {"prompt_id": prompt_id, "text": "Ferries", "client_id": "f"}
    room.refuses(alice, "idea.create", payload, code="wrong_phase")
    assert configure(room, prompt_id, late_ideas=True)["can_post"] is True
    assert acked(alice.emit("idea.create", payload))["idea"]["text"] == "Ferries"
    configure(room, prompt_id, late_ideas=False)
    payload = {"prompt_id": prompt_id, "text": "Trams", "client_id": "t"}
    room.refuses(alice, "idea.create", payload, code="wrong_phase")


def test_a_switch_that_is_not_true_or_false_is_refused(room: Room) -> None:
    prompt_id = room.open_prompt()
    for switch in SWITCHES:
        for value in NOT_BOOLEANS:
            payload = {"prompt_id": prompt_id, switch: value}
            room.refuses(room.facilitator, "prompt.configure", payload, code="bad_request")


def test_a_refused_configure_changes_none_of_its_settings(room: Room) -> None:
    prompt_id = room.open_prompt()
    post(room, room.participant("Alice"), prompt_id, "Ferries")
    for payload in (
        {"prompt_id": prompt_id, "private": True, "hide_tallies": "yes"},
        {"prompt_id": prompt_id, "private": True, "attribution": "secret"},
        {"prompt_id": prompt_id, "late_ideas": True, "attribution": 3},
    ):
        code = "bad_attribution" if payload.get("attribution") == "secret" else "bad_request"
        room.refuses(room.facilitator, "prompt.configure", payload, code=code)
