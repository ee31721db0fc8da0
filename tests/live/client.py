"""A python-socketio client that keeps its own model of a room, as a browser tab would.

The model starts from the snapshot in the join ack and then changes only by
the events the client receives, applied strictly in `seq` order. python-socketio
runs every incoming event in its own thread, so events can arrive out of
order: one that is ahead waits in `pending`. A gap that stays open longer than
GAP_GRACE is treated as a loss and closed with `roundtable.sync`.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import socketio

from tests.conftest import acked
from tests.live.server import LiveServer

SERVER_EVENTS = (
    "prompt.created",
    "prompt.updated",
    "idea.created",
    "idea.updated",
    "vote.tally",
    "participants.count",
)
ACK_TIMEOUT = 20.0
CONNECT_TIMEOUT = 10.0
GAP_GRACE = 1.0


@dataclass
class RoomModel:
    """What a client knows of the room: prompts, ideas with their votes, the head count."""

    prompts: dict[int, dict[str, Any]] = field(default_factory=dict)
    ideas: dict[int, dict[str, Any]] = field(default_factory=dict)
    participants: int = 0
    queue: dict[str, Any] | None = None  # each audience's own version: not compared
    spotlight: int | None = None
    announced: set[int] = field(default_factory=set)
    anomalies: list[str] = field(default_factory=list)

    @classmethod
    def from_snapshot(cls, snapshot: dict[str, Any]) -> RoomModel:
        model = cls(
            participants=snapshot["participants"],
            queue=snapshot.get("queue"),
            spotlight=snapshot["roundtable"].get("spotlight_idea_id"),
        )
        for prompt in snapshot["prompts"]:
            model._set_prompt(prompt)
            for idea in prompt["ideas"]:
                model._set_idea({**idea, "prompt_id": prompt["id"]})
        return model

    def _set_prompt(self, prompt: dict[str, Any]) -> None:
        # The answered kinds' and statements' results travel with the prompt too.
        keys = ("text", "kind", "status", "responses", "results")
        self.prompts[prompt["id"]] = {k: prompt[k] for k in keys if k in prompt}

    def _set_idea(self, idea: dict[str, Any]) -> None:
        keys = ("prompt_id", "text", "author", "votes", "answered", "opinions")
        self.ideas[idea["id"]] = {k: idea[k] for k in keys if k in idea}

    def apply(self, name: str, payload: dict[str, Any]) -> None:
        """Change the model by one event; anything inconsistent is noted, not ignored.

        Every event carries absolute values (a tally, a head count, a whole idea), so
        applying one that a newer snapshot already reflects changes nothing.
        """
        if name in ("prompt.created", "prompt.updated"):
            prompt = payload["prompt"]
            if name == "prompt.updated" and prompt["id"] not in self.prompts:
                self.anomalies.append(f"prompt.updated for unknown prompt {prompt['id']}")
            self._set_prompt(prompt)
        elif name == "idea.created":
            # A join snapshot may already hold the idea (it is never older than its seq), so
            # only an idea announced twice in the stream itself is a duplicate.
            idea = payload["idea"]
            if idea["id"] in self.announced:
                self.anomalies.append(f"idea {idea['id']} was created twice")
            self.announced.add(idea["id"])
            self._set_idea(idea)
        elif name == "idea.updated":
            if payload["idea"]["id"] not in self.ideas:
                self.anomalies.append(f"idea.updated for unknown idea {payload['idea']['id']}")
            self._set_idea(payload["idea"])
        elif name == "vote.tally":
            if payload["idea_id"] not in self.ideas:
                self.anomalies.append(f"vote.tally for unknown idea {payload['idea_id']}")
                return
            self.ideas[payload["idea_id"]]["votes"] = payload["votes"]
        elif name == "results.updated":
            prompt = self.prompts.get(payload["prompt_id"])
            if prompt is None:
                self.anomalies.append(f"results.updated for unknown prompt {payload['prompt_id']}")
                return
            prompt["responses"], prompt["results"] = payload["responses"], payload["results"]
        elif name == "opinion.tally":
            if payload["idea_id"] not in self.ideas:
                self.anomalies.append(f"opinion.tally for unknown idea {payload['idea_id']}")
                return
            self.ideas[payload["idea_id"]]["opinions"] = payload["opinions"]
        elif name == "queue.updated":
            self.queue = payload["queue"]
        elif name == "roundtable.updated":
            self.spotlight = payload["roundtable"].get("spotlight_idea_id")
        elif name == "participants.count":
            self.participants = payload["participants"]
        else:
            self.anomalies.append(f"unexpected event {name}")

    def state(self) -> dict[str, Any]:
        """The parts every client and the server must agree on."""
        return {
            "prompts": {pid: dict(p) for pid, p in sorted(self.prompts.items())},
            "ideas": {iid: dict(i) for iid, i in sorted(self.ideas.items())},
            "participants": self.participants,
            "spotlight": self.spotlight,
        }


class RoomClient:
    """One Socket.IO connection at a time, and the model of the room it has built."""

    def __init__(self, label: str, *, lose: frozenset[int] = frozenset()) -> None:
        self.label = label
        # Ordinals of received events to throw away, as a lossy network would.
        self.lose = lose
        self.lost: list[int] = []
        self.sio: socketio.Client | None = None
        self.model = RoomModel()
        self.seq: int | None = None
        self.join_seq: int | None = None
        self.applied: list[int] = []
        self.received: list[tuple[str, dict[str, Any]]] = []
        self.participant: dict[str, Any] | None = None
        self.role: str | None = None
        self.syncs = 0
        self.resets = 0
        self.errors: list[str] = []
        self.disconnected = threading.Event()
        self._pending: dict[int, tuple[str, dict[str, Any]]] = {}
        self._cond = threading.Condition()
        self._sync_lock = threading.Lock()

    # connection

    def connect(
        self,
        url: str,
        *,
        auth: dict[str, Any] | None = None,
        origin: str | None = None,
        transports: tuple[str, ...] = ("websocket",),
        headers: dict[str, str] | None = None,
    ) -> None:
        """Open a new connection (a client may reconnect this way after `drop`)."""
        sio = socketio.Client(
            reconnection=False,
            request_timeout=CONNECT_TIMEOUT,
            websocket_extra_options={"origin": origin} if origin else None,
        )
        for name in SERVER_EVENTS:
            sio.on(name, functools.partial(self._receive, name))
        sio.on("disconnect", self._on_disconnect)
        self.disconnected.clear()
        sio.connect(
            url,
            auth=auth,
            headers=headers or {},
            transports=list(transports),
            wait_timeout=CONNECT_TIMEOUT,
        )
        self.sio = sio

    def reconnect(self, url: str) -> None:
        """Come back as the same participant on a fresh connection."""
        assert self.participant is not None, "only a participant can come back with its token"
        self.connect(url, auth={"participant_token": self.participant["token"]})

    def _on_disconnect(self, *_reason: Any) -> None:
        self.disconnected.set()

    def drop(self) -> None:
        """Disconnect, keeping the model, as a phone losing the venue Wi-Fi would."""
        if self.sio is not None:
            self.sio.disconnect()
        assert self.disconnected.wait(CONNECT_TIMEOUT), f"{self.label} did not disconnect"

    def close(self) -> None:
        if self.sio is not None and self.sio.connected:
            self.sio.disconnect()

    # requests

    def call(self, event: str, payload: Any, timeout: float = ACK_TIMEOUT) -> dict[str, Any]:
        """Emit and wait for the ack."""
        assert self.sio is not None, f"{self.label} is not connected"
        ack = self.sio.call(event, payload, timeout=timeout)
        assert isinstance(ack, dict), f"{self.label}: {event} acked with {ack!r}"
        return ack

    def ok(self, event: str, payload: Any) -> dict[str, Any]:
        """Emit and return the ack, failing the test unless it is ok."""
        return acked(self.call(event, payload))

    def join(self, join_code: str, name: str | None = None) -> dict[str, Any]:
        """Join the room; the first join's snapshot becomes the model."""
        payload: dict[str, Any] = {"join_code": join_code}
        if name is not None:
            payload["name"] = name
        ack = self.ok("roundtable.join", payload)
        self.role = ack["role"]
        if "participant" in ack:
            self.participant = ack["participant"]
        with self._cond:
            if self.seq is None:
                self.model = RoomModel.from_snapshot(ack["snapshot"])
                self.seq = self.join_seq = ack["seq"]
                self._drain()
        return ack

    def sync(self, *, only_if_behind: bool = False) -> None:
        """Ask for everything after the last applied seq and apply it."""
        with self._sync_lock:
            with self._cond:
                if only_if_behind and not self._pending:
                    return  # an earlier sync closed the gap
                since = self.seq
                if since is None:
                    return
            ack = self.ok("roundtable.sync", {"since_seq": since})
            with self._cond:
                self.syncs += 1
                if "events" in ack:
                    for entry in ack["events"]:
                        payload = dict(entry)
                        self._add(payload.pop("type"), payload)
                else:
                    self.resets += 1
                    self.model = RoomModel.from_snapshot(ack["snapshot"])
                    self.seq = ack["seq"]
                self._drain()

    # events

    def _receive(self, name: str, payload: dict[str, Any]) -> None:
        with self._cond:
            self.received.append((name, payload))
            if len(self.received) in self.lose:
                self.lost.append(payload["seq"])
                return
            self._add(name, payload)
            self._drain()
            if self.seq is None or not self._pending:
                return
            # Events run in threads of their own: give a late one a moment before resyncing.
            if self._cond.wait_for(lambda: not self._pending, timeout=GAP_GRACE):
                return
        try:
            self.sync(only_if_behind=True)
        except Exception as error:
            if self.sio is not None and self.sio.connected:
                self.errors.append(f"sync after a gap failed: {error!r}")

    def _add(self, name: str, payload: dict[str, Any]) -> None:
        seq = payload["seq"]
        if self.seq is not None and seq <= self.seq:
            return  # already in the model, through the snapshot, a sync or live
        earlier = self._pending.setdefault(seq, (name, payload))
        if earlier != (name, payload):
            self.errors.append(f"seq {seq} arrived as {earlier} and as {(name, payload)}")

    def _drain(self) -> None:
        if self.seq is None:
            return
        for seq in [s for s in self._pending if s <= self.seq]:
            del self._pending[seq]
        while self.seq + 1 in self._pending:
            self.seq += 1
            name, payload = self._pending.pop(self.seq)
            self.model.apply(name, payload)
            self.applied.append(self.seq)
        self._cond.notify_all()

    # waiting

    def wait_until(self, predicate: Callable[[], bool], timeout: float, what: str) -> None:
        with self._cond:
            if not self._cond.wait_for(predicate, timeout=timeout):
                raise AssertionError(f"{self.label}: timed out after {timeout}s waiting for {what}")

    def wait_for_seq(self, seq: int, timeout: float = 20.0) -> None:
        self.wait_until(lambda: self.seq is not None and self.seq >= seq, timeout, f"seq {seq}")

    def wait_for_event(
        self, name: str, predicate: Callable[[dict[str, Any]], bool], timeout: float = 10.0
    ) -> dict[str, Any]:
        """The first event of that name, received live, for which the predicate holds."""
        found: list[dict[str, Any]] = []

        def seen() -> bool:
            found[:] = [p for n, p in self.received if n == name and predicate(p)]
            return bool(found)

        self.wait_until(seen, timeout, f"a matching {name}")
        return found[0]

    def check_stream(self) -> None:
        """The applied seqs run from the join snapshot's seq upward, one by one."""
        assert self.join_seq is not None, f"{self.label} never joined"
        assert self.seq is not None
        expected = list(range(self.join_seq + 1, self.seq + 1))
        assert self.applied == expected, f"{self.label}: applied seqs {self.applied}"
        assert not self.model.anomalies, f"{self.label}: {self.model.anomalies}"
        assert not self.errors, f"{self.label}: {self.errors}"
        assert self.resets == 0, f"{self.label} had to fall back to a snapshot"


class OpenRoom(NamedTuple):
    roundtable_id: int
    join_code: str
    prompt_id: int


def open_room(server: LiveServer, clients: list[RoomClient]) -> OpenRoom:
    """A roundtable with an open prompt, set up by the server's facilitator over Socket.IO."""
    roundtable = server.create_roundtable()
    staff = RoomClient("staff")
    clients.append(staff)
    staff.connect(server.url, auth={"token": server.token})
    staff.join(roundtable["join_code"])
    prompt = staff.ok("prompt.create", {"text": "Where do people wait in the sun?"})["prompt"]
    staff.ok("prompt.open", {"prompt_id": prompt["id"]})
    return OpenRoom(roundtable["id"], roundtable["join_code"], prompt["id"])


def join_as(server: LiveServer, clients: list[RoomClient], room: OpenRoom, name: str) -> RoomClient:
    """A new participant, connected and joined."""
    client = RoomClient(name)
    clients.append(client)
    client.connect(server.url)
    client.join(room.join_code, name=name)
    return client
