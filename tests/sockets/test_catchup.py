"""Catching up shows only what the participant may see now: nothing hidden since, withdrawn,
reworded, merged away, rejected, private or made anonymous can be replayed."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.conftest import acked
from tests.rooms import Member, Room
from tests.sockets.facilitating import post, steer

Scenario = Callable[[Room, Member], tuple[int, list[str], list[str]]]


def hidden_by_the_facilitator(room: Room, alice: Member) -> tuple[int, list[str], list[str]]:
    prompt_id = room.open_prompt()
    idea = post(room, alice, prompt_id, "SECRET hidden idea")
    middle = room.snapshot()["seq"]
    steer(room, "idea.hide", idea_id=idea["id"])
    return middle, ["SECRET hidden idea"], []


def withdrawn_by_its_author(room: Room, alice: Member) -> tuple[int, list[str], list[str]]:
    prompt_id = room.open_prompt()
    idea = post(room, alice, prompt_id, "SECRET withdrawn idea")
    middle = room.snapshot()["seq"]
    acked(alice.emit("idea.delete", {"idea_id": idea["id"]}))
    return middle, ["SECRET withdrawn idea"], []


def reworded_by_its_author(room: Room, alice: Member) -> tuple[int, list[str], list[str]]:
    prompt_id = room.open_prompt()
    idea = post(room, alice, prompt_id, "SECRET first wording")
    middle = room.snapshot()["seq"]
    acked(alice.emit("idea.update", {"idea_id": idea["id"], "text": "Second wording"}))
    return middle, ["SECRET first wording"], ["Second wording"]


def merged_into_another(room: Room, alice: Member) -> tuple[int, list[str], list[str]]:
    prompt_id = room.open_prompt()
    kept = post(room, alice, prompt_id, "Shade trees")
    duplicate = post(room, alice, prompt_id, "SECRET duplicate of shade trees")
    middle = room.snapshot()["seq"]
    steer(room, "idea.merge", idea_id=kept["id"], duplicate_id=duplicate["id"])
    return middle, ["SECRET duplicate of shade trees"], ["Shade trees"]


def rejected_in_premoderation(room: Room, alice: Member) -> tuple[int, list[str], list[str]]:
    prompt_id = room.open_prompt(premoderate=True)
    idea = post(room, alice, prompt_id, "SECRET rejected idea")
    post(room, alice, prompt_id, "SECRET still awaiting approval")
    middle = room.snapshot()["seq"]
    steer(room, "idea.hide", idea_id=idea["id"])
    return middle, ["SECRET rejected idea", "SECRET still awaiting approval"], []


def private_brainstorm(room: Room, alice: Member) -> tuple[int, list[str], list[str]]:
    prompt_id = room.open_prompt(private=True)
    middle = room.snapshot()["seq"]
    post(room, alice, prompt_id, "SECRET private idea")
    return middle, ["SECRET private idea"], []


def named_then_anonymous(room: Room, alice: Member) -> tuple[int, list[str], list[str]]:
    prompt_id = room.open_prompt()
    post(room, alice, prompt_id, "Flood sensors")
    middle = room.snapshot()["seq"]
    steer(room, "roundtable.configure", attribution="anonymous")
    return middle, ["Secretname", "Secretville"], ["Flood sensors"]


def anonymous_then_named(room: Room, alice: Member) -> tuple[int, list[str], list[str]]:
    steer(room, "roundtable.configure", attribution="anonymous")
    prompt_id = room.open_prompt()
    post(room, alice, prompt_id, "Confidential: our drainage data is outdated")
    middle = room.snapshot()["seq"]
    steer(room, "roundtable.configure", attribution="named")
    return middle, ["Secretname", "Secretville"], ["our drainage data is outdated"]


SCENARIOS = [
    hidden_by_the_facilitator,
    withdrawn_by_its_author,
    reworded_by_its_author,
    merged_into_another,
    rejected_in_premoderation,
    private_brainstorm,
    named_then_anonymous,
    anonymous_then_named,
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
@pytest.mark.parametrize("from_middle", [False, True], ids=["from-0", "from-middle"])
def test_a_latecomer_catching_up_finds_no_trace_of_what_it_may_not_see(
    room: Room, scenario: Scenario, from_middle: bool
) -> None:
    alice = room.participant("Alice Secretname", affiliation="Secretville")
    middle, secrets, shown = scenario(room, alice)
    latecomer = room.participant("Late Lee")
    since = middle if from_middle else 0

    ack = acked(latecomer.emit("roundtable.sync", {"since_seq": since}))

    replay = json.dumps(ack["events"], ensure_ascii=False)
    for secret in secrets:
        assert secret not in replay
    for text in shown:
        assert text in replay
    last = room.snapshot()["seq"]
    assert [event["seq"] for event in ack["events"]] == list(range(since + 1, last + 1))
    joined = json.dumps(latecomer.joined["snapshot"], ensure_ascii=False)
    for secret in secrets:
        assert secret not in joined


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_a_participant_who_was_there_also_catches_up_on_the_present(
    room: Room, scenario: Scenario
) -> None:
    alice = room.participant("Alice Secretname", affiliation="Secretville")
    bob = room.participant("Bob")
    start = int(bob.joined["seq"])
    _, secrets, _ = scenario(room, alice)
    replay = json.dumps(acked(bob.emit("roundtable.sync", {"since_seq": start}))["events"])
    for secret in secrets:
        assert secret not in replay


def test_staff_catching_up_see_names_no_more_than_the_room_does(room: Room) -> None:
    alice = room.participant("Alice Secretname", affiliation="Secretville")
    named_then_anonymous(room, alice)
    replay = json.dumps(acked(room.facilitator.emit("roundtable.sync", {"since_seq": 0})))
    assert "Secretname" not in replay and "Secretville" not in replay
