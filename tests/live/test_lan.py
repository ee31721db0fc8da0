"""Hosting a room from one laptop: `serve --host 0.0.0.0` names its LAN address and links there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests

from facilitation.serve import lan_addresses
from tests.conftest import unavailable
from tests.live.server import HTTP_TIMEOUT, server_env, spawn_server

pytestmark = pytest.mark.live


def test_serving_on_all_interfaces_prints_the_lan_address_and_join_links_use_it(
    tmp_path: Path,
) -> None:
    addresses = lan_addresses()
    if not addresses:
        unavailable("this machine has no network interface besides loopback")
    env = server_env(
        database_url=f"sqlite:///{tmp_path / 'roundtable.db'}", instance_path=tmp_path / "instance"
    )
    server = spawn_server(env, tmp_path / "server.log", host="0.0.0.0")
    try:
        server.staff_token()
        server.wait_healthy()
        printed = re.findall(r"on the local network: (http://[\d.]+:\d+)/", server.log())
        assert printed == [f"http://{address}:{server.port}" for address in addresses]
        # The request goes to loopback; the link people are given points to the LAN.
        created = server.create_roundtable("Plenary")
        assert created["join_url"] == f"{printed[0]}/join/{created['join_code']}"
        qr = requests.get(f"{server.url}/join/{created['join_code']}/qr.svg", timeout=HTTP_TIMEOUT)
        assert qr.status_code == 200 and qr.headers["Content-Type"].startswith("image/svg+xml")
    finally:
        assert server.stop() == 0, server.log()
