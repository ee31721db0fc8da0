"""Dot votes: budgets per prompt, one vote per idea, taking a vote back."""

from __future__ import annotations

from facilitation.services import prompts, votes
from tests.services.conftest import Table


def test_votes_count_down_the_budget_and_tally_the_idea(table: Table) -> None:
    prompt_id = table.open_prompt(budget=3)
    ana, ben = table.join("Ana"), table.join("Ben")
    first = table.post(ana, prompt_id, "Shade trees")["id"]
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
    ids = [table.post(ana, prompt_id, f"Idea {n}")["id"] for n in range(3)]
    for idea_id in ids[:2]:
        table.vote(ben, idea_id)
    assert table.refusal(table.vote, ben, ids[2]) == "over_budget"
    assert (
        votes.votes_used(table.session, participant_id=ben.participant_id or 0, prompt_id=prompt_id)
        == 2
    )


def test_a_second_vote_on_the_same_idea_is_refused(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    idea_id = table.post(ana, prompt_id, "Cool roofs")["id"]
    table.vote(ana, idea_id)
    assert table.refusal(table.vote, ana, idea_id) == "already_voted"


def test_retracting_a_vote_gives_it_back(table: Table) -> None:
    prompt_id = table.open_prompt(budget=1)
    ana = table.join("Ana")
    one, two = table.post(ana, prompt_id, "One")["id"], table.post(ana, prompt_id, "Two")["id"]
    table.vote(ana, one)
    left, events = votes.retract_vote(
        table.session, actor=ana, roundtable_id=table.roundtable_id, idea_id=one
    )
    assert left == 1
    assert events[0].payload["votes"] == 0
    assert table.vote(ana, two) == 0


def test_retracting_without_a_vote_is_refused(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    idea_id = table.post(ana, prompt_id, "Cool roofs")["id"]
    assert table.refusal(table.act, votes.retract_vote, actor=ana, idea_id=idea_id) == "not_voted"


def test_budgets_are_per_prompt(table: Table) -> None:
    first = table.open_prompt("First question", budget=1)
    second = table.open_prompt("Second question", budget=1)
    ana = table.join("Ana")
    a = table.post(ana, first, "On the first")["id"]
    b = table.post(ana, second, "On the second")["id"]
    assert table.vote(ana, a) == 0
    assert table.vote(ana, b) == 0


def test_no_voting_on_a_closed_prompt(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    idea_id = table.post(ana, prompt_id, "Cool roofs")["id"]
    prompts.close_prompt(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
    )
    assert table.refusal(table.vote, ana, idea_id) == "prompt_closed"


def test_staff_cannot_vote(table: Table) -> None:
    prompt_id = table.open_prompt()
    idea_id = table.post(table.join("Ana"), prompt_id, "Cool roofs")["id"]
    assert table.refusal(table.vote, table.facilitator, idea_id) == "forbidden"
