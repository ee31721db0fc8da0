"""The console rewrites, deletes and reorders draft prompts; a second console follows live."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_room_flow import (
    assert_no_script_errors,
    create_roundtable,
    expect,
    prompt_card,
    sign_in,
)

pytestmark = pytest.mark.browser


def add_draft(page: Any, text: str) -> Any:
    page.get_by_label("Prompt", exact=True).fill(text)
    page.get_by_role("button", name="Add prompt").click()
    card = prompt_card(page, text)
    expect(card.locator(".badge")).to_have_text("Draft")
    return card


def texts(page: Any) -> list[str]:
    return [text.strip() for text in page.locator("#prompts > li .prompt-text").all_inner_texts()]


def test_drafts_are_edited_deleted_and_moved_on_every_console(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    email = server.create_staff("facilitator@example.org", name="Fatima Facilitator")
    console = new_page()
    sign_in(console, server, email)
    create_roundtable(console, "Agenda drafts")
    for text in ("First question", "Second question", "Third question"):
        add_draft(console, text)
    other = new_page()
    sign_in(other, server, email)
    other.goto(console.url)
    expect(other.locator("#connection")).to_have_text("Live")
    expect(other.locator("#prompts > li")).to_have_count(3)

    card = prompt_card(console, "Second question")
    card.get_by_role("button", name="Edit", exact=True).click()
    card.get_by_label("Prompt text").fill("Which tool would you try first?")
    card.get_by_label("Votes per participant").fill("5")
    card.get_by_role("button", name="Save", exact=True).click()
    card = prompt_card(console, "Which tool would you try first?")
    expect(card.locator(".draft-feedback")).to_have_text("Prompt saved.")
    expect(card.locator(".prompt-stats")).to_contain_text("5 votes each")
    expect(prompt_card(other, "Which tool would you try first?")).to_be_visible()

    card.get_by_role("button", name="Move up").click()
    expected = ["Which tool would you try first?", "First question", "Third question"]
    expect(console.locator("#prompts > li .prompt-text")).to_have_text(expected)
    expect(other.locator("#prompts > li .prompt-text")).to_have_text(expected)
    expect(other.locator("#prompts > li .prompt-number")).to_have_text(
        ["Prompt 1", "Prompt 2", "Prompt 3"]
    )

    first = prompt_card(console, "First question")
    first.get_by_role("button", name="Delete", exact=True).click()
    expect(first.get_by_text("Delete this draft for good?")).to_be_visible()
    console.screenshot(path=str(output_dir / "delete-confirmation.png"), full_page=True)
    first.get_by_role("button", name="Keep it").click()
    expect(prompt_card(other, "First question")).to_be_visible()
    first.get_by_role("button", name="Delete", exact=True).click()
    first.get_by_role("button", name="Yes, delete").click()
    expected = ["Which tool would you try first?", "Third question"]
    expect(console.locator("#prompts > li .prompt-text")).to_have_text(expected)
    expect(other.locator("#prompts > li .prompt-text")).to_have_text(expected)
    other.screenshot(path=str(output_dir / "second-console.png"), full_page=True)

    # Once opened, a prompt keeps its wording: no edit or delete, but it can still move.
    opened = prompt_card(console, "Third question")
    opened.get_by_role("button", name=re.compile(r"^Open$")).click()
    expect(opened.locator(".badge")).to_have_text("Open")
    expect(opened.get_by_role("button", name="Edit", exact=True)).to_be_hidden()
    expect(opened.get_by_role("button", name="Delete", exact=True)).to_be_hidden()
    opened.get_by_role("button", name="Move up").click()
    expect(other.locator("#prompts > li .prompt-text")).to_have_text(
        ["Third question", "Which tool would you try first?"]
    )
    console.screenshot(path=str(output_dir / "console.png"), full_page=True)
    assert_no_script_errors(console, other)
