"""Polls, scales, rankings and assessments in real browsers: the facilitator sets one up on the
console and opens it, participants answer on their phones and laptops (by keyboard too), and
the results move live on the console and the big screen, or stay hidden until it closes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_presenter import FULL_HD, assert_fits
from tests.browser.test_room_flow import (
    assert_no_script_errors,
    create_roundtable,
    expect,
    join,
    prompt_card,
    sign_in,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 780}
EMAIL = "facilitator@example.org"


@dataclass
class Room:
    """A facilitator's console, the big screen and the join link of one roundtable."""

    console: Any
    screen: Any
    join_link: str


def open_room(server: Server, new_page: Any, title: str) -> Room:
    server.create_staff(EMAIL, name="Fatima Facilitator")
    console = new_page()
    sign_in(console, server, EMAIL)
    create_roundtable(console, title)
    join_link: str = console.locator("#join-link").get_attribute("href")
    roundtable_id = re.search(r"/roundtables/(\d+)$", console.url).group(1)  # type: ignore[union-attr]
    screen = new_page()
    screen.set_viewport_size(FULL_HD)
    screen.emulate_media(reduced_motion="reduce")
    sign_in(screen, server, EMAIL)
    screen.goto(server.url(f"/roundtables/{roundtable_id}/present"))
    expect(screen.locator("#connection")).to_have_text("Live")
    return Room(console, screen, join_link)


def phone(new_page: Any) -> Any:
    """A participant on a small phone, 375 pixels wide."""
    page = new_page(phone=True)
    page.set_viewport_size(PHONE)
    return page


def add_prompt(console: Any, kind: str, text: str, set_up: Callable[[Any], None]) -> Any:
    """Write a draft of `kind` on the console, its setup filled in by `set_up(form)`."""
    form = console.locator("#prompt-form")
    form.get_by_label("Kind of prompt").select_option(kind)
    form.get_by_label("Prompt", exact=True).fill(text)
    set_up(form)
    form.get_by_role("button", name="Add prompt").click()
    card = prompt_card(console, text)
    expect(card.locator(".badge")).to_have_text("Draft")
    return card


def open_prompt(card: Any) -> None:
    card.get_by_role("button", name="Open", exact=True).click()
    expect(card.locator(".badge")).to_have_text("Open")


def fill_lines(form: Any, label: str, texts: list[str]) -> None:
    """Options or items, one a line; Enter in the last line starts the next."""
    for n, text in enumerate(texts, start=1):
        line = form.get_by_label(f"{label} {n}", exact=True)
        if not line.count():
            form.get_by_label(f"{label} {n - 1}", exact=True).press("Enter")
        line.fill(text)


def answered(page: Any, text: str) -> Any:
    return page.locator("#open-prompts > section").filter(has_text=text)


def fits_the_phone(page: Any) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"the phone page scrolls sideways by {overflow}px"


def shoot(page: Any, path: Path, *, full_page: bool = True) -> None:
    page.wait_for_timeout(300)
    page.screenshot(path=path, full_page=full_page)


def test_a_poll_is_answered_by_keyboard_on_a_phone_and_counted_live(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    room = open_room(server, new_page, "Getting around")
    question = "How do you get to work most days?"

    def set_up(form: Any) -> None:
        fill_lines(form, "Option", ["Tram", "Bus", "Bicycle", "On foot"])
        form.get_by_label("Options each participant may choose").fill("2")

    card = add_prompt(room.console, "poll", question, set_up)
    expect(card.locator(".setup-summary")).to_contain_text("Tram · Bus · Bicycle · On foot")
    expect(card.locator(".setup-summary")).to_contain_text("Up to 2 choices each")
    open_prompt(card)
    expect(room.screen.locator("#prompt-text")).to_have_text(question)

    amina, bruno = phone(new_page), new_page()
    join(amina, room.join_link, "Amina", "Dakar")
    join(bruno, room.join_link, "Bruno", "Porto Alegre")
    poll = answered(amina, question)
    expect(poll.locator(".answer-help")).to_have_text("Choose up to 2 options.")
    # By keyboard alone: Space ticks a box, Tab moves on, Enter sends.
    poll.get_by_label("Tram").focus()
    for key in ("Space", "Tab", "Tab", "Space", "Tab", "Space"):
        amina.keyboard.press(key)
    expect(poll.get_by_label("On foot")).not_to_be_checked()
    expect(poll.locator(".answer-error")).to_have_text("Choose up to 2 options.")
    amina.keyboard.press("Tab")
    expect(poll.get_by_role("button", name="Send answer")).to_be_focused()
    amina.keyboard.press("Enter")
    expect(poll.locator(".answer-status")).to_have_text("Your answer: Tram, Bicycle")
    expect(poll.get_by_role("button", name="Change answer")).to_be_visible()

    theirs = answered(bruno, question)
    theirs.get_by_label("Tram").check()
    theirs.get_by_role("button", name="Send answer").click()
    expect(theirs.locator(".answer-status")).to_have_text("Your answer: Tram")

    for page in (amina, bruno):
        expect(answered(page, question).locator(".results-summary")).to_have_text("2 responses")
        expect(answered(page, question).locator(".result-row").first).to_contain_text(
            "2 votes · 100%"
        )
    tram = card.locator(".result-row").filter(has_text="Tram")
    expect(tram).to_contain_text("2 votes · 100%")
    expect(card.locator(".result-row").filter(has_text="Bicycle")).to_contain_text("1 vote · 50%")
    expect(card.locator(".prompt-stats")).to_have_text("2 responses")
    expect(room.screen.locator("#idea-count")).to_have_text("2 responses")
    expect(room.screen.locator(".bar-row").filter(has_text="Tram")).to_contain_text("100%")
    expect(room.screen.locator(".bar-row").filter(has_text="Bicycle")).to_contain_text("50%")

    fits_the_phone(amina)
    shoot(amina, output_dir / "participant-phone.png")
    shoot(room.console, output_dir / "console.png")
    assert_fits(room.screen, output_dir / "big-screen.png")
    assert_no_script_errors(room.console, room.screen, amina, bruno)


def test_a_scale_shows_its_distribution_and_average_everywhere(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    room = open_room(server, new_page, "Heat readiness")
    statement = "Our city is ready for the next heatwave"

    def set_up(form: Any) -> None:
        form.get_by_label("Scale", exact=True).select_option(label="From 0 to 10")

    card = add_prompt(room.console, "scale", statement, set_up)
    expect(card.locator(".setup-summary")).to_have_text("From 0 to 10")
    open_prompt(card)

    amina, bruno = phone(new_page), new_page()
    join(amina, room.join_link, "Amina", "Dakar")
    join(bruno, room.join_link, "Bruno", "Porto Alegre")
    scale = answered(amina, statement)
    expect(scale.locator(".scale-ends")).to_contain_text("0 = strongly disagree")
    expect(scale.locator(".scale-ends")).to_contain_text("10 = strongly agree")
    # One radio group: the arrow keys move along the scale.
    scale.get_by_role("radio", name="0", exact=True).focus()
    for _ in range(7):
        amina.keyboard.press("ArrowRight")
    expect(scale.get_by_role("radio", name="7", exact=True)).to_be_checked()
    scale.get_by_role("button", name="Send answer").click()
    expect(scale.locator(".answer-status")).to_have_text("Your rating: 7 out of 10")

    theirs = answered(bruno, statement)
    theirs.get_by_role("radio", name="9", exact=True).check()
    theirs.get_by_role("button", name="Send answer").click()
    expect(theirs.locator(".answer-status")).to_have_text("Your rating: 9 out of 10")

    summary = "Average 8 · Spread ±1 · 2 responses"
    expect(scale.locator(".results-summary")).to_have_text(summary)
    expect(card.locator(".results-summary")).to_have_text(summary)
    expect(card.locator(".scale-mean-label")).to_have_text("Average 8")
    expect(room.screen.locator(".scale-average")).to_have_text("8")
    expect(room.screen.locator(".scale-spread")).to_have_text("Spread ±1")
    counts = room.screen.locator(".scale-count").all_inner_texts()
    assert counts == ["0"] * 7 + ["1", "0", "1", "0"]

    # Changing one's mind moves the results for everyone.
    scale.get_by_role("radio", name="9", exact=True).check()
    scale.get_by_role("button", name="Change answer").click()
    expect(room.screen.locator(".scale-average")).to_have_text("9")
    expect(card.locator(".results-summary")).to_have_text("Average 9 · Spread ±0 · 2 responses")

    fits_the_phone(amina)
    shoot(amina, output_dir / "participant-phone.png")
    shoot(room.console, output_dir / "console.png")
    assert_fits(room.screen, output_dir / "big-screen.png")
    assert_no_script_errors(room.console, room.screen, amina, bruno)


def test_a_ranking_keeps_its_results_hidden_until_it_closes(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    room = open_room(server, new_page, "Priorities")
    question = "What should the city fund first?"

    def set_up(form: Any) -> None:
        fill_lines(form, "Option", ["Shade trees", "Drinking fountains", "Cool roofs"])
        form.get_by_label("Hide results until the prompt closes").check()

    card = add_prompt(room.console, "ranking", question, set_up)
    # Phases, a vote budget and a private brainstorm are for prompts that collect ideas.
    form = room.console.locator("#prompt-form")
    expect(form.get_by_label("Run in phases")).to_be_hidden()
    expect(form.get_by_label("Votes per participant")).to_be_hidden()
    expect(card.get_by_role("list", name="Phase")).to_be_hidden()
    open_prompt(card)

    amina, bruno = phone(new_page), new_page()
    join(amina, room.join_link, "Amina", "Dakar")
    join(bruno, room.join_link, "Bruno", "Porto Alegre")
    ranking = answered(amina, question)
    # By keyboard: each button says which option it moves, and focus stays with the option.
    for option in ("Cool roofs", "Shade trees"):
        ranking.get_by_role("button", name=f"Add {option} to your ranking").focus()
        amina.keyboard.press("Enter")
    ranking.get_by_role("button", name="Move Shade trees up").focus()
    amina.keyboard.press("Enter")
    shade = ranking.locator(".rank-item").filter(has_text="Shade trees")
    expect(shade.locator("button:focus")).to_have_count(1)
    expect(ranking.locator(".rank-item .rank-text")).to_have_text(["Shade trees", "Cool roofs"])
    ranking.get_by_role("button", name="Send answer").click()
    expect(ranking.locator(".answer-status")).to_have_text(
        "Your ranking: 1. Shade trees, 2. Cool roofs"
    )
    expect(ranking.locator(".results-hidden-note")).to_be_visible()

    theirs = answered(bruno, question)
    for option in ("Drinking fountains", "Shade trees", "Cool roofs"):
        theirs.get_by_role("button", name=f"Add {option} to your ranking").click()
    theirs.get_by_role("button", name="Send answer").click()
    expect(theirs.locator(".answer-status")).to_contain_text("1. Drinking fountains")

    # Hidden from the room: participants and the big screen see only how many answered.
    expect(ranking.locator(".responses-count")).to_have_text("2 responses")
    expect(ranking.locator(".results")).to_be_hidden()
    expect(room.screen.locator(".private-number")).to_have_text("2")
    expect(room.screen.locator(".private-label")).to_have_text("responses")
    expect(room.screen.locator("#board-note")).to_contain_text("shown when it closes")
    expect(room.screen.locator(".bar-row")).to_have_count(0)
    # The facilitator sees the Borda count live: 2 + 1 for Shade trees, 1 for Cool roofs...
    rows = card.locator(".result-row")
    expect(rows.first).to_contain_text("Shade trees")
    expect(rows.first).to_contain_text("3 points")
    expect(card.locator(".results-private-note")).to_be_visible()

    fits_the_phone(amina)
    shoot(amina, output_dir / "participant-phone-hidden.png")
    shoot(room.console, output_dir / "console-hidden.png")
    assert_fits(room.screen, output_dir / "big-screen-hidden.png")

    # Brought to everyone's screen, it stays on the big screen once closed, with its results.
    room.screen.set_viewport_size(FULL_HD)
    card.get_by_role("button", name="Bring everyone here").click()
    expect(card.locator(".here-pill")).to_be_visible()
    card.get_by_role("button", name="Close", exact=True).click()
    expect(card.locator(".badge")).to_have_text("Closed")
    bars = room.screen.locator(".bar-row")
    expect(bars).to_have_count(3)
    expect(bars.first).to_contain_text("Shade trees")
    expect(bars.first.locator(".bar-rank")).to_have_text("1")
    closed = amina.locator("#closed-prompts > section").filter(has_text=question)
    expect(closed.locator(".result-row").first).to_contain_text("Shade trees")
    expect(closed.locator(".answer-status")).to_contain_text("1. Shade trees")

    fits_the_phone(amina)
    shoot(amina, output_dir / "participant-phone.png")
    shoot(room.console, output_dir / "console.png")
    assert_fits(room.screen, output_dir / "big-screen.png")
    assert_no_script_errors(room.console, room.screen, amina, bruno)


def test_an_assessment_is_scored_item_by_item_with_comments_and_radar_charts(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    room = open_room(server, new_page, "Urban innovation award")
    question = "Score the shortlisted initiatives"

    def set_up(form: Any) -> None:
        fill_lines(form, "Item", ["Guangzhou river park", "Bogotá bike lanes"])
        # The Guangzhou Award's criteria are there to start from.
        expect(form.get_by_label("Criterion 1", exact=True)).to_have_value("Innovativeness")
        expect(form.get_by_label("Criterion 4", exact=True)).to_have_value(
            "Significance to the SDGs and the New Urban Agenda"
        )
        form.locator(".criterion-editor").nth(1).get_by_label("Weight").fill("2")

    card = add_prompt(room.console, "assessment", question, set_up)
    expect(card.locator(".setup-summary")).to_contain_text("Effectiveness (weight 2)")

    # A draft's setup can still change: a third item.
    card.get_by_role("button", name="Edit", exact=True).click()
    card.get_by_role("button", name="Add an item").click()
    card.get_by_label("Item 3", exact=True).fill("Medellín escalators")
    card.get_by_role("button", name="Save", exact=True).click()
    expect(card.locator(".draft-feedback")).to_have_text("Prompt saved.")
    expect(card.locator(".setup-summary")).to_contain_text("Medellín escalators")
    open_prompt(card)

    amina, bruno = phone(new_page), new_page()
    join(amina, room.join_link, "Amina", "Dakar")
    join(bruno, room.join_link, "Bruno", "Porto Alegre")
    assessment = answered(amina, question)
    expect(assessment.locator(".assess-progress")).to_have_text("Scored 0 of 12")
    park = assessment.locator("details.assess-item").filter(has_text="Guangzhou river park")
    for n, value in enumerate(("5", "4", "4", "3")):
        criterion = park.locator("fieldset.assess-criterion").nth(n)
        criterion.get_by_role("radio", name=value, exact=True).check()
    park.get_by_label("Comment on Effectiveness (optional)").fill("Cooler by two degrees")
    park.get_by_role("button", name="Save scores").click()
    expect(park.locator(".assess-item-state")).to_have_text("Scored")
    expect(assessment.locator(".assess-progress")).to_have_text("Scored 4 of 12")

    theirs = answered(bruno, question)
    for item, values in (("Guangzhou river park", "3333"), ("Bogotá bike lanes", "45")):
        details = theirs.locator("details.assess-item").filter(has_text=item)
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        for n, value in enumerate(values):
            criterion = details.locator("fieldset.assess-criterion").nth(n)
            criterion.get_by_role("radio", name=value, exact=True).check()
        details.get_by_role("button", name="Save scores").click()
        expect(details.locator(".assess-saved")).to_have_text("Scores saved.")
    expect(theirs.locator(".assess-progress")).to_have_text("Scored 6 of 12")

    # Bogotá: (4 + 2 * 5) / 3; the park: criteria means 4, 3.5, 3.5, 3 weighted 1, 2, 1, 1.
    rows = card.locator(".result-bars > .result-row")
    expect(rows.first).to_contain_text("Bogotá bike lanes")
    expect(rows.first).to_contain_text("4.7 / 5")
    expect(rows.nth(1)).to_contain_text("3.5 / 5")
    expect(rows.nth(2)).to_contain_text("Not scored yet")
    expect(card.locator(".comment")).to_have_text(["EffectivenessCooler by two degrees"])
    expect(card.locator(".comment")).not_to_contain_text("Amina")
    expect(card.locator("svg.radar")).to_have_count(3)
    for page in (amina, bruno):
        first = answered(page, question).locator(".result-bars > .result-row").first
        expect(first).to_contain_text("Bogotá bike lanes")
        # Participants are not sent the comments.
        expect(answered(page, question).locator(".comment")).to_have_count(0)
    expect(room.screen.locator(".answer-bars .bar-row").first).to_contain_text("Bogotá bike lanes")
    expect(room.screen.locator(".radar-card").first).to_contain_text("Bogotá bike lanes")
    expect(room.screen.locator(".radar-card svg.radar").first).to_be_visible()
    expect(room.screen.locator(".comment")).to_have_count(0)

    fits_the_phone(amina)
    shoot(amina, output_dir / "participant-phone.png")
    shoot(room.console, output_dir / "console.png")
    assert_fits(room.screen, output_dir / "big-screen.png")
    assert_no_script_errors(room.console, room.screen, amina, bruno)


def speak(page: Any, server: Server, language: str) -> None:
    """Choose the page's language, as the language switch does, for the pages opened next."""
    page.context.add_cookies([{"name": "language", "value": language, "url": server.base_url}])


def test_an_assessment_reads_in_french_chinese_and_spanish(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    room = open_room(server, new_page, "Prix de l'innovation urbaine")
    speak(room.console, server, "fr")
    room.console.reload()
    expect(room.console.locator("#connection")).to_have_text("En direct")
    speak(room.screen, server, "es")
    room.screen.reload()
    question = "Notez les initiatives retenues"

    def set_up(form: Any) -> None:
        form.get_by_label("Type de question").select_option("assessment")
        fill_lines(form, "Élément", ["Parc fluvial de Canton", "Pistes cyclables de Bogotá"])
        # The starter rubric in the console's language.
        expect(form.get_by_label("Critère 1", exact=True)).to_have_value("Caractère innovant")

    form = room.console.locator("#prompt-form")
    form.get_by_label("Question", exact=True).fill(question)
    set_up(form)
    form.get_by_role("button", name="Ajouter la question").click()
    card = prompt_card(room.console, question)
    card.get_by_role("button", name="Ouvrir", exact=True).click()
    expect(card.locator(".badge")).to_have_text("Ouverte")

    li = new_page(phone=True, locale="zh-CN")
    li.set_viewport_size(PHONE)
    li.goto(room.join_link)
    li.get_by_label("您的姓名").fill("李雷")
    li.get_by_role("button", name="加入", exact=True).click()
    assessment = answered(li, question)
    expect(assessment.locator(".kind-pill")).to_have_text("评估")
    expect(assessment.locator(".assess-progress")).to_have_text("已评分\uff1a0 / 8")
    park = assessment.locator("details.assess-item").first
    expect(park.locator("legend").first).to_contain_text("Caractère innovant")
    for n, value in enumerate(("5", "4", "4", "3")):
        park.locator("fieldset.assess-criterion").nth(n).get_by_role(
            "radio", name=value, exact=True
        ).check()
    park.get_by_role("button", name="保存评分").click()
    expect(assessment.locator(".assess-progress")).to_have_text("已评分\uff1a4 / 8")
    expect(assessment.locator(".results-summary")).to_have_text("1 份回答")

    expect(card.locator(".prompt-stats")).to_have_text("1 réponse")
    expect(card.locator(".result-bars > .result-row").first).to_contain_text("4 / 5")
    expect(room.screen.locator("#phase")).to_have_text("Evaluación")
    expect(room.screen.locator("#idea-count")).to_have_text("1 respuesta")
    expect(room.screen.locator(".answer-bars .bar-row").first).to_contain_text("de 5")

    fits_the_phone(li)
    shoot(li, output_dir / "participant-phone-zh.png")
    shoot(room.console, output_dir / "console-fr.png")
    assert_fits(room.screen, output_dir / "big-screen-es.png")
    assert_no_script_errors(room.console, room.screen, li)
