"""realtime.publish: the writer hears "saved" before the room hears the news, or no start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask_socketio import SocketIOTestClient
from socketio import Server

from facilitation import create_app
from facilitation.realtime import HANDLER_THEN_ACK
from tests.conftest import acked
from tests.rooms import Room


class _Arrivals(list[dict[str, Any]]):
    """A test client's queue of received events that notes, for each, whether the ack of the
    event being handled had already arrived."""

    def __init__(self, client: SocketIOTestClient) -> None:
        super().__init__()
        self.client = client
        self.order: list[tuple[str, bool]] = []

    def append(self, item: dict[str, Any]) -> None:
        self.order.append((item["name"], self.client.acks is not None))
        super().append(item)


def test_the_writer_hears_its_ack_before_the_room_hears_the_news(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    arrivals = _Arrivals(alice.client)
    alice.client.queue = arrivals
    payload = {"prompt_id": prompt_id, "text": "Shade trees", "client_id": "a1"}
    acked(alice.emit("idea.create", payload))
    assert arrivals.order == [("idea.created", True)]


def test_the_app_refuses_to_start_without_the_hook_that_holds_news_until_the_ack(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    monkeypatch.delattr(Server, HANDLER_THEN_ACK)
    with pytest.raises(RuntimeError, match=HANDLER_THEN_ACK):
        create_app(
            {
                "database_url": sqlite_url,
                "secret_key": "test-secret",
                "async_mode": "threading",
                "instance_path": tmp_path / "instance",
                "TESTING": True,
            }
        )
