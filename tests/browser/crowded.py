"""A crowded room for browser tests: one open prompt with 30 ideas from 5 people, some themes.

Seeded over Socket.IO and the HTTP API, not through browsers, so that a test starts from a
room as full as a real one in a few seconds. Each participant posts at most 15 ideas, well
under the per-participant limit on ideas a minute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import requests
import socketio

from tests.browser.conftest import Server

ACK_TIMEOUT_S = 20
MAX_IDEAS_EACH = 15

PROMPT = "What should our city do first to keep people cool in a heatwave?"
PEOPLE = (
    ("Amina", "Dakar"),
    ("Bruno", "Porto Alegre"),
    ("Chen", "Guangzhou"),
    ("Dolores", "Seville"),
    ("Emeka", "Lagos"),
)
IDEAS = (
    "Shade trees at every bus stop",
    "Plant street trees along the widest avenues",
    "Cool roofs on every school",
    "Paint playground surfaces in light colours",
    "Libraries as cooling centres during heatwaves",
    "Open community halls as cool rooms at night",
    "Free drinking fountains in every park",
    "Water refill points in markets",
    "Misting stations at the main squares",
    "Heat alerts by text message in three languages",
    "Volunteers who call older neighbours every day of a heatwave",
    "A heat officer in the mayor's office",
    "Shift outdoor work hours to the cool of the morning",
    "Shade sails over the central market",
    "Green roofs on public buildings",
    "Re-open the buried river as a cool corridor",
    "Pocket parks on empty lots",
    "Swimming pools open late during heatwaves",
    "Cooler buses with tinted windows",
    "Map the hottest streets with residents' sensors",
    "Reflective pavement on car parks",
    "Subsidise fans for low-income households",
    "Shade over the queues at clinics",
    "Fountains children may play in",
    "Train pharmacists to spot heat stroke",
    "Trees in school yards planted by the pupils",
    "Cool-route maps for walking to work",
    "A fund for cooling informal settlements",
    "Plant climbing plants on bare walls",
    "Heat safety in the building code",
)
# Theme name: the ideas (by index into IDEAS) grouped under it. The rest stay in no theme.
THEMES = {
    "Trees and shade": (0, 1, 13, 16, 22, 25, 28),
    "Cool places to go": (4, 5, 17),
    "Water in public space": (6, 7, 8, 23),
    "Warnings and care": (9, 10, 24),
}
# Who votes for what (indexes into IDEAS), so the ranking is not the posting order.
VOTES = (
    (2, 0, 9),
    (2, 4, 6),
    (0, 2, 13),
    (4, 0, 27),
    (9, 2, 19),
)


@dataclass
class CrowdedRoom:
    """What was seeded: ids to find things by, and who may sign in to the console."""

    email: str
    roundtable_id: int
    join_code: str
    prompt_id: int
    idea_ids: list[int] = field(default_factory=list)  # in the order of IDEAS
    theme_ids: dict[str, int] = field(default_factory=dict)

    def console_path(self) -> str:
        return f"/roundtables/{self.roundtable_id}"

    def themed(self) -> dict[int, str]:
        """Theme name by idea id, for the ideas that are in a theme."""
        return {self.idea_ids[index]: name for name, indexes in THEMES.items() for index in indexes}


def call(client: socketio.SimpleClient, event: str, payload: dict[str, Any]) -> dict[str, Any]:
    ack = client.call(event, payload, timeout=ACK_TIMEOUT_S)
    assert isinstance(ack, dict) and ack.get("ok") is True, (event, payload, ack)
    return ack


def connect(server: Server, auth: dict[str, Any] | None = None) -> socketio.SimpleClient:
    client = socketio.SimpleClient()
    client.connect(server.base_url, auth=auth, transports=["websocket"])
    return client


def seed_crowded_room(
    server: Server,
    *,
    email: str = "facilitator@example.org",
    title: str = "Cooling the city",
    phases: bool = False,
) -> CrowdedRoom:
    """A roundtable whose one open prompt has 30 ideas, votes on some, and 4 themes.

    `email` is a facilitator created here, who signs in with the test password.
    """
    server.create_staff(email, name="Fatima Facilitator")
    token = server.api_token(email)
    created = requests.post(
        server.url("/api/roundtables"),
        json={"title": title},
        headers={"Authorization": f"Bearer {token}"},
        timeout=ACK_TIMEOUT_S,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    staff = connect(server, {"token": token})
    people: list[socketio.SimpleClient] = []
    try:
        call(staff, "roundtable.join", {"join_code": body["join_code"]})
        prompt = call(
            staff,
            "prompt.create",
            {"text": PROMPT, "kind": "ideas", "votes_per_participant": 3, "phases": phases},
        )["prompt"]
        call(staff, "prompt.open", {"prompt_id": prompt["id"]})
        room = CrowdedRoom(email, body["id"], body["join_code"], prompt["id"])
        for name, city in PEOPLE:
            person = connect(server)
            people.append(person)
            call(
                person,
                "roundtable.join",
                {"join_code": room.join_code, "name": name, "affiliation": city},
            )
        assert len(IDEAS) <= MAX_IDEAS_EACH * len(people)
        for index, text in enumerate(IDEAS):
            person = people[index % len(people)]
            idea = call(
                person,
                "idea.create",
                {"prompt_id": room.prompt_id, "text": text, "client_id": f"crowd-{index}"},
            )["idea"]
            room.idea_ids.append(idea["id"])
        for person, choices in zip(people, VOTES, strict=True):
            for index in choices:
                call(person, "vote.cast", {"idea_id": room.idea_ids[index]})
        for name, indexes in THEMES.items():
            theme = call(
                staff,
                "theme.create",
                {
                    "prompt_id": room.prompt_id,
                    "name": name,
                    "idea_ids": [room.idea_ids[index] for index in indexes],
                },
            )["theme"]
            room.theme_ids[name] = theme["id"]
        return room
    finally:
        for client in (staff, *people):
            client.disconnect()
