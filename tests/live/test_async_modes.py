"""Each async mode serves a room on the real server and stops cleanly on SIGTERM."""

from __future__ import annotations

import pytest

from tests.live.client import RoomClient, join_as, open_room
from tests.live.conftest import Spawn


@pytest.mark.live
@pytest.mark.parametrize("mode", ["gevent", "eventlet", "threading"])
def test_each_async_mode_serves_a_room_and_stops_on_sigterm(
    mode: str, launch: Spawn, clients: list[RoomClient], request: pytest.FixtureRequest
) -> None:
    if mode == "eventlet":
        request.getfixturevalue("eventlet_available")
    server = launch(async_mode=mode)
    assert f"({mode})" in server.log()
    room = open_room(server, clients)
    writer = join_as(server, clients, room, "Amara")
    reader = join_as(server, clients, room, "Bo")

    idea = writer.ok(
        "idea.create", {"prompt_id": room.prompt_id, "text": "Bus stop shelters", "client_id": "w1"}
    )["idea"]
    heard = reader.wait_for_event("idea.created", lambda p: p["idea"]["id"] == idea["id"])
    assert heard["idea"]["text"] == "Bus stop shelters"
    assert heard["idea"]["author"] == "Amara"
    reader.wait_for_seq(heard["seq"])
    reader.check_stream()

    # Stopped with its clients still connected, as in a restart during a session.
    assert server.stop() == 0
    assert "Roundtable stopped." in server.log()
    for client in clients:
        assert client.disconnected.wait(10), f"{client.label} still connected"
