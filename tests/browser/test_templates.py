"""Templates on the console: a shipped template's prompts added as drafts, this roundtable's
prompts saved as a template of the event, and used again in another roundtable."""

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


def open_templates(page: Any) -> Any:
    box = page.locator("#templates")
    box.locator("summary").click()
    expect(box.get_by_label("Template")).to_be_visible()
    return box


def test_a_template_adds_its_prompts_and_this_roundtables_are_saved_for_the_next(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    email = server.create_staff("facilitator@example.org", name="Fatima Facilitator")
    console = new_page()
    sign_in(console, server, email)
    create_roundtable(console, "Panel on digital twins")
    box = open_templates(console)
    choice = box.get_by_label("Template")
    expect(choice.locator("option")).to_have_count(4)  # the shipped ones, nothing saved yet
    choice.select_option(label="Panel with questions from the floor (3 prompts)")
    expect(box.locator("#template-about")).to_contain_text("Questions")
    expect(box.get_by_role("button", name="Delete template")).to_be_hidden()
    box.get_by_role("button", name="Add its prompts").click()
    expect(box.locator("#template-status")).to_have_text(
        re.compile(r"Added 3 draft prompts from “Panel with questions from the floor”\.")
    )
    cards = console.locator("#prompts > li")
    expect(cards).to_have_count(3)
    expect(cards.locator(".badge").first).to_have_text("Draft")
    first = cards.first.locator(".prompt-text")
    asked = first.inner_text()

    # This roundtable's prompts, saved for the event's other roundtables.
    box.get_by_label("Name").fill("Our panel")
    box.get_by_label("Description (optional)").fill("Questions, then how it went.")
    box.get_by_role("button", name="Save as template").click()
    expect(box.locator("#template-status")).to_have_text("Saved “Our panel” with 3 prompts.")
    expect(choice.locator("optgroup[label='Saved for this event'] option")).to_have_text(
        ["Our panel (3 prompts)"]
    )
    expect(box.get_by_role("button", name="Delete template")).to_be_visible()
    box.get_by_label("Name").fill("our PANEL")
    box.get_by_role("button", name="Save as template").click()
    expect(box.locator("#template-status")).to_contain_text("exists")
    console.screenshot(path=output_dir / "console-templates.png", full_page=True)

    console.goto(server.url("/"))
    create_roundtable(console, "Panel on open data")
    box = open_templates(console)
    box.get_by_label("Template").select_option(label="Our panel (3 prompts)")
    expect(box.locator("#template-about")).to_contain_text("Questions, then how it went.")
    box.get_by_role("button", name="Add its prompts").click()
    expect(console.locator("#prompts > li")).to_have_count(3)
    expect(prompt_card(console, asked)).to_have_count(1)
    assert_no_script_errors(console)
