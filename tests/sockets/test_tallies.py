"""Hidden tallies: participants see no vote counts until results or the close; staff always do."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import acked
from tests.rooms import Member, Room
from tests.sockets.facilitating import come_back, post, prompt_in, steer


def voted(room: Room, **options: Any) -> tuple[int, int, Member, Member]:
    """An open prompt with hidden tallies (in vote, with phases), an idea by Alice, Bob's vote."""
    prompt_id = room.open_prompt(hide_tallies=True, **options)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    idea_id = post(room, alice, prompt_id, "Shade trees")["id"]
    if options.get("phases"):
        steer(room, "prompt.phase", prompt_id=prompt_id, phase="vote")
    room.vote(bob, idea_id)
    return prompt_id, idea_id, alice, bob


def public_votes(heard: dict[str, Any]) -> list[int | None]:
    return [idea["votes"] for idea in heard["prompt"]["ideas"]]


def test_prompt_with_hidden_tallies_says_so(room: Room) -> None:
    alice = room.participant("Alice")
    ack = acked(room.facilitator.emit("prompt.create", {"text": "Q", "hide_tallies": True}))
    assert ack["prompt"]["hide_tallies"] is True
    [(_, heard)] = alice.events()
    assert heard["prompt"] == ack["prompt"]


def test_a_hidden_tally_reaches_staff_with_the_count_and_participants_without(
    room: Room,
) -> None:
    prompt_id = room.open_prompt(hide_tallies=True)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    idea_id = post(room, alice, prompt_id, "Shade trees")["id"]
    room.quiet()
    ack = acked(bob.emit("vote.cast", {"idea_id": idea_id}))
    assert ack["votes_left"] == 2
    seq = room.snapshot()["seq"]
    counted = [("vote.tally", {"idea_id": idea_id, "votes": 1, "seq": seq})]
    hidden = [("vote.tally", {"idea_id": idea_id, "votes": None, "seq": seq})]
    assert room.facilitator.events() == counted
    assert alice.events() == bob.events() == hidden


def test_new_ideas_reach_participants_without_a_count(room: Room) -> None:
    prompt_id = room.open_prompt(hide_tallies=True)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    idea = post(room, alice, prompt_id, "Shade trees")
    assert idea["votes"] is None
    [(_, heard)] = bob.events()
    assert heard["idea"]["votes"] is None
    [(_, staff_heard)] = room.facilitator.events()
    assert staff_heard["idea"]["votes"] == 0


def test_snapshots_show_counts_to_staff_only(room: Room) -> None:
    prompt_id, idea_id, alice, bob = voted(room)
    for member in (alice, bob):
        [idea] = prompt_in(come_back(room, member)["snapshot"], prompt_id)["ideas"]
        assert (idea["id"], idea["votes"]) == (idea_id, None)
    [idea] = prompt_in(room.snapshot(), prompt_id)["ideas"]
    assert idea["votes"] == 1


def test_sync_gives_participants_the_tally_without_the_count(room: Room) -> None:
    prompt_id = room.open_prompt(hide_tallies=True)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    idea_id = post(room, alice, prompt_id, "Shade trees")["id"]
    since = room.snapshot()["seq"]
    room.vote(bob, idea_id)
    [entry] = acked(alice.emit("roundtable.sync", {"since_seq": since}))["events"]
    assert entry == {"idea_id": idea_id, "votes": None, "seq": since + 1, "type": "vote.tally"}
    [staff_entry] = acked(room.facilitator.emit("roundtable.sync", {"since_seq": since}))["events"]
    assert staff_entry["votes"] == 1


@pytest.mark.parametrize("phase", ["collect", "group", "vote"])
def test_counts_stay_hidden_in_every_phase_but_results(room: Room, phase: str) -> None:
    prompt_id, _, alice, _ = voted(room, phases=True)
    steer(room, "prompt.phase", prompt_id=prompt_id, phase="results")
    steer(room, "prompt.phase", prompt_id=prompt_id, phase=phase)
    *_, (_, heard) = alice.events()
    assert heard["prompt"]["phase"] == phase
    assert public_votes(heard) == [None]


def test_moving_to_results_shows_the_counts_to_participants(room: Room) -> None:
    prompt_id, idea_id, alice, bob = voted(room, phases=True)
    room.quiet()
    prompt = steer(room, "prompt.phase", prompt_id=prompt_id, phase="results")["prompt"]
    assert [idea["votes"] for idea in prompt["ideas"]] == [1]
    [(_, heard)] = alice.events()
    assert public_votes(heard) == [1]
    assert bob.events() == [("prompt.updated", heard)]
    [idea] = prompt_in(come_back(room, alice)["snapshot"], prompt_id)["ideas"]
    assert (idea["id"], idea["votes"]) == (idea_id, 1)


def test_closing_the_prompt_shows_the_counts_to_participants(room: Room) -> None:
    prompt_id, _, alice, _ = voted(room)
    room.quiet()
    steer(room, "prompt.close", prompt_id=prompt_id)
    [(_, heard)] = alice.events()
    assert heard["prompt"]["status"] == "closed"
    assert public_votes(heard) == [1]


def test_reopening_the_prompt_hides_the_counts_again(room: Room) -> None:
    prompt_id, _, alice, _ = voted(room)
    steer(room, "prompt.close", prompt_id=prompt_id)
    room.quiet()
    steer(room, "prompt.open", prompt_id=prompt_id)
    [(_, heard)] = alice.events()
    assert public_votes(heard) == [None]


def test_turning_hidden_tallies_off_shows_the_counts(room: Room) -> None:
    prompt_id, _, alice, _ = voted(room)
    room.quiet()
    ack = steer(room, "prompt.configure", prompt_id=prompt_id, hide_tallies=False)
    assert ack["prompt"]["hide_tallies"] is False
    [(_, heard)] = alice.events()
    assert public_votes(heard) == [1]
    staff_heard = {"prompt": ack["prompt"], "seq": heard["seq"]}
    assert room.facilitator.events() == [("prompt.updated", staff_heard)]


def test_hiding_tallies_during_the_vote_hides_the_counts(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice, bob = room.participant("Alice"), room.participant("Bob")
    idea_id = post(room, alice, prompt_id, "Shade trees")["id"]
    room.vote(bob, idea_id)
    ack = steer(room, "prompt.configure", prompt_id=prompt_id, hide_tallies=True)
    assert [idea["votes"] for idea in ack["prompt"]["ideas"]] == [1]
    [(_, heard)] = alice.events()
    assert public_votes(heard) == [None]
    chen = room.participant("Chen")
    acked(chen.emit("vote.cast", {"idea_id": idea_id}))
    assert [payload["votes"] for _, payload in bob.events()] == [None]
    assert [payload["votes"] for _, payload in room.facilitator.events()] == [2]
