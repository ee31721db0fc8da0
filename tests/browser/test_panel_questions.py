"""A panel's questions on the participant page, in real browsers: people ask on a phone and a
laptop, upvote by keyboard with no budget, and see the question being answered on top, then
marked answered; a question under pre-moderation waits, shown to its author alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.staffed import StaffedRoom, snap, staffed_room
from tests.browser.test_answered_prompts import fits_the_phone, phone
from tests.browser.test_room_flow import assert_no_script_errors, expect, join

pytestmark = pytest.mark.browser

PANEL = "Questions for the panel on cooling the city"
HEAT = "How will the plan reach people who work outdoors?"
TREES = "Who waters the new street trees in a drought?"
ROOFS = "Can schools apply for cool roofs this year?"
LATE = "Will the heat officer report to the council?"


@pytest.fixture
def room(server: Server) -> Iterator[StaffedRoom]:
    made = staffed_room(server, "Cooling the city")
    yield made
    made.close()


def question(page: Any, text: str) -> Any:
    return page.locator("li.question:not(.pending)").filter(has_text=text)


def questions_in_order(page: Any) -> list[str]:
    texts: list[str] = page.locator("li.question .idea-text").all_inner_texts()
    return texts


def ask(page: Any, text: str) -> None:
    """Write a question and send it from the keyboard (Ctrl+Enter)."""
    box = page.get_by_label("Ask a question")
    box.fill(text)
    box.press("Control+Enter")
    expect(question(page, text)).to_be_visible()
    expect(box).to_have_value("")


def idea_id(room: StaffedRoom, text: str) -> int:
    """The id of a question, as the facilitator's snapshot knows it."""
    ack = room.do("roundtable.join", {"join_code": room.join_code})
    for prompt in ack["snapshot"]["prompts"]:
        for idea in prompt["ideas"]:
            if idea["text"] == text:
                return int(idea["id"])
    raise AssertionError(f"no question {text!r}")


def test_questions_are_asked_upvoted_by_keyboard_and_answered_live(
    room: StaffedRoom, new_page: Any, output_dir: Path
) -> None:
    prompt_id = room.prompt(PANEL, "questions")
    room.open(prompt_id)
    amina, bruno = phone(new_page), new_page()
    join(amina, room.join_link, "Amina", "Dakar")
    join(bruno, room.join_link, "Bruno", "Porto Alegre")

    card = amina.locator("#open-prompts > section").filter(has_text=PANEL)
    expect(card.locator(".kind-pill")).to_have_text("Questions")
    # How a question will be credited is said before it is sent; no vote budget is shown.
    expect(card.locator(".credit-note")).to_contain_text(
        "Your question will be shown with your name: Amina · Dakar."
    )
    expect(amina.get_by_text("votes left")).to_have_count(0)
    expect(card.locator(".empty")).to_have_text("No questions yet. Ask the first one!")

    ask(amina, HEAT)
    ask(bruno, TREES)
    ask(bruno, ROOFS)
    for page in (amina, bruno):
        expect(question(page, TREES)).to_contain_text("Bruno · Porto Alegre")
        expect(question(page, HEAT)).to_contain_text("Amina · Dakar")
        expect(page.locator(".question-count")).to_have_text("3 questions")
    expect(question(amina, HEAT).locator(".mine-note")).to_have_text("Yours")
    expect(question(bruno, HEAT).locator(".mine-note")).to_be_hidden()
    # Newest first while nobody has upvoted.
    assert questions_in_order(amina) == [ROOFS, TREES, HEAT]

    # Upvote by keyboard: the question moves up, and the focus goes with it.
    upvote = question(amina, TREES).get_by_role("button", name="Upvote")
    upvote.focus()
    amina.keyboard.press("Enter")
    expect(upvote).to_have_attribute("aria-pressed", "true")
    expect(upvote).to_contain_text("1")
    expect(upvote).to_be_focused()
    assert questions_in_order(amina)[0] == TREES
    # No budget: every question can take an upvote.
    for text in (HEAT, ROOFS):
        button = question(amina, text).get_by_role("button", name="Upvote")
        button.focus()
        amina.keyboard.press("Space")
        expect(button).to_have_attribute("aria-pressed", "true")
    question(bruno, TREES).get_by_role("button", name="Upvote").click()
    expect(question(amina, TREES).locator(".upvote-count")).to_have_text("2")
    expect(question(bruno, ROOFS).locator(".upvote-count")).to_have_text("1")
    assert questions_in_order(bruno) == [TREES, ROOFS, HEAT]
    # Taken back with the same key; the count follows everywhere.
    button = question(amina, ROOFS).get_by_role("button", name="Upvote")
    button.focus()
    amina.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(button).to_be_focused()
    expect(question(bruno, ROOFS).locator(".upvote-count")).to_have_text("")

    # The facilitator takes up a question: it is on top, marked as being answered now.
    heat_id = idea_id(room, HEAT)
    room.do("idea.spotlight", {"idea_id": heat_id})
    for page in (amina, bruno):
        spot = page.locator("li.question.spotlight")
        expect(spot).to_have_count(1)
        expect(spot).to_contain_text(HEAT)
        expect(spot.locator(".now-note")).to_have_text("Being answered now")
        assert questions_in_order(page)[0] == HEAT
    expect(amina.locator("#announcer")).to_have_text(f"Being answered now: {HEAT}")
    snap(amina, output_dir / "participant-phone-spotlight.png")
    snap(bruno, output_dir / "participant-laptop-spotlight.png")

    # Marked answered: out of the spotlight, marked, and after the open questions.
    room.do("question.answered", {"idea_id": heat_id})
    for page in (amina, bruno):
        expect(page.locator("li.question.spotlight")).to_have_count(0)
        expect(question(page, HEAT).locator(".answered-note")).to_have_text("Answered")
        expect(page.locator(".question-count")).to_have_text("3 questions · 1 answered")
    assert questions_in_order(bruno)[-1] == HEAT

    # Under pre-moderation a question waits, shown to its author alone, until approved.
    room.do("prompt.configure", {"prompt_id": prompt_id, "premoderate": True})
    expect(card.locator(".premod-note")).to_have_text(
        "The facilitator reads each question before the room sees it."
    )
    ask(amina, LATE)
    waiting = question(amina, LATE)
    expect(waiting.locator(".approval-note")).to_have_text("Waiting for the facilitator's approval")
    expect(waiting.get_by_role("button", name="Upvote")).to_be_hidden()
    expect(question(bruno, LATE)).to_have_count(0)
    # The credit follows the room's attribution, said before the next question is sent.
    room.do("roundtable.configure", {"attribution": "affiliation"})
    expect(card.locator(".credit-note")).to_contain_text(
        "Your question will be shown with your city or organisation only: Dakar."
    )
    fits_the_phone(amina)
    snap(amina, output_dir / "participant-phone.png")
    room.do("idea.approve", {"idea_id": idea_id(room, LATE)})
    expect(question(bruno, LATE)).to_contain_text("Dakar")
    expect(question(amina, LATE).locator(".approval-note")).to_be_hidden()
    snap(bruno, output_dir / "participant-laptop.png")

    # Closed, the questions stay under the results, with their upvotes and no buttons.
    room.do("prompt.close", {"prompt_id": prompt_id})
    closed = bruno.locator("#closed-prompts > section").filter(has_text=PANEL)
    expect(closed.locator("li.question")).to_have_count(4)
    expect(closed.get_by_role("button", name="Upvote")).to_have_count(0)
    expect(closed.locator("li.question").first).to_contain_text("2 upvotes")
    snap(bruno, output_dir / "participant-laptop-closed.png")
    assert_no_script_errors(amina, bruno)
