"""vote.cast, vote.retract: dot votes within a budget per prompt, one per idea."""

from __future__ import annotations

import pytest

from tests.conftest import acked
from tests.rooms import NO_PAYLOAD, Member, Room


def idea_votes(room: Room) -> dict[int, int]:
    return {
        idea["id"]: idea["votes"]
        for prompt in room.snapshot()["prompts"]
        for idea in prompt["ideas"]
    }


def with_ideas(room: Room, count: int = 1, **prompt: object) -> tuple[int, list[int], Member]:
    """An open prompt with `count` ideas by a participant called Author."""
    prompt_id = room.open_prompt(**prompt)
    author = room.participant("Author")
    ideas = [room.idea(author, prompt_id, f"Idea {n}") for n in range(count)]
    return prompt_id, ideas, author


def test_vote_is_counted_and_the_tally_reaches_everyone(room: Room) -> None:
    _, [idea_id], author = with_ideas(room)
    alice = room.participant("Alice")
    ack = acked(alice.emit("vote.cast", {"idea_id": idea_id}))
    assert ack["votes_left"] == 2
    seq = room.snapshot()["seq"]
    expected = [("vote.tally", {"idea_id": idea_id, "votes": 1, "seq": seq})]
    assert alice.events() == author.events() == room.facilitator.events() == expected
    assert idea_votes(room) == {idea_id: 1}


def test_votes_left_counts_down_to_zero(room: Room) -> None:
    _, ideas, _ = with_ideas(room, 3, votes_per_participant=3)
    alice = room.participant("Alice")
    left = [acked(alice.emit("vote.cast", {"idea_id": i}))["votes_left"] for i in ideas]
    assert left == [2, 1, 0]


def test_votes_of_several_participants_add_up(room: Room) -> None:
    _, [idea_id], _ = with_ideas(room)
    for name in ("Alice", "Bob", "Chen"):
        acked(room.participant(name).emit("vote.cast", {"idea_id": idea_id}))
    assert idea_votes(room) == {idea_id: 3}


def test_vote_over_budget_is_refused(room: Room) -> None:
    _, [first, second], _ = with_ideas(room, 2, votes_per_participant=1)
    alice = room.participant("Alice")
    assert acked(alice.emit("vote.cast", {"idea_id": first}))["votes_left"] == 0
    room.refuses(alice, "vote.cast", {"idea_id": second}, code="over_budget")
    assert idea_votes(room) == {first: 1, second: 0}


def test_budget_is_per_prompt(room: Room) -> None:
    _, [first], author = with_ideas(room, 1, votes_per_participant=1)
    second_prompt = room.open_prompt("And then?", votes_per_participant=1)
    second = room.idea(author, second_prompt, "Later idea")
    alice = room.participant("Alice")
    assert acked(alice.emit("vote.cast", {"idea_id": first}))["votes_left"] == 0
    assert acked(alice.emit("vote.cast", {"idea_id": second}))["votes_left"] == 0


def test_second_vote_on_one_idea_is_refused(room: Room) -> None:
    _, [idea_id, _], _ = with_ideas(room, 2)
    alice = room.participant("Alice")
    acked(alice.emit("vote.cast", {"idea_id": idea_id}))
    room.refuses(alice, "vote.cast", {"idea_id": idea_id}, code="already_voted")
    assert idea_votes(room)[idea_id] == 1


def test_retracting_a_vote_gives_it_back(room: Room) -> None:
    _, [idea_id], author = with_ideas(room)
    alice = room.participant("Alice")
    acked(alice.emit("vote.cast", {"idea_id": idea_id}))
    room.quiet()
    ack = acked(alice.emit("vote.retract", {"idea_id": idea_id}))
    assert ack["votes_left"] == 3
    seq = room.snapshot()["seq"]
    expected = [("vote.tally", {"idea_id": idea_id, "votes": 0, "seq": seq})]
    assert alice.events() == author.events() == room.facilitator.events() == expected
    assert idea_votes(room) == {idea_id: 0}


def test_a_retracted_vote_can_be_spent_again(room: Room) -> None:
    _, [first, second], _ = with_ideas(room, 2, votes_per_participant=1)
    alice = room.participant("Alice")
    acked(alice.emit("vote.cast", {"idea_id": first}))
    acked(alice.emit("vote.retract", {"idea_id": first}))
    assert acked(alice.emit("vote.cast", {"idea_id": second}))["votes_left"] == 0
    assert idea_votes(room) == {first: 0, second: 1}


def test_retract_without_a_vote_is_refused(room: Room) -> None:
    _, [idea_id], _ = with_ideas(room)
    room.refuses(room.participant("Alice"), "vote.retract", {"idea_id": idea_id}, code="not_voted")


def test_participant_cannot_retract_someone_elses_vote(room: Room) -> None:
    _, [idea_id], _ = with_ideas(room)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    acked(alice.emit("vote.cast", {"idea_id": idea_id}))
    room.refuses(bob, "vote.retract", {"idea_id": idea_id}, code="not_voted")
    assert idea_votes(room) == {idea_id: 1}


@pytest.mark.parametrize("event", ["vote.cast", "vote.retract"])
def test_voting_on_a_closed_prompt_is_refused(room: Room, event: str) -> None:
    prompt_id, [idea_id], _ = with_ideas(room)
    alice = room.participant("Alice")
    acked(alice.emit("vote.cast", {"idea_id": idea_id}))
    room.close_prompt(prompt_id)
    room.refuses(alice, event, {"idea_id": idea_id}, code="prompt_closed")
    assert idea_votes(room) == {idea_id: 1}


@pytest.mark.parametrize("event", ["vote.cast", "vote.retract"])
def test_voting_on_an_unknown_idea_is_not_found(room: Room, event: str) -> None:
    with_ideas(room)
    alice = room.participant("Alice")
    for idea_id in (999_999, 0, -1):
        room.refuses(alice, event, {"idea_id": idea_id}, code="not_found")


@pytest.mark.parametrize("event", ["vote.cast", "vote.retract"])
def test_participant_cannot_vote_on_an_idea_of_another_roundtable(
    room: Room, other_room: Room, event: str
) -> None:
    with_ideas(room)
    _, [theirs], watcher = with_ideas(other_room)
    voter = other_room.participant("Voter")
    acked(voter.emit("vote.cast", {"idea_id": theirs}))
    other_room.quiet()
    before = other_room.snapshot()

    room.refuses(room.participant("Alice"), event, {"idea_id": theirs}, code="not_found")

    assert other_room.snapshot() == before
    assert watcher.events() == voter.events() == other_room.facilitator.events() == []


@pytest.mark.parametrize("event", ["vote.cast", "vote.retract"])
def test_staff_cannot_vote(room: Room, event: str) -> None:
    _, [idea_id], _ = with_ideas(room)
    room.refuses(room.facilitator, event, {"idea_id": idea_id}, code="forbidden")


def test_returning_participant_keeps_the_votes_left(room: Room) -> None:
    _, ideas, _ = with_ideas(room, 3, votes_per_participant=2)
    alice = room.participant("Alice")
    acked(alice.emit("vote.cast", {"idea_id": ideas[0]}))
    back = room.participant(token=alice.token)
    assert back.joined["snapshot"]["prompts"][0]["my_votes"] == [ideas[0]]
    assert acked(back.emit("vote.cast", {"idea_id": ideas[1]}))["votes_left"] == 0
    room.refuses(back, "vote.cast", {"idea_id": ideas[2]}, code="over_budget")


def test_my_votes_lists_only_my_own_votes(room: Room) -> None:
    _, [first, second], _ = with_ideas(room, 2)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    acked(alice.emit("vote.cast", {"idea_id": first}))
    acked(bob.emit("vote.cast", {"idea_id": second}))
    again = room.participant(token=bob.token)
    assert again.joined["snapshot"]["prompts"][0]["my_votes"] == [second]


@pytest.mark.parametrize("event", ["vote.cast", "vote.retract"])
@pytest.mark.parametrize(
    "payload",
    [
        NO_PAYLOAD,
        None,
        [1],
        1,
        "1",
        {},
        {"idea_id": None},
        {"idea_id": "1"},
        {"idea_id": True},
        {"idea_id": False},
        {"idea_id": 1.0},
        {"idea_id": [1]},
        {"idea_id": {"id": 1}},
        {"idea_id": 2**31},
        {"idea_id": 2**70},
    ],
    ids=[
        "no-payload",
        "null",
        "list",
        "number",
        "string",
        "empty",
        "null-id",
        "string-id",
        "true-id",
        "false-id",
        "float-id",
        "list-id",
        "object-id",
        "id-past-32-bits",
        "huge-id",
    ],
)
def test_malformed_vote_is_refused(room: Room, event: str, payload: object) -> None:
    _, [idea_id], _ = with_ideas(room)
    alice = room.participant("Alice")
    acked(alice.emit("vote.cast", {"idea_id": idea_id}))
    room.refuses(alice, event, payload, code="bad_request")
