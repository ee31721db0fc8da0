"""One client cannot swamp the room: guesses, newcomers and writes are limited per client,
each refusal says when to try again, and the real user is never kept out for long."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.conftest import Clock, acked
from tests.rooms import Member, Room

WRONG_CODE = "ZZZZZZ"


def rate_limited(ack: Any) -> int:
    """The seconds a rate_limited refusal asks the client to wait."""
    assert isinstance(ack, dict) and ack.get("ok") is False, ack
    error = ack["error"]
    assert error["code"] == "rate_limited", ack
    assert "try again in" in error["message"] or "wait" in error["message"], error
    wait: int = error["retry_after"]
    assert isinstance(wait, int) and wait >= 1
    return wait


def join(member: Member, code: str, name: str | None = "Guess") -> Any:
    payload: dict[str, Any] = {"join_code": code}
    if name is not None:
        payload["name"] = name
    return member.emit("roundtable.join", payload)


def test_join_code_guesses_from_one_connection_are_slowed(
    room: Room, limit: Any, clock: Clock
) -> None:
    limit(join_attempts=5)
    guesser = room.connect()
    for _ in range(5):
        assert join(guesser, WRONG_CODE)["error"]["code"] == "not_found"
    wait = rate_limited(join(guesser, WRONG_CODE))
    # Even the right code waits: otherwise the limit would tell a guesser when it hit.
    assert wait == 12 and rate_limited(join(guesser, room.join_code)) == wait
    clock.now += wait
    assert acked(join(guesser, room.join_code))["role"] == "participant"


def test_many_connections_from_one_address_share_its_allowance(room: Room, limit: Any) -> None:
    limit(join_attempts=6)
    guessers = [room.connect() for _ in range(10)]
    answers = [join(guessers[n % 10], WRONG_CODE)["error"]["code"] for n in range(20)]
    assert answers.count("not_found") == 6
    assert answers.count("rate_limited") == 14


def test_joins_that_work_use_up_nothing(room: Room, limit: Any) -> None:
    limit(join_attempts=2)
    for n in range(40):
        acked(join(room.connect(), room.join_code, name=f"Delegate {n}"))
    staff = room.connect({"token": room.staff.token})
    for _ in range(5):
        acked(join(staff, room.join_code, name=None))


def test_a_join_without_a_name_tells_nothing_about_the_code(room: Room) -> None:
    newcomer = room.connect()
    real = join(newcomer, room.join_code, name=None)
    wrong = join(newcomer, WRONG_CODE, name=None)
    assert real == wrong
    assert real["error"]["code"] == "name_required"


def test_new_participants_per_address_are_limited_but_returning_ones_are_not(
    room: Room, limit: Any, clock: Clock
) -> None:
    limit(new_participants=3)
    # A wrong code with a name brings nobody in, so it costs no newcomer's place.
    assert join(room.connect(), WRONG_CODE)["error"]["code"] == "not_found"
    first = [room.participant(f"Delegate {n}") for n in range(3)]
    wait = rate_limited(join(room.connect(), room.join_code, name="Delegate 4"))
    assert wait == 20
    assert room.heard() == []
    assert room.snapshot()["participants"] == 3

    back = room.connect({"participant_token": first[0].token})
    assert acked(join(back, room.join_code, name=None))["participant"]["id"] == (
        first[0].participant_id
    )
    clock.now += wait
    assert acked(join(room.connect(), room.join_code, name="Delegate 4"))["role"] == ("participant")


def test_a_participant_posting_too_fast_is_refused_and_nothing_is_stored(
    room: Room, limit: Any, clock: Clock
) -> None:
    limit(ideas=3)
    prompt_id = room.open_prompt()
    flooder, neighbour = room.participant("Flood"), room.participant("Neighbour")
    for n in range(3):
        room.idea(flooder, prompt_id, f"Idea {n}")
    before = room.snapshot()
    room.quiet()
    payload = {"prompt_id": prompt_id, "text": "One too many", "client_id": "fourth"}
    wait = rate_limited(flooder.emit("idea.create", payload))
    assert wait == 20
    assert room.snapshot() == before and room.heard() == []
    assert flooder.client.is_connected()

    # Others post as usual, the flooder may still vote, and staff are never limited.
    room.idea(neighbour, prompt_id, "Shade the bus stops")
    room.vote(flooder, before["prompts"][0]["ideas"][0]["id"])
    for n in range(10):
        room.prompt(f"Draft {n}")

    clock.now += wait
    acked(flooder.emit("idea.create", payload))
    ideas = room.snapshot()["prompts"][0]["ideas"]
    assert [idea["text"] for idea in ideas].count("One too many") == 1


def test_a_refused_flood_never_takes_the_writers_turn_from_another_roundtable(
    room: Room, other_room: Room, limit: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit(ideas=5)
    flooded_prompt, other_prompt = room.open_prompt(), other_room.open_prompt()
    flooder, neighbour = room.participant("Flood"), other_room.participant("Neighbour")
    db = room.app.extensions["facilitation"].db
    turns: list[str] = []
    writing = db.writing

    def counted() -> Any:
        turns.append("write")
        return writing()

    monkeypatch.setattr(db, "writing", counted)
    answers = [
        flooder.emit(
            "idea.create", {"prompt_id": flooded_prompt, "text": f"Spam {n}", "client_id": f"s{n}"}
        )
        for n in range(50)
    ]
    # Five went in; the other 45 were turned away before the process's single writer.
    assert [a["ok"] for a in answers].count(True) == 5
    assert all(rate_limited(a) for a in answers if not a["ok"])
    assert len(turns) == 5
    other_room.idea(neighbour, other_prompt, "Shade the bus stops")
    assert len(turns) == 6


def test_votes_and_reactions_have_a_looser_limit_of_their_own(
    room: Room, limit: Any, clock: Clock
) -> None:
    limit(writes=4)
    prompt_id = room.open_prompt(votes_per_participant=10)
    authors = [room.participant(f"Author {n}") for n in range(5)]
    voter = room.participant("Voter")
    ideas = [room.idea(author, prompt_id, f"Idea {n}") for n, author in enumerate(authors)]
    for idea_id in ideas[:4]:
        acked(voter.emit("vote.cast", {"idea_id": idea_id}))
    rate_limited(voter.emit("vote.cast", {"idea_id": ideas[4]}))
    rate_limited(voter.emit("vote.retract", {"idea_id": ideas[0]}))
    assert sum(idea["votes"] for idea in room.snapshot()["prompts"][0]["ideas"]) == 4
    acked(authors[0].emit("vote.cast", {"idea_id": ideas[0]}))
    clock.now += 15
    acked(voter.emit("vote.cast", {"idea_id": ideas[4]}))


def test_a_connection_sending_anything_too_fast_is_slowed(room: Room, limit: Any) -> None:
    limit(events=10)
    member = room.participant("Chatty")  # its join was one message
    for _ in range(9):
        acked(member.emit("roundtable.sync", {"since_seq": 0}))
    rate_limited(member.emit("roundtable.sync", {"since_seq": 0}))
    acked(room.participant("Calm").emit("roundtable.sync", {"since_seq": 0}))


def test_wrong_api_tokens_on_connect_are_slowed(
    app: Flask, room: Room, limit: Any, clock: Clock
) -> None:
    limit(logins=3)
    for _ in range(5):  # the right token, again and again, costs nothing
        assert room.connect({"token": room.staff.token}).client.is_connected()
    for _ in range(3):
        assert not room.connect({"token": "rt_guess"}).client.is_connected()
    assert not room.connect({"token": room.staff.token}).client.is_connected()
    clock.now += 20
    assert room.connect({"token": room.staff.token}).client.is_connected()
