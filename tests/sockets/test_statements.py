"""Statements: the facilitator puts statements to the room (participants too, when allowed,
after approval), each participant marks each agree, disagree or pass, the counts are live and
the opinion groups follow, with the consensus and divisive statements."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from flask import Flask

from facilitation.models import utcnow
from facilitation.services.events import Published
from facilitation.services.statements import publish_due_groups
from tests.conftest import acked
from tests.exports.readback import csv_rows, docx_text, html_text, pdf_text
from tests.rooms import Member, Room
from tests.sockets.facilitating import come_back, ideas_by_id, prompt_in, steer


def state(room: Room, **switches: Any) -> tuple[int, list[int]]:
    """A statements prompt with three statements added by the facilitator while a draft."""
    prompt_id = room.prompt("Where do we stand?", kind="statements", **switches)
    said = [
        acked(
            room.facilitator.emit(
                "idea.create", {"prompt_id": prompt_id, "text": text, "client_id": f"s{n}"}
            )
        )["idea"]["id"]
        for n, text in enumerate(("Cars out of the centre", "Free transit", "More parks"))
    ]
    steer(room, "prompt.open", prompt_id=prompt_id)
    room.quiet()
    return prompt_id, said


def cast(member: Member, idea_id: int, opinion: str) -> dict[str, Any]:
    return acked(member.emit("opinion.cast", {"idea_id": idea_id, "opinion": opinion}))


def group_now(app: Flask, seconds: float = 4) -> list[Published]:
    """What the server's background task does once, `seconds` from now: group late opinions."""
    state = app.extensions["facilitation"]
    with app.app_context():
        with state.db.writing() as db:
            events = publish_due_groups(db, now=utcnow() + timedelta(seconds=seconds))
        state.realtime.publish(events)
    return events


def test_staff_statements_are_shown_at_once_and_credited_to_nobody(room: Room) -> None:
    prompt_id, said = state(room)
    alice = room.participant("Alice")
    prompt = prompt_in(come_back(room, alice)["snapshot"], prompt_id)
    statements = ideas_by_id(prompt)
    assert [statements[i]["text"] for i in said] == [
        "Cars out of the centre",
        "Free transit",
        "More parks",
    ]
    assert all(statements[i]["author"] is None for i in said)
    assert statements[said[0]]["opinions"] == {"agree": 0, "disagree": 0, "pass": 0}
    assert prompt["my_opinions"] == {} and prompt["participant_statements"] is False


def test_opinions_are_counted_live_and_can_change(room: Room) -> None:
    prompt_id, [cars, *_] = state(room)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    assert cast(alice, cars, "agree") == {"ok": True, "idea_id": cars, "opinion": "agree"}
    heard = bob.events()
    assert heard[0] == (
        "opinion.tally",
        {
            "idea_id": cars,
            "opinions": {"agree": 1, "disagree": 0, "pass": 0},
            "seq": heard[0][1]["seq"],
        },
    )
    cast(bob, cars, "pass")
    cast(alice, cars, "disagree")
    statement = ideas_by_id(prompt_in(room.snapshot(), prompt_id))[cars]
    assert statement["opinions"] == {"agree": 0, "disagree": 1, "pass": 1}
    assert prompt_in(come_back(room, alice)["snapshot"], prompt_id)["my_opinions"] == {
        str(cars): "disagree"
    }
    room.quiet()
    cast(alice, cars, "disagree")  # the same again: nothing moves
    assert room.heard() == []


def test_the_groups_follow_the_opinions_and_catch_up_with_the_last(room: Room) -> None:
    prompt_id, [cars, transit, parks] = state(room)
    people = [room.participant(f"P{n}") for n in range(10)]
    for n, person in enumerate(people):
        side = "agree" if n < 5 else "disagree"
        other = "disagree" if n < 5 else "agree"
        cast(person, cars, side)
        cast(person, transit, other)
        cast(person, parks, "agree")
    # The first opinion was grouped at once; the later ones wait for the background task.
    [published] = group_now(room.app)
    assert published.name == "results.updated"
    results = published.payload["results"]
    assert results["voters"] == 10
    assert sorted(g["size"] for g in results["groups"]) == [5, 5]
    assert results["consensus"] == [parks]
    assert results["divisive"] == [cars, transit]
    assert group_now(room.app) == []  # nothing new since
    snapshot = prompt_in(room.snapshot(), prompt_id)
    assert snapshot["results"] == results and snapshot["responses"] == 10


def test_hidden_tallies_keep_counts_and_groups_from_participants(room: Room) -> None:
    prompt_id, [cars, *_] = state(room, hide_tallies=True)
    alice = room.participant("Alice")
    cast(alice, cars, "agree")
    public = dict(alice.events())
    staff = dict(room.facilitator.events())
    assert public["opinion.tally"]["opinions"] is None
    assert staff["opinion.tally"]["opinions"] == {"agree": 1, "disagree": 0, "pass": 0}
    assert public["results.updated"]["results"] is None
    assert staff["results.updated"]["results"]["voters"] == 1
    prompt = prompt_in(come_back(room, alice)["snapshot"], prompt_id)
    assert prompt["results"] is None
    assert ideas_by_id(prompt)[cars]["opinions"] is None


def test_participants_propose_statements_only_when_allowed_and_after_approval(room: Room) -> None:
    closed_id, _ = state(room)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    payload = {"prompt_id": closed_id, "text": "Night buses", "client_id": "a1"}
    room.refuses(alice, "idea.create", payload, code="staff_statements")
    open_id, _ = state(room, participant_statements=True)
    proposed = acked(
        alice.emit("idea.create", {"prompt_id": open_id, "text": "Night buses", "client_id": "a2"})
    )["idea"]
    assert proposed["status"] == "pending"
    room.refuses(
        bob,
        "opinion.cast",
        {"idea_id": proposed["id"], "opinion": "agree"},
        code="idea_unavailable",
    )
    steer(room, "idea.approve", idea_id=proposed["id"])
    assert cast(bob, proposed["id"], "agree")["opinion"] == "agree"


def test_refusals(room: Room, other_room: Room) -> None:
    prompt_id, [cars, *_] = state(room)
    alice = room.participant("Alice")
    room.refuses(alice, "opinion.cast", {"idea_id": cars, "opinion": "maybe"}, code="bad_opinion")
    room.refuses(alice, "opinion.cast", {"idea_id": cars}, code="bad_request")
    room.refuses(
        room.facilitator, "opinion.cast", {"idea_id": cars, "opinion": "agree"}, code="forbidden"
    )
    room.refuses(alice, "vote.cast", {"idea_id": cars}, code="wrong_kind")
    brainstorm = room.open_prompt("Ideas")
    idea_id = room.idea(alice, brainstorm, "Shade trees")
    room.refuses(alice, "opinion.cast", {"idea_id": idea_id, "opinion": "agree"}, code="wrong_kind")
    room.refuses(
        room.facilitator,
        "idea.create",
        {"prompt_id": brainstorm, "text": "Mine", "client_id": "f1"},
        code="forbidden",
    )
    elsewhere, _ = state(other_room)
    foreign = ideas_by_id(prompt_in(other_room.snapshot(), elsewhere))
    room.refuses(
        alice,
        "opinion.cast",
        {"idea_id": next(iter(foreign)), "opinion": "agree"},
        code="not_found",
    )
    steer(room, "idea.hide", idea_id=cars)
    room.refuses(
        alice, "opinion.cast", {"idea_id": cars, "opinion": "agree"}, code="idea_unavailable"
    )
    room.close_prompt(prompt_id)
    room.refuses(
        room.facilitator,
        "idea.create",
        {"prompt_id": prompt_id, "text": "Late", "client_id": "f2"},
        code="prompt_closed",
    )


def test_a_closed_prompt_takes_no_opinion(room: Room) -> None:
    prompt_id, [cars, *_] = state(room)
    alice = room.participant("Alice")
    room.close_prompt(prompt_id)
    room.refuses(alice, "opinion.cast", {"idea_id": cars, "opinion": "agree"}, code="prompt_closed")


def test_a_repeated_staff_statement_is_added_once(room: Room) -> None:
    prompt_id = room.prompt("Where do we stand?", kind="statements")
    payload = {"prompt_id": prompt_id, "text": "Free transit", "client_id": "same"}
    first = acked(room.facilitator.emit("idea.create", payload))["idea"]
    room.quiet()
    again = acked(room.facilitator.emit("idea.create", payload))["idea"]
    assert again["id"] == first["id"]
    assert room.heard() == []


def test_every_summary_format_carries_the_counts_and_the_groups(room: Room) -> None:
    prompt_id, [cars, transit, parks] = state(room)
    for n in range(10):
        person = room.participant(f"P{n}")
        cast(person, cars, "agree" if n < 5 else "disagree")
        cast(person, transit, "disagree" if n < 5 else "agree")
        cast(person, parks, "pass" if n == 9 else "agree")  # n = 9 takes too few sides to group
    room.close_prompt(prompt_id)

    def export(fmt: str) -> bytes:
        response = room.get("/export", query_string={"format": fmt})
        assert response.status_code == 200, fmt
        return response.get_data()

    summary = json.loads(export("json"))
    [prompt] = [p for p in summary["prompts"] if p["id"] == prompt_id]
    counts = {i["id"]: (i["agree"], i["disagree"], i["pass"]) for i in prompt["ideas"]}
    assert counts == {cars: (5, 5, 0), transit: (5, 5, 0), parks: (9, 0, 1)}
    results = prompt["results"]
    assert results["voters"] == 10
    assert [g["size"] for g in results["groups"]] == [5, 4]
    assert results["consensus"] == [parks] and results["divisive"] == [cars, transit]

    markdown = export("md").decode()
    assert "10 people gave their opinions. They fall into 2 opinion groups" in markdown
    assert "| Cars out of the centre | 5 | 5 | 0 | divisive |" in markdown
    assert "| More parks | 9 | 0 | 1 | consensus |" in markdown
    assert "Group 1 (5 people)" in markdown
    rows = csv_rows(export("csv"))
    header = rows.index(next(r for r in rows if r and r[0] == "section" and "agree" in r))
    named = [dict(zip(rows[header], r, strict=False)) for r in rows[header + 1 :] if r]
    parks_row = next(
        r for r in named if r["option, value or item"] == "More parks" and not r["group"]
    )
    assert (parks_row["agree"], parks_row["pass"], parks_row["consensus or divisive"]) == (
        "9",
        "1",
        "consensus",
    )
    for text in (html_text(export("html"))[0], pdf_text(export("pdf")), docx_text(export("docx"))):
        assert "More parks" in text and "consensus" in text and "Group 2" in text


def test_catching_up_never_replays_hidden_counts(room: Room) -> None:
    _, [cars, *_] = state(room, hide_tallies=True)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    start = room.snapshot()["seq"]
    cast(alice, cars, "agree")
    replayed = acked(bob.emit("roundtable.sync", {"since_seq": start}))["events"]
    assert {e["type"] for e in replayed} == {"opinion.tally", "results.updated"}
    assert all(e.get("opinions") is None and e.get("results") is None for e in replayed)
    staff = acked(room.facilitator.emit("roundtable.sync", {"since_seq": start}))["events"]
    assert [e["opinions"] for e in staff if e["type"] == "opinion.tally"] == [
        {"agree": 1, "disagree": 0, "pass": 0}
    ]
