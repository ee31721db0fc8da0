"""Themes in real browsers: suggested and hand-made groups, dragging ideas, voting on themes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_phases import add_prompt, console, go_to_phase
from tests.browser.test_room_flow import assert_no_script_errors, expect, idea, join, post_idea

pytestmark = pytest.mark.browser

PROMPT = "How should our city keep people cool in a heatwave?"
TREES = ("Shade trees at every bus stop", "Plant more street trees for shade")
LIBRARIES = ("Cooling centres in libraries", "Libraries as cooling centres during heatwaves")
FOUNTAINS = "Free drinking fountains in every park"


def group_idea(scope: Any, text: str) -> Any:
    return scope.locator("li.idea").filter(has_text=text)


def test_facilitator_groups_ideas_into_themes_and_the_room_votes_on_them(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    facilitator, join_link = console(server, new_page)
    facilitator.set_viewport_size({"width": 1440, "height": 900})
    card = add_prompt(facilitator, PROMPT, phases=True)
    amina, bruno, chen = (new_page(phone=True) for _ in range(3))
    join(amina, join_link, "Amina", "Dakar")
    join(bruno, join_link, "Bruno", "Porto Alegre")
    join(chen, join_link, "Chen", "Guangzhou")

    go_to_phase(card, "Collect")
    post_idea(amina, TREES[0])
    post_idea(bruno, TREES[1])
    post_idea(chen, LIBRARIES[0])
    post_idea(amina, LIBRARIES[1])
    post_idea(bruno, FOUNTAINS)
    for text in (*TREES, *LIBRARIES, FOUNTAINS):
        expect(idea(card, text)).to_be_visible()

    go_to_phase(card, "Group")
    card.get_by_role("group", name="Show ideas").get_by_role("button", name="By theme").click()
    panel = card.get_by_role("region", name="Themes")
    ungrouped = panel.get_by_role("list", name="Ideas not in a theme")
    expect(ungrouped.locator("li.idea")).to_have_count(5)
    expect(card.locator("li.idea")).to_have_count(5)  # each idea once, not again in a ranking

    # Suggested themes: rename and accept the libraries one, reject the other.
    panel.get_by_role("button", name="Suggest themes").click()
    suggestions = panel.locator("li.suggestion")
    expect(suggestions).to_have_count(2)
    libraries = suggestions.filter(has_text=LIBRARIES[0])
    expect(libraries).to_contain_text(LIBRARIES[1])
    libraries.get_by_label("Suggested theme name").fill("Cooling centres")
    libraries.get_by_role("button", name="Accept").click()
    expect(suggestions).to_have_count(1)
    suggestions.first.get_by_role("button", name="Reject").click()
    expect(suggestions).to_have_count(0)
    cooling = panel.locator("li.theme").filter(has_text=LIBRARIES[0])
    expect(cooling.locator(".theme-name")).to_have_value("Cooling centres")
    expect(group_idea(cooling, LIBRARIES[1])).to_be_visible()
    expect(ungrouped.locator("li.idea")).to_have_count(3)

    # A theme by hand; one idea dragged in, the other moved with the keyboard.
    panel.get_by_label("New theme name").fill("Street trees")
    panel.get_by_role("button", name="New theme").click()
    trees = panel.locator("li.theme").nth(1)
    expect(trees.locator(".theme-name")).to_have_value("Street trees")
    # Picked up by its text: a drag that starts on one of its controls is a click on it.
    group_idea(ungrouped, TREES[0]).locator(".idea-text").drag_to(trees.locator("ul.group-ideas"))
    expect(group_idea(trees, TREES[0])).to_be_visible()
    choice = group_idea(ungrouped, TREES[1]).get_by_label("Theme", exact=True)
    choice.select_option(label="Street trees")
    expect(group_idea(trees, TREES[1])).to_be_visible()
    expect(ungrouped.locator("li.idea")).to_have_count(1)
    expect(group_idea(ungrouped, FOUNTAINS)).to_be_visible()

    # Renaming inline; the change survives a reload of the console.
    trees.locator(".theme-name").fill("Trees and shade")
    trees.locator(".theme-name").press("Enter")
    facilitator.reload()
    expect(facilitator.locator("#connection")).to_have_text("Live")
    panel = card.get_by_role("region", name="Themes")
    expect(card.locator("li.idea")).to_have_count(5)
    expect(panel.locator("li.theme .theme-name")).to_have_count(2)
    expect(panel.locator("li.theme").nth(1).locator(".theme-name")).to_have_value("Trees and shade")
    expect(group_idea(panel.locator("li.theme").nth(1), TREES[1])).to_be_visible()
    facilitator.screenshot(path=output_dir / "console-themes.png", full_page=True)
    assert_no_script_errors(facilitator, amina, bruno, chen)
