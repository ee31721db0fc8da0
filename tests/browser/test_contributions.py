"""What participants do with posted ideas, in real browsers: edit, withdraw, build on, react."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_phases import add_prompt, console, go_to_phase, participant_prompt
from tests.browser.test_room_flow import assert_no_script_errors, expect, idea, join, post_idea

pytestmark = pytest.mark.browser

PROMPT = "What would make our streets cooler this summer?"
TREES = "Shade trees at every bus stop"
ROOFS = "Cool roofs on schools"
TYPO = "Fountians in evry park"


def reaction(scope: Any, name: str) -> Any:
    return scope.get_by_role("group", name="Reactions").get_by_role(
        "button", name=re.compile(f"^{name}")
    )


def test_participants_edit_withdraw_build_on_and_react_while_collecting(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = console(server, new_page)
    card = add_prompt(facilitator, PROMPT, phases=True)
    amina, bruno = new_page(phone=True), new_page(phone=True)
    join(amina, join_link, "Amina", "Dakar")
    join(bruno, join_link, "Bruno", "Porto Alegre")
    go_to_phase(card, "Collect")
    post_idea(amina, "Shade trees at bus stops")
    post_idea(bruno, ROOFS)
    post_idea(bruno, TYPO)
    expect(idea(amina, TYPO)).to_be_visible()

    # Only an idea's author may change it.
    expect(idea(amina, ROOFS).get_by_role("button", name="Edit")).to_be_hidden()
    expect(idea(bruno, "Shade trees").get_by_role("button", name="Withdraw")).to_be_hidden()

    # Amina corrects her idea: everyone sees the new words, marked as edited.
    mine = idea(amina, "Shade trees at bus stops")
    mine.get_by_role("button", name="Edit").click()
    editor = mine.get_by_label("Reword this idea")
    expect(editor).to_be_focused()
    expect(editor).to_have_value("Shade trees at bus stops")
    editor.fill(TREES)
    mine.get_by_role("button", name="Save").click()
    for page in (amina, bruno, facilitator):
        expect(idea(page, TREES)).to_contain_text("edited")
    expect(idea(amina, TREES).get_by_label("Reword this idea")).to_be_hidden()

    # Bruno withdraws his typo after confirming; it leaves every screen.
    typo = idea(bruno, TYPO)
    typo.get_by_role("button", name="Withdraw").click()
    expect(typo).to_contain_text("Withdraw this idea?")
    typo.get_by_role("button", name="Keep it").click()
    expect(typo.get_by_role("button", name="Yes, withdraw it")).to_be_hidden()
    typo.get_by_role("button", name="Withdraw").click()
    typo.get_by_role("button", name="Yes, withdraw it").click()
    for page in (amina, bruno):
        expect(idea(page, TYPO)).to_have_count(0)
    expect(idea(card, TYPO)).to_contain_text("Withdrawn by its author")
    expect(bruno.get_by_label("Your idea")).to_be_focused()

    # Bruno builds on Amina's idea: the reply sits under it, for everyone.
    trees = idea(bruno, TREES)
    trees.get_by_role("button", name="Build on this").click()
    trees.get_by_label("Build on this idea").fill("With benches in their shade")
    trees.get_by_role("button", name="Post", exact=True).click()
    for page in (amina, bruno):
        replies = idea(page, TREES).get_by_role("list", name="Ideas building on this one")
        expect(replies.locator("li.reply")).to_have_text(re.compile("With benches in their shade"))
        expect(replies).to_contain_text("Bruno · Porto Alegre")
    expect(idea(amina, "With benches")).to_have_count(1)  # the idea holding the reply
    # The facilitator sees the reply right under the idea it builds on.
    console_ideas = card.locator("ol.ideas > li.idea")
    expect(console_ideas.nth(0)).to_contain_text(TREES)
    expect(console_ideas.nth(1)).to_contain_text("With benches in their shade")
    expect(console_ideas.nth(1)).to_contain_text("Builds on the idea above")

    # Reactions: counted for everyone, pressed for the one who reacted, a toggle.
    reaction(idea(amina, ROOFS), "Agree").click()
    expect(reaction(idea(amina, ROOFS), "Agree")).to_have_attribute("aria-pressed", "true")
    expect(reaction(idea(bruno, ROOFS), "Agree")).to_have_text("👍 1")
    expect(reaction(idea(bruno, ROOFS), "Agree")).to_have_attribute("aria-pressed", "false")
    reaction(idea(bruno, ROOFS), "Good idea").click()
    expect(reaction(idea(amina, ROOFS), "Good idea")).to_have_text("💡 1")
    expect(idea(card, ROOFS).locator(".idea-reactions")).to_have_text("👍 1 · 💡 1")
    facilitator.screenshot(path=output_dir / "console-replies-reactions.png", full_page=True)
    amina.screenshot(path=output_dir / "participant-contributions.png", full_page=True)

    # A reload keeps what Amina reacted with.
    amina.reload()
    expect(amina.locator("#connection")).to_have_text("Live")
    expect(reaction(idea(amina, ROOFS), "Agree")).to_have_attribute("aria-pressed", "true")
    reaction(idea(amina, ROOFS), "Agree").click()
    expect(reaction(idea(bruno, ROOFS), "Agree")).to_have_text("👍")

    # Once collecting is over, ideas can no longer be changed or built on.
    go_to_phase(card, "Vote")
    expect(idea(amina, TREES).get_by_role("button", name="Edit")).to_be_hidden()
    expect(idea(amina, TREES).get_by_role("button", name="Withdraw")).to_be_hidden()
    expect(idea(bruno, TREES).get_by_role("button", name="Build on this")).to_be_hidden()
    votes = participant_prompt(amina, PROMPT).get_by_role("button", name="Vote", exact=True)
    expect(votes).to_have_count(2)
    bruno.screenshot(path=output_dir / "participant-vote-after-building.png", full_page=True)
    assert_no_script_errors(facilitator, amina, bruno)
