"""Two rapporteurs on one roundtable, against the real server: typing notes at the same moment
and editing the same outcome, nothing either was told was saved is lost or silently replaced."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import socketio

from tests.conftest import acked
from tests.live.conftest import Spawn
from tests.live.server import STAFF_PASSWORD, LiveServer, run_cli

pytestmark = pytest.mark.live

LINES_EACH = 15


def rapporteur_token(server: LiveServer, email: str) -> str:
    run_cli(
        server.env,
        "user",
        "create",
        email,
        "--name",
        email.split("@")[0].title(),
        "--role",
        "rapporteur",
        "--password-stdin",
        stdin=STAFF_PASSWORD + "\n",
    )
    return run_cli(server.env, "token", "create", email).strip().splitlines()[-1]


def joined(server: LiveServer, token: str, join_code: str) -> socketio.SimpleClient:
    client = socketio.SimpleClient()
    client.connect(server.url, auth={"token": token}, transports=["websocket"])
    acked(client.call("roundtable.join", {"join_code": join_code}, timeout=20))
    return client


def test_two_rapporteurs_at_once_lose_nothing(launch: Spawn) -> None:
    server = launch()
    roundtable = server.create_roundtable("Resilient cities")
    tokens = [rapporteur_token(server, f"{name}@example.org") for name in ("ada", "bo")]
    writers = [joined(server, token, roundtable["join_code"]) for token in tokens]
    saved: dict[str, list[str]] = {"ada": [], "bo": []}
    problems: list[Any] = []

    def type_notes(client: socketio.SimpleClient, who: str) -> None:
        """Add a line at a time to the notes as last seen, as an autosave does."""
        text, version = "", 0
        for n in range(LINES_EACH):
            line = f"{who} {n}\n"
            ack = client.call(
                "notes.save", {"text": text + line, "base_version": version}, timeout=20
            )
            if not ack.get("ok"):
                problems.append(ack)
                return
            saved[who].append(line)
            text, version = ack["notes"]["text"], ack["notes"]["version"]

    threads = [
        threading.Thread(target=type_notes, args=(client, who))
        for client, who in zip(writers, saved, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert problems == []
    final = acked(writers[0].call("workspace.load", {}, timeout=20))["notes"]
    # Every line either writer was told was saved is in the notes, once.
    for line in saved["ada"] + saved["bo"]:
        assert final["text"].count(line) == 1, (line, final["text"])
    assert len(saved["ada"]) == len(saved["bo"]) == LINES_EACH
    assert final["version"] <= 2 * LINES_EACH

    # Both edit the same outcome from the same version at once: one wins, the other is told.
    made = acked(writers[0].call("outcome.create", {"kind": "decision", "text": "Adopt"}))
    outcome_id = made["outcome"]["id"]
    answers: dict[str, Any] = {}

    def edit(client: socketio.SimpleClient, who: str) -> None:
        answers[who] = client.call(
            "outcome.update",
            {"outcome_id": outcome_id, "version": 1, "text": f"Adopt, says {who}"},
            timeout=20,
        )

    racers = [
        threading.Thread(target=edit, args=(client, who))
        for client, who in zip(writers, ("ada", "bo"), strict=True)
    ]
    for thread in racers:
        thread.start()
    for thread in racers:
        thread.join(timeout=60)
    won = [who for who, ack in answers.items() if ack.get("ok")]
    lost = [who for who, ack in answers.items() if not ack.get("ok")]
    assert len(won) == 1 and len(lost) == 1, answers
    refusal = answers[lost[0]]
    assert refusal["error"]["code"] == "edit_conflict"
    assert refusal["outcome"]["text"] == f"Adopt, says {won[0]}"
    stored = acked(writers[1].call("workspace.load", {}, timeout=20))["outcomes"]
    assert [(o["text"], o["version"]) for o in stored] == [(f"Adopt, says {won[0]}", 2)]
    for client in writers:
        client.disconnect()
