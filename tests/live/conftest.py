"""Fixtures for the live tests: real server processes on free ports, each with its own database."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import REDIS_URL, unavailable
from tests.live.client import RoomClient
from tests.live.server import LiveServer, server_env, spawn_server

Spawn = Callable[..., LiveServer]


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Spawn]:
    """Start servers (not yet waited for); any left running are stopped at the end."""
    started: list[LiveServer] = []

    def start(
        *,
        database_url: str | None = None,
        async_mode: str = "gevent",
        extra_env: dict[str, str] | None = None,
    ) -> LiveServer:
        name = f"server{len(started)}"
        url = database_url or f"sqlite:///{tmp_path / name / 'roundtable.db'}"
        env = server_env(
            database_url=url,
            instance_path=tmp_path / name / "instance",
            async_mode=async_mode,
            extra=extra_env,
        )
        (tmp_path / name).mkdir(exist_ok=True)
        server = spawn_server(env, tmp_path / name / "server.log")
        started.append(server)
        return server

    yield start
    for server in started:
        if server.process.poll() is None:
            server.stop()
        # Shown by pytest only when the test failed.
        print(f"--- log of the server on port {server.port} ---\n{server.log()}")
    for server in started:
        assert "Traceback" not in server.log(), f"the server on port {server.port} logged an error"


@pytest.fixture
def launch(spawn: Spawn) -> Spawn:
    """Start a server with a facilitator's API token, and wait until it answers /healthz."""

    def start(*, staff: bool = True, **options: object) -> LiveServer:
        server = spawn(**options)
        if staff:  # while the server starts: both migrate, under the migration lock
            server.staff_token()
        server.wait_healthy()
        return server

    return start


@pytest.fixture
def clients() -> Iterator[list[RoomClient]]:
    """A list that tests add their clients to, so that every one is disconnected at the end."""
    made: list[RoomClient] = []
    yield made
    for client in made:
        client.close()


@pytest.fixture
def redis_queue() -> str:
    """A Redis URL for the Socket.IO message queue, on a database number the suite keeps apart."""
    import redis

    base = REDIS_URL.rsplit("/", 1)[0]
    url = f"{base}/13"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except Exception as error:
        unavailable(f"Redis is not reachable at {base}: {error}")
    return url


@pytest.fixture
def eventlet_available() -> None:
    # Only looked up: importing eventlet into the pytest process is not wanted.
    if importlib.util.find_spec("eventlet") is None:
        unavailable("eventlet is not installed (pip install -e '.[dev]')")
