"""Rooms for the Socket.IO and HTTP tests: an app, a roundtable made through the API, clients.

One set of helpers for both: a Socket.IO test reaches for members and what they hear, an
HTTP test for people by name and the API; both are the same room.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask_socketio import SocketIOTestClient
from werkzeug.test import TestResponse

from tests.conftest import StaffMember, acked

NO_PAYLOAD = object()


@dataclass
class Member:
    """One connection (a browser tab): its test client and, once joined, its join ack."""

    client: SocketIOTestClient
    joined: dict[str, Any] = field(default_factory=dict)

    def emit(self, event: str, payload: Any = NO_PAYLOAD, *extra: Any) -> Any:
        """Send an event and return its ack; NO_PAYLOAD sends the event with no argument."""
        args = () if payload is NO_PAYLOAD else (payload, *extra)
        return self.client.emit(event, *args, callback=True)

    def events(self) -> list[tuple[str, dict[str, Any]]]:
        """The server events received since the last call, as (name, payload)."""
        received = []
        for message in self.client.get_received():
            assert len(message["args"]) == 1, message
            received.append((message["name"], message["args"][0]))
        return received

    def names(self) -> list[str]:
        return [name for name, _ in self.events()]

    @property
    def participant_id(self) -> int:
        return int(self.joined["participant"]["id"])

    @property
    def token(self) -> str:
        return str(self.joined["participant"]["token"])


@dataclass
class Room:
    """A roundtable created through the API, with its facilitator connected and joined."""

    app: Flask
    staff: StaffMember
    roundtable_id: int
    join_code: str
    facilitator: Member = field(repr=False)
    members: list[Member] = field(default_factory=list, repr=False)
    title: str = ""
    join_url: str = ""
    _people: dict[str, Member] = field(default_factory=dict, repr=False)
    _client_ids: itertools.count[int] = field(default_factory=itertools.count, repr=False)

    @property
    def id(self) -> int:
        return self.roundtable_id

    def connect(self, auth: dict[str, Any] | None = None) -> Member:
        """A connected client that has not joined yet."""
        client = self.app.extensions["socketio"].test_client(self.app, auth=auth)
        member = Member(client)
        self.members.append(member)
        return member

    def participant(
        self, name: str = "Alice", *, token: str | None = None, affiliation: str | None = None
    ) -> Member:
        """A participant who joined (or came back, with `token`); earlier news is drained."""
        member = self.connect({"participant_token": token} if token else None)
        payload: dict[str, Any] = {"join_code": self.join_code, "name": name}
        if affiliation is not None:
            payload["affiliation"] = affiliation
        member.joined = acked(member.emit("roundtable.join", payload))
        self.quiet()
        return member

    def staff_member(self, staff: StaffMember) -> Member:
        """A staff connection that joined with the join code alone."""
        member = self.connect({"token": staff.token})
        member.joined = acked(member.emit("roundtable.join", {"join_code": self.join_code}))
        self.quiet()
        return member

    def prompt(self, text: str = "What should cities try first?", **fields: Any) -> int:
        """A new draft prompt, created by the facilitator."""
        ack = acked(self.facilitator.emit("prompt.create", {"text": text, **fields}))
        self.quiet()
        return int(ack["prompt"]["id"])

    def person(self, name: str, affiliation: str | None = None) -> Member:
        """The participant called `name`, who joins the first time they are asked for."""
        if name not in self._people:
            self._people[name] = self.participant(name, affiliation=affiliation)
        return self._people[name]

    def open_prompt(
        self, text: str = "What should cities try first?", votes: int | None = None, **fields: Any
    ) -> int:
        if votes is not None:
            fields["votes_per_participant"] = votes
        prompt_id = self.prompt(text, **fields)
        acked(self.facilitator.emit("prompt.open", {"prompt_id": prompt_id}))
        self.quiet()
        return prompt_id

    def close_prompt(self, prompt_id: int) -> None:
        acked(self.facilitator.emit("prompt.close", {"prompt_id": prompt_id}))
        self.quiet()

    def idea(self, author: Member | str, prompt_id: int, text: str = "Plant shade trees") -> int:
        """An idea by a member, or by the participant of that name."""
        client_id = f"idea-{next(self._client_ids)}"
        payload = {"prompt_id": prompt_id, "text": text, "client_id": client_id}
        member = self.person(author) if isinstance(author, str) else author
        ack = acked(member.emit("idea.create", payload))
        self.quiet()
        return int(ack["idea"]["id"])

    def vote(self, voter: Member, idea_id: int) -> None:
        acked(voter.emit("vote.cast", {"idea_id": idea_id}))
        self.quiet()

    def votes(self, idea_id: int, *voters: str) -> None:
        """A vote on the idea from each participant named."""
        for voter in voters:
            self.vote(self.person(voter), idea_id)

    def get(self, path: str = "", **kwargs: Any) -> TestResponse:
        """GET /api/roundtables/<id><path> as this roundtable's facilitator."""
        kwargs.setdefault("headers", self.staff.headers)
        return self.app.test_client().get(f"/api/roundtables/{self.id}{path}", **kwargs)

    def snapshot(self) -> dict[str, Any]:
        """The stored state, as staff read it over HTTP (with `seq`)."""
        response = self.app.test_client().get(
            f"/api/roundtables/{self.roundtable_id}", headers=self.staff.headers
        )
        assert response.status_code == 200, response.get_json()
        body: dict[str, Any] = response.get_json()
        return body

    def quiet(self) -> None:
        """Forget what every connection has received so far."""
        for member in self.members:
            if member.client.is_connected():
                member.client.get_received()

    def refuses(self, member: Member, event: str, payload: Any = NO_PAYLOAD, *, code: str) -> None:
        """The event is refused with `code`, and nothing is stored, emitted or disconnected."""
        before = self.snapshot()
        self.quiet()
        ack = member.emit(event, payload)
        assert isinstance(ack, dict) and ack.get("ok") is False, ack
        assert ack == {"ok": False, "error": {"code": code, "message": ack["error"]["message"]}}
        assert isinstance(ack["error"]["message"], str) and ack["error"]["message"]
        assert self.snapshot() == before
        assert self.heard() == []
        assert member.client.is_connected()

    def heard(self) -> list[tuple[str, dict[str, Any]]]:
        """Everything any connection of this room has received since the last quiet()."""
        return [
            event
            for member in self.members
            if member.client.is_connected()
            for event in member.events()
        ]


MakeRoom = Callable[..., Room]


def create_room(app: Flask, staff: StaffMember, title: str, **fields: Any) -> Room:
    """A roundtable created through the API by `staff`, who is connected and has joined it."""
    response = app.test_client().post(
        "/api/roundtables", json={"title": title, **fields}, headers=staff.headers
    )
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    client = app.extensions["socketio"].test_client(app, auth={"token": staff.token})
    member = Member(client)
    member.joined = acked(member.emit("roundtable.join", {"join_code": created["join_code"]}))
    room = Room(
        app,
        staff,
        created["id"],
        created["join_code"],
        member,
        [member],
        title=created["title"],
        join_url=created["join_url"],
    )
    room.quiet()
    return room


@pytest.fixture
def make_room(app: Flask, make_staff: Callable[[str], StaffMember]) -> MakeRoom:
    """Rooms in one app, each run by a facilitator of its own unless told whose it is."""

    def make(
        title: str = "Resilient cities", *, staff: StaffMember | None = None, **fields: Any
    ) -> Room:
        return create_room(app, staff or make_staff("facilitator"), title, **fields)

    return make


@pytest.fixture
def room(make_room: MakeRoom) -> Room:
    return make_room()


@pytest.fixture
def other_room(make_room: MakeRoom) -> Room:
    """A second roundtable in the same app and event."""
    return make_room("Housing for all")
