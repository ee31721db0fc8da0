"""A panel's questions, statements and the speakers' queue in real browsers: the facilitator
runs them from the console while participants (on their own connections) ask, upvote, take
sides and raise hands, and the big screen shows the room, readable at 1080p and 720p."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_answered_prompts import Room, add_prompt, fill_lines, open_prompt, open_room
from tests.browser.test_presenter import Participant, assert_fits
from tests.browser.test_room_flow import assert_no_script_errors, expect

pytestmark = pytest.mark.browser


@pytest.fixture
def people() -> Iterator[list[Participant]]:
    """Participants on their own Socket.IO connections, disconnected afterwards."""
    crowd: list[Participant] = []
    yield crowd
    for person in crowd:
        person.close()


def join_code(room: Room) -> str:
    code: str = room.console.locator("#join-code").inner_text()
    return code


def prompt_id(card: Any) -> int:
    return int(card.get_attribute("data-key"))


def shoot_console(page: Any, folder: Path, name: str) -> None:
    """The console as the facilitator sees it, and the whole page."""
    page.wait_for_timeout(300)
    page.screenshot(path=folder / f"{name}.png")
    page.screenshot(path=folder / f"{name}-full.png", full_page=True)


def ask(person: Participant, prompt: int, text: str) -> int:
    idea = person.ok(
        "idea.create", {"prompt_id": prompt, "text": text, "client_id": uuid.uuid4().hex}
    )["idea"]
    return int(idea["id"])


def question(page: Any, text: str) -> Any:
    return page.locator("li.question").filter(has_text=text)


def test_questions_are_approved_upvoted_answered_and_shown_on_the_big_screen(
    server: Server, new_page: Any, people: list[Participant], output_dir: Path
) -> None:
    room = open_room(server, new_page, "Panel: cities and heat")
    panel_prompt = "What would you like to ask the panel?"

    def set_up(form: Any) -> None:
        # Only a panel's switches: no phases, no vote budget, no private brainstorm.
        expect(form.get_by_label("Votes per participant")).to_be_hidden()
        expect(form.get_by_label("Run in phases")).to_be_hidden()
        expect(form.get_by_label("Private brainstorm")).to_be_hidden()
        form.get_by_label("Pre-moderate questions").check()
        form.get_by_label("Attribution of the questions").select_option("affiliation")

    card = add_prompt(room.console, "questions", panel_prompt, set_up)
    expect(card.locator(".kind-pill")).to_have_text("Questions")
    open_prompt(card)
    expect(room.screen.locator("#prompt-text")).to_have_text(panel_prompt)

    code = join_code(room)
    amina = Participant(server, code, "Amina", "Dakar")
    bruno = Participant(server, code, "Bruno", "Porto Alegre")
    chen = Participant(server, code, "Chen", "Guangzhou")
    people.extend([amina, bruno, chen])
    pid = prompt_id(card)
    asked = {
        "How do we pay for cool roofs in informal settlements?": amina,
        "Which heat measures worked fastest in your city?": bruno,
        "Who should own the data from heat sensors?": chen,
        "How do we reach people who do not read text messages?": amina,
    }
    ids = {text: ask(person, pid, text) for text, person in asked.items()}

    # Pre-moderated: nothing reaches the big screen until approved; pending ones come first.
    expect(card.locator("li.question.pending-approval")).to_have_count(4)
    expect(room.screen.locator(".questions-empty")).to_have_text(
        "No questions yet: ask yours on your device."
    )
    for text in asked:
        question(room.console, text).get_by_role("button", name="Approve").click()
    expect(card.locator("li.question.pending-approval")).to_have_count(0)

    votes = {
        "Which heat measures worked fastest in your city?": [amina, bruno, chen],
        "Who should own the data from heat sensors?": [amina, chen],
        "How do we pay for cool roofs in informal settlements?": [bruno],
    }
    for text, voters in votes.items():
        for person in voters:
            person.ok("vote.cast", {"idea_id": ids[text]})
    fastest = question(room.console, "Which heat measures worked fastest in your city?")
    expect(fastest.locator(".votes")).to_have_text("3 upvotes")
    texts = card.locator("li.question .idea-text")
    expect(texts.first).to_have_text("Which heat measures worked fastest in your city?")
    # Under the affiliation attribution, only the city shows.
    expect(fastest.locator(".author")).to_have_text("Porto Alegre")
    expect(card.locator(".prompt-stats")).to_have_text("4 questions")

    rows = room.screen.locator(".question-row")
    expect(rows).to_have_count(4)
    expect(rows.first).to_contain_text("Which heat measures worked fastest in your city?")
    expect(rows.first.locator(".bar-value")).to_have_text("3")

    # "Answer now": the question goes up at the top of the big screen, not over it.
    data = question(room.console, "Who should own the data from heat sensors?")
    data.get_by_role("button", name="Answer now").click()
    expect(data.locator(".idea-status")).to_have_text("Being answered")
    expect(room.screen.locator(".answering-label")).to_have_text("Being answered")
    expect(room.screen.locator(".answering-text")).to_have_text(
        "Who should own the data from heat sensors?"
    )
    expect(room.screen.locator("#spotlight")).to_be_hidden()
    expect(rows).to_have_count(3)
    shoot_console(room.console, output_dir, "console-answering")
    assert_fits(room.screen, output_dir / "big-screen-answering.png")

    data.get_by_role("button", name="Mark answered").click()
    expect(data).to_have_class(re.compile(r"\banswered\b"))
    expect(data.get_by_role("button", name="Undo")).to_be_visible()
    expect(card.locator("li.question").last).to_contain_text(
        "Who should own the data from heat sensors?"
    )
    expect(room.screen.locator(".answering")).to_be_hidden()
    expect(room.screen.locator("#idea-count")).to_have_text("4 questions · 1 answered")
    expect(rows).to_have_count(3)
    expect(card.locator(".prompt-stats")).to_have_text("4 questions · 1 answered")

    # A slip undone: the question waits again, in its place by upvotes.
    data.get_by_role("button", name="Undo").click()
    expect(data).not_to_have_class(re.compile(r"\banswered\b"))
    expect(rows).to_have_count(4)
    data.get_by_role("button", name="Mark answered").click()
    expect(rows).to_have_count(3)

    # The next question: answered straight from the list.
    fastest.get_by_role("button", name="Answer now").click()
    expect(room.screen.locator(".answering-text")).to_have_text(
        "Which heat measures worked fastest in your city?"
    )
    expect(room.screen.locator(".answering-votes")).to_have_text("3 upvotes")
    shoot_console(room.console, output_dir, "console")
    assert_fits(room.screen, output_dir / "big-screen.png")
    assert_no_script_errors(room.console, room.screen)


def statement(page: Any, text: str) -> Any:
    return page.locator(".statement-list li.statement").filter(has_text=text)


def test_statements_show_counts_opinion_groups_consensus_and_divisive_statements(
    server: Server, new_page: Any, people: list[Participant], output_dir: Path
) -> None:
    room = open_room(server, new_page, "Wrap-up: what the cities agree on")
    title = "Where do we agree on heat?"
    written = [
        "Every city needs a heat action plan",
        "Cities should ban new glass towers",
        "Heat alerts should come from the national level",
    ]

    def set_up(form: Any) -> None:
        expect(form.get_by_label("Votes per participant")).to_be_hidden()
        expect(form.get_by_label("Pre-moderate questions")).to_be_hidden()
        fill_lines(form, "Statement", written)
        form.get_by_label("Participants may propose statements").check()

    card = add_prompt(room.console, "statements", title, set_up)
    for text in written:
        expect(statement(room.console, text)).to_be_visible()
    expect(card.locator(".prompt-stats")).to_have_text("0 voters · 3 statements")

    # More statements from the card: one a line, Enter adds them.
    more = ["Trees beat air conditioning", "Private cars should pay for the heat they make"]
    box = card.get_by_label("New statements")
    box.fill("\n".join(more))
    box.press("Enter")
    expect(card.locator(".statement-feedback")).to_have_text("2 statements added.")
    expect(box).to_have_value("")
    expect(card.locator(".statement-list li.statement")).to_have_count(5)
    open_prompt(card)
    expect(room.screen.locator("#prompt-text")).to_have_text(title)

    pid = prompt_id(card)
    code = join_code(room)
    ids = {
        item["text"]: item["id"]
        for item in server_statements(room.console, pid)
        if item["text"] in written + more
    }
    camp_a = [Participant(server, code, f"A{n}", "North") for n in range(5)]
    camp_b = [Participant(server, code, f"B{n}", "South") for n in range(5)]
    people.extend(camp_a + camp_b)
    sides = {
        "Every city needs a heat action plan": ("agree", "agree"),
        "Cities should ban new glass towers": ("agree", "disagree"),
        "Heat alerts should come from the national level": ("disagree", "agree"),
        "Trees beat air conditioning": ("agree", "disagree"),
        "Private cars should pay for the heat they make": ("agree", "disagree"),
    }
    for text, (a, b) in sides.items():
        for person in camp_a:
            person.ok("opinion.cast", {"idea_id": ids[text], "opinion": a})
        for n, person in enumerate(camp_b):
            # One of camp B passes on the glass towers: passes count, and do not side.
            opinion = "pass" if n == 0 and text.startswith("Cities should ban") else b
            person.ok("opinion.cast", {"idea_id": ids[text], "opinion": opinion})

    # A participant proposes one; it waits for approval and reaches nobody else until then.
    proposal = "Schools should close on the hottest days"
    ask(camp_a[0], pid, proposal)
    pending = card.locator(".proposal-list li.statement").filter(has_text=proposal)
    expect(pending).to_be_visible()
    expect(pending.locator(".author")).to_have_text("A0 · North")
    pending.get_by_role("button", name="Approve").click()
    expect(statement(room.console, proposal)).to_be_visible()
    expect(card.locator(".proposals")).to_be_hidden()

    plan = statement(room.console, "Every city needs a heat action plan")
    expect(plan.locator(".opinion-counts")).to_have_text("10 agree · 0 disagree · 0 pass")
    towers = statement(room.console, "Cities should ban new glass towers")
    expect(towers.locator(".opinion-counts")).to_have_text("5 agree · 4 disagree · 1 pass")
    # The groups follow within a few seconds of the last opinion.
    expect(plan.locator(".stance-badge.consensus")).to_be_visible(timeout=15_000)
    expect(towers.locator(".stance-badge.divisive")).to_be_visible()
    expect(plan.locator(".stance-badge.divisive")).to_be_hidden()
    groups = card.locator(".groups-table")
    expect(groups.locator("thead th")).to_have_count(3)
    expect(groups.locator("thead")).to_contain_text("5 people")
    expect(card.locator(".groups-note")).to_contain_text("10 voters fall into 2 opinion groups")
    expect(card.locator(".prompt-stats")).to_have_text(
        "10 voters · 6 statements · 2 opinion groups"
    )

    screen = room.screen
    expect(screen.locator("#idea-count")).to_have_text("10 voters · 6 statements")
    expect(screen.locator(".groups-line")).to_have_text("2 opinion groups among 10 voters")
    rows = screen.locator(".statement-row")
    expect(rows).to_have_count(6)
    plan_row = rows.filter(has_text="Every city needs a heat action plan")
    expect(plan_row).to_have_class(re.compile(r"\bconsensus\b"))
    expect(plan_row.locator(".opinion-part.agree")).to_have_text("100%")
    towers_row = rows.filter(has_text="Cities should ban new glass towers")
    expect(towers_row).to_have_class(re.compile(r"\bdivisive\b"))
    expect(towers_row.locator(".opinion-bar")).to_have_attribute(
        "aria-label", "5 agree · 4 disagree · 1 pass"
    )
    expect(towers_row.locator(".group-share")).to_have_count(2)
    shoot_console(room.console, output_dir, "console")
    assert_fits(screen, output_dir / "big-screen.png")

    # Hidden results: the big screen shows how many voted, and nothing else.
    card.locator("summary", has_text="Settings").click()
    card.get_by_label("Hide results from participants until the prompt closes").check()
    expect(screen.locator(".private-number")).to_have_text("10")
    expect(screen.locator(".private-label")).to_have_text("voters")
    expect(screen.locator(".statement-row")).to_have_count(0)
    expect(card.locator(".results-private-note")).to_be_visible()
    assert_fits(screen, output_dir / "big-screen-hidden.png")
    assert_no_script_errors(room.console, screen)


def server_statements(console: Any, pid: int) -> list[dict[str, Any]]:
    """The statements of a prompt as the console's live state holds them."""
    ideas: list[dict[str, Any]] = console.evaluate(
        """(pid) => [...document.querySelectorAll(`#prompts > li[data-key="${pid}"] li.statement`)]
            .map((item) => ({ id: Number(item.dataset.key),
                              text: item.querySelector('.idea-text').textContent }))""",
        pid,
    )
    return ideas


def test_the_speakers_queue_gives_the_floor_times_turns_and_counts_speaking_time(
    server: Server, new_page: Any, people: list[Participant], output_dir: Path
) -> None:
    room = open_room(server, new_page, "Stream 2: water")
    card = add_prompt(
        room.console, "ideas", "What should the water utility try first?", lambda f: None
    )
    open_prompt(card)
    panel = room.console.locator("#queue-panel")
    expect(panel.locator(".queue-summary")).to_have_text("Nobody has the floor")
    expect(panel.locator(".queue-no-hands")).to_have_text("No hands raised.")
    expect(room.screen.locator("#queue-band")).to_be_hidden()

    code = join_code(room)
    amina = Participant(server, code, "Amina", "Dakar")
    bruno = Participant(server, code, "Bruno", "Porto Alegre")
    chen = Participant(server, code, "Chen", "Guangzhou")
    dana = Participant(server, code, "Dana", "")
    emeka = Participant(server, code, "Emeka", "Lagos")
    people.extend([amina, bruno, chen, dana, emeka])
    for person in people:
        person.ok("hand.raise", {})

    waiting = panel.locator(".queue-person")
    expect(waiting).to_have_count(5)
    expect(waiting.first).to_contain_text("Amina")
    expect(panel.locator(".queue-summary")).to_have_text("Nobody has the floor · 5 hands raised")
    band = room.screen.locator("#queue-band")
    expect(band).to_be_visible()
    expect(band.locator(".queue-next-list li")).to_have_text(
        ["Amina (Dakar)", "Bruno (Porto Alegre)", "Chen (Guangzhou)"]
    )
    expect(band.locator(".queue-more")).to_have_text("and 2 more")

    panel.get_by_label("Time per speaker").select_option(label="1 minute")
    panel.get_by_role("button", name="Next speaker: Amina (Dakar)").click()
    expect(panel.locator(".queue-speaker")).to_contain_text("Amina")
    expect(panel.locator(".queue-clock")).to_have_text(re.compile(r"^0:(5\d|60) left$"))
    expect(panel.locator(".queue-turn-limit")).to_have_text("Time given: 1:00")
    expect(band.locator(".queue-label").first).to_have_text("Speaking now")
    expect(band.locator(".queue-speaker-name")).to_have_text("Amina")
    expect(band.locator(".queue-speaker-place")).to_have_text("(Dakar)")
    expect(band.locator(".queue-clock")).to_have_text(re.compile(r"^0:5\d$"))
    expect(band.locator(".queue-clock-label")).to_have_text("left")
    expect(band.locator(".queue-next-list li")).to_have_text(
        ["Bruno (Porto Alegre)", "Chen (Guangzhou)", "Dana"]
    )
    # The prompt stays on the big screen above the band.
    expect(room.screen.locator("#prompt-text")).to_be_visible()
    shoot_console(room.console, output_dir, "console-speaking")
    assert_fits(room.screen, output_dir / "big-screen-speaking.png")

    # Out of turn: the floor goes to Dana, further down; the running turn ends.
    waiting.filter(has_text="Dana").get_by_role("button", name="Give the floor").click()
    expect(band.locator(".queue-speaker-name")).to_have_text("Dana")
    expect(band.locator(".queue-speaker-place")).to_be_hidden()
    # A hand lowered by the facilitator leaves the queue.
    waiting.filter(has_text="Emeka").get_by_role("button", name="Lower hand").click()
    expect(waiting).to_have_count(2)

    # A short turn runs over: the time over it is counted, in red, everywhere.
    panel.get_by_label("Time per speaker").select_option(label="Other (seconds)")
    panel.get_by_label("Seconds").fill("10")
    panel.get_by_role("button", name="Next speaker: Bruno (Porto Alegre)").click()
    expect(band.locator(".queue-speaker-name")).to_have_text("Bruno")
    expect(band.locator(".queue-timer")).to_have_attribute("data-urgency", "over", timeout=15_000)
    expect(band.locator(".queue-clock")).to_have_text(re.compile(r"^\+0:0\d$"))
    expect(band.locator(".queue-clock-label")).to_have_text("over time")
    expect(panel.locator(".queue-clock")).to_have_text(re.compile(r"^Over time by 0:0\d$"))
    assert_fits(room.screen, output_dir / "big-screen-over-time.png")

    panel.get_by_role("button", name="End turn").click()
    expect(panel.locator(".queue-nobody")).to_be_visible()
    expect(band.locator(".queue-now")).to_be_hidden()
    expect(band.locator(".queue-next-list li")).to_have_text(["Chen (Guangzhou)"])

    # Everyone who spoke, with their turns and time, longest first.
    panel.locator("summary", has_text="Speaking time so far").click()
    spoken = panel.locator(".spoken-table tbody tr")
    expect(spoken).to_have_count(3)
    names = spoken.locator("th").all_inner_texts()
    assert sorted(names) == ["Amina", "Bruno", "Dana"]
    assert names[0] == "Bruno", names
    expect(spoken.filter(has_text="Bruno").locator(".spoken-place")).to_have_text("Porto Alegre")
    expect(spoken.filter(has_text="Bruno").locator(".spoken-turns")).to_have_text("1")
    shoot_console(room.console, output_dir, "console")
    assert_fits(room.screen, output_dir / "big-screen-waiting.png")
    assert_no_script_errors(room.console, room.screen)
