"""The console with a written agenda: the prompt form folds away, feedback sits by its control."""

from __future__ import annotations

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


def test_the_prompt_form_folds_away_and_feedback_sits_by_its_control(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    email = server.create_staff("facilitator@example.org", name="Fatima Facilitator")
    console = new_page()
    sign_in(console, server, email)
    create_roundtable(console, "Folding")
    toggle = console.get_by_role("button", name="Add a prompt")
    expect(toggle).to_be_hidden()  # nothing to fold away from yet
    console.get_by_label("Prompt", exact=True).fill("Which tool first?")
    console.get_by_role("button", name="Add prompt", exact=True).click()
    feedback = console.locator("#prompt-form .control-feedback")
    expect(feedback).to_have_text("Prompt added.")
    expect(console.locator("#messages")).not_to_have_text("Prompt added.")
    console.screenshot(path=str(output_dir / "prompt-added.png"))

    console.reload()
    expect(console.locator("#connection")).to_have_text("Live")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(console.locator("#prompt-form")).to_be_hidden()
    console.screenshot(path=str(output_dir / "folded.png"))
    toggle.click()
    expect(console.get_by_label("Prompt", exact=True)).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "true")

    card = prompt_card(console, "Which tool first?")
    card.get_by_role("button", name="Open", exact=True).click()
    expect(card.locator(".badge")).to_have_text("Open")
    panel = card.get_by_role("region", name="Themes")
    panel.get_by_role("button", name="Suggest themes").click()
    # Beside the button, not at the top of the page.
    expect(panel.locator(".suggest-feedback")).not_to_be_empty()
    assert panel.get_by_role("button", name="Suggest themes").get_attribute(
        "aria-describedby"
    ) == panel.locator(".suggest-feedback").get_attribute("id")
    console.screenshot(path=str(output_dir / "suggest-feedback.png"), full_page=True)
    assert_no_script_errors(console)
