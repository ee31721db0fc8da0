"""Roundtables: join codes, joining and coming back, catching up, who may read."""

from __future__ import annotations

import pytest

from facilitation.services import roundtables
from facilitation.services.actors import Actor
from facilitation.services.roundtables import JOIN_CODE_ALPHABET
from tests.services.conftest import Table, staff_actor


def test_join_codes_are_six_unambiguous_letters(table: Table) -> None:
    codes = {
        roundtables.create_roundtable(
            table.session, actor=table.facilitator, title=f"T{n}"
        ).join_code
        for n in range(30)
    }
    assert len(codes) == 30
    for code in codes:
        assert len(code) == 6
        assert set(code) <= set(JOIN_CODE_ALPHABET)
    assert not set("IO01L") & set(JOIN_CODE_ALPHABET)


def test_a_join_code_is_read_forgivingly(table: Table) -> None:
    messy = f" {table.join_code[:3].lower()}-{table.join_code[3:]} "
    assert roundtables.find_by_code(table.session, messy).id == table.roundtable_id


def test_rapporteurs_cannot_create_roundtables(table: Table) -> None:
    rapporteur = staff_actor(table.session, "rapporteur")
    assert (
        table.refusal(roundtables.create_roundtable, table.session, actor=rapporteur, title="Mine")
        == "forbidden"
    )


def test_a_newcomer_needs_a_name(table: Table) -> None:
    assert (
        table.refusal(
            roundtables.join_roundtable, table.session, actor=None, join_code=table.join_code
        )
        == "name_required"
    )


def test_joining_counts_the_room_once_per_person(table: Table) -> None:
    first = roundtables.join_roundtable(
        table.session, actor=None, join_code=table.join_code, name="Ana", affiliation="Lisbon"
    )
    assert first.role == "participant"
    assert [(e.name, e.payload["participants"]) for e in first.events] == [
        ("participants.count", 1)
    ]
    assert first.participant is not None
    back = roundtables.join_roundtable(
        table.session, actor=Actor.participant(first.participant.id), join_code=table.join_code
    )
    assert back.participant is not None and back.participant.id == first.participant.id
    assert back.events == []
    assert back.snapshot["participants"] == 1


def test_a_returning_participant_sees_its_own_votes(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    idea = table.post(ana, prompt_id, "Trees", client_id="t")
    table.vote(ana, idea["id"])
    back = roundtables.join_roundtable(table.session, actor=ana, join_code=table.join_code)
    (prompt,) = back.snapshot["prompts"]
    assert prompt["my_votes"] == [idea["id"]]
    assert prompt["ideas"][0]["votes"] == 1


def test_staff_join_with_their_role_and_are_not_counted(table: Table) -> None:
    joined = roundtables.join_roundtable(
        table.session, actor=table.facilitator, join_code=table.join_code
    )
    assert (joined.role, joined.participant, joined.events) == ("facilitator", None, [])
    assert joined.snapshot["participants"] == 0


def test_a_participant_of_another_event_cannot_come_back_here(table: Table) -> None:
    from facilitation.models import Event, Participant

    other_event = Event(slug="other", title="Other event")
    table.session.add(other_event)
    table.session.flush()
    stranger = Participant(event_id=other_event.id, name="Stranger")
    table.session.add(stranger)
    table.session.commit()
    assert (
        table.refusal(
            roundtables.join_roundtable,
            table.session,
            actor=Actor.participant(stranger.id),
            join_code=table.join_code,
        )
        == "forbidden"
    )


def test_sync_returns_exactly_what_was_missed(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    joined_at = roundtables.join_roundtable(table.session, actor=ana, join_code=table.join_code).seq
    for n in range(3):
        table.post(ana, prompt_id, f"Idea {n}", client_id=f"c{n}")
    caught_up = roundtables.sync(
        table.session, actor=ana, roundtable_id=table.roundtable_id, since_seq=joined_at
    )
    events = caught_up["events"]
    assert [e["seq"] for e in events] == [joined_at + 1, joined_at + 2, joined_at + 3]
    assert {e["type"] for e in events} == {"idea.created"}
    assert [e["idea"]["text"] for e in events] == ["Idea 0", "Idea 1", "Idea 2"]
    assert roundtables.sync(
        table.session, actor=ana, roundtable_id=table.roundtable_id, since_seq=joined_at + 3
    ) == {"events": []}


def test_sync_sends_a_snapshot_when_too_far_behind(
    table: Table, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(roundtables, "SYNC_LIMIT", 2)
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    for n in range(3):
        table.post(ana, prompt_id, f"Idea {n}", client_id=f"c{n}")
    caught_up = roundtables.sync(
        table.session, actor=ana, roundtable_id=table.roundtable_id, since_seq=0
    )
    assert caught_up["seq"] == 6
    assert len(caught_up["snapshot"]["prompts"][0]["ideas"]) == 3


def test_only_members_and_staff_may_sync(table: Table) -> None:
    other = roundtables.create_roundtable(table.session, actor=table.facilitator, title="Other")
    outsider = roundtables.join_roundtable(
        table.session, actor=None, join_code=other.join_code, name="Olu"
    ).participant
    assert outsider is not None
    assert (
        table.refusal(
            table.act, roundtables.sync, actor=Actor.participant(outsider.id), since_seq=0
        )
        == "forbidden"
    )
    rapporteur = staff_actor(table.session, "rapporteur")
    assert roundtables.sync(
        table.session, actor=rapporteur, roundtable_id=table.roundtable_id, since_seq=0
    ) == {"events": []}
