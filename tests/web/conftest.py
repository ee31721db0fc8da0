"""HTTP helpers: a staff member, a roundtable made through the API, a signed-in browser."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.conftest import StaffMember
from tests.rooms import MakeRoom, Room, make_room  # noqa: F401 (a fixture, found here)


def sign_in(
    browser: FlaskClient, member: StaffMember, *, password: str | None = None, next: str = ""
) -> TestResponse:
    """Post the sign-in form the way a browser would: the page first, for its CSRF token."""
    return browser.post(
        "/login",
        query_string={"next": next} if next else None,
        data={
            "email": member.email,
            "password": password or member.password,
            "csrf": form_token(browser),
        },
    )


def form_token(browser: FlaskClient) -> str:
    """The CSRF token a form on the sign-in page carries for this browser."""
    browser.get("/login")
    with browser.session_transaction() as session:
        return str(session["csrf"])


def error_of(response: TestResponse) -> dict[str, str]:
    """The error object of a JSON error answer, checking its shape on the way."""
    body = response.get_json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    error: dict[str, str] = body["error"]
    return error


# The HTTP tests' roundtable is the Socket.IO tests' room, made by one facilitator.
Roundtable = Room
MakeRoundtable = Callable[..., Room]


@pytest.fixture
def facilitator(make_staff: Callable[[str], StaffMember]) -> StaffMember:
    return make_staff("facilitator")


@pytest.fixture
def make_roundtable(make_room: MakeRoom, facilitator: StaffMember) -> MakeRoundtable:  # noqa: F811
    def make(title: str = "Resilient cities", **fields: Any) -> Room:
        return make_room(title, staff=facilitator, **fields)

    return make


@pytest.fixture
def roundtable(make_roundtable: MakeRoundtable) -> Room:
    return make_roundtable()
