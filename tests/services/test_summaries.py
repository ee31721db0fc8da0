"""The session summary: ideas ranked by votes, ties sharing a rank, counts, and who may export."""

from __future__ import annotations

from datetime import datetime

from facilitation.services import summaries
from tests.services.conftest import Table, staff_actor

NOW = datetime(2025, 6, 4, 16, 30)


def test_ideas_are_ranked_by_votes_with_shared_ranks_for_ties(table: Table) -> None:
    prompt_id = table.open_prompt("Which digital tool changed your planning?")
    people = [table.join(name, "Guangzhou") for name in ("Ana", "Ben", "Chen")]
    posted = {}
    texts = ("Digital twin", "Open data portal", "Flood sensors")
    for person, text in zip(people, texts, strict=True):
        posted[text] = table.post(person, prompt_id, text)["id"]
    for person in people:
        table.vote(person, posted["Flood sensors"])
    for person in people[:2]:
        table.vote(person, posted["Digital twin"])
    summary = summaries.build_summary(
        table.session, actor=table.facilitator, roundtable_id=table.roundtable_id, now=NOW
    )
    (prompt,) = summary.prompts
    assert [(i.text, i.votes, i.rank) for i in prompt.ideas] == [
        ("Flood sensors", 3, 1),
        ("Digital twin", 2, 2),
        ("Open data portal", 0, 3),
    ]
    assert (summary.participants, summary.idea_count) == (3, 3)
    assert (prompt.contributors, prompt.voters, prompt.votes_cast) == (3, 3, 5)
    assert prompt.ideas[0].author == "Chen" and prompt.ideas[0].affiliation == "Guangzhou"


def test_equal_votes_share_a_rank(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    for text in ("One", "Two"):
        table.post(ana, prompt_id, text)
    summary = summaries.build_summary(
        table.session, actor=table.facilitator, roundtable_id=table.roundtable_id, now=NOW
    )
    assert [(i.text, i.rank) for i in summary.prompts[0].ideas] == [("One", 1), ("Two", 1)]


def test_rapporteurs_may_export_and_participants_may_not(table: Table) -> None:
    rapporteur = staff_actor(table.session, "rapporteur")
    assert summaries.build_summary(
        table.session, actor=rapporteur, roundtable_id=table.roundtable_id, now=NOW
    ).title
    assert (
        table.refusal(table.act, summaries.build_summary, actor=table.join("Ana"), now=NOW)
        == "forbidden"
    )
