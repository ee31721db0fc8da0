"""What the room is shown is true, in real browsers: an idea posted anonymously is never
named, each page says how ideas are credited, counts agree, and a session can end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.browser.conftest import Server
from tests.browser.test_room_flow import expect, join, open_room, post_idea, prompt_card

pytestmark = pytest.mark.browser

SECRET = "Confidential: our drainage data is outdated and nobody admits it"


def idea_box(page: Any, text: str, other: str) -> str:
    """The text of the largest element around `text` that does not reach `other` (another
    idea): the idea with its byline, as the page shows it."""
    found: str = page.evaluate(
        """([text, other]) => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            let node = walker.nextNode();
            while (node && !node.textContent.includes(text)) node = walker.nextNode();
            if (!node) return "";
            let box = node.parentElement;
            while (box.parentElement && !box.parentElement.innerText.includes(other)) {
                box = box.parentElement;
            }
            return box.innerText;
        }""",
        [text, other],
    )
    return found


def test_an_anonymous_idea_stays_anonymous_everywhere_after_switching_to_named(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = open_room(server, new_page)
    hint = facilitator.locator("#attribution-hint")
    expect(hint).to_contain_text("a more open one applies only to ideas posted after the change")
    facilitator.get_by_label("Attribution", exact=True).select_option("anonymous")

    author = new_page(phone=True)
    join(author, join_link, "Secretname", "Secretville")
    credit = author.locator(".credit-note").first
    expect(credit).to_contain_text("anonymously")
    post_idea(author, SECRET)
    card = prompt_card(facilitator, "keep people cool")
    expect(card).to_contain_text(SECRET)

    facilitator.get_by_label("Attribution", exact=True).select_option("named")
    expect(credit).to_contain_text("Your idea will be shown with your name: Secretname")
    post_idea(author, "Flood sensors on every bridge")
    expect(card).to_contain_text("Flood sensors on every bridge")

    latecomer = new_page()
    join(latecomer, join_link, "Late Lee")
    expect(latecomer.locator("#open-prompts")).to_contain_text(SECRET)
    expect(latecomer.locator("#open-prompts")).to_contain_text("2 ideas")
    author.reload()
    expect(author.locator("#open-prompts")).to_contain_text(SECRET)
    facilitator.reload()
    expect(prompt_card(facilitator, "keep people cool")).to_contain_text(SECRET)
    expect(prompt_card(facilitator, "keep people cool")).to_contain_text("2 ideas")
    roundtable_path = facilitator.url.split("://", 1)[1].split("/", 1)[1]
    screen = facilitator.context.new_page()
    screen.set_viewport_size({"width": 1280, "height": 720})
    screen.goto(server.url(f"/{roundtable_path}/present"))
    expect(screen.locator("body")).to_contain_text("drainage data")

    for page, name in ((facilitator, "console"), (latecomer, "participant"), (author, "author")):
        page.screenshot(path=str(output_dir / f"{name}.png"), full_page=True)
    screen.screenshot(path=str(output_dir / "big-screen.png"))
    # The name shows by the idea posted under "named", never by the anonymous one.
    for page in (facilitator, latecomer, screen):
        item = idea_box(page, SECRET, "Flood sensors")
        assert SECRET in item
        assert "Secretname" not in item and "Secretville" not in item, item

    token = server.api_token(
        server.create_staff("rapporteur@example.org", name="R", role="rapporteur")
    )
    roundtable_id = roundtable_path.split("/")[1]
    for fmt in ("json", "md"):
        body = requests.get(
            server.url(f"/api/roundtables/{roundtable_id}/export?format={fmt}"),
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        ).text
        secret_lines = [line for line in body.splitlines() if "drainage" in line]
        assert secret_lines and all("Secretname" not in line for line in secret_lines)
        if fmt == "json":
            ideas = json.loads(body)["prompts"][0]["ideas"]
            [hidden] = [idea for idea in ideas if idea["text"] == SECRET]
            assert (hidden["author"], hidden["affiliation"]) == (None, None)
    for page in (facilitator, latecomer, author):
        assert page.js_errors == []


def test_ending_the_session_tells_participants_and_reopening_brings_it_back(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = open_room(server, new_page)
    participant = new_page(phone=True)
    join(participant, join_link, "Ana", "Lisbon")
    post_idea(participant, "Shade trees on school streets")
    facilitator.once("dialog", lambda dialog: dialog.accept())
    facilitator.get_by_role("button", name="End session").click()
    expect(facilitator.locator("#session-status")).to_contain_text("Session ended")
    ended = participant.locator("#ended")
    expect(ended).to_be_visible()
    expect(ended).to_contain_text("This roundtable has ended")
    expect(participant.locator("#closed-prompts")).to_contain_text("Shade trees on school streets")
    participant.screenshot(path=str(output_dir / "ended-phone.png"), full_page=True)
    facilitator.screenshot(path=str(output_dir / "ended-console.png"), full_page=True)
    facilitator.get_by_role("button", name="Reopen session").click()
    expect(ended).to_be_hidden()
    expect(facilitator.get_by_role("button", name="End session")).to_be_visible()
    assert participant.js_errors == [] and facilitator.js_errors == []
