"""The participant page on a phone in a full room: what stays in view, what is mine."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_room_flow import (
    assert_no_script_errors,
    expect,
    idea,
    join,
    open_room,
    vote,
)

pytestmark = pytest.mark.browser

IDEAS = [f"Idea number {n}: cooler streets with more shade and water" for n in range(1, 31)]


def post_with_keyboard(page: Any, text: str) -> None:
    """Write an idea and post it with Ctrl+Enter, the way a laptop user would."""
    box = page.get_by_label("Your idea")
    box.fill(text)
    box.press("Control+Enter")
    expect(idea(page, text)).to_be_visible()
    expect(box).to_have_value("")


def in_viewport(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


def test_phone_keeps_timer_and_votes_left_in_view_and_marks_my_ideas(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = open_room(server, new_page)
    phone, other = new_page(phone=True), new_page(phone=True)
    join(phone, join_link, "Amina", "Dakar")
    join(other, join_link, "Bruno", "Porto Alegre")
    for text in IDEAS[:15]:
        post_with_keyboard(phone, text)
    for text in IDEAS[15:]:
        post_with_keyboard(other, text)

    # Only my own ideas say "Yours", on my screen.
    expect(idea(phone, IDEAS[0]).locator(".mine-note")).to_have_text("Yours")
    expect(idea(phone, IDEAS[20]).locator(".mine-note")).to_be_hidden()
    expect(idea(other, IDEAS[0]).locator(".mine-note")).to_be_hidden()
    expect(idea(other, IDEAS[20]).locator(".mine-note")).to_be_visible()

    # With every vote spent, a Vote button that cannot be pressed says why.
    for text in IDEAS[15:18]:
        vote(phone, text)
        expect(idea(phone, text).get_by_role("button", name="Take back vote")).to_be_visible()
    spent = idea(phone, IDEAS[-1]).get_by_role("button", name="Vote", exact=True)
    expect(spent).to_be_disabled()
    expect(idea(phone, IDEAS[-1]).locator(".vote-reason")).to_have_text(
        "No votes left: take one back to vote here"
    )
    expect(spent).to_have_accessible_description(re.compile("No votes left"))

    # Scrolled to the last of 30 ideas, the timer row with the votes left is still on screen.
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    expect(phone.locator("#open-prompts li.idea").last).to_be_in_viewport()
    assert phone.evaluate("window.scrollY") > 2000
    budget = phone.locator("#open-prompts .prompt-head .budget")
    expect(budget).to_contain_text("0 votes left")
    assert in_viewport(phone, budget)
    assert in_viewport(phone, phone.locator("#open-prompts .prompt-head .badge"))
    phone.screenshot(path=str(output_dir / "phone-scrolled-to-bottom.png"))
    assert_no_script_errors(facilitator, phone, other)


def test_wrong_code_page_keeps_the_code_that_was_typed(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    phone = new_page(phone=True)
    phone.goto(server.url("/"))
    phone.get_by_label("Join code").fill("xyz qvw")
    phone.get_by_role("button", name="Join").click()
    expect(phone.get_by_role("heading", name="No roundtable with that code")).to_be_visible()
    expect(phone.get_by_label("Join code")).to_have_value("XYZQVW")
    phone.screenshot(path=str(output_dir / "wrong-code.png"))
    # The page itself answers 404, which the browser logs; no script may fail besides.
    assert [e for e in phone.js_errors if "status of 404" not in e] == []
