"""One prompt's whole cycle in real browsers, from private ideas to results on the big screen."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_phases import add_prompt, console, go_to_phase, participant_prompt
from tests.browser.test_presenter import FULL_HD, assert_fits, card
from tests.browser.test_room_flow import (
    assert_no_script_errors,
    expect,
    idea,
    join,
    post_idea,
    vote,
)

pytestmark = pytest.mark.browser

PROMPT = "How should our city keep people cool in a heatwave?"
TREES = ("Shade trees at every bus stop", "Plant more street trees for shade")
LIBRARIES = ("Cooling centres in libraries", "Libraries as cooling centres during heatwaves")
FOUNTAINS = "Free drinking fountains in every park"


def theme(page: Any, name: str) -> Any:
    """A theme as participants see it: a group of ideas under its name."""
    return page.get_by_role("region", name=name)


def bar(screen: Any, text: str) -> Any:
    """The results bar whose label is exactly `text`."""
    label = screen.locator(".bar-text").filter(has_text=re.compile(f"^{re.escape(text)}$"))
    return screen.locator(".bar-row").filter(has=label)


def vote_for_theme(page: Any, name: str) -> None:
    page.get_by_role("button", name=f"Vote for the theme {name}").click()
    expect(page.get_by_role("button", name=f"Take back vote for the theme {name}")).to_be_visible()


def test_collect_privately_reveal_group_with_a_suggested_theme_vote_and_show_results(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = console(server, new_page)
    facilitator.set_viewport_size({"width": 1440, "height": 900})
    card_ = add_prompt(facilitator, PROMPT, phases=True, private=True, hide_tallies=True)
    with facilitator.context.expect_page() as opened:
        facilitator.get_by_role("link", name="Big screen").click()
    screen = opened.value
    screen.js_errors = []
    screen.on("pageerror", lambda error: screen.js_errors.append(str(error)))
    screen.set_viewport_size(FULL_HD)
    screen.emulate_media(reduced_motion="reduce")
    expect(screen.locator("#connection")).to_have_text("Live")
    amina, bruno, chen = (new_page(phone=True) for _ in range(3))
    join(amina, join_link, "Amina", "Dakar")
    join(bruno, join_link, "Bruno", "Porto Alegre")
    join(chen, join_link, "Chen", "Guangzhou")
    expect(screen.locator(".welcome-count")).to_have_text("3 participants joined")

    # Collect in private: everyone sees their own ideas and a count of the others'.
    go_to_phase(card_, "Collect")
    post_idea(amina, TREES[0])
    post_idea(bruno, TREES[1])
    post_idea(chen, LIBRARIES[0])
    post_idea(amina, LIBRARIES[1])
    post_idea(bruno, FOUNTAINS)
    expect(amina.locator("li.idea")).to_have_count(2)
    expect(amina.locator(".hidden-count")).to_have_text(
        "3 ideas from others, hidden until the facilitator reveals them"
    )
    expect(chen.locator("li.idea")).to_have_count(1)
    expect(screen.locator(".private-number")).to_have_text("5")
    expect(screen.get_by_text(TREES[0])).to_have_count(0)
    amina.screenshot(path=output_dir / "1-participant-private-collect.png", full_page=True)
    assert_fits(screen, output_dir / "1-screen-private-collect.png")

    # Reveal: every idea reaches every screen.
    card_.get_by_role("button", name="Reveal ideas").click()
    for page in (amina, bruno, chen):
        expect(page.locator("li.idea")).to_have_count(5)
        expect(page.locator(".hidden-count")).to_be_hidden()
    for text in (*TREES, *LIBRARIES, FOUNTAINS):
        expect(card(screen, text)).to_be_visible()

    # Group, starting from a suggested theme the facilitator renames and accepts.
    go_to_phase(card_, "Group")
    panel = card_.get_by_role("region", name="Themes")
    panel.get_by_role("button", name="Suggest themes").click()
    suggestion = panel.locator("li.suggestion").filter(has_text=LIBRARIES[0])
    expect(suggestion).to_contain_text(LIBRARIES[1])
    suggestion.get_by_label("Suggested theme name").fill("Cooling centres")
    suggestion.get_by_role("button", name="Accept").click()
    expect(panel.locator("li.suggestion").filter(has_text=LIBRARIES[0])).to_have_count(0)
    for page in (amina, bruno, chen):
        cooling = theme(page, "Cooling centres")
        expect(cooling.locator("li.idea")).to_have_count(2)
        expect(cooling).to_contain_text(LIBRARIES[0])
        expect(cooling).to_contain_text(LIBRARIES[1])
        others = page.get_by_role("list", name="Ideas in no theme")
        expect(others.locator("li.idea")).to_have_count(3)
    expect(screen.locator(".theme-column").filter(has_text="Cooling centres")).to_contain_text(
        LIBRARIES[0]
    )
    chen.screenshot(path=output_dir / "2-participant-themes.png", full_page=True)
    assert_fits(screen, output_dir / "2-screen-themes.png")

    # Vote on themes and ideas from one budget; the counts stay hidden until the results.
    go_to_phase(card_, "Vote")
    expect(participant_prompt(bruno, PROMPT)).to_contain_text("Vote for the themes and ideas")
    vote_for_theme(amina, "Cooling centres")
    vote(amina, TREES[0])
    expect(amina.locator(".budget")).to_have_text("1 vote left")
    vote_for_theme(bruno, "Cooling centres")
    vote(chen, TREES[0])
    vote(chen, FOUNTAINS)
    vote(chen, LIBRARIES[0])
    expect(chen.locator(".budget")).to_have_text("0 votes left")
    expect(chen.get_by_role("button", name="Vote for the theme Cooling centres")).to_be_disabled()
    for page in (amina, bruno, chen):
        expect(page.get_by_text("Vote counts stay hidden until the results.")).to_be_visible()
        counts = participant_prompt(page, PROMPT).locator(".votes")
        expect(counts.filter(has_text=re.compile(r"\d"))).to_have_count(0)
    expect(screen.get_by_text("Results are shown at the end")).to_be_visible()
    expect(screen.locator(".bar-row")).to_have_count(0)
    amina.screenshot(path=output_dir / "3-participant-vote.png", full_page=True)

    # Results: the theme and the ideas ranked, on the big screen and on every phone.
    go_to_phase(card_, "Results")
    expect(screen.locator("#phase")).to_have_text("Results")
    expect(bar(screen, "Cooling centres").locator(".bar-tag")).to_have_text("Theme")
    # A theme's bar counts its supporters: the two who voted for it and Chen, for an idea in it.
    expect(bar(screen, "Cooling centres").locator(".bar-value")).to_have_text("3")
    expect(bar(screen, "Cooling centres").locator(".bar-unit")).to_have_text("supporters")
    expect(bar(screen, TREES[0]).locator(".bar-value")).to_have_text("2")
    expect(bar(screen, FOUNTAINS).locator(".bar-value")).to_have_text("1")
    expect(bar(screen, LIBRARIES[0]).locator(".bar-value")).to_have_text("1")
    expect(bar(screen, LIBRARIES[0]).locator(".bar-tag")).to_be_hidden()
    assert_fits(screen, output_dir / "4-screen-results.png")
    for page in (amina, bruno, chen):
        # Amina and Bruno voted for the theme, Chen for an idea in it: three supporters.
        expect(theme(page, "Cooling centres").locator(".group-head")).to_contain_text(
            "3 supporters"
        )
        ranked = page.get_by_role("list", name="Ideas in no theme").locator("li.idea")
        expect(ranked.first).to_contain_text(TREES[0])
        expect(ranked.first).to_contain_text("2 votes")
        expect(page.get_by_role("button", name=re.compile("^Vote"))).to_have_count(0)
    expect(idea(bruno, FOUNTAINS)).to_contain_text("1 vote")
    bruno.screenshot(path=output_dir / "4-participant-results.png", full_page=True)
    facilitator.screenshot(path=output_dir / "4-console-results.png", full_page=True)
    assert_no_script_errors(facilitator, screen, amina, bruno, chen)
