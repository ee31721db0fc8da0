"""prompt.phase: collect, group, vote, results; in any order; ideas and votes follow the phase."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import acked
from tests.rooms import NO_PAYLOAD, Member, Room
from tests.sockets.facilitating import come_back, post, prompt_in

PHASES = ("collect", "group", "vote", "results")


def set_phase(room: Room, prompt_id: int, phase: str) -> dict[str, Any]:
    """The prompt in the facilitator's ack; what the room heard is left for the test."""
    ack = acked(room.facilitator.emit("prompt.phase", {"prompt_id": prompt_id, "phase": phase}))
    prompt: dict[str, Any] = ack["prompt"]
    return prompt


def in_phase(room: Room, phase: str, **options: Any) -> tuple[int, Member, int]:
    """A prompt with one idea by Author, moved to `phase`; and Alice, who may vote."""
    prompt_id = room.prompt(phases=True, **options)
    author = room.participant("Author")
    set_phase(room, prompt_id, "collect")
    idea_id = room.idea(author, prompt_id, "Shade trees")
    set_phase(room, prompt_id, phase)
    room.quiet()
    return prompt_id, room.participant("Alice"), idea_id


def test_prompt_with_phases_is_created_as_a_draft_in_collect(room: Room) -> None:
    alice = room.participant("Alice")
    ack = acked(room.facilitator.emit("prompt.create", {"text": "Where?", "phases": True}))
    prompt = ack["prompt"]
    assert (prompt["status"], prompt["phase"]) == ("draft", "collect")
    assert (prompt["can_post"], prompt["can_vote"]) == (False, False)
    seq = room.snapshot()["seq"]
    expected = [("prompt.created", {"prompt": prompt, "seq": seq})]
    assert room.facilitator.events() == alice.events() == expected


def test_prompt_without_phases_runs_as_before(room: Room) -> None:
    prompt_id = room.prompt(phases=False)
    opened = acked(room.facilitator.emit("prompt.open", {"prompt_id": prompt_id}))["prompt"]
    assert opened["phase"] is None
    assert (opened["private"], opened["revealed"]) == (False, False)
    assert (opened["hide_tallies"], opened["late_ideas"]) == (False, False)
    assert (opened["attribution"], opened["attribution_override"], opened["timer"]) == (
        "named",
        None,
        None,
    )
    assert (opened["can_post"], opened["can_vote"]) == (True, True)
    author, alice = room.participant("Author"), room.participant("Alice")
    idea = post(room, author, prompt_id, "Shade trees")
    assert (idea["text"], idea["author"], idea["votes"]) == ("Shade trees", "Author", 0)
    assert alice.events()[0][1]["idea"]["text"] == "Shade trees"
    room.quiet()
    acked(alice.emit("vote.cast", {"idea_id": idea["id"]}))
    assert [(name, payload["votes"]) for name, payload in author.events()] == [("vote.tally", 1)]


def test_setting_a_phase_on_a_draft_opens_it(room: Room) -> None:
    prompt_id = room.prompt(phases=True)
    alice = room.participant("Alice")
    prompt = set_phase(room, prompt_id, "group")
    assert (prompt["status"], prompt["phase"]) == ("open", "group")
    snapshot = room.snapshot()
    assert snapshot["roundtable"]["status"] == "live"
    assert prompt_in(snapshot, prompt_id) == prompt
    expected = [("prompt.updated", {"prompt": prompt, "seq": snapshot["seq"]})]
    assert room.facilitator.events() == alice.events() == expected


def test_setting_a_phase_on_a_closed_prompt_opens_it_again(room: Room) -> None:
    prompt_id = room.open_prompt(phases=True)
    room.close_prompt(prompt_id)
    prompt = set_phase(room, prompt_id, "results")
    assert (prompt["status"], prompt["phase"]) == ("open", "results")
    assert room.facilitator.names() == ["prompt.updated"]


def test_a_prompt_created_without_phases_can_be_given_one(room: Room) -> None:
    prompt_id = room.open_prompt()
    prompt = set_phase(room, prompt_id, "vote")
    assert (prompt["phase"], prompt["can_post"], prompt["can_vote"]) == ("vote", False, True)


def test_phases_go_in_any_order_and_may_be_skipped_or_revisited(room: Room) -> None:
    prompt_id = room.open_prompt(phases=True)
    alice = room.participant("Alice")
    order = ["results", "collect", "vote", "group", "collect", "vote", "results"]
    for phase in order:
        assert set_phase(room, prompt_id, phase)["phase"] == phase
    heard = alice.events()
    assert [name for name, _ in heard] == ["prompt.updated"] * len(order)
    assert [payload["prompt"]["phase"] for _, payload in heard] == order
    assert prompt_in(room.snapshot(), prompt_id)["phase"] == "results"


def test_setting_the_phase_a_prompt_already_has_changes_nothing(room: Room) -> None:
    prompt_id = room.open_prompt(phases=True)
    set_phase(room, prompt_id, "vote")
    room.quiet()
    before = room.snapshot()
    assert set_phase(room, prompt_id, "vote")["phase"] == "vote"
    assert room.snapshot() == before
    assert room.heard() == []


@pytest.mark.parametrize(
    ("phase", "can_post", "can_vote"),
    [
        ("collect", True, False),
        ("group", False, False),
        ("vote", False, True),
        ("results", False, False),
    ],
)
def test_each_phase_tells_participants_what_they_may_do(
    room: Room, phase: str, can_post: bool, can_vote: bool
) -> None:
    prompt_id = room.prompt(phases=True)
    alice = room.participant("Alice")
    prompt = set_phase(room, prompt_id, phase)
    assert (prompt["can_post"], prompt["can_vote"]) == (can_post, can_vote)
    [(_, heard)] = alice.events()
    assert (heard["prompt"]["can_post"], heard["prompt"]["can_vote"]) == (can_post, can_vote)


@pytest.mark.parametrize(
    ("phase", "can_post"), [("collect", True), ("group", True), ("vote", True), ("results", False)]
)
def test_late_ideas_keep_posting_open_until_results(room: Room, phase: str, can_post: bool) -> None:
    prompt_id = room.prompt(phases=True, late_ideas=True)
    prompt = set_phase(room, prompt_id, phase)
    assert prompt["can_post"] is can_post


def test_ideas_are_taken_in_collect(room: Room) -> None:
    prompt_id, alice, _ = in_phase(room, "collect")
    idea = post(room, alice, prompt_id, "Cool roofs")
    assert idea["text"] == "Cool roofs"
    assert room.facilitator.names() == ["idea.created"]


@pytest.mark.parametrize("phase", ["group", "vote", "results"])
def test_ideas_after_collect_are_refused(room: Room, phase: str) -> None:
    prompt_id, alice, _ = in_phase(room, phase)
    payload = {"prompt_id": prompt_id, "text": "Cool roofs", "client_id": "late"}
    room.refuses(alice, "idea.create", payload, code="wrong_phase")


@pytest.mark.parametrize("phase", ["group", "vote"])
def test_late_ideas_are_taken_in_group_and_vote(room: Room, phase: str) -> None:
    prompt_id, alice, _ = in_phase(room, phase, late_ideas=True)
    bob = room.participant("Bob")
    idea = post(room, alice, prompt_id, "Cool roofs")
    assert idea["text"] == "Cool roofs"
    assert bob.names() == room.facilitator.names() == ["idea.created"]


def test_late_ideas_are_refused_in_results(room: Room) -> None:
    prompt_id, alice, _ = in_phase(room, "results", late_ideas=True)
    payload = {"prompt_id": prompt_id, "text": "Cool roofs", "client_id": "late"}
    room.refuses(alice, "idea.create", payload, code="wrong_phase")


def test_an_idea_on_a_closed_prompt_is_refused_as_closed_whatever_its_phase(room: Room) -> None:
    prompt_id, alice, _ = in_phase(room, "collect")
    room.close_prompt(prompt_id)
    payload = {"prompt_id": prompt_id, "text": "Cool roofs", "client_id": "late"}
    room.refuses(alice, "idea.create", payload, code="prompt_closed")


def test_a_resent_idea_is_answered_after_the_phase_moved_on(room: Room) -> None:
    prompt_id = room.open_prompt(phases=True)
    alice = room.participant("Alice")
    payload = {"prompt_id": prompt_id, "text": "Cool roofs", "client_id": "outbox-1"}
    first = acked(alice.emit("idea.create", payload))["idea"]
    set_phase(room, prompt_id, "group")
    room.quiet()
    before = room.snapshot()
    assert acked(alice.emit("idea.create", payload))["idea"] == first
    assert room.snapshot() == before
    assert room.heard() == []


def test_votes_are_taken_in_vote(room: Room) -> None:
    _, alice, idea_id = in_phase(room, "vote")
    ack = acked(alice.emit("vote.cast", {"idea_id": idea_id}))
    assert ack == {"ok": True, "votes_left": 2, "idea_id": idea_id}
    seq = room.snapshot()["seq"]
    expected = [("vote.tally", {"idea_id": idea_id, "votes": 1, "seq": seq})]
    assert room.facilitator.events() == alice.events() == expected


@pytest.mark.parametrize("phase", ["collect", "group", "results"])
def test_votes_outside_vote_are_refused(room: Room, phase: str) -> None:
    _, alice, idea_id = in_phase(room, phase)
    room.refuses(alice, "vote.cast", {"idea_id": idea_id}, code="wrong_phase")


@pytest.mark.parametrize("phase", ["collect", "group", "results"])
def test_votes_cannot_be_taken_back_outside_vote(room: Room, phase: str) -> None:
    prompt_id, alice, idea_id = in_phase(room, "vote")
    room.vote(alice, idea_id)
    set_phase(room, prompt_id, phase)
    room.refuses(alice, "vote.retract", {"idea_id": idea_id}, code="wrong_phase")
    assert prompt_in(room.snapshot(), prompt_id)["ideas"][0]["votes"] == 1


def test_votes_cast_in_vote_are_kept_when_results_are_shown(room: Room) -> None:
    prompt_id, alice, idea_id = in_phase(room, "vote")
    room.vote(alice, idea_id)
    room.vote(room.participant("Bob"), idea_id)
    prompt = set_phase(room, prompt_id, "results")
    assert [idea["votes"] for idea in prompt["ideas"]] == [2]
    [(_, heard)] = alice.events()
    assert [idea["votes"] for idea in heard["prompt"]["ideas"]] == [2]


def test_the_phase_change_carries_the_ideas_to_everyone(room: Room) -> None:
    prompt_id, alice, idea_id = in_phase(room, "collect")
    prompt = set_phase(room, prompt_id, "group")
    [(_, staff_heard)] = room.facilitator.events()
    [(_, alice_heard)] = alice.events()
    assert staff_heard["prompt"] == prompt
    assert staff_heard["seq"] == alice_heard["seq"]
    [idea] = alice_heard["prompt"]["ideas"]
    assert (idea["id"], idea["text"], idea["author"]) == (idea_id, "Shade trees", "Author")
    assert "author_id" not in idea


def test_a_participant_coming_back_sees_the_phase(room: Room) -> None:
    prompt_id, alice, _ = in_phase(room, "vote")
    prompt = prompt_in(come_back(room, alice)["snapshot"], prompt_id)
    assert (prompt["phase"], prompt["can_post"], prompt["can_vote"]) == ("vote", False, True)


@pytest.mark.parametrize("phase", ["voting", "", "COLLECT", " collect", "closed", "null"])
def test_an_unknown_phase_is_refused(room: Room, phase: str) -> None:
    prompt_id = room.open_prompt(phases=True)
    payload = {"prompt_id": prompt_id, "phase": phase}
    room.refuses(room.facilitator, "prompt.phase", payload, code="bad_phase")


def test_a_phase_that_is_not_text_is_refused(room: Room) -> None:
    prompt_id = room.open_prompt(phases=True)
    for payload in (
        NO_PAYLOAD,
        {"prompt_id": prompt_id},
        {"prompt_id": prompt_id, "phase": None},
        {"prompt_id": prompt_id, "phase": 2},
        {"prompt_id": prompt_id, "phase": True},
        {"prompt_id": prompt_id, "phase": ["vote"]},
        {"prompt_id": prompt_id, "phase": {"name": "vote"}},
    ):
        room.refuses(room.facilitator, "prompt.phase", payload, code="bad_request")
