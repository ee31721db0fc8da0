"""Polls, scales, rankings and assessments over Socket.IO: set up by the facilitator, answered
with `response.submit`, results live to the room (or hidden from it), refusals that store and
emit nothing."""

from __future__ import annotations

from typing import Any

import pytest

from facilitation.services.answers import STARTER_RUBRIC
from tests.conftest import acked
from tests.rooms import Member, Room
from tests.sockets.facilitating import come_back, prompt_in, steer

POLL = {"kind": "poll", "options": ["Trams", "Buses", "Bikes"], "max_choices": 2}
SCALE = {"kind": "scale", "scale": {"min": 0, "max": 10}}
RANKING = {"kind": "ranking", "options": ["Shade", "Water", "Transit", "Housing"]}
ASSESSMENT = {
    "kind": "assessment",
    "items": ["Guangzhou river park", "Bogotá bike lanes"],
    "criteria": [{"name": "Impact", "weight": 2}, {"name": "Cost", "weight": 1}],
}


def answer(member: Member, prompt_id: int, **fields: Any) -> dict[str, Any]:
    return acked(member.emit("response.submit", {"prompt_id": prompt_id, **fields}))


def results(room: Room, prompt_id: int) -> Any:
    return prompt_in(room.snapshot(), prompt_id)["results"]


def test_a_poll_is_set_up_answered_and_counted_live(room: Room) -> None:
    prompt_id = room.open_prompt("How do you get to work?", **POLL)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    ack = answer(alice, prompt_id, choices=[0, 2])
    assert ack == {"ok": True, "prompt_id": prompt_id, "response": {"choices": [0, 2]}}
    heard = bob.events()
    assert [name for name, _ in heard] == ["results.updated"]
    assert heard[0][1]["responses"] == 1
    assert [o["count"] for o in heard[0][1]["results"]["options"]] == [1, 0, 1]
    answer(bob, prompt_id, choices=[0])
    counted = results(room, prompt_id)
    assert counted == {
        "responses": 2,
        "options": [
            {"index": 0, "text": "Trams", "count": 2},
            {"index": 1, "text": "Buses", "count": 0},
            {"index": 2, "text": "Bikes", "count": 1},
        ],
    }


def test_answering_again_replaces_the_answer(room: Room) -> None:
    prompt_id = room.open_prompt("How do you get to work?", **POLL)
    alice = room.participant("Alice")
    answer(alice, prompt_id, choices=[0])
    answer(alice, prompt_id, choices=[1, 2])
    assert [o["count"] for o in results(room, prompt_id)["options"]] == [0, 1, 1]
    assert results(room, prompt_id)["responses"] == 1
    # Coming back, the participant finds its own answer in the snapshot.
    snapshot = come_back(room, alice)["snapshot"]
    assert prompt_in(snapshot, prompt_id)["my_response"] == {"choices": [1, 2]}


def test_the_same_answer_again_changes_and_emits_nothing(room: Room) -> None:
    prompt_id = room.open_prompt("Rate the plan", **SCALE)
    alice = room.participant("Alice")
    answer(alice, prompt_id, value=7)
    seq = room.snapshot()["seq"]
    room.quiet()
    assert answer(alice, prompt_id, value=7)["response"] == {"value": 7}
    assert room.heard() == []
    assert room.snapshot()["seq"] == seq


def test_a_scale_gives_mean_spread_and_distribution(room: Room) -> None:
    prompt_id = room.open_prompt("The plan is ambitious enough", **SCALE)
    for name, value in (("Alice", 10), ("Bob", 6), ("Chen", 8)):
        answer(room.person(name), prompt_id, value=value)
    rated = results(room, prompt_id)
    assert rated["responses"] == 3
    assert rated["mean"] == pytest.approx(8.0)
    assert rated["stdev"] == pytest.approx((8 / 3) ** 0.5)
    assert rated["distribution"] == {str(v): int(v in (6, 8, 10)) for v in range(11)}


def test_a_ranking_is_counted_by_borda_with_partial_ballots(room: Room) -> None:
    prompt_id = room.open_prompt("What comes first?", **RANKING)
    answer(room.person("Alice"), prompt_id, order=[2, 0, 1, 3])
    answer(room.person("Bob"), prompt_id, order=[0])  # ranks one, leaves the others out
    ranked = {o["text"]: (o["borda"], o["rank"]) for o in results(room, prompt_id)["options"]}
    assert ranked == {"Shade": (2 + 3, 1), "Water": (1, 3), "Transit": (3, 2), "Housing": (0, 4)}


def test_an_assessment_merges_scores_and_weighs_criteria(room: Room) -> None:
    prompt_id = room.open_prompt("Score the initiatives", **ASSESSMENT)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    answer(alice, prompt_id, scores=[{"item": 0, "criterion": 0, "value": 5}])
    ack = answer(
        alice, prompt_id, scores=[{"item": 0, "criterion": 1, "value": 2, "comment": "Costly"}]
    )
    assert ack["response"]["scores"] == [
        {"item": 0, "criterion": 0, "value": 5, "comment": ""},
        {"item": 0, "criterion": 1, "value": 2, "comment": "Costly"},
    ]
    answer(bob, prompt_id, scores=[{"item": 0, "criterion": 0, "value": 3}])
    assessed = results(room, prompt_id)
    first = assessed["items"][0]
    assert [c["mean"] for c in first["criteria"]] == [4.0, 2.0]
    assert first["score"] == pytest.approx((2 * 4 + 1 * 2) / 3)
    assert first["rank"] == 1 and assessed["items"][1]["rank"] is None
    # Staff read the comments, without a name; participants do not.
    assert assessed["comments"] == [{"item": 0, "criterion": 1, "text": "Costly"}]
    public = prompt_in(come_back(room, bob)["snapshot"], prompt_id)["results"]
    assert "comments" not in public
    assert all(
        "comments" not in heard["results"] for name, heard in bob.events() if heard.get("results")
    )


def test_an_assessment_without_criteria_starts_from_the_starter_rubric(room: Room) -> None:
    prompt_id = room.prompt("Score the initiatives", kind="assessment", items=["A", "B"])
    prompt = prompt_in(room.snapshot(), prompt_id)
    assert [c["name"] for c in prompt["criteria"]] == [c.name for c in STARTER_RUBRIC]
    assert prompt["scale"] == {"min": 1, "max": 5}


def test_hidden_results_reach_staff_only_until_the_prompt_closes(room: Room) -> None:
    prompt_id = room.open_prompt("How do you get to work?", hide_tallies=True, **POLL)
    alice = room.participant("Alice")
    answer(alice, prompt_id, choices=[1])
    public = [p for name, p in alice.events() if name == "results.updated"]
    staff = [p for name, p in room.facilitator.events() if name == "results.updated"]
    assert public[0]["results"] is None and public[0]["responses"] == 1
    assert staff[0]["results"]["options"][1]["count"] == 1
    assert prompt_in(come_back(room, alice)["snapshot"], prompt_id)["results"] is None
    room.quiet()
    steer(room, "prompt.close", prompt_id=prompt_id)
    [(name, closed)] = alice.events()
    assert name == "prompt.updated"
    assert closed["prompt"]["results"]["options"][1]["count"] == 1


REFUSALS = [
    (POLL, {"choices": [3]}, "bad_index"),
    (POLL, {"choices": [-1]}, "bad_index"),
    (POLL, {"choices": [True]}, "bad_index"),
    (POLL, {"choices": [0, 1, 2]}, "too_many_choices"),
    (POLL, {"choices": [1, 1]}, "duplicate_choice"),
    (POLL, {"choices": []}, "no_choice"),
    (POLL, {"choices": "0"}, "bad_request"),
    (POLL, {"value": 1}, "bad_request"),
    (POLL, {}, "bad_request"),
    (SCALE, {"value": 11}, "off_scale"),
    (SCALE, {"value": -1}, "off_scale"),
    (SCALE, {"value": 2.5}, "off_scale"),
    (RANKING, {"order": [0, 2, 0]}, "duplicate_choice"),
    (RANKING, {"order": [4]}, "bad_index"),
    (ASSESSMENT, {"scores": [{"item": 2, "criterion": 0, "value": 3}]}, "bad_index"),
    (ASSESSMENT, {"scores": [{"item": 0, "criterion": 2, "value": 3}]}, "bad_index"),
    (ASSESSMENT, {"scores": [{"item": 0, "criterion": 0, "value": 6}]}, "off_scale"),
    (
        ASSESSMENT,
        {"scores": [{"item": 0, "criterion": 0, "value": 3}] * 2},
        "duplicate_choice",
    ),
    (
        ASSESSMENT,
        {"scores": [{"item": 0, "criterion": 0, "value": 3, "comment": "<b>x</b>"}]},
        "text_has_markup",
    ),
]


@pytest.mark.parametrize(("setup", "fields", "code"), REFUSALS)
def test_a_bad_answer_is_refused_and_changes_nothing(
    room: Room, setup: dict[str, Any], fields: dict[str, Any], code: str
) -> None:
    prompt_id = room.open_prompt("Answer this", **setup)
    alice = room.participant("Alice")
    room.refuses(alice, "response.submit", {"prompt_id": prompt_id, **fields}, code=code)


def test_a_closed_prompt_takes_no_answer(room: Room) -> None:
    prompt_id = room.open_prompt("How do you get to work?", **POLL)
    alice = room.participant("Alice")
    answer(alice, prompt_id, choices=[0])
    room.close_prompt(prompt_id)
    room.refuses(
        alice, "response.submit", {"prompt_id": prompt_id, "choices": [1]}, code="prompt_closed"
    )
    draft = room.prompt("Not yet", **POLL)
    room.refuses(
        alice, "response.submit", {"prompt_id": draft, "choices": [1]}, code="prompt_closed"
    )


def test_another_roundtables_prompt_does_not_exist_here(room: Room, other_room: Room) -> None:
    elsewhere = other_room.open_prompt("Elsewhere", **POLL)
    alice = room.participant("Alice")
    room.refuses(
        alice, "response.submit", {"prompt_id": elsewhere, "choices": [0]}, code="not_found"
    )


def test_staff_do_not_answer(room: Room) -> None:
    prompt_id = room.open_prompt("How do you get to work?", **POLL)
    room.refuses(
        room.facilitator,
        "response.submit",
        {"prompt_id": prompt_id, "choices": [0]},
        code="forbidden",
    )


def test_an_ideas_prompt_takes_no_answer(room: Room) -> None:
    prompt_id = room.open_prompt("Ideas please")
    alice = room.participant("Alice")
    room.refuses(
        alice, "response.submit", {"prompt_id": prompt_id, "choices": [0]}, code="wrong_kind"
    )


SETUP_REFUSALS = [
    ({"kind": "poll"}, "bad_request"),
    ({"kind": "poll", "options": ["Only one"]}, "bad_options"),
    ({"kind": "poll", "options": ["Same", "same"]}, "bad_options"),
    ({"kind": "poll", "options": ["A", "B"], "max_choices": 3}, "bad_max_choices"),
    ({"kind": "poll", "options": ["A", "B"], "items": ["X"]}, "bad_request"),
    ({"kind": "scale", "scale": {"min": 2, "max": 5}}, "bad_scale"),
    ({"kind": "scale", "scale": {"min": 0, "max": 11}}, "bad_scale"),
    ({"kind": "ranking", "options": ["A"] * 21}, "bad_options"),
    ({"kind": "assessment"}, "bad_request"),
    ({"kind": "assessment", "items": ["A"], "criteria": []}, "bad_criteria"),
    (
        {"kind": "assessment", "items": ["A"], "criteria": [{"name": "X", "weight": 0}]},
        "bad_criteria",
    ),
    ({"kind": "ideas", "options": ["A", "B"]}, "bad_request"),
    ({"kind": "poll", "options": ["A", "B"], "phases": True}, "bad_request"),
    ({"kind": "survey"}, "bad_kind"),
]


@pytest.mark.parametrize(("fields", "code"), SETUP_REFUSALS)
def test_a_prompt_set_up_wrongly_is_refused(room: Room, fields: dict[str, Any], code: str) -> None:
    room.refuses(room.facilitator, "prompt.create", {"text": "Answer this", **fields}, code=code)


def test_a_drafts_setup_can_change_until_it_opens(room: Room) -> None:
    prompt_id = room.prompt("How do you get to work?", **POLL)
    ack = steer(room, "prompt.update", prompt_id=prompt_id, options=["Walk", "Ride"])
    assert ack["prompt"]["options"] == ["Walk", "Ride"]
    assert ack["prompt"]["max_choices"] == 1  # new options: one choice again unless told
    steer(room, "prompt.open", prompt_id=prompt_id)
    room.refuses(
        room.facilitator,
        "prompt.update",
        {"prompt_id": prompt_id, "options": ["A", "B"]},
        code="prompt_not_draft",
    )


def test_catching_up_never_replays_hidden_results_or_comments(room: Room) -> None:
    prompt_id = room.open_prompt("Score the initiatives", hide_tallies=True, **ASSESSMENT)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    start = room.snapshot()["seq"]
    score = {"item": 0, "criterion": 0, "value": 4, "comment": "Alice's note"}
    answer(alice, prompt_id, scores=[score])
    [replayed] = acked(bob.emit("roundtable.sync", {"since_seq": start}))["events"]
    assert replayed["type"] == "results.updated" and replayed["results"] is None
    [staff] = acked(room.facilitator.emit("roundtable.sync", {"since_seq": start}))["events"]
    assert staff["results"]["comments"] == [{"item": 0, "criterion": 0, "text": "Alice's note"}]
    steer(room, "prompt.configure", prompt_id=prompt_id, hide_tallies=False)
    answer(alice, prompt_id, scores=[{**score, "value": 5}])
    replays = acked(bob.emit("roundtable.sync", {"since_seq": start}))["events"]
    shown = [e for e in replays if e["type"] == "results.updated"][-1]
    assert shown["results"]["items"][0]["score"] == 5
    assert "Alice's note" not in str(replays)
