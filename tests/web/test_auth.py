"""Staff sign-in with the login cookie: the form, its errors, where it leads, signing out."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from flask import Flask

from tests.conftest import StaffMember
from tests.web.conftest import Roundtable, form_token, sign_in


def test_login_page_renders_a_form_with_a_csrf_token(app: Flask) -> None:
    browser = app.test_client()
    response = browser.get("/login")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    with browser.session_transaction() as session:
        csrf = session["csrf"]
    assert f'name="csrf" value="{csrf}"' in page
    assert 'name="email"' in page
    assert 'name="password"' in page


def test_signing_in_sets_a_protected_session_cookie_and_goes_home(
    app: Flask, facilitator: StaffMember
) -> None:
    response = sign_in(app.test_client(), facilitator)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_email_is_matched_without_regard_to_case(app: Flask, facilitator: StaffMember) -> None:
    upper = StaffMember(facilitator.email.upper(), facilitator.role, facilitator.token)
    assert sign_in(app.test_client(), upper).status_code == 302


def test_the_login_cookie_works_for_the_api(roundtable: Roundtable) -> None:
    browser = roundtable.app.test_client()
    sign_in(browser, roundtable.staff)
    assert browser.get(f"/api/roundtables/{roundtable.id}").status_code == 200
    assert browser.get(f"/api/roundtables/{roundtable.id}/export?format=md").status_code == 200
    created = browser.post("/api/roundtables", json={"title": "From the browser"})
    assert created.status_code == 201


def test_the_login_cookie_works_for_pages(roundtable: Roundtable) -> None:
    browser = roundtable.app.test_client()
    sign_in(browser, roundtable.staff)
    console = browser.get(f"/roundtables/{roundtable.id}")
    assert console.status_code == 200
    assert roundtable.title in console.get_data(as_text=True)
    assert roundtable.title in browser.get("/").get_data(as_text=True)


@pytest.mark.parametrize("wrong", ["wrong-password", "", "a-long-password "])
def test_wrong_password_shows_an_error_and_does_not_sign_in(
    roundtable: Roundtable, wrong: str
) -> None:
    browser = roundtable.app.test_client()
    response = browser.post(
        "/login",
        data={"email": roundtable.staff.email, "password": wrong, "csrf": form_token(browser)},
    )
    assert response.status_code == 200
    assert "do not match" in response.get_data(as_text=True)
    with browser.session_transaction() as session:
        assert "staff_id" not in session
    assert browser.get(f"/api/roundtables/{roundtable.id}").status_code == 401
    assert browser.get(f"/roundtables/{roundtable.id}").status_code == 302


def test_unknown_email_shows_the_same_error(app: Flask) -> None:
    stranger = StaffMember("nobody@example.org", "facilitator", "rt_none")
    response = sign_in(app.test_client(), stranger)
    assert response.status_code == 200
    assert "do not match" in response.get_data(as_text=True)


def test_sign_in_without_the_form_token_is_refused(app: Flask, facilitator: StaffMember) -> None:
    browser = app.test_client()
    browser.get("/login")
    for csrf in ({}, {"csrf": ""}, {"csrf": "forged"}):
        response = browser.post(
            "/login", data={"email": facilitator.email, "password": facilitator.password, **csrf}
        )
        assert response.status_code == 400
        with browser.session_transaction() as session:
            assert "staff_id" not in session


def test_next_leads_back_to_the_page_that_asked_for_sign_in(roundtable: Roundtable) -> None:
    browser = roundtable.app.test_client()
    asked = browser.get(f"/roundtables/{roundtable.id}")
    assert asked.status_code == 302
    location = urlsplit(asked.headers["Location"])
    assert location.path == "/login"
    assert "next=" in location.query
    signed_in = browser.post(
        f"{location.path}?{location.query}",
        data={
            "email": roundtable.staff.email,
            "password": roundtable.staff.password,
            "csrf": form_token(browser),
        },
    )
    assert signed_in.status_code == 302
    assert urlsplit(signed_in.headers["Location"]).path == f"/roundtables/{roundtable.id}"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "http://evil.example",
        "//evil.example/path",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "/ok//evil.example",
        "/\t/evil.example",
        "evil.example",
    ],
)
def test_next_cannot_send_anyone_off_site(
    app: Flask, facilitator: StaffMember, target: str
) -> None:
    response = sign_in(app.test_client(), facilitator, next=target)
    assert response.status_code == 302
    location = response.headers["Location"]
    parts = urlsplit(location)
    assert parts.netloc in ("", "localhost"), location
    assert parts.scheme in ("", "http"), location
    assert location.startswith("/") and not location.startswith("//"), location
    assert "\\" not in location and "\t" not in location, location


def test_signing_out_ends_the_session(roundtable: Roundtable) -> None:
    browser = roundtable.app.test_client()
    sign_in(browser, roundtable.staff)
    csrf = form_token(browser)
    assert browser.post("/logout", data={"csrf": "forged"}).status_code == 400
    assert browser.get(f"/api/roundtables/{roundtable.id}").status_code == 200

    response = browser.post("/logout", data={"csrf": csrf})
    assert response.status_code == 302
    assert browser.get(f"/api/roundtables/{roundtable.id}").status_code == 401
