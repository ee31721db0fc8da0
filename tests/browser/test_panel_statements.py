"""Statements on the participant page, in real browsers: the facilitator puts statements to the
room, people agree, disagree or pass by keyboard on a phone (and change their minds), and once
the results are shown, a room of ten sees its opinion groups, the statement everyone agrees with
and those that divide it. A participant's own proposal waits for approval, shown to them alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.crowded import call
from tests.browser.staffed import StaffedRoom, snap, staffed_room
from tests.browser.test_answered_prompts import PHONE, fits_the_phone, phone
from tests.browser.test_room_flow import assert_no_script_errors, expect, join

pytestmark = pytest.mark.browser

PROMPT = "Where do you stand on keeping the city cool?"
SHADE = "Every school yard should have shade by next summer"
TOLL = "Cars should pay to enter the centre on the hottest days"
GLASS = "The city should stop approving new glass towers"
TEXTS = "Heat warnings by text message are enough"
NIGHT = "Fountains should run all night in a heatwave"
STATEMENTS = [SHADE, TOLL, GLASS, TEXTS, NIGHT]
PROPOSAL = "Bus stops need shade and drinking water"
# Two camps: they agree on shade in school yards and split on the rest.
CAMP_A = {SHADE: "agree", TOLL: "agree", GLASS: "agree", TEXTS: "disagree", NIGHT: "pass"}
CAMP_B = {SHADE: "agree", TOLL: "disagree", GLASS: "disagree", TEXTS: "agree", NIGHT: "pass"}


@pytest.fixture
def room(server: Server) -> Iterator[StaffedRoom]:
    made = staffed_room(server, "Cooling the city")
    yield made
    made.close()


def statement(page: Any, text: str, where: str = "#open-prompts") -> Any:
    return page.locator(f"{where} li.statement").filter(has_text=text)


def test_statements_are_marked_by_keyboard_and_the_room_sees_its_groups(
    room: StaffedRoom, new_page: Any, output_dir: Path
) -> None:
    prompt_id = room.prompt(PROMPT, "statements", participant_statements=True)
    ids = {}
    for n, text in enumerate(STATEMENTS):
        added = room.do("idea.create", {"prompt_id": prompt_id, "text": text, "client_id": f"s{n}"})
        ids[text] = added["idea"]["id"]
    room.open(prompt_id)

    amina, bruno = phone(new_page), new_page()
    join(amina, room.join_link, "Amina", "Dakar")
    join(bruno, room.join_link, "Bruno", "Porto Alegre")
    card = amina.locator("#open-prompts > section").filter(has_text=PROMPT)
    expect(card.locator(".kind-pill")).to_have_text("Statements")
    expect(card.locator("li.statement .statement-text")).to_have_text(STATEMENTS)
    expect(card.locator(".statements-progress")).to_have_text(
        "You have responded to 0 of 5 statements."
    )
    # Statements are credited to nobody and take no votes.
    expect(card.get_by_role("button", name="Vote")).to_have_count(0)

    # By keyboard: Space marks the focused choice, Tab goes on to the next statement, and the
    # arrow keys move along one statement's three choices.
    statement(amina, SHADE).get_by_role("radio", name="Agree", exact=True).focus()
    amina.keyboard.press("Space")
    for key in ("Tab", "Space", "Tab", "Space", "Tab", "ArrowRight", "Tab", "ArrowRight"):
        amina.keyboard.press(key)
    # Changing one's mind on the last: Disagree, then Pass.
    amina.keyboard.press("ArrowRight")
    night = statement(amina, NIGHT)
    expect(night.get_by_role("radio", name="Pass", exact=True)).to_be_checked()
    expect(night.get_by_role("radio", name="Pass", exact=True)).to_be_focused()
    for text, opinion in CAMP_A.items():
        choice = statement(amina, text).get_by_role("radio", name=opinion.capitalize(), exact=True)
        expect(choice).to_be_checked()
    expect(card.locator(".statements-progress")).to_have_text(
        "You have responded to 5 of 5 statements."
    )
    expect(statement(amina, NIGHT).locator(".tally-text")).to_have_text(
        "0 agree · 0 disagree · 1 pass"
    )

    for text, opinion in CAMP_B.items():
        statement(bruno, text).get_by_role("radio", name=opinion.capitalize(), exact=True).check()
    expect(statement(amina, TOLL).locator(".tally-text")).to_have_text(
        "1 agree · 1 disagree · 0 pass"
    )
    expect(card.locator(".groups-line")).to_have_text(
        "2 voters so far: too few yet to find opinion groups."
    )

    # The facilitator hides the tallies: nobody sees counts or groups meanwhile.
    room.do("prompt.configure", {"prompt_id": prompt_id, "hide_tallies": True})
    expect(card.locator(".tallies-note")).to_have_text(
        "The counts and opinion groups are shown when the facilitator reveals the results."
    )
    expect(card.locator(".opinion-tally:visible")).to_have_count(0)
    expect(card.locator(".groups-line")).to_be_hidden()

    # Eight more voters, four in each camp: enough for opinion groups.
    for n in range(8):
        person = room.participant(f"Voter {n}")
        for text, opinion in (CAMP_A if n % 2 else CAMP_B).items():
            call(person, "opinion.cast", {"idea_id": ids[text], "opinion": opinion})

    # A proposal waits for approval, shown to its author alone.
    box = amina.get_by_label("Propose a statement")
    expect(card.locator(".propose-form")).to_contain_text(
        "The facilitator checks each proposed statement before it is put to the room."
    )
    box.fill(PROPOSAL)
    box.press("Control+Enter")
    proposals = card.locator(".proposals")
    expect(proposals.get_by_role("heading")).to_have_text("Your proposals awaiting approval")
    expect(proposals.locator("li")).to_contain_text(PROPOSAL)
    expect(proposals.locator("li")).to_contain_text("Waiting for the facilitator's approval")
    expect(bruno.get_by_text(PROPOSAL)).to_have_count(0)
    fits_the_phone(amina)
    snap(amina, output_dir / "participant-phone-hidden.png")

    # Someone reading in Chinese, who has not marked anything yet.
    li = new_page(phone=True, locale="zh-CN")
    li.set_viewport_size(PHONE)
    li.goto(room.join_link)
    li.get_by_label("您的姓名").fill("李雷")
    li.get_by_role("button", name="加入", exact=True).click()
    expect(li.locator(".statements-progress")).to_have_text("您已回应 5 条陈述中的 0 条。")
    choices = statement(li, SHADE).get_by_role("radiogroup", name=SHADE)
    expect(choices.get_by_role("radio")).to_have_count(3)
    for label in ("同意", "不同意", "跳过"):
        expect(choices.get_by_role("radio", name=label, exact=True)).not_to_be_checked()

    # The results shown: counts, the groups, and which statements unite or divide the room.
    room.do("prompt.configure", {"prompt_id": prompt_id, "hide_tallies": False})
    expect(li.locator(".groups-line")).to_have_text("10 位投票者形成了 2 个观点群组。")
    expect(statement(li, SHADE).locator(".verdict.consensus")).to_have_text("广泛共识")
    expect(statement(li, TOLL).locator(".verdict.divisive")).to_have_text("存在分歧")
    fits_the_phone(li)
    snap(li, output_dir / "participant-phone-zh.png")
    for page in (amina, bruno):
        expect(page.locator(".groups-line")).to_have_text("2 opinion groups among 10 voters.")
        expect(statement(page, SHADE).locator(".verdict.consensus")).to_have_text("Broad agreement")
        for text in (TOLL, GLASS, TEXTS):
            expect(statement(page, text).locator(".verdict.divisive")).to_have_text(
                "Divides the room"
            )
        expect(statement(page, NIGHT).locator(".verdicts")).to_be_hidden()
        expect(statement(page, SHADE).locator(".tally-text")).to_have_text(
            "10 agree · 0 disagree · 0 pass"
        )
    snap(amina, output_dir / "participant-phone.png")
    snap(bruno, output_dir / "participant-laptop.png")

    # Approved, the proposal is a statement like the others, and it waits for my opinion.
    approved = room.do("idea.approve", {"idea_id": _pending_id(room, prompt_id)})
    assert approved["idea"]["text"] == PROPOSAL
    expect(statement(bruno, PROPOSAL)).to_be_visible()
    expect(proposals).to_be_hidden()
    expect(card.locator(".statements-progress")).to_have_text(
        "You have responded to 5 of 6 statements."
    )

    # Closed: what I said, and what the room made of it, stay under the results.
    room.do("prompt.close", {"prompt_id": prompt_id})
    closed = statement(amina, SHADE, "#closed-prompts")
    expect(closed.locator(".my-opinion")).to_have_text("Your opinion: Agree")
    expect(closed.locator(".verdict.consensus")).to_be_visible()
    expect(amina.locator("#closed-prompts input[type=radio]:visible")).to_have_count(0)
    snap(amina, output_dir / "participant-phone-closed.png")
    assert_no_script_errors(amina, bruno, li)


def _pending_id(room: StaffedRoom, prompt_id: int) -> int:
    """The id of the one proposal awaiting approval, as the facilitator sees it."""
    ack = room.do("roundtable.join", {"join_code": room.join_code})
    prompt = next(p for p in ack["snapshot"]["prompts"] if p["id"] == prompt_id)
    return int(next(i["id"] for i in prompt["ideas"] if i["status"] == "pending"))
