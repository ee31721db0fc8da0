"""A live roundtable in real browsers: a facilitator and participants, each in their own context."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PASSWORD, Server

pytestmark = pytest.mark.browser

PROMPT = "What should our city try first to keep people cool?"


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def sign_in(page: Any, server: Server, email: str) -> None:
    page.goto(server.url("/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your roundtables")).to_be_visible()


def create_roundtable(page: Any, title: str) -> None:
    """From the dashboard: create a roundtable and land on its console, connected."""
    page.get_by_label("Title").fill(title)
    page.get_by_role("button", name="Create and open console").click()
    expect(page).to_have_url(re.compile(r"/roundtables/\d+$"))
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(page.locator("#connection")).to_have_text("Live")


def prompt_card(page: Any, text: str) -> Any:
    return page.locator("#prompts > li").filter(has_text=text)


def write_and_open_prompt(page: Any, text: str, *, votes: int = 3) -> Any:
    page.get_by_label("Prompt", exact=True).fill(text)
    page.get_by_label("Votes per participant").fill(str(votes))
    page.get_by_role("button", name="Add prompt").click()
    card = prompt_card(page, text)
    expect(card.locator(".badge")).to_have_text("Draft")
    card.get_by_role("button", name="Open").click()
    expect(card.locator(".badge")).to_have_text("Open")
    return card


def open_room(server: Server, new_page: Any, *, title: str = "Cooling the city") -> tuple[Any, str]:
    """A signed-in facilitator's console with one open prompt; returns it and the join link."""
    email = server.create_staff("facilitator@example.org", name="Fatima Facilitator")
    facilitator = new_page()
    sign_in(facilitator, server, email)
    create_roundtable(facilitator, title)
    write_and_open_prompt(facilitator, PROMPT)
    join_link: str = facilitator.locator("#join-link").get_attribute("href")
    return facilitator, join_link


def join(page: Any, join_link: str, name: str, city: str = "") -> None:
    page.goto(join_link)
    page.get_by_label("Your name").fill(name)
    if city:
        page.get_by_label("City or organisation (optional)").fill(city)
    page.get_by_role("button", name="Join").click()
    expect(page.locator("#whoami")).to_contain_text(name)
    expect(page.locator("#connection")).to_have_text("Live")


def post_idea(page: Any, text: str) -> None:
    page.get_by_label("Your idea").fill(text)
    page.get_by_role("button", name="Post idea").click()


def idea(page: Any, text: str) -> Any:
    return page.locator("li.idea:not(.pending)").filter(has_text=text)


def vote(page: Any, text: str) -> None:
    idea(page, text).get_by_role("button", name="Vote", exact=True).click()


def assert_no_script_errors(*pages: Any) -> None:
    for page in pages:
        assert page.js_errors == [], page.js_errors


def test_facilitator_and_participants_run_a_prompt_live(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    visitor = new_page(phone=True)
    visitor.goto(server.url("/"))
    expect(visitor.get_by_role("heading", name="Join a roundtable")).to_be_visible()
    expect(visitor.get_by_role("link", name="Staff sign in")).to_be_visible()
    visitor.screenshot(path=output_dir / "home.png", full_page=True)

    email = server.create_staff("facilitator@example.org", name="Fatima Facilitator")
    facilitator = new_page()
    facilitator.goto(server.url("/login"))
    expect(facilitator.get_by_role("heading", name="Staff sign in")).to_be_visible()
    facilitator.screenshot(path=output_dir / "login.png", full_page=True)
    sign_in(facilitator, server, email)
    create_roundtable(facilitator, "Cooling the city")
    card = write_and_open_prompt(facilitator, PROMPT, votes=2)
    code = facilitator.locator("#join-code").inner_text()
    assert re.fullmatch(r"[A-Z]{6}", code)
    join_link = facilitator.locator("#join-link").get_attribute("href")
    assert join_link.endswith(f"/join/{code}")
    expect(facilitator.get_by_role("img", name="QR code for the join link")).to_be_visible()

    amina, bruno = new_page(phone=True), new_page(phone=True)
    join(amina, join_link, "Amina", "Dakar")
    expect(facilitator.locator("#participants")).to_have_text("1")
    join(bruno, join_link, "Bruno", "Porto Alegre")
    expect(facilitator.locator("#participants")).to_have_text("2")
    expect(amina.locator("#participants")).to_have_text("2 participants")
    expect(amina.get_by_role("heading", name=PROMPT)).to_be_visible()
    expect(amina.locator(".budget")).to_have_text("2 votes left")

    post_idea(amina, "Shade trees at every bus stop")
    post_idea(bruno, "Open the fountains at night")
    for page in (amina, bruno, facilitator):
        expect(idea(page, "Shade trees at every bus stop")).to_contain_text("Amina · Dakar")
        expect(idea(page, "Open the fountains at night")).to_contain_text("Bruno · Porto Alegre")

    vote(amina, "Open the fountains at night")
    expect(idea(amina, "Open the fountains at night")).to_contain_text("Take back vote")
    vote(amina, "Shade trees")
    expect(amina.locator(".budget")).to_have_text("0 votes left")
    expect(idea(amina, "Shade trees").get_by_role("button", name="Take back vote")).to_be_visible()
    vote(bruno, "Shade trees")
    expect(bruno.locator(".budget")).to_have_text("1 vote left")

    expect(idea(card, "Shade trees")).to_contain_text("2 votes")
    expect(idea(card, "Open the fountains")).to_contain_text("1 vote")
    expect(card.locator("li.idea").first).to_contain_text("Shade trees")

    idea(amina, "Shade trees").get_by_role("button", name="Take back vote").click()
    expect(amina.locator(".budget")).to_have_text("1 vote left")
    expect(idea(card, "Shade trees")).to_contain_text("1 vote")
    expect(idea(bruno, "Shade trees")).to_contain_text("1 vote")

    amina.screenshot(path=output_dir / "participant-amina.png", full_page=True)
    bruno.screenshot(path=output_dir / "participant-bruno.png", full_page=True)
    facilitator.screenshot(path=output_dir / "console.png", full_page=True)

    card.get_by_role("button", name="Close").click()
    expect(card.locator(".badge")).to_have_text("Closed")
    for page in (amina, bruno):
        expect(page.get_by_role("heading", name="Results")).to_be_visible()
        expect(page.locator("#closed-prompts .badge")).to_have_text("Closed")
        expect(page.get_by_role("button", name="Post idea")).to_have_count(0)
        expect(page.get_by_role("button", name="Vote", exact=True)).to_have_count(0)
        expect(page.locator("#waiting")).to_be_visible()
    amina.screenshot(path=output_dir / "participant-closed.png", full_page=True)
    facilitator.screenshot(path=output_dir / "console-closed.png", full_page=True)

    facilitator.goto(server.url("/"))
    expect(facilitator.get_by_role("link", name="Cooling the city", exact=True)).to_be_visible()
    expect(facilitator.locator(".code-chip").filter(has_text=code)).to_be_visible()
    facilitator.screenshot(path=output_dir / "dashboard.png", full_page=True)
    assert_no_script_errors(visitor, facilitator, amina, bruno)


def test_participant_who_reloads_is_the_same_participant_with_the_same_votes(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = open_room(server, new_page)
    chen = new_page(phone=True)
    join(chen, join_link, "Chen", "Guangzhou")
    post_idea(chen, "Cool roofs on schools")
    vote(chen, "Cool roofs on schools")
    expect(chen.locator(".budget")).to_have_text("2 votes left")

    chen.reload()
    expect(chen.locator("#whoami")).to_contain_text("Chen · Guangzhou")
    expect(chen.get_by_label("Your name")).to_be_hidden()
    expect(chen.locator(".budget")).to_have_text("2 votes left")
    remembered = idea(chen, "Cool roofs on schools")
    expect(remembered).to_contain_text("1 vote")
    expect(remembered.get_by_role("button", name="Take back vote")).to_be_visible()
    expect(facilitator.locator("#participants")).to_have_text("1")
    chen.screenshot(path=output_dir / "participant-after-reload.png", full_page=True)

    remembered.get_by_role("button", name="Take back vote").click()
    expect(chen.locator(".budget")).to_have_text("3 votes left")
    expect(idea(prompt_card(facilitator, PROMPT), "Cool roofs")).to_contain_text("0 votes")
    assert_no_script_errors(facilitator, chen)


def test_markup_is_refused_and_plain_text_shows_literally(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = open_room(server, new_page)
    dana = new_page(phone=True)
    dialogs: list[str] = []
    dana.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    join(dana, join_link, "Dana")

    post_idea(dana, "<img src=x onerror=alert(1)>")
    expect(dana.get_by_role("status").filter(has_text="Your idea was not posted")).to_contain_text(
        "contains HTML; please write plain text."
    )
    expect(dana.get_by_label("Your idea")).to_have_value("<img src=x onerror=alert(1)>")
    expect(dana.locator("li.idea")).to_have_count(0)

    post_idea(dana, "a < b & c")
    post_idea(dana, "Read https://example.org/heat?x=1, not javascript:alert(1)")
    for page in (dana, facilitator):
        expect(idea(page, "a < b & c").locator(".idea-text")).to_have_text("a < b & c")
        linked = idea(page, "Read https://example.org/heat")
        expect(linked.locator("a")).to_have_count(1)
        link = linked.get_by_role("link", name="https://example.org/heat?x=1")
        expect(link).to_have_attribute("href", "https://example.org/heat?x=1")
        expect(link).to_have_attribute("rel", "noopener noreferrer nofollow")
        expect(link).to_have_attribute("target", "_blank")
        expect(page.locator(".ideas img")).to_have_count(0)
    dana.screenshot(path=output_dir / "participant-markup.png", full_page=True)
    assert dialogs == []
    assert_no_script_errors(facilitator, dana)


def test_idea_written_offline_is_sent_after_reconnecting_and_the_room_catches_up(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = open_room(server, new_page)
    eva, farid = new_page(phone=True), new_page(phone=True)
    join(eva, join_link, "Eva", "Tallinn")
    join(farid, join_link, "Farid", "Amman")

    eva.context.set_offline(True)
    expect(eva.locator("#connection")).to_contain_text("Reconnecting")
    post_idea(eva, "Water refill points in markets")
    expect(eva.locator("li.idea.pending")).to_contain_text("Water refill points in markets")
    post_idea(farid, "Night buses in heat waves")
    expect(idea(facilitator, "Night buses in heat waves")).to_be_visible()
    eva.screenshot(path=output_dir / "participant-offline.png", full_page=True)

    eva.context.set_offline(False)
    expect(eva.locator("#connection")).to_have_text("Live", timeout=20_000)
    expect(idea(eva, "Night buses in heat waves")).to_contain_text("Farid · Amman")
    expect(idea(eva, "Water refill points in markets")).to_contain_text("Eva · Tallinn")
    expect(eva.locator("li.idea.pending")).to_have_count(0)
    for page in (farid, facilitator):
        expect(idea(page, "Water refill points in markets")).to_have_count(1)
    expect(facilitator.locator("#participants")).to_have_text("2")
    assert_no_script_errors(facilitator, farid)


def test_participant_that_misses_an_event_catches_up_from_the_log(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = open_room(server, new_page)
    gina, hugo = new_page(phone=True), new_page(phone=True)
    dropped: list[str] = []

    def lose_first_idea(route: Any) -> None:
        """Between server and Gina: the first idea.created frame is lost, as on bad Wi-Fi."""
        upstream = route.connect_to_server()

        def deliver(message: str | bytes) -> None:
            if not dropped and isinstance(message, str) and '"idea.created"' in message:
                dropped.append(message)
                return
            route.send(message)

        upstream.on_message(deliver)

    gina.route_web_socket(re.compile(r"/socket\.io/"), lose_first_idea)
    join(gina, join_link, "Gina", "Graz")
    join(hugo, join_link, "Hugo", "Hanoi")

    post_idea(hugo, "Misting fans in the square")
    expect(idea(facilitator, "Misting fans in the square")).to_be_visible()
    post_idea(hugo, "Shaded walking routes to school")
    expect(idea(gina, "Shaded walking routes to school")).to_be_visible()
    expect(idea(gina, "Misting fans in the square")).to_contain_text("Hugo · Hanoi")
    assert len(dropped) == 1
    assert "Misting fans in the square" in dropped[0]
    assert_no_script_errors(facilitator, gina, hugo)
