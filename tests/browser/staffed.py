"""A roundtable run by a facilitator over Socket.IO, for browser tests of the participant page.

The facilitator's side is a python-socketio client, so that a test drives the room exactly (a
spotlight, a question answered, statements added, the floor given) while the pages under test
are real browsers; voters the test needs in numbers are socket clients too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import socketio

from tests.browser.conftest import Server
from tests.browser.crowded import ACK_TIMEOUT_S, call, connect

EMAIL = "facilitator@example.org"


def snap(page: Any, path: Path) -> None:
    """A screenshot of the whole page from its top, where a sticky prompt head rests."""
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    page.screenshot(path=path, full_page=True)


@dataclass
class StaffedRoom:
    """A roundtable, its facilitator's connection, and the participants' connections."""

    server: Server
    roundtable_id: int
    join_code: str
    staff: socketio.SimpleClient
    people: list[socketio.SimpleClient] = field(default_factory=list)

    @property
    def join_link(self) -> str:
        return self.server.url(f"/join/{self.join_code}")

    def do(self, event: str, payload: dict[str, Any]) -> dict[str, Any]:
        """A facilitator's request; fails the test unless it is acknowledged ok."""
        return call(self.staff, event, payload)

    def prompt(self, text: str, kind: str, **settings: Any) -> int:
        """A draft prompt of `kind`; returns its id."""
        prompt = self.do("prompt.create", {"text": text, "kind": kind, **settings})["prompt"]
        return int(prompt["id"])

    def open(self, prompt_id: int) -> None:
        self.do("prompt.open", {"prompt_id": prompt_id})

    def participant(self, name: str, affiliation: str = "") -> socketio.SimpleClient:
        """A participant on a socket of its own, joined."""
        person = connect(self.server)
        self.people.append(person)
        payload = {"join_code": self.join_code, "name": name}
        if affiliation:
            payload["affiliation"] = affiliation
        call(person, "roundtable.join", payload)
        return person

    def close(self) -> None:
        for client in (self.staff, *self.people):
            client.disconnect()


def staffed_room(server: Server, title: str) -> StaffedRoom:
    """A new roundtable whose facilitator is connected and joined."""
    server.create_staff(EMAIL, name="Fatima Facilitator")
    token = server.api_token(EMAIL)
    created = requests.post(
        server.url("/api/roundtables"),
        json={"title": title},
        headers={"Authorization": f"Bearer {token}"},
        timeout=ACK_TIMEOUT_S,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    staff = connect(server, {"token": token})
    call(staff, "roundtable.join", {"join_code": body["join_code"]})
    return StaffedRoom(server, int(body["id"]), str(body["join_code"]), staff)
