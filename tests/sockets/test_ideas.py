"""idea.create: participants post to an open prompt, once per client_id."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import StaffMember, acked
from tests.rooms import NO_PAYLOAD, Room


def test_idea_reaches_everyone_in_the_room_including_the_writer(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice, bob = room.participant("Alice", affiliation="Lagos"), room.participant("Bob")
    ack = acked(
        alice.emit(
            "idea.create", {"prompt_id": prompt_id, "text": "Shade trees", "client_id": "a1"}
        )
    )
    idea = ack["idea"]
    assert (idea["text"], idea["author"], idea["votes"]) == ("Shade trees", "Alice", 0)
    assert idea["prompt_id"] == prompt_id
    assert idea["mine"] is True
    assert idea["my_reactions"] == []
    seq = room.snapshot()["seq"]
    # Participants are sent the public version; staff also learn which participant wrote it.
    public = {k: v for k, v in idea.items() if k not in ("mine", "my_reactions")}
    assert alice.events() == [("idea.created", {"idea": public, "seq": seq})]
    assert bob.events() == [("idea.created", {"idea": public, "seq": seq})]
    [(name, staff_payload)] = room.facilitator.events()
    assert name == "idea.created" and staff_payload["seq"] == seq
    assert staff_payload["idea"] == {**public, "author_id": staff_payload["idea"]["author_id"]}


def test_created_idea_is_stored_with_the_same_fields_as_emitted(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    payload = {"prompt_id": prompt_id, "text": "Cool roofs", "client_id": "a1"}
    idea = acked(alice.emit("idea.create", payload))["idea"]
    [stored] = room.snapshot()["prompts"][0]["ideas"]
    assert stored == {
        **{k: v for k, v in idea.items() if k not in ("mine", "my_reactions")},
        "author_id": stored["author_id"],
    }


def test_idea_of_500_characters_is_accepted(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    text = "i" * 500
    ack = acked(alice.emit("idea.create", {"prompt_id": prompt_id, "text": text, "client_id": "a"}))
    assert ack["idea"]["text"] == text


def test_idea_is_trimmed_before_its_length_is_checked(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    payload = {"prompt_id": prompt_id, "text": "  " + "i" * 500 + "\n", "client_id": "a"}
    assert acked(alice.emit("idea.create", payload))["idea"]["text"] == "i" * 500


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("i" * 501, "text_too_long"),
        ("", "text_empty"),
        ("   \n\t ", "text_empty"),
        ("<b>bold</b> idea", "text_has_markup"),
        ("<script>alert(1)</script>", "text_has_markup"),
        ('<img src=x onerror="alert(1)">', "text_has_markup"),
        ('see <a href="javascript:alert(1)">this</a>', "text_has_markup"),
        ("hidden <!-- comment --> text", "text_has_markup"),
    ],
    ids=["501-chars", "empty", "whitespace", "bold", "script", "img-onerror", "link", "comment"],
)
def test_unusable_idea_text_is_refused(room: Room, text: str, code: str) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    payload = {"prompt_id": prompt_id, "text": text, "client_id": "a1"}
    room.refuses(alice, "idea.create", payload, code=code)


def test_multilingual_idea_text_is_stored_intact(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Zoë")
    text = "城市热浪 — ça marche? مدن 😀 " + "😀" * 100
    ack = acked(alice.emit("idea.create", {"prompt_id": prompt_id, "text": text, "client_id": "z"}))
    assert ack["idea"]["text"] == text.strip()
    assert ack["idea"]["author"] == "Zoë"
    assert room.snapshot()["prompts"][0]["ideas"][0]["text"] == text.strip()


def test_control_characters_are_dropped_from_ideas(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    payload = {"prompt_id": prompt_id, "text": "Shade\x00 trees\x07", "client_id": "c"}
    assert acked(alice.emit("idea.create", payload))["idea"]["text"] == "Shade trees"
    only_controls = {"prompt_id": prompt_id, "text": "\x00\x01\x7f", "client_id": "d"}
    room.refuses(alice, "idea.create", only_controls, code="text_empty")


@pytest.mark.parametrize("text", ["a < b & c", "5 > 3 && x <= y", "Tom & Jerry <3", "&lt;b&gt;"])
def test_idea_text_with_angle_brackets_and_ampersands_is_stored_literally(
    room: Room, text: str
) -> None:
    prompt_id = room.open_prompt()
    alice, bob = room.participant("Alice"), room.participant("Bob")
    ack = acked(alice.emit("idea.create", {"prompt_id": prompt_id, "text": text, "client_id": "a"}))
    assert ack["idea"]["text"] == text
    [(_, event)] = bob.events()
    assert event["idea"]["text"] == text
    assert room.snapshot()["prompts"][0]["ideas"][0]["text"] == text


def test_idea_on_a_draft_prompt_is_refused(room: Room) -> None:
    prompt_id = room.prompt()
    alice = room.participant("Alice")
    payload = {"prompt_id": prompt_id, "text": "Too early", "client_id": "a1"}
    room.refuses(alice, "idea.create", payload, code="prompt_closed")


def test_idea_on_a_closed_prompt_is_refused(room: Room) -> None:
    prompt_id = room.open_prompt()
    room.close_prompt(prompt_id)
    alice = room.participant("Alice")
    payload = {"prompt_id": prompt_id, "text": "Too late", "client_id": "a1"}
    room.refuses(alice, "idea.create", payload, code="prompt_closed")


def test_idea_on_an_unknown_prompt_is_not_found(room: Room) -> None:
    room.open_prompt()
    alice = room.participant("Alice")
    for prompt_id in (999_999, 0, -5):
        payload = {"prompt_id": prompt_id, "text": "Lost", "client_id": f"a{prompt_id}"}
        room.refuses(alice, "idea.create", payload, code="not_found")


def test_participant_cannot_post_to_a_prompt_of_another_roundtable(
    room: Room, other_room: Room
) -> None:
    room.open_prompt()
    theirs = other_room.open_prompt("Their question")
    watcher = other_room.participant("Bob")
    before = other_room.snapshot()
    alice = room.participant("Alice")
    payload = {"prompt_id": theirs, "text": "Sneaking in", "client_id": "a1"}
    room.refuses(alice, "idea.create", payload, code="not_found")
    assert other_room.snapshot() == before
    assert watcher.events() == []
    assert other_room.facilitator.events() == []


@pytest.mark.parametrize("role", ["facilitator", "rapporteur"])
def test_staff_cannot_post_ideas(
    room: Room, make_staff: Callable[[str], StaffMember], role: str
) -> None:
    prompt_id = room.open_prompt()
    member = room.facilitator if role == "facilitator" else room.staff_member(make_staff(role))
    payload = {"prompt_id": prompt_id, "text": "From the front", "client_id": "s1"}
    room.refuses(member, "idea.create", payload, code="forbidden")


def test_same_client_id_returns_the_same_idea_and_emits_nothing(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice, bob = room.participant("Alice"), room.participant("Bob")
    payload = {"prompt_id": prompt_id, "text": "Shade trees", "client_id": "retry-1"}
    first = acked(alice.emit("idea.create", payload))["idea"]
    room.quiet()
    before = room.snapshot()

    again = acked(alice.emit("idea.create", payload))["idea"]
    changed = acked(alice.emit("idea.create", {**payload, "text": "Something else"}))["idea"]

    assert again == first
    assert changed == first
    assert room.snapshot() == before
    assert alice.events() == bob.events() == room.facilitator.events() == []


def test_a_retry_after_the_prompt_closed_still_returns_the_idea(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    payload = {"prompt_id": prompt_id, "text": "Shade trees", "client_id": "retry-1"}
    first = acked(alice.emit("idea.create", payload))["idea"]
    room.close_prompt(prompt_id)
    assert acked(alice.emit("idea.create", payload))["idea"] == first
    assert room.heard() == []


def test_a_retry_from_a_returning_participant_returns_the_same_idea(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    payload = {"prompt_id": prompt_id, "text": "Shade trees", "client_id": "retry-1"}
    first = acked(alice.emit("idea.create", payload))["idea"]
    room.quiet()
    back = room.participant(token=alice.token)
    assert acked(back.emit("idea.create", payload))["idea"] == first
    assert len(room.snapshot()["prompts"][0]["ideas"]) == 1


def test_same_client_id_from_another_participant_is_another_idea(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice, bob = room.participant("Alice"), room.participant("Bob")
    payload = {"prompt_id": prompt_id, "text": "Shade trees", "client_id": "c1"}
    mine = acked(alice.emit("idea.create", payload))["idea"]
    theirs = acked(bob.emit("idea.create", payload))["idea"]
    assert mine["id"] != theirs["id"]
    assert (mine["author"], theirs["author"]) == ("Alice", "Bob")
    assert len(room.snapshot()["prompts"][0]["ideas"]) == 2


@pytest.mark.parametrize("client_id", ["", "c" * 65])
def test_unusable_client_id_is_refused(room: Room, client_id: str) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    payload = {"prompt_id": prompt_id, "text": "Shade", "client_id": client_id}
    room.refuses(alice, "idea.create", payload, code="bad_client_id")


def test_client_id_of_64_characters_is_accepted(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    acked(alice.emit("idea.create", {"prompt_id": prompt_id, "text": "x", "client_id": "c" * 64}))


GOOD = {"prompt_id": 0, "text": "Shade trees", "client_id": "c1"}


@pytest.mark.parametrize(
    "payload",
    [
        NO_PAYLOAD,
        None,
        [GOOD],
        "Shade trees",
        {},
        {"text": "Shade trees", "client_id": "c1"},
        {"prompt_id": 0, "client_id": "c1"},
        {"prompt_id": 0, "text": "Shade trees"},
        {**GOOD, "prompt_id": "1"},
        {**GOOD, "prompt_id": True},
        {**GOOD, "prompt_id": 1.0},
        {**GOOD, "prompt_id": 2**40},
        {**GOOD, "text": 42},
        {**GOOD, "text": ["Shade"]},
        {**GOOD, "text": None},
        {**GOOD, "client_id": 7},
        {**GOOD, "client_id": {"id": "c1"}},
    ],
    ids=[
        "no-payload",
        "null",
        "list",
        "string",
        "empty",
        "no-prompt-id",
        "no-text",
        "no-client-id",
        "string-prompt-id",
        "bool-prompt-id",
        "float-prompt-id",
        "huge-prompt-id",
        "number-text",
        "list-text",
        "null-text",
        "number-client-id",
        "object-client-id",
    ],
)
def test_malformed_idea_is_refused(room: Room, payload: object) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    if isinstance(payload, dict) and payload.get("prompt_id") == 0:
        payload = {**payload, "prompt_id": prompt_id}
    room.refuses(alice, "idea.create", payload, code="bad_request")
