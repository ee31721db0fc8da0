"""Themes: grouping ideas, suggestions from similar wording, votes from the shared budget."""

from __future__ import annotations

from typing import Any

import pytest

from facilitation.services import phases, prompts, themes, votes
from facilitation.services.suggestions import suggest_groups
from tests.services.conftest import Table


def voting_prompt(table: Table, budget: int = 2) -> int:
    view, _ = prompts.create_prompt(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        text="How do we keep people cool?",
        votes_per_participant=budget,
        phases=True,
    )
    phases.set_phase(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=view["id"],
        phase="collect",
    )
    return int(view["id"])


def post_all(table: Table, prompt_id: int, texts: list[str]) -> list[int]:
    ana = table.join("Ana")
    return [table.post(ana, prompt_id, text)["id"] for text in texts]


def staff(table: Table, call: Any, **kwargs: Any) -> Any:
    """Grouping is the facilitator's work, so every call here is theirs."""
    return table.act(call, actor=table.facilitator, **kwargs)


def test_a_theme_groups_ideas_and_everyone_hears_of_it(table: Table) -> None:
    prompt_id = voting_prompt(table)
    shade, water = post_all(table, prompt_id, ["Shade trees", "Water fountains"])
    theme, events = staff(
        table, themes.create_theme, prompt_id=prompt_id, name="Green shade", idea_ids=[shade]
    )
    assert theme["name"] == "Green shade"
    assert [e.name for e in events] == ["theme.created", "idea.updated"]
    assert events[1].public["idea"]["theme_id"] == theme["id"]
    moved, _ = staff(table, themes.assign_idea, idea_id=water, theme_id=theme["id"])
    assert moved["theme_id"] == theme["id"]
    out, _ = staff(table, themes.assign_idea, idea_id=water, theme_id=None)
    assert out["theme_id"] is None
    renamed, _ = staff(table, themes.rename_theme, theme_id=theme["id"], name="Shade")
    assert renamed["name"] == "Shade"
    _, events = staff(table, themes.delete_theme, theme_id=theme["id"])
    assert [e.name for e in events] == ["theme.deleted", "idea.updated"]
    assert events[1].payload["idea"]["theme_id"] is None


def test_theme_votes_share_the_prompts_budget(table: Table) -> None:
    prompt_id = voting_prompt(table, budget=2)
    shade, water, roofs = post_all(table, prompt_id, ["Shade trees", "Water", "Cool roofs"])
    theme, _ = staff(
        table, themes.create_theme, prompt_id=prompt_id, name="Green", idea_ids=[shade]
    )
    phases.set_phase(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
        phase="vote",
    )
    ben = table.join("Ben")
    left, events = votes.cast_theme_vote(
        table.session, actor=ben, roundtable_id=table.roundtable_id, theme_id=theme["id"]
    )
    assert left == 1
    assert events[0].payload == {
        "theme_id": theme["id"],
        "votes": 1,
        "support": 1,
        "seq": events[0].seq,
    }
    table.vote(ben, water)
    assert table.refusal(table.vote, ben, roofs) == "over_budget"
    left, _ = votes.retract_theme_vote(
        table.session, actor=ben, roundtable_id=table.roundtable_id, theme_id=theme["id"]
    )
    assert left == 1


def test_a_theme_only_groups_ideas_of_its_own_prompt(table: Table) -> None:
    first = voting_prompt(table)
    second = voting_prompt(table)
    (idea,) = post_all(table, second, ["Elsewhere"])
    assert (
        table.refusal(
            staff, table, themes.create_theme, prompt_id=first, name="Mixed", idea_ids=[idea]
        )
        == "bad_theme"
    )


def test_suggestions_group_ideas_that_say_the_same_thing(table: Table) -> None:
    prompt_id = voting_prompt(table)
    ids = post_all(
        table,
        prompt_id,
        [
            "Shade trees at every bus stop",
            "Plant more street trees for shade",
            "Cooling centres in libraries",
            "Libraries as cooling centres during heatwaves",
            "Heat alerts by SMS",
        ],
    )
    found = staff(table, themes.suggest_themes, prompt_id=prompt_id)
    groups = sorted(sorted(s.idea_ids) for s in found.groups)
    assert groups == [[ids[0], ids[1]], [ids[2], ids[3]]]
    names = " ".join(s.name.lower() for s in found.groups)
    assert "trees" in names and "cooling" in names
    assert found.reason is None


def test_ideas_already_in_a_theme_are_not_suggested_again(table: Table) -> None:
    prompt_id = voting_prompt(table)
    a, _ = post_all(table, prompt_id, ["Shade trees at bus stops", "More shade trees in streets"])
    staff(table, themes.create_theme, prompt_id=prompt_id, name="Shade", idea_ids=[a])
    found = staff(table, themes.suggest_themes, prompt_id=prompt_id)
    assert (found.groups, found.reason.code) == ([], "too_few_ideas")


def test_a_prompt_whose_ideas_are_all_in_themes_says_so(table: Table) -> None:
    prompt_id = voting_prompt(table)
    ideas = post_all(table, prompt_id, ["Shade trees at bus stops", "More shade trees in streets"])
    staff(table, themes.create_theme, prompt_id=prompt_id, name="Shade", idea_ids=ideas)
    found = staff(table, themes.suggest_themes, prompt_id=prompt_id)
    assert (found.groups, found.reason.code) == ([], "all_themed")


@pytest.mark.parametrize("texts", [[], ["Only one idea"], ["the and of", "a an the"]])
def test_too_little_to_group_gives_no_suggestions(texts: list[str]) -> None:
    assert suggest_groups(list(enumerate(texts))) == []
