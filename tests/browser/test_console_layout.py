"""The console with a written agenda: the prompt form folds away, feedback sits by its control."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.crowded import IDEAS, THEMES, CrowdedRoom, seed_crowded_room
from tests.browser.crowded import PROMPT as CROWDED_PROMPT
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


def idea_ids(scope: Any) -> list[int]:
    """The ids of the ideas listed in `scope`, in the order shown."""
    ids: list[int] = scope.locator("li.idea").evaluate_all(
        "items => items.map((item) => Number(item.dataset.key))"
    )
    return ids


def open_console(server: Server, new_page: Any, room: CrowdedRoom) -> Any:
    console = new_page()
    console.set_viewport_size({"width": 1366, "height": 768})
    sign_in(console, server, room.email)
    console.goto(server.url(room.console_path()))
    expect(console.locator("#connection")).to_have_text("Live")
    return console


def test_a_crowded_prompt_lists_each_idea_once_in_either_view(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    room = seed_crowded_room(server)
    console = open_console(server, new_page, room)
    card = prompt_card(console, CROWDED_PROMPT)
    expect(card.locator("li.idea")).to_have_count(len(IDEAS))
    switch = card.get_by_role("group", name="Show ideas")
    everything = switch.get_by_role("button", name="All ideas")
    by_theme = switch.get_by_role("button", name="By theme")
    expect(everything).to_have_attribute("aria-pressed", "true")
    expect(by_theme).to_have_attribute("aria-pressed", "false")

    # All ideas: one ranked list, each idea once, with a tag for its theme.
    ranked = card.get_by_role("list", name="Ideas ranked by votes")
    assert sorted(idea_ids(card)) == sorted(room.idea_ids)
    assert sorted(idea_ids(ranked)) == sorted(room.idea_ids)
    themed = room.themed()
    for idea_id in (room.idea_ids[0], room.idea_ids[4], room.idea_ids[2]):
        tag = ranked.locator(f'li.idea[data-key="{idea_id}"] .theme-tag')
        if idea_id in themed:
            expect(tag).to_have_text(f"Theme: {themed[idea_id]}")
        else:
            expect(tag).to_be_hidden()
    expect(ranked.locator("li.idea").first).to_contain_text(IDEAS[2])  # 4 votes
    console.screenshot(path=str(output_dir / "all-ideas-top.png"))
    switch.evaluate("node => node.scrollIntoView()")
    console.screenshot(path=str(output_dir / "all-ideas.png"))
    console.screenshot(path=str(output_dir / "all-ideas-full.png"), full_page=True)

    # By theme, from the keyboard: each theme with its ideas, then the rest, each idea once.
    by_theme.focus()
    console.keyboard.press("Enter")
    expect(by_theme).to_have_attribute("aria-pressed", "true")
    expect(everything).to_have_attribute("aria-pressed", "false")
    expect(by_theme).to_be_focused()
    expect(ranked.locator("li.idea")).to_have_count(0)
    expect(card.locator("li.idea")).to_have_count(len(IDEAS))
    assert sorted(idea_ids(card)) == sorted(room.idea_ids)
    for name, indexes in THEMES.items():
        group = card.get_by_role("list", name=f"Ideas in {name}")
        assert sorted(idea_ids(group)) == sorted(room.idea_ids[i] for i in indexes)
    rest = card.get_by_role("list", name="Ideas not in a theme")
    assert sorted(idea_ids(rest)) == sorted(set(room.idea_ids) - set(themed))
    # Themes are ranked by support, as the server ranks them.
    names = card.locator("li.theme .theme-name").evaluate_all("inputs => inputs.map(i => i.value)")
    assert names[0] == "Trees and shade", names
    switch.evaluate("node => node.scrollIntoView()")
    console.screenshot(path=str(output_dir / "by-theme.png"))
    console.screenshot(path=str(output_dir / "by-theme-full.png"), full_page=True)

    # The choice survives a reload.
    console.reload()
    expect(console.locator("#connection")).to_have_text("Live")
    expect(by_theme).to_have_attribute("aria-pressed", "true")
    expect(card.locator("li.idea")).to_have_count(len(IDEAS))
    assert sorted(idea_ids(card)) == sorted(room.idea_ids)
    stored = console.evaluate("localStorage.getItem('roundtable.console.ideaView')")
    assert '"themes"' in stored

    # Moderation by theme: hiding, the keyboard's theme choice, dragging.
    fountains = rest.locator(f'li.idea[data-key="{room.idea_ids[2]}"]')
    fountains.get_by_label("Theme", exact=True).select_option(label="Cool places to go")
    places = card.get_by_role("list", name="Ideas in Cool places to go")
    expect(places.locator(f'li.idea[data-key="{room.idea_ids[2]}"]')).to_be_visible()
    # A new theme, and an idea dragged into it, picked up by its text (a drag that starts on
    # a control is a click on that control).
    panel = card.get_by_role("region", name="Themes")
    panel.get_by_label("New theme name").fill("Work and transport")
    panel.get_by_role("button", name="New theme").click()
    transport = card.get_by_role("list", name="Ideas in Work and transport")
    expect(transport).to_be_visible()
    loose = rest.locator("li.idea").first
    loose_id = int(loose.get_attribute("data-key"))
    loose.locator(".idea-text").drag_to(transport)
    expect(transport.locator(f'li.idea[data-key="{loose_id}"]')).to_be_visible()
    expect(rest.locator(f'li.idea[data-key="{loose_id}"]')).to_have_count(0)
    trees = card.get_by_role("list", name="Ideas in Trees and shade")
    shade = trees.locator(f'li.idea[data-key="{room.idea_ids[0]}"]')
    shade.get_by_role("button", name="Hide", exact=True).click()
    expect(card.locator(f'li.idea[data-key="{room.idea_ids[0]}"]')).to_contain_text("Hidden")
    assert sorted(idea_ids(card)) == sorted(room.idea_ids)

    # Back to all ideas: still each once, the moves shown as tags.
    everything.click()
    expect(ranked.locator("li.idea")).to_have_count(len(IDEAS))
    assert sorted(idea_ids(card)) == sorted(room.idea_ids)
    moved = ranked.locator(f'li.idea[data-key="{room.idea_ids[2]}"]')
    expect(moved.locator(".theme-tag")).to_have_text("Theme: Cool places to go")
    moved.get_by_label("Theme", exact=True).select_option(label="Not in a theme")
    expect(moved.locator(".theme-tag")).to_be_hidden()
    assert_no_script_errors(console)
