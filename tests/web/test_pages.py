"""The pages people open: the participant page, its QR code, the console, home."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from flask import Flask

from facilitation.web.links import qr_svg
from tests.conftest import StaffMember
from tests.web.conftest import MakeRoundtable, Roundtable, sign_in


def test_participant_page_shows_the_roundtable(roundtable: Roundtable) -> None:
    response = roundtable.app.test_client().get(f"/join/{roundtable.join_code}")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "Resilient cities" in page
    assert roundtable.join_code in page


def test_participant_page_needs_no_sign_in_and_sets_no_staff_session(
    roundtable: Roundtable,
) -> None:
    browser = roundtable.app.test_client()
    assert browser.get(f"/join/{roundtable.join_code}").status_code == 200
    with browser.session_transaction() as session:
        assert "staff_id" not in session


def test_participant_page_shows_the_title_as_text(make_roundtable: MakeRoundtable) -> None:
    table = make_roundtable("Heat & health <3 cities")
    page = table.app.test_client().get(f"/join/{table.join_code}").get_data(as_text=True)
    assert "Heat &amp; health &lt;3 cities" in page
    assert "Heat & health <3" not in page


def test_unknown_join_code_shows_a_not_found_page(app: Flask) -> None:
    response = app.test_client().get("/join/ZZZZZZ")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "ZZZZZZ" in response.get_data(as_text=True)


def test_unknown_join_code_is_shown_as_text(app: Flask) -> None:
    response = app.test_client().get("/join/%3Cscript%3Ex", follow_redirects=True)
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "<SCRIPT>" not in page
    assert "&lt;SCRIPT&gt;X" in page


@pytest.mark.parametrize("typed", ["lower", "dashed", "spaced"])
def test_join_code_as_typed_redirects_to_the_canonical_one(
    roundtable: Roundtable, typed: str
) -> None:
    code = roundtable.join_code
    path = {
        "lower": code.lower(),
        "dashed": f"{code[:3]}-{code[3:]}",
        "spaced": f"{code[:3].lower()}%20{code[3:]}",
    }[typed]
    response = roundtable.app.test_client().get(f"/join/{path}")
    assert response.status_code in (301, 302, 308)
    assert response.headers["Location"].endswith(f"/join/{code}")


def test_join_form_with_a_code_leads_to_the_participant_page(roundtable: Roundtable) -> None:
    code = roundtable.join_code
    response = roundtable.app.test_client().get(
        "/join", query_string={"code": f" {code[:3].lower()} {code[3:]} "}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/join/{code}")


def test_join_form_without_a_code_shows_the_start_page(app: Flask) -> None:
    assert app.test_client().get("/join").status_code == 200


def test_qr_code_is_an_svg_of_the_join_link(roundtable: Roundtable) -> None:
    response = roundtable.app.test_client().get(f"/join/{roundtable.join_code}/qr.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    root = ET.fromstring(response.get_data())
    assert root.tag in ("svg", "{http://www.w3.org/2000/svg}svg")
    assert response.get_data() == qr_svg(roundtable.join_url)


def test_qr_code_accepts_a_lower_case_code(roundtable: Roundtable) -> None:
    client = roundtable.app.test_client()
    lower = client.get(f"/join/{roundtable.join_code.lower()}/qr.svg")
    assert lower.status_code == 200
    assert lower.get_data() == client.get(f"/join/{roundtable.join_code}/qr.svg").get_data()


def test_qr_code_of_an_unknown_join_code_is_not_found(app: Flask) -> None:
    assert app.test_client().get("/join/ZZZZZZ/qr.svg").status_code == 404


def test_qr_codes_of_two_roundtables_differ(make_roundtable: MakeRoundtable) -> None:
    first, second = make_roundtable("One"), make_roundtable("Two")
    client = first.app.test_client()
    assert (
        client.get(f"/join/{first.join_code}/qr.svg").get_data()
        != client.get(f"/join/{second.join_code}/qr.svg").get_data()
    )


def test_console_sends_a_signed_out_visitor_to_sign_in(roundtable: Roundtable) -> None:
    response = roundtable.app.test_client().get(f"/roundtables/{roundtable.id}")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/login?next=")
    assert f"/roundtables/{roundtable.id}" in location


def test_console_renders_for_the_signed_in_facilitator(roundtable: Roundtable) -> None:
    browser = roundtable.app.test_client()
    sign_in(browser, roundtable.staff)
    response = browser.get(f"/roundtables/{roundtable.id}")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "Resilient cities" in page
    assert roundtable.join_code in page
    assert roundtable.join_url in page
    assert f"/join/{roundtable.join_code}/qr.svg" in page


@pytest.mark.parametrize("role", ["rapporteur", "organizer"])
def test_console_renders_for_other_staff_roles(
    roundtable: Roundtable, make_staff: Callable[[str], StaffMember], role: str
) -> None:
    browser = roundtable.app.test_client()
    sign_in(browser, make_staff(role))
    assert browser.get(f"/roundtables/{roundtable.id}").status_code == 200


def test_console_accepts_an_api_token_too(roundtable: Roundtable) -> None:
    response = roundtable.app.test_client().get(
        f"/roundtables/{roundtable.id}", headers=roundtable.staff.headers
    )
    assert response.status_code == 200


@pytest.mark.parametrize("roundtable_id", [999_999, 2**31, 2**40])
def test_console_of_an_unknown_roundtable_is_not_found(
    roundtable: Roundtable, roundtable_id: int
) -> None:
    browser = roundtable.app.test_client()
    sign_in(browser, roundtable.staff)
    response = browser.get(f"/roundtables/{roundtable_id}")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_big_screen_sends_a_signed_out_visitor_to_sign_in(roundtable: Roundtable) -> None:
    response = roundtable.app.test_client().get(f"/roundtables/{roundtable.id}/present")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("role", ["facilitator", "rapporteur", "organizer"])
def test_big_screen_shows_the_join_code_and_qr_to_staff(
    roundtable: Roundtable, make_staff: Callable[[str], StaffMember], role: str
) -> None:
    browser = roundtable.app.test_client()
    sign_in(browser, roundtable.staff if role == "facilitator" else make_staff(role))
    response = browser.get(f"/roundtables/{roundtable.id}/present")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Resilient cities" in page
    assert roundtable.join_code in page
    assert f"/join/{roundtable.join_code}/qr.svg" in page
    assert "presenter.css" in page and "app.css" not in page
    assert "<script>" not in page


def test_big_screen_of_an_unknown_roundtable_is_not_found(roundtable: Roundtable) -> None:
    browser = roundtable.app.test_client()
    sign_in(browser, roundtable.staff)
    assert browser.get("/roundtables/999999/present").status_code == 404


def test_home_page_invites_a_signed_out_visitor_to_join(app: Flask) -> None:
    response = app.test_client().get("/")
    assert response.status_code == 200
    assert 'name="code"' in response.get_data(as_text=True)


def test_home_page_lists_the_roundtables_for_staff(make_roundtable: MakeRoundtable) -> None:
    first, second = make_roundtable("Heat"), make_roundtable("Housing")
    browser = first.app.test_client()
    sign_in(browser, first.staff)
    page = browser.get("/").get_data(as_text=True)
    assert "Heat" in page and "Housing" in page
    assert f"/roundtables/{first.id}" in page and f"/roundtables/{second.id}" in page


@pytest.mark.parametrize("path", ["/", "/login", "/join/ZZZZZZ", "/healthz"])
def test_answers_carry_the_security_headers(app: Flask, path: str) -> None:
    response = app.test_client().get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
