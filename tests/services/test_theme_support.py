"""A theme's support: its own votes and the votes on its ideas, each voter counted once."""

from __future__ import annotations

from facilitation.models import Roundtable
from facilitation.services import ideas, moderation, phases, summaries, themes, votes
from facilitation.services.actors import Actor
from facilitation.services.views import Viewer, snapshot
from tests.services.conftest import Table
from tests.services.test_summaries import NOW
from tests.services.test_themes import post_all, staff, voting_prompt


def to_vote(table: Table, prompt_id: int) -> None:
    staff(table, phases.set_phase, prompt_id=prompt_id, phase="vote")


def supports(table: Table) -> dict[str, int]:
    """Each theme's support as the console's snapshot gives it."""
    table.session.expire_all()
    roundtable = table.session.get(Roundtable, table.roundtable_id)
    assert roundtable is not None
    (prompt,) = snapshot(table.session, roundtable, Viewer(staff=True))["prompts"]
    return {theme["name"]: theme["support"] for theme in prompt["themes"]}


def vote_theme(table: Table, voter: Actor, theme_id: int) -> None:
    votes.cast_theme_vote(
        table.session, actor=voter, roundtable_id=table.roundtable_id, theme_id=theme_id
    )


def test_votes_on_a_themes_ideas_count_for_the_theme(table: Table) -> None:
    prompt_id = voting_prompt(table, budget=3)
    shade, trees, water = post_all(table, prompt_id, ["Shade", "Street trees", "Water"])
    _green, _ = staff(
        table, themes.create_theme, prompt_id=prompt_id, name="Green", idea_ids=[shade, trees]
    )
    blue, _ = staff(table, themes.create_theme, prompt_id=prompt_id, name="Blue", idea_ids=[water])
    to_vote(table, prompt_id)
    ben, chen = table.join("Ben"), table.join("Chen")
    table.vote(ben, shade)
    table.vote(chen, trees)
    vote_theme(table, chen, blue["id"])
    assert supports(table) == {"Green": 2, "Blue": 1}


def test_one_voter_counts_once_for_a_theme_however_many_votes(table: Table) -> None:
    prompt_id = voting_prompt(table, budget=3)
    shade, trees = post_all(table, prompt_id, ["Shade", "Street trees"])
    green, _ = staff(
        table, themes.create_theme, prompt_id=prompt_id, name="Green", idea_ids=[shade, trees]
    )
    to_vote(table, prompt_id)
    ben = table.join("Ben")
    table.vote(ben, shade)
    table.vote(ben, trees)
    vote_theme(table, ben, green["id"])
    assert supports(table) == {"Green": 1}


def test_a_vote_on_an_idea_announces_its_themes_new_support(table: Table) -> None:
    prompt_id = voting_prompt(table)
    (shade,) = post_all(table, prompt_id, ["Shade"])
    green, _ = staff(
        table, themes.create_theme, prompt_id=prompt_id, name="Green", idea_ids=[shade]
    )
    to_vote(table, prompt_id)
    _, events = votes.cast_vote(
        table.session, actor=table.join("Ben"), roundtable_id=table.roundtable_id, idea_id=shade
    )
    assert [(e.name, e.payload.get("theme_id"), e.payload.get("support")) for e in events] == [
        ("vote.tally", None, None),
        ("vote.tally", green["id"], 1),
    ]


def test_moving_hiding_and_merging_ideas_move_support(table: Table) -> None:
    prompt_id = voting_prompt(table, budget=3)
    shade, trees, water = post_all(table, prompt_id, ["Shade", "Street trees", "Water"])
    green, _ = staff(
        table, themes.create_theme, prompt_id=prompt_id, name="Green", idea_ids=[shade]
    )
    blue, _ = staff(table, themes.create_theme, prompt_id=prompt_id, name="Blue", idea_ids=[water])
    to_vote(table, prompt_id)
    ben, chen = table.join("Ben"), table.join("Chen")
    table.vote(ben, shade)
    table.vote(chen, trees)
    _, moved = staff(table, themes.assign_idea, idea_id=shade, theme_id=blue["id"])
    assert [e.payload.get("support") for e in moved if "theme_id" in e.payload] == [0, 1]
    assert supports(table) == {"Green": 0, "Blue": 1}
    staff(table, themes.assign_idea, idea_id=trees, theme_id=green["id"])
    staff(table, moderation.merge_ideas, idea_id=shade, duplicate_id=trees)
    assert supports(table) == {"Green": 0, "Blue": 2}
    _, hidden = staff(table, moderation.hide_idea, idea_id=shade)
    assert [e.payload.get("support") for e in hidden if "theme_id" in e.payload] == [0]
    assert supports(table) == {"Green": 0, "Blue": 0}


def test_withdrawing_an_idea_takes_its_support_from_the_theme(table: Table) -> None:
    prompt_id = voting_prompt(table)
    ana = table.join("Ana")
    shade = table.post(ana, prompt_id, "Shade")["id"]
    staff(table, themes.create_theme, prompt_id=prompt_id, name="Green", idea_ids=[shade])
    to_vote(table, prompt_id)
    table.vote(table.join("Ben"), shade)
    staff(table, phases.set_phase, prompt_id=prompt_id, phase="collect")
    _, events = ideas.delete_idea(
        table.session, actor=ana, roundtable_id=table.roundtable_id, idea_id=shade
    )
    assert [e.payload.get("support") for e in events if "theme_id" in e.payload] == [0]


def test_the_summary_ranks_themes_by_support(table: Table) -> None:
    prompt_id = voting_prompt(table, budget=3)
    shade, trees, water = post_all(table, prompt_id, ["Shade", "Street trees", "Water"])
    _green, _ = staff(
        table, themes.create_theme, prompt_id=prompt_id, name="Green", idea_ids=[shade, trees]
    )
    blue, _ = staff(table, themes.create_theme, prompt_id=prompt_id, name="Blue", idea_ids=[water])
    to_vote(table, prompt_id)
    ben, chen, dan = table.join("Ben"), table.join("Chen"), table.join("Dan")
    vote_theme(table, ben, blue["id"])  # the only vote on a theme itself
    for voter in (chen, dan):
        table.vote(voter, shade)
    table.vote(dan, trees)
    summary = summaries.build_summary(
        table.session, actor=table.facilitator, roundtable_id=table.roundtable_id, now=NOW
    )
    (prompt,) = summary.prompts
    assert [(t.name, t.rank, t.support, t.votes) for t in prompt.themes] == [
        ("Green", 1, 2, 0),
        ("Blue", 2, 1, 1),
    ]
    assert (prompt.votes_cast, prompt.theme_votes, prompt.voters) == (4, 1, 3)
