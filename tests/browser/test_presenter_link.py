"""The presenter link in a real browser: staff share the big screen, a projector without a
login shows it live, and revoking the link stops it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_room_flow import (
    PROMPT,
    assert_no_script_errors,
    expect,
    join,
    open_room,
    post_idea,
)

pytestmark = pytest.mark.browser

FULL_HD = {"width": 1920, "height": 1080}
GONE = "This presenter link is no longer valid"


def projector(new_page: Any, url: str) -> Any:
    """A fresh browser (no sign-in, no cookies) showing the presenter link, at projector size."""
    page = new_page()
    page.set_viewport_size(FULL_HD)
    page.emulate_media(reduced_motion="reduce")
    page.goto(url)
    expect(page.locator("#connection")).to_have_text("Live")
    return page


def test_a_presenter_link_shows_the_big_screen_without_a_login_until_revoked(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    console, join_link = open_room(server, new_page)
    console.on("dialog", lambda dialog: dialog.accept())
    shared = console.get_by_role("region", name="Presenter link")
    expect(shared).to_contain_text("Anyone with this link sees the big screen, read-only.")
    shared.get_by_role("button", name="Create link").click()
    link = shared.get_by_role("textbox", name="Presenter link")
    expect(shared.get_by_role("button", name="Revoke")).to_be_visible()
    url = link.input_value()
    assert url.startswith(server.url("/screen/"))
    console.screenshot(path=output_dir / "console.png")

    # A projector that has never signed in opens the link: the open prompt is up, live.
    screen = projector(new_page, url)
    expect(screen.locator("#prompt-text")).to_have_text(PROMPT)
    expect(screen.get_by_text("Ideas will appear here as they arrive.")).to_be_visible()
    amina = new_page(phone=True)
    join(amina, join_link, "Amina", "Dakar")
    post_idea(amina, "Shade trees at every bus stop")
    card = screen.locator(".idea-card").filter(has_text="Shade trees at every bus stop")
    expect(card).to_contain_text("Amina · Dakar")
    expect(screen.locator("#idea-count")).to_have_text("1 idea")
    screen.screenshot(path=output_dir / "screen.png")

    # The link is shown again after a reload of the console.
    console.reload()
    expect(console.get_by_role("textbox", name="Presenter link")).to_have_value(url)

    # A new link stops the old one; the screen says so and shows nothing of the room.
    console.get_by_role("button", name="New link").click()
    expect(console.get_by_role("textbox", name="Presenter link")).not_to_have_value(url)
    expect(screen.get_by_role("heading", name=GONE)).to_be_visible()
    expect(screen.locator("#prompt-screen")).to_be_hidden()
    post_idea(amina, "Cool roofs on schools")

    # The new link works until it is revoked.
    second = projector(
        new_page, console.get_by_role("textbox", name="Presenter link").input_value()
    )
    expect(second.locator(".idea-card")).to_have_count(2)
    # The room has heard of the new idea by now; the old screen has not.
    expect(screen.get_by_text("Cool roofs on schools")).to_have_count(0)
    console.get_by_role("button", name="Revoke").click()
    expect(console.get_by_role("button", name="Create link")).to_be_visible()
    expect(console.locator("#presenter-link-status")).to_contain_text("revoked")
    expect(second.get_by_role("heading", name=GONE)).to_be_visible()
    expect(second.locator("#connection")).to_have_text("Link no longer valid")
    second.screenshot(path=output_dir / "revoked.png")
    assert_no_script_errors(console, screen, second, amina)

    # Opened again, a revoked link is an unknown page.
    answer = second.goto(second.url)
    assert answer is not None and answer.status == 404
