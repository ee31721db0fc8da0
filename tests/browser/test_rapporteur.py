"""The rapporteur's page in real browsers: draft, edit, tag, cite, take notes, export; and two
rapporteurs at once, whose edits are shown side by side rather than lost."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_room_flow import assert_no_script_errors, expect, sign_in
from tests.exports.readback import docx_text, pdf_text
from tests.live.client import OpenRoom, RoomClient, join_as, open_room

pytestmark = pytest.mark.browser

SHADE = "Shade trees at every bus stop"
FOUNTAINS = "Free drinking fountains in every park"
ROOFS = "Cool roofs on schools"


@pytest.fixture
def clients() -> Iterator[list[RoomClient]]:
    made: list[RoomClient] = []
    yield made
    for client in made:
        client.close()


def room_with_ideas(server: Server, clients: list[RoomClient]) -> OpenRoom:
    """A facilitator's open prompt, three participants, their ideas and votes."""
    server.live.staff_token()
    room = open_room(server.live, clients)
    amina, bruno, chen = (
        join_as(server.live, clients, room, name) for name in ("Amina", "Bruno", "Chen")
    )
    ids = {}
    for n, (author, text) in enumerate(
        [(amina, SHADE), (bruno, FOUNTAINS), (chen, ROOFS)], start=1
    ):
        made = author.ok(
            "idea.create", {"prompt_id": room.prompt_id, "text": text, "client_id": f"i{n}"}
        )
        ids[text] = made["idea"]["id"]
    for voter in (amina, bruno, chen):
        voter.ok("vote.cast", {"idea_id": ids[SHADE]})
    bruno.ok("vote.cast", {"idea_id": ids[FOUNTAINS]})
    return room


def rapporteur(server: Server, new_page: Any, email: str, name: str, **options: Any) -> Any:
    """A rapporteur signed in, on the report page of the only roundtable, connected."""
    server.create_staff(email, name=name, role="rapporteur")
    page = new_page(**options)
    sign_in(page, server, email)
    expect(page.get_by_text("The roundtables to report on, and where each stands.")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Write the report")).first.click()
    expect(page).to_have_url(re.compile(r"/roundtables/\d+/report$"))
    expect(page.locator("#connection")).to_have_text("Live")
    expect(page.locator("#notes")).to_be_enabled()
    return page


def section(page: Any, heading: str) -> Any:
    return page.get_by_role("region", name=re.compile(f"^{heading}"))


def card(page: Any, kind: str, index: int = 0) -> Any:
    return page.locator(f"[data-outcomes={kind}] > li.outcome").nth(index)


def saved(target: Any) -> None:
    expect(target.locator(".save-state").first).to_have_text("Saved")


def add_outcome(page: Any, kind: str, label: str, text: str) -> Any:
    """Add an outcome through its section's form; returns its card."""
    form = page.locator(f"form.add-outcome[data-kind={kind}]")
    form.get_by_label(label).fill(text)
    form.get_by_role("button", name="Add").click()
    added = page.locator(f"[data-outcomes={kind}] > li.outcome").last
    expect(added.locator("textarea")).to_have_value(text)
    return added


def download_from_menu(page: Any, label: str) -> bytes:
    """What the Download menu's link gives, as the browser saves it."""
    if page.locator(".downloads-list").is_hidden():
        page.get_by_text("Download", exact=True).click()
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("link", name=label, exact=True).click()
    return Path(download.value.path()).read_bytes()


def first_page(pdf: bytes) -> Any:
    """The PDF's first page as an image, at about 100 dots per inch."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    return document[0].render(scale=100 / 72).to_pil()


def one_says(pages: tuple[Any, ...], pattern: str, timeout_s: float = 10.0) -> None:
    """Wait until the notes status of at least one page matches `pattern`."""
    deadline = time.monotonic() + timeout_s
    said = []
    while time.monotonic() < deadline:
        said = [page.locator("#notes-status").text_content() for page in pages]
        if any(re.match(pattern, text or "") for text in said):
            return
        time.sleep(0.1)
    raise AssertionError(f"no page says {pattern!r}: {said}")


def test_rapporteur_drafts_edits_tags_cites_takes_notes_and_exports(
    server: Server, new_page: Any, output_dir: Path, clients: list[RoomClient]
) -> None:
    room_with_ideas(server, clients)
    page = rapporteur(server, new_page, "rita@example.org", "Rita Rapporteur")

    # What the room produced, ranked, with the votes.
    produced = section(page, "What the room produced")
    expect(produced.locator(".room-idea").first).to_contain_text(SHADE)
    expect(produced.locator(".room-idea").first).to_contain_text("3 votes")

    # One click drafts takeaways from the top ideas and the participation.
    page.get_by_role("button", name="Draft takeaways").click()
    expect(page.locator("#draft-status")).to_have_text(re.compile(r"^\d+ takeaways? drafted\.$"))
    takeaways = page.locator("[data-outcomes=takeaway] > li.outcome")
    expect(takeaways.first).to_be_visible()
    expect(page.locator("[data-outcomes=takeaway] textarea").first).to_have_value(
        re.compile(re.escape(SHADE))
    )
    page.get_by_role("button", name="Draft takeaways").click()
    expect(page.locator("#draft-status")).to_have_text(re.compile("^Nothing new to draft"))

    # Edit a drafted takeaway; Ctrl+Enter saves it.
    first = card(page, "takeaway")
    edited = "Shade at bus stops is the room's first priority"
    first.locator("textarea").fill(edited)
    expect(first.locator(".save-state")).to_have_text("Not saved yet")
    first.locator("textarea").press("Control+Enter")
    saved(first)

    # An action item with an owner and a due date, tagged with two goals, citing an idea.
    action = add_outcome(page, "action", "New action item", "Map the hottest bus stops")
    action.get_by_label("Owner").fill("Lisbon city team")
    action.get_by_label("Owner").press("Tab")
    saved(action)
    action.get_by_label("Due date").fill("2027-06-30")
    saved(action)
    action.get_by_text("SDG tags").click()
    action.get_by_label("11 Sustainable cities and communities").check()
    action.get_by_label("13 Climate action").check()
    chips = action.locator(".sdg-chip")
    expect(chips).to_have_text(["11 Sustainable cities and communities", "13 Climate action"])
    saved(action)
    action.get_by_text("SDG tags").click()
    action.locator("textarea").click()
    produced.get_by_role("button", name=f"Cite: {FOUNTAINS}").click()
    expect(action.locator(".source-list")).to_contain_text(FOUNTAINS)
    saved(action)

    # Notes: autosaved, and what was typed survives a reload even before it was sent.
    notes = page.get_by_label("Shared with the other staff of this roundtable; saved as you type.")
    notes.fill("Heat hits older people hardest.\nBus stops came up again and again.")
    expect(page.locator("#notes-status")).to_have_text("Saved")
    notes.press("End")
    notes.press_sequentially("\nFollow up with the transport office.")
    page.reload()
    expect(page.locator("#connection")).to_have_text("Live")
    expect(page.locator("#notes")).to_have_value(
        "Heat hits older people hardest.\nBus stops came up again and again."
        "\nFollow up with the transport office."
    )
    expect(page.locator("#notes-status")).to_have_text(re.compile("^(Saved|Merged)"))

    # After the reload, everything is still there, and the cited idea is resolved.
    action = card(page, "action")
    expect(action.locator("textarea")).to_have_value("Map the hottest bus stops")
    expect(action.get_by_label("Owner")).to_have_value("Lisbon city team")
    expect(action.get_by_label("Due date")).to_have_value("2027-06-30")
    expect(action.locator(".sdg-chip")).to_have_count(2)
    expect(action.locator(".source-list")).to_contain_text(FOUNTAINS)
    expect(card(page, "takeaway").locator("textarea")).to_have_value(edited)

    page.screenshot(path=output_dir / "report-1280.png", full_page=True)
    page.get_by_text("Download", exact=True).click()
    page.screenshot(path=output_dir / "report-1280-download-menu.png")
    page.keyboard.press("Escape")
    expect(page.locator(".downloads-list")).to_be_hidden()

    # The Markdown export carries the edited takeaway and the action's owner.
    page.get_by_text("Download", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Markdown").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert edited in text
    assert "Lisbon city team" in text

    # The PDF and the Word file carry the same: the edited takeaway, the action with its owner,
    # its goals and the idea it came from. The PDF's first page is kept as a picture to look at.
    pdf = download_from_menu(page, "PDF")
    pdf_words = " ".join(pdf_text(pdf).split())
    for expected in (edited, "Map the hottest bus stops", "Lisbon city team", "SDG 13"):
        assert expected in pdf_words, expected
    assert FOUNTAINS[:30] in pdf_words and "Amina" in pdf_words
    first_page(pdf).save(output_dir / "summary-pdf-page-1.png")
    word = docx_text(download_from_menu(page, "Word (DOCX)"))
    for expected in (edited, "Map the hottest bus stops", "Lisbon city team", "2027-06-30"):
        assert expected in word, expected

    # The anonymised switch changes every link.
    page.get_by_label("Anonymised (no names or affiliations)").check()
    for link in page.locator(".downloads-list a").all():
        assert link.get_attribute("href").endswith("&anonymous=1")
    anonymous = " ".join(pdf_text(download_from_menu(page, "PDF")).split())
    assert edited in anonymous and "Map the hottest bus stops" in anonymous
    for name in ("Amina", "Bruno", "Chen", "Lisbon city team"):
        assert name not in anonymous, name

    phone = new_page(phone=True)
    sign_in(phone, server, "rita@example.org")
    phone.get_by_role("link", name=re.compile("^Write the report")).first.click()
    expect(phone.locator("#connection")).to_have_text("Live")
    expect(card(phone, "action").locator(".sdg-chip")).to_have_count(2)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the phone page scrolls sideways: {width}px wide"
    phone.screenshot(path=output_dir / "report-phone.png", full_page=True)
    phone.screenshot(path=output_dir / "report-phone-top.png")
    card(phone, "action").screenshot(path=output_dir / "report-phone-action.png")
    phone.locator(".participation").screenshot(path=output_dir / "report-phone-participation.png")
    assert_no_script_errors(page, phone)


def test_two_rapporteurs_at_once_see_each_others_edits_and_lose_nothing(
    server: Server, new_page: Any, output_dir: Path, clients: list[RoomClient]
) -> None:
    room_with_ideas(server, clients)
    rita = rapporteur(server, new_page, "rita@example.org", "Rita")
    sam = rapporteur(server, new_page, "sam@example.org", "Sam")

    # Rita adds a takeaway; Sam sees it arrive.
    add_outcome(rita, "takeaway", "New takeaway", "Cool roofs")
    expect(card(sam, "takeaway").locator("textarea")).to_have_value("Cool roofs")

    # Both edit it at once: Rita saves first, Sam is shown both versions.
    sam_text = card(sam, "takeaway").locator("textarea")
    sam_text.fill("Cool roofs on clinics")
    rita_text = card(rita, "takeaway").locator("textarea")
    rita_text.fill("Cool roofs on schools")
    rita_text.press("Control+Enter")
    saved(card(rita, "takeaway"))
    rita.locator("#notes").focus()
    expect(card(sam, "takeaway").locator(".changed-note")).to_have_text(
        "Rita changed this while you were editing"
    )
    sam_text.press("Control+Enter")
    conflict = card(sam, "takeaway").locator(".conflict")
    expect(conflict).to_contain_text("Rita changed this while you were editing")
    expect(conflict.locator(".theirs")).to_contain_text("Cool roofs on schools")
    expect(conflict.locator(".mine")).to_contain_text("Cool roofs on clinics")
    sam.screenshot(path=output_dir / "conflict.png", full_page=True)
    conflict.get_by_role("button", name="Use mine").click()
    saved(card(sam, "takeaway"))
    expect(conflict).to_be_hidden()
    expect(card(rita, "takeaway").locator("textarea")).to_have_value("Cool roofs on clinics")

    # Both type notes at once: both texts survive, on both pages.
    rita.locator("#notes").fill("From Rita: heat plans need budgets.")
    sam.locator("#notes").fill("From Sam: ask about night-time heat.")
    for page in (rita, sam):
        expect(page.locator("#notes")).to_have_value(re.compile("From Rita"))
        expect(page.locator("#notes")).to_have_value(re.compile("From Sam"))
    one_says((rita, sam), r"^Merged with (Rita|Sam)'s changes$")

    # Both change the same line: the second is shown both texts, and keeps theirs on request.
    expect(sam.locator("#notes")).to_have_value(rita.locator("#notes").input_value())
    both = sam.locator("#notes").input_value()
    sam_notes = both.replace("heat plans need budgets.", "heat plans need budgets and staff.")
    rita_notes = both.replace("heat plans need budgets.", "heat plans need budgets now.")
    sam.locator("#notes").fill(sam_notes)
    rita.locator("#notes").fill(rita_notes)
    rita.locator("#notes").press("Tab")
    panel = sam.locator("#notes-conflict")
    expect(panel).to_contain_text("Rita changed the same lines")
    expect(panel.locator(".theirs")).to_contain_text("budgets now.")
    expect(panel.locator(".mine")).to_contain_text("budgets and staff.")
    expect(sam.locator("#notes")).to_have_value(sam_notes)
    sam.screenshot(path=output_dir / "notes-conflict.png", full_page=True)
    panel.get_by_role("button", name="Keep mine (save over)").click()
    expect(panel).to_be_hidden()
    expect(sam.locator("#notes-status")).to_have_text("Saved")
    expect(rita.locator("#notes")).to_have_value(sam_notes)
    assert_no_script_errors(rita, sam)


def test_the_report_page_speaks_french_down_to_the_goals_names(
    server: Server, new_page: Any, output_dir: Path, clients: list[RoomClient]
) -> None:
    room_with_ideas(server, clients)
    page = rapporteur(server, new_page, "rita@example.org", "Rita", phone=True)
    action = add_outcome(page, "action", "New action item", "Map the hottest bus stops")
    action.get_by_text("SDG tags").click()
    action.get_by_label("11 Sustainable cities and communities").check()
    saved(action)
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("heading", name="Ce que la salle a produit")).to_be_visible()
    expect(page.locator("#connection")).to_have_text("En direct")
    action = card(page, "action")
    expect(action.locator(".sdg-chip")).to_have_text("11 Villes et communautés durables")
    expect(action.get_by_label("Responsable", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Rédiger les enseignements")).to_be_enabled()
    page.screenshot(path=output_dir / "report-phone-fr.png", full_page=True)
    action.screenshot(path=output_dir / "report-phone-fr-action.png")
    page.locator(".participation").screenshot(path=output_dir / "report-phone-fr-participation.png")
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right"
        " > 391).map((e) => e.tagName + '.' + e.className).slice(0, 5)"
    )
    assert wide == [], f"the phone page scrolls sideways: {wide}"
    spilling = page.evaluate(
        "[...document.querySelectorAll('.report *')].filter((e) => !['TEXTAREA', 'SELECT',"
        " 'INPUT'].includes(e.tagName) && !e.closest('.visually-hidden')"
        " && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 1)"
        ".map((e) => e.tagName + '.' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth)"
    )
    assert spilling == [], f"content spills out of its box: {spilling}"
    assert_no_script_errors(page)


def test_facilitator_downloads_from_the_console_and_goes_to_the_report(
    server: Server, new_page: Any, output_dir: Path, clients: list[RoomClient]
) -> None:
    room_with_ideas(server, clients)
    page = new_page()
    sign_in(page, server, "facilitator@example.org")
    item = page.locator(".roundtable-item").first
    expect(item).to_contain_text("No outcomes yet")
    expect(item.get_by_role("link", name=re.compile("^Report"))).to_be_visible()
    item.get_by_role("link", name=re.compile("^Open console")).click()
    expect(page.locator("#connection")).to_have_text("Live")
    panel = page.locator(".join-panel")
    panel.get_by_text("Download", exact=True).click()
    panel.get_by_label("Anonymised (no names or affiliations)").check()
    links = panel.locator(".downloads-list a")
    expect(links).to_have_text(["JSON", "Markdown", "CSV", "HTML", "PDF", "Word (DOCX)"])
    for link in links.all():
        assert link.get_attribute("href").endswith("&anonymous=1")
    page.screenshot(path=output_dir / "console-download-menu.png", full_page=True)
    with page.expect_download() as download:
        links.filter(has_text="JSON").click()
    assert Path(download.value.path()).read_text(encoding="utf-8").startswith("{")
    page.get_by_role("link", name="Rapporteur's page").click()
    expect(page.get_by_role("heading", name="What the room produced")).to_be_visible()
    expect(page.get_by_role("link", name="Open console")).to_be_visible()
    assert_no_script_errors(page)
