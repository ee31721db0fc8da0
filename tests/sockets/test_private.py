"""Private brainstorm and prompt.reveal: participants see only their own ideas until the reveal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.conftest import StaffMember, acked
from tests.rooms import Member, Room
from tests.sockets.facilitating import (
    come_back,
    ideas_by_id,
    is_redacted,
    post,
    prompt_in,
    staff_join,
    steer,
)


def brainstorm(room: Room, **options: Any) -> tuple[int, Member, Member]:
    """An open private prompt, with Alice (from Lisbon) and Bob in the room."""
    prompt_id = room.open_prompt(private=True, **options)
    return prompt_id, room.participant("Alice", affiliation="Lisbon"), room.participant("Bob")


def reveal(room: Room, prompt_id: int) -> dict[str, Any]:
    prompt: dict[str, Any] = steer(room, "prompt.reveal", prompt_id=prompt_id)["prompt"]
    return prompt


def test_private_prompt_is_created_unrevealed_and_reaches_everyone(room: Room) -> None:
    alice = room.participant("Alice")
    ack = acked(room.facilitator.emit("prompt.create", {"text": "Wildest idea?", "private": True}))
    prompt = ack["prompt"]
    assert (prompt["private"], prompt["revealed"]) == (True, False)
    seq = room.snapshot()["seq"]
    assert (
        room.facilitator.events()
        == alice.events()
        == [("prompt.created", {"prompt": prompt, "seq": seq})]
    )


def test_a_private_idea_reaches_other_participants_redacted_with_the_same_seq(room: Room) -> None:
    prompt_id, alice, bob = brainstorm(room)
    post(room, alice, prompt_id, "Night buses")
    [(name, staff_heard)] = room.facilitator.events()
    [(bob_name, bob_heard)] = bob.events()
    assert name == bob_name == "idea.created"
    assert bob_heard["seq"] == staff_heard["seq"] == room.snapshot()["seq"]
    idea = bob_heard["idea"]
    assert is_redacted(idea), idea
    assert (idea["id"], idea["prompt_id"]) == (staff_heard["idea"]["id"], prompt_id)


def test_the_facilitator_hears_a_private_idea_in_full(room: Room) -> None:
    prompt_id, alice, _ = brainstorm(room)
    post(room, alice, prompt_id, "Night buses")
    [(_, heard)] = room.facilitator.events()
    idea = heard["idea"]
    assert (idea["text"], idea["author"], idea["affiliation"], idea["votes"]) == (
        "Night buses",
        "Alice",
        "Lisbon",
        0,
    )
    assert idea["author_id"] == alice.participant_id
    assert "hidden" not in idea


def test_every_staff_role_hears_private_ideas_in_full(
    room: Room, make_staff: Callable[[str], StaffMember]
) -> None:
    prompt_id, alice, bob = brainstorm(room)
    rapporteur = room.staff_member(make_staff("rapporteur"))
    organizer = room.staff_member(make_staff("organizer"))
    post(room, alice, prompt_id, "Night buses")
    [staff_heard] = room.facilitator.events()
    assert rapporteur.events() == organizer.events() == [staff_heard]
    assert staff_heard[1]["idea"]["text"] == "Night buses"
    assert is_redacted(bob.events()[0][1]["idea"])


def test_the_author_sees_its_private_idea_in_full_in_its_ack(room: Room) -> None:
    prompt_id, alice, _ = brainstorm(room)
    idea = post(room, alice, prompt_id, "Night buses")
    assert (idea["text"], idea["author"], idea["affiliation"], idea["mine"]) == (
        "Night buses",
        "Alice",
        "Lisbon",
        True,
    )
    assert "hidden" not in idea
    assert "author_id" not in idea


def test_the_author_hears_the_rooms_redacted_news_of_its_own_idea(room: Room) -> None:
    prompt_id, alice, bob = brainstorm(room)
    post(room, alice, prompt_id, "Night buses")
    assert alice.events() == bob.events()


def test_a_participant_coming_back_sees_its_own_private_ideas_and_others_hidden(
    room: Room,
) -> None:
    prompt_id, alice, bob = brainstorm(room)
    mine = post(room, alice, prompt_id, "Night buses")
    theirs = post(room, bob, prompt_id, "Car-free Sundays")
    seen = ideas_by_id(prompt_in(come_back(room, alice)["snapshot"], prompt_id))
    assert seen[mine["id"]] == mine
    assert is_redacted(seen[theirs["id"]]), seen[theirs["id"]]
    seen_by_bob = ideas_by_id(prompt_in(come_back(room, bob)["snapshot"], prompt_id))
    assert is_redacted(seen_by_bob[mine["id"]])
    assert seen_by_bob[theirs["id"]]["text"] == "Car-free Sundays"


def test_staff_see_every_private_idea_in_their_snapshots(room: Room) -> None:
    prompt_id, alice, bob = brainstorm(room)
    post(room, alice, prompt_id, "Night buses")
    post(room, bob, prompt_id, "Car-free Sundays")
    for snapshot in (room.snapshot(), staff_join(room)["snapshot"]):
        ideas = prompt_in(snapshot, prompt_id)["ideas"]
        assert [(i["text"], i["author"]) for i in ideas] == [
            ("Night buses", "Alice"),
            ("Car-free Sundays", "Bob"),
        ]
        assert not any("hidden" in idea for idea in ideas)


def test_sync_gives_participants_private_ideas_redacted_and_staff_in_full(room: Room) -> None:
    prompt_id, alice, bob = brainstorm(room)
    start = int(bob.joined["seq"])
    post(room, alice, prompt_id, "Night buses")
    room.quiet()
    [bob_entry] = acked(bob.emit("roundtable.sync", {"since_seq": start}))["events"]
    [alice_entry] = acked(alice.emit("roundtable.sync", {"since_seq": start}))["events"]
    [staff_entry] = acked(room.facilitator.emit("roundtable.sync", {"since_seq": start}))["events"]
    assert bob_entry == alice_entry
    assert bob_entry["type"] == staff_entry["type"] == "idea.created"
    assert is_redacted(bob_entry["idea"])
    assert staff_entry["idea"]["text"] == "Night buses"


def test_revealing_shows_every_idea_to_participants_in_full(room: Room) -> None:
    prompt_id, alice, bob = brainstorm(room)
    post(room, alice, prompt_id, "Night buses")
    post(room, bob, prompt_id, "Car-free Sundays")
    room.quiet()
    prompt = reveal(room, prompt_id)
    assert (prompt["private"], prompt["revealed"]) == (True, True)
    [(name, staff_heard)] = room.facilitator.events()
    [(bob_name, bob_heard)] = bob.events()
    assert name == bob_name == "prompt.updated"
    assert staff_heard == {"prompt": prompt, "seq": room.snapshot()["seq"]}
    assert bob_heard["seq"] == staff_heard["seq"]
    public = bob_heard["prompt"]
    assert public["revealed"] is True
    assert [(i["text"], i["author"], i["affiliation"]) for i in public["ideas"]] == [
        ("Night buses", "Alice", "Lisbon"),
        ("Car-free Sundays", "Bob", None),
    ]
    assert not any("hidden" in idea or "author_id" in idea for idea in public["ideas"])
    assert alice.events() == [(bob_name, bob_heard)]


def test_after_the_reveal_snapshots_show_every_idea(room: Room) -> None:
    prompt_id, alice, bob = brainstorm(room)
    post(room, alice, prompt_id, "Night buses")
    reveal(room, prompt_id)
    ideas = prompt_in(come_back(room, bob)["snapshot"], prompt_id)["ideas"]
    assert [(i["text"], i["author"]) for i in ideas] == [("Night buses", "Alice")]


def test_ideas_after_the_reveal_reach_everyone_in_full(room: Room) -> None:
    prompt_id, alice, bob = brainstorm(room)
    reveal(room, prompt_id)
    room.quiet()
    post(room, alice, prompt_id, "Night buses")
    [(_, heard)] = bob.events()
    assert (heard["idea"]["text"], heard["idea"]["author"]) == ("Night buses", "Alice")
    assert "hidden" not in heard["idea"]


def test_revealing_twice_changes_and_emits_nothing(room: Room) -> None:
    prompt_id, alice, _ = brainstorm(room)
    post(room, alice, prompt_id, "Night buses")
    first = reveal(room, prompt_id)
    room.quiet()
    before = room.snapshot()
    assert reveal(room, prompt_id) == first
    assert room.snapshot() == before
    assert room.heard() == []


def test_revealing_a_prompt_that_is_not_private_changes_and_emits_nothing(room: Room) -> None:
    prompt_id = room.open_prompt()
    room.participant("Alice")
    before = room.snapshot()
    prompt = reveal(room, prompt_id)
    assert (prompt["private"], prompt["revealed"]) == (False, False)
    assert room.snapshot() == before
    assert room.heard() == []


def test_making_a_prompt_private_hides_its_ideas_from_participants(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice, bob = room.participant("Alice"), room.participant("Bob")
    idea = post(room, alice, prompt_id, "Night buses")
    room.quiet()
    ack = steer(room, "prompt.configure", prompt_id=prompt_id, private=True)
    assert (ack["prompt"]["private"], ack["prompt"]["revealed"]) == (True, False)
    [(_, staff_heard)] = room.facilitator.events()
    [(_, bob_heard)] = bob.events()
    assert staff_heard["prompt"] == ack["prompt"]
    assert staff_heard["prompt"]["ideas"][0]["text"] == "Night buses"
    assert [i["id"] for i in bob_heard["prompt"]["ideas"]] == [idea["id"]]
    assert is_redacted(bob_heard["prompt"]["ideas"][0])


def test_a_revealed_prompt_made_private_again_hides_its_ideas_again(room: Room) -> None:
    prompt_id, alice, bob = brainstorm(room)
    post(room, alice, prompt_id, "Night buses")
    reveal(room, prompt_id)
    steer(room, "prompt.configure", prompt_id=prompt_id, private=False)
    room.quiet()
    ack = steer(room, "prompt.configure", prompt_id=prompt_id, private=True)
    assert (ack["prompt"]["private"], ack["prompt"]["revealed"]) == (True, False)
    [(_, bob_heard)] = bob.events()
    assert is_redacted(bob_heard["prompt"]["ideas"][0])


def test_ending_a_private_brainstorm_without_a_reveal_shows_the_ideas(room: Room) -> None:
    prompt_id, alice, bob = brainstorm(room)
    post(room, alice, prompt_id, "Night buses")
    room.quiet()
    ack = steer(room, "prompt.configure", prompt_id=prompt_id, private=False)
    assert ack["prompt"]["private"] is False
    [(_, bob_heard)] = bob.events()
    assert bob_heard["prompt"]["ideas"][0]["text"] == "Night buses"


def test_tallies_of_hidden_ideas_are_hidden_from_participants(room: Room) -> None:
    prompt_id, alice, bob = brainstorm(room)
    idea = post(room, alice, prompt_id, "Night buses")
    room.quiet()
    acked(bob.emit("vote.cast", {"idea_id": idea["id"]}))
    [(_, staff_heard)] = room.facilitator.events()
    [(_, bob_heard)] = bob.events()
    assert staff_heard["votes"] == 1
    assert bob_heard == {"idea_id": idea["id"], "votes": None, "seq": staff_heard["seq"]}
    reveal(room, prompt_id)
    [(_, revealed)] = bob.events()
    assert revealed["prompt"]["ideas"][0]["votes"] == 1
