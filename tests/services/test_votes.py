"""Dot votes: budgets per prompt, one vote per idea, taking a vote back."""

from __future__ import annotations

import pytest

from facilitation.services import ideas, prompts, votes
from facilitation.services.errors import DomainError
from tests.services.conftest import Table


def _idea(table: Table, author, prompt_id: int, text: str) -> int:  # type: ignore[no-untyped-def]
    view, _ = ideas.create_idea(
        table.session,
        actor=author,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
        text=text,
        client_id=text,
    )
    return int(view["id"])


def test_votes_count_down_the_budget_and_tally_the_idea(table: Table) -> None:
    prompt_id = table.open_prompt(budget=3)
    ana, ben = table.join("Ana"), table.join("Ben")
    first = _idea(table, ana, prompt_id, "Shade trees")
    left, events = votes.cast_vote(
        table.session, actor=ben, roundtable_id=table.roundtable_id, idea_id=first
    )
    assert left == 2
    assert [(e.name, e.payload["idea_id"], e.payload["votes"]) for e in events] == [
        ("vote.tally", first, 1)
    ]


def test_vote_over_budget_is_refused(table: Table) -> None:
    prompt_id = table.open_prompt(budget=2)
    ana, ben = table.join("Ana"), table.join("Ben")
    ids = [_idea(table, ana, prompt_id, f"Idea {n}") for n in range(3)]
    for idea_id in ids[:2]:
        votes.cast_vote(
            table.session, actor=ben, roundtable_id=table.roundtable_id, idea_id=idea_id
        )
    with pytest.raises(DomainError) as refused:
        votes.cast_vote(table.session, actor=ben, roundtable_id=table.roundtable_id, idea_id=ids[2])
    assert refused.value.code == "over_budget"
    table.session.rollback()
    assert (
        votes.votes_used(table.session, participant_id=ben.participant_id or 0, prompt_id=prompt_id)
        == 2
    )


def test_a_second_vote_on_the_same_idea_is_refused(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    idea_id = _idea(table, ana, prompt_id, "Cool roofs")
    votes.cast_vote(table.session, actor=ana, roundtable_id=table.roundtable_id, idea_id=idea_id)
    with pytest.raises(DomainError) as refused:
        votes.cast_vote(
            table.session, actor=ana, roundtable_id=table.roundtable_id, idea_id=idea_id
        )
    assert refused.value.code == "already_voted"


def test_retracting_a_vote_gives_it_back(table: Table) -> None:
    prompt_id = table.open_prompt(budget=1)
    ana = table.join("Ana")
    one, two = _idea(table, ana, prompt_id, "One"), _idea(table, ana, prompt_id, "Two")
    votes.cast_vote(table.session, actor=ana, roundtable_id=table.roundtable_id, idea_id=one)
    left, events = votes.retract_vote(
        table.session, actor=ana, roundtable_id=table.roundtable_id, idea_id=one
    )
    assert left == 1
    assert events[0].payload["votes"] == 0
    left, _ = votes.cast_vote(
        table.session, actor=ana, roundtable_id=table.roundtable_id, idea_id=two
    )
    assert left == 0


def test_retracting_without_a_vote_is_refused(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    idea_id = _idea(table, ana, prompt_id, "Cool roofs")
    with pytest.raises(DomainError) as refused:
        votes.retract_vote(
            table.session, actor=ana, roundtable_id=table.roundtable_id, idea_id=idea_id
        )
    assert refused.value.code == "not_voted"


def test_budgets_are_per_prompt(table: Table) -> None:
    first = table.open_prompt("First question", budget=1)
    second = table.open_prompt("Second question", budget=1)
    ana = table.join("Ana")
    a = _idea(table, ana, first, "On the first")
    b = _idea(table, ana, second, "On the second")
    assert (
        votes.cast_vote(table.session, actor=ana, roundtable_id=table.roundtable_id, idea_id=a)[0]
        == 0
    )
    assert (
        votes.cast_vote(table.session, actor=ana, roundtable_id=table.roundtable_id, idea_id=b)[0]
        == 0
    )


def test_no_voting_on_a_closed_prompt(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    idea_id = _idea(table, ana, prompt_id, "Cool roofs")
    prompts.close_prompt(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
    )
    with pytest.raises(DomainError) as refused:
        votes.cast_vote(
            table.session, actor=ana, roundtable_id=table.roundtable_id, idea_id=idea_id
        )
    assert refused.value.code == "prompt_closed"


def test_staff_cannot_vote(table: Table) -> None:
    prompt_id = table.open_prompt()
    idea_id = _idea(table, table.join("Ana"), prompt_id, "Cool roofs")
    with pytest.raises(DomainError) as refused:
        votes.cast_vote(
            table.session,
            actor=table.facilitator,
            roundtable_id=table.roundtable_id,
            idea_id=idea_id,
        )
    assert refused.value.code == "forbidden"
