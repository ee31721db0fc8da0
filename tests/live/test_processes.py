"""Two server processes serve one room: PostgreSQL shared, events carried by Redis."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from tests.live.client import RoomClient, RoomModel, join_as, open_room
from tests.live.conftest import Spawn


@pytest.mark.live
@pytest.mark.postgres
@pytest.mark.redis
def test_two_processes_share_a_room_that_other_deployments_do_not_hear(
    spawn: Spawn, clients: list[RoomClient], postgres_url: str, redis_queue: str
) -> None:
    queue = {"FACILITATION_MESSAGE_QUEUE": redis_queue}
    # Started at the same moment against an empty schema: both migrate, one after the other.
    a = spawn(database_url=postgres_url, extra_env=queue)
    b = spawn(database_url=postgres_url, extra_env=queue)
    # Another deployment on the same Redis server, with a database number of its own.
    other_queue = {"FACILITATION_MESSAGE_QUEUE": redis_queue.rsplit("/", 1)[0] + "/14"}
    other = spawn(extra_env=other_queue)
    a.wait_healthy()
    b.wait_healthy()
    other.wait_healthy()
    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    engine.dispose()
    assert len(versions) == 1

    b.token = a.staff_token()
    room = open_room(a, clients)
    other.staff_token()
    elsewhere = open_room(other, clients)
    assert elsewhere.roundtable_id == room.roundtable_id  # the same room name in both
    bystander = join_as(other, clients, elsewhere, "Cy")
    on_b = RoomClient("listener on B")
    clients.append(on_b)
    on_b.connect(b.url)
    on_b.join(room.join_code, name="Bea")

    writer = join_as(a, clients, room, "Ade")
    idea = writer.ok(
        "idea.create", {"prompt_id": room.prompt_id, "text": "Cool roofs", "client_id": "a1"}
    )["idea"]
    heard = on_b.wait_for_event("idea.created", lambda p: p["idea"]["id"] == idea["id"])
    assert heard["idea"]["text"] == "Cool roofs"

    # And back: a vote cast on B reaches the writer on A.
    assert on_b.ok("vote.cast", {"idea_id": idea["id"]})["votes_left"] == 2
    tally = writer.wait_for_event("vote.tally", lambda p: p["idea_id"] == idea["id"])
    assert tally["votes"] == 1

    snapshot = b.get_json(f"/api/roundtables/{room.roundtable_id}")
    assert tally["seq"] == snapshot["seq"]
    assert heard["seq"] == snapshot["seq"] - 1
    for client in (on_b, writer):
        client.wait_for_seq(snapshot["seq"])
        client.check_stream()
        assert client.model.state() == RoomModel.from_snapshot(snapshot).state()

    # The other deployment heard nothing of this room: its own idea arrives alone.
    mine = bystander.ok(
        "idea.create", {"prompt_id": elsewhere.prompt_id, "text": "Fans", "client_id": "c1"}
    )["idea"]
    bystander.wait_for_event("idea.created", lambda p: p["idea"]["id"] == mine["id"])
    assert [p["idea"]["text"] for n, p in bystander.received if n == "idea.created"] == ["Fans"]
    bystander.check_stream()

    assert a.stop() == 0
    assert b.stop() == 0
    assert other.stop() == 0
