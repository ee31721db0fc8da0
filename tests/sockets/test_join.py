"""roundtable.join: connecting, joining by code, coming back, and the participant count."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from facilitation.identity import ParticipantTokens
from facilitation.models import Event, Stream
from tests.conftest import StaffMember, acked
from tests.rooms import NO_PAYLOAD, MakeRoom, Room

SNAPSHOT_KEYS = {"roundtable", "prompts", "participants"}


def test_new_participant_joins_with_a_name(room: Room) -> None:
    member = room.connect()
    ack = acked(
        member.emit(
            "roundtable.join",
            {"join_code": room.join_code, "name": "Amina", "affiliation": "Nairobi"},
        )
    )
    assert ack["role"] == "participant"
    assert ack["participant"]["name"] == "Amina"
    assert isinstance(ack["participant"]["id"], int)
    assert isinstance(ack["participant"]["token"], str) and ack["participant"]["token"]
    assert set(ack["snapshot"]) >= SNAPSHOT_KEYS
    assert ack["snapshot"]["roundtable"]["id"] == room.roundtable_id
    assert ack["snapshot"]["participants"] == 1
    assert ack["seq"] == room.snapshot()["seq"] == 1


def test_join_snapshot_has_the_contract_shape(room: Room) -> None:
    prompt_id = room.open_prompt("Where is the heat worst?")
    alice = room.participant("Alice")
    room.idea(alice, prompt_id, "Bus stops")
    bob = room.participant("Bob")
    snapshot = bob.joined["snapshot"]
    assert {"id", "title", "status"} <= set(snapshot["roundtable"])
    assert snapshot["roundtable"]["title"] == "Resilient cities"
    [prompt] = snapshot["prompts"]
    assert {"id", "text", "kind", "status", "ideas"} <= set(prompt)
    assert (prompt["id"], prompt["text"], prompt["kind"], prompt["status"]) == (
        prompt_id,
        "Where is the heat worst?",
        "ideas",
        "open",
    )
    [idea] = prompt["ideas"]
    assert {"id", "text", "author", "votes"} <= set(idea)
    assert (idea["text"], idea["author"], idea["votes"]) == ("Bus stops", "Alice", 0)
    assert snapshot["participants"] == 2


def test_staff_join_with_the_code_alone_and_get_their_role(
    room: Room, make_staff: Callable[[str], StaffMember]
) -> None:
    for role in ("facilitator", "rapporteur", "organizer"):
        member = room.staff_member(make_staff(role))
        assert member.joined["role"] == role
        assert "participant" not in member.joined
        assert member.joined["snapshot"]["roundtable"]["id"] == room.roundtable_id


def test_staff_joining_does_not_count_as_a_participant(
    room: Room, make_staff: Callable[[str], StaffMember]
) -> None:
    room.staff_member(make_staff("rapporteur"))
    assert room.heard() == []
    assert room.snapshot()["participants"] == 0
    assert room.snapshot()["seq"] == 0


def test_join_code_is_read_without_regard_to_case_spaces_or_dashes(room: Room) -> None:
    member = room.connect()
    code = room.join_code.lower()
    typed = f" {code[:3]}-{code[3:]} "
    ack = acked(member.emit("roundtable.join", {"join_code": typed, "name": "Alice"}))
    assert ack["snapshot"]["roundtable"]["id"] == room.roundtable_id


def test_join_with_an_unknown_code_is_not_found(room: Room) -> None:
    room.refuses(
        room.connect(), "roundtable.join", {"join_code": "ZZZZZZ", "name": "A"}, code="not_found"
    )


def test_new_participant_without_a_name_is_refused(room: Room) -> None:
    room.refuses(
        room.connect(), "roundtable.join", {"join_code": room.join_code}, code="name_required"
    )


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "text_empty"),
        ("   \n ", "text_empty"),
        ("A" * 81, "text_too_long"),
        ("<b>Alice</b>", "text_has_markup"),
        ("<script>alert(1)</script>", "text_has_markup"),
    ],
)
def test_join_with_an_unusable_name_is_refused(room: Room, name: str, code: str) -> None:
    room.refuses(
        room.connect(), "roundtable.join", {"join_code": room.join_code, "name": name}, code=code
    )


def test_join_with_a_markup_affiliation_is_refused(room: Room) -> None:
    payload = {"join_code": room.join_code, "name": "Alice", "affiliation": "<i>City</i>"}
    room.refuses(room.connect(), "roundtable.join", payload, code="text_has_markup")


def test_join_with_an_affiliation_over_120_characters_is_refused(room: Room) -> None:
    payload = {"join_code": room.join_code, "name": "Alice", "affiliation": "a" * 121}
    room.refuses(room.connect(), "roundtable.join", payload, code="text_too_long")


def test_name_is_trimmed_to_one_line(room: Room) -> None:
    alice = room.participant("  Alice \n  Smith ", affiliation=" City of Lagos ")
    assert alice.joined["participant"]["name"] == "Alice Smith"
    assert alice.joined["participant"]["affiliation"] == "City of Lagos"


@pytest.mark.parametrize("auth", ["a-string", ["list"], 42])
def test_connecting_with_an_odd_auth_value_is_a_newcomer(room: Room, auth: object) -> None:
    member = room.connect(auth)  # type: ignore[arg-type]
    assert member.client.is_connected()
    room.refuses(member, "roundtable.join", {"join_code": room.join_code}, code="name_required")


def test_name_is_kept_literally_with_angle_brackets_and_ampersands(room: Room) -> None:
    alice = room.participant("Tom & Jerry <3")
    assert alice.joined["participant"]["name"] == "Tom & Jerry <3"


@pytest.mark.parametrize(
    "payload",
    [
        NO_PAYLOAD,
        None,
        ["ABCDEF"],
        "ABCDEF",
        {},
        {"join_code": None, "name": "Alice"},
        {"join_code": 123456, "name": "Alice"},
        {"join_code": True, "name": "Alice"},
        {"join_code": "JOINCD", "name": 42},
        {"join_code": "JOINCD", "name": ["Alice"]},
        {"join_code": "JOINCD", "name": "Alice", "affiliation": 7},
    ],
    ids=[
        "no-payload",
        "null",
        "list",
        "string",
        "empty-object",
        "null-code",
        "number-code",
        "bool-code",
        "number-name",
        "list-name",
        "number-affiliation",
    ],
)
def test_malformed_join_is_refused(room: Room, payload: object) -> None:
    if isinstance(payload, dict) and payload.get("join_code") == "JOINCD":
        payload = {**payload, "join_code": room.join_code}
    room.refuses(room.connect(), "roundtable.join", payload, code="bad_request")


@pytest.mark.parametrize("token", ["rt_not-a-token", "x" * 5000, 12345, ["rt_x"], {"t": 1}])
def test_invalid_staff_token_is_refused_at_connect(room: Room, token: object) -> None:
    member = room.connect({"token": token})
    assert not member.client.is_connected()
    assert room.heard() == []


def test_participant_token_brings_back_the_same_participant_with_their_votes(room: Room) -> None:
    prompt_id = room.open_prompt(votes_per_participant=3)
    bob = room.participant("Bob")
    first, second, third = (room.idea(bob, prompt_id, text) for text in ("Trees", "Shade", "Water"))
    alice = room.participant("Alice")
    room.vote(alice, first)
    room.vote(alice, second)

    again = room.participant("ignored", token=alice.token)

    assert again.participant_id == alice.participant_id
    assert again.joined["participant"]["name"] == "Alice"
    [prompt] = again.joined["snapshot"]["prompts"]
    assert prompt["my_votes"] == [first, second]
    assert acked(again.emit("vote.cast", {"idea_id": third}))["votes_left"] == 0
    room.refuses(again, "vote.cast", {"idea_id": first}, code="already_voted")
    assert acked(again.emit("vote.retract", {"idea_id": first}))["votes_left"] == 1


def test_returning_participant_needs_no_name(room: Room) -> None:
    alice = room.participant("Alice")
    member = room.connect({"participant_token": alice.token})
    ack = acked(member.emit("roundtable.join", {"join_code": room.join_code}))
    assert ack["participant"]["id"] == alice.participant_id


def test_joining_again_on_the_same_connection_is_the_same_participant(room: Room) -> None:
    alice = room.participant("Alice")
    ack = acked(alice.emit("roundtable.join", {"join_code": room.join_code, "name": "Alicia"}))
    assert ack["participant"]["id"] == alice.participant_id
    assert room.heard() == []
    assert room.snapshot()["participants"] == 1


@pytest.mark.parametrize(
    "token_for",
    [
        lambda app, pid: "not-a-token",
        lambda app, pid: ParticipantTokens("some-other-key").issue(pid),
        lambda app, pid: app.extensions["facilitation"].tokens.issue(pid + 1000),
        lambda app, pid: 12345,
    ],
    ids=["garbage", "forged", "unknown-participant", "number"],
)
def test_invalid_participant_token_is_treated_as_a_newcomer(
    room: Room, token_for: Callable[[Flask, int], object]
) -> None:
    alice = room.participant("Alice")
    member = room.connect({"participant_token": token_for(room.app, alice.participant_id)})
    assert member.client.is_connected()
    room.refuses(member, "roundtable.join", {"join_code": room.join_code}, code="name_required")

    ack = acked(member.emit("roundtable.join", {"join_code": room.join_code, "name": "Bob"}))
    assert ack["participant"]["id"] != alice.participant_id
    assert ack["participant"]["name"] == "Bob"
    assert room.snapshot()["participants"] == 2


def test_participants_count_is_emitted_once_per_new_participant(room: Room) -> None:
    alice = room.connect()
    acked(alice.emit("roundtable.join", {"join_code": room.join_code, "name": "Alice"}))
    assert room.facilitator.events() == [("participants.count", {"participants": 1, "seq": 1})]
    assert alice.events() == [("participants.count", {"participants": 1, "seq": 1})]

    bob = room.connect()
    ack = acked(bob.emit("roundtable.join", {"join_code": room.join_code, "name": "Bob"}))
    expected = [("participants.count", {"participants": 2, "seq": 2})]
    assert room.facilitator.events() == alice.events() == bob.events() == expected

    back = room.connect({"participant_token": ack["participant"]["token"]})
    acked(back.emit("roundtable.join", {"join_code": room.join_code}))
    assert room.heard() == []
    assert room.snapshot()["participants"] == 2
    assert room.snapshot()["seq"] == 2


def test_participant_of_one_roundtable_can_join_another_of_the_same_event(
    room: Room, other_room: Room
) -> None:
    alice = room.participant("Alice")
    member = other_room.connect({"participant_token": alice.token})
    ack = acked(member.emit("roundtable.join", {"join_code": other_room.join_code}))
    assert ack["participant"]["id"] == alice.participant_id
    assert other_room.facilitator.events() == [
        ("participants.count", {"participants": 1, "seq": 1})
    ]
    assert room.heard() == []


def test_participant_token_from_another_event_is_refused(app: Flask, make_room: MakeRoom) -> None:
    here = make_room()
    with app.extensions["facilitation"].db.writing() as db:
        event = Event(slug="elsewhere", title="Another event")
        stream = Stream(event=event, slug="water", title="Water")
        db.add_all([event, stream])
        db.commit()
        stream_id = stream.id
    elsewhere = make_room("Water systems", stream_id=stream_id)
    alice = here.participant("Alice")
    member = elsewhere.connect({"participant_token": alice.token})
    elsewhere.refuses(
        member, "roundtable.join", {"join_code": elsewhere.join_code}, code="forbidden"
    )


def test_staff_signed_in_with_the_cookie_join_with_their_role(
    room: Room, make_staff: Callable[[str], StaffMember]
) -> None:
    rapporteur = make_staff("rapporteur")
    browser = room.app.test_client()
    browser.get("/login")
    with browser.session_transaction() as session:
        csrf = session["csrf"]
    response = browser.post(
        "/login", data={"email": rapporteur.email, "password": rapporteur.password, "csrf": csrf}
    )
    assert response.status_code == 302
    client = room.app.extensions["socketio"].test_client(room.app, flask_test_client=browser)
    ack = acked(client.emit("roundtable.join", {"join_code": room.join_code}, callback=True))
    assert ack["role"] == "rapporteur"


def test_joining_another_roundtable_moves_the_connection_to_its_room(
    room: Room, other_room: Room
) -> None:
    alice = room.participant("Alice")
    acked(alice.emit("roundtable.join", {"join_code": other_room.join_code}))
    assert alice.names() == ["participants.count"]
    acked(room.facilitator.emit("prompt.create", {"text": "Left behind"}))
    assert alice.events() == []
    acked(other_room.facilitator.emit("prompt.create", {"text": "Where she is now"}))
    assert alice.names() == ["prompt.created"]
