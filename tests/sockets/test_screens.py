"""Big screens over Socket.IO: read-only, one roundtable, the room's version and nothing more."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import acked
from tests.rooms import Member, Room

ALICE, BOB = "Alice Anonymous", "Bob Bystander"
SECRETS = ("Hidden plan", "Awaiting approval", "Private thought", ALICE, "Lisbon")


def presenter_link(room: Room, method: str = "post") -> str:
    """Create (or rotate) the room's presenter link through the API; its token."""
    client = room.app.test_client()
    response = getattr(client, method)(
        f"/api/roundtables/{room.roundtable_id}/presenter-link", headers=room.staff.headers
    )
    assert response.status_code == 201, response.get_json()
    url: str = response.get_json()["url"]
    return url.rsplit("/", 1)[-1]


def revoke(room: Room) -> None:
    response = room.app.test_client().delete(
        f"/api/roundtables/{room.roundtable_id}/presenter-link", headers=room.staff.headers
    )
    assert response.status_code == 204


def screen(room: Room, token: str) -> Member:
    """A big screen that came in through the link and joined with the join code."""
    member = room.connect({"screen_token": token})
    assert member.client.is_connected()
    member.joined = acked(member.emit("roundtable.join", {"join_code": room.join_code}))
    return member


def leaks(seen: Any) -> list[str]:
    """What of the secrets appears anywhere in what a screen was sent."""
    text = json.dumps(seen, ensure_ascii=False)
    found = [secret for secret in SECRETS if secret in text]
    if '"author_id"' in text:
        found.append("author_id")
    return found


def busy_room(room: Room) -> dict[str, int]:
    """A room where participants may not see everything: an anonymous prompt with a hidden
    idea, a pre-moderated one with a pending idea, a private brainstorm, hidden tallies."""
    alice = room.participant(ALICE, affiliation="Lisbon")
    bob = room.participant(BOB)
    open_anon = room.open_prompt("Anonymous", attribution="anonymous", hide_tallies=True)
    shown = room.idea(alice, open_anon, "Shade trees")
    hidden = room.idea(alice, open_anon, "Hidden plan")
    acked(room.facilitator.emit("idea.hide", {"idea_id": hidden}))
    room.vote(bob, shown)
    moderated = room.open_prompt("Moderated", premoderate=True, attribution="anonymous")
    room.idea(alice, moderated, "Awaiting approval")
    private = room.open_prompt("Private", private=True, attribution="anonymous")
    room.idea(alice, private, "Private thought")
    room.quiet()
    return {"anonymous": open_anon, "moderated": moderated, "private": private, "shown": shown}


def test_a_screen_joins_as_a_screen_and_sees_the_rooms_version(room: Room) -> None:
    prompts = busy_room(room)
    shown = screen(room, presenter_link(room))
    assert shown.joined["role"] == "screen"
    assert "participant" not in shown.joined
    snapshot = shown.joined["snapshot"]
    assert leaks(snapshot) == []
    ideas = {idea["id"]: idea for prompt in snapshot["prompts"] for idea in prompt["ideas"]}
    visible = ideas[prompts["shown"]]
    assert visible["text"] == "Shade trees"
    assert visible["author"] is None and visible["affiliation"] is None
    assert visible["votes"] is None  # tallies hidden from the room
    # The secrets are there to leak: the staff's own view holds them all.
    assert set(leaks(room.snapshot())) == {*SECRETS, "author_id"} - {ALICE, "Lisbon"}


def test_a_screen_hears_exactly_what_a_participant_hears(room: Room) -> None:
    prompts = busy_room(room)
    shown = screen(room, presenter_link(room))
    carol = room.participant("Carol")
    alice = room.participant(ALICE, affiliation="Lisbon")
    room.quiet()
    # Live, an idea is seen as it is posted (hiding it later is news of its own); what the
    # room may not see (an author, a pending or a private idea) never reaches the screen.
    shade = _post(room, alice, prompts["anonymous"], "Cool roofs")
    _post(room, alice, prompts["private"], "Private thought")
    _post(room, alice, prompts["moderated"], "Awaiting approval")
    acked(room.facilitator.emit("idea.hide", {"idea_id": shade}))
    heard = shown.events()
    assert heard, "the screen heard nothing"
    assert heard == carol.events()
    assert leaks(heard) == []
    assert any(
        name == "idea.created" and payload["idea"].get("text") == "Cool roofs"
        for name, payload in heard
    )


def _post(room: Room, author: Member, prompt_id: int, text: str) -> int:
    """An idea posted without draining what the others heard."""
    payload = {"prompt_id": prompt_id, "text": text, "client_id": f"c-{text}"}
    return int(acked(author.emit("idea.create", payload))["idea"]["id"])


def test_catching_up_gives_a_screen_the_rooms_version(room: Room) -> None:
    busy_room(room)
    carol = room.participant("Carol")
    shown = screen(room, presenter_link(room))
    caught_up = acked(shown.emit("roundtable.sync", {"since_seq": 0}))
    assert caught_up["events"]
    assert leaks(caught_up) == []
    assert caught_up["events"] == acked(carol.emit("roundtable.sync", {"since_seq": 0}))["events"]


WRITES: list[tuple[str, dict[str, Any]]] = [
    ("prompt.create", {"text": "Take over"}),
    ("prompt.open", {"prompt_id": 1}),
    ("prompt.close", {"prompt_id": 1}),
    ("prompt.configure", {"prompt_id": 1, "private": False}),
    ("prompt.phase", {"prompt_id": 1, "phase": "results"}),
    ("prompt.reveal", {"prompt_id": 1}),
    ("timer.start", {"prompt_id": 1, "seconds": 60}),
    ("roundtable.configure", {"attribution": "named"}),
    ("roundtable.focus", {"prompt_id": None}),
    ("roundtable.end", {}),
    ("idea.create", {"prompt_id": 1, "text": "From the screen", "client_id": "s1"}),
    ("idea.update", {"idea_id": 1, "text": "Changed"}),
    ("idea.delete", {"idea_id": 1}),
    ("idea.react", {"idea_id": 1, "emoji": "👍"}),
    ("idea.hide", {"idea_id": 1}),
    ("idea.restore", {"idea_id": 2}),
    ("idea.approve", {"idea_id": 3}),
    ("idea.spotlight", {"idea_id": 1}),
    ("vote.cast", {"idea_id": 1}),
    ("vote.retract", {"idea_id": 1}),
    ("theme.create", {"prompt_id": 1, "name": "Trees"}),
    ("theme.suggest", {"prompt_id": 1}),
]


def test_a_screen_may_not_write_anything(room: Room) -> None:
    busy_room(room)
    shown = screen(room, presenter_link(room))
    for event, payload in WRITES:
        room.refuses(shown, event, payload, code="forbidden")


def test_a_screen_cannot_join_another_roundtable(room: Room, other_room: Room) -> None:
    shown = screen(room, presenter_link(room))
    ack = shown.emit("roundtable.join", {"join_code": other_room.join_code})
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    # Nor can another roundtable's link open this one.
    elsewhere = other_room.connect({"screen_token": presenter_link(other_room)})
    ack = elsewhere.emit("roundtable.join", {"join_code": room.join_code})
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    other_room.quiet()
    _post_in(other_room, "Elsewhere")
    assert shown.events() == []


def _post_in(room: Room, text: str) -> None:
    prompt_id = room.open_prompt()
    room.idea(room.participant("Dana"), prompt_id, text)


def test_revoking_sends_screens_away(room: Room) -> None:
    shown = screen(room, presenter_link(room))
    staff_screen = room.connect({"token": room.staff.token, "screen_of": room.roundtable_id})
    acked(staff_screen.emit("roundtable.join", {"join_code": room.join_code}))
    room.quiet()
    revoke(room)
    assert not shown.client.is_connected()
    assert [m["name"] for m in shown.client.queue] == ["screen.revoked"]
    # The big screen a signed-in staff member opened has no link to lose.
    assert staff_screen.client.is_connected()
    assert staff_screen.events() == []


def test_a_revoked_link_cannot_connect_again(room: Room) -> None:
    token = presenter_link(room)
    revoke(room)
    refused = room.connect({"screen_token": token})
    assert not refused.client.is_connected()


def test_rotating_sends_the_old_links_screens_away(room: Room) -> None:
    old = screen(room, presenter_link(room))
    new_token = presenter_link(room)
    assert not old.client.is_connected()
    assert [m["name"] for m in old.client.queue] == ["screen.revoked"]
    new = screen(room, new_token)
    assert new.joined["role"] == "screen"


def test_a_screen_still_connected_after_revoking_is_refused_its_catch_up(room: Room) -> None:
    """Were its disconnect lost (another process, a dropped message), nothing more is read."""
    token = presenter_link(room)
    shown = screen(room, token)
    app = room.app
    with app.app_context():
        from facilitation.models import PresenterLink, utcnow

        with app.extensions["facilitation"].db.writing() as db:
            link = db.query(PresenterLink).one()
            link.revoked_at = utcnow()
            db.commit()
    ack = shown.emit("roundtable.sync", {"since_seq": 0})
    assert ack["ok"] is False and ack["error"]["code"] == "invalid_presenter_link"
    ack = shown.emit("roundtable.join", {"join_code": room.join_code})
    assert ack["ok"] is False and ack["error"]["code"] == "invalid_presenter_link"


@pytest.mark.parametrize("token", ["not-a-token", "", 42, None])
def test_a_wrong_token_refuses_the_connection(room: Room, token: Any) -> None:
    refused = room.connect({"screen_token": token})
    assert not refused.client.is_connected()


def test_wrong_tokens_are_limited_per_address(room: Room, limit: Any) -> None:
    token = presenter_link(room)
    limit(join_attempts=2)
    for _ in range(2):
        assert not room.connect({"screen_token": "wrong"}).client.is_connected()
    # The allowance is spent: even the right token waits now.
    assert not room.connect({"screen_token": token}).client.is_connected()


def test_the_staff_big_screen_sees_the_rooms_version_too(room: Room) -> None:
    busy_room(room)
    staff_screen = room.connect({"token": room.staff.token, "screen_of": room.roundtable_id})
    joined = acked(staff_screen.emit("roundtable.join", {"join_code": room.join_code}))
    assert joined["role"] == "screen"
    assert leaks(joined["snapshot"]) == []
    room.refuses(staff_screen, "prompt.create", {"text": "From the projector"}, code="forbidden")


def test_a_participant_cannot_open_a_screen_by_asking(room: Room) -> None:
    alice = room.participant(ALICE)
    sneaky = room.connect({"participant_token": alice.token, "screen_of": room.roundtable_id})
    ack = acked(sneaky.emit("roundtable.join", {"join_code": room.join_code}))
    assert ack["role"] == "participant"


@pytest.mark.parametrize("screen_of", ["1", True, 2**40, 9999])
def test_a_staff_screen_of_no_such_roundtable_is_refused(room: Room, screen_of: Any) -> None:
    refused = room.connect({"token": room.staff.token, "screen_of": screen_of})
    assert not refused.client.is_connected()
