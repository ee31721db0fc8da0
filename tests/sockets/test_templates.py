"""Templates over Socket.IO: staff list, save and use them; the prompts a template adds reach
the room as `prompt.created`; everyone else, and every bad payload, is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import StaffMember, acked
from tests.rooms import Member, Room
from tests.sockets.facilitating import WRONG_TEXTS, steer

# What a prompt is set up with, as the facilitator sends it; the template must keep it all.
SETUPS: list[dict[str, Any]] = [
    {"text": "Brainstorm", "phases": True, "votes_per_participant": 5, "private": True},
    {"text": "Open", "late_ideas": True, "hide_tallies": True, "attribution": "anonymous"},
    {"text": "Poll", "kind": "poll", "options": ["Trams", "Buses", "Bikes"], "max_choices": 2},
    {"text": "Scale", "kind": "scale", "scale": {"min": 0, "max": 10}},
    {"text": "Rank", "kind": "ranking", "options": ["Shade", "Water"]},
    {
        "text": "Assess",
        "kind": "assessment",
        "items": ["Guangzhou river park", "Bogotá bike lanes"],
        "criteria": [{"name": "Impact", "weight": 2}, {"name": "Cost"}],
    },
    {"text": "Ask the panel", "kind": "questions", "premoderate": True},
    {"text": "Agree?", "kind": "statements", "attribution": "affiliation"},
]
# The fields of a prompt view that say how it is set up, not what happened to it.
SETUP_FIELDS = (
    "text",
    "kind",
    "status",
    "votes_per_participant",
    "phase",
    "private",
    "hide_tallies",
    "late_ideas",
    "premoderate",
    "attribution_override",
    "timer_seconds",
    "options",
    "max_choices",
    "scale",
    "items",
    "criteria",
)


def setup_of(prompt: dict[str, Any]) -> dict[str, Any]:
    return {name: prompt[name] for name in SETUP_FIELDS if name in prompt}


def test_staff_list_the_shipped_templates(room: Room) -> None:
    ack = acked(room.facilitator.emit("template.list", {}))
    assert [t["slug"] for t in ack["templates"]] == [
        "stream-roundtable",
        "panel-qa",
        "assessment-session",
        "wrap-up",
    ]
    panel = ack["templates"][1]
    assert panel == {
        "id": None,
        "slug": "panel-qa",
        "name": panel["name"],
        "description": panel["description"],
        "prompts": 3,
        "kinds": ["questions", "scale", "poll"],
        "shipped": True,
        "saved_by": None,
        "saved_at": None,
    }


def test_using_a_template_adds_drafts_the_room_hears_about(room: Room) -> None:
    alice = room.participant("Alice")
    room.prompt("Already written")
    ack = acked(room.facilitator.emit("template.use", {"template": "panel-qa"}))
    added = ack["prompts"]
    assert [(p["kind"], p["position"], p["status"]) for p in added] == [
        ("questions", 2, "draft"),
        ("scale", 3, "draft"),
        ("poll", 4, "draft"),
    ]
    heard = alice.events()
    assert [name for name, _ in heard] == ["prompt.created"] * 3
    assert [payload["prompt"]["id"] for _, payload in heard] == [p["id"] for p in added]
    seqs = [payload["seq"] for _, payload in heard]
    assert seqs == list(range(seqs[0], seqs[0] + 3))
    assert [p["id"] for p in room.snapshot()["prompts"]][1:] == [p["id"] for p in added]


def test_a_saved_template_reproduces_the_setup_in_another_roundtable(
    room: Room, make_room: Callable[..., Room]
) -> None:
    made = [room.prompt(**setup) for setup in SETUPS]
    steer(room, "prompt.open", prompt_id=made[0])
    steer(room, "timer.start", prompt_id=made[0], seconds=240)
    saved = acked(room.facilitator.emit("template.save", {"name": "Full day"}))["template"]
    assert saved["prompts"] == len(SETUPS) and saved["shipped"] is False
    assert isinstance(saved["id"], int) and saved["slug"] is None
    other = make_room("Housing for all", staff=room.staff)
    added = acked(other.facilitator.emit("template.use", {"template": saved["id"]}))["prompts"]
    source = room.snapshot()["prompts"]
    # The same setup, each as a new draft: the source's opened brainstorm starts over.
    expected = [{**setup_of(p), "status": "draft"} for p in source]
    assert [setup_of(p) for p in added] == expected
    assert added[0]["phase"] == "collect" and added[0]["timer_seconds"] == 240
    assert [p["kind"] for p in added] == [s.get("kind", "ideas") for s in SETUPS]
    assert [setup_of(p) for p in other.snapshot()["prompts"]] == expected


def test_a_saved_template_is_listed_with_who_saved_it(room: Room) -> None:
    room.prompt("One")
    acked(room.facilitator.emit("template.save", {"name": "Ours", "description": "Short"}))
    listed = acked(room.facilitator.emit("template.list", {}))["templates"]
    ours = listed[-1]
    assert (ours["name"], ours["description"], ours["prompts"]) == ("Ours", "Short", 1)
    assert ours["saved_by"] == "Facilitator" and ours["saved_at"].endswith("Z")
    assert room.heard() == []  # saving and listing tell nobody


def test_deleting_a_saved_template(room: Room) -> None:
    room.prompt("One")
    saved = acked(room.facilitator.emit("template.save", {"name": "Ours"}))["template"]
    ack = acked(room.facilitator.emit("template.delete", {"template": saved["id"]}))
    assert ack["template"]["id"] == saved["id"]
    listed = acked(room.facilitator.emit("template.list", {}))["templates"]
    assert all(t["shipped"] for t in listed)
    room.refuses(room.facilitator, "template.use", {"template": saved["id"]}, code="not_found")


def _members(room: Room, make_staff: Callable[[str], StaffMember]) -> list[Member]:
    return [room.participant("Alice"), room.staff_member(make_staff("rapporteur"))]


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        ("template.list", {}),
        ("template.save", {"name": "Mine"}),
        ("template.use", {"template": "panel-qa"}),
        ("template.delete", {"template": "panel-qa"}),
    ],
)
def test_participants_and_rapporteurs_are_refused(
    room: Room, make_staff: Callable[[str], StaffMember], event: str, payload: dict[str, Any]
) -> None:
    room.prompt("One")
    for member in _members(room, make_staff):
        room.refuses(member, event, payload, code="forbidden")


@pytest.mark.parametrize(
    ("event", "payload", "code"),
    [
        ("template.use", {}, "bad_request"),
        ("template.use", {"template": True}, "bad_request"),
        ("template.use", {"template": 1.5}, "bad_request"),
        ("template.use", {"template": [1]}, "bad_request"),
        ("template.use", {"template": 2**31}, "bad_request"),
        ("template.use", {"template": "no-such-template"}, "not_found"),
        ("template.use", {"template": 12345}, "not_found"),
        ("template.use", "panel-qa", "bad_request"),
        ("template.list", None, "bad_request"),
        ("template.save", {}, "bad_request"),
        ("template.save", {"name": ""}, "text_empty"),
        ("template.save", {"name": "x" * 121}, "text_too_long"),
        ("template.save", {"name": "<i>Mine</i>"}, "text_has_markup"),
        ("template.save", {"name": "Mine", "description": 5}, "bad_request"),
        ("template.save", {"name": "Panel with questions from the floor"}, "template_exists"),
        ("template.delete", {"template": "wrap-up"}, "forbidden"),
    ],
)
def test_bad_payloads_are_refused(room: Room, event: str, payload: Any, code: str) -> None:
    room.prompt("One")
    room.refuses(room.facilitator, event, payload, code=code)


@pytest.mark.parametrize("name", WRONG_TEXTS)
def test_a_name_that_is_not_text_is_refused(room: Room, name: Any) -> None:
    room.prompt("One")
    room.refuses(room.facilitator, "template.save", {"name": name}, code="bad_request")


def test_an_empty_roundtable_saves_no_template(room: Room) -> None:
    room.refuses(room.facilitator, "template.save", {"name": "Nothing"}, code="template_empty")


def test_an_ended_roundtable_takes_no_template(room: Room) -> None:
    steer(room, "roundtable.end")
    room.quiet()
    room.refuses(
        room.facilitator, "template.use", {"template": "wrap-up"}, code="roundtable_closed"
    )
    steer(room, "roundtable.reopen")
    assert (
        len(acked(room.facilitator.emit("template.use", {"template": "wrap-up"}))["prompts"]) == 3
    )


def test_a_french_facilitator_is_refused_in_french(room: Room) -> None:
    room.prompt("One")
    acked(room.facilitator.emit("template.save", {"name": "Ours"}))
    french = room.app.extensions["socketio"].test_client(
        room.app,
        auth={"token": room.staff.token},
        headers={"Accept-Language": "fr"},
    )
    acked(french.emit("roundtable.join", {"join_code": room.join_code}, callback=True))
    ack = french.emit("template.save", {"name": "ours"}, callback=True)
    assert ack == {
        "ok": False,
        "error": {"code": "template_exists", "message": "Un modèle porte déjà ce nom."},
    }
