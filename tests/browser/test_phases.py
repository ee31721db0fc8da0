"""Facilitation in real browsers: phases, a private brainstorm, attribution, timers, follow me."""

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
    idea,
    join,
    post_idea,
    prompt_card,
    sign_in,
    vote,
)

pytestmark = pytest.mark.browser

PROMPT = "Which heat measure should our city fund first?"
SECOND = "Who should we bring into the next round?"


def console(server: Server, new_page: Any, *, title: str = "Heat plans") -> tuple[Any, str]:
    """A signed-in facilitator on the console of a new roundtable; returns it and the join link."""
    email = server.create_staff("facilitator@example.org", name="Fatima Facilitator")
    facilitator = new_page()
    sign_in(facilitator, server, email)
    create_roundtable(facilitator, title)
    join_link: str = facilitator.locator("#join-link").get_attribute("href")
    return facilitator, join_link


def add_prompt(
    page: Any, text: str, *, phases: bool = False, private: bool = False, hide_tallies: bool = False
) -> Any:
    """Write a draft prompt with the chosen options; returns its card on the console."""
    page.get_by_label("Prompt", exact=True).fill(text)
    for label, wanted in (
        ("Run in phases", phases),
        ("Private brainstorm", private),
        ("Hide tallies until results", hide_tallies),
    ):
        page.locator("#prompt-form").get_by_label(label).set_checked(wanted)
    page.get_by_role("button", name="Add prompt").click()
    card = prompt_card(page, text)
    expect(card.locator(".badge")).to_have_text("Draft")
    return card


def go_to_phase(card: Any, phase: str) -> None:
    card.get_by_role("list", name="Phase").get_by_role("button", name=phase).click()
    expect(card.locator('.step[aria-current="step"]')).to_have_text(re.compile(phase))


def participant_prompt(page: Any, text: str) -> Any:
    return page.locator("#open-prompts > section").filter(has_text=text)


def test_a_prompt_runs_through_its_phases_with_a_private_brainstorm_and_hidden_tallies(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = console(server, new_page)
    card = add_prompt(facilitator, PROMPT, phases=True, private=True, hide_tallies=True)
    amina, bruno = new_page(phone=True), new_page(phone=True)
    join(amina, join_link, "Amina", "Dakar")
    join(bruno, join_link, "Bruno", "Porto Alegre")

    go_to_phase(card, "Collect")
    expect(card.locator(".badge")).to_have_text("Open")
    for page in (amina, bruno):
        section = participant_prompt(page, PROMPT)
        expect(section.locator(".badge")).to_have_text("Collect")
        expect(section).to_contain_text("Add your ideas")
        expect(page.get_by_label("Your idea")).to_be_visible()
        expect(page.get_by_role("button", name="Vote", exact=True)).to_have_count(0)

    # Collect, in private: each sees their own idea and only a count of the others'.
    post_idea(amina, "Shade sails over the market")
    expect(idea(amina, "Shade sails over the market")).to_contain_text("Amina · Dakar")
    post_idea(bruno, "Cool rooms in libraries")
    expect(idea(bruno, "Cool rooms in libraries")).to_contain_text("Bruno · Porto Alegre")
    expect(amina.locator(".hidden-count")).to_have_text(
        "1 idea from others, hidden until the facilitator reveals it"
    )
    expect(bruno.locator(".hidden-count")).to_have_text(
        "1 idea from others, hidden until the facilitator reveals it"
    )
    expect(idea(amina, "Cool rooms")).to_have_count(0)
    expect(idea(bruno, "Shade sails")).to_have_count(0)
    expect(amina.locator("li.idea")).to_have_count(1)
    expect(idea(card, "Shade sails over the market")).to_be_visible()
    expect(idea(card, "Cool rooms in libraries")).to_be_visible()
    amina.screenshot(path=output_dir / "participant-private-collect.png", full_page=True)
    facilitator.screenshot(path=output_dir / "console-private-collect.png", full_page=True)

    # A reload keeps one's own idea in full and the others' hidden.
    amina.reload()
    expect(idea(amina, "Shade sails over the market")).to_be_visible()
    expect(amina.locator(".hidden-count")).to_contain_text("1 idea from others")

    card.get_by_role("button", name="Reveal ideas").click()
    expect(card.get_by_role("button", name="Reveal ideas")).to_be_hidden()
    for page in (amina, bruno):
        expect(idea(page, "Shade sails over the market")).to_contain_text("Amina · Dakar")
        expect(idea(page, "Cool rooms in libraries")).to_contain_text("Bruno · Porto Alegre")
        expect(page.locator(".hidden-count")).to_be_hidden()

    # Chatham House: names go from every page.
    facilitator.get_by_label("Attribution", exact=True).select_option("anonymous")
    for page in (amina, bruno, facilitator):
        expect(idea(page, "Shade sails over the market")).to_contain_text("Anonymous")
        expect(idea(page, "Cool rooms in libraries")).to_contain_text("Anonymous")
        expect(page.locator("li.idea .author").filter(has_text="Amina")).to_have_count(0)
        expect(page.locator("li.idea .author").filter(has_text="Bruno")).to_have_count(0)

    newcomer = new_page(phone=True)
    newcomer.goto(join_link)
    expect(newcomer.get_by_text("Ideas are shown without names")).to_be_visible()

    # This prompt may name people after all, then follows the roundtable again.
    card.get_by_text("Settings").click()
    override = card.get_by_label("Attribution for this prompt")
    override.select_option("named")
    expect(idea(bruno, "Shade sails over the market")).to_contain_text("Amina · Dakar")
    override.select_option(label="Same as roundtable")
    expect(idea(bruno, "Shade sails over the market")).to_contain_text("Anonymous")

    # Vote, with a minute on the clock that does not move on by itself.
    go_to_phase(card, "Vote")
    card.get_by_label("Duration").select_option(label="1 minute")
    card.get_by_label("Advance to the next phase when time is up").set_checked(False)
    card.get_by_role("button", name="Start timer").click()
    expect(card.get_by_role("timer")).to_have_text(re.compile(r"^[01]:\d\d left$"))
    for page in (amina, bruno):
        section = participant_prompt(page, PROMPT)
        expect(section.locator(".badge")).to_have_text("Vote")
        expect(section).to_contain_text("Vote for the ideas you support")
        expect(section.get_by_role("timer")).to_have_text(re.compile(r"^(1:00|0:[0-5]\d) left$"))
        expect(page.get_by_label("Your idea")).to_be_hidden()
        expect(page.get_by_role("button", name="Vote", exact=True)).to_have_count(2)
    first = amina.get_by_role("timer").inner_text()
    expect(amina.get_by_role("timer")).not_to_have_text(first, timeout=3_000)

    # Late ideas may be let in while voting, and shut out again.
    late = card.get_by_label("Allow ideas after collecting")
    late.check()
    expect(amina.get_by_label("Your idea")).to_be_visible()
    late.uncheck()
    expect(amina.get_by_label("Your idea")).to_be_hidden()

    vote(amina, "Shade sails")
    vote(bruno, "Shade sails")
    vote(bruno, "Cool rooms")
    expect(amina.locator(".budget")).to_have_text("2 votes left")
    expect(bruno.locator(".budget")).to_have_text("1 vote left")
    expect(idea(card, "Shade sails")).to_contain_text("2 votes")
    expect(idea(card, "Cool rooms")).to_contain_text("1 vote")
    for page in (amina, bruno):
        expect(page.locator("li.idea .votes").filter(has_text=re.compile(r"\d"))).to_have_count(0)
        expect(page.get_by_text("Vote counts stay hidden until the results.")).to_be_visible()
    amina.screenshot(path=output_dir / "participant-vote-hidden-tallies.png", full_page=True)
    facilitator.screenshot(path=output_dir / "console-vote.png", full_page=True)

    # Results: counts and ranking for everyone, and nothing left to vote on.
    go_to_phase(card, "Results")
    for page in (amina, bruno):
        section = participant_prompt(page, PROMPT)
        expect(section.locator(".badge")).to_have_text("Results")
        expect(page.get_by_role("button", name="Vote", exact=True)).to_have_count(0)
        expect(page.get_by_role("button", name="Take back vote")).to_have_count(0)
        expect(page.get_by_label("Your idea")).to_be_hidden()
        ranked = section.get_by_role("list", name="Ideas ranked by votes").locator("li.idea")
        expect(ranked.nth(0)).to_contain_text("Shade sails over the market")
        expect(ranked.nth(0)).to_contain_text("2 votes")
        expect(ranked.nth(1)).to_contain_text("Cool rooms in libraries")
        expect(ranked.nth(1)).to_contain_text("1 vote")
    amina.screenshot(path=output_dir / "participant-results.png", full_page=True)
    facilitator.screenshot(path=output_dir / "console-results.png", full_page=True)
    assert_no_script_errors(facilitator, amina, bruno, newcomer)


def test_facilitator_brings_everyone_to_a_prompt(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = console(server, new_page)
    first = add_prompt(facilitator, PROMPT)
    first.get_by_role("button", name="Open").click()
    second = add_prompt(facilitator, SECOND)
    second.get_by_role("button", name="Open").click()
    chen = new_page(phone=True)
    join(chen, join_link, "Chen", "Guangzhou")
    expect(chen.locator("#open-prompts > section")).to_have_count(2)

    second.get_by_role("button", name="Bring everyone here").click()
    expect(second.get_by_text("Everyone is here")).to_be_visible()
    expect(first.get_by_text("Everyone is here")).to_be_hidden()
    focused = participant_prompt(chen, SECOND)
    expect(focused).to_have_class(re.compile(r"\bfocused\b"))
    expect(focused).to_contain_text("The facilitator brought everyone to this prompt")
    expect(chen.locator("#open-prompts > section")).to_have_count(1)
    expect(focused).to_be_in_viewport()
    chen.screenshot(path=output_dir / "participant-followed.png", full_page=True)
    facilitator.screenshot(path=output_dir / "console-focus.png", full_page=True)

    # A newcomer lands on the same prompt.
    dana = new_page(phone=True)
    join(dana, join_link, "Dana")
    expect(participant_prompt(dana, SECOND)).to_contain_text("The facilitator brought everyone")
    expect(dana.locator("#open-prompts > section")).to_have_count(1)

    second.get_by_role("button", name="Let everyone roam").click()
    expect(chen.locator("#open-prompts > section")).to_have_count(2)
    expect(chen.locator("#open-prompts .focus-note:visible")).to_have_count(0)
    expect(chen.locator("#open-prompts .focused")).to_have_count(0)
    assert_no_script_errors(facilitator, chen, dana)


def test_a_timer_that_runs_out_moves_the_prompt_to_its_next_phase(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = console(server, new_page)
    card = add_prompt(facilitator, PROMPT, phases=True)
    go_to_phase(card, "Collect")
    eva = new_page(phone=True)
    join(eva, join_link, "Eva", "Tallinn")
    section = participant_prompt(eva, PROMPT)
    expect(section.locator(".badge")).to_have_text("Collect")

    card.get_by_label("Duration").select_option("custom")
    card.get_by_label("Seconds").fill("5")
    card.get_by_label("Advance to the next phase when time is up").set_checked(True)
    card.get_by_role("button", name="Start timer").click()
    expect(section.get_by_role("timer")).to_have_text(re.compile(r"^0:0[1-5] left$"))
    eva.screenshot(path=output_dir / "participant-timer.png", full_page=True)

    expect(section.locator(".badge")).to_have_text("Group", timeout=15_000)
    expect(section).to_contain_text("The facilitator is grouping ideas")
    expect(eva.get_by_label("Your idea")).to_be_hidden()
    expect(card.locator('.step[aria-current="step"]')).to_have_text(re.compile("Group"))
    eva.screenshot(path=output_dir / "participant-after-timer.png", full_page=True)
    assert_no_script_errors(facilitator, eva)


def skew_clock(page: Any, offset_ms: int) -> None:
    """The page's clock runs `offset_ms` off, as on a laptop set to the wrong time."""
    page.add_init_script(
        f"(() => {{ const real = Date.now; Date.now = () => real() + {offset_ms}; }})()"
    )


def test_countdowns_follow_the_servers_clock_even_after_reconnecting(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = console(server, new_page)
    card = add_prompt(facilitator, PROMPT)
    card.get_by_role("button", name="Open").click()
    fast, slow = new_page(phone=True), new_page(phone=True)
    skew_clock(fast, 67 * 60 * 1000)
    skew_clock(slow, -10 * 60 * 1000)
    join(fast, join_link, "Ines", "Lima")
    join(slow, join_link, "Jon", "Oslo")

    card.get_by_label("Duration").select_option(label="2 minutes")
    card.get_by_role("button", name="Start timer").click()
    about_two_minutes = re.compile(r"^(2:00|1:5\d) left$")
    expect(card.get_by_role("timer")).to_have_text(about_two_minutes)
    for page in (fast, slow):
        expect(page.get_by_role("timer")).to_have_text(about_two_minutes)

    fast.context.set_offline(True)
    expect(fast.locator("#connection")).to_contain_text("Reconnecting")
    fast.context.set_offline(False)
    expect(fast.locator("#connection")).to_have_text("Live", timeout=20_000)
    expect(fast.get_by_role("timer")).to_have_text(about_two_minutes)
    fast.reload()
    expect(fast.get_by_role("timer")).to_have_text(about_two_minutes)
    fast.screenshot(path=output_dir / "participant-fast-clock.png", full_page=True)

    card.get_by_role("button", name="Stop timer").click()
    for page in (fast, slow):
        expect(page.get_by_role("timer")).to_have_count(0)
    assert_no_script_errors(facilitator, fast, slow)
