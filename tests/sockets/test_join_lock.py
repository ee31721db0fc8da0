"""Joining builds the snapshot outside the writers' turn, so a big room holds no one up."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from facilitation.services import roundtables
from tests.rooms import Room


def writers_free(room: Room) -> bool:
    """Whether another thread could take the process's write lock right now."""
    lock = room.app.extensions["facilitation"].db._writer
    free: list[bool] = []

    def probe() -> None:
        taken = lock.acquire(blocking=False)
        if taken:
            lock.release()
        free.append(taken)

    thread = threading.Thread(target=probe)
    thread.start()
    thread.join()
    return free[0]


@pytest.mark.parametrize("who", ["participant", "staff"])
def test_the_join_snapshot_is_built_while_others_may_write(
    room: Room, who: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    build = roundtables.snapshot

    def watched(*args: Any, **kwargs: Any) -> dict[str, Any]:
        seen.append(writers_free(room))
        return build(*args, **kwargs)

    monkeypatch.setattr(roundtables, "snapshot", watched)
    if who == "participant":
        room.participant("Ana")
    else:
        room.staff_member(room.staff)
    assert seen == [True]
