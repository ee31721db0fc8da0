"""What only a real server enforces: the origin check and the message size limit."""

from __future__ import annotations

import pytest
import requests
import socketio

from tests.live.client import RoomClient, join_as, open_room
from tests.live.conftest import Spawn
from tests.live.server import HTTP_TIMEOUT

FOREIGN = "http://evil.example"
MAX_MESSAGE_BYTES = 64 * 1024


def refused(url: str, *, origin: str) -> bool:
    """Whether a Socket.IO connection over WebSocket from that origin is turned away."""
    client = RoomClient(f"from {origin}")
    try:
        client.connect(url, origin=origin)
    except socketio.exceptions.ConnectionError:
        return True
    except ValueError as error:
        # gevent-websocket completes the upgrade before the app can refuse; the server then
        # closes the socket at once and python-engineio reports the empty first packet.
        assert "empty packet" in str(error), error
        return True
    client.close()
    return False


def polling_refused(url: str, *, origin: str) -> bool:
    """Whether the long-polling handshake from that origin is turned away."""
    response = requests.get(
        f"{url}/socket.io/",
        params={"EIO": "4", "transport": "polling"},
        headers={"Origin": origin},
        timeout=HTTP_TIMEOUT,
    )
    assert response.status_code in (200, 400), response.text
    return response.status_code == 400


@pytest.mark.live
def test_by_default_only_the_servers_own_origin_may_connect(launch: Spawn) -> None:
    server = launch(staff=False)
    assert refused(server.url, origin=FOREIGN)
    assert polling_refused(server.url, origin=FOREIGN)
    assert refused(server.url, origin=f"http://localhost:{server.port + 1}")
    assert not refused(server.url, origin=server.url)
    assert not polling_refused(server.url, origin=server.url)
    assert server.stop() == 0


@pytest.mark.live
def test_listed_origins_may_connect_and_others_may_not(launch: Spawn) -> None:
    server = launch(
        staff=False,
        extra_env={
            "FACILITATION_ALLOWED_ORIGINS": "https://rooms.example.org, http://partner.example"
        },
    )
    assert not refused(server.url, origin="http://partner.example")
    assert not refused(server.url, origin="https://rooms.example.org")
    assert not polling_refused(server.url, origin="https://rooms.example.org")
    assert refused(server.url, origin=FOREIGN)
    assert refused(server.url, origin="http://rooms.example.org")  # the scheme is part of it
    assert server.stop() == 0


@pytest.mark.live
@pytest.mark.parametrize("mode", ["gevent", "eventlet", "threading"])
def test_an_oversized_message_drops_only_its_sender(
    mode: str, launch: Spawn, clients: list[RoomClient], request: pytest.FixtureRequest
) -> None:
    # Each mode has its own WebSocket server, and each enforces the limit its own way.
    if mode == "eventlet":
        request.getfixturevalue("eventlet_available")
    server = launch(async_mode=mode)
    room = open_room(server, clients)
    prompt_id = room.prompt_id
    sender = join_as(server, clients, room, "Sam")
    writer = join_as(server, clients, room, "Wen")
    reader = join_as(server, clients, room, "Rui")

    # Under the transport limit but over the idea limit: refused by the rules, still connected.
    long_idea = {"prompt_id": prompt_id, "text": "x" * 20_000, "client_id": "long"}
    ack = sender.call("idea.create", long_idea)
    assert ack["ok"] is False and ack["error"]["code"] == "text_too_long", ack

    # Over the transport limit: the server closes that one connection.
    assert sender.sio is not None
    huge = {"prompt_id": prompt_id, "text": "x" * (MAX_MESSAGE_BYTES * 2), "client_id": "huge"}
    sender.sio.emit("idea.create", huge)
    assert sender.disconnected.wait(10), "the oversized message did not close its connection"

    idea = writer.ok(
        "idea.create", {"prompt_id": prompt_id, "text": "Water fountains", "client_id": "w"}
    )["idea"]
    reader.wait_for_event("idea.created", lambda p: p["idea"]["id"] == idea["id"])
    assert requests.get(f"{server.url}/healthz", timeout=HTTP_TIMEOUT).status_code == 200

    snapshot = server.get_json(f"/api/roundtables/{room.roundtable_id}")
    ideas = snapshot["prompts"][0]["ideas"]
    assert [i["text"] for i in ideas] == ["Water fountains"]

    # The sender comes back as itself and carries on.
    sender.reconnect(server.url)
    sender.join(room.join_code)
    sender.ok("idea.create", {"prompt_id": prompt_id, "text": "Shade", "client_id": "again"})

    assert server.stop() == 0
