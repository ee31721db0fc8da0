"""The big screen in a real browser: it shows what participants see, live, at projector size."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import requests
import socketio

from tests.browser.conftest import Server
from tests.browser.test_room_flow import (
    assert_no_script_errors,
    expect,
    join,
    post_idea,
    sign_in,
    vote,
)
from tests.conftest import acked

pytestmark = pytest.mark.browser

PROMPT = "Which heat measure should our city fund first?"
FIRST = "How do we keep rents within reach?"
SECOND = "Who else should be at this table next time?"
FULL_HD = {"width": 1920, "height": 1080}
HD = {"width": 1280, "height": 720}


class Facilitator:
    """The facilitator's side of the room, driven over Socket.IO with an API token."""

    def __init__(self, server: Server, token: str) -> None:
        self.server = server
        self.token = token
        self.sio = socketio.Client(reconnection=False)
        self.roundtable_id = 0

    def create_roundtable(self, title: str) -> dict[str, Any]:
        response = requests.post(
            self.server.url("/api/roundtables"),
            json={"title": title},
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=10,
        )
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        self.roundtable_id = created["id"]
        return created

    def ideas(self, prompt_id: int) -> dict[str, int]:
        """The ids of a prompt's ideas, by their text, from the staff snapshot."""
        response = requests.get(
            self.server.url(f"/api/roundtables/{self.roundtable_id}"),
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=10,
        )
        assert response.status_code == 200, response.text
        (prompt,) = [p for p in response.json()["prompts"] if p["id"] == prompt_id]
        return {idea["text"]: idea["id"] for idea in prompt["ideas"]}

    def join(self, join_code: str) -> None:
        self.sio.connect(self.server.base_url, auth={"token": self.token}, transports=["websocket"])
        self.ok("roundtable.join", {"join_code": join_code})

    def ok(self, event: str, payload: dict[str, Any]) -> dict[str, Any]:
        return acked(self.sio.call(event, payload, timeout=10))

    def close(self) -> None:
        if self.sio.connected:
            self.sio.disconnect()


@pytest.fixture
def facilitator(server: Server) -> Iterator[Facilitator]:
    email = server.create_staff("facilitator@example.org", name="Fatima Facilitator")
    driver = Facilitator(server, server.api_token(email))
    yield driver
    driver.close()


def big_screen(server: Server, new_page: Any, roundtable_id: int) -> Any:
    """The presenter page of a roundtable, signed in as staff, at projector size."""
    page = new_page()
    page.set_viewport_size(FULL_HD)
    # Still frames for the screenshots: new ideas are marked without sliding in.
    page.emulate_media(reduced_motion="reduce")
    sign_in(page, server, "facilitator@example.org")
    page.goto(server.url(f"/roundtables/{roundtable_id}/present"))
    expect(page.locator("#connection")).to_have_text("Live")
    return page


# What is shown but reaches past the edge of the screen (the page itself cannot scroll).
OUTSIDE_THE_SCREEN = """() => [...document.querySelectorAll(".stage *")]
    .filter((node) => node.getClientRects().length > 0)
    .filter((node) => {
        const box = node.getBoundingClientRect();
        return box.left < -1 || box.top < -1 || box.right > innerWidth + 1
            || box.bottom > innerHeight + 1;
    })
    .map((node) => node.className || node.tagName)"""


def assert_fits(page: Any, output: Path | None = None) -> None:
    """Nothing scrolls or is cut off, at full HD and at 720p; a screenshot of each when asked."""
    for size in (HD, FULL_HD):
        page.set_viewport_size(size)
        page.wait_for_timeout(150)
        overflow = page.evaluate(
            "() => [document.documentElement.scrollWidth - innerWidth,"
            " document.documentElement.scrollHeight - innerHeight]"
        )
        assert overflow == [0, 0], f"the page scrolls at {size}: {overflow}"
        outside = page.evaluate(OUTSIDE_THE_SCREEN)
        assert outside == [], f"cut off by the edge of the screen at {size}: {outside}"
        if output is not None:
            suffix = "" if size == FULL_HD else "-720p"
            page.screenshot(path=output.with_name(f"{output.stem}{suffix}.png"))


def assert_no_overlap(page: Any, selector: str) -> None:
    """The boxes of the elements shown do not overlap one another."""
    boxes = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((node) => !node.hidden)
            .map((node) => { const r = node.getBoundingClientRect();
                             return [node.textContent, r.left, r.top, r.right, r.bottom]; })""",
        selector,
    )
    assert boxes
    for index, (name, left, top, right, bottom) in enumerate(boxes):
        for other, o_left, o_top, o_right, o_bottom in boxes[index + 1 :]:
            apart = right <= o_left or o_right <= left or bottom <= o_top or o_bottom <= top
            assert apart, f"{name!r} overlaps {other!r}"


def group_into_themes(
    facilitator: Facilitator, prompt_id: int, themes: dict[str, list[str]]
) -> dict[str, dict[str, Any]]:
    """Move the prompt to grouping and make each theme from its ideas' texts; the themes by name."""
    ideas = facilitator.ideas(prompt_id)
    facilitator.ok("prompt.phase", {"prompt_id": prompt_id, "phase": "group"})
    return {
        name: facilitator.ok(
            "theme.create",
            {"prompt_id": prompt_id, "name": name, "idea_ids": [ideas[text] for text in texts]},
        )["theme"]
        for name, texts in themes.items()
    }


def card(page: Any, text: str) -> Any:
    return page.locator(".idea-card").filter(has_text=text)


def test_big_screen_follows_the_room_as_participants_see_it(
    server: Server, new_page: Any, output_dir: Path, facilitator: Facilitator
) -> None:
    created = facilitator.create_roundtable("Heat plans")
    code, join_link = created["join_code"], created["join_url"]
    facilitator.join(code)
    prompt = facilitator.ok(
        "prompt.create", {"text": PROMPT, "phases": True, "hide_tallies": True}
    )["prompt"]
    screen = big_screen(server, new_page, created["id"])

    # Before a prompt is open, the screen invites people in.
    expect(screen.locator("#welcome-code")).to_have_text(code)
    expect(screen.get_by_role("img", name="QR code for the join link")).to_be_visible()
    expect(screen.locator(".welcome-link")).to_have_text(re.compile(f"/join/{code}$"))
    expect(screen.get_by_text(PROMPT)).to_have_count(0)
    amina, bruno = new_page(phone=True), new_page(phone=True)
    join(amina, join_link, "Amina", "Dakar")
    join(bruno, join_link, "Bruno", "Porto Alegre")
    expect(screen.locator(".welcome-count")).to_have_text("2 participants joined")
    assert_fits(screen, output_dir / "welcome.png")

    # Opening the prompt puts it up, with the code in the corner and a countdown.
    facilitator.ok("prompt.phase", {"prompt_id": prompt["id"], "phase": "collect"})
    expect(screen.locator("#prompt-text")).to_have_text(PROMPT)
    expect(screen.locator("#phase")).to_have_text("Collecting ideas")
    expect(screen.locator(".join-strip-code")).to_have_text(code)
    expect(screen.get_by_text("Ideas will appear here as they arrive.")).to_be_visible()
    facilitator.ok("timer.start", {"prompt_id": prompt["id"], "seconds": 300})
    expect(screen.locator("#timer-clock")).to_have_text(re.compile(r"^4:5\d|5:00$"))

    # Ideas arrive live, newest first, with their authors as the attribution allows.
    post_idea(amina, "Shade trees at every bus stop")
    expect(card(screen, "Shade trees at every bus stop")).to_contain_text("Amina · Dakar")
    post_idea(bruno, "Open the public fountains at night")
    post_idea(amina, "Cool roofs on schools and clinics")
    post_idea(bruno, "Shade sails over the market street")
    expect(screen.locator(".idea-card")).to_have_count(4)
    expect(screen.locator(".idea-card").first).to_contain_text("Shade sails over the market")
    expect(screen.locator(".idea-card.fresh").first).to_be_visible()
    expect(screen.locator("#idea-count")).to_have_text("4 ideas")
    assert_fits(screen, output_dir / "ideas.png")

    # W switches to a word cloud of the ideas and back.
    screen.keyboard.press("w")
    cloud = screen.locator(".cloud")
    expect(cloud.locator(".cloud-word").filter(has_text=re.compile("^shade$", re.I))).to_have_count(
        1
    )
    expect(cloud.locator(".cloud-word").filter(has_text=re.compile("^(the|at|on)$"))).to_have_count(
        0
    )
    sizes = screen.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('.cloud-word')]"
        ".map((w) => [w.textContent.toLowerCase(), parseFloat(getComputedStyle(w).fontSize)]))"
    )
    assert sizes["shade"] == max(sizes.values()) and sizes["shade"] > sizes["fountains"]
    assert_no_overlap(screen, ".cloud-word")
    assert_fits(screen, output_dir / "word-cloud.png")
    screen.keyboard.press("w")
    expect(screen.locator(".idea-card")).to_have_count(4)

    # Grouped, the screen shows the themes with their ideas.
    ideas = facilitator.ideas(prompt["id"])
    group_into_themes(
        facilitator,
        prompt["id"],
        {
            "Shade": ["Shade trees at every bus stop", "Shade sails over the market street"],
            "Water and roofs": ["Open the public fountains at night"],
        },
    )
    expect(screen.locator("#phase")).to_have_text("Grouping")
    shade = screen.locator(".theme-column").filter(has_text="Shade sails")
    expect(shade.locator(".theme-name")).to_have_text("Shade")
    expect(shade.locator(".theme-idea")).to_have_count(2)
    expect(screen.locator(".theme-column.loose")).to_contain_text("Cool roofs on schools")
    assert_fits(screen, output_dir / "themes.png")

    # Voting with hidden tallies: the candidates, and no count anywhere.
    facilitator.ok("prompt.phase", {"prompt_id": prompt["id"], "phase": "vote"})
    expect(screen.locator("#phase")).to_have_text("Voting")
    for voter in (amina, bruno):
        vote(voter, "Shade trees at every bus stop")
    vote(amina, "Cool roofs on schools")
    expect(screen.get_by_text("Results are shown at the end")).to_be_visible()
    expect(card(screen, "Shade trees at every bus stop")).to_be_visible()
    # Events apply in order: once this timer shows, every vote above has reached the screen.
    facilitator.ok("timer.start", {"prompt_id": prompt["id"], "seconds": 240})
    expect(screen.locator("#timer-clock")).to_have_text(re.compile(r"^3:5\d|4:00$"))
    expect(screen.locator(".bar-row, .bar-value, .idea-votes:visible")).to_have_count(0)
    expect(screen.locator("body")).not_to_contain_text(re.compile(r"\d+ votes?"))
    assert_fits(screen, output_dir / "vote-hidden-tallies.png")

    # Results: the themes by supporters, then the ideas by votes, with their counts.
    facilitator.ok("prompt.phase", {"prompt_id": prompt["id"], "phase": "results"})
    expect(screen.locator("#phase")).to_have_text("Results")
    expect(screen.locator(".bar-row.theme .bar-text")).to_have_text(["Shade", "Water and roofs"])
    expect(screen.locator(".bar-row.theme").first.locator(".bar-count")).to_have_text("2supporters")
    bars = screen.locator(".bar-row:not(.theme)")
    expect(bars.first.locator(".bar-text")).to_have_text("Shade trees at every bus stop")
    expect(bars.first.locator(".bar-value")).to_have_text("2")
    expect(bars.filter(has_text="Cool roofs").locator(".bar-value")).to_have_text("1")
    expect(bars.filter(has_text="Shade sails").locator(".bar-value")).to_have_text("0")
    expect(screen.locator(".bar-row.theme").last.locator(".bar-tag")).to_have_text("Theme")
    assert_fits(screen, output_dir / "results.png")

    # A spotlighted idea covers the screen, and goes when the spotlight is cleared.
    facilitator.ok("idea.spotlight", {"idea_id": ideas["Cool roofs on schools and clinics"]})
    spotlight = screen.locator("#spotlight")
    expect(spotlight).to_be_visible()
    expect(spotlight.locator("#spotlight-text")).to_have_text("Cool roofs on schools and clinics")
    expect(spotlight).to_contain_text("Amina · Dakar")
    expect(spotlight).to_contain_text("1 vote")
    assert_fits(screen, output_dir / "spotlight.png")
    facilitator.ok("idea.spotlight", {"idea_id": None})
    expect(spotlight).to_be_hidden()

    # J brings the join screen back while people arrive, and takes it away again.
    screen.keyboard.press("j")
    expect(screen.locator("#welcome-code")).to_be_visible()
    screen.keyboard.press("j")
    expect(screen.locator("#prompt-text")).to_have_text(PROMPT)
    assert_no_script_errors(screen, amina, bruno)


def test_big_screen_shows_no_more_than_participants_may_see(
    server: Server, new_page: Any, output_dir: Path, facilitator: Facilitator
) -> None:
    created = facilitator.create_roundtable("Housing for all")
    code, join_link = created["join_code"], created["join_url"]
    facilitator.join(code)
    facilitator.ok("roundtable.configure", {"attribution": "anonymous"})
    first = facilitator.ok("prompt.create", {"text": FIRST, "private": True})["prompt"]["id"]
    second = facilitator.ok("prompt.create", {"text": SECOND})["prompt"]["id"]
    facilitator.ok("prompt.open", {"prompt_id": first})
    screen = big_screen(server, new_page, created["id"])
    expect(screen.locator("#prompt-text")).to_have_text(FIRST)
    chen, dana = new_page(phone=True), new_page(phone=True)
    join(chen, join_link, "Chen", "Guangzhou")
    join(dana, join_link, "Dana", "Detroit")

    # A private brainstorm shows only how many ideas there are.
    post_idea(chen, "Rent caps near new transit lines")
    post_idea(dana, "Empty offices turned into homes")
    expect(screen.locator(".private-number")).to_have_text("2")
    expect(screen.locator(".private-label")).to_have_text("ideas so far")
    expect(screen.get_by_text("Rent caps near new transit lines")).to_have_count(0)
    screen.screenshot(path=output_dir / "private-brainstorm.png")

    # Revealed, the ideas show, and no one's name or city, as the room is anonymous.
    facilitator.ok("prompt.reveal", {"prompt_id": first})
    expect(card(screen, "Rent caps near new transit lines")).to_be_visible()
    expect(card(screen, "Empty offices turned into homes")).to_be_visible()
    for who in ("Chen", "Guangzhou", "Dana", "Detroit", "Anonymous"):
        expect(screen.locator("body")).not_to_contain_text(who)
    assert_fits(screen, output_dir / "anonymous.png")

    # An idea the facilitator hides leaves the screen; one awaiting approval never shows.
    ideas = facilitator.ideas(first)
    facilitator.ok("idea.hide", {"idea_id": ideas["Empty offices turned into homes"]})
    expect(card(screen, "Empty offices turned into homes")).to_have_count(0)
    facilitator.ok("prompt.configure", {"prompt_id": first, "premoderate": True})
    post_idea(chen, "Community land trusts in every district")
    pending = facilitator.ideas(first)["Community land trusts in every district"]
    # Events apply in order: once the timer shows, the pending idea has reached the screen.
    facilitator.ok("timer.start", {"prompt_id": first, "seconds": 90})
    expect(screen.locator("#timer")).to_be_visible()
    expect(card(screen, "Community land trusts")).to_have_count(0)
    expect(screen.locator("#idea-count")).to_have_text("1 idea")
    facilitator.ok("idea.approve", {"idea_id": pending})
    expect(card(screen, "Community land trusts")).to_be_visible()

    # The spotlight names no one either, and goes with its idea when that is hidden.
    facilitator.ok("idea.spotlight", {"idea_id": pending})
    expect(screen.locator("#spotlight-text")).to_have_text(
        "Community land trusts in every district"
    )
    expect(screen.locator("#spotlight")).not_to_contain_text("Chen")
    screen.screenshot(path=output_dir / "anonymous-spotlight.png")
    facilitator.ok("idea.hide", {"idea_id": pending})
    expect(screen.locator("#spotlight")).to_be_hidden()
    expect(card(screen, "Community land trusts")).to_have_count(0)

    # The prompt opened last is on screen, unless the facilitator brings everyone elsewhere.
    facilitator.ok("prompt.open", {"prompt_id": second})
    expect(screen.locator("#prompt-text")).to_have_text(SECOND)
    facilitator.ok("roundtable.focus", {"prompt_id": first})
    expect(screen.locator("#prompt-text")).to_have_text(FIRST)
    facilitator.ok("roundtable.focus", {"prompt_id": None})
    expect(screen.locator("#prompt-text")).to_have_text(SECOND)
    # Reopened, the first is the one opened last, even on a screen opened afterwards.
    facilitator.ok("prompt.close", {"prompt_id": first})
    facilitator.ok("prompt.open", {"prompt_id": first})
    expect(screen.locator("#prompt-text")).to_have_text(FIRST)
    screen.reload()
    expect(screen.locator("#connection")).to_have_text("Live")
    expect(screen.locator("#prompt-text")).to_have_text(FIRST)

    # With every prompt closed, the screen invites people in again.
    facilitator.ok("prompt.close", {"prompt_id": first})
    facilitator.ok("prompt.close", {"prompt_id": second})
    expect(screen.locator("#welcome-code")).to_have_text(code)
    assert_no_script_errors(screen, chen, dana)


def test_big_screen_is_for_staff_only(server: Server, new_page: Any) -> None:
    email = server.create_staff("facilitator@example.org", name="Fatima Facilitator")
    token = server.api_token(email)
    created = Facilitator(server, token).create_roundtable("Staff only")
    visitor = new_page()
    visitor.goto(server.url(f"/roundtables/{created['id']}/present"))
    expect(visitor).to_have_url(re.compile(r"/login\?next="))


LONG_IDEA = (
    "Turn the empty car park behind the central market into a shaded community square: plant"
    " native trees along the edges, put up fabric sails over the seating, add a drinking"
    " fountain and misting posts, and let the neighbourhood association run weekend stalls so"
    " the square stays looked after and busy all summer long."
)
TYPHOON = "台风预警系统需要升级"
# Twenty-six ideas of every length from four people, none of whom nears the rate limit.
ROOM_IDEAS = {
    ("Amina", "Dakar"): [
        LONG_IDEA,
        "Shade trees at every bus stop",
        "Cool roofs on schools and clinics",
        "Water refill points in every market, refilled and cleaned daily by the market staff",
        "Shade sails over the market street",
        "A heat officer in city hall",
        "Map the hottest blocks with residents, street by street, before deciding where to"
        " plant, and publish the map so everyone can see why trees go where they go",
    ],
    ("Bruno", "Porto Alegre"): [
        "Open the public fountains at night",
        "Free bus rides on heatwave days",
        "Cooling centres in libraries",
        "Paint the playgrounds white",
        "Check on older neighbours by phone during every heat alert; a volunteer rota run"
        " by the district councils, with a script and a number to call when nobody answers",
        "Shade trees along the river walk",
        "Drinking water on every bus",
    ],
    ("Chen", "Guangzhou"): [
        TYPHOON,
        "台风来临前清理排水沟",
        "高温预警发到每部手机",
        "Green walls on car parks",
        "Night markets instead of day markets in July",
        "Misting posts at the tram stops",
        "Heat alerts by text message in every language spoken in the city",
    ],
    ("Dana", "Detroit"): [
        "Trees, trees, trees",
        "Pools open until midnight",
        "Shade trees in school yards",
        "Fans for people who cannot afford air conditioning, lent by the library like books",
        "Bike lanes under the trees",
    ],
}


class Participant:
    """One person in the room, on their own connection, writing over Socket.IO."""

    def __init__(self, server: Server, join_code: str, name: str, affiliation: str) -> None:
        self.sio = socketio.Client(reconnection=False)
        self.sio.connect(server.base_url, transports=["websocket"])
        acked(
            self.sio.call(
                "roundtable.join",
                {"join_code": join_code, "name": name, "affiliation": affiliation},
                timeout=10,
            )
        )

    def ok(self, event: str, payload: dict[str, Any]) -> dict[str, Any]:
        return acked(self.sio.call(event, payload, timeout=10))

    def post(self, prompt_id: int, text: str) -> None:
        self.ok(
            "idea.create", {"prompt_id": prompt_id, "text": text, "client_id": uuid.uuid4().hex}
        )

    def close(self) -> None:
        if self.sio.connected:
            self.sio.disconnect()


@pytest.fixture
def room_of_four(server: Server) -> Iterator[list[Participant]]:
    people: list[Participant] = []
    yield people
    for person in people:
        person.close()


def boxes_apart(page: Any, first: str, second: str) -> bool:
    """Whether the bounding boxes of two elements do not intersect."""
    return bool(
        page.evaluate(
            """([first, second]) => {
                const a = document.querySelector(first).getBoundingClientRect();
                const b = document.querySelector(second).getBoundingClientRect();
                return a.right <= b.left || b.right <= a.left
                    || a.bottom <= b.top || b.bottom <= a.top;
            }""",
            [first, second],
        )
    )


# The page now shown of a paged list: its number, how the rows fill the list, what is cut.
PAGE_NOW = """(selector) => {
    const list = document.querySelector(selector);
    const shown = [...list.children].filter((item) => !item.hidden);
    const box = list.getBoundingClientRect();
    const boxes = shown.map((item) => item.getBoundingClientRect());
    const top = Math.min(...boxes.map((b) => b.top));
    const firstRow = boxes.filter((b) => Math.abs(b.top - top) < 1);
    return {
        indicator: document.querySelector("#board-page").textContent,
        keys: shown.map((item) => item.querySelector(".idea-text, .bar-text").textContent),
        listHeight: box.height,
        used: Math.max(...boxes.map((b) => b.bottom)) - box.top,
        firstRow: Math.max(...firstRow.map((b) => b.height)),
        gap: parseFloat(getComputedStyle(list).rowGap) || 0,
        clipped: shown
            .map((item) => item.querySelector(".idea-text, .bar-text"))
            .filter((text) => text.scrollHeight > text.clientHeight + 1
                || text.scrollWidth > text.clientWidth + 1)
            .map((text) => text.textContent),
        outside: boxes.filter((b) => b.bottom > box.bottom + 1).length,
    };
}"""


def read_every_page(page: Any, selector: str) -> list[dict[str, Any]]:
    """Each page of a paged list once, as the screen turns them (page_seconds=1)."""
    page.wait_for_timeout(300)  # laid out anew after a change of size
    expect(page.locator("#board-page")).to_have_text(re.compile(r"^Page 1 of \d+$"), timeout=8000)
    total = int(page.locator("#board-page").inner_text().rsplit(" ", 1)[1])
    pages: dict[int, dict[str, Any]] = {}
    for _ in range(total * 20):
        now = page.evaluate(PAGE_NOW, selector)
        number = int(now["indicator"].split()[1])
        pages.setdefault(number, now)
        if len(pages) == total:
            break
        page.wait_for_timeout(150)
    assert sorted(pages) == list(range(1, total + 1)), f"pages seen: {sorted(pages)}"
    return [pages[number] for number in sorted(pages)]


def assert_pages_fill_the_board(pages: list[dict[str, Any]], expected: set[str]) -> None:
    """Every item on exactly one page, whole; each page but the last as full as rows allow."""
    seen = [key for page in pages for key in page["keys"]]
    assert sorted(seen) == sorted(expected)
    for number, page in enumerate(pages, start=1):
        assert page["clipped"] == [], f"page {number} cuts {page['clipped']}"
        assert page["outside"] == 0, f"page {number} reaches past the board"
    for number, (page, after) in enumerate(pairwise(pages), start=1):
        room_left = page["listHeight"] - page["used"]
        assert room_left < after["gap"] + after["firstRow"], (
            f"page {number} leaves {room_left:.0f}px where the next row "
            f"({after['firstRow']:.0f}px) would fit"
        )


def test_big_screen_fills_a_projector_with_whole_ideas_in_pages(
    server: Server,
    new_page: Any,
    output_dir: Path,
    facilitator: Facilitator,
    room_of_four: list[Participant],
) -> None:
    created = facilitator.create_roundtable("Cooler streets for a hotter city")
    code = created["join_code"]
    facilitator.join(code)
    prompt = facilitator.ok(
        "prompt.create",
        {"text": PROMPT, "phases": True, "votes_per_participant": 5},
    )["prompt"]
    page = new_page()
    page.set_viewport_size(HD)
    page.emulate_media(reduced_motion="reduce")
    sign_in(page, server, "facilitator@example.org")
    page.goto(server.url(f"/roundtables/{created['id']}/present?page_seconds=1"))
    expect(page.locator("#connection")).to_have_text("Live")
    people = {}
    for name, affiliation in ROOM_IDEAS:
        person = Participant(server, code, name, affiliation)
        room_of_four.append(person)
        people[name] = person

    # The count of people in the room stays clear of the strip along the bottom.
    expect(page.locator(".welcome-count")).to_have_text("4 participants joined")
    for size, name in ((HD, "welcome-720p.png"), (FULL_HD, "welcome-1080p.png")):
        page.set_viewport_size(size)
        page.wait_for_timeout(200)
        assert boxes_apart(page, ".welcome-count", ".strip"), f"count over the footer at {size}"
        assert boxes_apart(page, ".welcome-count", ".welcome-qr")
        page.screenshot(path=output_dir / name)

    facilitator.ok("prompt.phase", {"prompt_id": prompt["id"], "phase": "collect"})
    expect(page.locator("#prompt-text")).to_have_text(PROMPT)
    everything = set()
    for (name, _), texts in ROOM_IDEAS.items():
        for text in texts:
            people[name].post(prompt["id"], text)
            everything.add(text)
    assert len(everything) == 26
    expect(page.locator("#idea-count")).to_have_text("26 ideas")

    # As many rows of whole ideas as the screen holds, then the next page, by itself.
    for size, name in ((FULL_HD, "cards-1080p"), (HD, "cards-720p")):
        page.set_viewport_size(size)
        pages = read_every_page(page, ".cards")
        assert len(pages) >= 2
        assert_pages_fill_the_board(pages, everything)
        board = page.locator("#board-body").bounding_box()
        assert board["height"] > size["height"] * 0.55, "the board leaves the screen empty"
        expect(page.locator("#board-more")).to_have_count(0)
        page.screenshot(path=output_dir / f"{name}.png")
        expect(card(page, LONG_IDEA).locator(".idea-text")).to_have_text(LONG_IDEA, timeout=8000)
        assert boxes_apart(page, ".board-page", ".strip")
        page.screenshot(path=output_dir / f"{name}-long-idea.png")

    # The word cloud splits Chinese into its words and leaves the particles out.
    page.keyboard.press("w")
    words = page.locator(".cloud-word")
    expect(words.filter(has_text=re.compile("^台风$"))).to_have_count(1)
    expect(words.filter(has_text=re.compile("^预警$"))).to_have_count(1)
    expect(words.filter(has_text=TYPHOON)).to_have_count(0)
    expect(words.filter(has_text=re.compile("^需要$"))).to_have_count(0)
    cloud = page.evaluate(
        "() => [...document.querySelectorAll('.cloud-word')].map((w) => [w.textContent,"
        " Number(w.dataset.count), w.hidden, parseFloat(getComputedStyle(w).fontSize)])"
    )
    counts = {word: count for word, count, _, _ in cloud}
    assert counts["trees"] == max(counts.values())
    assert not any(len(word) > 6 and re.search(r"[\u4e00-\u9fff]", word) for word in counts)
    # The most frequent words are the biggest, and none is left out for a rarer one.
    shown = [(count, size) for _, count, hidden, size in cloud if not hidden]
    left_out = [count for _, count, hidden, _ in cloud if hidden]
    assert not left_out or max(left_out) <= min(count for count, _ in shown)
    biggest = max(size for _, size in shown)
    assert all(size == biggest for count, size in shown if count == counts["trees"])
    assert_no_overlap(page, ".cloud-word:not([hidden])")
    for size, name in ((HD, "word-cloud-720p.png"), (FULL_HD, "word-cloud-1080p.png")):
        page.set_viewport_size(size)
        page.wait_for_timeout(300)
        page.screenshot(path=output_dir / name)
    page.keyboard.press("w")

    # Themes rank by support: the people behind the theme or any of its ideas, each once.
    ideas = facilitator.ideas(prompt["id"])
    shade = group_into_themes(
        facilitator,
        prompt["id"],
        {
            "Shade": ["Shade trees at every bus stop", "Shade sails over the market street"],
            "Water": ["Open the public fountains at night", "Pools open until midnight"],
        },
    )["Shade"]
    facilitator.ok("prompt.phase", {"prompt_id": prompt["id"], "phase": "vote"})
    people["Amina"].ok("vote.cast", {"theme_id": shade["id"]})
    people["Amina"].ok("vote.cast", {"idea_id": ideas["Shade trees at every bus stop"]})
    for name in ("Bruno", "Chen"):
        people[name].ok("vote.cast", {"idea_id": ideas["Open the public fountains at night"]})
    people["Dana"].ok("vote.cast", {"idea_id": ideas["Pools open until midnight"]})
    for person in people.values():
        person.ok("vote.cast", {"idea_id": ideas[LONG_IDEA]})
    facilitator.ok("prompt.phase", {"prompt_id": prompt["id"], "phase": "results"})
    expect(page.locator("#phase")).to_have_text("Results")
    themes = page.locator(".bar-row.theme .bar-text")
    expect(themes).to_have_text(["Water", "Shade"])
    expect(page.locator(".bar-row.theme").first.locator(".bar-value")).to_have_text("3")
    expect(page.locator(".bar-row.theme").first).to_contain_text("supporters")
    top_idea = page.locator(".bar-row:not(.theme)").first
    expect(top_idea.locator(".bar-text")).to_have_text(LONG_IDEA)
    expect(top_idea.locator(".bar-value")).to_have_text("4")
    for size, name in ((HD, "results-720p"), (FULL_HD, "results-1080p")):
        page.set_viewport_size(size)
        pages = read_every_page(page, ".bars")
        assert_pages_fill_the_board(pages, everything | {"Water", "Shade"})
        page.screenshot(path=output_dir / f"{name}.png")

    # Ended, the screen says so and keeps the results up.
    facilitator.ok("roundtable.end", {})
    expect(page.get_by_text("This session has ended")).to_be_visible()
    expect(page.locator(".bar-row.theme .bar-text").first).to_have_text("Water")
    for size, name in ((HD, "ended-720p.png"), (FULL_HD, "ended-1080p.png")):
        page.set_viewport_size(size)
        page.wait_for_timeout(300)
        assert boxes_apart(page, "#ended", "#board-body")
        page.screenshot(path=output_dir / name)
    assert_no_script_errors(page)
