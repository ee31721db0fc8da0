"""A whole room on the real server: many participants write and vote at once, one drops and
comes back, and every client's own model ends equal to the server's state and its export."""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
import requests

from tests.live.client import RoomClient, RoomModel
from tests.live.conftest import Spawn
from tests.live.server import HTTP_TIMEOUT, LiveServer

T = TypeVar("T")
VOTES = 3
SETTLE_TIMEOUT = 30.0


def each(clients: list[RoomClient], work: Callable[[RoomClient], T]) -> list[T]:
    """Run `work` for every client at the same time; the first failure fails the test."""
    with ThreadPoolExecutor(max_workers=max(1, len(clients))) as pool:
        return list(pool.map(work, clients))


class Room:
    """The scenario's ground truth, taken from the acks the server sent."""

    def __init__(self, prompt_id: int) -> None:
        self.prompt_id = prompt_id
        self.ideas: dict[int, tuple[str, str]] = {}  # idea id -> (author, text)
        self.votes: Counter[int] = Counter()
        self.voted: dict[str, list[int]] = {}
        self._lock = threading.Lock()  # clients record their acks from many threads

    def post(self, client: RoomClient, client_id: str, text: str) -> dict[str, Any]:
        ack = client.ok(
            "idea.create", {"prompt_id": self.prompt_id, "text": text, "client_id": client_id}
        )
        idea: dict[str, Any] = ack["idea"]
        assert client.participant is not None
        assert (idea["author"], idea["text"]) == (client.participant["name"], text)
        with self._lock:
            self.ideas[idea["id"]] = (idea["author"], text)
        return idea

    def vote(self, client: RoomClient, seed: int) -> None:
        """Spend the whole budget on ideas picked at random (reproducibly), one vote each."""
        with self._lock:
            chosen = random.Random(seed).sample(sorted(self.ideas), VOTES)
            self.voted[client.label] = chosen
        for spent, idea_id in enumerate(chosen, start=1):
            ack = client.ok("vote.cast", {"idea_id": idea_id})
            assert ack["votes_left"] == VOTES - spent
            with self._lock:
                self.votes[idea_id] += 1


def run_room(server: LiveServer, clients: list[RoomClient], participants: int) -> None:
    """The scenario: staff opens a prompt, everyone joins, writes, one drops, all vote."""
    roundtable = server.create_roundtable("Cooling the city")
    code = roundtable["join_code"]

    staff = RoomClient("staff")
    clients.append(staff)
    staff.connect(server.url, auth={"token": server.token})
    assert staff.join(code)["role"] == "facilitator"
    prompt = staff.ok("prompt.create", {"text": "What would make our streets cooler?"})["prompt"]
    assert (prompt["kind"], prompt["votes_per_participant"]) == ("ideas", VOTES)
    staff.ok("prompt.open", {"prompt_id": prompt["id"]})
    room = Room(prompt["id"])

    people = [RoomClient(f"participant {n}") for n in range(participants)]
    # One phone on a bad connection misses events now and then, and must notice.
    people[3] = RoomClient("participant 3", lose=frozenset({5, 40, 60}))
    clients.extend(people)

    def arrive(client: RoomClient) -> None:
        client.connect(server.url)
        ack = client.join(code, name=client.label.title())
        assert ack["role"] == "participant"
        assert ack["snapshot"]["prompts"][0]["status"] == "open"

    each(people, arrive)
    assert len({c.participant["id"] for c in people if c.participant}) == participants

    def write_two(client: RoomClient) -> None:
        for k in range(2):
            room.post(client, f"{client.label}/{k}", f"Idea {k} of {client.label}")

    each(people, write_two)

    # An outbox resending after a lost ack: the same client_id gives back the same idea.
    first = room.post(people[1], "resent", "Plant trees on the south side")
    assert room.post(people[1], "resent", "Plant trees on the south side")["id"] == first["id"]
    # The same retry racing the original.
    twins = each([people[2], people[2]], lambda c: room.post(c, "twin", "Misting stations"))
    assert twins[0]["id"] == twins[1]["id"]

    dropped, others = people[0], people[1:]
    dropped.drop()
    seq_when_dropped = dropped.seq
    assert seq_when_dropped is not None

    def write_and_vote(client: RoomClient) -> None:
        room.post(client, f"{client.label}/late", f"Late idea of {client.label}")
        room.vote(client, seed=people.index(client))

    each(others, write_and_vote)

    spender = others[-1]
    beyond = next(i for i in sorted(room.ideas) if i not in room.voted[spender.label])
    refused = spender.call("vote.cast", {"idea_id": beyond})
    assert refused["ok"] is False and refused["error"]["code"] == "over_budget", refused

    # The dropped participant comes back as itself and catches up from its last seq.
    assert dropped.participant is not None
    dropped.reconnect(server.url)
    back = dropped.join(code)
    assert back["role"] == "participant"
    assert back["participant"]["id"] == dropped.participant["id"]
    assert back["seq"] > seq_when_dropped
    dropped.sync()
    assert dropped.seq is not None and dropped.seq >= back["seq"]
    room.post(dropped, f"{dropped.label}/after", "Shade sails over the market")
    room.vote(dropped, seed=0)

    staff.ok("prompt.close", {"prompt_id": room.prompt_id})
    check_everyone_agrees(server, roundtable["id"], room, staff, people)


def check_everyone_agrees(
    server: LiveServer, roundtable_id: int, room: Room, staff: RoomClient, people: list[RoomClient]
) -> None:
    snapshot = server.get_json(f"/api/roundtables/{roundtable_id}")
    final_seq = snapshot["seq"]
    truth = RoomModel.from_snapshot(snapshot).state()

    # The server holds exactly what was acknowledged: no duplicate, no lost vote.
    assert {i: (v["author"], v["text"]) for i, v in truth["ideas"].items()} == room.ideas
    assert {i: v["votes"] for i, v in truth["ideas"].items()} == {
        i: room.votes[i] for i in room.ideas
    }
    assert truth["participants"] == len(people)
    assert truth["prompts"][room.prompt_id]["status"] == "closed"

    everyone = [staff, *people]
    each(everyone, lambda c: c.wait_for_seq(final_seq, SETTLE_TIMEOUT))
    for client in everyone:
        client.check_stream()
        assert client.seq == final_seq, client.label
        assert client.model.state() == truth, client.label
    assert people[0].syncs >= 1
    assert len(people[3].lost) == 3 and people[3].syncs >= 1

    response = requests.get(
        f"{server.url}/api/roundtables/{roundtable_id}/export",
        params={"format": "json"},
        headers=server.headers(),
        timeout=HTTP_TIMEOUT,
    )
    assert response.status_code == 200, response.text
    export = response.json()
    assert export["schema"] == "facilitation.summary/1"
    assert export["roundtable"]["id"] == roundtable_id
    exported = {
        idea["id"]: (prompt["id"], idea["author"], idea["text"], idea["votes"])
        for prompt in export["prompts"]
        for idea in prompt["ideas"]
    }
    assert exported == {
        i: (v["prompt_id"], v["author"], v["text"], v["votes"]) for i, v in truth["ideas"].items()
    }


@pytest.mark.live
def test_thirty_clients_end_with_the_servers_state(
    launch: Spawn, clients: list[RoomClient]
) -> None:
    server = launch(async_mode="gevent")
    run_room(server, clients, participants=30)
    for client in clients:
        client.close()
    assert server.stop() == 0


@pytest.mark.live
@pytest.mark.postgres
def test_a_room_on_postgresql_ends_with_the_servers_state(
    launch: Spawn, clients: list[RoomClient], postgres_url: str
) -> None:
    server = launch(async_mode="gevent", database_url=postgres_url)
    run_room(server, clients, participants=10)
    for client in clients:
        client.close()
    assert server.stop() == 0
