"""HTTP helpers: a staff member, a roundtable made through the API, a signed-in browser."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_socketio import SocketIOTestClient
from werkzeug.test import TestResponse

from tests.conftest import StaffMember, acked


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


@dataclass
class Roundtable:
    """A roundtable created through the API, filled in over Socket.IO when a test needs it."""

    app: Flask
    staff: StaffMember
    id: int
    title: str
    join_code: str
    join_url: str
    _facilitator: SocketIOTestClient | None = field(default=None, repr=False)
    _people: dict[str, SocketIOTestClient] = field(default_factory=dict, repr=False)

    def _emit(self, client: SocketIOTestClient, event: str, payload: dict[str, Any]) -> Any:
        return acked(client.emit(event, payload, callback=True))

    def _client(self, auth: dict[str, Any] | None, join: dict[str, Any]) -> SocketIOTestClient:
        client = self.app.extensions["socketio"].test_client(self.app, auth=auth)
        self._emit(client, "roundtable.join", {"join_code": self.join_code, **join})
        return client

    @property
    def facilitator(self) -> SocketIOTestClient:
        if self._facilitator is None:
            self._facilitator = self._client({"token": self.staff.token}, {})
        return self._facilitator

    def person(self, name: str, affiliation: str | None = None) -> SocketIOTestClient:
        if name not in self._people:
            join = {"name": name} | ({"affiliation": affiliation} if affiliation else {})
            self._people[name] = self._client(None, join)
        return self._people[name]

    def open_prompt(self, text: str, votes: int = 3) -> int:
        payload = {"text": text, "votes_per_participant": votes}
        prompt_id = int(self._emit(self.facilitator, "prompt.create", payload)["prompt"]["id"])
        self._emit(self.facilitator, "prompt.open", {"prompt_id": prompt_id})
        return prompt_id

    def idea(self, author: str, prompt_id: int, text: str) -> int:
        payload = {"prompt_id": prompt_id, "text": text, "client_id": f"{author}:{text}"}
        return int(self._emit(self.person(author), "idea.create", payload)["idea"]["id"])

    def votes(self, idea_id: int, *voters: str) -> None:
        for voter in voters:
            self._emit(self.person(voter), "vote.cast", {"idea_id": idea_id})

    def get(self, path: str = "", **kwargs: Any) -> TestResponse:
        """GET /api/roundtables/<id><path> as this roundtable's facilitator."""
        kwargs.setdefault("headers", self.staff.headers)
        return self.app.test_client().get(f"/api/roundtables/{self.id}{path}", **kwargs)


MakeRoundtable = Callable[..., Roundtable]


@pytest.fixture
def facilitator(make_staff: Callable[[str], StaffMember]) -> StaffMember:
    return make_staff("facilitator")


@pytest.fixture
def make_roundtable(app: Flask, facilitator: StaffMember) -> MakeRoundtable:
    def make(title: str = "Resilient cities", **fields: Any) -> Roundtable:
        response = app.test_client().post(
            "/api/roundtables", json={"title": title, **fields}, headers=facilitator.headers
        )
        assert response.status_code == 201, response.get_json()
        body = response.get_json()
        return Roundtable(app, facilitator, **body)

    return make


@pytest.fixture
def roundtable(make_roundtable: MakeRoundtable) -> Roundtable:
    return make_roundtable()
