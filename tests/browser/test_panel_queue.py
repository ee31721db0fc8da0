"""The speakers' queue on the participant page, in real browsers: raise a hand by keyboard from
whatever prompt is shown, see one's place in line, who has the floor and their time running
out, get the floor and run into overtime, then finish; lower a hand that is waiting."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.crowded import call
from tests.browser.staffed import StaffedRoom, snap, staffed_room
from tests.browser.test_answered_prompts import fits_the_phone, phone
from tests.browser.test_room_flow import assert_no_script_errors, expect, join

pytestmark = pytest.mark.browser

PROMPT = "What should our city try first to keep people cool?"


@pytest.fixture
def room(server: Server) -> Iterator[StaffedRoom]:
    made = staffed_room(server, "Cooling the city")
    yield made
    made.close()


def bar(page: Any, name: str = "Speakers' queue") -> Any:
    return page.get_by_role("region", name=name)


def join_in_french(page: Any, join_link: str, name: str, city: str) -> None:
    page.goto(join_link)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_label("Votre nom").fill(name)
    page.get_by_label("Ville ou organisation (facultatif)").fill(city)
    page.get_by_role("button", name="Rejoindre").click()
    expect(page.locator("#whoami")).to_contain_text(name)


def test_a_hand_goes_up_waits_its_turn_speaks_over_time_and_comes_down(
    room: StaffedRoom, new_page: Any, output_dir: Path
) -> None:
    room.open(room.prompt(PROMPT, "ideas"))
    amina, bruno = phone(new_page), new_page()
    join(amina, room.join_link, "Amina", "Dakar")
    join(bruno, room.join_link, "Bruno", "Porto Alegre")
    chen = room.participant("Chen", "Guangzhou")

    # The bar is there whatever the prompt, and says that hands are shown by name.
    queue = bar(amina)
    raise_hand = queue.get_by_role("button", name="Raise hand")
    expect(raise_hand).to_be_visible()
    expect(queue.locator(".floor-note")).to_have_text(
        "The queue shows your name and city or organisation."
    )
    expect(raise_hand).to_have_accessible_description(
        "The queue shows your name and city or organisation."
    )
    expect(queue.locator(".floor-now")).to_be_hidden()

    # Chen's hand goes up first, then Amina's (by keyboard) and Bruno's.
    call(chen, "hand.raise", {})
    expect(queue.locator(".floor-waiting")).to_have_text("1 hand up")
    raise_hand.focus()
    amina.keyboard.press("Enter")
    lower = queue.get_by_role("button", name="Lower hand")
    expect(lower).to_be_focused()
    expect(queue.locator(".floor-place")).to_have_text("You are 2nd in line.")
    expect(queue.locator(".floor-note")).to_be_hidden()
    expect(amina.locator("#announcer")).to_have_text("Your hand is up.")
    bar(bruno).get_by_role("button", name="Raise hand").click()
    expect(bar(bruno).locator(".floor-place")).to_have_text("You are 3rd in line.")
    # In French, the place is an ordinal of French.
    chloe = new_page(locale="fr-FR")
    join_in_french(chloe, room.join_link, "Chloé", "Lyon")
    bar(chloe, "File des prises de parole").get_by_role("button", name="Lever la main").click()
    expect(chloe.locator(".floor-place")).to_have_text("Vous êtes 4ᵉ dans la file.")
    expect(chloe.locator(".floor-waiting")).to_have_text("4 mains levées")
    expect(queue.locator(".floor-waiting")).to_have_text("4 hands up")

    # Chen has the floor for 10 seconds: everyone sees the name and the time running down.
    room.do("floor.give", {"seconds": 10})
    for page in (amina, bruno):
        expect(bar(page).locator(".floor-speaker")).to_have_text("Speaking: Chen · Guangzhou")
        expect(bar(page).locator(".floor-clock")).to_have_text(re.compile(r"^0:(10|0\d) left$"))
    expect(queue.locator(".floor-place")).to_have_text("You are next in line.")
    expect(bar(bruno).locator(".floor-place")).to_have_text("You are 2nd in line.")
    expect(queue.locator(".floor-waiting")).to_have_text("3 hands up")
    expect(chloe.locator(".floor-speaker")).to_have_text("Au micro : Chen · Guangzhou")
    expect(chloe.locator(".floor-clock")).to_have_text(re.compile(r"^0:(10|0\d) restant$"))
    expect(chloe.locator(".floor-place")).to_have_text("Vous êtes 3ᵉ dans la file.")
    chloe.screenshot(path=output_dir / "participant-laptop-fr.png")

    # Then the floor is Amina's: hers to speak, and she is told when her time is up.
    room.do("floor.give", {})
    expect(queue.locator(".floor-place")).to_have_text("You have the floor.")
    expect(queue).to_have_class(re.compile(r"\bspeaking\b"))
    expect(bar(bruno).locator(".floor-speaker")).to_have_text("Speaking: Amina · Dakar")
    expect(bar(bruno).locator(".floor-place")).to_have_text("You are next in line.")
    finished = queue.get_by_role("button", name="I have finished")
    expect(finished).to_be_visible()
    clock = queue.locator(".floor-clock")
    expect(clock).to_have_text(re.compile(r"^0:0\d left$"))
    expect(clock).to_have_text(re.compile(r"^0:0[1-9] over time$"), timeout=15_000)
    expect(clock).to_have_class(re.compile(r"\bovertime\b"))
    expect(bar(bruno).locator(".floor-clock")).to_have_text(re.compile(r"over time$"))
    expect(amina.locator("#announcer")).to_have_text("Your speaking time is up.")
    fits_the_phone(amina)
    amina.screenshot(path=output_dir / "participant-phone-speaking.png")
    bruno.screenshot(path=output_dir / "participant-laptop-waiting.png")

    # She finishes by keyboard: the floor is free, and the button raises a hand again.
    finished.focus()
    amina.keyboard.press("Enter")
    expect(queue.get_by_role("button", name="Raise hand")).to_be_focused()
    expect(queue.locator(".floor-place")).to_be_hidden()
    expect(bar(bruno).locator(".floor-speaker")).to_be_hidden()
    expect(queue.locator(".floor-waiting")).to_have_text("2 hands up")

    # Bruno and Chloé change their minds while waiting.
    bar(bruno).get_by_role("button", name="Lower hand").click()
    expect(bar(bruno).get_by_role("button", name="Raise hand")).to_be_visible()
    expect(bar(bruno).locator(".floor-place")).to_be_hidden()
    expect(chloe.locator(".floor-place")).to_have_text("Votre tour vient ensuite.")
    chloe.get_by_role("button", name="Baisser la main").click()
    expect(chloe.get_by_role("button", name="Lever la main")).to_be_visible()
    expect(queue.locator(".floor-now")).to_be_hidden()
    snap(amina, output_dir / "participant-phone.png")
    snap(bruno, output_dir / "participant-laptop.png")
    assert_no_script_errors(amina, bruno, chloe)
