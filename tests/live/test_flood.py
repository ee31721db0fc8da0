"""One laptop against the real server: guessing codes, passwords and tokens, and a participant
flooding the room, are each held back politely while everyone else carries on."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
import socketio

from tests.live.client import RoomClient, join_as, open_room
from tests.live.conftest import Spawn
from tests.live.server import HTTP_TIMEOUT, STAFF_PASSWORD

FLOOD = 300
IDEAS_PER_MINUTE = 20  # the default


def refused_for_rate(ack: dict[str, Any]) -> bool:
    if ack.get("ok") or ack["error"]["code"] != "rate_limited":
        return False
    error = ack["error"]
    assert isinstance(error["retry_after"], int) and error["retry_after"] >= 1
    return True


def test_a_flooding_participant_is_held_back_and_other_roundtables_carry_on(
    launch: Spawn, clients: list[RoomClient]
) -> None:
    server = launch()
    flooded, other = open_room(server, clients), open_room(server, clients)
    flooder = join_as(server, clients, flooded, "Flood")
    neighbour = join_as(server, clients, other, "Neighbour")

    def post(n: int) -> dict[str, Any]:
        payload = {"prompt_id": flooded.prompt_id, "text": f"Spam {n}", "client_id": f"s{n}"}
        return flooder.call("idea.create", payload)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=16) as pool:
        flood = pool.map(post, range(FLOOD))
        # Meanwhile, in another roundtable, someone posts as usual: every idea goes in.
        for n in range(10):
            neighbour.ok(
                "idea.create",
                {"prompt_id": other.prompt_id, "text": f"Shade {n}", "client_id": f"n{n}"},
            )
        answers = list(flood)
    elapsed = time.monotonic() - started

    accepted = [ack for ack in answers if ack["ok"]]
    assert all(refused_for_rate(ack) for ack in answers if not ack["ok"])
    allowance = IDEAS_PER_MINUTE + int(elapsed * IDEAS_PER_MINUTE / 60) + 1
    assert 0 < len(accepted) <= allowance, (len(accepted), elapsed)
    assert len(answers) == FLOOD

    # The flooded room stays small for everyone who joins it afterwards.
    latecomer = join_as(server, clients, flooded, "Latecomer")
    assert len(latecomer.model.ideas) == len(accepted)
    assert [
        i["text"]
        for i in server.get_json(f"/api/roundtables/{other.roundtable_id}")["prompts"][0]["ideas"]
    ] == [f"Shade {n}" for n in range(10)]


def test_guessing_join_codes_is_slowed_for_the_whole_address(
    launch: Spawn, clients: list[RoomClient]
) -> None:
    server = launch(extra_env={"FACILITATION_JOIN_ATTEMPTS_PER_MINUTE": "60"})
    room = open_room(server, clients)
    guessers = [RoomClient(f"guesser {n}") for n in range(10)]
    clients.extend(guessers)
    for guesser in guessers:
        guesser.connect(server.url)

    def guess(n: int) -> str:
        ack = guessers[n % 10].call("roundtable.join", {"join_code": f"ZZZZ{n % 23:02d}"[:6]})
        return "rate_limited" if refused_for_rate(ack) else ack["error"]["code"]

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(guess, range(200)))
    # Without a name a join says nothing about the code; past the allowance, only to wait.
    assert set(answers) == {"name_required", "rate_limited"}
    assert 60 <= answers.count("name_required") <= 65
    # The wrong-code page in a browser shares the allowance.
    page = requests.get(f"{server.url}/join/ZZZZZZ", timeout=HTTP_TIMEOUT)
    assert page.status_code == 429 and int(page.headers["Retry-After"]) >= 1

    # The real delegate at that address waits a second, not a quarter of an hour.
    time.sleep(1.1)
    delegate = RoomClient("delegate")
    clients.append(delegate)
    delegate.connect(server.url)
    assert delegate.join(room.join_code, name="Delegate")["role"] == "participant"


def test_staff_passwords_and_tokens_cannot_be_tried_at_speed(launch: Spawn) -> None:
    server = launch()
    browser = requests.Session()

    def sign_in(password: str) -> requests.Response:
        page = browser.get(f"{server.url}/login", timeout=HTTP_TIMEOUT)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert csrf is not None
        return browser.post(
            f"{server.url}/login",
            data={"email": "facilitator@example.org", "password": password, "csrf": csrf[1]},
            allow_redirects=False,
            timeout=HTTP_TIMEOUT,
        )

    # Each wrong password costs the server a real hash check, so the first refusal comes
    # after ten attempts plus whatever the allowance refilled meanwhile (one per six seconds).
    started = time.monotonic()
    answers: list[int] = []
    while 429 not in answers and len(answers) < 40:
        answers.append(sign_in(f"guess-{len(answers)}").status_code)
    elapsed = time.monotonic() - started
    assert answers[-1] == 429 and set(answers[:-1]) == {200}, answers
    assert 10 <= answers.count(200) <= 10 + int(elapsed / 6) + 1, (answers, elapsed)
    refused = sign_in(STAFF_PASSWORD)
    assert refused.status_code == 429
    wait = int(refused.headers["Retry-After"])
    assert 1 <= wait <= 6

    # A wrong API token on a socket comes from the same address and shares the allowance.
    guesser = socketio.Client(reconnection=False)
    refusals: list[Any] = []
    guesser.on("connect_error", refusals.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        guesser.connect(
            server.url, auth={"token": "rt_guess"}, transports=["websocket"], wait_timeout=10
        )
    assert refusals and "Too many wrong API tokens" in refusals[0]["message"], refusals
    assert refusals[0]["data"]["code"] == "rate_limited" and refusals[0]["data"]["retry_after"] >= 1
    time.sleep(wait)
    assert sign_in(STAFF_PASSWORD).status_code == 302
