"""Attribution: named, by affiliation or anonymous, per roundtable with a per-prompt override."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import acked
from tests.rooms import NO_PAYLOAD, Member, Room
from tests.sockets.facilitating import (
    come_back,
    post,
    prompt_in,
    staff_join,
    steer,
)

SHOWN = {
    "named": ("Alice", "Lisbon"),
    "affiliation": (None, "Lisbon"),
    "anonymous": (None, None),
}


def with_idea(room: Room, **options: Any) -> tuple[int, Member, Member]:
    """An open prompt with an idea by Alice from Lisbon; and Bob, who watches."""
    prompt_id = room.open_prompt(**options)
    alice = room.participant("Alice", affiliation="Lisbon")
    bob = room.participant("Bob")
    post(room, alice, prompt_id, "Open data")
    room.quiet()
    return prompt_id, alice, bob


def shown(idea: dict[str, Any]) -> tuple[str | None, str | None]:
    return idea["author"], idea["affiliation"]


def mentions(value: Any, key: str) -> bool:
    """Whether `key` appears anywhere in a JSON-like value."""
    if isinstance(value, dict):
        return key in value or any(mentions(v, key) for v in value.values())
    if isinstance(value, list | tuple):
        return any(mentions(v, key) for v in value)
    return False


def export(room: Room, fmt: str) -> bytes:
    response = room.app.test_client().get(
        f"/api/roundtables/{room.roundtable_id}/export?format={fmt}", headers=room.staff.headers
    )
    assert response.status_code == 200
    return response.data


def test_a_roundtable_is_named_by_default(room: Room) -> None:
    alice = room.participant("Alice")
    assert alice.joined["snapshot"]["roundtable"]["attribution"] == "named"
    assert room.snapshot()["roundtable"]["attribution"] == "named"


def test_anonymity_is_announced_then_each_prompt_that_follows_the_roundtable_is_updated(
    room: Room,
) -> None:
    follows, alice, bob = with_idea(room)
    own = room.open_prompt("Own rules", attribution="named")
    post(room, alice, own, "Named anyway")
    draft = room.prompt("Later")
    room.quiet()

    ack = steer(room, "roundtable.configure", attribution="anonymous")
    assert ack["roundtable"]["attribution"] == "anonymous"
    assert ack["roundtable"]["id"] == room.roundtable_id

    last = room.snapshot()["seq"]
    staff_heard, bob_heard = room.facilitator.events(), bob.events()
    for heard in (staff_heard, bob_heard):
        assert [(name, payload["seq"]) for name, payload in heard] == [
            ("roundtable.updated", last - 2),
            ("prompt.updated", last - 1),
            ("prompt.updated", last),
        ]
        assert heard[0][1]["roundtable"] == ack["roundtable"]
        assert [payload["prompt"]["id"] for _, payload in heard[1:]] == [follows, draft]
        [idea] = heard[1][1]["prompt"]["ideas"]
        assert shown(idea) == (None, None)
        assert heard[1][1]["prompt"]["attribution"] == "anonymous"
    assert staff_heard[1][1]["prompt"]["ideas"][0]["author_id"] == alice.participant_id
    assert "author_id" not in bob_heard[1][1]["prompt"]["ideas"][0]
    assert alice.events() == bob_heard


@pytest.mark.parametrize("attribution", ["affiliation", "anonymous"])
def test_attribution_applies_to_every_audience(room: Room, attribution: str) -> None:
    prompt_id, alice, bob = with_idea(room)
    steer(room, "roundtable.configure", attribution=attribution)
    expected = SHOWN[attribution]
    for snapshot in (
        room.snapshot(),
        staff_join(room)["snapshot"],
        come_back(room, alice)["snapshot"],
        come_back(room, bob)["snapshot"],
    ):
        [idea] = prompt_in(snapshot, prompt_id)["ideas"]
        assert shown(idea) == expected
        assert snapshot["roundtable"]["attribution"] == attribution


@pytest.mark.parametrize("attribution", ["named", "affiliation", "anonymous"])
def test_new_ideas_are_attributed_as_the_roundtable_says(room: Room, attribution: str) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice", affiliation="Lisbon")
    bob = room.participant("Bob")
    if attribution != "named":
        steer(room, "roundtable.configure", attribution=attribution)
        room.quiet()
    idea = post(room, alice, prompt_id, "Open data")
    assert shown(idea) == SHOWN[attribution]
    assert (idea["mine"], "author_id" in idea) == (True, False)
    [(_, bob_heard)] = bob.events()
    [(_, staff_heard)] = room.facilitator.events()
    assert shown(bob_heard["idea"]) == shown(staff_heard["idea"]) == SHOWN[attribution]
    assert staff_heard["idea"]["author_id"] == alice.participant_id
    assert "author_id" not in bob_heard["idea"]


@pytest.mark.parametrize(
    ("attribution", "author"), [("named", "Alice"), ("affiliation", None), ("anonymous", None)]
)
def test_the_json_export_follows_the_attribution(
    room: Room, attribution: str, author: str | None
) -> None:
    prompt_id, _, _ = with_idea(room)
    steer(room, "roundtable.configure", attribution=attribution)
    summary = json.loads(export(room, "json"))
    [prompt] = [p for p in summary["prompts"] if p["id"] == prompt_id]
    assert prompt["attribution"] == attribution
    [idea] = prompt["ideas"]
    assert (idea["author"], idea["affiliation"]) == (author, SHOWN[attribution][1])
    assert ("Alice" in export(room, "md").decode()) is (author is not None)


def test_a_prompt_of_its_own_keeps_its_attribution(room: Room) -> None:
    prompt_id, _, bob = with_idea(room, attribution="named")
    steer(room, "roundtable.configure", attribution="anonymous")
    assert bob.names() == ["roundtable.updated"]
    prompt = prompt_in(room.snapshot(), prompt_id)
    assert (prompt["attribution"], prompt["attribution_override"]) == ("named", "named")
    assert shown(prompt["ideas"][0]) == ("Alice", "Lisbon")


def test_a_prompt_may_be_made_anonymous_in_a_named_roundtable(room: Room) -> None:
    prompt_id, _, bob = with_idea(room)
    ack = steer(room, "prompt.configure", prompt_id=prompt_id, attribution="anonymous")
    prompt = ack["prompt"]
    assert (prompt["attribution"], prompt["attribution_override"]) == ("anonymous", "anonymous")
    assert shown(prompt["ideas"][0]) == (None, None)
    [(_, staff_heard)] = room.facilitator.events()
    [(_, bob_heard)] = bob.events()
    assert staff_heard == {"prompt": prompt, "seq": room.snapshot()["seq"]}
    assert bob_heard["seq"] == staff_heard["seq"]
    assert shown(bob_heard["prompt"]["ideas"][0]) == (None, None)


def test_a_prompt_created_by_affiliation_shows_only_where_people_are_from(room: Room) -> None:
    ack = steer(room, "prompt.create", text="Where?", attribution="affiliation")
    assert (ack["prompt"]["attribution"], ack["prompt"]["attribution_override"]) == (
        "affiliation",
        "affiliation",
    )
    prompt_id = ack["prompt"]["id"]
    steer(room, "prompt.open", prompt_id=prompt_id)
    alice = room.participant("Alice", affiliation="Lisbon")
    assert shown(post(room, alice, prompt_id, "Ferries")) == (None, "Lisbon")


def test_attribution_null_returns_a_prompt_to_its_roundtables(room: Room) -> None:
    prompt_id, _, bob = with_idea(room, attribution="named")
    steer(room, "roundtable.configure", attribution="anonymous")
    room.quiet()
    ack = steer(room, "prompt.configure", prompt_id=prompt_id, attribution=None)
    prompt = ack["prompt"]
    assert (prompt["attribution"], prompt["attribution_override"]) == ("anonymous", None)
    [(_, bob_heard)] = bob.events()
    assert shown(bob_heard["prompt"]["ideas"][0]) == (None, None)
    assert bob_heard["prompt"]["attribution_override"] is None


def test_attribution_null_on_a_prompt_without_its_own_changes_nothing(room: Room) -> None:
    prompt_id, _, _ = with_idea(room)
    before = room.snapshot()
    ack = steer(room, "prompt.configure", prompt_id=prompt_id, attribution=None)
    assert ack["prompt"]["attribution_override"] is None
    assert room.snapshot() == before
    assert room.heard() == []


def test_choosing_the_attribution_a_roundtable_already_has_changes_nothing(room: Room) -> None:
    with_idea(room)
    before = room.snapshot()
    assert (
        steer(room, "roundtable.configure", attribution="named")["roundtable"]
        == (before["roundtable"])
    )
    assert room.snapshot() == before
    assert room.heard() == []


def test_participants_never_receive_author_ids(room: Room) -> None:
    prompt_id, alice, bob = with_idea(room, private=True, hide_tallies=True)
    post(room, bob, prompt_id, "Bike lanes")
    steer(room, "roundtable.configure", attribution="affiliation")
    steer(room, "prompt.configure", prompt_id=prompt_id, attribution="named")
    steer(room, "prompt.reveal", prompt_id=prompt_id)
    steer(room, "prompt.close", prompt_id=prompt_id)
    heard = alice.events() + bob.events()
    assert heard
    synced = acked(alice.emit("roundtable.sync", {"since_seq": 0}))
    for seen in (heard, synced, come_back(room, alice), come_back(room, bob)):
        assert not mentions(seen, "author_id"), seen
    assert mentions(room.snapshot(), "author_id")


def test_anonymity_still_allows_one_budget_per_person(room: Room) -> None:
    prompt_id = room.open_prompt(attribution="anonymous", votes_per_participant=1)
    author, alice = room.participant("Author"), room.participant("Alice")
    first = post(room, author, prompt_id, "One")["id"]
    second = post(room, author, prompt_id, "Two")["id"]
    assert acked(alice.emit("vote.cast", {"idea_id": first}))["votes_left"] == 0
    room.refuses(alice, "vote.cast", {"idea_id": first}, code="already_voted")
    room.refuses(alice, "vote.cast", {"idea_id": second}, code="over_budget")
    again = room.connect({"participant_token": alice.token})
    acked(again.emit("roundtable.join", {"join_code": room.join_code}))
    room.refuses(again, "vote.cast", {"idea_id": second}, code="over_budget")


@pytest.mark.parametrize("attribution", ["hidden", "", "Named", "pseudonymous", " anonymous"])
def test_an_unknown_attribution_is_refused_everywhere(room: Room, attribution: str) -> None:
    prompt_id = room.open_prompt()
    code = "bad_attribution"
    room.refuses(room.facilitator, "roundtable.configure", {"attribution": attribution}, code=code)
    payload = {"prompt_id": prompt_id, "attribution": attribution}
    room.refuses(room.facilitator, "prompt.configure", payload, code=code)
    payload = {"text": "Q", "attribution": attribution}
    room.refuses(room.facilitator, "prompt.create", payload, code=code)


def test_an_attribution_that_is_not_text_is_refused(room: Room) -> None:
    prompt_id = room.open_prompt()
    for attribution in (1, True, ["named"], {"mode": "named"}):
        room.refuses(
            room.facilitator,
            "roundtable.configure",
            {"attribution": attribution},
            code="bad_request",
        )
        payload = {"prompt_id": prompt_id, "attribution": attribution}
        room.refuses(room.facilitator, "prompt.configure", payload, code="bad_request")
        payload = {"text": "Q", "attribution": attribution}
        room.refuses(room.facilitator, "prompt.create", payload, code="bad_request")


def test_roundtable_configure_needs_an_attribution(room: Room) -> None:
    for payload in (NO_PAYLOAD, None, [], "anonymous", {}, {"attribution": None}):
        room.refuses(room.facilitator, "roundtable.configure", payload, code="bad_request")
