"""prompt.create, prompt.open, prompt.close: the facilitator steers; nobody else may."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import StaffMember, acked
from tests.rooms import NO_PAYLOAD, Room

MALFORMED_IDS = [
    NO_PAYLOAD,
    None,
    [1],
    1,
    {},
    {"prompt_id": "1"},
    {"prompt_id": True},
    {"prompt_id": 1.5},
    {"prompt_id": None},
    {"prompt_id": [1]},
]
MALFORMED_ID_NAMES = [
    "no-payload",
    "null",
    "list",
    "number",
    "empty",
    "string-id",
    "bool-id",
    "float-id",
    "null-id",
    "list-id",
]


def test_prompt_is_created_as_a_draft_and_reaches_everyone(room: Room) -> None:
    alice = room.participant("Alice")
    ack = acked(
        room.facilitator.emit(
            "prompt.create",
            {"text": "What should cities try first?", "kind": "ideas", "votes_per_participant": 5},
        )
    )
    prompt = ack["prompt"]
    assert (prompt["text"], prompt["kind"], prompt["status"]) == (
        "What should cities try first?",
        "ideas",
        "draft",
    )
    assert prompt["votes_per_participant"] == 5
    assert prompt["ideas"] == []
    seq = room.snapshot()["seq"]
    expected = [("prompt.created", {"prompt": prompt, "seq": seq})]
    assert room.facilitator.events() == expected
    assert alice.events() == expected


def test_created_prompt_has_the_same_fields_as_in_the_snapshot(room: Room) -> None:
    ack = acked(room.facilitator.emit("prompt.create", {"text": "Where is it hottest?"}))
    [stored] = room.snapshot()["prompts"]
    assert stored == ack["prompt"]
    assert stored["kind"] == "ideas"
    assert stored["votes_per_participant"] == 3


def test_organizer_may_create_prompts(room: Room, make_staff: Callable[[str], StaffMember]) -> None:
    organizer = room.staff_member(make_staff("organizer"))
    acked(organizer.emit("prompt.create", {"text": "Agenda check"}))
    assert len(room.snapshot()["prompts"]) == 1


def test_participant_may_not_create_prompts(room: Room) -> None:
    room.refuses(room.participant("Alice"), "prompt.create", {"text": "Mine now"}, code="forbidden")


def test_rapporteur_may_not_create_prompts(
    room: Room, make_staff: Callable[[str], StaffMember]
) -> None:
    rapporteur = room.staff_member(make_staff("rapporteur"))
    room.refuses(rapporteur, "prompt.create", {"text": "Notes"}, code="forbidden")


def test_prompt_text_of_500_characters_is_accepted(room: Room) -> None:
    ack = acked(room.facilitator.emit("prompt.create", {"text": "p" * 500}))
    assert ack["prompt"]["text"] == "p" * 500


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("p" * 501, "text_too_long"),
        ("", "text_empty"),
        (" \t\n ", "text_empty"),
        ("<b>Bold</b> question", "text_has_markup"),
        ("<script>alert(1)</script>", "text_has_markup"),
        ('<img src=x onerror="alert(1)">', "text_has_markup"),
    ],
    ids=["501-chars", "empty", "whitespace", "bold-tag", "script", "img-onerror"],
)
def test_unusable_prompt_text_is_refused(room: Room, text: str, code: str) -> None:
    room.refuses(room.facilitator, "prompt.create", {"text": text}, code=code)


def test_prompt_text_with_comparison_and_ampersand_is_stored_literally(room: Room) -> None:
    ack = acked(room.facilitator.emit("prompt.create", {"text": "a < b & c"}))
    assert ack["prompt"]["text"] == "a < b & c"
    assert room.snapshot()["prompts"][0]["text"] == "a < b & c"


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (NO_PAYLOAD, "bad_request"),
        (None, "bad_request"),
        (["What next?"], "bad_request"),
        ("What next?", "bad_request"),
        ({}, "bad_request"),
        ({"text": 42}, "bad_request"),
        ({"text": ["What next?"]}, "bad_request"),
        ({"text": "What next?", "kind": 1}, "bad_request"),
        ({"text": "What next?", "votes_per_participant": "3"}, "bad_request"),
        ({"text": "What next?", "votes_per_participant": True}, "bad_request"),
        ({"text": "What next?", "kind": "survey"}, "bad_kind"),
        ({"text": "What next?", "votes_per_participant": 0}, "bad_budget"),
        ({"text": "What next?", "votes_per_participant": 21}, "bad_budget"),
        ({"text": "What next?", "votes_per_participant": -1}, "bad_budget"),
    ],
    ids=[
        "no-payload",
        "null",
        "list",
        "string",
        "empty",
        "number-text",
        "list-text",
        "number-kind",
        "string-budget",
        "bool-budget",
        "unknown-kind",
        "zero-budget",
        "budget-over-20",
        "negative-budget",
    ],
)
def test_malformed_prompt_create_is_refused(room: Room, payload: object, code: str) -> None:
    room.refuses(room.facilitator, "prompt.create", payload, code=code)


def test_opening_a_prompt_makes_it_open_and_the_roundtable_live(room: Room) -> None:
    alice = room.participant("Alice")
    prompt_id = room.prompt()
    ack = acked(room.facilitator.emit("prompt.open", {"prompt_id": prompt_id}))
    assert ack["prompt"]["id"] == prompt_id
    assert ack["prompt"]["status"] == "open"
    snapshot = room.snapshot()
    assert snapshot["prompts"][0]["status"] == "open"
    assert snapshot["roundtable"]["status"] == "live"
    expected = [("prompt.updated", {"prompt": ack["prompt"], "seq": snapshot["seq"]})]
    assert room.facilitator.events() == alice.events() == expected


def test_closing_a_prompt_makes_it_closed_for_everyone(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    ack = acked(room.facilitator.emit("prompt.close", {"prompt_id": prompt_id}))
    assert ack["prompt"]["status"] == "closed"
    assert room.snapshot()["prompts"][0]["status"] == "closed"
    assert alice.events() == [("prompt.updated", {"prompt": ack["prompt"], "seq": 4})]


def test_a_closed_prompt_can_be_opened_again(room: Room) -> None:
    prompt_id = room.open_prompt()
    room.close_prompt(prompt_id)
    ack = acked(room.facilitator.emit("prompt.open", {"prompt_id": prompt_id}))
    assert ack["prompt"]["status"] == "open"
    assert room.facilitator.names() == ["prompt.updated"]


@pytest.mark.parametrize("event", ["prompt.open", "prompt.close"])
def test_setting_the_status_a_prompt_already_has_changes_nothing(room: Room, event: str) -> None:
    prompt_id = room.prompt()
    acked(room.facilitator.emit(event, {"prompt_id": prompt_id}))
    room.quiet()
    before = room.snapshot()
    ack = acked(room.facilitator.emit(event, {"prompt_id": prompt_id}))
    assert ack["prompt"]["id"] == prompt_id
    assert room.snapshot() == before
    assert room.heard() == []


@pytest.mark.parametrize("event", ["prompt.open", "prompt.close"])
def test_changing_an_unknown_prompt_is_not_found(room: Room, event: str) -> None:
    room.prompt()
    for prompt_id in (999_999, 0, -1):
        room.refuses(room.facilitator, event, {"prompt_id": prompt_id}, code="not_found")


@pytest.mark.parametrize("event", ["prompt.open", "prompt.close"])
def test_facilitator_cannot_change_a_prompt_of_another_roundtable(
    room: Room, other_room: Room, event: str
) -> None:
    theirs = other_room.prompt("Their question")
    if event == "prompt.close":
        acked(other_room.facilitator.emit("prompt.open", {"prompt_id": theirs}))
        other_room.quiet()
    before = other_room.snapshot()
    room.refuses(room.facilitator, event, {"prompt_id": theirs}, code="not_found")
    assert other_room.snapshot() == before
    assert other_room.heard() == []


@pytest.mark.parametrize("event", ["prompt.open", "prompt.close"])
def test_participant_may_not_open_or_close_prompts(room: Room, event: str) -> None:
    prompt_id = room.prompt()
    room.refuses(room.participant("Alice"), event, {"prompt_id": prompt_id}, code="forbidden")


@pytest.mark.parametrize("event", ["prompt.open", "prompt.close"])
def test_rapporteur_may_not_open_or_close_prompts(
    room: Room, make_staff: Callable[[str], StaffMember], event: str
) -> None:
    prompt_id = room.prompt()
    rapporteur = room.staff_member(make_staff("rapporteur"))
    room.refuses(rapporteur, event, {"prompt_id": prompt_id}, code="forbidden")


@pytest.mark.parametrize("event", ["prompt.open", "prompt.close"])
@pytest.mark.parametrize("payload", MALFORMED_IDS, ids=MALFORMED_ID_NAMES)
def test_malformed_prompt_status_change_is_refused(room: Room, event: str, payload: object) -> None:
    room.prompt()
    room.refuses(room.facilitator, event, payload, code="bad_request")


@pytest.mark.parametrize("event", ["prompt.open", "prompt.close"])
@pytest.mark.parametrize("prompt_id", [2**31, 2**40, -(2**31) - 1, 2**64])
def test_prompt_id_beyond_the_range_of_stored_ids_is_refused(
    room: Room, event: str, prompt_id: int
) -> None:
    room.prompt()
    room.refuses(room.facilitator, event, {"prompt_id": prompt_id}, code="bad_request")
