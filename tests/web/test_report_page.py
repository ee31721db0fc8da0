"""The rapporteur's page and the dashboard per role: who may open what, and what each sees."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from tests.conftest import StaffMember, acked
from tests.web.conftest import MakeRoundtable, Roundtable, sign_in


def signed_in(roundtable: Roundtable, member: StaffMember) -> FlaskClient:
    browser = roundtable.app.test_client()
    sign_in(browser, member)
    return browser


def test_report_page_sends_a_signed_out_visitor_to_sign_in(roundtable: Roundtable) -> None:
    response = roundtable.app.test_client().get(f"/roundtables/{roundtable.id}/report")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    assert f"/roundtables/{roundtable.id}/report" in response.headers["Location"]


def test_a_participant_is_not_let_into_the_report_page(roundtable: Roundtable) -> None:
    participant = roundtable.app.test_client()
    assert participant.get(f"/join/{roundtable.join_code}").status_code == 200
    response = participant.get(f"/roundtables/{roundtable.id}/report")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("role", ["rapporteur", "facilitator", "organizer"])
def test_report_page_renders_for_every_staff_role(
    roundtable: Roundtable, make_staff: Callable[[str], StaffMember], role: str
) -> None:
    browser = signed_in(roundtable, make_staff(role))
    response = browser.get(f"/roundtables/{roundtable.id}/report")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Resilient cities" in page
    assert f'data-join-code="{roundtable.join_code}"' in page
    for heading in ("What the room produced", "Outcomes", "Notes", "Participation balance"):
        assert heading in page
    for section in ("Takeaways", "Decisions", "Action items", "Open questions"):
        assert section in page
    assert "Draft takeaways" in page
    assert "js/rapporteur.js" in page
    assert "<script>" not in page and "onclick" not in page
    assert response.headers["Cache-Control"] == "no-store"
    console_link = f'href="/roundtables/{roundtable.id}"'
    assert (console_link in page) == (role != "rapporteur")


def test_report_page_offers_every_download_format_and_the_anonymised_switch(
    roundtable: Roundtable, make_staff: Callable[[str], StaffMember]
) -> None:
    page = (
        signed_in(roundtable, make_staff("rapporteur"))
        .get(f"/roundtables/{roundtable.id}/report")
        .get_data(as_text=True)
    )
    formats = re.findall(rf"/api/roundtables/{roundtable.id}/export\?format=(\w+)", page)
    assert formats == ["json", "md", "csv", "html", "pdf", "docx"]
    assert "Anonymised (no names or affiliations)" in page
    assert "Word (DOCX)" in page


def test_report_page_of_an_unknown_roundtable_is_not_found(roundtable: Roundtable) -> None:
    browser = signed_in(roundtable, roundtable.staff)
    assert browser.get("/roundtables/999999/report").status_code == 404


def test_report_page_is_in_the_chosen_language(
    roundtable: Roundtable, make_staff: Callable[[str], StaffMember]
) -> None:
    browser = signed_in(roundtable, make_staff("rapporteur"))
    browser.set_cookie("language", "fr")
    page = browser.get(f"/roundtables/{roundtable.id}/report").get_data(as_text=True)
    assert "Télécharger" in page
    block = re.search(r'<script type="application/json" id="i18n">(.*?)</script>', page, re.S)
    assert block is not None
    strings = json.loads(block.group(1))
    assert strings["sdg_11"] == "Villes et communautés durables"
    assert strings["kind_action"] != "Action item"


def test_console_links_to_the_report_and_offers_the_download_menu(
    roundtable: Roundtable,
) -> None:
    page = (
        signed_in(roundtable, roundtable.staff)
        .get(f"/roundtables/{roundtable.id}")
        .get_data(as_text=True)
    )
    assert f'href="/roundtables/{roundtable.id}/report"' in page
    formats = re.findall(rf"/api/roundtables/{roundtable.id}/export\?format=(\w+)", page)
    assert formats == ["json", "md", "csv", "html", "pdf", "docx"]
    assert "Anonymised (no names or affiliations)" in page


def test_dashboard_of_a_rapporteur_leads_to_the_report_with_outcome_counts(
    make_roundtable: MakeRoundtable, make_staff: Callable[[str], StaffMember]
) -> None:
    busy = make_roundtable("Heat and health")
    quiet = make_roundtable("Water")
    writer = busy.staff_member(busy.staff)
    for kind, text in [("takeaway", "Shade"), ("takeaway", "Water"), ("takeaway", "Trees")]:
        acked(writer.emit("outcome.create", {"kind": kind, "text": text}))
    acked(writer.emit("outcome.create", {"kind": "action", "text": "Map the heat"}))
    page = signed_in(busy, make_staff("rapporteur")).get("/").get_data(as_text=True)
    assert "The roundtables to report on, and where each stands." in page
    assert "3 takeaways · 1 action item" in page
    assert "No outcomes yet" in page
    assert page.count(">Write the report<") == 2
    assert f'href="/roundtables/{busy.id}/report"' in page
    assert f'href="/roundtables/{quiet.id}/report"' in page
    assert "Open console" not in page
    assert "New roundtable" not in page
    assert f'href="/roundtables/{busy.id}"' not in page


@pytest.mark.parametrize("role", ["facilitator", "organizer"])
def test_dashboard_of_those_who_run_rooms_keeps_the_console_and_adds_the_report(
    roundtable: Roundtable, make_staff: Callable[[str], StaffMember], role: str
) -> None:
    page = signed_in(roundtable, make_staff(role)).get("/").get_data(as_text=True)
    assert "Open console" in page
    assert f'href="/roundtables/{roundtable.id}"' in page
    assert f'href="/roundtables/{roundtable.id}/report"' in page
    assert "Write the report" not in page
    assert "New roundtable" in page
    assert "No outcomes yet" in page
