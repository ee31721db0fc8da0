"""The rapporteur's workspace over Socket.IO: outcomes, the draft and shared notes reach the
roundtable's staff, and nobody else."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import StaffMember, acked
from tests.rooms import Member, Room
from tests.sockets.test_screens import presenter_link, screen


@pytest.fixture
def rapporteur(room: Room, make_staff: Callable[[str], StaffMember]) -> Member:
    return room.staff_member(make_staff("rapporteur"))


@pytest.fixture
def second(room: Room, make_staff: Callable[[str], StaffMember]) -> Member:
    return room.staff_member(make_staff("rapporteur"))


def refused(ack: Any, code: str) -> dict[str, Any]:
    assert isinstance(ack, dict) and ack.get("ok") is False, ack
    assert ack["error"]["code"] == code, ack
    assert ack["error"]["message"]
    return ack


def test_outcome_news_reaches_staff_and_no_participant_or_screen(
    room: Room, rapporteur: Member
) -> None:
    alice = room.participant("Alice")
    big_screen = screen(room, presenter_link(room))
    room.quiet()
    made = acked(
        rapporteur.emit(
            "outcome.create",
            {
                "kind": "action",
                "text": "Publish the heat plan",
                "owner": "Lisbon",
                "due": "2025-10-01",
                "sdgs": [13],
                "client_id": "o-1",
            },
        )
    )["outcome"]
    assert made["status"] == "open" and made["sdgs"] == [13]
    assert room.facilitator.events() == [("outcome.created", {"outcome": made})]
    assert rapporteur.events() == [("outcome.created", {"outcome": made})]
    assert alice.events() == [] and big_screen.events() == []

    changed = acked(
        room.facilitator.emit(
            "outcome.update", {"outcome_id": made["id"], "version": 1, "status": "done"}
        )
    )["outcome"]
    assert changed["status"] == "done" and changed["version"] == 2
    assert rapporteur.events() == [("outcome.updated", {"outcome": changed})]

    room.quiet()
    acked(rapporteur.emit("outcome.delete", {"outcome_id": made["id"]}))
    assert room.facilitator.events() == [("outcome.deleted", {"outcome": {"id": made["id"]}})]
    assert alice.events() == [] and big_screen.events() == []
    # Not in the room's log either: a participant catching up hears nothing of it.
    since = acked(alice.emit("roundtable.sync", {"since_seq": 0}))
    assert "Publish the heat plan" not in json.dumps(since)


def test_the_workspace_loads_outcomes_and_notes_for_staff_only(
    room: Room, rapporteur: Member
) -> None:
    acked(rapporteur.emit("outcome.create", {"kind": "question", "text": "Who pays?"}))
    acked(rapporteur.emit("notes.save", {"text": "Started late", "base_version": 0}))
    loaded = acked(room.facilitator.emit("workspace.load", {}))
    assert [o["text"] for o in loaded["outcomes"]] == ["Who pays?"]
    assert loaded["notes"]["text"] == "Started late" and loaded["notes"]["version"] == 1
    assert loaded["participation"]["joined"] == 0 and loaded["participation"]["gini"] is None
    alice = room.participant("Alice")
    for event, payload in [
        ("workspace.load", {}),
        ("outcome.create", {"kind": "takeaway", "text": "x"}),
        ("outcome.update", {"outcome_id": loaded["outcomes"][0]["id"], "text": "x"}),
        ("outcome.delete", {"outcome_id": loaded["outcomes"][0]["id"]}),
        ("outcome.draft", {}),
        ("notes.save", {"text": "x", "base_version": 1}),
    ]:
        refused(alice.emit(event, payload), "forbidden")
    big_screen = screen(room, presenter_link(room))
    refused(big_screen.emit("workspace.load", {}), "forbidden")
    refused(big_screen.emit("outcome.create", {"kind": "takeaway", "text": "x"}), "forbidden")


@pytest.mark.parametrize(
    ("event", "payload", "code"),
    [
        ("outcome.create", None, "bad_request"),
        ("outcome.create", {"kind": "takeaway"}, "bad_request"),
        ("outcome.create", {"kind": "takeaway", "text": 5}, "bad_request"),
        ("outcome.create", {"kind": "memo", "text": "x"}, "bad_outcome_kind"),
        ("outcome.create", {"kind": "action", "text": "x", "due": "tomorrow"}, "bad_due"),
        ("outcome.create", {"kind": "takeaway", "text": "x", "sdgs": [99]}, "bad_sdgs"),
        (
            "outcome.create",
            {"kind": "takeaway", "text": "x", "source_idea_ids": [2**40]},
            "bad_sources",
        ),
        ("outcome.create", {"kind": "takeaway", "text": "<script>x</script>"}, "text_has_markup"),
        ("outcome.create", {"kind": "takeaway", "text": "x", "stream_ids": "one"}, "bad_sources"),
        ("outcome.create", {"kind": "takeaway", "text": "x", "stream_ids": [424242]}, "not_found"),
        ("outcome.update", {"outcome_id": 424242, "text": "x"}, "not_found"),
        ("outcome.update", {"text": "x"}, "bad_request"),
        ("outcome.delete", {"outcome_id": "1"}, "bad_request"),
        ("notes.save", {"text": "x"}, "bad_request"),
        ("notes.save", {"text": "x", "base_version": 3}, "bad_request"),
    ],
)
def test_bad_workspace_writes_are_refused_and_change_nothing(
    room: Room, rapporteur: Member, event: str, payload: Any, code: str
) -> None:
    refused(rapporteur.emit(event, payload), code)
    assert room.facilitator.events() == []
    loaded = acked(rapporteur.emit("workspace.load", {}))
    assert loaded["outcomes"] == [] and loaded["notes"]["version"] == 0
    assert rapporteur.client.is_connected()


def test_an_outcome_of_another_roundtable_does_not_exist_here(
    room: Room, other_room: Room, rapporteur: Member
) -> None:
    theirs = acked(other_room.facilitator.emit("outcome.create", {"kind": "takeaway", "text": "T"}))
    refused(
        rapporteur.emit("outcome.update", {"outcome_id": theirs["outcome"]["id"], "text": "x"}),
        "not_found",
    )
    refused(rapporteur.emit("outcome.delete", {"outcome_id": theirs["outcome"]["id"]}), "not_found")


def test_two_rapporteurs_editing_one_outcome_see_the_conflict_not_lose_it(
    room: Room, rapporteur: Member, second: Member
) -> None:
    made = acked(rapporteur.emit("outcome.create", {"kind": "decision", "text": "Adopt"}))[
        "outcome"
    ]
    room.quiet()
    acked(
        second.emit(
            "outcome.update", {"outcome_id": made["id"], "version": 1, "text": "Adopt in 2026"}
        )
    )
    assert rapporteur.events()[0][1]["outcome"]["text"] == "Adopt in 2026"  # seen live
    conflict = refused(
        rapporteur.emit(
            "outcome.update", {"outcome_id": made["id"], "version": 1, "text": "Reject"}
        ),
        "edit_conflict",
    )
    assert conflict["outcome"]["text"] == "Adopt in 2026" and conflict["outcome"]["version"] == 2
    assert room.facilitator.events()[-1][1]["outcome"]["version"] == 2  # no news of the refused one


def test_two_rapporteurs_typing_notes_at_once(
    room: Room, rapporteur: Member, second: Member
) -> None:
    acked(rapporteur.emit("notes.save", {"text": "Heat\nWater\n", "base_version": 0}))
    acked(rapporteur.emit("notes.save", {"text": "Heat: trees\nWater\n", "base_version": 1}))
    room.quiet()
    merged = acked(second.emit("notes.save", {"text": "Heat\nWater: reuse\n", "base_version": 1}))
    assert merged["merged"] is True
    assert merged["notes"]["text"] == "Heat: trees\nWater: reuse\n"
    assert rapporteur.events() == [("notes.updated", {"notes": merged["notes"]})]
    conflict = refused(
        rapporteur.emit("notes.save", {"text": "Heat: trees\nWater: drink\n", "base_version": 2}),
        "notes_conflict",
    )
    assert conflict["notes"]["text"] == "Heat: trees\nWater: reuse\n"


def test_the_draft_adds_takeaways_from_what_the_room_supported_once(
    room: Room, rapporteur: Member
) -> None:
    prompt_id = room.open_prompt("What first?", votes=3)
    trees = room.idea("Alice", prompt_id, "Plant shade trees")
    maps = room.idea("Bob", prompt_id, "Open flood maps")
    room.idea("Chen", prompt_id, "Nobody voted for me")
    room.votes(trees, "Alice", "Bob", "Chen")
    room.votes(maps, "Alice")
    drafted = acked(rapporteur.emit("outcome.draft", {}))["outcomes"]
    texts = [o["text"] for o in drafted]
    assert texts[:2] == ["Plant shade trees (3 votes)", "Open flood maps (1 vote)"]
    assert [o["source_idea_ids"] for o in drafted[:2]] == [[trees], [maps]]
    assert all(o["kind"] == "takeaway" for o in drafted)
    assert not any("Nobody voted" in text for text in texts)
    # A second click adds nothing it has added before.
    assert acked(rapporteur.emit("outcome.draft", {}))["outcomes"] == []
