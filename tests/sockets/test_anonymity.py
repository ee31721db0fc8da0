"""Anonymity is a promise: what was posted anonymously is never named afterwards, to any
audience, live, on coming back, or on catching up."""

from __future__ import annotations

import json

import pytest

from tests.conftest import acked
from tests.rooms import Room
from tests.sockets.facilitating import come_back, post, reply, staff_join, steer

NAME, CITY = "Secretname", "Secretville"


def anonymous_then_named(room: Room, *, per_prompt: bool) -> tuple[int, str]:
    """An idea and a reply posted anonymously, then the setting switched to named."""
    if per_prompt:
        prompt_id = room.open_prompt(attribution="anonymous")
    else:
        steer(room, "roundtable.configure", attribution="anonymous")
        prompt_id = room.open_prompt()
    author = room.participant(NAME, affiliation=CITY)
    idea = post(room, author, prompt_id, "Confidential: our drainage data is outdated")
    reply(room, author, prompt_id, idea["id"], "And nobody admits it")
    if per_prompt:
        steer(room, "prompt.configure", prompt_id=prompt_id, attribution="named")
    else:
        steer(room, "roundtable.configure", attribution="named")
    return prompt_id, author.token


@pytest.mark.parametrize("per_prompt", [False, True], ids=["roundtable", "prompt"])
def test_switching_to_named_names_no_one_who_posted_anonymously(
    room: Room, per_prompt: bool
) -> None:
    watcher = room.participant("Watcher")
    start = int(watcher.joined["seq"])
    room.quiet()
    _, token = anonymous_then_named(room, per_prompt=per_prompt)
    heard_live = json.dumps([watcher.events(), room.facilitator.events()])
    seen = {
        "live": heard_live,
        "participant coming back": json.dumps(come_back(room, watcher)),
        "newcomer": json.dumps(room.participant("Newcomer").joined),
        "staff coming back": json.dumps(staff_join(room)),
        "participant catching up": json.dumps(
            acked(watcher.emit("roundtable.sync", {"since_seq": start}))
        ),
        "staff catching up": json.dumps(
            acked(room.facilitator.emit("roundtable.sync", {"since_seq": 0}))
        ),
        "staff over HTTP": json.dumps(room.snapshot()),
    }
    for where, text in seen.items():
        assert "drainage data" in text or where == "live", where
        assert NAME not in text, where
        assert CITY not in text, where
    author_again = room.connect({"participant_token": token})
    mine = acked(author_again.emit("roundtable.join", {"join_code": room.join_code}))
    assert mine["participant"]["name"] == NAME  # the author still knows who they are


def test_an_idea_posted_after_switching_to_named_is_named(room: Room) -> None:
    prompt_id, _ = anonymous_then_named(room, per_prompt=False)
    ana = room.participant("Ana", affiliation="Lisbon")
    idea = post(room, ana, prompt_id, "Flood sensors")
    assert (idea["author"], idea["affiliation"], idea["attribution"]) == ("Ana", "Lisbon", "named")
