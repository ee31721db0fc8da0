"""Prompts: only those who run prompts write, open and close them; the log orders it all."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from facilitation.models import RoomEvent
from facilitation.services import prompts
from facilitation.services.errors import DomainError
from tests.services.conftest import Table, staff_actor


def test_a_prompt_is_written_as_a_draft_then_opened_and_closed(table: Table) -> None:
    view, events = prompts.create_prompt(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        text="Which tool changed your planning?",
        votes_per_participant=5,
    )
    assert (view["status"], view["kind"], view["votes_per_participant"]) == ("draft", "ideas", 5)
    assert [e.name for e in events] == ["prompt.created"]
    assert view["opened_at"] is None
    opened, events = prompts.open_prompt(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=view["id"],
    )
    assert opened["status"] == "open"
    assert opened["opened_at"].endswith("Z")
    assert events[0].name == "prompt.updated"
    closed, _ = prompts.close_prompt(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=view["id"],
    )
    assert closed["status"] == "closed"


def test_opening_an_open_prompt_changes_nothing(table: Table) -> None:
    prompt_id = table.open_prompt()
    _, events = prompts.open_prompt(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
    )
    assert events == []


@pytest.mark.parametrize("role", ["rapporteur"])
def test_only_roles_that_run_prompts_may_write_them(table: Table, role: str) -> None:
    rapporteur = staff_actor(table.session, role)
    assert (
        table.refusal(table.act, prompts.create_prompt, actor=rapporteur, text="Mine")
        == "forbidden"
    )


def test_participants_cannot_run_prompts(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    for change in (prompts.close_prompt, prompts.open_prompt):
        assert table.refusal(table.act, change, actor=ana, prompt_id=prompt_id) == "forbidden"
    with pytest.raises(DomainError):
        prompts.create_prompt(
            table.session, actor=None, roundtable_id=table.roundtable_id, text="Anonymous"
        )


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"text": ""}, "text_empty"),
        ({"text": "ok", "kind": "survey"}, "bad_kind"),
        ({"text": "ok", "votes_per_participant": 0}, "bad_budget"),
        ({"text": "ok", "votes_per_participant": 21}, "bad_budget"),
        ({"text": "<i>x</i>"}, "text_has_markup"),
    ],
)
def test_bad_prompts_are_refused(table: Table, kwargs: dict[str, object], code: str) -> None:
    assert (
        table.refusal(table.act, prompts.create_prompt, actor=table.facilitator, **kwargs) == code
    )


def test_every_logged_change_takes_the_next_sequence_number(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    idea = table.post(ana, prompt_id, "Trees", client_id="t")
    table.vote(ana, idea["id"])
    log = table.session.execute(
        select(RoomEvent.seq, RoomEvent.type)
        .where(RoomEvent.roundtable_id == table.roundtable_id)
        .order_by(RoomEvent.seq)
    ).all()
    assert [seq for seq, _ in log] == list(range(1, len(log) + 1))
    assert [kind for _, kind in log] == [
        "prompt.created",
        "prompt.updated",
        "participants.count",
        "idea.created",
        "vote.tally",
    ]
    for seq, _ in log:
        payload = table.session.scalar(
            select(RoomEvent.payload).where(
                RoomEvent.roundtable_id == table.roundtable_id, RoomEvent.seq == seq
            )
        )
        assert payload is not None and payload["seq"] == seq


def test_the_prompt_opened_last_says_so(table: Table) -> None:
    """The big screen shows the prompt opened last, whatever their order in the agenda."""
    first, second = table.open_prompt(text="First"), table.open_prompt(text="Second")
    for prompt_id in (first, second):
        prompts.close_prompt(
            table.session,
            actor=table.facilitator,
            roundtable_id=table.roundtable_id,
            prompt_id=prompt_id,
        )
    # Reopened in the other order: the first is now the one opened last.
    second_view, _ = prompts.open_prompt(
        table.session, actor=table.facilitator, roundtable_id=table.roundtable_id, prompt_id=second
    )
    first_view, _ = prompts.open_prompt(
        table.session, actor=table.facilitator, roundtable_id=table.roundtable_id, prompt_id=first
    )
    assert datetime.fromisoformat(first_view["opened_at"]) > datetime.fromisoformat(
        second_view["opened_at"]
    )
