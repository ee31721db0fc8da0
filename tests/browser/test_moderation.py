"""Moderation in real browsers: approve, hide and restore, edit, merge, spotlight."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_phases import add_prompt, console
from tests.browser.test_room_flow import (
    assert_no_script_errors,
    expect,
    idea,
    join,
    post_idea,
    vote,
)

pytestmark = pytest.mark.browser

PROMPT = "What would make the riverside cooler?"


def test_facilitator_moderates_ideas_from_the_console(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = console(server, new_page)
    card = add_prompt(facilitator, PROMPT)
    card.get_by_role("button", name="Open").click()
    card.get_by_text("Settings").click()
    card.get_by_label("Pre-moderation").check()
    amina, bruno = new_page(phone=True), new_page(phone=True)
    join(amina, join_link, "Amina", "Dakar")
    join(bruno, join_link, "Bruno", "Porto Alegre")

    # Pre-moderation: the room sees an idea once it is approved.
    post_idea(amina, "Misting poles along the promenade")
    waiting = idea(card, "Misting poles")
    expect(waiting).to_contain_text("Waiting for approval")
    expect(idea(bruno, "Misting poles")).to_have_count(0)
    waiting.get_by_role("button", name="Approve").click()
    expect(idea(bruno, "Misting poles")).to_be_visible()
    expect(waiting).not_to_contain_text("Waiting for approval")
    card.get_by_label("Pre-moderation").uncheck()

    post_idea(bruno, "Trees along the river path")
    post_idea(amina, "More trees on the river path")
    post_idea(bruno, "Spam spam spam")
    expect(idea(amina, "Spam spam spam")).to_be_visible()
    vote(bruno, "Spam spam spam")
    expect(bruno.locator(".budget")).to_have_text("2 votes left")

    # Hide, shown dimmed on the console and gone for the room, the vote on it given back;
    # then restored.
    spam = idea(card, "Spam spam spam")
    spam.get_by_role("button", name="Hide").click()
    expect(spam).to_contain_text("Hidden")
    expect(spam).to_have_class("idea dimmed")
    expect(idea(amina, "Spam spam spam")).to_have_count(0)
    expect(bruno.locator(".budget")).to_have_text("3 votes left")
    spam.get_by_role("button", name="Restore").click()
    expect(idea(amina, "Spam spam spam")).to_be_visible()
    spam.get_by_role("button", name="Hide").click()
    expect(idea(amina, "Spam spam spam")).to_have_count(0)

    # Edit: the new words reach everyone, marked edited on the console.
    misting = idea(card, "Misting poles")
    misting.get_by_role("button", name="Edit").click()
    misting.get_by_label("Edit the idea").fill("Misting poles along the whole promenade")
    misting.get_by_role("button", name="Save").click()
    expect(misting).to_contain_text("edited")
    expect(idea(bruno, "Misting poles along the whole promenade")).to_be_visible()

    # Merge a duplicate into the first idea: Amina's vote moves with it, and Bruno, who
    # voted for both, keeps one and gets the other back.
    vote(amina, "More trees on the river path")
    vote(bruno, "Trees along the river path")
    vote(bruno, "More trees on the river path")
    expect(bruno.locator(".budget")).to_have_text("1 vote left")
    duplicate = idea(card, "More trees on the river path")
    duplicate.get_by_label("Merge into…").select_option(label="Trees along the river path")
    duplicate.get_by_role("button", name="Merge").click()
    expect(duplicate).to_contain_text("Merged")
    expect(idea(bruno, "More trees on the river path")).to_have_count(0)
    expect(bruno.locator(".hidden-count")).to_be_hidden()
    expect(bruno.locator(".budget")).to_have_text("2 votes left")
    expect(amina.locator(".budget")).to_have_text("2 votes left")
    for page in (amina, bruno):
        kept = idea(page, "Trees along the river path")
        expect(kept).to_contain_text("2 votes")
        expect(kept.get_by_role("button", name="Take back vote")).to_be_visible()

    # Spotlight one idea, then clear it.
    trees = idea(card, "Trees along the river path")
    trees.get_by_role("button", name="Spotlight").click()
    expect(trees).to_contain_text("In the spotlight")
    facilitator.screenshot(path=output_dir / "console-moderation.png", full_page=True)
    card.locator(".prompt-actions").get_by_role("button", name="Clear spotlight").click()
    expect(trees).not_to_contain_text("In the spotlight")
    expect(trees.get_by_role("button", name="Spotlight")).to_be_visible()
    assert_no_script_errors(facilitator, amina, bruno)
