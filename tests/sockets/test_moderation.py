"""Ideas after they are posted: replies, edits, withdrawals, reactions, moderation, spotlight."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import StaffMember, acked
from tests.rooms import Member, Room
from tests.sockets.facilitating import (
    WRONG_IDS,
    audiences,
    come_back,
    gap_free,
    ideas_by_id,
    is_redacted,
    malformed,
    post,
    prompt_in,
    reply,
    seqs,
    steer,
)

AUTHOR_EVENTS = ("idea.update", "idea.delete")
PARTICIPANT_EVENTS = (*AUTHOR_EVENTS, "idea.react")
MODERATION_EVENTS = ("idea.approve", "idea.hide", "idea.restore", "idea.merge", "idea.spotlight")
ALL_EVENTS = (*PARTICIPANT_EVENTS, *MODERATION_EVENTS)
# The facilitator's own events, and idea.update, with which the facilitator corrects an idea.
STAFF_EVENTS = (*MODERATION_EVENTS, "idea.update")


def discussion(room: Room, **prompt: Any) -> tuple[int, Member, Member]:
    """An open prompt with Alice (from Lisbon) and Bob in the room."""
    prompt_id = room.open_prompt(**prompt)
    return prompt_id, room.participant("Alice", affiliation="Lisbon"), room.participant("Bob")


def public(idea: dict[str, Any]) -> dict[str, Any]:
    """The idea as participants are told of it: without one reader's marks or the author's id."""
    return {k: v for k, v in idea.items() if k not in ("mine", "my_reactions", "author_id")}


def for_staff(idea: dict[str, Any], author: Member) -> dict[str, Any]:
    return {**public(idea), "author_id": author.participant_id}


def valid_payload(event: str, idea_id: int, other_id: int) -> dict[str, Any]:
    """A payload for `event` about `idea_id` (and `other_id`, where it takes two ideas)."""
    payloads: dict[str, dict[str, Any]] = {
        "idea.update": {"idea_id": idea_id, "text": "Changed"},
        "idea.delete": {"idea_id": idea_id},
        "idea.react": {"idea_id": idea_id, "emoji": "👍"},
        "idea.merge": {"idea_id": idea_id, "duplicate_id": other_id},
    }
    return payloads.get(event, {"idea_id": idea_id})


def sender(room: Room, event: str, author: Member, other: Member) -> Member:
    """Who may send `event` about the author's idea: the author, another participant, or staff."""
    if event in AUTHOR_EVENTS:
        return author
    return other if event == "idea.react" else room.facilitator


def two_ideas(room: Room) -> tuple[int, int, Member, Member]:
    """Alice's and Bob's ideas on an open prompt."""
    prompt_id, alice, bob = discussion(room)
    first = room.idea(alice, prompt_id, "Shade trees")
    second = room.idea(bob, prompt_id, "Cool roofs")
    return first, second, alice, bob


def idea_with_status(room: Room, prompt_id: int, author: Member, status: str) -> int:
    """An idea of the author's that has been brought to `status`."""
    if status == "pending":
        steer(room, "prompt.configure", prompt_id=prompt_id, premoderate=True)
        idea_id = room.idea(author, prompt_id, "Waiting for approval")
        steer(room, "prompt.configure", prompt_id=prompt_id, premoderate=False)
    else:
        idea_id = room.idea(author, prompt_id, f"Soon {status}")
    if status == "hidden":
        steer(room, "idea.hide", idea_id=idea_id)
    elif status == "deleted":
        acked(author.emit("idea.delete", {"idea_id": idea_id}))
    elif status == "merged":
        kept = room.idea(author, prompt_id, "Kept")
        steer(room, "idea.merge", idea_id=kept, duplicate_id=idea_id)
    room.quiet()
    return idea_id


# -- replies -------------------------------------------------------------------------------


def test_a_reply_builds_on_an_idea_and_reaches_everyone(room: Room) -> None:
    prompt_id, alice, bob = discussion(room)
    idea = post(room, alice, prompt_id, "Shade trees")
    room.quiet()
    answer = reply(room, bob, prompt_id, idea["id"], "Fruit trees, even")
    assert (answer["parent_id"], answer["text"], answer["mine"]) == (
        idea["id"],
        "Fruit trees, even",
        True,
    )
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert participants == [("idea.created", {"idea": public(answer), "seq": seq})]
    assert staff == [("idea.created", {"idea": for_staff(answer, bob), "seq": seq})]
    stored = ideas_by_id(prompt_in(room.snapshot(), prompt_id))
    assert stored[answer["id"]] == for_staff(answer, bob)


def test_a_reply_to_a_reply_is_refused(room: Room) -> None:
    prompt_id, alice, bob = discussion(room)
    idea = post(room, alice, prompt_id, "Shade trees")
    answer = reply(room, bob, prompt_id, idea["id"], "Fruit trees, even")
    payload = {"prompt_id": prompt_id, "parent_id": answer["id"], "text": "Nuts", "client_id": "n"}
    room.refuses(alice, "idea.create", payload, code="reply_to_reply")


@pytest.mark.parametrize(
    "parent",
    [
        "unknown",
        "hidden",
        "pending",
        "deleted",
        "merged",
        "of another prompt",
        "of another roundtable",
    ],
)
def test_a_reply_to_an_idea_not_in_the_room_is_not_found(
    room: Room, other_room: Room, parent: str
) -> None:
    prompt_id, alice, bob = discussion(room)
    if parent == "unknown":
        parent_id = 999_999
    elif parent == "of another prompt":
        parent_id = room.idea(alice, room.open_prompt("Another question"), "Elsewhere")
    elif parent == "of another roundtable":
        theirs = other_room.open_prompt("Theirs")
        parent_id = other_room.idea(other_room.participant("Zoe"), theirs, "Theirs")
        other_room.quiet()
    else:
        parent_id = idea_with_status(room, prompt_id, alice, parent)
    payload = {"prompt_id": prompt_id, "parent_id": parent_id, "text": "Yes", "client_id": "y"}
    room.refuses(bob, "idea.create", payload, code="not_found")
    assert other_room.heard() == []


def test_replies_take_no_votes(room: Room) -> None:
    prompt_id, alice, bob = discussion(room)
    idea = post(room, alice, prompt_id, "Shade trees")
    answer = reply(room, bob, prompt_id, idea["id"], "Fruit trees, even")
    room.refuses(alice, "vote.cast", {"idea_id": answer["id"]}, code="idea_unavailable")
    room.vote(alice, idea["id"])


def test_a_malformed_parent_id_is_refused(room: Room) -> None:
    prompt_id, alice, bob = discussion(room)
    idea_id = room.idea(alice, prompt_id)
    for parent_id in WRONG_IDS:
        if parent_id is not None:  # no parent: an idea of its own
            payload = {
                "prompt_id": prompt_id,
                "parent_id": parent_id,
                "text": "Y",
                "client_id": "y",
            }
            room.refuses(bob, "idea.create", payload, code="bad_request")
    assert reply(room, bob, prompt_id, idea_id, "Yes")["parent_id"] == idea_id


# -- idea.update ---------------------------------------------------------------------------


@pytest.mark.parametrize("phase", [None, "collect"])
def test_the_author_edits_an_idea_while_ideas_are_collected(room: Room, phase: str | None) -> None:
    prompt_id, alice, bob = discussion(room, phases=phase is not None)
    if phase is not None:
        steer(room, "prompt.phase", prompt_id=prompt_id, phase=phase)
    idea = post(room, alice, prompt_id, "Shade tres")
    room.quiet()
    edited = acked(alice.emit("idea.update", {"idea_id": idea["id"], "text": "Shade trees"}))
    assert edited["idea"] == {**idea, "text": "Shade trees", "edited": True}
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert participants == [("idea.updated", {"idea": public(edited["idea"]), "seq": seq})]
    assert staff == [("idea.updated", {"idea": for_staff(edited["idea"], alice), "seq": seq})]
    seen = ideas_by_id(prompt_in(come_back(room, alice)["snapshot"], prompt_id))
    assert seen[idea["id"]] == edited["idea"]


def test_an_edit_to_the_same_text_changes_and_emits_nothing(room: Room) -> None:
    prompt_id, alice, _ = discussion(room)
    idea = post(room, alice, prompt_id, "Shade trees")
    room.quiet()
    before = room.snapshot()
    ack = acked(alice.emit("idea.update", {"idea_id": idea["id"], "text": "  Shade trees\n"}))
    assert ack["idea"] == idea
    assert ack["idea"]["edited"] is False
    assert room.snapshot() == before
    assert room.heard() == []


@pytest.mark.parametrize("event", AUTHOR_EVENTS)
@pytest.mark.parametrize("phase", ["group", "vote", "results"])
def test_the_author_cannot_change_an_idea_after_collecting(
    room: Room, event: str, phase: str
) -> None:
    prompt_id, alice, _ = discussion(room, phases=True, late_ideas=True)
    steer(room, "prompt.phase", prompt_id=prompt_id, phase="collect")
    idea_id = room.idea(alice, prompt_id)
    steer(room, "prompt.phase", prompt_id=prompt_id, phase=phase)
    room.refuses(alice, event, valid_payload(event, idea_id, idea_id), code="wrong_phase")


@pytest.mark.parametrize("event", AUTHOR_EVENTS)
def test_the_author_cannot_change_an_idea_once_the_prompt_closed(room: Room, event: str) -> None:
    prompt_id, alice, _ = discussion(room)
    idea_id = room.idea(alice, prompt_id)
    room.close_prompt(prompt_id)
    room.refuses(alice, event, valid_payload(event, idea_id, idea_id), code="prompt_closed")


@pytest.mark.parametrize("event", AUTHOR_EVENTS)
@pytest.mark.parametrize("status", ["hidden", "deleted", "merged"])
def test_the_author_cannot_change_an_idea_that_left_the_room(
    room: Room, event: str, status: str
) -> None:
    prompt_id, alice, _ = discussion(room)
    idea_id = idea_with_status(room, prompt_id, alice, status)
    room.refuses(alice, event, valid_payload(event, idea_id, idea_id), code="idea_unavailable")


def test_the_author_may_edit_and_withdraw_a_pending_idea(room: Room) -> None:
    prompt_id, alice, _ = discussion(room)
    idea_id = idea_with_status(room, prompt_id, alice, "pending")
    edited = acked(alice.emit("idea.update", {"idea_id": idea_id, "text": "Rather this"}))
    assert (edited["idea"]["status"], edited["idea"]["text"]) == ("pending", "Rather this")
    withdrawn = acked(alice.emit("idea.delete", {"idea_id": idea_id}))
    assert withdrawn["idea"]["status"] == "deleted"


@pytest.mark.parametrize("event", AUTHOR_EVENTS)
def test_a_participant_cannot_change_someone_elses_idea(room: Room, event: str) -> None:
    prompt_id, alice, bob = discussion(room)
    idea_id = room.idea(alice, prompt_id)
    room.refuses(bob, event, valid_payload(event, idea_id, idea_id), code="forbidden")


def test_the_facilitator_corrects_an_idea_at_any_time(room: Room) -> None:
    prompt_id, alice, bob = discussion(room)
    idea = post(room, alice, prompt_id, "Shade tres")
    room.close_prompt(prompt_id)
    corrected = steer(room, "idea.update", idea_id=idea["id"], text="Shade trees")["idea"]
    assert corrected == {**for_staff(idea, alice), "text": "Shade trees", "edited": True}
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert staff == [("idea.updated", {"idea": corrected, "seq": seq})]
    assert participants == [("idea.updated", {"idea": public(corrected), "seq": seq})]
    seen = ideas_by_id(prompt_in(come_back(room, alice)["snapshot"], prompt_id))[idea["id"]]
    assert (seen["text"], seen["edited"], seen["mine"]) == ("Shade trees", True, True)


@pytest.mark.parametrize("who", ["author", "facilitator"])
def test_unusable_text_for_an_edit_is_refused(room: Room, who: str) -> None:
    prompt_id, alice, _ = discussion(room)
    idea_id = room.idea(alice, prompt_id)
    editor = alice if who == "author" else room.facilitator
    for text, code in [
        ("", "text_empty"),
        (" \n\t", "text_empty"),
        ("i" * 501, "text_too_long"),
        ("<b>Trees</b>", "text_has_markup"),
    ]:
        room.refuses(editor, "idea.update", {"idea_id": idea_id, "text": text}, code=code)


# -- idea.delete ---------------------------------------------------------------------------


def test_the_author_withdraws_an_idea_and_its_votes_go_back(room: Room) -> None:
    prompt_id, alice, bob = discussion(room, votes_per_participant=1)
    idea = post(room, alice, prompt_id, "Shade trees")
    other = post(room, alice, prompt_id, "Cool roofs")
    room.vote(bob, idea["id"])
    withdrawn = acked(alice.emit("idea.delete", {"idea_id": idea["id"]}))["idea"]
    assert is_redacted(withdrawn), withdrawn
    assert (withdrawn["id"], withdrawn["status"]) == (idea["id"], "deleted")
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert participants == [("idea.updated", {"idea": withdrawn, "seq": seq})]
    [(name, heard)] = staff
    assert name == "idea.updated" and heard["seq"] == seq
    assert (heard["idea"]["status"], heard["idea"]["text"], heard["idea"]["votes"]) == (
        "deleted",
        "Shade trees",
        0,
    )
    assert prompt_in(come_back(room, bob)["snapshot"], prompt_id)["my_votes"] == []
    assert acked(bob.emit("vote.cast", {"idea_id": other["id"]}))["votes_left"] == 0


# -- idea.react ----------------------------------------------------------------------------


def test_reacting_again_takes_the_reaction_off(room: Room) -> None:
    prompt_id, alice, bob = discussion(room)
    idea = post(room, alice, prompt_id, "Shade trees")
    room.quiet()
    on = acked(bob.emit("idea.react", {"idea_id": idea["id"], "emoji": "👍"}))
    assert on["reacted"] is True
    assert (on["idea"]["reactions"], on["idea"]["my_reactions"]) == ({"👍": 1}, ["👍"])
    assert "mine" not in on["idea"]
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert participants == [("idea.updated", {"idea": public(on["idea"]), "seq": seq})]
    assert "my_reactions" not in participants[0][1]["idea"]
    assert staff == [("idea.updated", {"idea": for_staff(on["idea"], alice), "seq": seq})]

    off = acked(bob.emit("idea.react", {"idea_id": idea["id"], "emoji": "👍"}))
    assert off["reacted"] is False
    assert (off["idea"]["reactions"], off["idea"]["my_reactions"]) == ({}, [])
    staff, participants = audiences(room, alice, bob)
    assert participants == [("idea.updated", {"idea": public(off["idea"]), "seq": seq + 1})]
    assert staff == [("idea.updated", {"idea": for_staff(off["idea"], alice), "seq": seq + 1})]
    assert public(off["idea"]) == public(idea)


def test_reactions_are_counted_per_emoji_and_each_participant_sees_its_own(room: Room) -> None:
    prompt_id, alice, bob = discussion(room)
    idea_id = room.idea(alice, prompt_id)
    chen = room.participant("Chen")
    for member, emoji in [(bob, "💡"), (bob, "👍"), (chen, "👍"), (alice, "❤️")]:
        acked(member.emit("idea.react", {"idea_id": idea_id, "emoji": emoji}))
    counts = {"👍": 2, "💡": 1, "❤️": 1}
    assert ideas_by_id(prompt_in(room.snapshot(), prompt_id))[idea_id]["reactions"] == counts
    assert "my_reactions" not in ideas_by_id(prompt_in(room.snapshot(), prompt_id))[idea_id]
    for member, own in [(bob, ["👍", "💡"]), (chen, ["👍"]), (alice, ["❤️"])]:
        seen = ideas_by_id(prompt_in(come_back(room, member)["snapshot"], prompt_id))[idea_id]
        assert (seen["reactions"], seen["my_reactions"]) == (counts, own)


def test_reacting_with_another_emoji_is_refused(room: Room) -> None:
    prompt_id, alice, bob = discussion(room)
    idea_id = room.idea(alice, prompt_id)
    for emoji in ["🎉", "", "👍👍", "+1", "thumbs up", "<b>👍</b>"]:
        room.refuses(bob, "idea.react", {"idea_id": idea_id, "emoji": emoji}, code="bad_reaction")


@pytest.mark.parametrize("status", ["hidden", "pending", "deleted", "merged"])
def test_only_ideas_in_the_room_take_reactions(room: Room, status: str) -> None:
    prompt_id, alice, bob = discussion(room)
    idea_id = idea_with_status(room, prompt_id, alice, status)
    room.refuses(bob, "idea.react", {"idea_id": idea_id, "emoji": "👍"}, code="idea_unavailable")


def test_reacting_on_a_closed_prompt_is_refused(room: Room) -> None:
    prompt_id, alice, bob = discussion(room)
    idea_id = room.idea(alice, prompt_id)
    room.close_prompt(prompt_id)
    room.refuses(bob, "idea.react", {"idea_id": idea_id, "emoji": "👍"}, code="prompt_closed")


@pytest.mark.parametrize("event", ["idea.react", "idea.delete"])
def test_staff_may_not_react_or_withdraw(
    room: Room, make_staff: Callable[[str], StaffMember], event: str
) -> None:
    prompt_id, alice, _ = discussion(room)
    idea_id = room.idea(alice, prompt_id)
    organizer = room.staff_member(make_staff("organizer"))
    for member in (room.facilitator, organizer):
        room.refuses(member, event, valid_payload(event, idea_id, idea_id), code="forbidden")


# -- pre-moderation: idea.approve ----------------------------------------------------------


def test_a_pending_idea_is_shown_in_full_to_its_author_and_staff_only(room: Room) -> None:
    prompt_id, alice, bob = discussion(room, premoderate=True)
    idea = post(room, alice, prompt_id, "Shade trees")
    assert (idea["status"], idea["text"], idea["author"], idea["mine"]) == (
        "pending",
        "Shade trees",
        "Alice",
        True,
    )
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert staff == [("idea.created", {"idea": for_staff(idea, alice), "seq": seq})]
    [(name, heard)] = participants
    assert (name, heard["seq"]) == ("idea.created", seq)
    assert is_redacted(heard["idea"]), heard["idea"]
    assert (heard["idea"]["id"], heard["idea"]["status"]) == (idea["id"], "pending")
    assert ideas_by_id(prompt_in(come_back(room, alice)["snapshot"], prompt_id))[idea["id"]] == idea
    seen_by_bob = ideas_by_id(prompt_in(come_back(room, bob)["snapshot"], prompt_id))
    assert seen_by_bob[idea["id"]] == heard["idea"]
    room.refuses(bob, "vote.cast", {"idea_id": idea["id"]}, code="idea_unavailable")


def test_approving_a_pending_idea_shows_it_to_everyone(room: Room) -> None:
    prompt_id, alice, bob = discussion(room, premoderate=True)
    idea = post(room, alice, prompt_id, "Shade trees")
    room.quiet()
    approved = steer(room, "idea.approve", idea_id=idea["id"])["idea"]
    assert approved == {**for_staff(idea, alice), "status": "visible"}
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert staff == [("idea.updated", {"idea": approved, "seq": seq})]
    assert participants == [("idea.updated", {"idea": public(approved), "seq": seq})]
    room.vote(bob, idea["id"])


def test_hiding_a_pending_idea_rejects_it(room: Room) -> None:
    prompt_id, alice, _ = discussion(room, premoderate=True)
    idea = post(room, alice, prompt_id, "Shade trees")
    rejected = steer(room, "idea.hide", idea_id=idea["id"])["idea"]
    assert (rejected["status"], rejected["text"]) == ("hidden", "Shade trees")
    seen = ideas_by_id(prompt_in(come_back(room, alice)["snapshot"], prompt_id))[idea["id"]]
    assert is_redacted(seen) and seen["status"] == "hidden"
    room.refuses(room.facilitator, "idea.approve", {"idea_id": idea["id"]}, code="idea_unavailable")


# -- idea.hide, idea.restore ---------------------------------------------------------------


def test_hiding_an_idea_redacts_it_for_participants_and_refunds_its_votes(room: Room) -> None:
    prompt_id, alice, bob = discussion(room, votes_per_participant=1)
    idea = post(room, alice, prompt_id, "Shade trees")
    other = post(room, alice, prompt_id, "Cool roofs")
    room.vote(bob, idea["id"])
    hidden = steer(room, "idea.hide", idea_id=idea["id"])["idea"]
    assert (hidden["status"], hidden["text"], hidden["votes"]) == ("hidden", "Shade trees", 0)
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert staff == [("idea.updated", {"idea": hidden, "seq": seq})]
    [(name, heard)] = participants
    assert (name, heard["seq"]) == ("idea.updated", seq)
    assert is_redacted(heard["idea"]), heard["idea"]
    assert (heard["idea"]["id"], heard["idea"]["status"]) == (idea["id"], "hidden")
    for member in (alice, bob):  # the author too
        seen = ideas_by_id(prompt_in(come_back(room, member)["snapshot"], prompt_id))
        assert seen[idea["id"]] == heard["idea"]
    assert prompt_in(come_back(room, bob)["snapshot"], prompt_id)["my_votes"] == []
    assert acked(bob.emit("vote.cast", {"idea_id": other["id"]}))["votes_left"] == 0
    room.refuses(bob, "vote.cast", {"idea_id": idea["id"]}, code="idea_unavailable")


def test_restoring_a_hidden_idea_brings_it_back_without_its_votes(room: Room) -> None:
    prompt_id, alice, bob = discussion(room)
    idea = post(room, alice, prompt_id, "Shade trees")
    room.vote(bob, idea["id"])
    steer(room, "idea.hide", idea_id=idea["id"])
    room.quiet()
    restored = steer(room, "idea.restore", idea_id=idea["id"])["idea"]
    assert restored == {**for_staff(idea, alice), "status": "visible", "votes": 0}
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert staff == [("idea.updated", {"idea": restored, "seq": seq})]
    assert participants == [("idea.updated", {"idea": public(restored), "seq": seq})]
    assert acked(bob.emit("vote.cast", {"idea_id": idea["id"]}))["votes_left"] == 2


@pytest.mark.parametrize(
    ("event", "status"),
    [
        ("idea.approve", "hidden"),
        ("idea.approve", "deleted"),
        ("idea.approve", "merged"),
        ("idea.hide", "deleted"),
        ("idea.hide", "merged"),
        ("idea.restore", "pending"),
        ("idea.restore", "deleted"),
        ("idea.restore", "merged"),
    ],
)
def test_moderating_an_idea_in_the_wrong_state_is_refused(
    room: Room, event: str, status: str
) -> None:
    prompt_id, alice, _ = discussion(room)
    idea_id = idea_with_status(room, prompt_id, alice, status)
    room.refuses(room.facilitator, event, {"idea_id": idea_id}, code="idea_unavailable")


@pytest.mark.parametrize(
    ("event", "status"),
    [("idea.approve", "visible"), ("idea.hide", "hidden"), ("idea.restore", "visible")],
)
def test_moderating_an_idea_into_the_state_it_is_in_changes_nothing(
    room: Room, event: str, status: str
) -> None:
    prompt_id, alice, _ = discussion(room)
    idea_id = idea_with_status(room, prompt_id, alice, status)
    before = room.snapshot()
    idea = steer(room, event, idea_id=idea_id)["idea"]
    assert idea == ideas_by_id(prompt_in(before, prompt_id))[idea_id]
    assert room.snapshot() == before
    assert room.heard() == []


# -- idea.merge ----------------------------------------------------------------------------


def test_merging_carries_the_votes_over_without_counting_anyone_twice(room: Room) -> None:
    prompt_id, alice, bob = discussion(room)
    kept = post(room, alice, prompt_id, "Shade trees")
    duplicate = post(room, bob, prompt_id, "Trees for shade")
    chen, dana = room.participant("Chen"), room.participant("Dana")
    for voter, idea in [(chen, kept), (chen, duplicate), (dana, duplicate)]:
        room.vote(voter, idea["id"])
    merged = steer(room, "idea.merge", idea_id=kept["id"], duplicate_id=duplicate["id"])["idea"]
    assert merged == {**for_staff(kept, alice), "votes": 2}

    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob, chen, dana)
    assert seqs(staff) == seqs(participants) == [seq - 1, seq]
    assert [name for name, _ in staff] == [name for name, _ in participants] == ["idea.updated"] * 2
    (_, folded), (_, into) = staff
    assert folded["idea"] == {
        **for_staff(duplicate, bob),
        "status": "merged",
        "merged_into": kept["id"],
        "votes": 0,
    }
    assert into["idea"] == merged
    (_, folded), (_, into) = participants
    assert is_redacted(folded["idea"]), folded["idea"]
    assert (folded["idea"]["status"], folded["idea"]["merged_into"]) == ("merged", kept["id"])
    assert into["idea"] == public(merged)

    for voter in (chen, dana):
        assert prompt_in(come_back(room, voter)["snapshot"], prompt_id)["my_votes"] == [kept["id"]]
    third = room.idea(alice, prompt_id, "Cool roofs")
    assert acked(chen.emit("vote.cast", {"idea_id": third}))["votes_left"] == 1
    room.refuses(chen, "vote.cast", {"idea_id": kept["id"]}, code="already_voted")


def test_merging_moves_the_duplicates_replies_to_the_idea(room: Room) -> None:
    prompt_id, alice, bob = discussion(room)
    kept = room.idea(alice, prompt_id, "Shade trees")
    duplicate = room.idea(bob, prompt_id, "Trees for shade")
    answer = reply(room, alice, prompt_id, duplicate, "Plane trees")
    room.quiet()
    steer(room, "idea.merge", idea_id=kept, duplicate_id=duplicate)
    # The room hears it live: the duplicate, the idea, then the reply under its new parent.
    staff, participants = audiences(room, alice, bob)
    for heard in (staff, participants):
        assert [payload["idea"]["id"] for _, payload in heard] == [duplicate, kept, answer["id"]]
        assert heard[-1][1]["idea"]["parent_id"] == kept
    for snapshot in (room.snapshot(), come_back(room, bob)["snapshot"]):
        assert ideas_by_id(prompt_in(snapshot, prompt_id))[answer["id"]]["parent_id"] == kept


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("into itself", "bad_merge"),
        ("of another prompt", "bad_merge"),
        ("a reply", "bad_merge"),
        ("into a reply", "bad_merge"),
        ("hidden", "idea_unavailable"),
        ("pending", "idea_unavailable"),
        ("into a hidden idea", "idea_unavailable"),
        ("unknown", "not_found"),
        ("into an unknown idea", "not_found"),
        ("of another roundtable", "not_found"),
    ],
)
def test_a_merge_that_cannot_be_made_is_refused(
    room: Room, other_room: Room, case: str, code: str
) -> None:
    prompt_id, alice, bob = discussion(room)
    idea_id = room.idea(alice, prompt_id, "Shade trees")
    duplicate_id = room.idea(bob, prompt_id, "Trees for shade")
    if case == "into itself":
        duplicate_id = idea_id
    elif case == "of another prompt":
        duplicate_id = room.idea(bob, room.open_prompt("Another question"), "Trees")
    elif case in ("a reply", "into a reply"):
        answer = reply(room, bob, prompt_id, idea_id, "Plane trees")["id"]
        idea_id, duplicate_id = (
            (answer, duplicate_id) if case == "into a reply" else (idea_id, answer)
        )
    elif case in ("hidden", "pending"):
        duplicate_id = idea_with_status(room, prompt_id, bob, case)
    elif case == "into a hidden idea":
        idea_id = idea_with_status(room, prompt_id, alice, "hidden")
    elif case == "unknown":
        duplicate_id = 999_999
    elif case == "into an unknown idea":
        idea_id = 999_999
    else:
        theirs = other_room.open_prompt("Theirs")
        duplicate_id = other_room.idea(other_room.participant("Zoe"), theirs, "Trees")
        other_room.quiet()
    payload = {"idea_id": idea_id, "duplicate_id": duplicate_id}
    room.refuses(room.facilitator, "idea.merge", payload, code=code)
    assert other_room.heard() == []


# -- idea.spotlight ------------------------------------------------------------------------


def test_spotlighting_an_idea_and_clearing_it_reaches_everyone(room: Room) -> None:
    prompt_id, alice, bob = discussion(room)
    idea_id = room.idea(alice, prompt_id)
    ack = steer(room, "idea.spotlight", idea_id=idea_id)
    assert set(ack) == {"ok", "roundtable"}
    roundtable = ack["roundtable"]
    assert roundtable["spotlight_idea_id"] == idea_id
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert staff == participants == [("roundtable.updated", {"roundtable": roundtable, "seq": seq})]
    assert room.snapshot()["roundtable"] == roundtable
    assert come_back(room, bob)["snapshot"]["roundtable"] == roundtable

    cleared = steer(room, "idea.spotlight", idea_id=None)["roundtable"]
    assert cleared == {**roundtable, "spotlight_idea_id": None}
    staff, participants = audiences(room, alice, bob)
    expected = [("roundtable.updated", {"roundtable": cleared, "seq": seq + 1})]
    assert staff == participants == expected
    assert room.snapshot()["roundtable"]["spotlight_idea_id"] is None


@pytest.mark.parametrize("spotlit", [True, False])
def test_spotlighting_what_is_already_spotlit_changes_nothing(room: Room, spotlit: bool) -> None:
    prompt_id, alice, _ = discussion(room)
    idea_id = room.idea(alice, prompt_id) if spotlit else None
    if spotlit:
        steer(room, "idea.spotlight", idea_id=idea_id)
    room.quiet()
    before = room.snapshot()
    assert steer(room, "idea.spotlight", idea_id=idea_id)["roundtable"] == before["roundtable"]
    assert room.snapshot() == before
    assert room.heard() == []


@pytest.mark.parametrize("status", ["hidden", "pending", "deleted", "merged"])
def test_only_an_idea_in_the_room_can_be_spotlit(room: Room, status: str) -> None:
    prompt_id, alice, _ = discussion(room)
    idea_id = idea_with_status(room, prompt_id, alice, status)
    room.refuses(room.facilitator, "idea.spotlight", {"idea_id": idea_id}, code="idea_unavailable")


# -- what every event shares ---------------------------------------------------------------


@pytest.mark.parametrize("event", ALL_EVENTS)
@pytest.mark.parametrize("who", ["anyone", "staff", "a participant coming back"])
def test_event_before_joining_is_refused(room: Room, event: str, who: str) -> None:
    first, second, alice, _ = two_ideas(room)
    auth = {
        "anyone": None,
        "staff": {"token": room.staff.token},
        "a participant coming back": {"participant_token": alice.token},
    }[who]
    room.refuses(room.connect(auth), event, valid_payload(event, first, second), code="not_joined")


@pytest.mark.parametrize("event", MODERATION_EVENTS)
def test_participants_may_not_moderate(room: Room, event: str) -> None:
    first, second, alice, bob = two_ideas(room)
    for member in (alice, bob):
        room.refuses(member, event, valid_payload(event, first, second), code="forbidden")


@pytest.mark.parametrize("event", STAFF_EVENTS)
def test_rapporteurs_may_not_moderate(
    room: Room, make_staff: Callable[[str], StaffMember], event: str
) -> None:
    first, second, _, _ = two_ideas(room)
    rapporteur = room.staff_member(make_staff("rapporteur"))
    room.refuses(rapporteur, event, valid_payload(event, first, second), code="forbidden")


@pytest.mark.parametrize("event", STAFF_EVENTS)
def test_organizers_may_moderate(
    room: Room, make_staff: Callable[[str], StaffMember], event: str
) -> None:
    prompt_id, alice, bob = discussion(room)
    status = {"idea.approve": "pending", "idea.restore": "hidden"}.get(event, "visible")
    first = idea_with_status(room, prompt_id, alice, status)
    second = room.idea(bob, prompt_id, "Cool roofs")
    organizer = room.staff_member(make_staff("organizer"))
    before = room.snapshot()
    acked(organizer.emit(event, valid_payload(event, first, second)))
    assert room.facilitator.names()
    assert room.snapshot() != before


def senders(room: Room, event: str, author: Member, other: Member) -> list[Member]:
    """Everyone who may send `event`: idea.update is the author's and the facilitator's."""
    first = sender(room, event, author, other)
    return [first, room.facilitator] if event == "idea.update" else [first]


@pytest.mark.parametrize("event", ALL_EVENTS)
def test_an_unknown_idea_is_not_found(room: Room, event: str) -> None:
    first, _, alice, bob = two_ideas(room)
    for member in senders(room, event, alice, bob):
        for unknown in (999_999, 0, -1, 2**31 - 1):
            room.refuses(member, event, valid_payload(event, unknown, first), code="not_found")


@pytest.mark.parametrize("event", ALL_EVENTS)
def test_an_idea_of_another_roundtable_is_not_found(
    room: Room, other_room: Room, event: str
) -> None:
    first, _, alice, bob = two_ideas(room)
    theirs_prompt = other_room.open_prompt("Theirs")
    zoe = other_room.participant("Zoe")
    theirs = other_room.idea(zoe, theirs_prompt, "Theirs")
    other_room.quiet()
    before = other_room.snapshot()
    for member in senders(room, event, alice, bob):
        room.refuses(member, event, valid_payload(event, theirs, first), code="not_found")
    assert other_room.snapshot() == before
    assert other_room.heard() == []


@pytest.mark.parametrize("event", ALL_EVENTS)
def test_a_malformed_payload_is_refused(room: Room, event: str) -> None:
    first, second, alice, bob = two_ideas(room)
    member = sender(room, event, alice, bob)
    nullable = ("idea_id",) if event == "idea.spotlight" else ()
    for payload in malformed(valid_payload(event, first, second), nullable=nullable):
        room.refuses(member, event, payload, code="bad_request")


def test_seq_stays_gap_free_for_staff_and_participants_through_every_change(room: Room) -> None:
    facilitator = room.facilitator
    prompt_id, alice, bob = discussion(room)
    start = int(bob.joined["seq"])
    trees = post(room, alice, prompt_id, "Shade trees")["id"]
    shade = post(room, bob, prompt_id, "Trees for shade")["id"]
    answer = reply(room, bob, prompt_id, trees, "Fruit trees")["id"]
    acked(bob.emit("vote.cast", {"idea_id": trees}))
    acked(alice.emit("idea.update", {"idea_id": trees, "text": "Shade trees, now"}))
    acked(bob.emit("idea.react", {"idea_id": trees, "emoji": "💡"}))
    acked(bob.emit("idea.react", {"idea_id": trees, "emoji": "💡"}))
    acked(facilitator.emit("idea.hide", {"idea_id": shade}))
    acked(facilitator.emit("idea.hide", {"idea_id": shade}))  # already hidden
    acked(facilitator.emit("idea.restore", {"idea_id": shade}))
    acked(facilitator.emit("idea.merge", {"idea_id": trees, "duplicate_id": shade}))
    acked(facilitator.emit("idea.spotlight", {"idea_id": trees}))
    acked(bob.emit("idea.delete", {"idea_id": answer}))
    acked(facilitator.emit("prompt.configure", {"prompt_id": prompt_id, "premoderate": True}))
    waiting = post(room, alice, prompt_id, "Cool roofs")["id"]
    acked(facilitator.emit("idea.approve", {"idea_id": waiting}))
    acked(facilitator.emit("idea.update", {"idea_id": waiting, "text": "Cool roofs!"}))
    acked(facilitator.emit("idea.spotlight", {"idea_id": None}))

    staff, _ = gap_free(room, start, alice, bob)
    assert [name for name, _ in staff] == [
        "idea.created",
        "idea.created",
        "idea.created",
        "vote.tally",
        "idea.updated",
        "idea.updated",
        "idea.updated",
        "idea.updated",
        "idea.updated",
        "idea.updated",
        "idea.updated",
        "roundtable.updated",
        "idea.updated",
        "prompt.updated",
        "idea.created",
        "idea.updated",
        "idea.updated",
        "roundtable.updated",
    ]
